"""Actual indicator values against the head-of-unit's yearly commitment targets.

Every figure is a rate of the period report (``wardapp.indicators.report``) except
``initiatives_per_year``: the reform initiatives recognised by a decision dated in the
commitment's year (``wardapp.initiatives.register``), a count against "at least one".
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from datetime import date

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
COMPARATOR_WORDS = {">=": "Đạt từ", "<=": "Không quá", ">": "Trên", "<": "Dưới", "==": "Đạt đúng"}
NOT_COMMITTED = "Chưa cam kết"
# A target's assessment in words: the signed form, the Cam kết page and the evidence annex.
STATUS_WORDS = {
    "met": "Đạt",
    "at_risk": "Có nguy cơ không đạt",
    "missed": "Chưa đạt",
    "no_data": "Chưa có số liệu",
    "not_committed": NOT_COMMITTED,
}
# A rate this many percentage points short of its target is "at risk" rather than "missed".
AT_RISK_MARGIN = 2.0


@dataclass(frozen=True)
class TargetStatus:
    indicator: str
    label: str
    comparator: str  # "" for an indicator the commitment holds no target for
    threshold: float | None  # None: not committed
    unit: str
    actual: float | None  # in the target's unit (percent for rates)
    status: str  # met | at_risk | missed | no_data | not_committed

    @property
    def committed(self) -> bool:
        return self.threshold is not None


def level_words(comparator: str, threshold: float | None, unit: str) -> str:
    """ "Đạt từ 98%", "Đạt từ 1 sáng kiến"; "Chưa cam kết" for an indicator the signed
    commitment holds no target for (never a default level it did not sign)."""
    if threshold is None:
        return NOT_COMMITTED
    level = f"{threshold:g}%" if unit == "%" else f"{threshold:g} {unit}".strip()
    return f"{COMPARATOR_WORDS.get(comparator, comparator)} {level}"


def current(s: Session, office_id: int | None, year: int) -> Commitment | None:
    """The year's commitment: the latest amendment, or the one signed if none amends it."""
    if office_id is None:
        return None
    return s.scalars(
        select(Commitment)
        .where(Commitment.office_id == office_id, Commitment.year == year)
        .order_by(Commitment.amendment.desc())
        .limit(1)
    ).first()


def missing_targets(c: Commitment) -> list[tuple]:
    """The measured indicators ``c`` holds no target for (a commitment signed before the
    program measured them), as ``DEFAULT_TARGETS`` rows."""
    held = {t.indicator for t in c.targets}
    return [row for row in DEFAULT_TARGETS if row[0] not in held]


def evaluate(
    s: Session, office_id: int, year: int, indicators: dict[str, float | None]
) -> list[TargetStatus]:
    """Each target of the year's commitment against its value, then every other indicator the
    program measures as "not committed" (its value shown, no level guessed for it: a default
    would put words in the chairman's mouth that they did not sign)."""
    c = current(s, office_id, year)
    if c is None:
        return []
    out = []
    if INITIATIVES not in indicators:
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
    for indicator, _op, _level, unit, label in missing_targets(c):
        raw = indicators.get(indicator)
        actual = None if raw is None else (raw * 100 if unit == "%" else raw)
        out.append(TargetStatus(indicator, label, "", None, unit, actual, "not_committed"))
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
    c = current(s, office.id, year)
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


def amendment_of(c: Commitment, signed_on: date) -> Commitment:
    """A new commitment for ``c``'s year superseding it: its targets kept as signed and the
    missing ones added at the default levels (the chairman reads and signs them in the amended
    form), signed on its own day, with a version above ``c``'s so the city takes it as newer."""
    return Commitment(
        uuid=new_uuid(),
        office_id=c.office_id,
        year=c.year,
        amendment=c.amendment + 1,
        signer=c.signer,
        approver=c.approver,
        signed_on=signed_on,
        text=c.text,
        version=c.version + 1,
        targets=[
            *(
                CommitmentTarget(
                    indicator=t.indicator,
                    comparator=t.comparator,
                    threshold=t.threshold,
                    unit=t.unit,
                    label=t.label,
                )
                for t in c.targets
            ),
            *(
                CommitmentTarget(indicator=i, comparator=op, threshold=v, unit=u, label=lbl)
                for i, op, v, u, lbl in missing_targets(c)
            ),
        ],
    )


def superseded(s: Session, c: Commitment) -> Commitment | None:
    """The commitment ``c`` amends, if it is an amendment."""
    if not c.amendment:
        return None
    return s.scalars(
        select(Commitment).where(
            Commitment.office_id == c.office_id,
            Commitment.year == c.year,
            Commitment.amendment == c.amendment - 1,
        )
    ).first()


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
