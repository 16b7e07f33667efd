"""``wardapp --self-test``: the core's checks (``wardapp.setup.self_test``), then the window's.

Offscreen, on the same scratch demo database: the sign-in dialog accepts a demo account, every
page of the window is built and shown (a page module left out of a build leaves a blank screen
and no message, so each is a check of its own), the English interface loads from its ``.qm``
and PDFium renders a generated document as the preview does.  Nothing is written to the user's
settings: the window is never closed through ``closeEvent``, which saves its geometry.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

from wardapp.common import utf8_streams
from wardapp.setup import Check, Scratch, domain_checks, finish, report, run_check, scratch


def _sign_in(x: Scratch) -> str:
    from ui.sign_in import SignInDialog
    from wardapp.setup import DEMO_PASSWORD

    dialog = SignInDialog(x.ward, demo=True)
    dialog.username.setText("chutich")
    dialog.password.setText(DEMO_PASSWORD)
    dialog.accept_if_valid()
    if dialog.result() != SignInDialog.Accepted:
        raise ValueError(dialog.error.text() or "hộp đăng nhập không nhận tài khoản mẫu")
    return x.ward.user.username


def _window(x: Scratch):
    from ui.main_window import MainWindow

    window = MainWindow(x.ward, background=False)
    window.show()
    return window


def _page(window, row: int) -> str:
    from ui.main_window import PAGES
    from ui.qt import QApplication

    key, module, cls = PAGES[row]
    window.nav.setCurrentRow(row)
    QApplication.processEvents()
    page = window.stack.currentWidget()
    if type(page).__name__ != cls:
        raise ValueError(f"trang trống (không nạp được {module}.{cls})")
    _settle(window)
    return module


def _settle(window) -> None:
    """Work a page started off the GUI thread (the dashboard's figures) must end in the check
    that started it, not during the next one."""
    from ui.qt import QApplication

    while window.tasks:
        for task in list(window.tasks):
            task.thread.wait(50)
        QApplication.processEvents()
    QApplication.processEvents()


def _english() -> str:
    from ui.i18n import compiled
    from ui.qt import QTranslator

    qm = compiled("en")
    translator = QTranslator()
    if qm is None or not translator.load(str(qm)):
        raise FileNotFoundError("wardapp_en.qm")
    english = translator.translate("", "Sổ theo dõi")
    if not english or english == "Sổ theo dõi":
        raise ValueError(f"{qm.name} không dịch 'Sổ theo dõi'")
    return english


def _preview(x: Scratch) -> str:
    """Every generated PDF through the preview dialog the clerk sees (PDFium rasterises)."""
    from ui.preview import PreviewDialog

    pages = 0
    for name, path in x.outputs.items():
        if path.suffix == ".pdf" and path.exists():
            dialog = PreviewDialog(None, path, name, name)
            pages += dialog.page_count
            dialog.close_pdf()
            dialog.deleteLater()
    if not pages:
        raise ValueError("không có trang nào")
    return f"{pages} trang"


def window_checks(x: Scratch) -> Iterator[Check]:
    from ui.main_window import nav_titles

    yield run_check("Bản dịch tiếng Anh (.qm)", _english)
    yield run_check("Xem trước các tệp PDF (PDFium)", lambda: _preview(x))
    x.ward.user = None  # the window's own sign-in, not the one the core's checks made
    check = run_check("Hộp đăng nhập", lambda: _sign_in(x))
    yield check
    if not check.ok:
        return
    holder = {}
    check = run_check("Cửa sổ chính", lambda: holder.setdefault("w", _window(x)) and "")
    yield check
    if not check.ok:
        return
    window = holder["w"]
    try:
        for row, title in enumerate(nav_titles()):
            yield run_check(f"Trang «{title}»", lambda row=row: _page(window, row))
    finally:
        _settle(window)
        window.hide()
        window.deleteLater()


def main(argv=None) -> int:
    """Every check the installed program can make on itself; exit 0 only if all pass."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    utf8_streams()
    from ui.errors import start_logging
    from ui.i18n import install
    from ui.qt import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "wardapp"])
    start_logging()  # Qt's warnings to the log, not between the result lines
    install(app)
    x = scratch()

    def checks() -> Iterator[Check]:
        yield from domain_checks(x)
        if x.ward is not None and x.ward.user is not None:
            yield from window_checks(x)

    try:
        return report(checks(), write=_writer())
    finally:
        finish(x)


def _writer():
    """The windowed program on Windows has no console: its lines go to a file in the data
    folder instead, and the exit code still tells the result."""
    if sys.stdout is not None:
        return lambda line: print(line, flush=True)
    from wardapp.office import data_dir

    path = data_dir() / "self-test.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("", encoding="utf-8")

    def write(line: str) -> None:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")

    return write
