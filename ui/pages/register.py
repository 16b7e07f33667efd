"""Sổ theo dõi: the register as a paged ``QAbstractTableModel`` (never a widget filled with every
row), search without diacritics, filters, a detail pane with the full history, and the actions
of the lifecycle — every one through the ``wardapp`` services."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from ui.errors import run_action
from ui.preview import show_document
from ui.qt import (
    QT_TR_NOOP,
    QAbstractItemView,
    QAbstractTableModel,
    QBrush,
    QColor,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QKeySequence,
    QLabel,
    QLineEdit,
    QModelIndex,
    QPushButton,
    QShortcut,
    QSplitter,
    Qt,
    QTableView,
    QTextBrowser,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
    tr,
)
from wardapp.calendar.urgency import Urgency
from wardapp.common.clock import now_local
from wardapp.dossiers import register as reg
from wardapp.dossiers.lifecycle import closing, processing
from wardapp.dossiers.lifecycle.statuses import EVENT_LABELS, OPEN_STATUSES, STATUS_LABELS
from wardapp.dossiers.lifecycle.transition import get_dossier

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


def _fmt(v: datetime | None) -> str:
    """dd/mm/yyyy hh:mm; an f-string, as strftime costs three times more per cell."""
    if v is None:
        return ""
    return f"{v.day:02d}/{v.month:02d}/{v.year:04d} {v.hour:02d}:{v.minute:02d}"


class RegisterModel(QAbstractTableModel):
    """The first page comes from a ``LIMIT`` query, so the table shows at once.  Scrolling
    further loads the list of matching ids in display order (8 bytes a dossier) once per
    filter/sort; after that any row, even the millionth, is one query by ``PAGE`` ids."""

    def __init__(self, ward):
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

    def reload(self) -> None:
        self.beginResetModel()
        self.now = now_local()
        rules = self.ward.rules()
        soon = int(rules.settings["soon_working_days"])
        self._urgency = Urgency(rules.calendar, self.now, soon)
        self._pages.clear()
        self._ids = None
        with self.ward.read() as s:
            self._count, first = reg.first_page(
                s,
                self.filters,
                rules,
                self.now,
                limit=PAGE,
                sort=self.sort_key,
                descending=self.descending,
            )
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
        state = self._urgency.of(r.due, r.finished)
        mark = {
            "late": tr("⚠ Quá hạn · "),
            "today": tr("◷ Hôm nay · "),
            "soon": tr("◔ Sắp đến hạn · "),
        }.get(state, "")
        apology = tr(" · đã xin lỗi") if r.apology_count else ""
        cells = {
            "code": r.code,
            "status": mark + tr(STATUS_LABELS[r.status]) + apology,
            "applicant": r.applicant,
            "procedure": r.procedure,
            "field": r.field,
            "channel": tr(reg.CHANNEL_LABELS.get(r.channel, r.channel)),
            "received": _fmt(r.received),
            "due": _fmt(r.due),
            "resolved": _fmt(r.resolved),
            "returned": _fmt(r.returned),
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
            return None
        if role == DISPLAY:
            return shown.cells[index.column()]
        if role == BACKGROUND:
            return shown.brush
        r = shown.row
        return f"{r.code}\n{r.procedure}\n" + tr("Hẹn trả: {due}").format(due=_fmt(r.due))

    def sort(self, column, order=Qt.AscendingOrder):
        key, descending = KEYS[column], order == Qt.DescendingOrder
        if (key, descending) == (self.sort_key, self.descending):
            return  # Qt re-announces the current order when sorting is switched on
        self.sort_key, self.descending = key, descending
        self.reload()


FILTERS = (
    (QT_TR_NOOP("Tất cả"), reg.Filters()),
    (QT_TR_NOOP("Đang giải quyết"), reg.Filters(statuses=OPEN_STATUSES)),
    (QT_TR_NOOP("Quá hạn"), reg.Filters(late=True)),
    (QT_TR_NOOP("Quá hạn chưa xin lỗi"), reg.Filters(late_without_apology=True)),
    (QT_TR_NOOP("Quá hạn không cập nhật"), reg.Filters(backlog=True)),
    (QT_TR_NOOP("Đến hạn hôm nay"), reg.Filters(due_within_days=0)),
    (QT_TR_NOOP("Đến hạn trong 2 ngày làm việc"), reg.Filters(due_within_days=2)),
    (QT_TR_NOOP("Có kết quả chưa ghi trả"), reg.Filters(resolved_not_returned=True)),
    (QT_TR_NOOP("Đã trả kết quả"), reg.Filters(statuses=("returned",))),
    (QT_TR_NOOP("Rút / từ chối"), reg.Filters(statuses=("withdrawn", "refused"))),
)


class RegisterPage(QWidget):
    changed = Signal()

    def __init__(self, ward, actor: str):
        super().__init__()
        self.ward, self.actor = ward, actor
        self.model = RegisterModel(ward)
        self.search = QLineEdit(
            placeholderText=tr("Tìm mã hồ sơ, tên (không cần dấu), số định danh, điện thoại…")
        )
        self.filter_box = QComboBox()
        for label, _f in FILTERS:
            self.filter_box.addItem(tr(label))
        self.field_box = QComboBox()
        self.field_box.addItem(tr("Mọi lĩnh vực"), "")
        with ward.read() as s:
            for f in reg.fields(s):
                self.field_box.addItem(f, f)
        self.office_box = QComboBox()
        self.office_box.addItem(tr("Mọi phường, xã"), "")
        with ward.read() as s:
            city = ward.office(s).kind == "city"
            if city:
                for o in reg.wards(s):
                    self.office_box.addItem(f"{o.name} ({o.agency_code})", o.agency_code)
        self.office_box.setVisible(city)
        self.count_label = QLabel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.horizontalHeader().setSortIndicator(KEYS.index("received"), Qt.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(22)
        for key, width in (
            ("code", 190),
            ("status", 230),
            ("applicant", 160),
            ("due", 115),
            ("procedure", 260),
            ("received", 115),
            ("field", 90),
            ("channel", 85),
            ("resolved", 115),
            ("returned", 115),
        ):
            self.table.setColumnWidth(KEYS.index(key), width)
        self.detail = QTextBrowser()
        self.buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        for key, label, tip in (
            ("return", tr("Trả kết quả (Ctrl+R)"), tr("Ghi nhận đã trả kết quả cho người dân")),
            ("resolve", tr("Có kết quả"), ""),
            ("forward", tr("Chuyển cơ quan…"), ""),
            ("back", tr("Nhận lại…"), ""),
            ("supplement", tr("Yêu cầu bổ sung…"), ""),
            ("supplied", tr("Đã bổ sung"), ""),
            ("pause", tr("Tạm dừng…"), ""),
            ("resume", tr("Tiếp tục"), ""),
            ("withdraw", tr("Rút hồ sơ…"), ""),
            ("refuse", tr("Từ chối…"), ""),
            (
                "apology",
                tr("Xin lỗi, hẹn lại…"),
                tr("Lập văn bản xin lỗi và hẹn lại ngày trả (PDF)"),
            ),
        ):
            b = QPushButton(label)
            b.setToolTip(tip)
            b.clicked.connect(lambda _=False, k=key: self.act(k))
            self.buttons[key] = b
            actions.addWidget(b)
        actions.addStretch(1)
        QShortcut(QKeySequence("Ctrl+R"), self, activated=lambda: self.act("return"))
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.filter_box, 1)
        top.addWidget(self.field_box, 1)
        top.addWidget(self.office_box, 1)
        top.addWidget(self.count_label)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([420, 220])
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        lay.addLayout(actions)
        self._debounce = QTimer(self, singleShot=True, interval=250, timeout=self.apply_filters)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.filter_box.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.field_box.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.office_box.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.show_detail())
        self.apply_filters()

    # -- filters ------------------------------------------------------------------------------
    def apply_filters(self, base: reg.Filters | None = None) -> None:
        f = base or FILTERS[self.filter_box.currentIndex()][1]
        f = reg.Filters(
            **{
                **f.__dict__,
                "search": self.search.text(),
                "field": self.field_box.currentData() or "",
            }
        )
        self.model.set_filters(f)
        # a new search starts at its first row, not where the previous list was scrolled to
        # (which also made the table load the whole id list of the new one at once)
        self.table.scrollToTop()
        self.count_label.setText(tr("{n} hồ sơ").format(n=self.model.rowCount()))
        self.show_detail()

    def show_filtered(self, filters: reg.Filters, title: str) -> None:
        """Opened from a dashboard number: exactly those dossiers."""
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_filters(filters)
        self.count_label.setText(
            tr("{title}: {n} hồ sơ").format(title=title, n=self.model.rowCount())
        )

    def current(self) -> reg.Row | None:
        idx = self.table.currentIndex()
        if not idx.isValid():
            rows = self.table.selectionModel().selectedRows()
            idx = rows[0] if rows else idx
        return self.model.row(idx.row()) if idx.isValid() else None

    def select(self, row: int) -> None:
        if self.model.rowCount():
            row = max(0, min(row, self.model.rowCount() - 1))
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.selectRow(row)

    def show_detail(self) -> None:
        r = self.current()
        if r is None:
            self.detail.setHtml(tr("<i>Chọn một hồ sơ để xem chi tiết và lịch sử xử lý.</i>"))
            return
        with self.ward.read() as s:
            d = get_dossier(s, r.code)
            events = [
                (
                    e.at,
                    EVENT_LABELS.get(e.kind, e.kind),
                    e.actor,
                    e.agency,
                    e.reason,
                    e.recorded_at if e.backdated else None,
                )
                for e in d.events
            ]
            apologies = [(a.number, a.new_due_at) for a in d.apologies]
            html = [
                f"<b>{d.code}</b> — {d.procedure.name}<br>",
                f"Người nộp: <b>{d.applicant_name}</b> {d.applicant_id} {d.phone}<br>",
                f"Tiếp nhận: {_fmt(d.received_at)} · Hẹn trả: <b>{_fmt(d.due_at)}</b> · "
                f"Trạng thái: <b>{STATUS_LABELS[d.status]}</b><br>",
            ]
        for number, new_due in apologies:
            html.append(f"Văn bản xin lỗi số {number}: hẹn lại {_fmt(new_due)}<br>")
        html.append(
            "<table cellspacing=4><tr><th align=left>Thời điểm</th><th align=left>Bước</th><th align=left>Người</th><th align=left>Ghi chú</th></tr>"
        )
        for at, label, actor, agency, reason, late_entry in events:
            note = " — ".join(x for x in (agency, reason) if x)
            if late_entry is not None:  # symbol and words, not colour alone
                note = (
                    f"<span style='color:#9a5b00'>⚠ nhập lùi: ghi lúc {_fmt(late_entry)}</span>"
                    + (f" — {note}" if note else "")
                )
            html.append(
                f"<tr><td>{_fmt(at)}</td><td>{label}</td><td>{actor}</td><td>{note}</td></tr>"
            )
        html.append("</table>")
        self.detail.setHtml("".join(html))

    # -- actions ------------------------------------------------------------------------------
    def _ask(self, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, label)
        return text if ok else None

    def act(self, key: str) -> None:
        r = self.current()
        if r is None:
            return
        if key == "apology":
            self.apologise_dialog(r.code)
            return
        asks = {
            "forward": ("agency", "Chuyển cơ quan", "Cơ quan nhận hồ sơ:"),
            "back": ("agency", "Nhận lại từ cơ quan", "Cơ quan trả hồ sơ:"),
            "supplement": ("reason", "Yêu cầu bổ sung", "Giấy tờ cần bổ sung và lý do:"),
            "pause": ("reason", "Tạm dừng", "Lý do tạm dừng:"),
            "withdraw": ("reason", "Rút hồ sơ", "Lý do (theo đơn của người nộp):"),
            "refuse": ("reason", "Từ chối", "Lý do từ chối:"),
        }
        fn = {
            "return": closing.return_result,
            "resolve": processing.resolve,
            "forward": processing.forward,
            "back": processing.return_from_agency,
            "supplement": processing.request_supplement,
            "supplied": processing.supplied,
            "pause": processing.pause,
            "resume": processing.resume,
            "withdraw": closing.withdraw,
            "refuse": closing.refuse,
        }[key]
        kwargs = {}
        if key in asks:
            arg, title, label = asks[key]
            value = self._ask(title, label)
            if value is None:
                return
            kwargs[arg] = value
        done = run_action(self, fn, self.ward, r.code, self.actor, **kwargs)
        if done is not None:
            self.refresh()
            self.changed.emit()

    def apologise_dialog(self, code: str) -> None:
        reason = self._ask("Xin lỗi, hẹn lại", "Lý do chậm trễ (ghi trong văn bản):")
        if reason is None:
            return
        default = int(self.ward.rules().settings["apology_extension_days"])
        days, ok = QInputDialog.getInt(
            self, tr("Xin lỗi, hẹn lại"), tr("Gia hạn thêm (ngày làm việc):"), default, 1, 60
        )
        if not ok:
            return
        if (
            show_document(
                self,
                "Văn bản xin lỗi",
                f"xin-loi-{code}.pdf",
                lambda path: self.apologise(code, reason, days, path),
            )
            is not None
        ):
            self.refresh()
            self.changed.emit()

    def apologise(self, code: str, reason: str, days: int, path: str):
        from wardapp.documents.apology import issue_apology  # reportlab: 0.27 s, not at start

        return issue_apology(self.ward, code, self.actor, path, reason=reason, extra_days=days)

    def refresh(self) -> None:
        """Re-read the register keeping the selected row (after any change, here or elsewhere)."""
        row = self.table.currentIndex().row()
        self.model.reload()
        self.select(row)
        self.count_label.setText(tr("{n} hồ sơ").format(n=self.model.rowCount()))
        self.show_detail()
