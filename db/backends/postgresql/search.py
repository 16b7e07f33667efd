"""The register's search on PostgreSQL: a ``pg_trgm`` GIN index (migration 0014) over the same
four columns SQLite's FTS5 table holds, joined into one text.

A term is one contiguous substring of one column, three characters or more, matched without
regard to case, as FTS5's trigram tokenizer does; the columns are joined by a line break, which
a term (one line typed in the box) never holds, so no match runs across two columns.  GIN keeps
itself: new rows wait in its pending list and merge on their own, so deferring and holding
merges have nothing to do.
"""

from __future__ import annotations

import math
from contextlib import contextmanager

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from db.backends.postgresql.sql import id_list

INDEX = "ix_dossier_search_trgm"
# the indexed expression, character for character as migration 0014 creates it: the planner
# uses the index only for this exact expression
EXPRESSION = (
    "(code || E'\\n' || applicant_name_folded || E'\\n' || coalesce(applicant_id, '') "
    "|| E'\\n' || coalesce(phone, ''))"
)
MIN_LENGTH = 3
_MATCH = f"SELECT id FROM dossier WHERE {EXPRESSION} ILIKE :p"


def exists(s: Session | Connection) -> bool:
    sql = "SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname = :n"
    return bool(s.scalar(text(sql), {"n": INDEX}))


def pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def condition(column, term: str):
    return column.in_(text(_MATCH).bindparams(p=pattern(term)))


_PLANS = ("enable_seqscan", "enable_indexscan")


@contextmanager
def _from_trigrams(s: Session | Connection):
    """The statements inside read the trigram index, whatever the planner guesses.

    Its guess for a substring of the joined text comes from a sample of the column: "nguyen
    van" was guessed at 0.01 % of a province's rows (0.39 %), "079" at 28 % (24 %), and a
    term guessed common under a ``LIMIT`` makes reading the whole table look cheap; for one
    that is in fact rare that is the whole table: 11 s on ten million dossiers where the
    index answers in 120 ms.  One statement sets both switches off for the transaction and
    one puts back what they were (each statement is a round trip to the server)."""
    sql = "SELECT " + ", ".join(f"current_setting('{n}')" for n in _PLANS)
    sql += ", " + ", ".join(f"set_config('{n}', 'off', true)" for n in _PLANS)
    was = s.execute(text(sql)).one()[: len(_PLANS)]
    yield
    # not in a ``finally``: after a failure the transaction is dead or aborted, a statement
    # would replace the failure with its own ("current transaction is aborted" for a timeout,
    # a pending rollback for a lost server), and the rollback puts the switches back anyway
    back = ", ".join(f"set_config('{n}', :v{i}, true)" for i, n in enumerate(_PLANS))
    s.execute(text(f"SELECT {back}"), {f"v{i}": v for i, v in enumerate(was)})


def count(s: Session, term: str, cap: int | None = None) -> int:
    """Above ``cap`` the count stops at ``cap + 1``: the server reads every match to count it
    (an exact count of "079" among a million dossiers cost 168 ms in issue 20's trial, the
    search itself 23 ms), and a clerk who got 238,746 matches types more, not reads them."""
    with _from_trigrams(s):
        if cap is None:
            sql = f"SELECT count(*) FROM dossier WHERE {EXPRESSION} ILIKE :p"
            return s.scalar(text(sql), {"p": pattern(term)}) or 0
        sql = f"SELECT count(*) FROM ({_MATCH} LIMIT :n) AS capped"
        return s.scalar(text(sql), {"p": pattern(term), "n": cap + 1}) or 0


def ids(s: Session, term: str, limit: int) -> list[int]:
    """Up to ``limit`` matches, in no order (as SQLite's): the caller wants all of them when
    there are few, and only to know there are more otherwise.  ``ORDER BY id`` led the
    planner down the primary key, testing every row, for a term rarer than it guessed
    ("0912", 7,104 of 1M: 3 s instead of a bitmap read of the trigram index)."""
    with _from_trigrams(s):
        return id_list(s, f"{_MATCH} LIMIT :n", {"p": pattern(term), "n": limit})


# how much deeper the second walk goes, for a term past the cap (so at least that common)
DEEPER = 8
# the newest dossiers with the searched columns beside them (migration 0023): a walk down it
# tests each one without reading the table
_RECENT = "SELECT id, received_at, code, applicant_name_folded, applicant_id, phone FROM dossier"


def _order(descending: bool) -> str:
    """The register's display order (``wardapp.dossiers.register``: by date, then id)."""
    way = "DESC" if descending else "ASC"
    return f"ORDER BY received_at {way}, id {way}"


def _walk(s: Session, p: str, depth: int | None, limit: int, descending: bool) -> list[int]:
    """The first ``limit`` matches among the first ``depth`` dossiers in display order (all of
    them when ``depth`` is None): a prefix of the order, so they are the page's if enough."""
    order = _order(descending)
    inner = f"{_RECENT} {order}" + ("" if depth is None else " LIMIT :depth")
    sql = f"SELECT id FROM ({inner}) AS recent WHERE {EXPRESSION} ILIKE :p {order} LIMIT :n"
    return id_list(s, sql, {"p": p, "depth": depth, "n": limit})


def first_page(
    s: Session, term: str, limit: int, descending: bool, cap: int, counted: bool = True
) -> tuple[int | None, list[int]]:
    """(matches, counted up to ``cap + 1``; ids of the first ``limit`` in date order).

    Two exact plans, the cheaper chosen by trying the first on a budget: walk the newest
    √(limit·N) dossiers down the date index (migration 0023); a term common enough to fill
    the page there costs that walk and a capped count.  Otherwise the term is rare among
    recent dossiers, so probably rare overall: every match is read from the trigram index
    (up to the cap), counted and sorted by the server in one statement.  Past the cap, yet sparse among the newest
    (a word common only years ago), the matches are sorted by the server.

    Not ``counted``, the walk's page comes without its count (None): counting a common word
    reads ten thousand rows of the table (250–800 ms on ten million dossiers, where the walk
    took 2–40 ms), so the window shows the page first and asks the count after it."""
    p = pattern(term)
    total = s.scalar(text("SELECT max(id) FROM dossier")) or 0
    depth = max(8 * limit, math.isqrt(limit * total))
    found = _walk(s, p, depth, limit, descending)
    if len(found) == limit:
        return (count(s, term, cap) if counted else None), found
    # every match up to the cap, counted and sorted by the server: only the page comes back
    sql = (
        f"SELECT id, count(*) OVER () FROM (SELECT id, received_at FROM dossier"
        f" WHERE {EXPRESSION} ILIKE :p LIMIT :n) AS m {_order(descending)} LIMIT :k"
    )
    with _from_trigrams(s):
        rows = s.execute(text(sql), {"p": p, "n": cap + 1, "k": limit}).all()
    n = rows[0][1] if rows else 0
    if n <= cap:
        return n, [r[0] for r in rows]
    # more than the cap, yet bunched away from the newest: deeper (a name common in one
    # commune's last weeks but not in the others'), then every match sorted by the server
    found = _walk(s, p, DEEPER * depth, limit, descending)
    if len(found) == limit:
        return cap + 1, found
    ordered = f"{_MATCH} {_order(descending)} LIMIT :n"
    with _from_trigrams(s):
        return cap + 1, id_list(s, ordered, {"p": p, "n": limit})


def ids_between(s: Session, term: str, lo: int, hi: int) -> list[int]:
    sql = f"{_MATCH} AND id BETWEEN :lo AND :hi ORDER BY id"
    return id_list(s, sql, {"p": pattern(term), "lo": lo, "hi": hi})


@contextmanager
def deferred(s: Session):
    yield


def hold_merges(s: Session | Connection) -> None:
    pass


def merge_all(s: Session | Connection) -> None:
    pass


def merges_held(s: Session | Connection) -> bool:
    return False
