"""Cài đặt → Sao lưu: the backup folder (a USB drive, say), "back up now", the list of backups
kept by rotation, and restore (administrator; the service checks the file and the history's
hash chain before replacing anything, and keeps the replaced database)."""

from __future__ import annotations

from ui.access import offer_role
from ui.errors import run_action
from ui.qt import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    Signal,
    tr,
)
from wardapp.common import WardError
from wardapp.setup import set_settings
from wardapp.trust import backup


class BackupBox(QGroupBox):
    changed = Signal()
    restored = Signal()

    def __init__(self, ward):
        super().__init__("Sao lưu và khôi phục")
        self.ward = ward
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(tr("để trống: thư mục dữ liệu của chương trình"))
        choose, save = QPushButton(tr("Chọn…")), QPushButton(tr("Lưu thư mục"))
        choose.clicked.connect(self.choose)
        save.clicked.connect(self.save_folder)
        row.addWidget(QLabel(tr("Thư mục sao lưu")))
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        row.addWidget(save)
        lay.addLayout(row)
        self.state = QLabel()
        self.state.setWordWrap(True)
        lay.addWidget(self.state)
        row = QHBoxLayout()
        now, restore = QPushButton(tr("Sao lưu ngay")), QPushButton(tr("Khôi phục từ bản sao lưu…"))
        now.clicked.connect(self.backup_now)
        restore.clicked.connect(self.restore)
        self.guarded = [(save, "settings"), (now, "backup"), (restore, "restore")]
        row.addWidget(now)
        row.addWidget(restore)
        row.addStretch(1)
        lay.addLayout(row)
        self.refresh()

    def refresh_access(self) -> None:
        for w, permission in self.guarded:
            offer_role(self.ward, w, permission)

    def refresh(self) -> None:
        self.folder.setText(self.ward.rules().settings["backup_folder"])
        folder = backup.folder_for(self.ward)
        kept = backup.list_backups(folder)
        warning = backup.backup_warning(self.ward, last=kept[-1] if kept else None)
        text = f"{len(kept)} bản trong {folder} (giữ 7 ngày, 4 tuần, 12 tháng gần nhất)."
        if kept:
            text += f" Gần nhất: {kept[-1].taken_at:%d/%m/%Y %H:%M}."
        if warning:
            text += f" <span style='color:#a40000'>⚠ {warning}</span>"
        self.state.setText(text)

    def choose(self) -> None:
        path = QFileDialog.getExistingDirectory(self, tr("Thư mục sao lưu"), self.folder.text())
        if path:
            self.folder.setText(path)

    def save_folder(self) -> None:
        if run_action(
            self, lambda: set_settings(self.ward, {"backup_folder": self.folder.text()}) or True
        ):
            self.refresh()
            self.changed.emit()

    def backup_now(self) -> None:
        path = run_action(self, backup.backup_now, self.ward)
        if path is not None:
            QMessageBox.information(self, "wardapp", f"Đã sao lưu vào {path}")
            self.refresh()
            self.changed.emit()

    def restore(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Chọn bản sao lưu"), str(backup.folder_for(self.ward)), backup.FILE_FILTER
        )
        if not path:
            return
        if (
            QMessageBox.question(
                self,
                "wardapp",
                "Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu này? Bản hiện tại được giữ lại "
                "bên cạnh tệp dữ liệu. Chương trình sẽ đóng; mở lại để làm việc tiếp.",
            )
            != QMessageBox.Yes
        ):
            return
        foreign = False
        try:
            backup.check_foreign(self.ward, path)
        except backup.ForeignBackup as exc:
            # another office's, the other kind's or demo data: a second, explicit question
            if (
                QMessageBox.question(
                    self,
                    "wardapp",
                    f"{exc}\n\nVẫn thay toàn bộ dữ liệu của cơ quan bằng bản sao lưu này?",
                    QMessageBox.Yes | QMessageBox.No,
                    QMessageBox.No,
                )
                != QMessageBox.Yes
            ):
                return
            foreign = True
        except WardError:
            pass  # not readable: restore's own checks name the problem
        res = run_action(self, backup.restore, self.ward, path, foreign=foreign)
        if res is not None:
            QMessageBox.information(
                self,
                "wardapp",
                f"Đã khôi phục. Bản trước khi khôi phục: {res.replaced_copy}\n{res.chain}",
            )
            self.restored.emit()
