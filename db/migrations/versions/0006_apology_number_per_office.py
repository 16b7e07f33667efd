"""Apology letter numbers are unique per office and year, not per year.

Each ward numbers its letters from 1 every year (its counter was already per office), so a
city database holding several wards' letters needs the office in the key: the old unique
(year, number) refused the second ward's letter no. 1.  ``office_id`` is copied from the
letter's dossier.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 08:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("apology", schema=None) as batch_op:
        batch_op.add_column(sa.Column("office_id", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE apology SET office_id = "
        "(SELECT dossier.office_id FROM dossier WHERE dossier.id = apology.dossier_id)"
    )
    with op.batch_alter_table("apology", schema=None, recreate="always") as batch_op:
        batch_op.alter_column("office_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key("fk_apology_office_id", "office", ["office_id"], ["id"])
        batch_op.drop_constraint("uq_apology_number", type_="unique")
        batch_op.create_unique_constraint("uq_apology_number", ["office_id", "year", "number"])


def downgrade() -> None:
    with op.batch_alter_table("apology", schema=None, recreate="always") as batch_op:
        batch_op.drop_constraint("uq_apology_number", type_="unique")
        batch_op.create_unique_constraint("uq_apology_number", ["year", "number"])
        batch_op.drop_constraint("fk_apology_office_id", type_="foreignkey")
        batch_op.drop_column("office_id")
