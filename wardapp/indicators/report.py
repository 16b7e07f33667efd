"""Biểu 06/VPCP/KSTT (TT 01/2020/TT-VPCP) and the indicators the city grades the ward on.

Columns (DOMAIN.md §5), per field and in total, for a period [start 00:00, end+1 00:00):

* received: ``received_online`` and ``received_direct`` (direct or postal) received in the period,
  ``carried_over`` = received before the period and still open at its start;
  ``received_total`` = the three together.
* resolved in the period, split by the outcome frozen at resolution (early / on time / late).
* in progress at the period end (or now, for a period not over yet): ``in_progress_within``
  (due at or after that moment) or late.
* ``withdrawn`` and ``refused`` in the period are counted apart, so
  ``received_total = resolved_total + in_progress_total + withdrawn + refused``.

Indicators (fractions, ``None`` when the denominator is 0):

* ``on_time_rate`` = (early + on time) / resolved;
* ``online_rate`` = full-process-online dossiers / dossiers received in the period;
* ``paid_online_rate`` = paid online / dossiers received in the period that carry a fee;
* ``apology_rate`` = late dossiers (resolved late in the period, or open and past due at its end)
  with a written apology / all those late dossiers;
* ``return_recorded_rate`` = dossiers resolved in the period whose return to the applicant is
  recorded / resolved (the Xuân An finding: results handed over but never entered);
* ``satisfaction_rate`` = dossiers resolved in the period whose applicant answered "Hài lòng"
  at return / those whose applicant was asked (a skipped question is not asked).

Each query (``tally``) groups by ``procedure_id`` on an index and fields are summed in Python:
the catalogue is small, and the SQL stays portable.  The province's ranking (``ranking.py``)
runs the same queries grouped by ``office_id`` instead of one report per commune.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from db import rollup
from db.backend import is_true
from db.models import Dossier, DossierEvent, Procedure
from wardapp.calendar.periods import Period
from wardapp.common.clock import now_local
from wardapp.indicators.rollup import range_sums

COLUMNS = (
    "received_total",
    "received_online",
    "received_direct",
    "carried_over",
    "resolved_total",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "in_progress_total",
    "in_progress_within",
    "in_progress_late",
    "withdrawn",
    "refused",
)
# The form's grouped header, shared by the .xlsx and the PDF.
COLUMN_GROUPS = (
    ("Số hồ sơ nhận giải quyết", COLUMNS[0:4]),
    ("Số hồ sơ đã giải quyết", COLUMNS[4:8]),
    ("Số hồ sơ đang giải quyết", COLUMNS[8:11]),
    ("Rút / từ chối", COLUMNS[11:13]),
)
COLUMN_LABELS = {
    "received_total": "Tổng số hồ sơ tiếp nhận",
    "received_online": "Trực tuyến",
    "received_direct": "Trực tiếp, dịch vụ bưu chính",
    "carried_over": "Từ kỳ trước chuyển qua",
    "resolved_total": "Tổng số hồ sơ đã giải quyết",
    "resolved_early": "Trước hạn",
    "resolved_on_time": "Đúng hạn",
    "resolved_late": "Quá hạn",
    "in_progress_total": "Tổng số hồ sơ đang giải quyết",
    "in_progress_within": "Trong hạn",
    "in_progress_late": "Quá hạn",
    "withdrawn": "Rút hồ sơ / dừng giải quyết",
    "refused": "Từ chối",
}
INDICATORS = (
    "on_time_rate",
    "online_rate",
    "paid_online_rate",
    "apology_rate",
    "return_recorded_rate",
    "satisfaction_rate",
)
INDICATOR_LABELS = {
    "on_time_rate": "Tỷ lệ giải quyết trước hạn và đúng hạn",
    "online_rate": "Tỷ lệ hồ sơ trực tuyến toàn trình",
    "paid_online_rate": "Tỷ lệ thanh toán trực tuyến",
    "apology_rate": "Tỷ lệ hồ sơ quá hạn có văn bản xin lỗi",
    "return_recorded_rate": "Tỷ lệ hồ sơ đã cập nhật trả kết quả",
    "satisfaction_rate": "Tỷ lệ người dân hài lòng (trên số được hỏi)",
}
# Internal tallies behind the indicators (not Biểu 06 columns).
_AUX = (
    "new_total",
    "full_online",
    "with_fee",
    "paid_online",
    "late_total",
    "late_apologised",
    "resolved_returned",
    "rated_asked",
    "rated_satisfied",
    "rated_neutral",
    "rated_unsatisfied",
)


def in_office(column, office_id: int):
    """``column = office_id`` that SQLite cannot answer from the office index: one office is
    most of a ward's rows (all of them, in a ward database), so that index would beat the
    date-range index only in the planner's guess, never on the clock (0.8 s against 5 ms on a
    million dossiers)."""
    return (column + 0) == office_id


@dataclass
class Counts:
    values: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COLUMNS + _AUX, 0))

    def add(self, key: str, n) -> None:
        self.values[key] += int(n or 0)

    def merge(self, other: Counts) -> None:
        for k, v in other.values.items():
            self.values[k] += v

    def columns(self) -> dict[str, int]:
        return {k: self.values[k] for k in COLUMNS}

    def indicators(self) -> dict[str, float | None]:
        v = self.values

        def rate(num, den):
            return None if den == 0 else round(num / den, 6)

        return {
            "on_time_rate": rate(v["resolved_early"] + v["resolved_on_time"], v["resolved_total"]),
            "online_rate": rate(v["full_online"], v["new_total"]),
            "paid_online_rate": rate(v["paid_online"], v["with_fee"]),
            "apology_rate": rate(v["late_apologised"], v["late_total"]),
            "return_recorded_rate": rate(v["resolved_returned"], v["resolved_total"]),
            "satisfaction_rate": rate(v["rated_satisfied"], v["rated_asked"]),
        }

    def satisfaction(self) -> dict[str, int]:
        v = self.values
        return {
            "asked": v["rated_asked"],
            "hai_long": v["rated_satisfied"],
            "binh_thuong": v["rated_neutral"],
            "khong_hai_long": v["rated_unsatisfied"],
        }


@dataclass
class Report:
    period: Period
    rows: dict[str, Counts]  # field name → counts, sorted by name
    total: Counts
    office: str = ""
    # History steps that happened in the period but were typed in later than the tolerance
    # (wardapp.trust.chain.backdated): allowed, but a reviewer should see how many.
    backdated_events: int = 0

    def as_dict(self) -> dict:
        return {
            "period": self.period.as_dict(),
            "office": self.office,
            "backdated_events": self.backdated_events,
            "rows": [{"field": f, **c.columns()} for f, c in self.rows.items()],
            "total": self.total.columns(),
            "indicators": self.total.indicators(),
            "satisfaction_rate": self.total.indicators()["satisfaction_rate"],
            "satisfaction_asked": self.total.values["rated_asked"],
            "satisfaction": self.total.satisfaction(),
        }


def _received(c: Counts, n, online, full_online, with_fee, paid) -> None:
    c.add("received_online", online)
    c.add("received_direct", n - online)
    c.add("new_total", n)
    c.add("full_online", full_online)
    c.add("with_fee", with_fee)
    c.add("paid_online", paid)


def _resolved(c: Counts, n, early, late, apologised, returned, asked, good, neutral) -> None:
    c.add("rated_asked", asked)
    c.add("rated_satisfied", good)
    c.add("rated_neutral", neutral)
    c.add("rated_unsatisfied", (asked or 0) - (good or 0) - (neutral or 0))
    c.add("resolved_total", n)
    c.add("resolved_early", early)
    c.add("resolved_late", late)
    c.add("resolved_on_time", n - early - late)
    c.add("resolved_returned", returned)
    c.add("late_total", late)
    c.add("late_apologised", apologised)


def _closed(c: Counts, n, withdrawn) -> None:
    c.add("withdrawn", withdrawn)
    c.add("refused", n - withdrawn)


# What each range's sums (db.rollup.RANGES, in that order) add to a group's counts.
_COUNT = {"received": _received, "resolved": _resolved, "closed": _closed}
RANGES = rollup.RANGES


def _bounds(period: Period) -> tuple[datetime, datetime]:
    return (
        datetime.combine(period.start, time(0, 0)),
        datetime.combine(period.end + timedelta(days=1), time(0, 0)),
    )


def _open_at(s: Session, moment: datetime, per_procedure):
    """Dossiers received before ``moment`` and not finished by then, as two conditions that
    each read one short index range: not finished at all, or finished later.  A dossier
    finished later was received at most ``max(days_open)`` days before ``moment``, which bounds
    the second range instead of scanning every dossier finished since."""
    longest = s.scalar(select(func.max(Dossier.days_open))) or 0
    earliest = moment - timedelta(days=longest + 1)
    return (
        and_(Dossier.finished_at.is_(None), Dossier.received_at < moment),
        and_(
            Dossier.received_at >= earliest,
            Dossier.received_at < moment,
            Dossier.finished_at >= moment,
            per_procedure,
        ),
    )


def tally(
    s: Session, period: Period, group, office_id: int | None = None, now: datetime | None = None
) -> dict:
    """Biểu 06's counts and the indicators' tallies per value of ``group``: by procedure for a
    ward's report, by office for a province's ranking (of one office, or all).  One definition
    of every column, so a ranking row cannot drift from the ward's own report; ``now`` matters
    for a period not yet over: "in progress at the end" is then as of now, not as of a future
    date.  The three range counts of a consolidating database come from its half-month sums
    where they can (``wardapp.indicators.rollup``)."""
    start, end = _bounds(period)
    scope = [] if office_id is None else [in_office(Dossier.office_id, office_id)]
    as_of = min(end, now or now_local())
    out: dict = {}

    def bucket(key) -> Counts:
        c = out.get(key)
        if c is None:
            c = out[key] = Counts()
        return c

    # For the big ranges (received, resolved), naming every procedure lets SQLite seek one
    # range per procedure of a procedure-leading index, already in GROUP BY order.  Not used
    # for the small ranges, where it would lure the planner off their own index.
    per_procedure = Dossier.procedure_id.in_(list(s.scalars(select(Procedure.id))))

    # 1, 3, 4: received, resolved and closed (withdrawn / refused) in the period
    for rng in RANGES:
        for key, *sums in range_sums(s, rng, (start, end), group, scope, office_id, per_procedure):
            _COUNT[rng.name](bucket(key), *sums)
    # 2. carried over from before the period
    for cond in _open_at(s, start, per_procedure):
        q = select(group, func.count()).where(cond, *scope)
        for key, n in s.execute(q.group_by(group)):
            bucket(key).add("carried_over", n)
    # 5. still in progress at the end of the period (or now)
    n_if = rollup.n_if
    overdue = Dossier.due_at < as_of
    for cond in _open_at(s, as_of, per_procedure):
        q = select(
            group,
            func.count(),
            n_if(overdue),
            n_if(and_(overdue, Dossier.apology_count > 0)),
        ).where(cond, *scope)
        for key, n, n_late, apologised in s.execute(q.group_by(group)):
            c = bucket(key)
            c.add("in_progress_total", n)
            c.add("in_progress_late", n_late)
            c.add("in_progress_within", n - (n_late or 0))
            c.add("late_total", n_late)
            c.add("late_apologised", apologised)
    for c in out.values():
        v = c.values
        v["received_total"] = v["received_online"] + v["received_direct"] + v["carried_over"]
    return out


def build_report(
    s: Session, period: Period, office_id: int | None = None, now: datetime | None = None
) -> Report:
    """One ward's (or, without ``office_id``, the whole database's) Biểu 06 by field."""
    start, end = _bounds(period)
    fields = {pid: name for pid, name in s.execute(select(Procedure.id, Procedure.field))}
    per_proc = tally(s, period, Dossier.procedure_id, office_id, now)

    rows: dict[str, Counts] = {}
    total = Counts()
    for pid, c in per_proc.items():
        rows.setdefault(fields.get(pid, "(không rõ lĩnh vực)"), Counts()).merge(c)
        total.merge(c)
    bq = select(func.count()).where(
        is_true(s, DossierEvent.backdated),  # as the partial index is declared
        DossierEvent.at >= start,
        DossierEvent.at < end,
    )
    if office_id is not None:
        bq = bq.where(in_office(DossierEvent.office_id, office_id))
    return Report(
        period=period,
        rows=dict(sorted(rows.items())),
        total=total,
        backdated_events=s.scalar(bq) or 0,
    )
