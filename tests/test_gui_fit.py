"""The window on a 1366×768 office screen, at 100 % and at 125 % scaling (1093×614 logical
pixels): no page forces the window larger, the dashboard's chart is on screen, the register
shows its columns without horizontal scrolling and the preview fits with zoom."""

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QWheelEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QGroupBox  # noqa: E402

from tests.conftest import as_demo, settled  # noqa: E402
from ui.main_window import PAGES, MainWindow  # noqa: E402
from wardapp.setup import demo  # noqa: E402
from wardapp.trust import auth  # noqa: E402

SCREENS = ((1366, 768), (1093, 614))


@pytest.fixture
def window(qtbot, ward):
    demo.generate(as_demo(ward), dossiers=200, seed=5)
    auth.sign_in(ward, "chutich", demo.DEMO_PASSWORD)
    w = MainWindow(ward, background=False)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitUntil(lambda: not w.tasks, timeout=10000)
    return w


@pytest.mark.parametrize("size", SCREENS, ids=["100%", "125%"])
def test_no_page_makes_the_window_larger_than_the_screen(qtbot, window, size):
    width, height = size
    for row, (key, _m, _c) in enumerate(PAGES):
        window.resize(width, height)
        window.nav.setCurrentRow(row)
        QApplication.processEvents()
        hint = window.minimumSizeHint()
        assert hint.width() <= width and hint.height() <= height, (key, hint)
        assert (window.width(), window.height()) == (width, height), key
        page = window.page(key)
        # nothing wider than the room the page is given: no page scrolls sideways as a whole
        assert page.minimumSizeHint().width() <= window.stack.width(), key


def test_the_dashboard_chart_is_whole_on_screen_at_1366x768(qtbot, window):
    window.nav.setCurrentRow(0)
    QApplication.processEvents()
    page = window.dashboard
    settled(qtbot, window)  # its figures load behind
    view = page.scroll.viewport()
    top_left = page.chart.mapTo(view, QPoint(0, 0))
    assert top_left.y() >= 0
    assert top_left.y() + page.chart.height() <= view.height()
    assert page.chart.height() >= page.chart.minimumHeight()
    # every box in the width, the late-by-agency split included: no sideways scrolling
    titles = [b.title() for b in page.findChildren(QGroupBox)]
    assert any(t.startswith("Hồ sơ quá hạn theo cơ quan") for t in titles), titles
    assert page.scroll.horizontalScrollBar().maximum() == 0
    window.resize(1093, 614)  # at 125 % the page scrolls to it instead of cutting it off
    QApplication.processEvents()
    bar = page.scroll.verticalScrollBar()
    assert bar.maximum() > 0
    page.scroll.ensureWidgetVisible(page.chart, 0, 0)
    top_left = page.chart.mapTo(view, QPoint(0, 0))
    assert top_left.y() >= 0 and top_left.y() + page.chart.height() <= view.height()


def test_register_shows_a_clerks_columns_without_scrolling_sideways(qtbot, window):
    from ui.pages import register_columns
    from ui.pages.register_model import KEYS

    window.nav.setCurrentRow(2)
    QApplication.processEvents()
    table = window.register.table
    assert register_columns.shown(table) == ["code", "status", "applicant", "due", "procedure"]
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    status = KEYS.index("status")
    assert table.columnWidth(status) >= 250  # "⚠ Quá hạn · Đang giải quyết · …" not cut short
    # the header's context menu offers every column; ticking one shows it and is remembered
    menu = register_columns.header_menu(table)
    names = [a.text() for a in menu.actions() if a.isCheckable()]
    assert names[:3] == ["Mã hồ sơ", "Trạng thái", "Người nộp"] and "Tiếp nhận" in names
    code_action = menu.actions()[0]
    assert not code_action.isEnabled()  # a row always says which dossier it is
    received = next(a for a in menu.actions() if a.text() == "Tiếp nhận")
    received.setChecked(True)
    assert not table.isColumnHidden(KEYS.index("received"))
    assert table.columnWidth(KEYS.index("received")) >= 100
    window.drop_page("register")  # a page built again reads the remembered choice
    window.nav.setCurrentRow(2)
    QApplication.processEvents()
    assert "received" in register_columns.shown(window.register.table)
    menu = register_columns.header_menu(window.register.table)
    next(a for a in menu.actions() if a.text() == "Cột mặc định").trigger()
    assert register_columns.shown(window.register.table)[-1] == "procedure"
    assert register_columns.remembered() == list(register_columns.SHOWN_BY_DEFAULT)


def test_buttons_wrap_instead_of_widening_the_register(qtbot, window):
    window.resize(1093, 614)
    window.nav.setCurrentRow(2)
    QApplication.processEvents()
    page = window.register
    buttons = list(page.buttons.values())
    assert all(b.isVisible() for b in buttons)
    right = max(b.mapTo(page, QPoint(b.width(), 0)).x() for b in buttons)
    assert right <= page.width()
    assert len({b.mapTo(page, QPoint(0, 0)).y() for b in buttons}) >= 2  # on two rows


@pytest.fixture
def preview(qtbot, window, tmp_path):
    from ui.preview import PreviewDialog
    from wardapp.documents.receipt import receipt_pdf

    code = window.register.model.row(0).code
    pdf = tmp_path / "slip.pdf"
    receipt_pdf(window.ward, code, pdf)
    dialog = PreviewDialog(window, pdf, "Giấy tiếp nhận hồ sơ", "slip.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    return dialog


def test_preview_fits_the_window_and_zooms(qtbot, window, preview):
    assert preview.height() <= 768 and preview.width() <= 1366
    view = preview.scroll.viewport()
    first = preview.page_labels[0]
    # opens at the window's width, never above true size: an A5 slip is not blown up
    assert preview.zoom_label.text() == "100 %" and first.pixmap().width() <= view.width()
    preview.fit_width_btn.click()
    assert preview.fit_width_btn.isChecked()
    assert first.pixmap().width() <= view.width()
    assert first.pixmap().width() >= view.width() - 60  # fills the width
    assert preview.scroll.horizontalScrollBar().maximum() == 0
    preview.fit_page_btn.click()
    assert preview.fit_page_btn.isChecked() and not preview.fit_width_btn.isChecked()
    assert first.pixmap().height() <= view.height()
    fit = first.pixmap().width()
    preview.zoom_in_btn.click()
    assert first.pixmap().width() > fit
    assert preview.zoom_label.text().endswith("%")
    zoomed = first.pixmap().width()
    wheel = QWheelEvent(
        QPointF(10, 10),
        QPointF(view.mapToGlobal(QPoint(10, 10))),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.NoButton,
        Qt.ControlModifier,
        Qt.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view, wheel)
    assert first.pixmap().width() > zoomed  # Ctrl+wheel zooms too
    preview.zoom_out_btn.click()
    preview.zoom_out_btn.click()
    assert first.pixmap().width() < zoomed


def test_every_dialog_fits_the_screen_at_125_percent(qtbot, window, tmp_path):
    from ui.first_run import FirstRunDialog
    from ui.help import HelpDialog
    from ui.pages.catalogue_box import ProcedureDialog
    from ui.sign_in import SignInDialog

    cat = window.settings.catalogue
    cat.table.selectRow(0)
    dialogs = [HelpDialog(window, key) for key, _m, _c in PAGES] + [
        SignInDialog(window.ward, demo=True),
        FirstRunDialog(tmp_path / "new.sqlite3"),
        ProcedureDialog(window, window.ward, cat.selected(), cat._fields()),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        hint = dialog.minimumSizeHint()
        assert hint.width() <= 1093 and hint.height() <= 614, (type(dialog).__name__, hint)
        assert dialog.width() <= 1366 and dialog.height() <= 768, type(dialog).__name__
        dialog.close()
