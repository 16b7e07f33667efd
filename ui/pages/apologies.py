"""Xin lỗi: the dossiers that are late, or will be within a working day, with no written apology
yet — and one button that opens the checklist to issue their letters (``apology_batch``: ticked,
reasons, preview, confirmation; one PDF, one transaction)."""

from __future__ import annotations

from ui.access import offer
from ui.pages.apology_batch import BatchApologyDialog
from ui.qt import (
    QAbstractItemView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
    tr,
)
from wardapp.common import now_local
from wardapp.documents import batch_candidates
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
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)  # a list, not a form
        self.button = QPushButton(tr("Chọn hồ sơ và lập văn bản xin lỗi…"))
        self.button.clicked.connect(self.issue_all)
        self.batch: BatchApologyDialog | None = None
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.table, 1)
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

    def issue_all(self) -> BatchApologyDialog:
        """The checklist, open over the page (not blocking: a test ticks and confirms)."""
        self.batch = BatchApologyDialog(self)
        self.batch.accepted.connect(self._issued)
        self.batch.open()
        return self.batch

    def _issued(self) -> None:
        self.refresh()
        self.changed.emit()
