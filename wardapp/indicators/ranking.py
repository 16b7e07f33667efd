"""A city's (or a province's) communes side by side for one period (``wardapp rank``, the city's
report page).

The figures are Biểu 06's own (``report.tally``) grouped by office in one pass over the period,
plus one grouped count of initiatives: a province of two hundred communes asked for one report
each read its whole year two hundred times (issue 20: about 1,480 s on ten million dossiers).
Sharing ``tally`` rather than copying its queries keeps each ranking row equal to the ward's
own report (tests/test_rank.py checks it on both engines).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Dossier, Office
from wardapp.calendar.periods import Period
from wardapp.indicators.report import Counts, tally
from wardapp.initiatives.register import count_by_office


@dataclass
class OfficeRank:
    rank: int
    code: str
    name: str
    counts: Counts
    # reform initiatives recognised in the year the period ends in (wardapp.initiatives)
    initiatives: int = 0

    def as_dict(self) -> dict:
        ind = self.counts.indicators()
        return {
            "rank": self.rank,
            "code": self.code,
            "name": self.name,
            "received_total": self.counts.columns()["received_total"],
            "resolved_total": self.counts.values["resolved_total"],
            "late_total": self.counts.values["late_total"],
            "on_time_rate": ind["on_time_rate"],
            "apology_rate": ind["apology_rate"],
            "satisfaction_rate": ind["satisfaction_rate"],
            "satisfaction_asked": self.counts.values["rated_asked"],
            "initiatives": self.initiatives,
        }


def _worst_last(rate: float | None) -> tuple[bool, float]:
    return (rate is None, -(rate or 0.0))


def rank_key(counts: Counts, initiatives: int, name: str) -> tuple:
    """Best on-time rate first; equal rates parted by apology coverage, then satisfaction,
    then initiatives recognised (a ward with nothing to rate on a figure comes after those
    with one), then by name: the order the city ranks its wards in."""
    ind = counts.indicators()
    return (
        *_worst_last(ind["on_time_rate"]),
        *_worst_last(ind["apology_rate"]),
        *_worst_last(ind["satisfaction_rate"]),
        -initiatives,
        name,
    )


def ranked_offices(s: Session, period: Period, now: datetime | None = None) -> list[OfficeRank]:
    """Every ward of the database ranked for ``period``; a ward with no dossier in it still
    has its row (all zeros, rates ``None``), ranked last by the rule above."""
    offices = list(s.scalars(select(Office).where(Office.kind == "ward")))
    counts = tally(s, period, Dossier.office_id, now=now)
    initiatives = count_by_office(s, period.end.year)
    rows = [
        (o.agency_code, o.name, counts.get(o.id) or Counts(), initiatives.get(o.id, 0))
        for o in offices
    ]
    rows.sort(key=lambda r: rank_key(r[2], r[3], r[1]))
    return [OfficeRank(i, code, name, c, n) for i, (code, name, c, n) in enumerate(rows, start=1)]
