"""Biểu 06's three range counts (received, resolved, closed in a period) defined once, and the
sums of them per office, procedure and half month that a consolidating database keeps.

On ten million dossiers no query over the rows answers a province's quarter in 500 ms (one
year's resolved rows alone take 2 s to group, issue 20), so a city's or a province's database
keeps these sums beside the rows.  Every period the reports offer (month, NĐ 09 or calendar
quarter, half-year, year) starts on a 1st or a 15th, so it is whole half months; another period
takes its whole half months here and its edge days from the rows
(``wardapp.indicators.rollup``).

The sums are recomputed from the rows, never incremented: the verified import, in the
transaction that writes a package's dossiers, recomputes every (office, half month) the
package touched, the old half month of an updated dossier as well as its new one (a dossier
re-sent resolved, returned, apologised for or rated moves between sums).  Only offices in
``rollup_office`` are kept; a ward's own database lists none.  A large import (a city's first
year, written without its secondary indexes) lets go of its offices instead and sums each whole
once at the end (``held``).
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import contextmanager, nullcontext, suppress
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import and_, case, delete, extract, func, insert, literal_column, or_, select
from sqlalchemy.orm import Session

from db.models import Dossier, Office
from db.models_rollup import DossierRollup, RollupOffice


def n_if(cond):
    return func.sum(case((cond, 1), else_=0))


@dataclass(frozen=True)
class Range:
    """One of the report's range counts: the dossiers whose ``column`` falls in the period,
    and what is summed over them (each a column ``<name>_<count>`` of ``dossier_rollup``).
    ``per_procedure``: the report names every procedure for this range (see ``tally``)."""

    name: str
    column: object
    sums: tuple[tuple[str, object], ...]
    per_procedure: bool

    def stored(self) -> list[str]:
        return [f"{self.name}_{count}" for count, _ in self.sums]


_late = Dossier.outcome == "late"
RECEIVED = Range(
    "received",
    Dossier.received_at,
    (
        ("n", func.count()),
        ("online", n_if(Dossier.channel == "online")),
        ("full_online", n_if(Dossier.full_online)),
        ("with_fee", n_if(Dossier.fee > 0)),
        ("paid_online", n_if(and_(Dossier.fee > 0, Dossier.paid_online))),
    ),
    per_procedure=True,
)
RESOLVED = Range(
    "resolved",
    Dossier.resolved_at,
    (
        ("n", func.count()),
        ("early", n_if(Dossier.outcome == "early")),
        ("late", n_if(_late)),
        ("apologised", n_if(and_(_late, Dossier.apology_count > 0))),
        ("returned", n_if(Dossier.returned_at.is_not(None))),
        ("asked", n_if(Dossier.rating != "")),
        ("satisfied", n_if(Dossier.rating == "hai_long")),
        ("neutral", n_if(Dossier.rating == "binh_thuong")),
    ),
    per_procedure=True,
)
CLOSED = Range(
    "closed",
    Dossier.closed_at,
    (("n", func.count()), ("withdrawn", n_if(Dossier.status == "withdrawn"))),
    per_procedure=False,
)
RANGES = (RECEIVED, RESOLVED, CLOSED)
STORED = tuple(n for rng in RANGES for n in rng.stored())


def half_month(day: date) -> date:
    """The first day of the half month ``day`` is in."""
    return day.replace(day=1 if day.day < 15 else 15)


def next_half(bucket: date) -> date:
    if bucket.day == 1:
        return bucket.replace(day=15)
    return date(bucket.year + bucket.month // 12, bucket.month % 12 + 1, 1)


def at(day: date) -> datetime:
    return datetime.combine(day, time(0, 0))


def rolled_offices(s: Session) -> set[int]:
    return set(s.scalars(select(RollupOffice.office_id)))


def computed(s: Session, office_ids: Iterable[int], buckets: Iterable[date] | None = None):
    """The sums as the rows give them, for ``office_ids`` (all their half months, or only
    ``buckets``): {(office, procedure, bucket): {stored column: value}}, zero rows left out.
    One grouped query per range; the half month is year, month and day ≥ 15, which both
    engines extract alike."""
    office_ids = list(office_ids)
    out: dict[tuple, dict[str, int]] = {}
    if not office_ids:
        return out
    for rng in RANGES:
        col = rng.column
        key = (
            Dossier.office_id,
            Dossier.procedure_id,
            extract("year", col),
            extract("month", col),
            extract("day", col) >= literal_column("15"),
        )
        q = select(*key, *(agg for _, agg in rng.sums))
        if buckets is None:
            q = q.where(Dossier.office_id.in_(office_ids), col.is_not(None))
        else:
            # each half month a whole condition of its own, office included: SQLite reads
            # each as one range of the office-led index (an OR under a shared office test
            # read every row of the office, 1,560 files of a year's import: 389 s for 112)
            spans = [
                and_(Dossier.office_id == o, col >= at(b), col < at(next_half(b)))
                for o in office_ids
                for b in sorted(set(buckets))
            ]
            if not spans:
                return out
            q = q.where(or_(*spans))
        names = rng.stored()
        for office, proc, year, month, late_half, *values in s.execute(q.group_by(*key)):
            bucket = date(int(year), int(month), 15 if late_half else 1)
            row = out.setdefault((office, proc, bucket), dict.fromkeys(STORED, 0))
            row.update({n: int(v or 0) for n, v in zip(names, values, strict=True)})
    return out


def _write(s: Session, sums: dict[tuple, dict[str, int]]) -> None:
    rows = [
        {"office_id": o, "procedure_id": p, "bucket": b, **values}
        for (o, p, b), values in sums.items()
    ]
    if rows:
        s.execute(insert(DossierRollup), rows)


# the offices a large import let go of, while it runs (``held``)
_RELEASED: ContextVar[set[int] | None] = ContextVar("rollup_released", default=None)


@contextmanager
def held(write):
    """Within: ``refresh`` lets go of each office it is asked about (its sums deleted and the
    office no longer kept, in the caller's transaction, so reports read its rows: right at
    every commit, only slower) instead of recomputing its half months; at the end each is kept
    again and summed whole, in one pass over its rows (``write()`` opens that transaction).

    Recomputing file by file cost a city's first year of thirty wards 130 s more than the
    rows themselves on SQLite (335 s against 205 s), with the three office-led indexes kept up
    row by row for it; summed at the end it is one grouped read of the finished table.  If the
    program dies first, the offices stay let go: the figures are the rows', and the next
    import of each (or ``wardapp rollup rebuild``) keeps it again."""
    released: set[int] = set()
    token = _RELEASED.set(released)
    failed = True
    try:
        yield
        failed = False
    finally:
        _RELEASED.reset(token)
        if released:
            # after a failure its own error is the one to see: these offices stay let go
            with suppress(Exception) if failed else nullcontext(), write() as s:
                keep(s, released)


def keep(s: Session, office_ids: Iterable[int]) -> None:
    """Keep ``office_ids`` from now on, each summed whole from its rows."""
    ids = sorted(set(office_ids))
    for oid in ids:
        if s.get(RollupOffice, oid) is None:
            s.add(RollupOffice(office_id=oid))
    s.flush()
    s.execute(delete(DossierRollup).where(DossierRollup.office_id.in_(ids)))
    _write(s, computed(s, ids))


def refresh(s: Session, office_id: int, buckets: Iterable[date]) -> None:
    """Recompute ``office_id``'s sums of ``buckets`` from its rows (an office not kept yet is
    first kept whole: its earlier rows, if any, are summed too)."""
    released = _RELEASED.get()
    if released is not None:  # a large import: let go now (every time: a savepoint rolled
        # back may have undone an earlier letting go), summed whole at its end
        s.execute(delete(RollupOffice).where(RollupOffice.office_id == office_id))
        s.execute(delete(DossierRollup).where(DossierRollup.office_id == office_id))
        released.add(office_id)
        return
    buckets = set(buckets)
    if s.get(RollupOffice, office_id) is None:
        s.add(RollupOffice(office_id=office_id))
        s.flush()
        s.execute(delete(DossierRollup).where(DossierRollup.office_id == office_id))
        _write(s, computed(s, [office_id]))
        return
    if not buckets:
        return
    s.execute(
        delete(DossierRollup).where(
            DossierRollup.office_id == office_id, DossierRollup.bucket.in_(buckets)
        )
    )
    _write(s, computed(s, [office_id], buckets))


def buckets_of(*moments) -> set[date]:
    """The half months of the given times (datetimes or their stored ISO text; None skipped)."""
    out = set()
    for m in moments:
        if m is None:
            continue
        day = m.date() if isinstance(m, datetime) else date.fromisoformat(str(m)[:10])
        out.add(half_month(day))
    return out


def rebuild(s: Session, *, adopt_wards: bool = False) -> int:
    """Every kept office's sums again from its rows (after a restore, or when the check found
    them wrong); ``adopt_wards`` first keeps every commune of a consolidating database.  The
    number of rows written."""
    if adopt_wards:
        have = rolled_offices(s)
        for (oid,) in s.execute(select(Office.id).where(Office.kind == "ward")):
            if oid not in have:
                s.add(RollupOffice(office_id=oid))
        s.flush()
    s.execute(delete(DossierRollup))
    sums = computed(s, rolled_offices(s))
    _write(s, sums)
    return len(sums)


def stored(s: Session) -> dict[tuple, dict[str, int]]:
    cols = [getattr(DossierRollup, n) for n in STORED]
    q = select(DossierRollup.office_id, DossierRollup.procedure_id, DossierRollup.bucket, *cols)
    return {(o, p, b): dict(zip(STORED, values, strict=True)) for o, p, b, *values in s.execute(q)}
