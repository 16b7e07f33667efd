"""The numbers a chairman looks at first: what is due, what is late, what nobody updated."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Dossier, Procedure
from wardapp.calendar.urgency import due_by, end_of
from wardapp.indicators.report import in_office
from wardapp.office.store import Rules


@dataclass(frozen=True)
class DeskSummary:
    open_total: int
    due_today: int
    due_soon: int  # after today, within the "soon" setting (working days)
    late: int
    late_without_apology: int
    backlog_no_update: int  # past due and no status change since the due time
    resolved_not_returned: int


def desk_summary(
    s: Session, rules: Rules, now: datetime, office_id: int | None = None
) -> DeskSummary:
    scope = [Dossier.finished_at.is_(None)]
    if office_id is not None:
        scope.append(in_office(Dossier.office_id, office_id))
    day_end = end_of(now.date())
    soon_end = due_by(rules.calendar, now, int(rules.settings["soon_working_days"]))

    def count(*conds) -> int:
        return s.scalar(select(func.count()).select_from(Dossier).where(*scope, *conds)) or 0

    returned_scope = [Dossier.status == "resolved"]
    if office_id is not None:
        returned_scope.append(in_office(Dossier.office_id, office_id))
    return DeskSummary(
        open_total=count(),
        due_today=count(Dossier.due_at >= now, Dossier.due_at < day_end),
        due_soon=count(Dossier.due_at >= day_end, Dossier.due_at < soon_end),
        late=count(Dossier.due_at < now),
        late_without_apology=count(Dossier.due_at < now, Dossier.apology_count == 0),
        backlog_no_update=count(Dossier.due_at < now, Dossier.status_at <= Dossier.due_at),
        resolved_not_returned=s.scalar(
            select(func.count()).select_from(Dossier).where(*returned_scope)
        )
        or 0,
    )


@dataclass(frozen=True)
class Bar:
    """Dossiers resolved in one week or month, by the outcome frozen at resolution."""

    label: str
    start: date
    early: int
    on_time: int
    late: int

    @property
    def total(self) -> int:
        return self.early + self.on_time + self.late


def _buckets(today: date, unit: str, n: int) -> list[tuple[str, date, date]]:
    """The last ``n`` weeks (ISO, Monday first) or calendar months up to ``today``, oldest first."""
    out = []
    if unit == "week":
        monday = today - timedelta(days=today.weekday())
        for i in range(n - 1, -1, -1):
            start = monday - timedelta(weeks=i)
            week = start.isocalendar()
            out.append((f"T{week.week:02d}", start, start + timedelta(days=7)))
        return out
    y, m = today.year, today.month
    months = []
    for _ in range(n):
        months.append((y, m))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    for y, m in reversed(months):
        end = date(y + (m == 12), m % 12 + 1, 1)
        out.append((f"{m:02d}/{y % 100:02d}", date(y, m, 1), end))
    return out


def timeliness_series(
    s: Session, today: date, unit: str = "week", n: int = 12, office_id: int | None = None
) -> list[Bar]:
    """Early / on time / late per week or month, for the dashboard's chart.

    One query over the whole span, bucketed in Python: the resolved-outcome index leads with
    the procedure, so the range is read per procedure as in the period report."""
    if unit not in ("week", "month"):
        raise ValueError(f"unit must be 'week' or 'month', not {unit!r}")
    buckets = _buckets(today, unit, n)
    first = datetime.combine(buckets[0][1], time(0, 0))
    last = datetime.combine(buckets[-1][2], time(0, 0))
    conds = [
        Dossier.resolved_at >= first,
        Dossier.resolved_at < last,
        Dossier.procedure_id.in_(select(Procedure.id)),
    ]
    if office_id is not None:
        conds.append(in_office(Dossier.office_id, office_id))
    day = func.date(Dossier.resolved_at)
    q = select(day, Dossier.outcome, func.count()).where(*conds).group_by(day, Dossier.outcome)
    tally = {b[1]: {"early": 0, "on_time": 0, "late": 0} for b in buckets}
    starts = [b[1] for b in buckets]
    for d, outcome, count in s.execute(q):
        d = date.fromisoformat(str(d)[:10])
        start = starts[bisect_right(starts, d) - 1]
        tally[start][outcome if outcome in ("early", "late") else "on_time"] += count
    return [Bar(label, start, **tally[start]) for label, start, _end in buckets]
