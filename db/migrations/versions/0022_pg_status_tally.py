"""PostgreSQL: how many dossiers each status holds, kept by the writes (``dossier_tally``).

The register's count of the whole register and of its status filters ("Đang giải quyết",
"Đã trả kết quả", "Rút / từ chối") was a ``count(*)``: PostgreSQL counts rows (no count in
the index or the table's header), 120–160 ms a million on two cores even as a parallel
index-only scan, which was most of the first page, of the cold start and of a filter change.
The tally answers the same exact figure from a handful of rows: the triggers change it in the
dossier's own transaction, so a reader sees the count that goes with the rows it sees.

* insert and delete: statement-level, over the transition table (a COPY of a city's week is
  one UPDATE per status, not one per row);
* a status changed: row-level, only when it changed; both rows are locked in status order,
  so two writers moving dossiers in opposite directions cannot deadlock on them;
* a TRUNCATE empties it.

Filled here under a SHARE lock (no write can slip between the count and the triggers).  A
load that bypasses triggers (``session_replication_role = replica``, ``bench/pg_build.py``)
recounts afterwards (``db.backends.postgresql.tally.recount``).  SQLite counts its own
``count(*)`` fast enough (it is left as it was).

Revision ID: 0022
Revises: 0021
Create Date: 2026-11-30 04:40:00
"""

from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

TRIGGERS = ("dossier_tally_insert", "dossier_tally_delete", "dossier_tally_status")


def _server() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    if not _server():
        return
    op.execute("CREATE TABLE dossier_tally (status varchar(24) PRIMARY KEY, n bigint NOT NULL)")
    op.execute(
        "CREATE FUNCTION dossier_tally_rows() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "INSERT INTO dossier_tally AS t (status, n) "
        "SELECT status, CASE WHEN TG_OP = 'DELETE' THEN -count(*) ELSE count(*) END "
        "FROM tally_rows GROUP BY status ORDER BY status "
        "ON CONFLICT (status) DO UPDATE SET n = t.n + excluded.n; RETURN NULL; END $$"
    )
    op.execute(
        "CREATE FUNCTION dossier_tally_move() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "INSERT INTO dossier_tally AS t (status, n) "
        "SELECT s, d FROM (VALUES (OLD.status, -1), (NEW.status, 1)) AS v (s, d) ORDER BY s "
        "ON CONFLICT (status) DO UPDATE SET n = t.n + excluded.n; RETURN NULL; END $$"
    )
    op.execute(
        "CREATE FUNCTION dossier_tally_clear() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "DELETE FROM dossier_tally; RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER dossier_tally_insert AFTER INSERT ON dossier "
        "REFERENCING NEW TABLE AS tally_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION dossier_tally_rows()"
    )
    op.execute(
        "CREATE TRIGGER dossier_tally_delete AFTER DELETE ON dossier "
        "REFERENCING OLD TABLE AS tally_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION dossier_tally_rows()"
    )
    op.execute(
        "CREATE TRIGGER dossier_tally_status AFTER UPDATE OF status ON dossier FOR EACH ROW "
        "WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION dossier_tally_move()"
    )
    op.execute(
        "CREATE TRIGGER dossier_tally_truncate AFTER TRUNCATE ON dossier "
        "FOR EACH STATEMENT EXECUTE FUNCTION dossier_tally_clear()"
    )
    op.execute("LOCK TABLE dossier IN SHARE MODE")
    op.execute("INSERT INTO dossier_tally SELECT status, count(*) FROM dossier GROUP BY status")


def downgrade() -> None:
    if not _server():
        return
    for name in (*TRIGGERS, "dossier_tally_truncate"):
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON dossier")
    op.execute("DROP TABLE IF EXISTS dossier_tally")
    for fn in ("dossier_tally_rows", "dossier_tally_move", "dossier_tally_clear"):
        op.execute(f"DROP FUNCTION IF EXISTS {fn}()")
