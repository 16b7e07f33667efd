"""The register's first page for a search, newest (or oldest) first, without sorting every match.

A clerk's search is one word typed in the box and the register in its usual order (by date
received).  Asked plainly ("matches, ordered by date, first 64"), SQLite reads every match's
row to sort it: a common word such as a phone prefix matches a quarter of a million dossiers
and takes 40 ms before anything shows.  Two plans answer the same question exactly:

* **few matches** (up to about √(96·N)): read the match list once from the trigram index, count
  it, and take the page from just those rows (``_first_of_few``: each looked up and sorted, or,
  for thousands, found by walking down the date index);
* **many matches**: a match is in the first page only if it was received no earlier than the
  64th match is.  Dossiers arrive roughly in date order, so the date ``R`` that far down the
  date index (scaled by how common the word is) bounds the page from below; only dossiers
  received since ``R`` are tested against the index, in the id ranges they occupy.  If fewer
  than a page of them match, the bound was too shallow and is pushed deeper.

Both give the same rows as the plain query (a test compares them); anything else, or a
bound that would cover too much of the register, uses the plain query.  An engine with a plan
of its own is asked first (PostgreSQL walks a date index that holds the searched text:
``db/backends/postgresql/search.py``).
"""

from __future__ import annotations

import math

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from db.backend import among, backend_for
from db.models import Dossier

GAP = 2048  # ids further apart than this are read as separate ranges of the index
MAX_RANGES = 64
MAX_RECENT = 200_000  # more dossiers than this since the bound: use the plain query
WALK = 16  # steps down the date index that cost as much as reading one dossier by id

# where a backend may stop counting a search's matches (shown as "hơn 10.000")
COUNT_CAP = 10_000


def _ranges(ids: list[int]) -> list[tuple[int, int]]:
    """Sorted ids → (low, high) runs; the closest runs are merged until few enough remain."""
    runs = []
    low = prev = ids[0]
    for i in ids[1:]:
        if i - prev > GAP:
            runs.append((low, prev))
            low = i
        prev = i
    runs.append((low, prev))
    while len(runs) > MAX_RANGES:
        k = min(range(len(runs) - 1), key=lambda j: runs[j + 1][0] - runs[j][1])
        runs[k : k + 2] = [(runs[k][0], runs[k + 1][1])]
    return runs


def _date_order(descending: bool) -> tuple:
    if descending:
        return Dossier.received_at.desc(), Dossier.id.desc()
    return Dossier.received_at.asc(), Dossier.id.asc()


def _date_bound(s: Session, depth: int, descending: bool) -> tuple[str | None, str]:
    """The date (as stored) ``depth`` dossiers down the display order, and the comparison
    that keeps the dossiers above it: the first ``depth`` of the order, and any that tie."""
    way, cmp = ("DESC", ">=") if descending else ("ASC", "<=")
    sql = f"SELECT received_at FROM dossier ORDER BY received_at {way} LIMIT 1 OFFSET :k"
    return s.scalar(text(sql), {"k": depth}), cmp


def _ordered_ids(s: Session, ids: list[int], limit: int, descending: bool) -> list[int]:
    q = (
        select(Dossier.id)
        .where(among(Dossier.id, ids))
        .order_by(*_date_order(descending))
        .limit(limit)
    )
    return list(s.scalars(q))


def _first_of_few(
    s: Session, ids: list[int], limit: int, descending: bool, total: int
) -> list[int]:
    """The first ``limit`` of ``ids`` in date order, by the cheaper of two exact ways.

    Looking each match up to sort it costs a row read per match (10 µs when the page cache is
    cold: 40 ms for the 4,000 dossiers of "nguyen van").  Walking down the date index and
    keeping the matches costs about 1/``WALK`` of that per step, and takes about limit·N/n steps
    when matches are spread over the years.  The walk is tried when that estimate is well
    inside ``WALK``·n steps, and bounded there: a page not full by then (matches bunched in
    old years) falls back to the look-ups."""
    n = len(ids)
    if n > limit and limit * total / n * 1.5 <= WALK * n:
        found = _walked(s, ids, limit, descending, WALK * n)
        if found is not None:
            return found
    return _ordered_ids(s, ids, limit, descending) if ids else []


def _walked(
    s: Session, ids: list[int], limit: int, descending: bool, steps: int
) -> list[int] | None:
    """The matches among the first ``steps`` dossiers in date order (a prefix of the order, so
    its first ``limit`` matches are the page's), or None when fewer than ``limit``."""
    bound, cmp = _date_bound(s, steps, descending)
    # "+ 0": test membership while reading the date index, not fetch each id by its key
    q = select(Dossier.id).where(among(Dossier.id + 0, ids))
    if bound is not None:
        q = q.where(text(f"dossier.received_at {cmp} :bound").bindparams(bound=bound))
    found = list(s.scalars(q.order_by(*_date_order(descending)).limit(limit)))
    return found if len(found) == limit else None


def first_ids(
    s: Session, term: str, limit: int, descending: bool, counted: bool = True
) -> tuple[int | None, list[int]] | None:
    """(number of matches of the folded ``term``, ids of the first ``limit`` in date order), or
    None when neither plan fits and the caller should ask the plain query.  Not ``counted``,
    the number may be None: the engine found the page cheaper than it can count."""
    backend = backend_for(s)
    own = backend.search_first_page(s, term, limit, descending, COUNT_CAP, counted)
    if own is not None:
        return own
    total = s.scalar(text("SELECT max(id) FROM dossier")) or 0
    few = max(limit, int(math.sqrt(96 * total)))
    ids = backend.search_ids(s, term, few + 1)
    if len(ids) <= few:
        return len(ids), _first_of_few(s, ids, limit, descending, total)
    n = backend.search_count(s, term, COUNT_CAP)  # the plan below needs no more than that
    depth = int(limit * total / n * 1.5) + limit
    while depth < min(total, MAX_RECENT):
        found = _since_bound(s, term, depth, limit, descending)
        if found is not None:
            return n, found
        depth *= 4
    return None


def _since_bound(
    s: Session, term: str, depth: int, limit: int, descending: bool
) -> list[int] | None:
    bound, cmp = _date_bound(s, depth, descending)
    if bound is None:  # the whole register is shallower than the bound
        return None
    backend = backend_for(s)
    sql = f"SELECT id FROM dossier WHERE received_at {cmp} :r"
    recent = sorted(backend.ids(s, sql, {"r": bound}))
    wanted = set(recent)
    hits = []
    for lo, hi in _ranges(recent):
        found = backend.search_ids_between(s, term, lo, hi)
        hits += [i for i in found if i in wanted]
    if len(hits) < limit:  # every match since the bound is in hits: too few to fill the page
        return None
    return _ordered_ids(s, hits, limit, descending)
