"""Dates the Vietnamese way (issue 19): every date field of the window takes 31/12/2026 (and
31/12/2026 14:30 where a time is asked), ISO too, or a day picked on a calendar; a day that
does not exist is refused in Vietnamese and the field keeps what was typed."""

from datetime import date, datetime

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QDate, Qt  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from tests.conftest import (
    as_demo,  # noqa: E402
    settled,
)
from ui.dates import DateField  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from wardapp.common import ValidationError  # noqa: E402
from wardapp.setup import demo  # noqa: E402
from wardapp.trust import auth  # noqa: E402


@pytest.fixture
def window(qtbot, ward, monkeypatch):
    demo.generate(as_demo(ward), dossiers=20, seed=3)
    auth.sign_in(ward, "chutich", demo.DEMO_PASSWORD)
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: messages.append(text))
    w = MainWindow(ward, background=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: not w.tasks, timeout=10000)
    w.messages = messages
    yield w
    w.close()  # before the ward's database goes (on a server it is dropped)


def test_typing_a_vietnamese_date_gives_that_day(qtbot):
    f = DateField("Ngày")
    qtbot.addWidget(f)
    qtbot.keyClicks(f.edit, "31/12/2026")
    assert f.value() == date(2026, 12, 31)
    assert f.is_valid() and f.edit.toolTip() == "" and f.edit.styleSheet() == ""
    f.setText("2026-12-31")  # ISO too
    assert f.value() == date(2026, 12, 31)
    f.setText("1/2/2027")  # no leading zeros needed
    assert f.value() == date(2027, 2, 1)


def test_a_day_that_does_not_exist_is_refused_in_vietnamese_and_kept(qtbot):
    f = DateField("Ngày")
    qtbot.addWidget(f)
    qtbot.keyClicks(f.edit, "31/02/2026")
    with pytest.raises(ValidationError) as err:
        f.value()
    assert str(err.value) == "Ngày: '31/02/2026' không phải ngày có thật (ngày/tháng không tồn tại)"
    assert f.text() == "31/02/2026"  # kept to be corrected, not retyped
    assert "không phải ngày có thật" in f.edit.toolTip() and "#b00020" in f.edit.styleSheet()
    f.setText("12/31/2026")  # month/day the American way: month 31 does not exist
    assert "không phải ngày có thật" in f.problem()
    f.setText("hôm qua")
    assert f.problem() == "'hôm qua' không đọc được; gõ ngày dạng dd/mm/yyyy (vd: 31/12/2026)"
    f.setText("")
    assert f.problem() == "chưa nhập"
    assert DateField("Ngày", required=False).value() is None


def test_a_time_field_takes_day_and_hour(qtbot):
    f = DateField("Thời điểm", with_time=True)
    qtbot.addWidget(f)
    qtbot.keyClicks(f.edit, "31/12/2026 14:30")
    assert f.value() == datetime(2026, 12, 31, 14, 30)
    f.setText("2026-12-31T08:05")
    assert f.value() == datetime(2026, 12, 31, 8, 5)
    f.setText("31/12/2026")
    assert "thiếu giờ" in f.problem()
    f.setText("31/12/2026 25:00")
    assert "không có thật" in f.problem()
    f.set_value(datetime(2026, 1, 5, 7, 30))
    assert f.text() == "05/01/2026 07:30"


def test_the_calendar_pops_up_on_the_typed_month_and_fills_the_field(qtbot):
    f = DateField("Ngày", value=date(2026, 9, 2))
    qtbot.addWidget(f)
    f.show()
    popup = f.open_calendar()
    assert popup.isVisible()
    assert popup.calendar.selectedDate() == QDate(2026, 9, 2)
    assert popup.calendar.firstDayOfWeek().name == "Monday"
    popup.calendar.clicked.emit(QDate(2026, 9, 14))
    assert f.text() == "14/09/2026" and not popup.isVisible()
    f.edit.setFocus()
    qtbot.keyClick(f.edit, Qt.Key_Down, Qt.AltModifier)  # the keyboard's way to the calendar
    assert popup.isVisible() and popup.calendar.selectedDate() == QDate(2026, 9, 14)
    popup.hide()
    t = DateField("Thời điểm", with_time=True, value=datetime(2026, 9, 2, 15, 45))
    qtbot.addWidget(t)
    t.show()
    t.open_calendar().calendar.clicked.emit(QDate(2026, 9, 1))
    assert t.text() == "01/09/2026 15:45"  # the hour already typed is kept


def test_calendar_page_takes_a_typed_vietnamese_day(qtbot, window):
    page = window.settings
    page.day.setText("31/12/2026")
    page.desc.setText("Nghỉ bù")
    page.basis.setText("QĐ 1/QĐ-UBND")
    page.add_day()
    assert not window.ward.rules().calendar.is_working_day(date(2026, 12, 31)), window.messages
    row = [page.calendar.item(i, 0).text() for i in range(page.calendar.rowCount())]
    assert "31/12/2026" in row  # shown the way it is typed
    n = len(window.messages)
    page.day.setText("31/02/2026")
    page.add_day()
    assert window.messages[n:] == [
        "Ngày: '31/02/2026' không phải ngày có thật (ngày/tháng không tồn tại)"
    ]
    assert page.day.text() == "31/02/2026"
    # a day shown in the list can be removed again (read back from its dd/mm/yyyy text)
    page.calendar.setCurrentCell(row.index("31/12/2026"), 0)
    page.remove_day()
    assert window.ward.rules().calendar.is_working_day(date(2026, 12, 31)), window.messages


def test_a_report_for_any_typed_period(qtbot, window):
    rep = window.reports
    rep.kind.setCurrentText("Từ ngày … đến ngày")
    assert rep.start.isVisibleTo(rep) and not rep.year.isVisibleTo(rep)
    rep.start.setText("01/10/2026")
    rep.end.setText("15/12/2026")
    assert rep.period().start == date(2026, 10, 1) and rep.period().end == date(2026, 12, 15)
    settled(qtbot, window)
    assert "Từ 01/10/2026 đến 15/12/2026" in rep.view.toPlainText()
    rep.end.setText("30/02/2026")
    assert "không phải ngày có thật" in rep.view.toPlainText()
    rep.end.setText("01/09/2026")
    assert "trước ngày bắt đầu" in rep.view.toPlainText()
