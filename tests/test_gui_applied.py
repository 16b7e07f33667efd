"""What the window shows is what is applied: the filter box after a dashboard number, an empty
list that names its filter, figures that follow every change, a wheel that scrolls instead of
changing a setting, the intake's slip button and Enter; and a city's own pages."""

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QWheelEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QComboBox  # noqa: E402

from tests.conftest import (  # noqa: E402
    open_desk,
    settled,
)
from ui.main_window import MainWindow  # noqa: E402
from wardapp.dossiers import IntakeData, intake  # noqa: E402
from wardapp.trust import auth  # noqa: E402


@pytest.fixture
def window(qtbot, ward, monkeypatch):
    w = open_desk(qtbot, ward, monkeypatch, dossiers=300, seed=5, background=False)
    w.resize(1366, 768)
    w.show()
    qtbot.waitUntil(lambda: not w.tasks, timeout=10000)  # the dashboard loads off the GUI thread
    w.watch.timer.stop()  # the tests poll by hand: no timed assertion
    return w


def test_a_dashboard_number_sets_the_filter_box_to_match(qtbot, window):
    window.page("dashboard")  # built on first use, its figures load behind
    settled(qtbot, window)
    reg = window.register
    for key, title in (
        ("late", "Quá hạn"),
        ("open", "Đang giải quyết"),
        ("today", "Đến hạn hôm nay"),
        ("soon", "Đến hạn trong 2 ngày làm việc"),
        ("not_returned", "Có kết quả chưa ghi trả"),
    ):
        window.nav.setCurrentRow(0)
        count = int(window.dashboard.count_buttons[key].text())
        window.dashboard.count_buttons[key].click()
        assert reg.filter_box.currentText() == title, key
        assert reg.model.rowCount() == count, key
        assert reg.count_label.text() == f"{title}: {count} hồ sơ"
        # choosing the same entry by hand gives the same rows: the box is the filter applied
        reg.filter_box.setCurrentIndex(0)
        reg.filter_box.setCurrentText(title)
        assert reg.model.rowCount() == count, key


def test_an_empty_list_names_the_filter_that_hides_the_dossiers(qtbot, window):
    reg = window.register
    window.nav.setCurrentRow(2)
    reg.filter_box.setCurrentText("Quá hạn")
    reg.search.setText("abc")
    reg.apply_filters()
    assert reg.model.rowCount() == 0
    assert reg.empty_hint.isVisibleTo(window)
    text = reg.empty_hint.text()
    assert "Không có hồ sơ nào khớp 'abc' trong bộ lọc Quá hạn" in text and "bỏ lọc" in text
    reg.empty_hint.linkActivated.emit("clear")  # "bỏ lọc": the filter goes, the search stays
    assert reg.filter_box.currentText() == "Tất cả" and reg.search.text() == "abc"
    assert reg.empty_hint.text() == "Không có hồ sơ nào khớp 'abc'."
    reg.search.setText("")
    reg.apply_filters()
    assert reg.model.rowCount() > 0 and not reg.empty_hint.isVisibleTo(window)


def _take_in(ward, name: str):
    return intake(ward, IntakeData("HT.02", name, phone="0912345678"), "canbo1")


def test_figures_follow_a_change_made_outside_the_window(qtbot, window):
    """A dossier taken in from the command line (another connection to the file): the next
    poll of the change counter refreshes the counts, the register and the status bar."""
    window.history.checked(window, ([], 0))  # as if the start-up check had counted 0 steps
    window.history.steps, window.history.last_id = 100, 10**9
    window.nav.setCurrentRow(2)
    window.page("dashboard")  # built on first use, its figures load behind
    settled(qtbot, window)
    before_open = int(window.dashboard.count_buttons["open"].text())
    before_rows = window.register.model.rowCount()
    assert window.watch.poll() is False  # nothing moved
    d = _take_in(window.ward, "Đinh Thị Mới")
    assert window.watch.poll() is True
    settled(qtbot, window)
    assert int(window.dashboard.count_buttons["open"].text()) == before_open + 1
    assert window.register.model.rowCount() == before_rows + 1
    window.history.last_id = 0  # count every step from the first
    window.history.follow(window.ward)
    assert window.chain_label.text().startswith("Lịch sử: ")
    assert window.watch.poll() is False
    assert d.code in {window.register.model.row(i).code for i in range(5)}


def test_the_status_bar_history_count_moves_with_each_step(qtbot, window):
    from wardapp.trust import chain

    with window.ward.read() as s:
        steps, last = chain.events_after(s, 0)
    window.history.checked(window, ([], last))
    window.history.steps = steps
    window.history.show()
    shown = f"{steps:,}".replace(",", ".")
    assert window.chain_label.text() == f"Lịch sử: {shown} bước, nguyên vẹn"
    window.nav.setCurrentRow(1)
    page = window.intake
    page.proc_search.setText("HT.02")
    page.name.setText("Đinh Văn Bước")
    page.save()
    shown = f"{steps + 1:,}".replace(",", ".")
    assert window.chain_label.text() == f"Lịch sử: {shown} bước, nguyên vẹn"


def test_the_wheel_scrolls_settings_instead_of_changing_a_value(qtbot, window):
    window.nav.setCurrentRow(7)
    page = window.settings
    page.scroll.verticalScrollBar().setValue(0)
    box = page.editors["paper_size_slips"]
    assert isinstance(box, QComboBox)
    assert [box.itemText(i) for i in range(box.count())] == ["Khổ A4", "Khổ A5"]
    before = box.currentData()
    QApplication.processEvents()

    def wheel(widget):
        return QWheelEvent(
            QPointF(5, 5),
            QPointF(widget.mapToGlobal(QPoint(5, 5))),
            QPoint(0, 0),
            QPoint(0, -120),
            Qt.NoButton,
            Qt.NoModifier,
            Qt.NoScrollPhase,
            False,
        )

    QApplication.sendEvent(box, wheel(box))
    assert box.currentData() == before
    assert page.scroll.verticalScrollBar().value() > 0  # the page scrolled instead
    box.setFocus()
    qtbot.waitUntil(box.hasFocus, timeout=2000)
    QApplication.sendEvent(box, wheel(box))
    assert box.currentData() != before  # the field being edited takes the wheel


def test_settings_combos_show_words_and_save_codes(qtbot, window):
    page = window.settings
    quarter = page.editors["quarter_scheme"]
    assert quarter.currentText().startswith("Theo Nghị định 09/2019")
    data = page.editors["export_personal_data"]
    assert [data.itemText(i) for i in range(3)] == ["Gửi đầy đủ", "Che bớt chữ số", "Không gửi"]
    quarter.setCurrentIndex(quarter.findData("calendar"))
    assert page.values()["quarter_scheme"] == "calendar"
    page.save_rules()
    assert window.ward.rules().settings["quarter_scheme"] == "calendar"
    assert quarter.currentText().startswith("Theo quý dương lịch")


def test_the_slip_button_belongs_to_the_dossier_just_saved_and_enter_saves_once(qtbot, window):
    window.nav.setCurrentRow(1)
    page = window.intake
    page.proc_search.setText("HT.02")
    page.name.setText("Lý Thị Một")
    page.phone.setText("0912345678")
    page.full_online.setChecked(True)
    page.sets.setValue(3)
    qtbot.keyClick(page.name, Qt.Key_Return)
    code = page.last_code
    assert code and page.receipt_btn.isEnabled()
    assert page.receipt_btn.text() == f"In giấy tiếp nhận {code}…"
    assert "Lý Thị Một" in page.receipt_btn.toolTip()
    # the form is as for a new citizen
    assert page.proc_search.text() == "" and page.name.text() == "" and page.phone.text() == ""
    assert not page.full_online.isChecked() and page.sets.value() == 1
    # Enter again on the emptied form: nothing saved, nothing complained about
    qtbot.keyClick(page.name, Qt.Key_Return)
    assert window.messages == [] and "chưa" not in page.result.text()
    assert page.last_code == code
    with window.ward.read() as s:
        from sqlalchemy import func, select

        from db.models import Dossier

        assert s.scalar(select(func.count()).where(Dossier.applicant_name == "Lý Thị Một")) == 1
    # the next citizen being typed: the button no longer offers the previous slip
    page.name.setText("Trần Văn Hai")
    assert not page.receipt_btn.isEnabled() and page.last_code is None
    assert code not in page.receipt_btn.text()


def _city(tmp_path, role: str):
    from wardapp.office.store import Ward
    from wardapp.setup.office import init_office

    city = Ward.open(tmp_path / "city.sqlite3")
    init_office(
        city, name="Ủy ban nhân dân tỉnh Lâm Đồng", agency_code="000.00.00.H26", kind="city"
    )
    auth.add_account(city, "qt", "Quản Trị", "admin", "matkhau123")
    auth.sign_in(city, "qt", "matkhau123")
    if role != "admin":
        auth.add_account(city, "nv", "Người Dùng", role, "matkhau123")
        auth.sign_in(city, "nv", "matkhau123")
    return city


def test_a_city_opens_on_its_own_pages(qtbot, tmp_path):
    city = _city(tmp_path, "city")
    try:
        w = MainWindow(city, background=False)
        qtbot.addWidget(w)
        assert w.nav.currentRow() == 6 and w.stack.currentWidget() is w.exchange
        hidden = [w.nav.item(i).text() for i in range(8) if w.nav.item(i).isHidden()]
        assert hidden == ["Tiếp nhận", "Xin lỗi", "Cam kết"]
        assert not w.menu_acts["page1"].isVisible() and not w.menu_acts["new"].isVisible()
        w.go(1)  # Ctrl+2 reaches no intake at a city
        assert w.nav.currentRow() == 6
        w.go(5)
        assert w.nav.currentRow() == 5
        assert w.exchange.main_btn.isEnabled() and not w.exchange.why.isVisibleTo(w)
        w.close()
    finally:
        city.close()


def test_a_city_administrator_is_told_which_role_imports(qtbot, tmp_path):
    city = _city(tmp_path, "admin")
    try:
        w = MainWindow(city, background=False)
        qtbot.addWidget(w)
        w.show()
        page = w.exchange
        assert not page.main_btn.isEnabled()
        assert page.why.isVisible()
        assert page.why.text().startswith("⚠ Chỉ cán bộ thành phố được nhập gói dữ liệu")
        assert "Đổi người dùng" in page.why.text()
        w.close()
    finally:
        city.close()
