"""One rule for "due soon": the dashboard's number, the register's filter and the row marks."""

from datetime import datetime

import pytest

from tests.conftest import as_demo
from wardapp.calendar.urgency import Urgency, due_by
from wardapp.calendar.working_days import WorkCalendar
from wardapp.dossiers import register as reg
from wardapp.indicators.dashboard import desk_summary
from wardapp.setup import demo


@pytest.mark.parametrize(
    ("now", "days", "end"),
    [
        (datetime(2026, 11, 18, 9, 0), 0, datetime(2026, 11, 19)),  # Wednesday: today
        (datetime(2026, 11, 18, 9, 0), 2, datetime(2026, 11, 21)),  # Thu, Fri
        (datetime(2026, 12, 5, 9, 0), 2, datetime(2026, 12, 9)),  # Saturday: Mon, Tue
        (datetime(2026, 12, 6, 9, 0), 1, datetime(2026, 12, 8)),  # Sunday: Monday
        (datetime(2026, 11, 21, 9, 0), 2, datetime(2026, 11, 26)),  # 24/11 off: Mon, Wed
        (datetime(2026, 4, 29, 9, 0), 2, datetime(2026, 5, 6)),  # 30/4 and 1/5 off: Mon, Tue
    ],
)
def test_due_by_counts_working_days_after_today(now, days, end):
    assert due_by(WorkCalendar(), now, days) == end


def test_row_marks_follow_the_setting_not_calendar_days():
    saturday = datetime(2026, 12, 5, 9, 0)
    u = Urgency(WorkCalendar(), saturday, 2)
    assert u.of(datetime(2026, 12, 4, 17, 0), None) == "late"
    assert u.of(datetime(2026, 12, 5, 11, 0), None) == "today"
    assert u.of(datetime(2026, 12, 8, 16, 30), None) == "soon"  # Tuesday: 3 calendar days on
    assert u.of(datetime(2026, 12, 9, 8, 0), None) == ""  # Wednesday: the third working day
    assert u.of(datetime(2026, 12, 4, 17, 0), datetime(2026, 12, 4, 9, 0)) == ""  # finished
    assert Urgency(WorkCalendar(), saturday, 0).of(datetime(2026, 12, 7, 8, 0), None) == ""


@pytest.mark.parametrize("now", [datetime(2026, 12, 5, 9, 0), datetime(2026, 12, 2, 9, 0)])
def test_dashboard_soon_number_is_the_register_filter_count(ward, now):
    """The chairman clicks "due within N working days" and gets exactly that many rows, on a
    Saturday as on a weekday."""
    demo.generate(
        as_demo(ward), dossiers=600, seed=9, end=datetime(2026, 12, 1, 17, 0), span_days=40
    )
    rules = ward.rules()
    soon = int(rules.settings["soon_working_days"])
    with ward.read() as s:
        summary = desk_summary(s, rules, now)
        listed = reg.count(s, reg.Filters(due_within_days=soon), rules, now)
        today = reg.count(s, reg.Filters(due_within_days=0), rules, now)
        rows = reg.page(s, reg.Filters(due_within_days=soon), rules, now, offset=0, limit=999)
    assert summary.due_today + summary.due_soon == listed > 0
    assert summary.due_today == today
    marks = Urgency(rules.calendar, now, soon)
    assert {marks.of(r.due, r.finished) for r in rows} <= {"today", "soon"}
