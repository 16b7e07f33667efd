"""A server database seen from outside: its identity read without migrating it, and copies of
it: ``pg_dump -Fc`` files (one consistent snapshot however long the dump runs, compressed,
restorable table by table), checked by listing them with ``pg_restore -l`` and recognised by
their ``PGDMP`` header.  Both tools come with the server's client package and take the
password from where libpq looks for it, as the program does."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from db.backends.base import ServerDatabase
from db.backends.postgresql.connection import keyring_password, password_hook

T = TypeVar("T")
HEADER = b"PGDMP"
NO_TOOL = (
    "Không tìm thấy {tool} trên máy này: cài gói công cụ khách của PostgreSQL "
    "(Debian: postgresql-client; Windows: bộ cài PostgreSQL, phần Command Line Tools)."
)


def _run(args: list[str], env: dict | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(args, capture_output=True, text=True, check=False, env=env)
    except FileNotFoundError:
        raise ValueError(NO_TOOL.format(tool=args[0])) from None


def copy(src: ServerDatabase, dst, *, standalone: bool = True, at_once: bool = False) -> None:
    """A dump of the server database ``src`` into the file ``dst``."""
    from psycopg.conninfo import make_conninfo

    url = src.url
    parts = {"host": url.host, "port": url.port, "user": url.username, "dbname": url.database}
    conninfo = make_conninfo(**{k: v for k, v in parts.items() if v is not None})
    kept = keyring_password(url)  # libpq's PGPASSWORD, for pg_dump only
    env = {**os.environ, "PGPASSWORD": kept} if kept else None
    done = _run(["pg_dump", "-Fc", "--no-owner", "-f", str(dst), "--dbname", conninfo], env)
    if done.returncode != 0:
        raise ValueError(f"pg_dump không sao lưu được: {_last_line(done.stderr)}")


def check(path: str | Path) -> str:
    """'ok' when ``pg_restore`` reads the whole table of contents of the dump."""
    if not is_database(path):
        return "không phải bản sao lưu của PostgreSQL (pg_dump -Fc)"
    done = _run(["pg_restore", "-l", str(path)])
    if done.returncode != 0:
        return _last_line(done.stderr)
    return "ok" if "TABLE DATA" in done.stdout else "bản sao lưu không có dữ liệu bảng nào"


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "(không rõ lý do)"


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
    password_hook(engine)
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
