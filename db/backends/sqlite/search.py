"""The register's search index: an FTS5 trigram table (migrations 0005, 0008) over the
dossiers' code, folded name, ID number and phone, kept by triggers.

A term is one FTS phrase: one contiguous substring in any of those columns, three characters or
more (a trigram).  Writing many dossiers at once switches the insert trigger off (``deferred``)
and indexes the new rows in one statement: row by row it costs a city import more than the
dossiers themselves.

An FTS5 index is a stack of segments, each a sorted run of what one write added, merged a few
at a time as they pile up.  A search reads every segment and merges them as it goes: on a
million dossiers built in batches (twelve segments) a two-word name took half as long again
as on one segment.  A large write may stack its segments unmerged (``hold_merges``: half the
indexing time, 11 s against 21 s for a million dossiers in fifty batches) and merge them into
one when it ends (``merge_all``, 4 s).
"""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from db.backends.sqlite.sql import id_list

COLUMNS = "code, applicant_name_folded, applicant_id, phone"
AUTOMERGE = 4  # FTS5's own default: merge once four segments of a size are stacked
MIN_LENGTH = 3  # the trigram index answers substrings of three characters or more
_MATCH = "SELECT rowid AS id FROM dossier_search WHERE dossier_search MATCH :p"


def exists(s: Session | Connection) -> bool:
    """Migration 0005 creates the index unless this SQLite lacks FTS5 trigram (the register
    then searches with LIKE)."""
    sql = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'dossier_search'"
    return bool(s.scalar(text(sql)))


def phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def condition(column, term: str):
    return column.in_(
        text("SELECT rowid FROM dossier_search WHERE dossier_search MATCH :phrase").bindparams(
            phrase=phrase(term)
        )
    )


def count(s: Session, term: str, cap: int | None = None) -> int:
    """Exact whatever ``cap``: FTS5 counts a term's postings in its own index, without
    reading the dossiers, so the register's search keeps its targets with the exact figure."""
    sql = "SELECT count(*) FROM dossier_search WHERE dossier_search MATCH :p"
    return s.scalar(text(sql), {"p": phrase(term)}) or 0


def ids(s: Session, term: str, limit: int) -> list[int]:
    return id_list(s, f"{_MATCH} LIMIT :n", {"p": phrase(term), "n": limit})


def first_page(
    s: Session, term: str, limit: int, descending: bool, cap: int, counted: bool = True
) -> None:
    """No plan of its own: ``wardapp.dossiers.search`` builds SQLite's from ``ids``,
    ``count`` and ``ids_between`` (FTS5 cannot walk the date index beside the text)."""
    return None


def ids_between(s: Session, term: str, lo: int, hi: int) -> list[int]:
    sql = f"{_MATCH} AND rowid BETWEEN :lo AND :hi"
    return id_list(s, sql, {"p": phrase(term), "lo": lo, "hi": hi})


@contextmanager
def deferred(s: Session):
    """See ``db.search_index.deferred``."""
    if not exists(s):
        yield
        return
    start = s.scalar(text("SELECT coalesce(max(id), 0) FROM dossier"))
    s.execute(
        text("UPDATE search_index_state SET deferred_above = :start WHERE id = 1"),
        {"start": start},
    )
    yield
    s.execute(
        text(
            f"INSERT INTO dossier_search(rowid, {COLUMNS}) "
            f"SELECT id, {COLUMNS} FROM dossier WHERE id > :start"
        ),
        {"start": start},
    )
    s.execute(text("UPDATE search_index_state SET deferred_above = NULL WHERE id = 1"))


def automerge(s: Session | Connection) -> int:
    sql = "SELECT v FROM dossier_search_config WHERE k = 'automerge'"
    value = s.scalar(text(sql))
    return AUTOMERGE if value is None else int(value)


def _set_automerge(s: Session | Connection, n: int) -> None:
    sql = "INSERT INTO dossier_search(dossier_search, rank) VALUES ('automerge', :n)"
    s.execute(text(sql), {"n": n})


def hold_merges(s: Session | Connection) -> None:
    """Stop merging; recorded in the index itself, so it outlives a program that dies."""
    _set_automerge(s, 0)


def merge_all(s: Session | Connection) -> None:
    """Merge every segment into one and let later writes merge as usual again."""
    _set_automerge(s, AUTOMERGE)
    s.execute(text("INSERT INTO dossier_search(dossier_search) VALUES ('optimize')"))


def merges_held(s: Session | Connection) -> bool:
    return automerge(s) == 0
