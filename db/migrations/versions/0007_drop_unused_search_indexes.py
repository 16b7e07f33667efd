"""Drop the indexes on applicant ID and phone.

No query can use them: the register finds IDs and phone numbers through the trigram search
index (0005), and its LIKE fallback is case-insensitive, which SQLite never answers from a
plain index.  Each one still cost every dossier insert a B-tree write with a random key
(about 7% of a city's import time each).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22 08:20:00
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_dossier_applicant_id", table_name="dossier")
    op.drop_index("ix_dossier_phone", table_name="dossier")


def downgrade() -> None:
    op.create_index("ix_dossier_phone", "dossier", ["phone"])
    op.create_index("ix_dossier_applicant_id", "dossier", ["applicant_id"])
