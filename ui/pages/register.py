"""Sổ theo dõi: the register page — search without diacritics, filters, a detail pane with the
full history, and the actions of the lifecycle, every one through the ``wardapp`` services.  The
rows themselves come from ``register_model``."""

from __future__ import annotations

from ui.access import NO_DOSSIER, offer
from ui.actions import STEPS
from ui.desk_line import LOST, fetch, line_of, run_desk
from ui.flow import wrapping_row
from ui.pages import register_columns as columns
from ui.pages import register_detail as pane
from ui.pages import register_reprint as reprint
from ui.pages.register_filters import empty_text, shown_filters
from ui.pages.register_jump import RegisterTable
from ui.pages.register_letters import apologise_dialog, issue_form
from ui.pages.register_model import KEYS, RegisterModel
from ui.pages.register_steps import last_step, open_step_dialog, undo_last
from ui.qt import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    Qt,
    QTextBrowser,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
    tr,
)
from ui.satisfaction import ask_citizen
from wardapp.documents import has_form
from wardapp.dossiers import (
    closing,
    processing,
    why_not,
)
from wardapp.dossiers import register as reg
from wardapp.trust import auth

# Offered by the detail pane's link and the Hồ sơ menu, not by a button: the row of buttons
# already fills a 1366-pixel screen, and an undo is the rare step.
PANE_ONLY = ("undo",)
# Steps whose written form opens in the preview (action → form kind).
FORM_STEPS = {"supplement": "supplement", "refuse": "refusal", "withdraw": "stop"}


class RegisterPage(QWidget):
    changed = Signal()

    def __init__(self, ward, actor: str):
        super().__init__()
        self.ward, self.actor = ward, actor
        self.model = RegisterModel(ward, owner=self)
        self.search = QLineEdit(
            placeholderText=tr("Tìm mã hồ sơ, tên (không cần dấu), số định danh, điện thoại…")
        )
        self.filter_box = QComboBox()
        self.filters = shown_filters(ward)
        for label, _f in self.filters:
            self.filter_box.addItem(label)
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
        # as wide as its widest text, so "Đang đếm…" turning into the count moves nothing
        widest = tr("hơn {n} hồ sơ").format(n="10.000")
        wide = self.count_label.fontMetrics().horizontalAdvance(widest)
        self.count_label.setMinimumWidth(wide + 8)
        self.model.counted.connect(lambda: self.count_label.setText(self.model.count_text()))
        # an empty list says which filter hides what, with the way out ("bỏ lọc")
        self.empty_hint = QLabel(visible=False, wordWrap=True)
        self.empty_hint.setStyleSheet("color: #7a4d00; padding: 2px 0;")
        self.empty_hint.linkActivated.connect(lambda _l: self.clear_filters())
        self.table = RegisterTable(self)  # typing a code jumps to it, read behind
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.horizontalHeader().setSortIndicator(KEYS.index("received"), Qt.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(22)
        columns.install(self)
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)  # "In lại" links open the preview, not a page
        self.detail.anchorClicked.connect(self._link)
        self.table.setContextMenuPolicy(Qt.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self.context_menu)
        self.buttons: dict[str, QPushButton] = {}
        self.tips: dict[str, str] = {}
        # the window's Hồ sơ menu items for the same steps, greyed by the same answer
        self.menu_actions: dict = {}
        for key, label, keys, tip in STEPS:
            self.tips[key] = tr(tip) + (" — " if tip else "") + keys
            if key in PANE_ONLY:
                continue
            b = QPushButton(tr(label) + (f" ({keys})" if key == "return" else ""))
            b.clicked.connect(lambda _=False, k=key: self.act(k))
            self.buttons[key] = b
        actions = wrapping_row(self.buttons.values())
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
        lay.addWidget(self.empty_hint)
        lay.addWidget(split, 1)
        lay.addLayout(actions)
        self._debounce = QTimer(self, singleShot=True, interval=250, timeout=self._typed)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.filter_box.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.field_box.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.office_box.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.show_detail())
        self.model.filled.connect(self._filled)
        self.pane_code = self.pane_shown = None  # the dossier the pane was asked, and shows
        self.known_last: dict = {}  # the shown dossier's last step, read with its pane
        self._watching = False
        self.apply_filters()

    # -- filters ------------------------------------------------------------------------------
    def _typed(self) -> None:
        """The search as typed, once typing pauses; nothing when it is what the table shows."""
        if self.search.text() != self.model.filters.search:
            self.apply_filters()

    def apply_filters(self, base: reg.Filters | None = None) -> None:
        # The apply pending for the typing is this one: left to run, it reset the table a
        # moment later, while a reprint waited on a server, and dropped the dossier the clerk
        # had selected meanwhile (the In menu then printed nothing).
        self._debounce.stop()
        f = base or self.filters[self.filter_box.currentIndex()][1]
        f = reg.Filters(
            **{
                **f.__dict__,
                "search": self.search.text(),
                "field": self.field_box.currentData() or "",
            }
        )
        self.model.set_filters(f)
        # a new search starts at its first row, not where the previous list was scrolled to
        # (which also painted rows past the first page before their id list was read)
        self.table.scrollToTop()
        self.count_label.setText(self.model.count_text())
        self.show_empty_hint()
        self.show_detail()

    def show_empty_hint(self) -> None:
        text = empty_text(
            self.model.rowCount(),
            self.search.text().strip(),
            self.filter_box.currentText() if self.filter_box.currentIndex() > 0 else "",
            self.field_box.currentText() if self.field_box.currentIndex() > 0 else "",
        )
        self.empty_hint.setText(text)
        self.empty_hint.setVisible(bool(text))

    def clear_filters(self) -> None:
        """'bỏ lọc': every filter back to all, the search kept."""
        for box in (self.filter_box, self.field_box, self.office_box):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.apply_filters()

    def show_filtered(self, filters: reg.Filters, title: str) -> None:
        """Opened from a dashboard number: exactly those dossiers, and the filter box saying
        so (it said "Tất cả" over a list of two late dossiers)."""
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        i = next((n for n, (_l, f) in enumerate(self.filters) if f == filters), -1)
        if i < 0:  # a list no filter names: it joins the box under its title
            self.filters.append((title, filters))
            self.filter_box.addItem(title)
            i = len(self.filters) - 1
        for box, index in ((self.filter_box, i), (self.field_box, 0)):
            box.blockSignals(True)
            box.setCurrentIndex(index)
            box.blockSignals(False)
        self.apply_filters()
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
        """The selected dossier's pane, read behind (``register_detail``)."""
        r = self.current()
        self.known_last = {}
        self.update_actions(r)
        line = line_of(self)
        if line is not None and not self._watching:  # back online: the pane is read again
            line.changed.connect(self._line_changed)
            self._watching = True
        self.pane_code = self.pane_shown = None
        if r is not None:
            pane.load(self, r.code)
        elif self.table.currentIndex().isValid():  # a row whose page is on its way
            self.detail.setHtml("<i>" + tr("Đang tải…") + "</i>")
        else:
            self.detail.setHtml(tr("<i>Chọn một hồ sơ để xem chi tiết và lịch sử xử lý.</i>"))

    def _line_changed(self, up: bool) -> None:
        if up and self.pane_shown is None:
            self.show_detail()

    def _filled(self, first: int, last: int) -> None:
        """Rows arrived: the selected one among them gets its pane and its actions."""
        if self.pane_code is None and first <= self.table.currentIndex().row() <= last:
            self.show_detail()

    # -- reprints -----------------------------------------------------------------------------
    def context_menu(self, pos) -> QMenu | None:
        """Right click on a row: select it and offer everything that can be printed again."""
        idx = self.table.indexAt(pos)
        if not idx.isValid():
            return None
        self.select(idx.row())
        return self.reprint_menu(pos)

    def reprint_menu(self, pos=None) -> QMenu | None:
        """Not blocking (``popup``): the window stays live and a test can pick an entry."""
        r = self.current()
        if r is None:
            return None
        self.last_menu = QMenu(self)
        reprint.fill_menu(self.last_menu, self, self.ward, r.code)
        if pos is None:
            pos = self.table.visualRect(self.table.currentIndex()).bottomLeft()
        self.last_menu.popup(self.table.viewport().mapToGlobal(pos))
        return self.last_menu

    def reprint(self, kind: str) -> None:
        """The In menu: ``receipt``, ``control``, or ``issued`` (the choice of issued ones)."""
        r = self.current()
        if r is not None and kind == "issued":
            self.reprint_menu()
        elif r is not None:
            reprint.open_made(self, self.ward, kind, r.code)

    def _link(self, url) -> None:
        r = self.current()
        if r is not None and url.toString().startswith("reprint:"):
            reprint.follow(self, self.ward, r.code, url.toString())
        elif r is not None and url.toString() == "undo:":
            self.act("undo")

    # -- actions ------------------------------------------------------------------------------
    def why_not(self, key: str, r: reg.Row | None = None, wait: bool = False) -> str | None:
        """Why ``key`` cannot be taken on the selected dossier now (None: it can): the rule the
        service refuses by, asked before anything is typed.  The undo is judged by the last
        step, read with the pane; ``wait`` (the clerk asked for it) reads it now if need be."""
        r = r if r is not None else self.current()
        if r is None:
            return tr(NO_DOSSIER)
        last = None
        if key == "undo" and wait:
            ok, last = fetch(self, last_step, self.ward, r.code)
            if not ok:
                return LOST
        elif key == "undo":
            if r.code not in self.known_last:  # the role first, as the service judges
                return auth.refusal(self.ward, "dossier") or tr("Đang tải lịch sử hồ sơ…")
            last = self.known_last[r.code]
        kw = {"apology_count": r.apology_count, "last": last, "rated": bool(r.rating)}
        return why_not(self.ward, key, r.status, **kw)

    def update_actions(self, r: reg.Row | None = None) -> None:
        self.why = {}
        for key, *_rest in STEPS:
            why = self.why[key] = self.why_not(key, r)
            if key in self.buttons:
                offer(self.buttons[key], why, self.tips[key])
            if key in self.menu_actions:
                offer(self.menu_actions[key], why, self.tips[key])
        reprint.offer_menu(self.menu_actions, self.ward, r)

    def refresh_access(self) -> None:
        """Another account signed in: its role decides what is offered."""
        self.update_actions(self.current())

    def ask(self, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, label)
        return text if ok else None

    def act(self, key: str) -> None:
        r = self.current()
        if r is None:
            return
        why = self.why_not(key, r, wait=True)
        if why is not None:  # a shortcut reaches a greyed action too: say why, ask nothing
            QMessageBox.warning(self, "wardapp", why)
            return
        if key == "apology":
            apologise_dialog(self, r.code)
            return
        if key in ("resolve", "return"):
            dialog = open_step_dialog(self, key, r.code)
            if key == "return":  # the citizen is asked once the return is recorded
                dialog.accepted.connect(lambda code=r.code: self.ask_satisfaction(code))
            return
        if key == "undo":
            undo_last(self, r.code)
            return
        if key == "rate":
            self.ask_satisfaction(r.code)
            return
        asks = {
            "forward": ("agency", "Chuyển cơ quan", "Cơ quan nhận hồ sơ:"),
            "back": ("agency", "Nhận lại từ cơ quan", "Cơ quan trả hồ sơ:"),
            "supplement": ("reason", "Yêu cầu bổ sung", "Lý do yêu cầu bổ sung:"),
            "pause": ("reason", "Tạm dừng", "Lý do tạm dừng:"),
            "withdraw": ("reason", "Rút hồ sơ", "Lý do (theo đơn của người nộp):"),
            "refuse": ("reason", "Từ chối", "Lý do từ chối:"),
        }
        fn = {
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
            value = self.ask(title, label)
            if value is None:
                return
            kwargs[arg] = value
        kind = FORM_STEPS.get(key)
        if kind and has_form(self.ward.rules().settings["form_set"], kind):
            done = issue_form(self, kind, r.code, asks[key][1], kwargs["reason"])
        else:
            done = run_desk(self, fn, self.ward, r.code, self.actor, **kwargs)
        if done is not None:
            self.refresh()
            self.changed.emit()

    def ask_satisfaction(self, code: str) -> None:
        self.satisfaction = ask_citizen(self, code)

    def refresh(self) -> None:
        """Re-read the register keeping the selected row (after any change, here or elsewhere)."""
        row = self.table.currentIndex().row()
        self.model.reload(counted=True)
        self.select(row)
        self.count_label.setText(self.model.count_text())
        self.show_empty_hint()
        self.show_detail()
