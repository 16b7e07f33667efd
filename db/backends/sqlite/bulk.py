"""Fast executemany for large imports.

SQLAlchemy's per-row parameter processing costs more than SQLite's own insert; we bind values
in the exact text format SQLAlchemy's ``DateTime``/``Date`` types store and read back, straight
through the DBAPI cursor.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from sqlalchemy import Table
from sqlalchemy.orm import Session

from db.backends.base import DuplicateKey

_CONVERT = {
    datetime: lambda v: v.isoformat(" ", "microseconds"),  # SQLAlchemy's SQLite DateTime text
    date: date.isoformat,
    bool: int,
}


def stored_value(v):
    conv = _CONVERT.get(type(v))
    return v if conv is None else conv(v)


def bulk_insert(session: Session, table: Table, rows: list[dict]) -> None:
    cols = list(rows[0])
    sql = (
        f'INSERT INTO "{table.name}" ({", ".join(f"{c}" for c in cols)}) '
        f"VALUES ({', '.join('?' for _ in cols)})"
    )
    _executemany(session, sql, ([stored_value(r[c]) for c in cols] for r in rows))


def insert_rows(session: Session, table: str, cols: tuple[str, ...], rows: list[tuple]) -> None:
    _executemany(
        session,
        f'INSERT INTO "{table}" ({", ".join(cols)}) VALUES ({", ".join("?" for _ in cols)})',
        rows,
    )


def update_rows(
    session: Session, table: str, cols: tuple[str, ...], key: str, rows: list[tuple]
) -> None:
    sets = ", ".join(f"{c} = ?" for c in cols)
    _executemany(session, f'UPDATE "{table}" SET {sets} WHERE {key} = ?', rows)


def _executemany(session: Session, sql: str, rows) -> None:
    cursor = session.connection().connection.driver_connection.cursor()
    try:
        cursor.executemany(sql, rows)
    except sqlite3.IntegrityError as exc:
        if "UNIQUE" not in str(exc):
            raise
        # "UNIQUE constraint failed: dossier.uuid" → the key's columns, as SQLite names them
        message = str(exc)
        named = message.split(":", 1)[1] if ":" in message else ""
        columns = [c.strip().rsplit(".", 1)[-1] for c in named.split(",") if c.strip()]
        raise DuplicateKey(message, columns) from exc
    finally:
        cursor.close()
