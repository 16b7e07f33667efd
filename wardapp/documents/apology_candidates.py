"""Which dossiers the Xin lỗi page lists: kept apart from the letter itself so the page (and the
self-test) can list them without loading reportlab, a second's import on an office PC."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import select

from db.models import Dossier, Procedure
from wardapp.common.clock import now_local
from wardapp.dossiers.lifecycle.statuses import OPEN_STATUSES
from wardapp.office.store import Ward


@dataclass(frozen=True)
class Candidate:
    """A row of the Xin lỗi list: what the signer reads before ticking it."""

    code: str
    applicant_name: str
    procedure_name: str
    due_at: datetime


def batch_candidate_rows(ward: Ward, now: datetime | None = None) -> list[Candidate]:
    """Open dossiers without an apology that are late, or due before the end of the next
    working day (NĐ 61/2018: notify at least one working day before the deadline), soonest
    first; one query, since a large register has thousands of them."""
    now = now or now_local()
    rules = ward.rules()
    days = int(rules.settings["apology_days_before"])
    horizon_day = rules.calendar.add_working_days(
        rules.calendar.next_working_day(now.date()), max(days, 1) - 1
    )
    horizon = datetime.combine(horizon_day + timedelta(days=1), time(0, 0))
    with ward.read() as s:
        rows = s.execute(
            select(Dossier.code, Dossier.applicant_name, Procedure.name, Dossier.due_at)
            .join(Procedure, Procedure.id == Dossier.procedure_id)
            .where(
                Dossier.finished_at.is_(None),
                Dossier.status.in_(OPEN_STATUSES),
                Dossier.apology_count == 0,
                Dossier.due_at < horizon,
            )
            .order_by(Dossier.due_at)
        )
        return [Candidate(*row) for row in rows]


def batch_candidates(ward: Ward, now: datetime | None = None) -> list[str]:
    """The codes of ``batch_candidate_rows``."""
    return [c.code for c in batch_candidate_rows(ward, now)]
