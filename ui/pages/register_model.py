"""The register's rows as a paged ``QAbstractTableModel`` (never a widget filled with every row):
a page is read when first shown, its cells formatted once, and only a bounded number of pages is
kept."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from ui.desk_line import fetch
from ui.qt import QAbstractTableModel, QBrush, QColor, QModelIndex, Qt, tr
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


class _Shown(NamedTuple):
    row: reg.Row
    cells: tuple[str, ...]
    brush: QBrush | None


def fmt_minute(v: datetime | None) -> str:
    """dd/mm/yyyy hh:mm; an f-string, as strftime costs three times more per cell."""
    if v is None:
        return ""
    return f"{v.day:02d}/{v.month:02d}/{v.year:04d} {v.hour:02d}:{v.minute:02d}"


class RegisterModel(QAbstractTableModel):
    """The first page comes from a ``LIMIT`` query, so the table shows at once.  Scrolling
    further loads the list of matching ids in display order (8 bytes a dossier) once per
    filter/sort; after that any row, even the millionth, is one query by ``PAGE`` ids."""

    def __init__(self, ward, owner=None):
        super().__init__()
        self.ward = ward
        self.filters = reg.Filters()
        self.sort_key, self.descending = "received", True
        self._count = 0
        self._pages: dict[int, list[_Shown]] = {}
        self._ids = None
        self._headers = [tr(reg.COLUMNS[k][0]) for k in KEYS]
        self.now = now_local()  # empty until the screen sets its filters (one query, not two)
        self._urgency: Urgency | None = None
        self.owner = owner  # the page: its window's line runs the queries

    def reload(self) -> None:
        """The count and first page, read on the window's line (``ui.desk_line``, off the GUI
        thread, with its deadline); the database out of reach, the rows shown stay."""
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
        )
        if not ok:
            return
        self.beginResetModel()
        self.now = now
        soon = int(rules.settings["soon_working_days"])
        self._urgency = Urgency(rules.calendar, self.now, soon)
        self._pages.clear()
        self._ids = None
        self._count, first = got
        self._pages[0] = [self._present(r) for r in first]
        self.endResetModel()

    def set_filters(self, filters: reg.Filters) -> None:
        self.filters = filters
        self.reload()

    def _load_page(self, s, p: int) -> list[reg.Row]:
        args = (s, self.filters, self.ward.rules(), self.now)
        order = {"sort": self.sort_key, "descending": self.descending, "matches": self._count}
        if self._ids is None:
            self._ids = reg.ids(*args, **order)
            self._count = min(self._count, len(self._ids))
        return reg.rows_by_id(s, self._ids[p * PAGE : (p + 1) * PAGE])

    def _shown(self, i: int) -> _Shown | None:
        if not 0 <= i < self._count:
            return None
        p = i // PAGE
        if p not in self._pages:
            with self.ward.read() as s:
                self._pages[p] = [self._present(r) for r in self._load_page(s, p)]
            if len(self._pages) > KEEP_PAGES:  # the oldest loaded first (dicts keep order)
                del self._pages[next(iter(self._pages))]
        rows = self._pages[p]
        k = i - p * PAGE
        return rows[k] if k < len(rows) else None

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

    def count_text(self) -> str:
        """Above ``COUNT_CAP`` a search's count on a server stops counting (the table lists
        what it has): "hơn 10.000 hồ sơ" rather than a figure that is not the whole."""
        if self._count > reg.COUNT_CAP:
            return tr("hơn {n} hồ sơ").format(n=f"{reg.COUNT_CAP:,}".replace(",", "."))
        return tr("{n} hồ sơ").format(n=self._count)

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


def first_page(ward, filters, rules, now, sort: str, descending: bool):
    """On a worker: the count and the first ``PAGE`` rows (plain values, no session kept)."""
    with ward.read() as s:
        return reg.first_page(s, filters, rules, now, limit=PAGE, sort=sort, descending=descending)
