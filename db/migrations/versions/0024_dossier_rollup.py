"""A consolidating database's half-month sums of Biểu 06's range counts (``db.rollup``).

A province's quarter took 4.7 s and its year's ranking 5 s over ten million dossiers, where
issue 20 asks 0.5 s and 2 s; one grouped pass over a year's resolved rows alone costs 2 s.  The
sums per (office, procedure, half month) answer a period's whole half months instead.  The
offices kept are listed in ``rollup_office``: in a city's or a province's database (an office of
kind ``city``), every commune, whose sums are computed here from the rows already imported; a
ward's own database keeps none.  The three office-led indexes let the import recompute one
office's half month without reading every office's rows of it.

Revision ID: 0024
Revises: 0023
Create Date: 2026-11-30 04:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

_COUNTS = (
    *(f"received_{n}" for n in ("n", "online", "full_online", "with_fee", "paid_online")),
    *(
        f"resolved_{n}"
        for n in ("n", "early", "late", "apologised", "returned", "asked", "satisfied", "neutral")
    ),
    "closed_n",
    "closed_withdrawn",
)
_INDEXES = (
    ("ix_dossier_office_received", "received_at"),
    ("ix_dossier_office_resolved", "resolved_at"),
    ("ix_dossier_office_closed", "closed_at"),
)


def upgrade() -> None:
    op.create_table(
        "rollup_office",
        sa.Column("office_id", sa.Integer(), sa.ForeignKey("office.id"), primary_key=True),
    )
    op.create_table(
        "dossier_rollup",
        sa.Column("office_id", sa.Integer(), sa.ForeignKey("office.id"), primary_key=True),
        sa.Column("bucket", sa.Date(), primary_key=True),
        sa.Column("procedure_id", sa.Integer(), sa.ForeignKey("procedure.id"), primary_key=True),
        *(sa.Column(c, sa.Integer(), nullable=False, server_default="0") for c in _COUNTS),
    )
    op.create_index("ix_dossier_rollup_bucket", "dossier_rollup", ["bucket", "office_id"])
    for name, column in _INDEXES:
        op.create_index(name, "dossier", ["office_id", column])
    conn = op.get_bind()
    if conn.execute(sa.text("SELECT 1 FROM office WHERE kind = 'city'")).first() is None:
        return
    from sqlalchemy.orm import Session

    from db import rollup

    with Session(bind=conn) as s:  # the migration's own transaction: rows and sums together
        rollup.rebuild(s, adopt_wards=True)
        s.flush()


def downgrade() -> None:
    for name, _column in _INDEXES:
        op.drop_index(name, table_name="dossier")
    op.drop_index("ix_dossier_rollup_bucket", table_name="dossier_rollup")
    op.drop_table("dossier_rollup")
    op.drop_table("rollup_office")
