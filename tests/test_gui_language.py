"""Vietnamese everywhere: every text the window shows (labels, buttons, items, tooltips, headers,
combo items, menus) on every page, for a ward and for a city, and in every dialog it can open,
Qt's own included (file, print, input, question), is walked for English words and raw setting
values.  Qt's dialogs read Vietnamese through ``resources/translations/qtbase_vi.ts``."""

import html
import re

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QModelIndex, Qt  # noqa: E402
from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from tests.conftest import as_demo  # noqa: E402
from ui import i18n  # noqa: E402
from ui.main_window import PAGES, MainWindow  # noqa: E402
from wardapp.office.settings import SPEC_BY_KEY  # noqa: E402
from wardapp.setup import demo  # noqa: E402
from wardapp.trust import auth  # noqa: E402

# Words of Qt's English dialogs and of the exchange's codes that a Vietnamese screen must not show
ENGLISH = (
    "OK", "Cancel", "Open", "Save", "Yes", "No", "Close", "Print", "Printer", "Preview",
    "Properties", "Options", "Apply", "Help", "Back", "Forward", "Name", "Size", "Type", "Kind",
    "Date Modified", "Look in", "File name", "Files of type", "Directory", "Folder", "Location",
    "Copies", "Pages", "Landscape", "Portrait", "Paper", "Margins", "Enter a value", "dry-run",
    "dry run", "applied", "already imported", "refused", "procedures", "dossiers", "events",
    "apologies", "commitments", "Error", "Warning", "True", "False", "None", "Detail View",
    "List View", "Parent Directory", "Create New Folder", "Show Details", "All Files", "Undo",
    "Redo", "Copy", "Paste", "Delete", "Select All", "Computer", "Recent Places",
)  # fmt: skip
# Raw setting values and codes the window must say in words
RAW = (
    "nd09", "calendar", "full", "mask", "omit", "both", "desk", "received", "in_progress",
    "supplement_requested", "forwarded", "paused", "resolved", "returned", "withdrawn", "direct",
    "online", "postal", "week", "month", "true", "false",
)  # fmt: skip
# ...and every setting's key ("smtp_host"): the window names a setting by its label
RAW += tuple(SPEC_BY_KEY)
FORBIDDEN = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ENGLISH + RAW)) + r")(?![\w-])")


def _clean(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text or "")
    return html.unescape(text).replace("&", "")


def _model_texts(model, rows: int = 30) -> list[str]:
    out = []
    if model is None:
        return out
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list model keeps it private: one column
        columns = 1
    for c in range(columns):
        out.append(str(model.headerData(c, Qt.Horizontal, Qt.DisplayRole) or ""))
    for r in range(min(rows, model.rowCount(QModelIndex()))):
        for c in range(columns):
            idx = model.index(r, c)
            for role in (Qt.DisplayRole, Qt.ToolTipRole):
                v = model.data(idx, role)
                if isinstance(v, str):
                    out.append(v)
    return out


def _menu_texts(menu) -> list[str]:
    out = [menu.title()] if isinstance(menu, QMenu) else []
    for a in menu.actions():
        out += [a.text(), a.toolTip() if a.toolTip() != a.text().replace("&", "") else ""]
        if a.menu() is not None:
            out += _menu_texts(a.menu())
    return out


def texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text ``root`` and its children show."""
    out: list[tuple[str, str]] = []
    for w in [root, *root.findChildren(QWidget)]:
        where = f"{type(root).__name__}/{type(w).__name__}:{w.objectName()}"
        found = [w.toolTip(), w.windowTitle() if w.isWindow() else ""]
        if isinstance(w, QLabel):
            found.append(w.text())
        if isinstance(w, QAbstractButton):
            found.append(w.text())
        if isinstance(w, QLineEdit):
            found.append(w.placeholderText())
        if isinstance(w, QComboBox):
            found += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QGroupBox):
            found.append(w.title())
        if isinstance(w, QTabWidget):
            found += [w.tabText(i) for i in range(w.count())]
        if isinstance(w, QAbstractSpinBox):
            found += [getattr(w, "suffix", lambda: "")(), w.specialValueText()]
        if isinstance(w, QTextEdit):
            found.append(w.toPlainText())
        if isinstance(w, QAbstractItemView):
            found += _model_texts(w.model())
        if isinstance(w, QMenu):
            found += _menu_texts(w)
        out += [(where, _clean(t)) for t in found if t]
    return out


def english_in(items) -> list[str]:
    return sorted({f"{where}: {text!r}" for where, text in items if FORBIDDEN.search(text)})


@pytest.fixture
def vietnamese(qtbot):
    app = QApplication.instance()
    assert i18n.install(app, "vi") == "vi"
    yield app
    i18n.uninstall(app)


@pytest.fixture
def window(qtbot, ward, vietnamese):
    demo.generate(as_demo(ward), dossiers=300, seed=5)
    auth.sign_in(ward, "chutich", demo.DEMO_PASSWORD)
    w = MainWindow(ward, background=False)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitUntil(lambda: not w.tasks, timeout=10000)
    w.watch.timer.stop()
    return w


def _every_page(w) -> list[tuple[str, str]]:
    found = []
    for row, (key, _m, _c) in enumerate(PAGES):
        if w.nav.isRowHidden(row):
            continue
        w.nav.setCurrentRow(row)
        QApplication.processEvents()
        found += [(f"{key}:{where}", t) for where, t in texts(w.page(key))]
    found += [("menu", t) for t in map(_clean, _menu_texts(w.menuBar()))]
    found += texts(w.statusBar())
    return found


def test_the_walk_finds_english_and_raw_values():
    """The walk itself can fail: English, a raw value or a CLI code are caught, words are not."""
    caught = [
        ("x", t)
        for t in ("Cancel", "&Yes", "dry-run", "nd09", "procedures: 30", "mask", "(smtp_host)")
    ]
    assert len(english_in(caught)) == 7
    fine = [("x", t) for t in ("Huỷ", "Che bớt chữ số", "30 thủ tục", "Mã hồ sơ", "wardapp")]
    assert english_in(fine) == []


def test_every_page_of_a_ward_reads_vietnamese(qtbot, window, tmp_path):
    window.exchange.export_to(str(tmp_path))  # the export's result, in words
    window.register.select(0)
    QApplication.processEvents()
    found = _every_page(window)
    assert len(found) > 300
    assert english_in(found) == []


def test_every_page_of_a_city_reads_vietnamese(qtbot, tmp_path, vietnamese):
    from wardapp.office.store import Ward
    from wardapp.setup.office import init_office

    city = Ward.open(tmp_path / "city.sqlite3")
    init_office(
        city, name="Ủy ban nhân dân tỉnh Lâm Đồng", agency_code="000.00.00.H26", kind="city"
    )
    auth.add_account(city, "qt", "Quản Trị", "admin", "matkhau123")
    auth.sign_in(city, "qt", "matkhau123")
    try:
        w = MainWindow(city, background=False)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitUntil(lambda: not w.tasks, timeout=10000)
        assert english_in(_every_page(w)) == []
        w.close()
    finally:
        city.close()


def _shown(qtbot, dialog) -> list[tuple[str, str]]:
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    found = texts(dialog)
    dialog.close()
    return found


def test_every_dialog_the_window_opens_reads_vietnamese(qtbot, window, tmp_path):
    from ui.first_run import FirstRunDialog
    from ui.help import HelpDialog
    from ui.pages.catalogue_box import ProcedureDialog
    from ui.pages.register_columns import header_menu
    from ui.preview import PreviewDialog
    from ui.sign_in import SignInDialog
    from wardapp.documents.receipt import receipt_pdf

    found = []
    for key, _m, _c in PAGES:
        found += _shown(qtbot, HelpDialog(window, key))
    code = window.register.model.row(0).code
    receipt_pdf(window.ward, code, tmp_path / "slip.pdf")
    found += _shown(qtbot, PreviewDialog(window, tmp_path / "slip.pdf", "Giấy tiếp nhận", "a.pdf"))
    found += _shown(qtbot, SignInDialog(window.ward, locked_for="chutich"))
    found += _shown(qtbot, SignInDialog(window.ward, demo=True))
    found += _shown(qtbot, FirstRunDialog(tmp_path / "new.sqlite3"))
    cat = window.settings.catalogue
    cat.table.selectRow(0)
    found += _shown(qtbot, ProcedureDialog(window, window.ward, cat.selected(), cat._fields()))
    window.register.select(0)
    found += texts(window.register.reprint_menu())
    found += texts(header_menu(window.register.table))
    found += texts(window.register.search.createStandardContextMenu())
    # Qt's own dialogs, as the window opens them (Qt's, not the system's: translated)
    ask = QInputDialog(window)
    ask.setLabelText("Lý do tạm dừng:")
    found += _shown(qtbot, ask)
    box = QMessageBox(
        QMessageBox.Question, "wardapp", "Ghi vào cơ sở dữ liệu?", QMessageBox.Yes | QMessageBox.No
    )
    found += _shown(qtbot, box)
    box = QMessageBox(QMessageBox.Warning, "wardapp", "Chưa chọn hồ sơ", QMessageBox.Ok, window)
    found += _shown(qtbot, box)
    empty = tmp_path / "trong"
    empty.mkdir()
    files = QFileDialog(window, "Chọn gói .wardpkg", str(empty), "Gói wardapp (*.wardpkg)")
    assert QApplication.instance().testAttribute(Qt.AA_DontUseNativeDialogs)
    files.setOption(QFileDialog.DontUseNativeDialog)
    assert files.viewMode() == QFileDialog.List  # names only: the details are the system's words
    found += _shown(qtbot, files)
    saving = QFileDialog(window, "Lưu PDF", str(empty))
    saving.setOption(QFileDialog.DontUseNativeDialog)
    saving.setAcceptMode(QFileDialog.AcceptSave)
    found += _shown(qtbot, saving)
    printer = QPrinter(QPrinter.HighResolution)
    found += _shown(qtbot, QPrintDialog(printer, window))
    qt_texts = [t for _w, t in found]
    assert "Đồng ý" in qt_texts and "Huỷ" in qt_texts  # the input dialog's buttons
    assert "Có" in qt_texts and "Không" in qt_texts  # the question's
    assert "Tìm trong:" in qt_texts and "Loại tệp:" in qt_texts  # the file dialog's
    assert "Phạm vi in" in qt_texts and "Số bản:" in qt_texts  # the print dialog's
    assert english_in(found) == []


def test_exchange_results_in_words():
    from wardapp.exchange import counts_in_words, summary_in_words
    from wardapp.exchange.city.summary import FileSummary

    said = counts_in_words({"procedures": 30, "dossiers": 3002, "events": 9876, "apologies": 4})
    assert said == "30 thủ tục, 3.002 hồ sơ, 9.876 bước xử lý, 4 văn bản xin lỗi"
    lines = [
        summary_in_words(FileSummary("a.wardpkg", "000.23.31.H26", 3, status, inserted=1200))
        for status in ("dry-run", "applied", "already imported", "refused")
    ]
    assert lines[0] == (
        "a.wardpkg: kiểm tra được, chưa ghi (000.23.31.H26, gói số 3) — thêm 1.200, cập nhật 0, "
        "không đổi 0, xung đột 0, loại 0"
    )
    assert lines[1].startswith("a.wardpkg: đã nhập (")
    assert lines[2] == "a.wardpkg: đã nhập từ trước, bỏ qua"
    assert english_in([("x", line) for line in lines]) == []
    # the command line keeps its codes, which scripts read
    assert FileSummary("a.wardpkg", status="dry-run").line().startswith("a.wardpkg: dry-run")
