from datetime import datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import dt
from tests.test_calendar import shipped
from wardapp.calendar.deadlines import (
    DEFAULT_HOURS,
    DeskHours,
    add_working_minutes,
    classify_outcome,
    compute_due,
    explain_due,
    extend_for_pause,
    next_open,
    working_days_left,
    working_minutes_between,
)
from wardapp.common.errors import ValidationError

CAL = shipped()
H = DEFAULT_HOURS


def due(received, days, cutoff=time(15, 0)):
    return compute_due(CAL, H, dt(received), days, cutoff)


@pytest.mark.parametrize(
    ("received", "days", "expected"),
    [
        ("2026-11-20 09:15", 3, "2026-11-26 09:15"),  # skips the weekend and 24/11
        ("2026-11-21 10:00", 3, "2026-11-26 17:00"),  # Saturday: counts from Monday 07:30
        ("2026-11-20 12:00", 2, "2026-11-25 11:30"),  # lunch: counts from 13:30 → shown 11:30
        ("2026-11-20 18:30", 1, "2026-11-23 17:00"),  # evening online filing
        ("2026-02-13 08:00", 1, "2026-02-23 08:00"),  # across Tết
        ("2026-01-09 10:00", 1, "2026-01-10 10:00"),  # make-up Saturday counts
        ("2026-11-20 14:00", 0, "2026-11-20 17:00"),  # same day before 15:00
        ("2026-11-20 15:00", 0, "2026-11-23 17:00"),  # at the cut-off: next working day
        ("2026-11-22 09:00", 0, "2026-11-23 17:00"),  # Sunday
        ("2026-11-20 09:00", 0.5, "2026-11-20 17:00"),  # morning → afternoon
        ("2026-11-20 14:00", 0.5, "2026-11-23 11:30"),  # afternoon → next morning
        ("2026-11-19 09:00", 1.5, "2026-11-20 17:00"),
    ],
)
def test_due_examples(received, days, expected):
    assert due(received, days) == dt(expected)


def test_per_procedure_cutoff():
    assert due("2026-11-20 15:30", 0, time(16, 0)) == dt("2026-11-20 17:00")


def test_invalid_limit_is_refused():
    with pytest.raises(ValidationError, match="0,5"):
        due("2026-11-20 09:00", 0.3)


def test_desk_hours_validation_names_the_field():
    with pytest.raises(ValidationError, match="Giờ làm việc"):
        DeskHours.parse([["11:30", "07:30"]])
    with pytest.raises(ValidationError, match="HH:MM"):
        DeskHours.parse([["7h30", "11:30"]])


def test_pause_moves_due_by_paused_working_time():
    d = dt("2026-11-26 09:15")
    # paused Friday 16:00 → Monday 08:30 = 60 + 60 working minutes
    assert working_minutes_between(CAL, H, dt("2026-11-20 16:00"), dt("2026-11-23 08:30")) == 120
    assert extend_for_pause(CAL, H, d, dt("2026-11-20 16:00"), dt("2026-11-23 08:30")) == dt(
        "2026-11-26 11:15"
    )


def test_adding_minutes_ends_on_closing_not_opening():
    assert add_working_minutes(CAL, H, dt("2026-11-20 10:00"), 90) == dt("2026-11-20 11:30")
    assert add_working_minutes(CAL, H, dt("2026-11-20 17:00"), 60) == dt("2026-11-23 08:30")


def test_outcome_classes():
    due_at = dt("2026-11-26 09:15")
    assert classify_outcome(dt("2026-11-25 16:00"), due_at) == "early"
    assert classify_outcome(dt("2026-11-26 09:15"), due_at) == "on_time"
    assert classify_outcome(dt("2026-11-26 09:16"), due_at) == "late"


def test_working_days_left_counts_working_days_only():
    due_at = dt("2026-11-26 09:15")
    assert working_days_left(CAL, dt("2026-11-20 10:00"), due_at) == 3  # 23, 25, 26
    assert working_days_left(CAL, dt("2026-11-26 08:00"), due_at) == 0
    assert working_days_left(CAL, dt("2026-11-30 08:00"), due_at) == -2  # 27, 30


def test_explanation_names_the_skipped_holiday():
    text = explain_due(CAL, H, dt("2026-11-20 09:15"), 3)
    assert "24/11" in text and "26/11/2026" in text


# -- properties -------------------------------------------------------------------------------

moments = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2029, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0)
)
limits = st.sampled_from([0, 0.5, 1, 1.5, 2, 3, 5, 8, 10, 12, 15, 30])


def _inside_desk_time(t: datetime) -> bool:
    return CAL.is_working_day(t.date()) and any(a < t.time() <= b for a, b in H.sessions)


@settings(max_examples=300)
@given(moments, limits)
def test_due_is_after_receipt_and_within_desk_hours(received, days):
    d = compute_due(CAL, H, received, days)
    assert d > received
    assert _inside_desk_time(d), d


@settings(max_examples=300)
@given(moments, st.integers(min_value=1, max_value=30))
def test_whole_days_give_exactly_that_much_working_time(received, days):
    start = next_open(CAL, H, received)
    d = compute_due(CAL, H, received, days)
    assert working_minutes_between(CAL, H, start, d) == days * H.minutes_per_day


@settings(max_examples=300)
@given(moments, st.integers(min_value=1, max_value=5000), limits)
def test_due_is_monotonic_in_receipt_time(received, minutes, days):
    later = received + timedelta(minutes=minutes)
    assert compute_due(CAL, H, later, days) >= compute_due(CAL, H, received, days)


@settings(max_examples=200)
@given(moments)
def test_same_day_procedures_are_due_today_or_next_working_day(received):
    d = compute_due(CAL, H, received, 0)
    assert d.time() == H.closing
    nxt = CAL.next_working_day(received.date())
    assert d.date() in (received.date(), nxt)


@settings(max_examples=200)
@given(moments, st.integers(min_value=0, max_value=3000))
def test_add_minutes_inverts_minutes_between(t, minutes):
    start = next_open(CAL, H, t)
    end = add_working_minutes(CAL, H, start, minutes)
    assert working_minutes_between(CAL, H, start, end) == minutes
