"""Fast executemany for large imports.

SQLAlchemy's per-row parameter processing costs more than SQLite's own insert; on SQLite we
bind values in the exact text format SQLAlchemy's ``DateTime``/``Date`` types store and read
back, straight through the DBAPI cursor.  Other databases take the portable Core path.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

CHUNK = 20_000


class DuplicateKey(Exception):
    """A row broke a unique key; the rows before it in the same call stay written, so the
    caller rolls back (a savepoint) rather than carrying on.  ``columns``: the key's columns
    as SQLite names them (``uuid``; ``office_id, year, number``)."""

    def __init__(self, message: str):
        super().__init__(message)
        named = message.split(":", 1)[1] if ":" in message else ""
        self.columns = [c.strip().rsplit(".", 1)[-1] for c in named.split(",") if c.strip()]


_CONVERT = {
    datetime: lambda v: v.isoformat(" ", "microseconds"),  # SQLAlchemy's SQLite DateTime text
    date: date.isoformat,
    bool: int,
}


def sqlite_value(v):
    conv = _CONVERT.get(type(v))
    return v if conv is None else conv(v)


def bulk_insert(session: Session, table: Table, rows: list[dict]) -> None:
    if not rows:
        return
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        for k in range(0, len(rows), CHUNK):
            session.execute(insert(table), rows[k : k + CHUNK])
        return
    cols = list(rows[0])
    sql = (
        f'INSERT INTO "{table.name}" ({", ".join(f"{c}" for c in cols)}) '
        f"VALUES ({', '.join('?' for _ in cols)})"
    )
    _executemany(session, sql, ([sqlite_value(r[c]) for c in cols] for r in rows))


def insert_rows(session: Session, table: str, cols: tuple[str, ...], rows: list[tuple]) -> None:
    """Rows already in stored form (``sqlite_value``), in ``cols`` order: the city import
    prepares them in its reader process, so nothing is converted here."""
    if rows:
        _executemany(
            session,
            f'INSERT INTO "{table}" ({", ".join(cols)}) VALUES ({", ".join("?" for _ in cols)})',
            rows,
        )


def update_rows(
    session: Session, table: str, cols: tuple[str, ...], key: str, rows: list[tuple]
) -> None:
    """Like ``insert_rows``; each row ends with its ``key`` value."""
    if rows:
        sets = ", ".join(f"{c} = ?" for c in cols)
        _executemany(session, f'UPDATE "{table}" SET {sets} WHERE {key} = ?', rows)


def _executemany(session: Session, sql: str, rows) -> None:
    cursor = session.connection().connection.driver_connection.cursor()
    try:
        cursor.executemany(sql, rows)
    except sqlite3.IntegrityError as exc:
        if "UNIQUE" not in str(exc):
            raise
        raise DuplicateKey(str(exc)) from exc
    finally:
        cursor.close()
