"""First start with no database: create the office's own database from four fields, restore the
old PC's backup (moving to a new PC), join the office's database on its server (several desks,
one register: a PostgreSQL URL, kept in the settings file, its password in the OS keyring or
.pgpass, never in the file), or open the demo data (kept in its own file, never mixed with real
data)."""

from __future__ import annotations

from pathlib import Path

from ui.errors import run_action
from ui.qt import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    tr,
)
from wardapp.common import validation
from wardapp.office import Ward, server_url_example
from wardapp.setup import init_office


class FirstRunDialog(QDialog):
    DEMO, CREATED = 2, 1

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self.ward: Ward | None = None
        self.setWindowTitle(tr("wardapp — bắt đầu"))
        self.name = QLineEdit(placeholderText=tr("Phường Xuân An"))
        self.code = QLineEdit(placeholderText=tr("000.23.31.H26"))
        self.parent_name = QLineEdit(placeholderText=tr("Ủy ban nhân dân tỉnh …"))
        self.chairman = QLineEdit()
        form = QFormLayout()
        for label, w in (
            ("Tên phường, xã", self.name),
            ("Mã định danh cơ quan", self.code),
            ("Cơ quan cấp trên", self.parent_name),
            ("Chủ tịch UBND", self.chairman),
        ):
            form.addRow(label, w)
        create, demo = QPushButton(tr("Tạo dữ liệu của cơ quan")), QPushButton(tr("Mở dữ liệu mẫu"))
        restore = QPushButton(tr("Khôi phục từ bản sao lưu…"))
        create.setDefault(True)
        create.clicked.connect(self.create)
        demo.clicked.connect(lambda: self.done(self.DEMO))
        restore.clicked.connect(self.restore)
        row = QHBoxLayout()
        row.addWidget(restore)
        row.addStretch(1)
        row.addWidget(demo)
        row.addWidget(create)
        lay = QVBoxLayout(self)
        lay.addWidget(
            QLabel(
                "<h3>Chưa có dữ liệu trên máy này</h3>"
                f"<p>Nhập thông tin cơ quan để bắt đầu (tệp dữ liệu: {path}),<br>"
                "hoặc mở dữ liệu mẫu để xem thử chương trình.<br>"
                "Chuyển sang máy mới: khôi phục từ bản sao lưu của máy cũ.</p>"
            )
        )
        lay.addLayout(form)
        lay.addLayout(row)
        self.server_url = QLineEdit(placeholderText=server_url_example())
        self.server_password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.server_password.setPlaceholderText(tr("để trống nếu đã có .pgpass hoặc PGPASSWORD"))
        join = QPushButton(tr("Kết nối máy chủ"))
        join.clicked.connect(self.join_server)
        server = QFormLayout()
        server.addRow(tr("Địa chỉ máy chủ"), self.server_url)
        server.addRow(tr("Mật khẩu"), self.server_password)
        server.addRow("", join)
        lay.addWidget(
            QLabel(tr("<p>Nhiều máy cùng một sổ: dùng cơ sở dữ liệu chung trên máy chủ.</p>"))
        )
        lay.addLayout(server)

    def create(self) -> None:
        def make():
            # check before the file exists: a typo leaves nothing behind
            validation.required_text(self.name.text(), "Tên phường, xã")
            validation.agency_code(self.code.text())
            ward = Ward.open(self.path)
            init_office(
                ward,
                name=self.name.text(),
                agency_code=self.code.text(),
                parent=self.parent_name.text(),
                chairman=self.chairman.text(),
            )
            return ward

        ward = run_action(self, make)
        if ward is not None:
            self.ward = ward
            self.done(self.CREATED)

    def restore(self) -> None:
        """Moving to a new PC: the old PC's backup file becomes this PC's database."""
        from wardapp.trust import FILE_FILTER, restore_as_new

        file, _ = QFileDialog.getOpenFileName(self, tr("Chọn bản sao lưu"), "", FILE_FILTER)
        if not file:
            return
        if run_action(self, lambda: restore_as_new(file, self.path) or True):
            self.ward = run_action(self, Ward.open, self.path)
            if self.ward is not None:
                self.done(self.CREATED)

    def join_server(self) -> None:
        """The office's server database: checked (no password in the URL, the schema made by
        ``wardapp server init``), a password typed put in the keyring, and the URL kept in the
        settings file only once the database answered."""
        from wardapp.office import check_server, locate_server, save_location, store_server_password

        def join():
            where = locate_server(self.server_url.text())
            if self.server_password.text():
                store_server_password(where, self.server_password.text())
            check_server(where)
            ward = Ward.open(where)
            save_location(str(where))
            return ward

        ward = run_action(self, join)
        if ward is not None:
            self.ward = ward
            self.done(self.CREATED)
