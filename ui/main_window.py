"""The main window: left navigation, one page per screen, status bar with office, user and
database.  Pages talk to ``wardapp`` services only; after a change a page emits ``changed`` and
the window tells the other pages, each of which decides itself whether to refresh (Anki's
operation pattern)."""

from __future__ import annotations

import importlib
import os
import sys

from ui import lock_wait, menus
from ui.desk_line import DeskLine
from ui.errors import report_error
from ui.heap import settle_heap, warm_documents
from ui.help import HelpDialog
from ui.qt import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QSettings,
    QStackedWidget,
    QTimer,
    QWidget,
    tr,
)
from ui.session import Sessions
from ui.sign_in import IdleLock, SignInDialog, sign_in_at_start
from ui.tasks import Cancelled, Task
from ui.watch import ChangeWatch, HistoryCount, daily_backup, verify_chain
from wardapp.common import WardError
from wardapp.office import prepare_calendar
from wardapp.trust import backup

# Navigation order: (attribute, module, class).  A page is built, and its module imported, the
# first time it is shown or asked for: a start-up on a million dossiers must not compute every
# screen's figures (nor load the PDF toolkit) before the first one appears.
PAGES = (
    ("dashboard", "ui.pages.dashboard", "DashboardPage"),
    ("intake", "ui.pages.intake", "IntakePage"),
    ("register", "ui.pages.register", "RegisterPage"),
    ("apologies", "ui.pages.apologies", "ApologiesPage"),
    ("commitment", "ui.pages.commitment", "CommitmentPage"),
    ("reports", "ui.pages.reports", "ReportsPage"),
    ("exchange", "ui.pages.exchange", "ExchangePage"),
    ("settings", "ui.pages.settings", "SettingsPage"),
)
WITH_ACTOR = {"intake", "register", "apologies", "exchange"}
# figures filled off the GUI thread once the page is placed (ui.loading)
LOADS_BEHIND = {"dashboard", "apologies", "commitment", "reports"}
# A city has no desk: no intake, no apologies, no commitment of its own.  It opens on the
# packages its wards send (Trao đổi dữ liệu: import and the list of wards), then Báo cáo.
CITY_HIDDEN, CITY_START = {1, 3, 4}, 6


def nav_titles() -> list[str]:
    return [
        tr("Tổng quan"),
        tr("Tiếp nhận"),
        tr("Sổ theo dõi"),
        tr("Xin lỗi"),
        tr("Cam kết"),
        tr("Báo cáo"),
        tr("Trao đổi dữ liệu"),
        tr("Cài đặt"),
    ]


class MainWindow(Sessions, QMainWindow):
    def __init__(self, ward, actor: str = "canbo", *, background: bool = True):
        super().__init__()
        # events record the signed-in account; ``actor`` is only for a setup-mode database
        actor = ward.user.username if ward.user else actor
        self.ward, self.actor = ward, actor
        self.tasks: list[Task] = []
        self.setWindowTitle(tr("wardapp — Bộ phận Một cửa"))
        self.nav = QListWidget()
        self.nav.addItems(nav_titles())
        self.nav.setFixedWidth(170)
        self.nav.setStyleSheet(
            "QListWidget { font-size: 14px; } QListWidget::item { padding: 7px 6px; }"
        )
        self.stack = QStackedWidget()
        self._pages: dict[str, QWidget] = {}
        for _key, _module, _cls in PAGES:
            self.stack.addWidget(QWidget())  # placeholder until first shown
        central = QWidget()
        lay = QHBoxLayout(central)
        lay.addWidget(self.nav)
        lay.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._show_page)
        self.menu_acts = menus.build(self, nav_titles())
        with ward.read() as s:
            office = ward.office(s)
        self.hidden = CITY_HIDDEN if office.kind == "city" else set()
        for row in self.hidden:
            self.nav.setRowHidden(row, True)
            self.menu_acts[f"page{row}"].setVisible(False)
        self.menu_acts["new"].setVisible(office.kind != "city")
        self.user_label, self.backup_label, self.chain_label = QLabel(), QLabel(), QLabel()
        for w in (self.chain_label, self.backup_label, self.user_label):
            self.statusBar().addPermanentWidget(w)
        self.statusBar().showMessage(f"{office.name}  ·  {ward.path}")
        self.history = HistoryCount(self.chain_label)
        self.desk_line = DeskLine(self, ward)  # every desk write and register query goes by it
        self.show_user()
        self.show_backup_state()
        self.watch = ChangeWatch(ward, self, self.desk_line)
        self.desk_line.changed.connect(lambda up: self.data_changed() if up else None)
        self.watch.moved.connect(self.data_changed)
        lock_wait.install(self)
        self.idle = IdleLock(
            QApplication.instance(), ward.rules().settings["idle_lock_minutes"], self.lock, self
        )
        if background:
            self.start_background_checks()
        settings = QSettings("wardapp", "wardapp")
        geometry = settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        last = int(settings.value("last_page", 0) or 0)  # a ward's page is not the city's
        self.nav.setCurrentRow(last if not self.hidden else CITY_START)

    # -- pages, built on first use ---------------------------------------------------------------
    def page(self, key: str) -> QWidget:
        if key not in self._pages:
            self._pages[key] = self._build(key)
        return self._pages[key]

    def _build(self, key: str) -> QWidget:
        i = [k for k, _m, _c in PAGES].index(key)
        _key, module, cls = PAGES[i]
        page_module = importlib.import_module(module)
        page_cls = getattr(page_module, cls)
        actor = (self.actor,) if key in WITH_ACTOR else ()
        page = page_cls(self.ward, *actor, **({"deferred": True} if key in LOADS_BEHIND else {}))
        self._pages[key] = page
        if key == "dashboard":
            page.open_register.connect(self.open_register)
        elif key == "intake":
            page.saved.connect(lambda _code: self.data_changed())
        elif key == "register":
            page.changed.connect(lambda: self.data_changed(done="register"))
            page.menu_actions = self.menu_acts
            page.update_actions()
        elif key in ("apologies", "exchange"):
            page.changed.connect(self.data_changed)
        elif key == "settings":
            page.changed.connect(self.settings_changed)
            page.backup.restored.connect(self.close)  # the database was replaced
        old = self.stack.widget(i)
        self.stack.removeWidget(old)
        old.deleteLater()
        self.stack.insertWidget(i, page)
        if key in LOADS_BEHIND:  # placed: its figures now load off the GUI thread
            page.refresh()
        return page

    def _refresh(self, *keys: str) -> None:
        """Only pages already built: one built later reads fresh data anyway."""
        for key in keys:
            if key in self._pages:
                self._pages[key].refresh()

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        key = PAGES[row][0]
        self.page(key)
        self.stack.setCurrentIndex(row)
        if key == "register":
            self.register.search.setFocus()
        elif key == "intake":
            self.intake.proc_search.setFocus()

    dashboard = property(lambda self: self.page("dashboard"))
    intake = property(lambda self: self.page("intake"))
    register = property(lambda self: self.page("register"))
    apologies = property(lambda self: self.page("apologies"))
    commitment = property(lambda self: self.page("commitment"))
    reports = property(lambda self: self.page("reports"))
    exchange = property(lambda self: self.page("exchange"))
    settings = property(lambda self: self.page("settings"))

    # -- trust: who is signed in, backups, the history's hash chain ------------------------------
    def show_user(self) -> None:
        u = self.ward.user
        self.user_label.setText(
            tr("Người dùng: <b>{name}</b> ({role})").format(name=u.full_name, role=u.role_label)
            if u
            else tr("Người dùng: {name}").format(name=self.actor)
        )

    def show_backup_state(self) -> None:
        last = backup.last_backup(self.ward)
        warning = backup.backup_warning(self.ward, last=last)
        if warning:
            self.backup_label.setText(f"<span style='color:#a40000'>⚠ {warning}</span>")
        elif last is None:  # a desk of a server: the server's backup (pg_dump) is not here
            self.backup_label.setText(tr("Sao lưu: trên máy chủ"))
        else:
            self.backup_label.setText(
                tr("Sao lưu: {at}").format(at=f"{last.taken_at:%d/%m/%Y %H:%M}")
            )

    def start_background_checks(self) -> None:
        """At start, off the GUI thread: verify the history's hash chain, and take the day's
        automatic backup if none exists yet.  The window is usable meanwhile."""
        self.chain_label.setText(tr("Đang kiểm tra lịch sử…"))
        self.run_task(prepare_calendar, self.ward)
        self.run_task(verify_chain, self.ward, on_done=lambda r: self.history.checked(self, r))
        self.run_task(daily_backup, self.ward, on_done=lambda _p: self.show_backup_state())
        self.backup_timer = QTimer(self, interval=3_600_000)  # the PC may stay on for days
        self.backup_timer.timeout.connect(
            lambda: self.run_task(
                daily_backup, self.ward, on_done=lambda _p: self.show_backup_state()
            )
        )
        self.backup_timer.start()

    def run_task(self, fn, *args, title=None, on_done=None, on_error=None, **kwargs) -> Task:
        def failed(exc):
            if on_error is not None:
                on_error(exc)
            elif not isinstance(exc, Cancelled):
                report_error(self, exc)

        task = Task(self, fn, *args, title=title, **kwargs)
        self.tasks.append(task)
        task.done.connect(lambda: self.tasks.remove(task))
        return task.start(on_done, failed)

    def _backed_up(self, _path) -> None:
        self.show_backup_state()
        if "settings" in self._pages:
            self.settings.backup.refresh()

    def lock(self) -> None:
        """Idle lock: the window stays behind a sign-in dialog until a password is given."""
        if self.ward.user is None or getattr(self, "_locked", False):
            return
        self._locked = True
        try:
            self._covered(SignInDialog(self.ward, locked_for=self.ward.user.username))
        finally:
            self._locked = False
        self.session_changed()

    def sign_in_dialog(self) -> SignInDialog:
        return SignInDialog(self.ward, demo=_is_demo(self.ward))

    def drop_page(self, key: str) -> None:
        """Forget a built page; it is built again (for the signed-in account) when next shown."""
        i = [k for k, _m, _c in PAGES].index(key)
        page = self._pages.pop(key)
        self.stack.removeWidget(page)
        page.deleteLater()
        self.stack.insertWidget(i, QWidget())
        if self.nav.currentRow() == i:
            self._show_page(i)

    # -- the menu bar's slots ---------------------------------------------------------------------
    def go(self, row: int) -> None:
        if row not in self.hidden:
            self.nav.setCurrentRow(row)

    def register_act(self, key: str) -> None:
        self.go(2)
        self.register.act(key)

    def reprint(self, kind: str) -> None:
        self.go(2)
        self.register.reprint(kind)

    def show_help(self) -> HelpDialog:
        self.help_dialog = HelpDialog(self, PAGES[max(self.nav.currentRow(), 0)][0])
        self.help_dialog.open()
        return self.help_dialog

    def about(self) -> None:
        QMessageBox.information(
            self,
            tr("Giới thiệu wardapp"),
            tr(
                "wardapp — chương trình Bộ phận Một cửa của phường, xã; chạy trên máy, không cần mạng."
            ),
        )

    def open_register(self, filters, title: str) -> None:
        self.nav.setCurrentRow(2)
        self.register.show_filtered(filters, title)

    def data_changed(self, done: str = "") -> None:
        """Something was written (here, or elsewhere: ``ChangeWatch``): every built page that
        shows figures reads them again, except ``done``, which already has."""
        self.watch.mark()
        self._refresh(*(k for k in ("dashboard", "register", "apologies") if k != done))
        self.history.follow(self.ward)

    def settings_changed(self) -> None:
        """Rules feed every due date and count on screen: refresh everything that shows them."""
        if "intake" in self._pages:
            self.intake.catalogue_changed()
        self.idle.set_minutes(self.ward.rules().settings["idle_lock_minutes"])
        self.show_backup_state()
        self.data_changed()

    def closeEvent(self, event):  # noqa: N802 - Qt's name
        settings = QSettings("wardapp", "wardapp")
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("last_page", self.nav.currentRow())
        QApplication.instance().removeEventFilter(self.idle)
        self.watch.timer.stop()
        if "register" in self._pages:  # a search typed just before must not run behind it
            self.register._debounce.stop()
        self.desk_line.close()
        for task in list(self.tasks):  # never leave a worker thread running behind the window
            task.cancel()
            task.thread.quit()
            task.thread.wait()
        super().closeEvent(event)


def _is_demo(ward) -> bool:
    """Marked by the demo generator: a real office never shows the demo passwords."""
    from wardapp.office import is_demo

    return is_demo(ward)


def run_gui(db_arg: str | None, demo: bool = False) -> int:
    """``demo``: open the demo data (its own file, generated on first use) directly."""
    from db.engine import DatabaseError
    from wardapp.office import Ward, default_db_path, demo_db_path
    from wardapp.setup import demo as demo_data

    app = QApplication.instance() or QApplication(sys.argv)
    from ui.errors import start_logging
    from ui.i18n import install

    start_logging()
    install(app)  # before the first dialog
    try:
        path = default_db_path(db_arg)  # a server URL it cannot use is refused with the reason
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
        if not sign_in_at_start(ward, demo=_is_demo(ward)):
            return 0
        window = MainWindow(ward)
    except (WardError, DatabaseError) as exc:
        QMessageBox.critical(None, "wardapp", str(exc))
        return 1
    window.show()
    QTimer.singleShot(1000, settle_heap)  # once the window is painted, not before
    QTimer.singleShot(1500, warm_documents)
    return app.exec()
