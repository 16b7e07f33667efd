"""Due times in working days (DOMAIN.md §3).  Pure functions over a ``WorkCalendar``.

Rules implemented here, in one place:

* A limit of N working days ends at the same clock time N working days later.  Counting starts at
  the receipt time, or at the next desk opening when the dossier arrives outside desk hours (online
  filings at night, weekends, holidays).
* A due time that falls exactly on an opening (07:30, 13:30) is shown as the previous closing
  (17:00 of the previous working day, 11:30 of the same day): the same instant in working time,
  and the form the appointment slip should print.
* 0-day procedures ("trả trong ngày"): due at the day's closing, or at the closing of the next
  working day when received at or after the procedure's cut-off (default 15:00) or outside a
  working day.
* Half days (0.5): received in the morning → due at the afternoon closing; received in the
  afternoon → due at the next working day's morning closing.  N.5 adds N days first.
* Pauses (and, by setting, waiting for a supplement) move the due time by the working time that
  passed while paused.
* Outcome: early = resolved on a date before the due date; on time = on the due date at or before
  the due time; late = after the due time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from wardapp.calendar.working_days import WorkCalendar
from wardapp.common.errors import ValidationError


def parse_hhmm(text: str, field: str = "Giờ") -> time:
    try:
        h, m = str(text).strip().split(":")
        return time(int(h), int(m))
    except (ValueError, TypeError):
        raise ValidationError(field, f"'{text}' phải có dạng HH:MM") from None


@dataclass(frozen=True)
class DeskHours:
    """Opening sessions of a working day, in order, e.g. 07:30–11:30 and 13:30–17:00."""

    sessions: tuple[tuple[time, time], ...]

    @classmethod
    def parse(cls, pairs) -> DeskHours:
        field = "Giờ làm việc"
        if not isinstance(pairs, (list, tuple)) or not all(
            isinstance(p, (list, tuple)) and len(p) == 2 for p in pairs
        ):
            raise ValidationError(field, "phải là danh sách các buổi [giờ mở, giờ đóng]")
        sessions = tuple((parse_hhmm(a, field), parse_hhmm(b, field)) for a, b in pairs)
        if not sessions:
            raise ValidationError(field, "cần ít nhất một buổi làm việc")
        prev_end = None
        for start, end in sessions:
            if start >= end:
                raise ValidationError(
                    field, f"buổi {start:%H:%M}–{end:%H:%M} kết thúc trước khi bắt đầu"
                )
            if prev_end is not None and start < prev_end:
                raise ValidationError(field, "các buổi làm việc chồng lên nhau hoặc sai thứ tự")
            prev_end = end
        return cls(sessions)

    @property
    def opening(self) -> time:
        return self.sessions[0][0]

    @property
    def closing(self) -> time:
        return self.sessions[-1][1]

    @property
    def minutes_per_day(self) -> int:
        return sum(_minutes(b) - _minutes(a) for a, b in self.sessions)


DEFAULT_HOURS = DeskHours.parse([["07:30", "11:30"], ["13:30", "17:00"]])
DEFAULT_CUTOFF = time(15, 0)


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _at(d: date, t: time) -> datetime:
    return datetime.combine(d, t)


def next_open(cal: WorkCalendar, hours: DeskHours, t: datetime) -> datetime:
    """``t`` itself when the desk is open then, else the next opening."""
    d = t.date()
    if cal.is_working_day(d):
        tt = t.time()
        for start, end in hours.sessions:
            if tt < start:
                return _at(d, start)
            if tt < end:
                return t
    return _at(cal.next_working_day(d), hours.opening)


def _as_previous_closing(cal: WorkCalendar, hours: DeskHours, t: datetime) -> datetime:
    tt = t.time()
    for i, (start, _end) in enumerate(hours.sessions):
        if tt == start:
            if i == 0:
                return _at(cal.previous_working_day(t.date()), hours.closing)
            return _at(t.date(), hours.sessions[i - 1][1])
    return t


def compute_due(
    cal: WorkCalendar,
    hours: DeskHours,
    received: datetime,
    limit_days: float,
    cutoff: time = DEFAULT_CUTOFF,
) -> datetime:
    if limit_days < 0 or (limit_days * 2) != int(limit_days * 2):
        raise ValidationError("Thời hạn giải quyết", f"{limit_days} phải là bội số của 0,5 ngày")
    if limit_days == 0:
        d = received.date()
        if cal.is_working_day(d) and received.time() < cutoff and received.time() < hours.closing:
            return _at(d, hours.closing)
        return _at(cal.next_working_day(d), hours.closing)
    start = next_open(cal, hours, received)
    whole = int(limit_days)
    due = _at(cal.add_working_days(start.date(), whole), start.time())
    if limit_days != whole:
        morning_end = hours.sessions[0][1]
        if len(hours.sessions) > 1 and due.time() < morning_end:
            return _at(due.date(), hours.closing)
        return _at(cal.next_working_day(due.date()), morning_end)
    return _as_previous_closing(cal, hours, due)


def working_minutes_between(cal: WorkCalendar, hours: DeskHours, a: datetime, b: datetime) -> int:
    """Desk-open minutes in [a, b); 0 when b <= a."""
    if b <= a:
        return 0
    total = 0
    d = a.date()
    while d <= b.date():
        if cal.is_working_day(d):
            for start, end in hours.sessions:
                lo = max(a, _at(d, start))
                hi = min(b, _at(d, end))
                if hi > lo:
                    total += int((hi - lo).total_seconds() // 60)
        d = cal.next_working_day(d) if d < b.date() else d + timedelta(days=1)
    return total


def add_working_minutes(cal: WorkCalendar, hours: DeskHours, t: datetime, minutes: int) -> datetime:
    """Move ``t`` forward by ``minutes`` of desk-open time; lands on a closing, never an opening."""
    if minutes <= 0:
        return t
    left = minutes
    d = t.date()
    cursor = t
    while True:
        if cal.is_working_day(d):
            for start, end in hours.sessions:
                lo = max(cursor, _at(d, start))
                hi = _at(d, end)
                if hi <= lo:
                    continue
                span = int((hi - lo).total_seconds() // 60)
                if left <= span:
                    return lo + timedelta(minutes=left)
                left -= span
        d = cal.next_working_day(d)
        cursor = _at(d, time(0, 0))


def extend_for_pause(
    cal: WorkCalendar, hours: DeskHours, due: datetime, paused_at: datetime, resumed_at: datetime
) -> datetime:
    return add_working_minutes(
        cal, hours, due, working_minutes_between(cal, hours, paused_at, resumed_at)
    )


def working_days_left(cal: WorkCalendar, now: datetime, due: datetime) -> int:
    """Signed working days from today to the due date: 0 = due today, -2 = two working days
    overdue.  A dossier due earlier today is late with 0 days overdue; ``is_late`` tells."""
    return cal.working_days_between(now.date(), due.date())


def is_late(now: datetime, due: datetime) -> bool:
    return now > due


def classify_outcome(resolved_at: datetime, due_at: datetime) -> str:
    if resolved_at > due_at:
        return "late"
    if resolved_at.date() < due_at.date():
        return "early"
    return "on_time"


def explain_due(
    cal: WorkCalendar,
    hours: DeskHours,
    received: datetime,
    limit_days: float,
    cutoff: time = DEFAULT_CUTOFF,
) -> str:
    """One Vietnamese paragraph on how the due time was reached (the intake form's tooltip)."""
    due = compute_due(cal, hours, received, limit_days, cutoff)
    fmt = "%H:%M %d/%m/%Y"
    if limit_days == 0:
        why = f"Thủ tục giải quyết trong ngày; nhận lúc {received:{fmt}}" + (
            f" trước {cutoff:%H:%M} nên trả trong ngày"
            if due.date() == received.date()
            else f" sau {cutoff:%H:%M} hoặc ngoài ngày làm việc nên trả ngày làm việc tiếp theo"
        )
    else:
        start = next_open(cal, hours, received)
        why = f"Thời hạn {limit_days:g} ngày làm việc, tính từ {start:{fmt}}"
        if start != received:
            why += " (nhận ngoài giờ làm việc, tính từ giờ mở cửa kế tiếp)"
        skipped = [
            d
            for d in _dates(start.date(), due.date())
            if not cal.is_working_day(d) and d.weekday() < 5
        ]
        if skipped:
            why += "; không tính ngày nghỉ " + ", ".join(f"{d:%d/%m}" for d in skipped)
    return f"{why}. Hẹn trả: {due:{fmt}}."


def _dates(a: date, b: date):
    d = a
    while d <= b:
        yield d
        d += timedelta(days=1)
