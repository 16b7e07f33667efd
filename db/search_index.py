"""Writing many dossiers at once without indexing them for search one by one.

The trigram index (migrations 0005, 0008) is kept by triggers; row by row it costs a city
import more than the dossiers themselves.  ``deferred`` switches the insert trigger off inside
the caller's transaction and indexes the new rows in one statement before it ends.
"""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.orm import Session

COLUMNS = "code, applicant_name_folded, applicant_id, phone"


def exists(s: Session) -> bool:
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
