"""What a database file says it is, read without opening it for work: no migration, no change
of journal mode, nothing written.  ``wardapp demo`` and restore ask this of a file that may be
another office's, a city's, or not a wardapp database at all, and must leave it as it was."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from db.backend import ServerDatabase, backend_for, local, locate

# Rows of the ``setting`` table that are not settings a person edits (wardapp.office.settings
# ignores keys it does not know): which database this is, and whether it holds demo data.
DATABASE_ID_KEY = "database_id"
DEMO_KEY = "demo_database"


@dataclass(frozen=True)
class FileIdentity:
    """``office_code`` and ``kind`` are None for a database without an office yet."""

    office_code: str | None
    office_name: str | None
    kind: str | None
    database_id: str | None
    demo: bool


def read_file_identity(path: str | Path | ServerDatabase) -> FileIdentity:
    """Raises ``ValueError`` when the file is not a readable wardapp database."""
    where = locate(path) if isinstance(path, ServerDatabase) or "://" in str(path) else path
    backend = backend_for(where.url) if isinstance(where, ServerDatabase) else local()
    found = backend.peek(where, _read)
    if found is None:
        return FileIdentity(None, None, None, None, False)
    office, marks = found
    code, name, kind = office if office else (None, None, None)
    db_id = marks.get(DATABASE_ID_KEY)
    return FileIdentity(
        code, name, kind, db_id.strip('"') if db_id else None, marks.get(DEMO_KEY) == "true"
    )


def _read(tables: set[str], query):
    if not tables:
        return None
    if not {"office", "setting"} <= tables:
        raise ValueError("không phải cơ sở dữ liệu của wardapp")
    office = query("SELECT agency_code, name, kind FROM office ORDER BY id LIMIT 1")
    marks = dict(
        query("SELECT key, value FROM setting WHERE key IN (?, ?)", (DATABASE_ID_KEY, DEMO_KEY))
    )
    return (office[0] if office else None), marks
