"""Xin lỗi: the dossiers that are late, or will be within a working day, with no written apology
yet — and one button that opens the checklist to issue their letters (``apology_batch``: ticked,
reasons, preview, confirmation; one PDF, one transaction).  Below, the outbox: letters going to
online applicants by e-mail or SMS, their last try and its error, a button that sends (and
retries) them, and a line saying when nothing can be sent."""

from __future__ import annotations

from ui.access import offer
from ui.errors import report_error, run_action
from ui.loading import LoadsBehind
from ui.pages.apology_batch import BatchApologyDialog, due_cell
from ui.qt import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
    tr,
)
from ui.tasks import Cancelled, run_long
from wardapp.common import now_local
from wardapp.documents import batch_candidate_rows, outbox
from wardapp.trust import auth


class ApologiesPage(LoadsBehind, QWidget):
    changed = Signal()

    def __init__(self, ward, actor: str, *, deferred: bool = False):
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
        self.rows: list = []
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.loading_label())
        lay.addWidget(self.table, 1)
        lay.addWidget(self.button)
        lay.addWidget(self._outbox_box())
        if not deferred:  # in the window, it loads once placed (``LoadsBehind``)
            self.refresh()

    def _outbox_box(self) -> QGroupBox:
        box = QGroupBox(tr("Gửi thư xin lỗi cho người nộp trực tuyến (thư điện tử, tin nhắn)"))
        self.delivery = QLabel()
        self.delivery.setWordWrap(True)
        self.outbox = QTableWidget(0, 6)
        self.outbox.setHorizontalHeaderLabels(
            [
                tr("Trạng thái"),
                tr("Hình thức"),
                tr("Mã hồ sơ"),
                tr("Gửi tới"),
                tr("Số lần"),
                tr("Lỗi lần gần nhất"),
            ]
        )
        self.outbox.horizontalHeader().setStretchLastSection(True)
        self.outbox.setColumnWidth(2, 200)
        self.outbox.setColumnWidth(3, 200)
        self.send_button = QPushButton(tr("Gửi các thư đang chờ và gửi lại thư lỗi"))
        self.send_button.clicked.connect(self.send_outbox)
        lay = QVBoxLayout(box)
        lay.addWidget(self.delivery)
        lay.addWidget(self.outbox)
        self.password_button = QPushButton(tr("Mật khẩu thư…"))
        self.password_button.clicked.connect(self.save_password)
        buttons = QHBoxLayout()
        buttons.addWidget(self.send_button, 1)
        buttons.addWidget(self.password_button)
        lay.addLayout(buttons)
        return box

    def refresh_outbox(self) -> None:
        """Nobody signed in (a load ending after sign-out): nothing to show, nothing to send."""
        rows = [] if auth.refusal(self.ward, "read") else outbox.outbox(self.ward)
        self.outbox.setRowCount(len(rows))
        for i, r in enumerate(rows):
            for j, text in enumerate(
                (
                    tr(outbox.STATUS_WORDS[r["status"]]),
                    tr(outbox.KIND_WORDS[r["kind"]]),
                    r["code"],
                    r["recipient"],
                    str(r["attempts"]),
                    r["last_error"],
                )
            ):
                self.outbox.setItem(i, j, QTableWidgetItem(text))
        self.delivery.setText(outbox.delivery_status(self.ward))
        offer(self.password_button, auth.refusal(self.ward, "settings"))
        offer(self.send_button, auth.refusal(self.ward, "dossier"))
        if not any(r["status"] != "sent" for r in rows):
            self.send_button.setEnabled(False)

    def send_outbox(self) -> None:
        """Off the GUI thread: a mail server that answers slowly must not freeze the window."""

        def done(result) -> None:
            self.refresh_outbox()
            QMessageBox.information(self, "wardapp", result.summary().capitalize())

        self.send_button.setEnabled(False)
        run_long(
            self,
            outbox.send_pending,
            self.ward,
            title=tr("Đang gửi thư xin lỗi…"),
            on_done=done,
            on_error=self._send_failed,
        )

    def _send_failed(self, exc) -> None:
        self.refresh_outbox()
        if not isinstance(exc, Cancelled):
            report_error(self, exc)

    def save_password(self) -> None:
        """The SMTP password into the OS keyring (never the settings); asked, not shown."""
        user = str(self.ward.rules().settings["smtp_user"]).strip()
        if not user:
            QMessageBox.warning(
                self, "wardapp", tr("Chưa nhập tài khoản thư (Cài đặt › Tài khoản thư).")
            )
            return
        secret, ok = QInputDialog.getText(
            self, "wardapp", tr("Mật khẩu thư của {user}:").format(user=user), QLineEdit.Password
        )
        if ok and secret and run_action(self, outbox.store_password, self.ward, secret):
            QMessageBox.information(
                self, "wardapp", tr("Đã lưu mật khẩu thư vào kho khoá của hệ điều hành.")
            )

    def load_args(self) -> tuple:
        return ()

    def load(self) -> list:
        return batch_candidate_rows(self.ward)

    def render(self, rows: list) -> None:
        now = now_local()
        self.table.setRowCount(len(rows))
        for i, d in enumerate(rows):
            for j, text in enumerate(
                (d.code, d.applicant_name, d.procedure_name, due_cell(d, now))
            ):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.rows = rows
        self.title.setText(
            f"<h3>Hồ sơ quá hạn hoặc sắp quá hạn chưa có văn bản xin lỗi: {len(rows)}</h3>"
            "Văn bản phải gửi chậm nhất 1 ngày làm việc trước hạn (NĐ 61/2018; cài đặt được)."
        )
        self.refresh_access()

    def refresh_access(self) -> None:
        """Another person signed in: who may sign, on the rows already shown (no reload)."""
        offer(self.button, auth.refusal(self.ward, "sign"))
        if not self.rows:
            self.button.setEnabled(False)
        self.refresh_outbox()

    def issue_all(self) -> BatchApologyDialog:
        """The checklist, open over the page (not blocking: a test ticks and confirms)."""
        self.batch = BatchApologyDialog(self)
        self.batch.accepted.connect(self._issued)
        self.batch.open()
        return self.batch

    def _issued(self) -> None:
        self.refresh()
        self.changed.emit()
