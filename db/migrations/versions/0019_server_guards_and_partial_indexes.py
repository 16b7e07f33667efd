"""PostgreSQL's own objects for issue 20, nothing on SQLite (its schema stays as it was):

* the administration chain (``admin_event``, revision 0015) is append-only on the server too:
  0015 gave it SQLite triggers only, so on a server an UPDATE or DELETE of an event went
  through and only ``wardapp verify`` would notice;  a desk role that was granted UPDATE or
  DELETE on it (the default privileges of ``server init``) loses them;
* partial indexes for what Biểu 06, the dashboard and the ranking filter on: a quarter's
  resolved dossiers, its late ones, the open ones by due date, the resolved but not returned.
  Each holds only the rows its question reads, so on a province's ten million dossiers a
  quarter's report reads a few thousand index entries per ward instead of a range of the
  procedure-leading covering indexes (which SQLite needs, PostgreSQL less so).

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-30 01:40:00
"""

from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

# name → (columns, INCLUDE columns, WHERE): read by tests/test_pg_indexes.py's EXPLAIN checks
PARTIAL = {
    "ix_dossier_resolved_pg": (
        "resolved_at",
        "procedure_id, office_id, outcome, apology_count, returned_at, rating",
        "resolved_at IS NOT NULL",
    ),
    "ix_dossier_late_pg": ("resolved_at", "office_id, apology_count", "outcome = 'late'"),
    "ix_dossier_open_due_pg": (
        "due_at",
        "office_id, apology_count, status_at",
        "finished_at IS NULL",
    ),
    "ix_dossier_unreturned_pg": ("resolved_at", "office_id", "status = 'resolved'"),
}


def _server() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    if not _server():
        return
    op.execute(
        "CREATE FUNCTION admin_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION 'admin_event is append-only'; END $$"
    )
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER admin_event_no_{verb.lower()} BEFORE {verb} ON admin_event "
            "FOR EACH ROW EXECUTE FUNCTION admin_event_append_only()"
        )
    op.execute(
        "CREATE TRIGGER admin_event_no_truncate BEFORE TRUNCATE ON admin_event "
        "FOR EACH STATEMENT EXECUTE FUNCTION admin_event_append_only()"
    )
    # every role but the owner (the administrator's, which runs the migrations) keeps only
    # INSERT and SELECT, as grant_desk now grants
    op.execute(
        "DO $$ DECLARE r text; BEGIN "
        "FOR r IN SELECT DISTINCT grantee FROM information_schema.role_table_grants "
        "WHERE table_schema = current_schema() AND table_name = 'admin_event' "
        "AND privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE') "
        "AND grantee <> (SELECT tableowner FROM pg_tables "
        "WHERE schemaname = current_schema() AND tablename = 'admin_event') LOOP "
        "EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON admin_event FROM %I', r); "
        "END LOOP; END $$"
    )
    for name, (columns, include, where) in PARTIAL.items():
        op.execute(f"CREATE INDEX {name} ON dossier ({columns}) INCLUDE ({include}) WHERE {where}")


def downgrade() -> None:
    if not _server():
        return
    for name in PARTIAL:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    for name in ("no_update", "no_delete", "no_truncate"):
        op.execute(f"DROP TRIGGER IF EXISTS admin_event_{name} ON admin_event")
    op.execute("DROP FUNCTION IF EXISTS admin_event_append_only()")
