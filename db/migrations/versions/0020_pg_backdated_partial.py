"""PostgreSQL: the backdated-events index made partial, as SQLite's always was.

Migration 0004 declared ``ix_event_backdated`` on ``at`` for backdated events only
(``sqlite_where``); PostgreSQL was given every event's ``at``.  Biểu 06's count of the
period's backdated events then read the whole quarter's range of the index and every event's
row to test the flag: 2.5M events, 1.5 s, for a province's quarter (10M dossiers, 30M events);
from the partial index it reads only the few backdated ones.  (Kept apart from the other
PostgreSQL partial indexes: the lead renumbers.)

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-30 02:15:00
"""

from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def _server() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    if not _server():
        return
    op.execute("DROP INDEX IF EXISTS ix_event_backdated")
    op.execute("CREATE INDEX ix_event_backdated ON dossier_event (at) WHERE backdated")


def downgrade() -> None:
    if not _server():
        return
    op.execute("DROP INDEX IF EXISTS ix_event_backdated")
    op.execute("CREATE INDEX ix_event_backdated ON dossier_event (at)")
