"""Amended commitments: a year may hold a signed commitment and the amendments that supersede it.

A commitment signed before the program measured an indicator holds no target for it.  Adding
the target to that row would rewrite what the chairman signed; an amendment is a commitment of
its own for the same year (``amendment`` 1, 2, … over the original's 0), signed on its own day
and archived as its own document, and the highest one is the year's commitment.  The original
stays as it was signed.

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-30 01:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


TARGET_COLUMNS = ("id", "commitment_id", "indicator", "comparator", "threshold", "unit", "label")


def _rebuild(alter) -> None:
    """SQLite changes the constraint by rebuilding the table, and dropping the old copy under
    enforced foreign keys would orphan the targets (a violation the new copy, renamed into
    place, does not undo): the targets are set aside for the rebuild and put back, same ids.
    A server alters the constraint in place."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        alter()
        return
    cols = ", ".join(TARGET_COLUMNS)
    rows = [
        dict(r) for r in bind.execute(sa.text(f"SELECT {cols} FROM commitment_target")).mappings()
    ]
    bind.execute(sa.text("DELETE FROM commitment_target"))
    alter()
    if rows:
        values = ", ".join(f":{c}" for c in TARGET_COLUMNS)
        bind.execute(sa.text(f"INSERT INTO commitment_target ({cols}) VALUES ({values})"), rows)


def _upgrade() -> None:
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("amendment", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.drop_constraint("uq_commitment_year", type_="unique")
        batch_op.create_unique_constraint("uq_commitment", ["office_id", "year", "amendment"])


def _downgrade() -> None:
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.drop_constraint("uq_commitment", type_="unique")
        batch_op.create_unique_constraint("uq_commitment_year", ["office_id", "year"])
        batch_op.drop_column("amendment")


def upgrade() -> None:
    _rebuild(_upgrade)


def downgrade() -> None:
    _rebuild(_downgrade)
