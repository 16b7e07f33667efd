"""Where Biểu 06's range counts come from: the consolidating database's half-month sums
(``db.rollup``) for the whole half months of a period, the dossier rows for the rest.

A period's whole half months are read from ``dossier_rollup`` for the offices it keeps; its
edge days (a week, a range starting on the 7th) and every office it does not keep (a ward's own
database keeps none) are counted from the rows with the same aggregates, so either way a
column has one definition (``db.rollup.RANGES``) and ``tally`` gets the same figures.  The
check (``rollup_problems``, run by ``wardapp verify``) recomputes the sums from the rows;
``rebuild_rollup`` (``wardapp rollup rebuild``) writes them again.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db import rollup
from db.models import Dossier, Office, Procedure
from db.models_rollup import DossierRollup
from wardapp.common import WardError
from wardapp.trust import auth

# Differences listed one by one before the check only counts the rest.
SHOWN = 10


def _rows(s: Session, rng: rollup.Range, group, lo, hi, where, per_procedure):
    conds = [rng.column >= lo, rng.column < hi, *where]
    if rng.per_procedure:
        conds.append(per_procedure)
    q = select(group, *(agg for _, agg in rng.sums)).where(*conds).group_by(group)
    return s.execute(q)


def _whole_halves(start: datetime, end: datetime) -> tuple:
    """The first and the end (exclusive) half month wholly inside [start, end)."""
    first = rollup.half_month(start.date())
    if rollup.at(first) < start:
        first = rollup.next_half(first)
    return first, rollup.half_month(end.date())  # end is a midnight: at or after its half


def range_sums(
    s: Session,
    rng: rollup.Range,
    bounds: tuple[datetime, datetime],
    group,
    scope: list,
    office_id: int | None,
    per_procedure,
) -> Iterator[tuple]:
    """(group value, the range's sums in ``rng.sums`` order) for [start, end), possibly several
    per group value (the caller adds them up): ``group`` is ``Dossier.procedure_id`` or
    ``Dossier.office_id``, ``scope`` the conditions on the rows that ``office_id`` stands
    for."""
    start, end = bounds
    kept = rollup.rolled_offices(s)
    if office_id is not None:
        kept &= {office_id}
    first, last = _whole_halves(start, end)
    if not kept or first >= last:
        yield from _rows(s, rng, group, start, end, scope, per_procedure)
        return
    lo, hi = rollup.at(first), rollup.at(last)
    if start < lo:
        yield from _rows(s, rng, group, start, lo, scope, per_procedure)
    if hi < end:
        yield from _rows(s, rng, group, hi, end, scope, per_procedure)
    stored = [getattr(DossierRollup, n) for n in rng.stored()]
    key = getattr(DossierRollup, group.key)
    q = select(key, *(func.sum(c) for c in stored)).where(
        DossierRollup.bucket >= first, DossierRollup.bucket < last
    )
    if office_id is not None:
        q = q.where(DossierRollup.office_id == office_id)
    else:  # sums of an office no longer kept would count twice beside its rows
        q = q.where(DossierRollup.office_id.in_(kept))
    for row in s.execute(q.group_by(key)):
        if row[1]:  # the rows give no group for a range with no dossier in it
            yield row
    if office_id is None:
        others = _others_with_dossiers(s, kept)
        if others:
            where = [*scope, (Dossier.office_id + 0).in_(others)]
            yield from _rows(s, rng, group, lo, hi, where, per_procedure)


def _others_with_dossiers(s: Session, kept: set[int]) -> list[int]:
    """Offices not kept that hold a dossier (a city's own office holds none): each is one
    probe of the office index."""
    others = [o for o in s.scalars(select(Office.id)) if o not in kept]
    return [
        o
        for o in others
        if s.scalar(select(Dossier.id).where(Dossier.office_id == o).limit(1)) is not None
    ]


def rollup_problems(s: Session) -> list[str]:
    """The kept sums that differ from what the rows give, in Vietnamese (none: all equal)."""
    kept = rollup.rolled_offices(s)
    if not kept:
        return []
    want = rollup.computed(s, kept)
    have = rollup.stored(s)
    wrong = sorted(k for k in want.keys() | have.keys() if want.get(k) != have.get(k))
    if not wrong:
        return []
    offices = dict(s.execute(select(Office.id, Office.agency_code)).all())
    procs = dict(s.execute(select(Procedure.id, Procedure.code)).all())
    zero = dict.fromkeys(rollup.STORED, 0)
    out = []
    for o, p, b in wrong[:SHOWN]:
        w, h = want.get((o, p, b), zero), have.get((o, p, b), zero)
        cols = ", ".join(f"{n} lưu {h[n]}, đúng là {w[n]}" for n in rollup.STORED if w[n] != h[n])
        out.append(
            f"bảng tổng hợp số liệu: {offices.get(o, o)}, thủ tục {procs.get(p, p)}, nửa tháng "
            f"từ {b:%d/%m/%Y}: {cols or 'thừa một dòng'}"
        )
    if len(wrong) > SHOWN:
        out.append(f"bảng tổng hợp số liệu: còn {len(wrong) - SHOWN} chỗ lệch khác")
    out.append("bảng tổng hợp số liệu lệch với hồ sơ: chạy 'wardapp rollup rebuild' để tính lại")
    return out


def rebuild_rollup(ward) -> int:
    """All sums again from the rows (after a restore, or when the check found them wrong), in
    one transaction; every commune of the consolidating database is kept.  A ward's own
    database has none to keep: its desks write its rows, and a sum they did not update would
    be wrong.  The number of sums written."""
    auth.require(ward, "import")
    with ward.write() as s:
        if ward.office(s).kind != "city":
            raise WardError("chỉ cơ sở dữ liệu tổng hợp (thành phố, tỉnh) có bảng tổng hợp số liệu")
        return rollup.rebuild(s, adopt_wards=True)
