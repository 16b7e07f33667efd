"""The file-level checks ``wardapp verify`` runs on a SQLite database: the engine's own
``integrity_check``, the FTS5 search index's ``integrity-check`` against the dossier table it
indexes, and the presence of the triggers that guard the history and keep the index in step
(a trigger dropped in the file would let an edit of the history pass silently)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DatabaseError

# dossier_event_no_*: the history is append-only; dossier_search_*: the search index follows
# every insert, delete and searched-column update of a dossier.
GUARD_TRIGGERS = (
    "dossier_event_no_update",
    "dossier_event_no_delete",
    "admin_event_no_update",
    "admin_event_no_delete",
)
SEARCH_TRIGGERS = ("dossier_search_ai", "dossier_search_ad", "dossier_search_au")


def integrity(conn: Connection) -> str:
    """'ok' or SQLite's first complaint."""
    return conn.execute(text("PRAGMA integrity_check")).scalar()


def _has_search_index(conn: Connection) -> bool:
    return bool(
        conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'dossier_search'")
        ).first()
    )


def search_index_integrity(conn: Connection) -> str:
    """'ok', 'absent' (an SQLite without FTS5), or why the index and the dossiers disagree."""
    if not _has_search_index(conn):
        return "absent"
    try:  # rank 1: compare with the content table (dossier) as well as with itself
        conn.execute(
            text("INSERT INTO dossier_search(dossier_search, rank) VALUES ('integrity-check', 1)")
        )
    except DatabaseError as exc:
        return str(exc.orig if exc.orig is not None else exc).splitlines()[0]
    return "ok"


def missing_triggers(conn: Connection) -> list[str]:
    wanted = GUARD_TRIGGERS + (SEARCH_TRIGGERS if _has_search_index(conn) else ())
    have = {
        name
        for (name,) in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
    }
    return [t for t in wanted if t not in have]
