"""Writing many dossiers at once without indexing them for search one by one.

The trigram index (migrations 0005, 0008) is kept by triggers; row by row it costs a city
import more than the dossiers themselves.  ``deferred`` switches the insert trigger off inside
the caller's transaction and indexes the new rows in one statement before it ends.

An FTS5 index is a stack of segments, each a sorted run of what one write added, merged a few
at a time as they pile up.  A search reads every segment and merges them as it goes: on a
million dossiers built in batches (twelve segments) a two-word name took half as long again
as on one segment.  ``merges_held`` lets a large write stack its segments unmerged (half the
indexing time: 11 s against 21 s for a million dossiers in fifty batches) and merges them
into one when it ends (4 s).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, contextmanager

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

COLUMNS = "code, applicant_name_folded, applicant_id, phone"
AUTOMERGE = 4  # FTS5's own default: merge once four segments of a size are stacked


def exists(s: Session | Connection) -> bool:
    """Migration 0005 creates the index unless this SQLite lacks FTS5 trigram (the register
    then searches with LIKE)."""
    sql = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'dossier_search'"
    return bool(s.scalar(text(sql)))


@contextmanager
def deferred(s: Session):
    """Inside one transaction: dossiers inserted in the block are indexed when it ends.

    Rows with an id above the largest one at the start are left to the end (the writer must
    give new dossiers higher ids: every writer does, ids only grow); edits of older rows are
    indexed as they happen.  If the block raises, nothing is indexed and the caller's rollback
    clears the mark."""
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


def _automerge(s: Session | Connection) -> int:
    sql = "SELECT v FROM dossier_search_config WHERE k = 'automerge'"
    value = s.scalar(text(sql))
    return AUTOMERGE if value is None else int(value)


def _set_automerge(s: Session | Connection, n: int) -> None:
    sql = "INSERT INTO dossier_search(dossier_search, rank) VALUES ('automerge', :n)"
    s.execute(text(sql), {"n": n})


def merge_all(s: Session | Connection) -> None:
    """Merge every segment into one and let later writes merge as usual again."""
    if not exists(s):
        return
    _set_automerge(s, AUTOMERGE)
    s.execute(text("INSERT INTO dossier_search(dossier_search) VALUES ('optimize')"))


@contextmanager
def merges_held(write: Callable[[], AbstractContextManager[Session]]):
    """Across the caller's many transactions (``write`` opens one): no merging while they
    write, one merge when they end, even if they fail.  If the program dies in between, the
    pause stays recorded in the index (``needs_healing``) and the next opening of the database
    does the merge (``db.engine``)."""
    with write() as s:
        indexed = exists(s)
        if indexed:
            _set_automerge(s, 0)
    if not indexed:
        yield
        return
    try:
        yield
    finally:
        with write() as s:
            merge_all(s)


def needs_healing(s: Session | Connection) -> bool:
    return exists(s) and _automerge(s) == 0
