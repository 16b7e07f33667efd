import functools
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from wardapp.calendar.working_days import Override, WorkCalendar


@functools.cache
def shipped():
    """The calendar as shipped (package holidays + resources/calendar_overrides.json)."""
    from wardapp.office.store import load_resource_json

    return WorkCalendar(
        Override(date.fromisoformat(o["day"]), o["kind"], o["description"], o["legal_basis"])
        for o in load_resource_json("calendar_overrides.json")["overrides"]
    )


def test_statutory_and_lunar_holidays_are_days_off():
    cal = shipped()
    for d in ("2026-01-01", "2026-02-16", "2026-02-20", "2026-04-27", "2026-04-30", "2026-09-02"):
        assert not cal.is_working_day(date.fromisoformat(d)), d
    assert cal.is_working_day(date(2026, 2, 23))  # Monday after Tết


def test_office_swaps_2025_2026():
    cal = shipped()
    assert cal.is_working_day(date(2025, 4, 26))  # Saturday worked
    assert not cal.is_working_day(date(2025, 5, 2))
    assert cal.is_working_day(date(2026, 1, 10))  # Saturday worked for Friday 2/1
    assert not cal.is_working_day(date(2026, 1, 2))
    assert cal.is_working_day(date(2026, 8, 22))
    assert not cal.is_working_day(date(2026, 8, 31))


def test_culture_day_is_a_toggle():
    assert not WorkCalendar().is_working_day(date(2026, 11, 24))
    assert WorkCalendar(culture_day_off=False).is_working_day(date(2026, 11, 24))


def test_office_override_beats_package():
    cal = WorkCalendar([Override(date(2026, 3, 4), "holiday", "Bầu cử")])
    assert not cal.is_working_day(date(2026, 3, 4))
    assert cal.add_working_days(date(2026, 3, 3), 1) == date(2026, 3, 5)


def test_days_off_lists_swaps_with_basis():
    days = {d: (k, basis) for d, k, _desc, basis in shipped().days_off(2026)}
    assert days[date(2026, 1, 10)][0] == "makeup_workday"
    assert days[date(2026, 1, 2)][0] == "swapped_off"
    assert days[date(2026, 2, 17)][0] == "holiday"
    assert all(b for _k, b in days.values())


dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@given(dates, st.integers(min_value=0, max_value=60))
def test_add_working_days_lands_on_working_day_and_counts(d, n):
    cal = shipped()
    out = cal.add_working_days(d, n)
    assert cal.is_working_day(out)
    start = cal.first_working_on_or_after(d)
    assert cal.working_days_between(start, out) == n


@given(dates)
def test_next_and_previous_are_inverse_on_working_days(d):
    cal = shipped()
    w = cal.first_working_on_or_after(d)
    assert cal.previous_working_day(cal.next_working_day(w)) == w
    # no working day is skipped in between
    x = w + timedelta(days=1)
    while x < cal.next_working_day(w):
        assert not cal.is_working_day(x)
        x += timedelta(days=1)


@given(dates, dates)
def test_working_days_between_is_antisymmetric(a, b):
    cal = shipped()
    assert cal.working_days_between(a, b) == -cal.working_days_between(b, a)
