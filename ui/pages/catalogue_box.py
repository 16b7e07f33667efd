"""Cài đặt → Danh mục thủ tục: the clerk or administrator keeps the procedure catalogue —
adds a procedure, corrects one, adds a new version when the province republishes a limit, stops
one, or imports the province's list from Excel/CSV (checked first, shown, then applied).
Every rule lives in ``wardapp.catalogue.procedures``; this box only collects input and shows results."""

from __future__ import annotations

from datetime import date

from ui.access import offer_role
from ui.dates import DateField
from ui.errors import run_action
from ui.qt import (
    QT_TR_NOOP,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QLocale,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    Signal,
    tr,
)
from wardapp.catalogue import (
    COLUMNS,
    LABELS,
    catalogue,
    import_catalogue,
    save_procedure,
    set_active,
)
from wardapp.common import fold

HEADERS = (
    QT_TR_NOOP("Mã"),
    QT_TR_NOOP("Tên thủ tục"),
    QT_TR_NOOP("Lĩnh vực"),
    QT_TR_NOOP("Thời hạn"),
    QT_TR_NOOP("Áp dụng từ"),
    QT_TR_NOOP("Có hồ sơ"),
    QT_TR_NOOP("Trạng thái"),
)


class ProcedureDialog(QDialog):
    """One version of a procedure.  Keeping the date edits that version; a later date adds a
    new version (the earlier one stays for dossiers already received under it)."""

    def __init__(self, parent, ward, entry=None, fields=()):
        super().__init__(parent)
        self.ward = ward
        self.setWindowTitle(tr("Thủ tục hành chính") if entry is None else f"{entry.code}")
        form = QFormLayout(self)
        self.code = QLineEdit()
        self.name = QLineEdit()
        self.name.setMinimumWidth(460)
        self.field = QComboBox(editable=True)
        self.field.addItems(list(fields))
        self.limit = QDoubleSpinBox(minimum=0, maximum=365, singleStep=0.5, decimals=1)
        self.limit.setSuffix(tr(" ngày làm việc"))
        self.cutoff = QLineEdit(placeholderText=tr("HH:MM, để trống = giờ chung của cơ quan"))
        self.fee = QSpinBox(minimum=0, maximum=100_000_000, singleStep=1000)
        self.fee.setGroupSeparatorShown(True)
        for w in (self.limit, self.fee):  # 2.000 đ and 0,5 ngày, as written in Vietnam
            w.setLocale(QLocale(QLocale.Vietnamese, QLocale.Vietnam))
        self.fee.setSuffix(" đ")
        self.documents = QPlainTextEdit()
        self.documents.setPlaceholderText(tr("Mỗi giấy tờ một dòng"))
        self.documents.setMaximumHeight(110)
        self.effective = DateField(tr(LABELS["effective_from"]))
        self.basis = QLineEdit()
        for key, w in zip(
            COLUMNS,
            (
                self.code,
                self.name,
                self.field,
                self.limit,
                self.cutoff,
                self.fee,
                self.documents,
                self.effective,
                self.basis,
            ),
            strict=True,
        ):
            form.addRow(tr(LABELS[key]), w)
        self.note = QLabel(
            tr(
                "Giữ nguyên ngày áp dụng để sửa phiên bản này; chọn ngày sau để thêm phiên bản "
                "mới (hồ sơ đã nhận vẫn theo thời hạn cũ)."
            )
        )
        self.note.setWordWrap(True)
        form.addRow(self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Save).setText(tr("Lưu"))
        buttons.button(QDialogButtonBox.Cancel).setText(tr("Hủy"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        today = date.today()
        self.effective.set_value(today)
        if entry is not None:
            self.code.setText(entry.code)
            self.name.setText(entry.name)
            self.field.setCurrentText(entry.field)
            self.limit.setValue(entry.limit_days)
            self.cutoff.setText(entry.cutoff or "")
            self.fee.setValue(entry.fee)
            self.documents.setPlainText("\n".join(entry.documents))
            self.effective.set_value(entry.effective_from)
            self.basis.setText(entry.legal_basis)
        else:
            self.note.hide()
        self.change = None

    def values(self) -> dict:
        return {
            "code": self.code.text(),
            "name": self.name.text(),
            "field": self.field.currentText(),
            "limit_days": self.limit.value(),
            "cutoff": self.cutoff.text(),
            "fee": self.fee.value(),
            "documents": self.documents.toPlainText(),
            "effective_from": self.effective.value(),
            "legal_basis": self.basis.text(),
        }

    def save(self) -> None:
        """Stays open on a refused value so nothing typed is lost."""
        self.change = run_action(self, lambda: save_procedure(self.ward, self.values()))
        if self.change is not None:
            self.accept()


class CatalogueBox(QGroupBox):
    changed = Signal()

    def __init__(self, ward):
        super().__init__(tr("Danh mục thủ tục hành chính"))
        self.ward = ward
        lay = QVBoxLayout(self)
        self.filter = QLineEdit(
            placeholderText=tr("Lọc theo mã, tên hoặc lĩnh vực (không cần dấu)")
        )
        self.filter.textChanged.connect(self._apply_filter)
        lay.addWidget(self.filter)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.setSelectionMode(QTableWidget.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(240)
        for col, width in enumerate((90, 380, 120, 90, 95, 60)):
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        lay.addWidget(self.table)
        row = QHBoxLayout()
        self.guarded = []
        for label, fn in (
            (tr("Thêm thủ tục…"), self.add),
            (tr("Sửa / phiên bản mới…"), self.edit),
            (tr("Ngừng / áp dụng lại"), self.toggle_active),
            (tr("Nhập từ Excel/CSV…"), self.import_file),
        ):
            b = QPushButton(label)
            b.clicked.connect(fn)
            self.guarded.append(b)
            row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)
        self.entries = []
        self.refresh()

    def refresh_access(self) -> None:
        for w in self.guarded:
            offer_role(self.ward, w, "settings")

    def refresh(self) -> None:
        self.entries = run_action(self, catalogue, self.ward) or []
        self.table.setRowCount(len(self.entries))
        for i, e in enumerate(self.entries):
            state = tr("đang áp dụng") if e.active else tr("ngừng áp dụng")
            if not e.verified:
                state += " · " + tr("thời hạn chưa xác nhận")
            for j, text in enumerate(
                (
                    e.code,
                    e.name,
                    e.field,
                    f"{e.limit_days:g}",
                    f"{e.effective_from:%d/%m/%Y}",
                    tr("có") if e.in_use else "",
                    state,
                )
            ):
                item = QTableWidgetItem(text)
                if j == 1:
                    item.setToolTip(e.legal_basis)
                self.table.setItem(i, j, item)
        self._apply_filter(self.filter.text())

    def _apply_filter(self, text: str) -> None:
        needle = fold(text)
        for i, e in enumerate(self.entries):
            hay = fold(f"{e.code} {e.name} {e.field}")
            self.table.setRowHidden(i, bool(needle) and needle not in hay)

    def selected(self):
        row = self.table.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def _fields(self) -> list[str]:
        return sorted({e.field for e in self.entries})

    def _open(self, entry) -> None:
        dialog = ProcedureDialog(self, self.ward, entry, self._fields())
        if dialog.exec() == QDialog.Accepted:
            self.refresh()
            self.changed.emit()

    def add(self) -> None:
        self._open(None)

    def edit(self) -> None:
        e = self.selected()
        if e is not None:
            self._open(e)

    def toggle_active(self) -> None:
        e = self.selected()
        if e is not None and run_action(
            self, lambda: set_active(self.ward, e.id, not e.active) or True
        ):
            self.refresh()
            self.changed.emit()

    def import_file(self, path: str | None = None) -> None:
        """Checked as a dry run first; the clerk sees every bad row, or what would change,
        before anything is written."""
        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self, tr("Nhập danh mục thủ tục"), "", "Excel/CSV (*.xlsx *.csv)"
            )
        if not path:
            return
        dry = run_action(self, import_catalogue, self.ward, path, dry_run=True)
        if dry is None:
            return
        if not dry.ok:
            QMessageBox.warning(
                self,
                "wardapp",
                tr("Tệp có dòng sai; danh mục chưa thay đổi:")
                + "\n"
                + "\n".join(f"Dòng {n}: {msg}" if n else msg for n, msg in dry.errors[:30]),
            )
            return
        if dry.change.empty:
            QMessageBox.information(
                self, "wardapp", tr("Danh mục đã giống tệp; không có gì thay đổi.")
            )
            return
        text = tr("Sẽ thêm {new} và sửa {changed} thủ tục. Áp dụng?").format(
            new=len(dry.change.new), changed=len(dry.change.changed)
        )
        box = QMessageBox(
            QMessageBox.Question, "wardapp", text, QMessageBox.Yes | QMessageBox.No, self
        )
        box.setDetailedText(
            "\n".join(["+ " + x for x in dry.change.new] + ["~ " + x for x in dry.change.changed])
        )
        if box.exec() == QMessageBox.Yes and run_action(self, import_catalogue, self.ward, path):
            self.refresh()
            self.changed.emit()
