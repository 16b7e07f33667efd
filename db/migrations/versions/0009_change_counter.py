"""Change counter: every record an export carries gets the number of the write transaction that
last changed it (``db.changes``); the export logs record the numbers each package carried; the
counter table gains ``change`` and the restore generation ``restores``.

Existing rows are numbered in the order they last changed: dossiers by ``updated_at`` (then
id), 1..N; events and apologies take their dossier's number (they went out with it);
procedures and commitments the newest number.  An export already made gets the numbers it would
have carried (dossiers changed before its start), so the first export after the upgrade sends
what the clock rule would have sent.

The database catches a writer that forgets the number: a dossier inserted with 0 or updated
without a new number takes a fresh one; an event or apology inserted with 0 is refused.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-15 10:00:00
"""

import sqlalchemy as sa
from alembic import op

from db.backend import backend_for

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

STAMPED = ("procedure", "dossier", "dossier_event", "apology", "commitment")
INDEXED = ("dossier", "dossier_event", "apology")
NEXT = (
    "UPDATE counter SET value = value + 1 WHERE key = 'change'; "
    "UPDATE dossier SET change_no = (SELECT value FROM counter WHERE key = 'change') "
    "WHERE id = new.id;"
)


def upgrade() -> None:
    for table in STAMPED:  # ALTER TABLE ADD COLUMN: no copy of a million-row table
        op.add_column(
            table, sa.Column("change_no", sa.Integer(), nullable=False, server_default="0")
        )
    for table in ("export_log", "import_log"):
        op.add_column(table, sa.Column("change_from", sa.Integer(), nullable=True))
        op.add_column(table, sa.Column("change_to", sa.Integer(), nullable=True))

    early = backend_for(op.get_bind()).early_ddl  # SQLite's DDL; others get 0014's triggers
    if early:
        op.execute("DROP TRIGGER IF EXISTS dossier_event_no_update")  # the backfill updates events
        op.execute(
            "CREATE TEMP TABLE _change_order AS SELECT id, "
            "row_number() OVER (ORDER BY updated_at, id) AS n FROM dossier"
        )
        op.execute("CREATE UNIQUE INDEX temp._change_order_id ON _change_order(id)")
        op.execute(
            "UPDATE dossier SET change_no = (SELECT n FROM _change_order o WHERE o.id = dossier.id)"
        )
        op.execute("DROP TABLE _change_order")
    else:
        op.execute(
            "UPDATE dossier SET change_no = o.n FROM (SELECT id, "
            "row_number() OVER (ORDER BY updated_at, id) AS n FROM dossier) AS o "
            "WHERE o.id = dossier.id"
        )
    for table in ("dossier_event", "apology"):
        op.execute(
            f"UPDATE {table} SET change_no = "
            f"(SELECT change_no FROM dossier d WHERE d.id = {table}.dossier_id)"
        )
    if early:
        op.execute(
            "CREATE TRIGGER dossier_event_no_update BEFORE UPDATE ON dossier_event "
            "BEGIN SELECT RAISE(ABORT, 'dossier_event is append-only'); END"
        )
    top = "(SELECT coalesce(max(change_no), 0) FROM dossier)"
    for table in ("procedure", "commitment"):
        op.execute(f"UPDATE {table} SET change_no = {top}")
    op.execute("DELETE FROM counter WHERE key IN ('change', 'restores')")
    op.execute(f"INSERT INTO counter (key, value) SELECT 'change', {top}")
    op.execute("INSERT INTO counter (key, value) VALUES ('restores', 0)")
    before = "(SELECT coalesce(max(change_no), 0) FROM dossier WHERE updated_at < {})"
    op.execute(
        "UPDATE export_log SET "
        f"change_to = {before.format('export_log.created_at')}, "
        f"change_from = CASE WHEN since IS NULL THEN 0 ELSE {before.format('export_log.since')} "
        "END WHERE kind = 'ward-data'"
    )

    for table in INDEXED:
        op.create_index(f"ix_{table}_change_no", table, ["change_no"])
    if not early:
        return
    op.execute(
        "CREATE TRIGGER dossier_change_insert AFTER INSERT ON dossier "
        f"WHEN new.change_no = 0 BEGIN {NEXT} END"
    )
    op.execute(
        "CREATE TRIGGER dossier_change_update AFTER UPDATE ON dossier "
        f"WHEN new.change_no = old.change_no BEGIN {NEXT} END"
    )
    for table in ("dossier_event", "apology"):
        op.execute(
            f"CREATE TRIGGER {table}_change_insert BEFORE INSERT ON {table} "
            f"WHEN new.change_no = 0 BEGIN SELECT RAISE(ABORT, "
            f"'{table}: change_no not stamped (db.changes.take)'); END"
        )


def downgrade() -> None:
    if backend_for(op.get_bind()).early_ddl:
        for name in ("dossier_change_insert", "dossier_change_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        for table in ("dossier_event", "apology"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_change_insert")
    for table in INDEXED:
        op.drop_index(f"ix_{table}_change_no", table_name=table)
    op.execute("DELETE FROM counter WHERE key IN ('change', 'restores')")
    # ALTER TABLE … DROP COLUMN: no copy of the tables (a copy would break their references)
    for table, column in [(t, "change_no") for t in STAMPED] + [
        (t, c) for t in ("export_log", "import_log") for c in ("change_from", "change_to")
    ]:
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
