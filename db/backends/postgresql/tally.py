"""The register's counts by status from ``dossier_tally`` (migration 0022), not ``count(*)``.

PostgreSQL keeps no row count: counting a million dossiers reads a million index entries
(120–160 ms on two cores), while the tally is a few rows the writes keep exact in their own
transaction.  A count is only ever the tally's when the tally answers exactly the question
asked (every dossier, or the dossiers of some statuses); anything else is counted."""

from __future__ import annotations

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

ALL = text("SELECT coalesce(sum(n), 0) FROM dossier_tally")
SOME = text("SELECT coalesce(sum(n), 0) FROM dossier_tally WHERE status = ANY(:statuses)")
TRIGGERS = ("dossier_tally_insert", "dossier_tally_delete", "dossier_tally_status")


def status_count(s: Session, statuses: tuple[str, ...]) -> int | None:
    """How many dossiers have one of ``statuses`` (every dossier when empty)."""
    if not statuses:
        return int(s.scalar(ALL))
    return int(s.scalar(SOME, {"statuses": list(statuses)}))


def recount(conn: Connection) -> None:
    """The tally counted again from the table, under a lock that keeps writers out meanwhile:
    after a load that bypassed the triggers (``session_replication_role = replica``)."""
    conn.execute(text("LOCK TABLE dossier IN SHARE MODE"))
    conn.execute(text("DELETE FROM dossier_tally"))
    conn.execute(
        text("INSERT INTO dossier_tally SELECT status, count(*) FROM dossier GROUP BY status")
    )
