"""How a letter addresses the applicant when the personal ID cannot tell.

The 12-digit ID's fourth digit gives the sex, so "Ông" or "Bà" needs no question; without an ID
(old 9-digit CMND, none given, a company) the clerk chooses at intake: ``ong``, ``ba``,
``none`` (the name alone) or ``org`` (an organisation, addressed by its name).  The empty
default keeps every existing dossier on the ID rule.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 20:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("salutation", sa.String(length=4), nullable=False, server_default="")
        )


def downgrade() -> None:
    # In place (SQLite 3.35+): a batch copy of the dossier table trips the foreign keys of its
    # events and apologies.
    op.execute("ALTER TABLE dossier DROP COLUMN salutation")
