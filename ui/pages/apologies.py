"""Xin lỗi: the dossiers that are late, or will be within a working day, with no written apology
yet — and one button that issues the letters for all of them (one PDF, one transaction)."""

from __future__ import annotations

from ui.access import offer
from ui.preview import show_document
from ui.qt import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
    tr,
)
from wardapp.common import now_local
from wardapp.documents import batch_candidates, issue_batch
from wardapp.dossiers import get_dossier
from wardapp.trust import auth


class ApologiesPage(QWidget):
    changed = Signal()

    def __init__(self, ward, actor: str):
        super().__init__()
        self.ward, self.actor = ward, actor
        self.title = QLabel()
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Mã hồ sơ", "Người nộp", "Thủ tục", "Hẹn trả"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 200)
        self.table.setColumnWidth(1, 170)
        self.table.setColumnWidth(2, 320)
        self.reason = QLineEdit(placeholderText=tr("Lý do chậm trễ (ghi trong văn bản)"))
        self.days = QSpinBox(
            minimum=1, maximum=60, value=int(ward.rules().settings["apology_extension_days"])
        )
        self.signer = QLineEdit(placeholderText=tr("Để trống: Chủ tịch ký"))
        self.button = QPushButton(tr("Lập văn bản xin lỗi cho tất cả (PDF)…"))
        self.button.clicked.connect(self.issue_all)
        form = QFormLayout()
        form.addRow(tr("Lý do"), self.reason)
        form.addRow(tr("Gia hạn (ngày làm việc)"), self.days)
        form.addRow(tr("Người ký"), self.signer)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.table, 1)
        lay.addLayout(form)
        lay.addWidget(self.button)
        self.refresh()

    def refresh(self) -> None:
        codes = batch_candidates(self.ward)
        self.table.setRowCount(len(codes))
        with self.ward.read() as s:
            for i, code in enumerate(codes):
                d = get_dossier(s, code)
                late = "⚠ " if d.due_at < now_local() else "◷ "
                for j, text in enumerate(
                    (
                        d.code,
                        d.applicant_name,
                        d.procedure.name,
                        late + d.due_at.strftime("%H:%M %d/%m/%Y"),
                    )
                ):
                    self.table.setItem(i, j, QTableWidgetItem(text))
        self.title.setText(
            f"<h3>Hồ sơ quá hạn hoặc sắp quá hạn chưa có văn bản xin lỗi: {len(codes)}</h3>"
            "Văn bản phải gửi chậm nhất 1 ngày làm việc trước hạn (NĐ 61/2018; cài đặt được)."
        )
        offer(self.button, auth.refusal(self.ward, "sign"))
        if not codes:
            self.button.setEnabled(False)

    def refresh_access(self) -> None:
        self.refresh()

    def issue_all(self) -> None:
        done = show_document(
            self,
            "Văn bản xin lỗi",
            f"xin-loi-{now_local():%Y%m%d-%H%M}.pdf",
            lambda path: issue_batch(
                self.ward,
                self.actor,
                path,
                reason=self.reason.text(),
                signer=self.signer.text() or None,
                extra_days=self.days.value(),
            ),
        )
        if done is not None:
            self.refresh()
            self.changed.emit()
