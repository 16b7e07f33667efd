"""Signing in on the shared office PC: the first administrator on a database without accounts,
the sign-in dialog at start, and the lock that covers the window after a pause.

All checks (password, lock-out after repeated failures) are ``wardapp.trust.auth``'s; these dialogs
only collect the fields and show its Vietnamese messages inline.
"""

from __future__ import annotations

import os

from ui.qt import (
    QDialog,
    QEvent,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QObject,
    QPushButton,
    QTimer,
    QVBoxLayout,
    tr,
)
from wardapp.common import WardError
from wardapp.setup import DEMO_ACCOUNTS, DEMO_PASSWORD
from wardapp.trust import auth


def _password() -> QLineEdit:
    w = QLineEdit()
    w.setEchoMode(QLineEdit.Password)
    return w


class SignInDialog(QDialog):
    """``locked_for``: the window is locked for this user; anyone may sign in instead (the
    window then works as that account)."""

    def __init__(self, ward, *, locked_for: str | None = None, demo: bool = False):
        super().__init__()
        self.ward = ward
        self.setWindowTitle(tr("wardapp — khoá màn hình") if locked_for else "wardapp — đăng nhập")
        self.username = QLineEdit(locked_for or "")
        self.password = _password()
        self.error = QLabel()
        self.error.setStyleSheet("color: #a40000")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Tên đăng nhập"), self.username)
        form.addRow(tr("Mật khẩu"), self.password)
        ok = QPushButton(tr("Đăng nhập") if not locked_for else "Mở khoá")
        ok.setDefault(True)
        ok.clicked.connect(self.accept_if_valid)
        lay = QVBoxLayout(self)
        with ward.read() as s:
            office = ward.office(s).name
        head = f"<h3>{office}</h3>"
        if locked_for:
            head += "<p>Màn hình đã khoá do lâu không thao tác. Nhập lại mật khẩu để tiếp tục.</p>"
        lay.addWidget(QLabel(head))
        lay.addLayout(form)
        if demo:
            lay.addWidget(
                QLabel(
                    f"<small>Dữ liệu mẫu: tài khoản {', '.join(DEMO_ACCOUNTS)}; "
                    f"mật khẩu {DEMO_PASSWORD}</small>"
                )
            )
            if not locked_for:
                self.username.setText(tr("canbo1"))
        lay.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(ok)
        lay.addLayout(row)
        (self.password if self.username.text() else self.username).setFocus()

    def accept_if_valid(self) -> None:
        try:
            auth.sign_in(self.ward, self.username.text(), self.password.text())
        except WardError as exc:
            self.error.setText(str(exc))
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()

    def reject(self) -> None:  # Esc on a lock must not uncover the window
        if self.windowTitle().endswith("khoá màn hình"):
            return
        super().reject()


class FirstAdminDialog(QDialog):
    """A database without accounts: its first account is the administrator's."""

    def __init__(self, ward):
        super().__init__()
        self.ward = ward
        self.setWindowTitle(tr("wardapp — tài khoản quản trị"))
        self.username = QLineEdit("quantri")
        self.full_name = QLineEdit()
        self.password, self.again = _password(), _password()
        self.error = QLabel()
        self.error.setStyleSheet("color: #a40000")
        self.error.setWordWrap(True)
        form = QFormLayout()
        for label, w in (
            ("Tên đăng nhập", self.username),
            ("Họ tên", self.full_name),
            (f"Mật khẩu (ít nhất {auth.MIN_PASSWORD} ký tự)", self.password),
            ("Nhập lại mật khẩu", self.again),
        ):
            form.addRow(label, w)
        ok = QPushButton(tr("Tạo tài khoản và đăng nhập"))
        ok.setDefault(True)
        ok.clicked.connect(self.create)
        lay = QVBoxLayout(self)
        lay.addWidget(
            QLabel(
                "<h3>Tạo tài khoản quản trị</h3><p>Mỗi cán bộ đăng nhập bằng tài khoản riêng; "
                "mọi bước xử lý hồ sơ ghi tên người thực hiện.<br>Tài khoản đầu tiên là quản "
                "trị: người này tạo tài khoản cho công chức và lãnh đạo (Cài đặt → Tài khoản).</p>"
            )
        )
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(ok)
        self.full_name.setFocus()

    def create(self) -> None:
        if self.password.text() != self.again.text():
            self.error.setText(tr("Hai lần nhập mật khẩu không giống nhau."))
            return
        try:
            auth.add_account(
                self.ward,
                self.username.text(),
                self.full_name.text(),
                "admin",
                self.password.text(),
            )
            auth.sign_in(self.ward, self.username.text(), self.password.text())
        except WardError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


def sign_in_at_start(ward, demo: bool = False) -> bool:
    """True when someone is signed in (or has just created the first administrator)."""
    dialog = FirstAdminDialog(ward) if auth.setup_mode(ward) else SignInDialog(ward, demo=demo)
    if os.environ.get("WARDAPP_START_PROBE"):  # scripts/smoke_frozen.sh times the cold start
        QTimer.singleShot(0, dialog.reject)  # to here: the first dialog shown, then quit
    return dialog.exec() == QDialog.Accepted


class IdleLock(QObject):
    """Watches keyboard and mouse anywhere in the application; after ``minutes`` without any,
    calls ``lock()`` (the window shows a :class:`SignInDialog` over itself)."""

    ACTIVITY = {
        QEvent.KeyPress,
        QEvent.MouseButtonPress,
        QEvent.MouseMove,
        QEvent.Wheel,
    }

    def __init__(self, app, minutes: int, lock, parent=None):
        super().__init__(parent)
        self.lock = lock
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._fire)
        self.set_minutes(minutes)
        app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.minutes = minutes
        if minutes > 0:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    def _fire(self) -> None:
        self.lock()
        self.set_minutes(self.minutes)

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        if event.type() in self.ACTIVITY and self.minutes > 0:
            self.timer.start(self.minutes * 60_000)
        return False
