"""The desk's own key for an intake, so a save retried after a lost COMMIT finds its dossier.

On a server a desk can lose the connection after the server committed an intake but before the
desk heard so; the desk cannot tell whether the dossier exists, and saving again would register
the citizen twice under two codes.  The desk makes a uuid when the form opens and sends it with
the save; the service returns the dossier already holding it instead of inserting another.
Nullable: dossiers taken in before this revision, by the CLI or by an import have none, and a
unique index (not a constraint, which SQLite cannot add to an existing table) keeps NULLs apart
on both engines.

Revision ID: 0021
Revises: 0020
Create Date: 2026-11-30 01:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.add_column(sa.Column("intake_key", sa.String(length=36), nullable=True))
    op.create_index("ix_dossier_intake_key", "dossier", ["intake_key"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_dossier_intake_key", table_name="dossier")
    # In place (SQLite 3.35+): a batch copy of the dossier table trips the foreign keys of its
    # events and apologies.
    op.execute("ALTER TABLE dossier DROP COLUMN intake_key")
