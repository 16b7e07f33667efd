"""Every figure down to its dossiers: the rows behind each number of Biểu 06 and each graded
indicator, selected by the same rule ``report.build_report`` counts by.

A city's chairman asked that self-assessment rest on evidence, "không dựa trên cảm tính": a
figure a reviewer cannot open is a claim.  ``behind`` gives, for a column of Biểu 06 or for an
indicator, exactly the dossiers it counts (for a rate: those of its denominator, each marked
whether it is in the numerator), so the count shown and the rows opened are one and the same
(``tests/test_evidence.py`` holds them equal for every key).  The rules are restated here as
conditions rather than shared with the report's grouped, index-shaped queries: a drill-down
reads a few hundred rows once, the report reads a million every time.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from db.models import Apology, Dossier, Procedure
from wardapp.calendar.periods import Period
from wardapp.common.clock import now_local
from wardapp.indicators.commitment import (
    INITIATIVES,
    NOT_COMMITTED,
    current,
    level_words,
)
from wardapp.indicators.report import (
    COLUMN_LABELS,
    INDICATOR_LABELS,
    INDICATORS,
    _bounds,
    in_office,
)
from wardapp.initiatives.register import counted, row_of

OUTCOME_LABELS = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}
RATING_LABELS = {
    "": "",
    "hai_long": "Hài lòng",
    "binh_thuong": "Bình thường",
    "khong_hai_long": "Không hài lòng",
}

# What each indicator is, in the words printed beside it (README "Indicators" says where each
# figure comes from).
DEFINITIONS = {
    "on_time_rate": "Hồ sơ có kết quả trong kỳ, trước hạn hoặc đúng hạn / tổng số hồ sơ có kết "
    "quả trong kỳ (kết quả sớm, đúng, trễ hạn chốt lúc có kết quả; hẹn lại sau xin lỗi không "
    "làm hồ sơ trễ thành đúng hạn).",
    "online_rate": "Hồ sơ tiếp nhận trong kỳ được giải quyết trực tuyến toàn trình / tổng số hồ "
    "sơ tiếp nhận trong kỳ.",
    "paid_online_rate": "Hồ sơ tiếp nhận trong kỳ có phí, lệ phí đã thanh toán trực tuyến / hồ "
    "sơ tiếp nhận trong kỳ có phí, lệ phí.",
    "apology_rate": "Hồ sơ quá hạn (có kết quả quá hạn trong kỳ, hoặc chưa có kết quả và đã quá "
    "hạn ở cuối kỳ) có văn bản xin lỗi / tổng số hồ sơ quá hạn đó.",
    "return_recorded_rate": "Hồ sơ có kết quả trong kỳ đã ghi nhận trả kết quả cho người dân / "
    "tổng số hồ sơ có kết quả trong kỳ.",
    "satisfaction_rate": "Hồ sơ có kết quả trong kỳ mà người dân trả lời 'Hài lòng' khi nhận "
    "kết quả / hồ sơ có kết quả trong kỳ mà người dân được hỏi (bỏ qua = không hỏi).",
    "initiatives_per_year": "Sáng kiến cải cách hành chính được công nhận bằng quyết định ban "
    "hành trong năm (đề xuất chưa được công nhận không tính).",
}


@dataclass(frozen=True)
class EvidenceRow:
    code: str
    procedure: str
    field: str
    received_at: datetime
    due_at: datetime
    resolved_at: datetime | None
    returned_at: datetime | None
    status: str
    outcome: str  # Trước hạn / Đúng hạn / Quá hạn / "" (no result yet)
    apologies: str  # "Số 3/2026, Số 5/2026" or ""
    rating: str
    counted: bool  # in the rate's numerator (always True for a column of Biểu 06)


def _received(start, end):
    return and_(Dossier.received_at >= start, Dossier.received_at < end)


def _resolved(start, end):
    return and_(Dossier.resolved_at >= start, Dossier.resolved_at < end)


def _open_at(moment):
    return and_(
        Dossier.received_at < moment,
        or_(Dossier.finished_at.is_(None), Dossier.finished_at >= moment),
    )


def _late_at(start, end, as_of):
    """Late in the report's sense: resolved late in the period, or open and overdue at its end."""
    return or_(
        and_(_resolved(start, end), Dossier.outcome == "late"),
        and_(_open_at(as_of), Dossier.due_at < as_of),
    )


_not_late = Dossier.outcome.is_distinct_from("late")


def conditions(key: str, start, end, as_of):
    """(the rows counted, the numerator among them or None) for a column or an indicator."""
    rec, res, closed = (
        _received(start, end),
        _resolved(start, end),
        and_(Dossier.closed_at >= start, Dossier.closed_at < end),
    )
    columns = {
        "received_online": and_(rec, Dossier.channel == "online"),
        "received_direct": and_(rec, Dossier.channel != "online"),
        "carried_over": _open_at(start),
        "received_total": or_(rec, _open_at(start)),
        "resolved_total": res,
        "resolved_early": and_(res, Dossier.outcome == "early"),
        "resolved_on_time": and_(res, _not_late, Dossier.outcome.is_distinct_from("early")),
        "resolved_late": and_(res, Dossier.outcome == "late"),
        "in_progress_total": _open_at(as_of),
        "in_progress_within": and_(_open_at(as_of), Dossier.due_at >= as_of),
        "in_progress_late": and_(_open_at(as_of), Dossier.due_at < as_of),
        "withdrawn": and_(closed, Dossier.status == "withdrawn"),
        "refused": and_(closed, Dossier.status != "withdrawn"),
    }
    if key in columns:  # (the report counts a resolved dossier without outcome as on time)
        return columns[key], None
    rates = {
        "on_time_rate": (res, _not_late),
        "online_rate": (rec, Dossier.full_online),
        "paid_online_rate": (and_(rec, Dossier.fee > 0), Dossier.paid_online),
        "apology_rate": (_late_at(start, end, as_of), Dossier.apology_count > 0),
        "return_recorded_rate": (res, Dossier.returned_at.is_not(None)),
        "satisfaction_rate": (and_(res, Dossier.rating != ""), Dossier.rating == "hai_long"),
    }
    if key in rates:
        return rates[key]
    raise KeyError(f"không có chỉ số '{key}'")


def label(key: str) -> str:
    return COLUMN_LABELS.get(key) or INDICATOR_LABELS.get(key) or key


def behind(
    s: Session,
    key: str,
    period: Period,
    office_id: int | None = None,
    now: datetime | None = None,
    field: str | None = None,
) -> list[EvidenceRow]:
    """The dossiers behind ``key`` for ``period`` (``now`` as in ``build_report``), ordered by
    code; ``field`` narrows to one row of Biểu 06."""
    start, end = _bounds(period)
    as_of = min(end, now or now_local())
    where, numerator = conditions(key, start, end, as_of)
    conds = [where]
    if office_id is not None:
        conds.append(in_office(Dossier.office_id, office_id))
    if field is not None:
        conds.append(Procedure.field == field)
    cols = [
        Dossier.id,
        Dossier.code,
        Procedure.code,
        Procedure.name,
        Procedure.field,
        Dossier.received_at,
        Dossier.due_at,
        Dossier.resolved_at,
        Dossier.returned_at,
        Dossier.status,
        Dossier.outcome,
        Dossier.rating,
        (numerator if numerator is not None else Dossier.id.is_not(None)).label("counted"),
    ]
    rows = s.execute(
        select(*cols).join(Procedure, Procedure.id == Dossier.procedure_id).where(*conds)
    ).all()
    numbers: dict[int, list[str]] = {}
    ids = [r[0] for r in rows]
    for i in range(0, len(ids), 500):
        q = select(Apology.dossier_id, Apology.number, Apology.year).where(
            Apology.dossier_id.in_(ids[i : i + 500])
        )
        for did, number, year in s.execute(q.order_by(Apology.nth)):
            numbers.setdefault(did, []).append(f"Số {number}/{year}")
    out = [
        EvidenceRow(
            code=r[1],
            procedure=f"{r[2]} — {r[3]}",
            field=r[4],
            received_at=r[5],
            due_at=r[6],
            resolved_at=r[7],
            returned_at=r[8],
            status=r[9],
            outcome=OUTCOME_LABELS.get(r[10] or "", ""),
            apologies=", ".join(numbers.get(r[0], [])),
            rating=RATING_LABELS.get(r[11] or "", r[11] or ""),
            counted=bool(r[12]),
        )
        for r in rows
    ]
    return sorted(out, key=lambda e: e.code)


@dataclass(frozen=True)
class Section:
    """One indicator of the evidence annex: its value, definition and the rows that make it."""

    key: str
    label: str
    definition: str
    counted: int  # numerator (for the initiatives: the count)
    total: int | None  # denominator, None for a count
    rows: list  # EvidenceRow for a rate, initiatives (register rows) for the count
    committed: str = ""  # "Đạt từ 98%", "Chưa cam kết"; "" where no commitment applies (a city)

    @property
    def value(self) -> float | None:
        if self.total is None:
            return float(self.counted)
        return None if self.total == 0 else round(self.counted / self.total, 6)

    @property
    def value_text(self) -> str:
        if self.total is None:
            return f"{self.counted} sáng kiến"
        v = self.value
        shown = "—" if v is None else f"{v * 100:.2f}%".replace(".", ",")
        return f"{shown} ({self.counted}/{self.total})"


def annex(
    s: Session, period: Period, year: int, office_id: int | None = None, now=None
) -> list[Section]:
    """Every indicator the program measures, for the self-assessment of ``year`` (dossier
    figures over ``period``, the initiatives by their decision's year)."""

    out = []
    levels = _levels(s, office_id, year)
    for key in INDICATORS:
        rows = behind(s, key, period, office_id, now)
        n = sum(e.counted for e in rows)
        out.append(Section(key, label(key), DEFINITIONS[key], n, len(rows), rows, levels[key]))
    initiatives = [row_of(i) for i in counted(s, year, office_id)]
    out.append(
        Section(
            "initiatives_per_year",
            "Số sáng kiến cải cách hành chính được công nhận",
            DEFINITIONS["initiatives_per_year"],
            len(initiatives),
            None,
            initiatives,
            levels[INITIATIVES],
        )
    )
    return out


def _levels(s: Session, office_id: int | None, year: int) -> dict[str, str]:
    """Each measured indicator's committed level in the office's commitment for ``year`` as it
    stands, "Chưa cam kết" where it holds none (a commitment signed before the indicator was
    measured, or no commitment at all); nothing for a city's whole (no one commitment)."""
    if office_id is None:
        return defaultdict(str)
    c = current(s, office_id, year)
    levels = defaultdict(lambda: NOT_COMMITTED)
    for t in c.targets if c else []:
        levels[t.indicator] = level_words(t.comparator, t.threshold, t.unit)
    return levels
