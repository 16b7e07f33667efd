"""Where a dossier's time went: each forwarded step (liên thông) measured against its own
allowance, and which holders kept a late dossier past theirs (DOMAIN.md §2, step 4).

The rule, decided here and documented in the README:

* A forwarded step runs from the hand-over to the agency to the file's return to the desk.  Its
  due time is the allowance in working days counted from the hand-over, like a dossier's own
  (``compute_due``); its outcome is early / on time / late by ``classify_outcome``.  A step
  still out is late once that due time has passed, else not yet decided.
* A step with no allowance in the catalogue is measured against the dossier's own due time: the
  agency had at most the whole limit, and the ward is not charged for the days it was away.
* The ward holds the dossier for everything else.  Its allowance is what the limit leaves after
  the agencies' allowances, in working minutes, and its use is the dossier's working time minus
  the time the file was away.  So, for a late dossier, at least one holder always overran: when
  every agency kept within its allowance, the ward did not.

Times are the office's naive wall-clock values throughout.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from wardapp.calendar.deadlines import (
    DeskHours,
    classify_outcome,
    compute_due,
    working_minutes_between,
)
from wardapp.calendar.working_days import WorkCalendar
from wardapp.common.text import fold

WARD = ""  # the holder name standing for the office itself in ``accountable``


@dataclass(frozen=True)
class Allowance:
    procedure_code: str  # "" for every procedure
    agency: str
    days: float
    legal_basis: str = ""


@dataclass
class Step:
    agency: str
    given_at: datetime
    taken_at: datetime | None  # back at the desk; None while the agency holds it
    allowance: Allowance | None = None
    due_at: datetime | None = None
    outcome: str | None = None  # early | on_time | late | None (still out, within time)
    used_minutes: int = 0
    allowed_minutes: int = 0

    def as_dict(self, minutes_per_day: int) -> dict:
        return {
            "agency": self.agency,
            "given_at": self.given_at.isoformat(),
            "taken_at": self.taken_at.isoformat() if self.taken_at else None,
            "allowance_days": self.allowance.days if self.allowance else None,
            "legal_basis": self.allowance.legal_basis if self.allowance else "",
            "due_at": self.due_at.isoformat() if self.due_at else None,
            "outcome": self.outcome,
            "used_days": round(self.used_minutes / minutes_per_day, 2),
        }


@dataclass
class Allowances:
    """The catalogue's allowances, matched by procedure code and the agency's folded name: an
    exact name first, else the longest allowance name contained in the step's agency (a
    "Chi nhánh Văn phòng đăng ký đất đai" takes the land office's figure); a procedure's own
    row before the row for every procedure."""

    rows: list[Allowance] = field(default_factory=list)

    def find(self, procedure_code: str, agency: str) -> Allowance | None:
        key = fold(agency)
        best = None
        for a in self.rows:
            if a.procedure_code not in (procedure_code, ""):
                continue
            name = fold(a.agency)
            if not name or name not in key:
                continue
            rank = (name == key, a.procedure_code == procedure_code, len(name))
            if best is None or rank > best[0]:
                best = (rank, a)
        return best[1] if best else None


def steps_of(events, procedure_code: str, allowances: Allowances) -> list[Step]:
    """The forwarded steps in a history of ``(kind, at, agency)``, in order.  A return names
    the agency it came from, or closes the step still out."""
    steps: list[Step] = []
    for kind, at, agency in events:
        if kind == "forwarded":
            steps.append(Step(agency, at, None, allowances.find(procedure_code, agency)))
        elif kind == "returned_from_agency":
            open_steps = [s for s in steps if s.taken_at is None]
            match = next((s for s in open_steps if fold(s.agency) == fold(agency)), None)
            match = match or (open_steps[0] if open_steps else None)
            if match is not None:
                match.taken_at = at
    return steps


def measure(
    cal: WorkCalendar,
    hours: DeskHours,
    steps: list[Step],
    dossier_due: datetime,
    as_of: datetime,
) -> None:
    """Fill each step's due time, outcome and working minutes as they stand at ``as_of``."""
    for s in steps:
        if s.taken_at is not None and s.taken_at > as_of:  # back only after the moment asked
            s.taken_at = None
        end = s.taken_at or as_of
        s.due_at = (
            compute_due(cal, hours, s.given_at, s.allowance.days, hours.closing)
            if s.allowance
            else dossier_due
        )
        s.used_minutes = working_minutes_between(cal, hours, s.given_at, end)
        if s.taken_at is not None:
            s.outcome = classify_outcome(s.taken_at, s.due_at)
        else:
            s.outcome = "late" if as_of > s.due_at else None
        s.allowed_minutes = (
            working_minutes_between(cal, hours, s.given_at, s.due_at)
            if s.allowance
            else s.used_minutes
        )


def accountable(
    cal: WorkCalendar,
    hours: DeskHours,
    steps: list[Step],
    started: datetime,
    due: datetime,
    ended: datetime,
) -> list[str]:
    """Who held a late dossier past their allowance: the agencies of late steps, and ``WARD``
    when the office's own share ran over (or when no one else did).  ``steps`` measured."""
    if not steps:  # never forwarded: the office held it all along (and nothing to subtract)
        return [WARD]
    who = []
    for s in steps:
        if s.outcome == "late" and s.agency not in who:
            who.append(s.agency)
    total_used = working_minutes_between(cal, hours, started, ended)
    total_allowed = working_minutes_between(cal, hours, started, due)
    ward_used = total_used - sum(s.used_minutes for s in steps)
    ward_allowed = total_allowed - sum(s.allowed_minutes for s in steps)
    if ward_used > ward_allowed or not who:
        who.insert(0, WARD)
    return who
