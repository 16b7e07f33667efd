"""Actual indicator values against the head-of-unit's yearly commitment targets."""

from __future__ import annotations

import operator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Commitment, CommitmentTarget, Office
from wardapp.common.ids import new_uuid

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


# Typical targets of a ward chairman's commitment (DOMAIN.md §7); the office edits them per year.
DEFAULT_TARGETS = (
    ("on_time_rate", ">=", 98.0, "%", "Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn"),
    ("apology_rate", ">=", 100.0, "%", "Tỷ lệ hồ sơ quá hạn có văn bản xin lỗi"),
    ("return_recorded_rate", ">=", 100.0, "%", "Tỷ lệ hồ sơ có kết quả được cập nhật trả kết quả"),
)


def seed_commitment(s: Session, office: Office, year: int) -> Commitment:
    c = s.scalars(
        select(Commitment).where(Commitment.office_id == office.id, Commitment.year == year)
    ).first()
    if c is not None:
        return c
    c = Commitment(
        uuid=new_uuid(),
        office_id=office.id,
        year=year,
        signer=office.chairman,
        text="",
        targets=[
            CommitmentTarget(indicator=i, comparator=op, threshold=t, unit=u, label=lbl)
            for i, op, t, u, lbl in DEFAULT_TARGETS
        ],
    )
    s.add(c)
    return c
