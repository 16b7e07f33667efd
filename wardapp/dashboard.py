"""The numbers a chairman looks at first: what is due, what is late, what nobody updated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Dossier
from wardapp.store import Rules


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
        scope.append(Dossier.office_id == office_id)
    day_end = datetime.combine(now.date() + timedelta(days=1), time(0, 0))
    soon_day = rules.calendar.add_working_days(
        rules.calendar.next_working_day(now.date()), int(rules.settings["soon_working_days"]) - 1
    )
    soon_end = datetime.combine(soon_day + timedelta(days=1), time(0, 0))

    def count(*conds) -> int:
        return s.scalar(select(func.count()).select_from(Dossier).where(*scope, *conds)) or 0

    returned_scope = [Dossier.status == "resolved"]
    if office_id is not None:
        returned_scope.append(Dossier.office_id == office_id)
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
