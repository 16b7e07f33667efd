"""What ``wardapp verify`` asks of a PostgreSQL database: its B-tree indexes against their
tables (``amcheck``, when the server has it installed in the database), the search index's
presence, and the triggers that keep the histories append-only (migrations 0014 and 0019)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from db.backends.postgresql.search import exists
from db.backends.postgresql.tally import TRIGGERS as TALLY_TRIGGERS

GUARD_TRIGGERS = (
    "dossier_event_no_update",
    "dossier_event_no_delete",
    "admin_event_no_update",
    "admin_event_no_delete",
    *TALLY_TRIGGERS,  # the register's counts by status (migration 0022)
)


def integrity(conn: Connection) -> str:
    """'ok', or amcheck's first complaint; without amcheck the server's own checksums and
    WAL are all there is to ask, and they answer at read time."""
    if not conn.scalar(text("SELECT count(*) FROM pg_extension WHERE extname = 'amcheck'")):
        return "ok"
    sql = (
        "SELECT c.oid::regclass::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE a.amname = 'btree' AND n.nspname = current_schema()"
    )
    for name in conn.execute(text(sql)).scalars():
        try:
            with conn.begin_nested():
                conn.execute(text("SELECT bt_index_check(CAST(:n AS regclass))"), {"n": name})
        except DBAPIError as exc:
            return str(exc.orig or exc).splitlines()[0]
    return "ok"


def search_index_integrity(conn: Connection) -> str:
    """The trigram index is an ordinary index of the table, kept by the server in the same
    transaction as the row: nothing can put it out of step short of a damaged disk."""
    return "ok" if exists(conn) else "absent"


def missing_triggers(conn: Connection) -> list[str]:
    sql = (
        "SELECT tgname FROM pg_trigger WHERE tgrelid IN "
        "(CAST('dossier_event' AS regclass), CAST('admin_event' AS regclass), "
        "CAST('dossier' AS regclass)) "
        "AND NOT tgisinternal AND tgenabled <> 'D'"
    )
    have = set(conn.execute(text(sql)).scalars())
    return [t for t in GUARD_TRIGGERS if t not in have]
