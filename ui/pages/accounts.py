"""Cài đặt → Tài khoản: the administrator adds staff accounts, changes roles, disables, unlocks
and resets passwords.  Every button calls ``wardapp.trust.auth``, which refuses anyone but an
administrator (and keeps at least one active administrator)."""

from __future__ import annotations

from ui.access import offer_role
from ui.errors import run_action
from ui.qt import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    tr,
)
from wardapp.trust import auth


class AccountsBox(QGroupBox):
    def __init__(self, ward):
        super().__init__("Tài khoản cán bộ (quản trị)")
        self.ward = ward
        lay = QVBoxLayout(self)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Tên đăng nhập", "Họ tên", "Vai trò", "Trạng thái"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 140)
        self.table.setColumnWidth(1, 240)
        self.table.setColumnWidth(2, 170)
        self.table.setMinimumHeight(150)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        lay.addWidget(self.table)
        add_row = QHBoxLayout()
        self.username = QLineEdit(placeholderText=tr("tên đăng nhập"))
        self.full_name = QLineEdit(placeholderText=tr("Họ tên"))
        self.role = QComboBox()
        for key, label in auth.ROLES.items():
            self.role.addItem(label, key)
        self.password = QLineEdit(placeholderText=f"mật khẩu (≥ {auth.MIN_PASSWORD} ký tự)")
        self.password.setEchoMode(QLineEdit.Password)
        add = QPushButton(tr("Thêm tài khoản"))
        add.clicked.connect(self.add)
        self.guarded = [add]
        for w in (self.username, self.full_name, self.role, self.password, add):
            add_row.addWidget(w)
        lay.addLayout(add_row)
        actions = QHBoxLayout()
        for label, fn in (
            ("Đổi vai trò", self.change_role),
            ("Đặt lại mật khẩu", self.reset_password),
            ("Mở khoá", self.unlock),
            ("Ngừng / kích hoạt", self.toggle_active),
        ):
            b = QPushButton(label)
            b.clicked.connect(fn)
            self.guarded.append(b)
            actions.addWidget(b)
        actions.addStretch(1)
        lay.addLayout(actions)
        self.refresh()

    def refresh_access(self) -> None:
        for w in self.guarded:
            offer_role(self.ward, w, "accounts")

    def refresh(self) -> None:
        rows = run_action(self, auth.list_accounts, self.ward) or []
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, a in enumerate(rows):
            if not a["account"]:
                state = "chỉ tên trên văn bản"
            elif not a["active"]:
                state = "ngừng hoạt động"
            elif a["locked_until"] is not None:
                state = f"tạm khoá đến {a['locked_until']:%H:%M %d/%m}"
            else:
                state = "hoạt động"
            for j, text in enumerate(
                (a["username"], a["full_name"], auth.ROLES.get(a["role"], a["role"]), state)
            ):
                self.table.setItem(i, j, QTableWidgetItem(text))

    def selected(self) -> str | None:
        row = self.table.currentRow()
        return self.rows[row]["username"] if 0 <= row < len(self.rows) else None

    def add(self) -> None:
        done = run_action(
            self,
            auth.add_account,
            self.ward,
            self.username.text(),
            self.full_name.text(),
            self.role.currentData(),
            self.password.text(),
        )
        self.password.clear()
        if done is not None:
            self.username.clear()
            self.full_name.clear()
            self.refresh()

    def change_role(self) -> None:
        name = self.selected()
        if name is None:
            return
        labels = list(auth.ROLES.values())
        label, ok = QInputDialog.getItem(
            self, "Đổi vai trò", f"Vai trò của {name}", labels, 0, False
        )
        if ok:
            role = list(auth.ROLES)[labels.index(label)]
            run_action(self, auth.update_account, self.ward, name, role=role)
            self.refresh()

    def reset_password(self) -> None:
        name = self.selected()
        if name is None:
            return
        pw, ok = QInputDialog.getText(
            self, "Đặt lại mật khẩu", f"Mật khẩu mới cho {name}", QLineEdit.Password
        )
        if ok:
            run_action(self, auth.set_password, self.ward, name, pw)
            self.refresh()

    def unlock(self) -> None:
        name = self.selected()
        if name is not None:
            run_action(self, auth.unlock, self.ward, name)
            self.refresh()

    def toggle_active(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            a = self.rows[row]
            run_action(self, auth.update_account, self.ward, a["username"], active=not a["active"])
            self.refresh()
