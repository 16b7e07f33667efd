"""Office keys: the Ed25519 key pair a ward signs its packages with, and at a city the public
key of each registered ward, with the history of replaced keys.

The private key lives in the database rather than in a file beside it: the online backup then
copies it with everything else and a restore brings it back, so a restored ward still signs as
itself; a separate file could be lost, left behind or restored out of step with the data.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-23 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "office_key",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("office_id", sa.Integer, sa.ForeignKey("office.id"), nullable=False),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("private_key", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.String(120), nullable=False, server_default=""),
        sa.Column("retired_at", sa.DateTime, nullable=True),
        sa.Column("retired_by", sa.String(120), nullable=False, server_default=""),
        sa.Column("reason", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_office_key_office_id", "office_key", ["office_id"])


def downgrade() -> None:
    op.drop_index("ix_office_key_office_id", "office_key")
    op.drop_table("office_key")
