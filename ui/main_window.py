"""The main window: left navigation, one page per screen, status bar with office, user and
database.  Pages talk to ``wardapp`` services only; after a change a page emits ``changed`` and
the window tells the other pages, each of which decides itself whether to refresh (Anki's
operation pattern)."""

from __future__ import annotations

import os
import sys

from ui.pages.apologies import ApologiesPage
from ui.pages.commitment import CommitmentPage
from ui.pages.dashboard import DashboardPage
from ui.pages.exchange import ExchangePage
from ui.pages.intake import IntakePage
from ui.pages.register import RegisterPage
from ui.pages.reports import ReportsPage
from ui.pages.settings import SettingsPage
from ui.qt import (
    QApplication,
    QHBoxLayout,
    QKeySequence,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QSettings,
    QShortcut,
    QStackedWidget,
    QWidget,
)
from wardapp.errors import WardError

NAV = (
    "Tổng quan",
    "Tiếp nhận",
    "Sổ theo dõi",
    "Xin lỗi",
    "Cam kết",
    "Báo cáo",
    "Trao đổi dữ liệu",
    "Cài đặt",
)


class MainWindow(QMainWindow):
    def __init__(self, ward, actor: str = "canbo"):
        super().__init__()
        self.ward, self.actor = ward, actor
        self.setWindowTitle("wardapp — Bộ phận Một cửa")
        self.nav = QListWidget()
        self.nav.addItems(NAV)
        self.nav.setFixedWidth(170)
        self.nav.setStyleSheet(
            "QListWidget { font-size: 14px; } QListWidget::item { padding: 7px 6px; }"
        )
        self.stack = QStackedWidget()
        self.dashboard = DashboardPage(ward)
        self.intake = IntakePage(ward, actor)
        self.register = RegisterPage(ward, actor)
        self.apologies = ApologiesPage(ward, actor)
        self.commitment = CommitmentPage(ward)
        self.reports = ReportsPage(ward)
        self.exchange = ExchangePage(ward)
        self.settings = SettingsPage(ward)
        pages = {
            "Tổng quan": self.dashboard,
            "Tiếp nhận": self.intake,
            "Sổ theo dõi": self.register,
            "Xin lỗi": self.apologies,
            "Cam kết": self.commitment,
            "Báo cáo": self.reports,
            "Trao đổi dữ liệu": self.exchange,
            "Cài đặt": self.settings,
        }
        for title in NAV:
            self.stack.addWidget(pages[title])
        central = QWidget()
        lay = QHBoxLayout(central)
        lay.addWidget(self.nav)
        lay.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.currentRowChanged.connect(self._page_shown)
        self.dashboard.open_register.connect(self.open_register)
        self.intake.saved.connect(lambda _code: self.data_changed())
        self.register.changed.connect(self.dashboard.refresh)
        self.register.changed.connect(self.apologies.refresh)
        self.apologies.changed.connect(self.data_changed)
        self.exchange.changed.connect(self.data_changed)
        self.settings.changed.connect(self.settings_changed)
        for keys, row in (
            ("Ctrl+1", 0),
            ("Ctrl+N", 1),
            ("Ctrl+2", 1),
            ("Ctrl+3", 2),
            ("Ctrl+F", 2),
        ):
            QShortcut(QKeySequence(keys), self, activated=lambda r=row: self.nav.setCurrentRow(r))
        with ward.read() as s:
            office = ward.office(s)
        self.statusBar().showMessage(f"{office.name}  ·  Người dùng: {actor}  ·  {ward.path}")
        settings = QSettings("wardapp", "wardapp")
        geometry = settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        self.nav.setCurrentRow(int(settings.value("last_page", 0) or 0))

    def _page_shown(self, row: int) -> None:
        if row == 2:
            self.register.search.setFocus()
        elif row == 1:
            self.intake.proc_search.setFocus()

    def open_register(self, filters, title: str) -> None:
        self.nav.setCurrentRow(2)
        self.register.show_filtered(filters, title)

    def data_changed(self) -> None:
        self.dashboard.refresh()
        self.register.refresh()
        self.apologies.refresh()

    def settings_changed(self) -> None:
        """Rules feed every due date and count on screen: refresh everything that shows them."""
        self.intake.procedure_changed()
        self.data_changed()

    def closeEvent(self, event):  # noqa: N802 - Qt's name
        settings = QSettings("wardapp", "wardapp")
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("last_page", self.nav.currentRow())
        super().closeEvent(event)


def run_gui(db_arg: str | None, demo: bool = False) -> int:
    """``demo``: open the demo data (its own file, generated on first use) directly."""
    from db.engine import DatabaseError
    from wardapp import demo as demo_data
    from wardapp.paths import default_db_path, demo_db_path
    from wardapp.store import Ward

    app = QApplication.instance() or QApplication(sys.argv)
    path = default_db_path(db_arg)
    try:
        ward = None
        if demo:
            path = demo_db_path() if db_arg is None else path
            fresh = not path.exists()
            ward = Ward.open(path)
            if fresh:
                demo_data.generate(ward)
        elif not path.exists():
            from ui.first_run import FirstRunDialog

            dialog = FirstRunDialog(path)
            answer = dialog.exec()
            if answer == FirstRunDialog.CREATED:
                ward = dialog.ward
            elif answer == FirstRunDialog.DEMO:
                # demo data in its own file, never in the office's real one
                path = demo_db_path() if db_arg is None and "WARDAPP_DB" not in os.environ else path
                fresh = not path.exists()
                ward = Ward.open(path)
                if fresh:
                    demo_data.generate(ward)
            else:
                return 0
        if ward is None:
            ward = Ward.open(path)
        window = MainWindow(
            ward, actor=os.environ.get("USERNAME") or os.environ.get("USER") or "canbo"
        )
    except (WardError, DatabaseError) as exc:
        QMessageBox.critical(None, "wardapp", str(exc))
        return 1
    window.show()
    return app.exec()
