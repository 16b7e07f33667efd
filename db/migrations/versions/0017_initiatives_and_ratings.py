"""Reform initiatives with their evidence files, and the citizen's satisfaction rating.

The rating sits on the dossier (one rating per dossier, given at return) so the report counts
it in the same index pass as the returns; ``""`` is "not asked" (skipped, or returned before
the question existed), which keeps every existing dossier out of the rate's denominator.

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-29 22:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


_RESOLVED = ["procedure_id", "resolved_at", "outcome", "apology_count", "returned_at"]


def upgrade() -> None:
    op.create_table(
        "initiative",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("office_id", sa.Integer, sa.ForeignKey("office.id"), nullable=False),
        sa.Column("title", sa.String(400), nullable=False),
        sa.Column("authors", sa.String(400), nullable=False),
        sa.Column("field", sa.String(200), nullable=False),
        sa.Column("proposed_on", sa.Date, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("decision_no", sa.String(60), nullable=False),
        sa.Column("decision_on", sa.Date, nullable=True),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_initiative_proposed_on", "initiative", ["proposed_on"])
    op.create_table(
        "initiative_file",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("initiative_id", sa.Integer, sa.ForeignKey("initiative.id"), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("attached_at", sa.DateTime, nullable=False),
        sa.Column("attached_by", sa.String(120), nullable=False),
    )
    op.create_index("ix_initiative_file_initiative_id", "initiative_file", ["initiative_id"])
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("rating", sa.String(length=16), nullable=False, server_default="")
        )
    # The period report reads the ratings of the dossiers resolved in the period from the same
    # covering index as their outcomes and returns.
    op.drop_index("ix_dossier_proc_resolved", "dossier")
    op.create_index("ix_dossier_proc_resolved", "dossier", [*_RESOLVED, "rating"])


def downgrade() -> None:
    # In place (SQLite 3.35+): a batch copy of the dossier table trips the foreign keys of its
    # events and apologies.
    op.drop_index("ix_dossier_proc_resolved", "dossier")
    op.create_index("ix_dossier_proc_resolved", "dossier", _RESOLVED)
    op.execute("ALTER TABLE dossier DROP COLUMN rating")
    op.drop_index("ix_initiative_file_initiative_id", "initiative_file")
    op.drop_table("initiative_file")
    op.drop_index("ix_initiative_proposed_on", "initiative")
    op.drop_table("initiative")
