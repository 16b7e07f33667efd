"""Step allowances: the working days each agency may hold a forwarded dossier, per procedure,
with their legal basis, so a late dossier can be charged to the agency that held it too long.

The seed rows are written here rather than by ``init`` so an office's existing database gets
them too.  Their figures are not confirmed by a published text (verified = 0): the land office
keeps all of a land procedure's limit but one working day, the ward's intake and return.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29 22:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

LAND = "Văn phòng đăng ký đất đai"
LAND_BASIS = (
    "Luật Đất đai 2024; Nghị định 101/2024/NĐ-CP; chưa xác nhận: sửa theo quy chế phối hợp "
    "liên thông của tỉnh"
)
SEED = [
    ("DD.01", LAND, "van phong dang ky dat dai", 9.0, LAND_BASIS),
    ("DD.02", LAND, "van phong dang ky dat dai", 11.0, LAND_BASIS),
    ("DD.03", LAND, "van phong dang ky dat dai", 9.0, LAND_BASIS),
    ("DD.04", LAND, "van phong dang ky dat dai", 7.0, LAND_BASIS),
    ("DD.05", LAND, "van phong dang ky dat dai", 6.0, LAND_BASIS),
    (
        "",
        "Cơ quan thuế",
        "co quan thue",
        5.0,
        "Chưa xác nhận: thời gian cơ quan thuế xác định nghĩa vụ tài chính theo quy chế phối hợp "
        "của tỉnh",
    ),
]


def upgrade() -> None:
    t = op.create_table(
        "step_allowance",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "office_id",
            sa.Integer,
            sa.ForeignKey("office.id", name="fk_step_allowance_office_id"),
            nullable=True,
        ),
        sa.Column("procedure_code", sa.String(40), nullable=False),
        sa.Column("agency", sa.String(200), nullable=False),
        sa.Column("agency_folded", sa.String(200), nullable=False),
        sa.Column("days", sa.Float, nullable=False),
        sa.Column("legal_basis", sa.String(400), nullable=False),
        sa.Column("verified", sa.Boolean, nullable=False),
        sa.UniqueConstraint(
            "office_id", "procedure_code", "agency_folded", name="uq_step_allowance"
        ),
    )
    op.bulk_insert(
        t,
        [
            {
                "procedure_code": c,
                "agency": a,
                "agency_folded": f,
                "days": n,
                "legal_basis": b,
                "verified": False,
            }
            for c, a, f, n, b in SEED
        ],
    )


def downgrade() -> None:
    op.drop_table("step_allowance")
