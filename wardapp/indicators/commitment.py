"""Actual indicator values against the head-of-unit's yearly commitment targets.

Every figure is a rate of the period report (``wardapp.indicators.report``) except
``initiatives_per_year``: the reform initiatives recognised by a decision dated in the
commitment's year (``wardapp.initiatives.register``), a count against "at least one".
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Commitment, CommitmentTarget, Office
from wardapp.calendar.periods import month as month_period
from wardapp.common.clock import now_local
from wardapp.common.ids import new_uuid
from wardapp.indicators.report import build_report
from wardapp.initiatives.register import count_in_year, counted

# The indicator that is a yearly count of initiatives rather than a rate of the report.
INITIATIVES = "initiatives_per_year"

COMPARATORS = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
    "==": operator.eq,
}
COMPARATOR_SYMBOLS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "==": "="}
# A target's assessment in words: the signed form, the Cam kết page and the evidence annex.
STATUS_WORDS = {
    "met": "Đạt",
    "at_risk": "Có nguy cơ không đạt",
    "missed": "Chưa đạt",
    "no_data": "Chưa có số liệu",
}
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
    if any(t.indicator == INITIATIVES for t in c.targets) and INITIATIVES not in indicators:
        indicators = {**indicators, INITIATIVES: count_in_year(s, year, office_id)}
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


# Typical targets of a ward chairman's commitment (DOMAIN.md §7), one per indicator the program
# measures; the thresholds of the online, payment and satisfaction rates are placeholders (no
# text fixes them for a ward): the office or the city's year targets set them per year.
DEFAULT_TARGETS = (
    ("on_time_rate", ">=", 98.0, "%", "Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn"),
    ("apology_rate", ">=", 100.0, "%", "Tỷ lệ hồ sơ quá hạn có văn bản xin lỗi"),
    ("return_recorded_rate", ">=", 100.0, "%", "Tỷ lệ hồ sơ có kết quả được cập nhật trả kết quả"),
    ("online_rate", ">=", 50.0, "%", "Tỷ lệ hồ sơ trực tuyến toàn trình"),
    ("paid_online_rate", ">=", 50.0, "%", "Tỷ lệ hồ sơ thanh toán trực tuyến (có phí)"),
    ("satisfaction_rate", ">=", 90.0, "%", "Tỷ lệ người dân hài lòng khi nhận kết quả"),
    (INITIATIVES, ">=", 1.0, "sáng kiến", "Số sáng kiến cải cách hành chính được công nhận"),
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


@dataclass(frozen=True)
class MonthPoint:
    month: int
    actual: float | None  # in the target's unit, None for a month with no data or not begun


def monthly_trend(
    s: Session, office_id: int | None, year: int, targets: list[TargetStatus], now=None
) -> dict[str, list[MonthPoint]]:
    """Each target's value month by month (calendar months of ``year``), for the trend beside
    actual vs committed: a rate that holds all year differs from one saved in December.  The
    initiatives are counted cumulatively (recognised by the end of each month)."""
    now = now or now_local()
    decided = [i.decision_on for i in counted(s, year, office_id)]
    out: dict[str, list[MonthPoint]] = {t.indicator: [] for t in targets}
    for m in range(1, 13):
        period = month_period(year, m)
        if period.start > now.date():
            for t in targets:
                out[t.indicator].append(MonthPoint(m, None))
            continue
        ind = build_report(s, period, office_id, now).total.indicators()
        ind[INITIATIVES] = sum(1 for d in decided if d <= period.end)
        for t in targets:
            raw = ind.get(t.indicator)
            value = None if raw is None else (raw * 100 if t.unit == "%" else raw)
            out[t.indicator].append(MonthPoint(m, value))
    return out
