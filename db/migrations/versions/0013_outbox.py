"""Outbox: apology letters queued for the online applicant by e-mail (with the PDF) or SMS, in
the transaction that issues them, and a log of every attempt to send each.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29 23:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox_message",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("dossier_id", sa.Integer, sa.ForeignKey("dossier.id"), nullable=False),
        sa.Column("apology_id", sa.Integer, sa.ForeignKey("apology.id"), nullable=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("issued_document.id"), nullable=True),
        sa.Column("recipient", sa.String(200), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("sent_at", sa.DateTime, nullable=True),
        sa.Column("last_error", sa.Text, nullable=False),
    )
    op.create_index("ix_outbox_status", "outbox_message", ["status", "id"])
    op.create_index("ix_outbox_message_dossier_id", "outbox_message", ["dossier_id"])
    op.create_table(
        "outbox_attempt",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("message_id", sa.Integer, sa.ForeignKey("outbox_message.id"), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("ok", sa.Boolean, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_outbox_attempt_message_id", "outbox_attempt", ["message_id"])


def downgrade() -> None:
    op.drop_table("outbox_attempt")
    op.drop_table("outbox_message")
