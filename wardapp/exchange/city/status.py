"""Which packages each ward has sent and which are missing: packages are numbered per ward, so
a gap in the numbers is a week the city has not received."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import ImportLog, Office
from wardapp.exchange.city.wards import require_city
from wardapp.exchange.ranges import holes
from wardapp.office.store import Ward


def imported_seqs(s: Session, code: str) -> list[int]:
    return sorted(s.scalars(select(ImportLog.seq).where(ImportLog.office_code == code)))


# A ward's packages are weekly; more missing numbers than this are listed up to it (a city
# keeps at most ``apply.MAX_SEQ_JUMP`` of them, but an old database may hold anything).
MAX_MISSING_LISTED = 1000


def missing_seqs(seqs: list[int]) -> list[int]:
    """The numbers below the highest that were not received, by walking the gaps (never the
    whole range: a number is whatever the package said)."""
    out: list[int] = []
    prev = 0
    for n in sorted(set(seqs)):
        out.extend(range(prev + 1, min(n, prev + 1 + MAX_MISSING_LISTED - len(out))))
        if len(out) >= MAX_MISSING_LISTED:
            break
        prev = n
    return out


@dataclass
class OfficeStatus:
    code: str
    name: str
    packages: int
    last_seq: int | None
    last_period_to: str
    last_week: str
    missing: list[int]
    # change numbers no received package carried (exchange.ranges), first and last of each
    change_holes: list[tuple[int, int]]


def office_statuses(ward: Ward) -> list[OfficeStatus]:
    with ward.read() as s:
        require_city(ward, s)
        out = []
        for o in s.scalars(select(Office).where(Office.kind == "ward").order_by(Office.name)):
            logs = list(
                s.scalars(
                    select(ImportLog)
                    .where(ImportLog.office_code == o.agency_code)
                    .order_by(ImportLog.seq)
                )
            )
            last = logs[-1] if logs else None
            out.append(
                OfficeStatus(
                    code=o.agency_code,
                    name=o.name,
                    packages=len(logs),
                    last_seq=last.seq if last else None,
                    last_period_to=last.period_to.isoformat() if last else "",
                    last_week=f"{last.period_to:%G-W%V}" if last else "",
                    missing=missing_seqs([x.seq for x in logs]),
                    change_holes=holes((x.seq, x.change_from, x.change_to) for x in logs),
                )
            )
        return out
