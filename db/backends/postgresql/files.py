"""A server database seen from outside: its identity read without migrating it, and (not yet)
copies of it.  Copies of a server database are ``pg_dump -Fc`` files, recognised by their
``PGDMP`` header."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from db.backends.base import ServerDatabase

T = TypeVar("T")
HEADER = b"PGDMP"
NO_COPIES = (
    "Cơ sở dữ liệu trên máy chủ được sao lưu bằng công cụ của máy chủ (pg_dump -Fc, "
    "xem README 'Several desks'); wardapp chưa tự sao lưu nó."
)


def copy(src, dst, *, standalone: bool = True, at_once: bool = False) -> None:
    raise ValueError(NO_COPIES)


def check(path: str | Path) -> str:
    return "ok" if is_database(path) else "không phải bản sao lưu của PostgreSQL"


def is_database(path: str | Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(len(HEADER)) == HEADER


def companions(path: str | Path) -> list[Path]:
    return []


def peek(where: ServerDatabase, read: Callable[[set[str], Callable[..., list]], T]) -> T:
    """``read(tables, query)`` in a read-only transaction; ``query`` takes ``?`` placeholders
    as the SQLite backend's does.  An unreachable server raises ``ValueError``."""
    from sqlalchemy import create_engine
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.pool import NullPool

    engine = create_engine(where.url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SET TRANSACTION READ ONLY")
            cursor = conn.connection.driver_connection.cursor()
            cursor.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema()"
            )
            tables = {r[0] for r in cursor.fetchall()}

            def query(sql: str, params=()) -> list:
                cursor.execute(sql.replace("?", "%s"), params)
                return cursor.fetchall()

            return read(tables, query)
    except DBAPIError as exc:
        raise ValueError(str(exc.orig or exc).strip().splitlines()[0]) from None
    finally:
        engine.dispose()
