"""The register of reform initiatives, a tab of the Cam kết page (the commitment's "at least one
initiative a year" stands against it): add an initiative, move it along (recognition asks for
the decision's number and date), attach evidence files (kept in the database with their
SHA-256) and save one back out exactly as attached.  Every write goes through
``wardapp.initiatives``."""

from __future__ import annotations

from pathlib import Path

from ui.access import offer_role
from ui.errors import run_action
from ui.qt import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    tr,
)
from ui.save import ask_path
from wardapp.common import now_local
from wardapp.initiatives import STATUS_LABELS, add, attach, extract, list_initiatives, set_status

HEAD = ("Số", "Ngày đề xuất", "Tên sáng kiến", "Tác giả", "Lĩnh vực", "Trạng thái")
HEAD += ("Quyết định công nhận", "Tệp minh chứng")


class InitiativesBox(QWidget):
    def __init__(self, ward):
        super().__init__()
        self.ward = ward
        self.rows = []
        self.table = QTableWidget(0, len(HEAD))
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEAD])
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)
        self.title = QLineEdit(placeholderText=tr("Tên sáng kiến"))
        self.authors = QLineEdit(placeholderText=tr("Tác giả (cách nhau bởi dấu phẩy)"))
        self.field = QLineEdit(placeholderText=tr("Lĩnh vực"))
        self.proposed = QDateEdit(
            now_local().date(), calendarPopup=True, displayFormat="dd/MM/yyyy"
        )
        self.add_btn = QPushButton(tr("Thêm sáng kiến"))
        self.add_btn.clicked.connect(self.add)
        new = QGroupBox(tr("Sáng kiến mới"))
        form = QFormLayout(new)
        form.addRow(tr("Tên"), self.title)
        form.addRow(tr("Tác giả"), self.authors)
        form.addRow(tr("Lĩnh vực"), self.field)
        form.addRow(tr("Ngày đề xuất"), self.proposed)
        form.addRow(self.add_btn)
        self.status = QComboBox()
        for key, text in STATUS_LABELS.items():
            self.status.addItem(tr(text), key)
        self.decision_no = QLineEdit(placeholderText=tr("Số quyết định, ví dụ 45/QĐ-UBND"))
        self.decision_on = QDateEdit(
            now_local().date(), calendarPopup=True, displayFormat="dd/MM/yyyy"
        )
        self.status_btn = QPushButton(tr("Cập nhật trạng thái"))
        self.status_btn.clicked.connect(self.change_status)
        self.attach_btn = QPushButton(tr("Đính kèm tệp minh chứng…"))
        self.attach_btn.clicked.connect(self.attach)
        self.extract_btn = QPushButton(tr("Lưu tệp minh chứng ra…"))
        self.extract_btn.clicked.connect(self.extract)
        step = QGroupBox(tr("Sáng kiến đang chọn"))
        form = QFormLayout(step)
        form.addRow(tr("Trạng thái"), self.status)
        form.addRow(tr("Quyết định công nhận"), self.decision_no)
        form.addRow(tr("Ngày quyết định"), self.decision_on)
        form.addRow(self.status_btn)
        files = QHBoxLayout()
        files.addWidget(self.attach_btn)
        files.addWidget(self.extract_btn)
        form.addRow(files)
        below = QHBoxLayout()
        below.addWidget(new, 1)
        below.addWidget(step, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addLayout(below)
        self.refresh()

    def refresh_access(self) -> None:
        for b in (self.add_btn, self.status_btn, self.attach_btn):
            offer_role(self.ward, b, "dossier")

    def refresh(self) -> None:
        self.rows = list_initiatives(self.ward)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            files = ", ".join(name for _i, name, _d, _s in row.files)
            cells = (str(row.id), f"{row.proposed_on:%d/%m/%Y}", row.title, row.authors)
            cells += (row.field, tr(row.status_label), row.decision, files)
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.refresh_access()

    def current(self):
        i = self.table.currentRow()
        return self.rows[i] if 0 <= i < len(self.rows) else None

    def _selected(self) -> None:
        """The chosen initiative's status and decision in the fields that change them."""
        row = self.current()
        if row is None:
            return
        self.status.setCurrentIndex(max(0, self.status.findData(row.status)))
        self.decision_no.setText(row.decision_no)
        if row.decision_on:
            self.decision_on.setDate(row.decision_on)

    def add(self) -> None:
        done = run_action(
            self,
            add,
            self.ward,
            title=self.title.text(),
            authors=self.authors.text(),
            field=self.field.text(),
            proposed_on=self.proposed.date().toPython(),
        )
        if done is not None:
            for w in (self.title, self.authors, self.field):
                w.clear()
            self.refresh()

    def change_status(self) -> None:
        row = self.current()
        if row is None:
            return
        done = run_action(
            self,
            set_status,
            self.ward,
            row.id,
            self.status.currentData(),
            decision_no=self.decision_no.text(),
            decision_on=self.decision_on.date().toPython() if self.decision_no.text() else None,
        )
        if done is not None:
            self.refresh()

    def attach(self) -> None:
        row = self.current()
        if row is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, tr("Chọn tệp minh chứng"))
        if path and run_action(self, attach, self.ward, row.id, path) is not None:
            self.refresh()

    def extract(self) -> None:
        row = self.current()
        if row is None or not row.files:
            return
        names = [f"{fid}: {name}" for fid, name, _d, _s in row.files]
        choice, ok = QInputDialog.getItem(self, tr("Tệp minh chứng"), tr("Tệp:"), names, 0, False)
        if not ok:
            return
        fid, name = int(choice.split(":", 1)[0]), choice.split(": ", 1)[1]
        path = ask_path(self, tr("Lưu tệp minh chứng"), name, f"*{Path(name).suffix}")
        if path:
            run_action(self, extract, self.ward, fid, path)
