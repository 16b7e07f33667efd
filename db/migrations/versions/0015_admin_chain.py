"""Office administration chain (``db.admin_chain``): table ``admin_event``, append-only like the
dossier history, and a first event for every setting, account, office, calendar day, key and
issued document already in the file, so ``wardapp verify`` has a state to compare each with.
What the file held before this migration is taken as it is (it cannot be checked afterwards).

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-29 23:00:00
"""

import sqlalchemy as sa
from alembic import op

from db.admin_chain import SUBJECTS, _office_now, append, state_of, subject_of

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

TRIGGERS = ("UPDATE", "DELETE")
BATCH = 2000


class _Row:
    def __init__(self, mapping):
        self.__dict__.update(mapping)


def upgrade() -> None:
    op.create_table(
        "admin_event",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("no", sa.Integer, nullable=False, unique=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.String(120), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("subject", sa.String(120), nullable=False),
        sa.Column("state", sa.Text, nullable=True),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_admin_event_subject", "admin_event", ["kind", "subject", "no"])
    conn = op.get_bind()
    at = _office_now()
    for kind, (table, key, cols) in SUBJECTS.items():
        order = "id" if key == "id" else key
        sql = sa.text(
            f"SELECT {', '.join(dict.fromkeys((key, *cols)))} FROM {table} ORDER BY {order}"
        )
        batch = []
        for m in conn.execute(sql).mappings():
            row = _Row(m)
            batch.append((kind, subject_of(kind, row), state_of(kind, row)))
            if len(batch) >= BATCH:
                append(conn, batch, at, "migration 0015")
                batch = []
        append(conn, batch, at, "migration 0015")
    if conn.dialect.name != "sqlite":  # a server database guards its tables its own way
        return
    for verb in TRIGGERS:
        op.execute(
            f"CREATE TRIGGER admin_event_no_{verb.lower()} BEFORE {verb} ON admin_event "
            "BEGIN SELECT RAISE(ABORT, 'admin_event is append-only'); END"
        )


def downgrade() -> None:
    for verb in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS admin_event_no_{verb.lower()}")
    op.drop_index("ix_admin_event_subject", "admin_event")
    op.drop_table("admin_event")
