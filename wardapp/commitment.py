"""Actual indicator values against the head-of-unit's yearly commitment targets."""

from __future__ import annotations

import operator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Commitment

COMPARATORS = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
    "==": operator.eq,
}
COMPARATOR_SYMBOLS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "==": "="}
# A rate this many percentage points short of its target is "at risk" rather than "missed".
AT_RISK_MARGIN = 2.0


@dataclass(frozen=True)
class TargetStatus:
    indicator: str
    label: str
    comparator: str
    threshold: float
    unit: str
    actual: float | None  # in the target's unit (percent for rates)
    status: str  # met | at_risk | missed | no_data


def evaluate(
    s: Session, office_id: int, year: int, indicators: dict[str, float | None]
) -> list[TargetStatus]:
    c = s.scalars(
        select(Commitment).where(Commitment.office_id == office_id, Commitment.year == year)
    ).first()
    if c is None:
        return []
    out = []
    for t in c.targets:
        raw = indicators.get(t.indicator)
        actual = None if raw is None else (raw * 100 if t.unit == "%" else raw)
        if actual is None:
            status = "no_data"
        elif COMPARATORS[t.comparator](round(actual, 6), t.threshold):
            status = "met"
        elif t.comparator in (">=", ">") and actual >= t.threshold - AT_RISK_MARGIN:
            status = "at_risk"
        else:
            status = "missed"
        out.append(
            TargetStatus(t.indicator, t.label, t.comparator, t.threshold, t.unit, actual, status)
        )
    return out
