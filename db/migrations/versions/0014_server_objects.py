"""PostgreSQL's own objects, the counterparts of what 0004, 0005, 0008 and 0009 made in
SQLite's DDL (a database on SQLite is left exactly as it was):

* the register's search index: ``pg_trgm`` GIN over code, folded name, ID and phone joined by
  a line break (``db.backends.postgresql.search`` queries this very expression);
* the history's guard: no UPDATE, DELETE or TRUNCATE of ``dossier_event``;
* the change counter: a dossier written without a change number takes the next one, an event
  or apology written without one is refused (``db.changes.take`` stamps them).

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-29 23:00:00
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

SEARCHED = (
    "(code || E'\\n' || applicant_name_folded || E'\\n' || coalesce(applicant_id, '') "
    "|| E'\\n' || coalesce(phone, ''))"
)
NEXT_CHANGE = "UPDATE counter SET value = value + 1 WHERE key = 'change' RETURNING value"


def _server() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    if not _server():
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute(
        f"CREATE INDEX ix_dossier_search_trgm ON dossier USING gin ({SEARCHED} gin_trgm_ops)"
    )

    op.execute(
        "CREATE FUNCTION dossier_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION 'dossier_event is append-only'; END $$"
    )
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER dossier_event_no_{verb.lower()} BEFORE {verb} ON dossier_event "
            "FOR EACH ROW EXECUTE FUNCTION dossier_event_append_only()"
        )
    op.execute(
        "CREATE TRIGGER dossier_event_no_truncate BEFORE TRUNCATE ON dossier_event "
        "FOR EACH STATEMENT EXECUTE FUNCTION dossier_event_append_only()"
    )

    op.execute(
        "CREATE FUNCTION dossier_change_stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF (TG_OP = 'INSERT' AND NEW.change_no = 0) "
        "OR (TG_OP = 'UPDATE' AND NEW.change_no = OLD.change_no) THEN "
        f"{NEXT_CHANGE} INTO NEW.change_no; END IF; RETURN NEW; END $$"
    )
    op.execute(
        "CREATE TRIGGER dossier_change_stamp BEFORE INSERT OR UPDATE ON dossier "
        "FOR EACH ROW EXECUTE FUNCTION dossier_change_stamp()"
    )
    op.execute(
        "CREATE FUNCTION change_not_stamped() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF NEW.change_no = 0 THEN RAISE EXCEPTION "
        "'%: change_no not stamped (db.changes.take)', TG_TABLE_NAME; END IF; RETURN NEW; END $$"
    )
    for table in ("dossier_event", "apology"):
        op.execute(
            f"CREATE TRIGGER {table}_change_insert BEFORE INSERT ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION change_not_stamped()"
        )


def downgrade() -> None:
    if not _server():
        return
    for table in ("dossier_event", "apology"):
        op.execute(f"DROP TRIGGER IF EXISTS {table}_change_insert ON {table}")
    op.execute("DROP TRIGGER IF EXISTS dossier_change_stamp ON dossier")
    for name in ("no_update", "no_delete", "no_truncate"):
        op.execute(f"DROP TRIGGER IF EXISTS dossier_event_{name} ON dossier_event")
    for function in ("change_not_stamped", "dossier_change_stamp", "dossier_event_append_only"):
        op.execute(f"DROP FUNCTION IF EXISTS {function}()")
    op.execute("DROP INDEX IF EXISTS ix_dossier_search_trgm")
