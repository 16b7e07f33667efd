"""Writing many dossiers at once without indexing them for search one by one, and holding the
index's upkeep through a write made of many transactions.

How the index is kept, and why this pays, is the backend's (``db.backends.sqlite.search``);
this module is the order of the steps, the same for every backend.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, contextmanager

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from db.backend import backend_for


def exists(s: Session | Connection) -> bool:
    """False on a SQLite without FTS5 trigram: the register then searches with LIKE."""
    return backend_for(s).search_available(s)


@contextmanager
def deferred(s: Session):
    """Inside one transaction: dossiers inserted in the block are indexed when it ends.

    Rows with an id above the largest one at the start are left to the end (the writer must
    give new dossiers higher ids: every writer does, ids only grow); edits of older rows are
    indexed as they happen.  If the block raises, nothing is indexed and the caller's rollback
    clears the mark."""
    with backend_for(s).search_deferred(s):
        yield


def merge_all(s: Session | Connection) -> None:
    """Bring the index to its fastest form for reading and let later writes keep it as usual."""
    if exists(s):
        backend_for(s).search_merge_all(s)


@contextmanager
def merges_held(write: Callable[[], AbstractContextManager[Session]]):
    """Across the caller's many transactions (``write`` opens one): no merging while they
    write, one merge when they end, even if they fail.  If the program dies in between, the
    pause stays recorded in the index (``needs_healing``) and the next opening of the database
    does the merge (``db.engine``)."""
    with write() as s:
        indexed = exists(s)
        if indexed:
            backend_for(s).search_hold_merges(s)
    if not indexed:
        yield
        return
    try:
        yield
    finally:
        with write() as s:
            merge_all(s)


def needs_healing(s: Session | Connection) -> bool:
    return exists(s) and backend_for(s).search_merges_held(s)
