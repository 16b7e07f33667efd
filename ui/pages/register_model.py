"""The register's rows as a paged ``QAbstractTableModel`` (never a widget filled with every row):
a page is read off the GUI thread when first shown (its rows say "Đang tải…" until it arrives),
its cells formatted once, and only a bounded number of pages is kept."""

from __future__ import annotations

import contextlib
import threading
import time
from datetime import datetime
from typing import NamedTuple

from ui.desk_line import fetch, line_of
from ui.pages.register_count import CountAfter
from ui.qt import QAbstractTableModel, QBrush, QColor, QModelIndex, Qt, QTimer, Signal, tr
from wardapp.calendar import Urgency
from wardapp.common import now_local
from wardapp.dossiers import STATUS_LABELS
from wardapp.dossiers import register as reg

# Rows per query.  A window shows about 30, so a jump needs at most two pages; 64 keeps each
# query short (200 measured p95 27–39 ms per jump on a million dossiers).
PAGE = 64
# Pages kept once loaded.  A window needs two; without a bound, a long scroll kept every page
# it passed (200 jumps: 25,000 formatted rows), and dropping them all on the next search took
# 7 ms of that search.
KEEP_PAGES = 32
KEYS = list(reg.COLUMNS)
BRUSHES = {
    "late": QBrush(QColor("#f8d7da")),
    "today": QBrush(QColor("#fff3cd")),
    "soon": QBrush(QColor("#e2f0fb")),
}
# Plain ints: comparing against Qt's enum members costs a lookup through shiboken on each call.
DISPLAY, BACKGROUND, TOOLTIP = (
    int(r.value) for r in (Qt.DisplayRole, Qt.BackgroundRole, Qt.ToolTipRole)
)
WANTED_ROLES = frozenset((DISPLAY, BACKGROUND, TOOLTIP))
HORIZONTAL = Qt.Horizontal  # an enum flag: equal to its own kind only, never to 1
LOADING = "Đang tải…"
# The id list is asked this long after the last (re)load, or at once when a row past the first
# page is painted.  Asked at once after every reload, each search typed and each save (which
# reloads the register) started a second-long read on a million dossiers, whose Python work
# slowed the GUI thread's next search and filter (search p95 99 ms against 45 ms, same load).
IDS_DELAY_MS = 400


class _Shown(NamedTuple):
    row: reg.Row
    cells: tuple[str, ...]
    brush: QBrush | None


def fmt_minute(v: datetime | None) -> str:
    """dd/mm/yyyy hh:mm; an f-string, as strftime costs three times more per cell."""
    if v is None:
        return ""
    return f"{v.day:02d}/{v.month:02d}/{v.year:04d} {v.hour:02d}:{v.minute:02d}"


class RegisterModel(CountAfter, QAbstractTableModel):
    """The first page comes from a ``LIMIT`` query, so the table shows at once.  Soon after
    it, the list of matching ids in display order (8 bytes a dossier) is read off the GUI
    thread, once per filter/sort: on a million dossiers it takes a second, which froze the first
    scroll when it was read there (issue 19).  Until it arrives rows past the first page show
    "Đang tải…"; after that any row, even the millionth, is one query by ``PAGE`` ids."""

    arrived = Signal(object, bool, object)  # without a window: whom to tell, ok, the answer
    filled = Signal(int, int)  # rows first..last now show their dossiers
    counted = Signal()  # a search's count, asked after its first page, has arrived

    def __init__(self, ward, owner=None):
        super().__init__()
        self.arrived.connect(lambda deliver, ok, value: deliver(ok, value))
        self._generation = 0  # a list read for older filters is dropped, never shown
        self._reading = False  # an id list is being read (one at a time, whatever its filters)
        self._needs_ids = False  # more rows match than the first page holds
        # the page's child: a window closed (its page deleted) asks nothing afterwards
        self._ask_later = QTimer(owner or self, singleShot=True, interval=IDS_DELAY_MS)
        self._ask_later.timeout.connect(self._ask_ids)
        # pages painted as "Đang tải…" are asked together once the paint is over
        self._ask_pages = QTimer(owner or self, singleShot=True, interval=0)
        self._ask_pages.timeout.connect(self._flush_pages)
        self._wanted: set[int] = set()  # painted as placeholders since the last ask
        self._asking: set[int] = set()  # being read now (one read at a time)
        self._next: set[int] = set()  # the newest wanted, asked when the read ends
        self._watching = False  # connected to the window's line going and coming back
        self.ward = ward
        self.filters = reg.Filters()
        self.sort_key, self.descending = "received", True
        self._count = 0
        self._counting = ""  # see CountAfter
        self._pages: dict[int, list[_Shown]] = {}
        self._ids = None
        self._headers = [tr(reg.COLUMNS[k][0]) for k in KEYS]
        self.now = now_local()  # empty until the screen sets its filters (one query, not two)
        self._urgency: Urgency | None = None
        self.owner = owner  # the page: its window's line runs the queries

    def reload(self, counted: bool = False) -> bool:
        """The count and first page, read on the window's line (``ui.desk_line``, off the GUI
        thread, with its deadline); the database out of reach, the rows shown stay (False).
        ``counted``: the count with the page, never after it (a refresh keeps the selected
        row, which may lie past the first page)."""
        now = now_local()
        rules = self.ward.rules()
        ok, got = fetch(
            self.owner,
            first_page,
            self.ward,
            self.filters,
            rules,
            now,
            self.sort_key,
            self.descending,
            counted,
        )
        if not ok:
            return False
        self.beginResetModel()
        self.now = now
        soon = int(rules.settings["soon_working_days"])
        self._urgency = Urgency(rules.calendar, self.now, soon)
        self._pages.clear()
        self._ids = None
        self._generation += 1
        self._wanted, self._asking, self._next = set(), set(), set()
        self._count, first = got
        self._counting = "counting" if self._count is None else ""
        if self._counting:
            self._count = len(first)
        self._pages[0] = [self._present(r) for r in first]
        self.endResetModel()
        if self._counting:  # no id list before the count says how many rows there are
            self._needs_ids = False
            self._ask_later.stop()
            self._ask_count()
            return True
        self._after_count()
        return True

    def _ask_ids(self) -> None:
        """Read the id list on the window's line (or a thread of its own without a window);
        its answer comes back queued into the GUI thread (``_behind``).  One read
        at a time: a clerk changing filters quickly would otherwise start a million-row read
        per change; the one running finishes, then the current filters' list is asked."""
        if self._reading or self._ids is not None or self._counting:
            return
        self._reading = True
        gen = self._generation
        args = (self.ward, self.filters, self.ward.rules(), self.now)
        order = {"sort": self.sort_key, "descending": self.descending, "matches": self._count}
        self._behind(all_ids, *args, **order, on_answer=lambda ok, v: self._take_ids(gen, ok, v))

    def _behind(self, fn, *args, on_answer, **kwargs) -> None:
        """``fn`` on the window's line (with its deadline), or a thread of its own without a
        window; ``on_answer(ok, value)`` queued into the GUI thread."""
        line = line_of(self.owner)
        if line is not None:
            if not self._watching:  # back online: the pages and the list that waited are asked
                line.changed.connect(self._line_changed)
                self._watching = True
            line.submit(fn, *args, on_answer=on_answer, within_ms=line.deadline_ms, **kwargs)
            return

        def work() -> None:
            try:
                got = (True, fn(*args, **kwargs))
            except Exception as exc:  # noqa: BLE001 - judged in the GUI thread
                got = (False, exc)
            with contextlib.suppress(RuntimeError):  # the model went with its page meanwhile
                self.arrived.emit(on_answer, *got)

        threading.Thread(target=work, name="register-read", daemon=True).start()

    def _take_ids(self, gen: int, ok: bool, value) -> None:
        self._reading = False
        if gen != self._generation:  # filters or order changed meanwhile: never shown
            if self._needs_ids:
                self._ask_ids()
            return
        if not ok:  # asked again at the next paint past the first page, or once back online
            line = line_of(self.owner)
            if line is not None:
                line.failed(value)
            return
        self._ids = value
        if len(value) < self._count:  # a dossier left the filter between the two reads
            self._resize(len(value))
        if self._count:
            last = self.index(self._count - 1, len(KEYS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def wait_ids(self, timeout: float = 30.0) -> None:
        """For scripts and tests: let the id list arrive (the GUI keeps its events)."""
        self._wait(
            lambda: self._ids is not None or not (self._reading or self._ask_later.isActive()),
            timeout,
        )

    def wait_rows(self, first: int = 0, last: int | None = None, timeout: float = 30.0) -> None:
        """For scripts and tests: rows ``first..last`` loaded (asked if they were not)."""
        last = self._count - 1 if last is None else min(last, self._count - 1)
        self.wait_ids(timeout)
        pages = range(first // PAGE, last // PAGE + 1)
        for p in pages:
            self._shown(p * PAGE)  # asks it when missing
        self._wait(lambda: all(p in self._pages for p in pages) or self._ids is None, timeout)

    @staticmethod
    def _wait(done, timeout: float) -> None:
        from ui.qt import QApplication

        for _ in range(int(timeout * 100)):
            if done():
                return
            QApplication.processEvents()
            time.sleep(0.01)

    def set_filters(self, filters: reg.Filters) -> None:
        """The rows shown and ``filters`` stay a pair: filters whose rows could not be read
        are dropped, so an id list or a count asked later is for the rows on screen."""
        shown, self.filters = self.filters, filters
        if not self.reload():
            self.filters = shown

    def _shown(self, i: int) -> _Shown | None:
        if not 0 <= i < self._count:
            return None
        p = i // PAGE
        rows = self._pages.get(p)
        if rows is None:  # never read here: a far or silent server would freeze the painting
            if self._ids is None:
                self._ask_ids()
            elif p not in self._asking:
                self._wanted.add(p)
                if not self._ask_pages.isActive():
                    self._ask_pages.start()
            return None
        k = i - p * PAGE
        return rows[k] if k < len(rows) else None

    def _flush_pages(self) -> None:
        """Ask the pages the last paint wanted.  While a read runs they wait for it, replacing
        any wanted before them: a clerk dragging the scrollbar paints many pages on the way,
        and only where the drag ends is still on screen (a page passed is asked again if it
        is painted again)."""
        wanted, self._wanted = self._wanted - self._pages.keys(), set()
        if not wanted:
            return
        line = line_of(self.owner)
        if self._asking or (line is not None and not line.online):
            self._next = wanted  # asked when the read ends, or the server answers again
            return
        self._read_pages(wanted)

    def _read_pages(self, pages: set[int]) -> None:
        gen, ids = self._generation, self._ids
        self._asking = set(pages)
        chunks = {p: ids[p * PAGE : (p + 1) * PAGE] for p in sorted(pages)}
        self._behind(
            rows_by_page, self.ward, chunks, on_answer=lambda ok, v: self._take_pages(gen, ok, v)
        )

    def _take_pages(self, gen: int, ok: bool, value) -> None:
        if gen != self._generation:  # read for older filters: never shown
            return
        asked, self._asking = self._asking, set()
        if not ok:
            self._next |= asked  # asked again: at once if the database answers, else on return
            line = line_of(self.owner)
            if line is not None and line.failed(value):
                return
            from ui.errors import report_error

            report_error(self.owner, value)
            self._next = set()  # a fault, not the network: the next paint asks again
            return
        for p, got in value.items():
            self._pages.pop(p, None)
            self._pages[p] = [self._present(r) for r in got]
            first, last = p * PAGE, min(self._count, (p + 1) * PAGE) - 1
            if first <= last:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(KEYS) - 1))
                self.filled.emit(first, last)
        while len(self._pages) > max(KEEP_PAGES, len(value)):  # the oldest loaded first
            del self._pages[next(iter(self._pages))]
        self.resume()

    def _line_changed(self, up: bool) -> None:
        if up:
            if self._ids is None and self._needs_ids:
                self._ask_ids()
            self.resume()

    def resume(self) -> None:
        """Ask the pages that waited (for a read to end, or for the server to answer)."""
        waiting, self._next = self._next - self._pages.keys(), set()
        line = line_of(self.owner)
        if waiting and not self._asking:
            if line is not None and not line.online:
                self._next = waiting
            else:
                self._read_pages(waiting)

    def row(self, i: int) -> reg.Row | None:
        shown = self._shown(i)
        return None if shown is None else shown.row

    def _present(self, r: reg.Row) -> _Shown:
        """Every cell's text and the row's colour, once per row when its page loads: a repaint
        asks ``data`` some 800 times, so it must be a lookup, not formatting."""
        # a re-appointed dossier is coloured and marked by the date the applicant now holds
        state = self._urgency.of(r.shown_due, r.finished)
        mark = {
            "late": tr("⚠ Quá hạn · "),
            "today": tr("◷ Hôm nay · "),
            "soon": tr("◔ Sắp đến hạn · "),
        }.get(state, "")
        apology = tr(" · đã xin lỗi") if r.apology_count else ""
        if r.reappointed is not None and state != "late" and r.finished is None:
            mark, apology = mark or tr("↻ Hẹn lại · "), ""  # the mark says the apology
        cells = {
            "code": r.code,
            "status": mark + tr(STATUS_LABELS[r.status]) + apology,
            "applicant": r.applicant,
            "procedure": r.procedure,
            "field": r.field,
            "channel": tr(reg.CHANNEL_LABELS.get(r.channel, r.channel)),
            "received": fmt_minute(r.received),
            "due": fmt_minute(r.shown_due),
            "resolved": fmt_minute(r.resolved),
            "returned": fmt_minute(r.returned),
        }
        return _Shown(r, tuple(cells[k] for k in KEYS), BRUSHES.get(state))

    # -- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()):  # noqa: B008,N802 - Qt's signature
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent=QModelIndex()):  # noqa: B008,N802
        return len(KEYS)

    def headerData(self, section, orientation, role=DISPLAY):  # noqa: N802
        # asked ~800 times per reset (every row number, every role): ints, no enum lookups
        if role == DISPLAY and orientation == HORIZONTAL:
            return self._headers[section]
        return None

    def data(self, index, role=DISPLAY):
        if role not in WANTED_ROLES:  # Qt asks for a dozen roles per cell; answer three
            return None
        shown = self._shown(index.row())
        if shown is None:
            if role == DISPLAY and index.column() == 0 and 0 <= index.row() < self._count:
                return tr(LOADING)
            return None
        if role == DISPLAY:
            return shown.cells[index.column()]
        if role == BACKGROUND:
            return shown.brush
        r = shown.row
        tip = f"{r.code}\n{r.procedure}\n" + tr("Hẹn trả: {due}").format(
            due=fmt_minute(r.shown_due)
        )
        if r.reappointed is not None:
            tip += "\n" + tr("Hẹn trả ban đầu: {due} (báo cáo vẫn tính theo ngày này)").format(
                due=fmt_minute(r.due)
            )
        return tip

    def sort(self, column, order=Qt.AscendingOrder):
        key, descending = KEYS[column], order == Qt.DescendingOrder
        if (key, descending) == (self.sort_key, self.descending):
            return  # Qt re-announces the current order when sorting is switched on
        self.sort_key, self.descending = key, descending
        self.reload()


def first_page(ward, filters, rules, now, sort: str, descending: bool, counted: bool = False):
    """On a worker: the count (or None, to be asked after) and the first ``PAGE`` rows (plain
    values, no session kept)."""
    with ward.read() as s:
        return reg.first_page(
            s, filters, rules, now, limit=PAGE, sort=sort, descending=descending, counted=counted
        )


def rows_by_page(ward, chunks: dict[int, list[int]]) -> dict[int, list[reg.Row]]:
    """On a worker: the rows of each page asked, by their ids, in one session."""
    with ward.read() as s:
        return {p: reg.rows_by_id(s, ids) for p, ids in chunks.items()}


def all_ids(ward, filters, rules, now, **order):
    """On a worker: every matching id in display order (``reg.ids``), its own session."""
    with ward.read() as s:
        return reg.ids(s, filters, rules, now, **order)
