"""Staff accounts (password hash, lock-out) and the hash chain over dossier events.

Existing events are chained in the order they were recorded (their id), per office, so a
database from before this revision is verifiable from its first event.  The append-only
triggers are dropped for the rebuild and installed again.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 09:10:00
"""

import sqlalchemy as sa
from alembic import op

from db.backend import backend_for
from db.chain_hash import FIELDS, GENESIS, row_hash

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TRIGGERS = ("UPDATE", "DELETE")


def _early_ddl() -> bool:
    """These triggers are SQLite's; another engine gets its own in a later revision (0014)."""
    return backend_for(op.get_bind()).early_ddl


def _drop_triggers() -> None:
    if not _early_ddl():
        return
    for verb in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS dossier_event_no_{verb.lower()}")


def _create_triggers() -> None:
    if not _early_ddl():
        return
    for verb in TRIGGERS:
        op.execute(
            f"CREATE TRIGGER dossier_event_no_{verb.lower()} BEFORE {verb} ON dossier_event "
            "BEGIN SELECT RAISE(ABORT, 'dossier_event is append-only'); END"
        )


def upgrade() -> None:
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.add_column(sa.Column("password_hash", sa.String(length=200), nullable=True))
        batch_op.add_column(
            sa.Column("failed_logins", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(), nullable=True))

    _drop_triggers()
    op.add_column("dossier_event", sa.Column("office_id", sa.Integer(), nullable=True))
    op.add_column("dossier_event", sa.Column("chain_no", sa.Integer(), nullable=True))
    op.add_column("dossier_event", sa.Column("prev_hash", sa.String(length=64), nullable=True))
    op.add_column("dossier_event", sa.Column("hash", sa.String(length=64), nullable=True))
    op.add_column(
        "dossier_event",
        sa.Column("backdated", sa.Boolean(), server_default="0", nullable=False),
    )

    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT e.id, d.office_id, d.uuid AS dossier_uuid, "
            + ", ".join(f"e.{k}" for k in FIELDS)
            + " FROM dossier_event e JOIN dossier d ON d.id = e.dossier_id "
            "ORDER BY d.office_id, e.id"
        )
    ).mappings()
    heads: dict[int, tuple[int, str]] = {}
    updates = []
    for r in rows:
        no, prev = heads.get(r["office_id"], (0, GENESIS))
        no += 1
        h = row_hash(prev, no, r["dossier_uuid"], r)
        heads[r["office_id"]] = (no, h)
        updates.append({"id": r["id"], "o": r["office_id"], "n": no, "p": prev, "h": h})
    if updates:
        conn.execute(
            sa.text(
                "UPDATE dossier_event SET office_id = :o, chain_no = :n, prev_hash = :p, "
                "hash = :h WHERE id = :id"
            ),
            updates,
        )

    with op.batch_alter_table("dossier_event", schema=None) as batch_op:
        batch_op.alter_column("office_id", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("chain_no", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column("hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_foreign_key(
            "fk_dossier_event_office_id_office", "office", ["office_id"], ["id"]
        )
        batch_op.create_unique_constraint("uq_event_chain", ["office_id", "chain_no"])
    op.create_index(
        "ix_event_backdated", "dossier_event", ["at"], sqlite_where=sa.text("backdated = 1")
    )
    _create_triggers()


def downgrade() -> None:
    _drop_triggers()
    op.drop_index("ix_event_backdated", table_name="dossier_event")
    with op.batch_alter_table("dossier_event", schema=None) as batch_op:
        batch_op.drop_column("backdated")
        batch_op.drop_constraint("uq_event_chain", type_="unique")
        batch_op.drop_constraint("fk_dossier_event_office_id_office", type_="foreignkey")
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
        batch_op.drop_column("chain_no")
        batch_op.drop_column("office_id")
    _create_triggers()
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_column("locked_until")
        batch_op.drop_column("failed_logins")
        batch_op.drop_column("password_hash")
