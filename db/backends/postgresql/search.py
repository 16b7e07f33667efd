"""The register's search on PostgreSQL: a ``pg_trgm`` GIN index (migration 0014) over the same
four columns SQLite's FTS5 table holds, joined into one text.

A term is one contiguous substring of one column, three characters or more, matched without
regard to case, as FTS5's trigram tokenizer does; the columns are joined by a line break, which
a term (one line typed in the box) never holds, so no match runs across two columns.  GIN keeps
itself: new rows wait in its pending list and merge on their own, so deferring and holding
merges have nothing to do.
"""

from __future__ import annotations

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


def count(s: Session, term: str, cap: int | None = None) -> int:
    """Above ``cap`` the count stops at ``cap + 1``: the server reads every match to count it
    (an exact count of "079" among a million dossiers cost 168 ms in issue 20's trial, the
    search itself 23 ms), and a clerk who got 238,746 matches types more, not reads them."""
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
    return id_list(s, f"{_MATCH} LIMIT :n", {"p": pattern(term), "n": limit})


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
