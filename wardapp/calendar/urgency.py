"""Late, due today, due soon: one rule for the dashboard's numbers, the register's quick
filters and the colour and mark of each row in the register.

They used to be three rules.  The row colour said "soon" for anything due within three calendar
days, whatever the setting; on a Saturday the dashboard counted Monday as the first working
day ahead and the register's filter counted it as the day itself, so clicking the number opened
a list with a different count.  "Soon" is now the office setting ``soon_working_days`` for all
three: due after today and before the end of the Nth working day after today.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from wardapp.calendar.working_days import WorkCalendar

LATE, TODAY, SOON = "late", "today", "soon"


def end_of(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0, 0))


def due_by(calendar: WorkCalendar, now: datetime, working_days: int) -> datetime:
    """The end of the ``working_days``-th working day after today (0: the end of today)."""
    if working_days <= 0:
        return end_of(now.date())
    first = calendar.next_working_day(now.date())
    return end_of(calendar.add_working_days(first, working_days - 1))


class Urgency:
    """The state of an open dossier at ``now``; made once for a screenful of rows."""

    def __init__(self, calendar: WorkCalendar, now: datetime, soon_working_days: int):
        self.now = now
        self.today_end = end_of(now.date())
        self.soon_end = max(self.today_end, due_by(calendar, now, soon_working_days))

    def of(self, due: datetime, finished: datetime | None) -> str:
        """ "late", "today", "soon" or "" (finished dossiers are none of them)."""
        if finished is not None:
            return ""
        if due < self.now:
            return LATE
        if due < self.today_end:
            return TODAY
        if due < self.soon_end:
            return SOON
        return ""
