"""PostgreSQL: the register's newest dossiers with the four searched columns, in one index.

A search for a common word ("079", a phone prefix in a quarter of all dossiers) fills the
register's first page from the newest few thousand dossiers, but the trigram index has to read
every posting of its trigrams first (2.4 million on a province of ten million) and the table's
rows are not in date order (a province imports 200 communes at once).  Walking this index
backwards reads the newest dossiers in display order with the searched text beside them, so
the match is tested without touching the table (an index-only scan: 45,000 entries in 9 ms).
See ``db/backends/postgresql/search.py`` for when it is walked and when the trigram index is.
SQLite's register has FTS5 and its own plan (``wardapp/dossiers/search.py``): nothing to do.

Revision ID: 0023
Revises: 0022
Create Date: 2026-11-30 04:40:00
"""

from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def _server() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    if not _server():
        return
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_dossier_received_search ON dossier (received_at, id)"
        " INCLUDE (code, applicant_name_folded, applicant_id, phone)"
    )


def downgrade() -> None:
    if not _server():
        return
    op.execute("DROP INDEX IF EXISTS ix_dossier_received_search")
