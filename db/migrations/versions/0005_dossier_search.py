"""Full-text search over the register: an FTS5 trigram index of code, folded name, ID, phone.

A substring search (LIKE '%…%') reads every dossier: ~0.5 s on a million.  The trigram index
answers the same substring question from three-letter postings.  It is an external-content
table over ``dossier`` kept in step by triggers, so nothing else writes it.  An SQLite built
without FTS5/trigram (older than 3.34) gets no index and the register falls back to LIKE.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 07:20:00
"""

import sqlalchemy as sa
from alembic import op

from db.backend import backend_for

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

COLUMNS = "code, applicant_name_folded, applicant_id, phone"
NEW = "new.id, new.code, new.applicant_name_folded, new.applicant_id, new.phone"
OLD = "'delete', old.id, old.code, old.applicant_name_folded, old.applicant_id, old.phone"


def upgrade() -> None:
    # status filters of the register shown newest first read this index in order (a status
    # with 30,000 dossiers otherwise costs a 30,000-row sort per page)
    op.create_index("ix_dossier_status_received", "dossier", ["status", "received_at"])
    if not backend_for(op.get_bind()).early_ddl:  # another engine's index comes in 0014
        return
    try:
        op.execute(
            f"CREATE VIRTUAL TABLE dossier_search USING fts5({COLUMNS}, "
            "content='dossier', content_rowid='id', tokenize='trigram')"
        )
    except sa.exc.OperationalError:  # no FTS5 or no trigram tokenizer in this SQLite
        return
    op.execute(
        "CREATE TRIGGER dossier_search_ai AFTER INSERT ON dossier BEGIN "
        f"INSERT INTO dossier_search(rowid, {COLUMNS}) VALUES ({NEW}); END"
    )
    op.execute(
        "CREATE TRIGGER dossier_search_ad AFTER DELETE ON dossier BEGIN "
        f"INSERT INTO dossier_search(dossier_search, rowid, {COLUMNS}) VALUES ({OLD}); END"
    )
    op.execute(
        f"CREATE TRIGGER dossier_search_au AFTER UPDATE OF {COLUMNS} ON dossier BEGIN "
        f"INSERT INTO dossier_search(dossier_search, rowid, {COLUMNS}) VALUES ({OLD}); "
        f"INSERT INTO dossier_search(rowid, {COLUMNS}) VALUES ({NEW}); END"
    )
    op.execute("INSERT INTO dossier_search(dossier_search) VALUES ('rebuild')")


def downgrade() -> None:
    op.drop_index("ix_dossier_status_received", "dossier")
    if not backend_for(op.get_bind()).early_ddl:
        return
    for trigger in ("dossier_search_ai", "dossier_search_ad", "dossier_search_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS dossier_search")
