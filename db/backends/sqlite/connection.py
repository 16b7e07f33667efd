"""Opening a SQLite file: the pragmas every connection gets and the write lock.

WAL lets the register read while a clerk saves; ``BEGIN IMMEDIATE`` makes two writers queue on
the busy timeout instead of one failing when it upgrades its read lock to a write lock.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import URL, Engine, event

FILE_SUFFIX = ".sqlite3"
BUSY_TIMEOUT_MS = 10_000
NOTICE_MS = 300  # a writer still waiting after this is told so (``wardapp_on_wait``)
CACHE_KIB = 64 * 1024  # 64 MiB page cache per connection: reports scan large index ranges
HEADER = b"SQLite format 3\x00"


def url_for(path: str | Path) -> URL:
    """Built, not formatted: in ``sqlite:///{path}`` a ``#`` or ``?`` ends the path and
    ``%41`` is read as ``A`` (a folder named so made the database unopenable)."""
    return URL.create("sqlite", database=str(Path(path).resolve()))


def engine_options() -> dict:
    return {}


def check_url(url: URL) -> str | None:
    return None


def uri_for(path: str | Path, **params: str) -> str:
    """An SQLite ``file:`` URI, percent-encoded by ``Path.as_uri`` (a formatted one ended at a
    ``#``: a backup then copied an empty database and reported success)."""
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return Path(path).resolve().as_uri() + (f"?{query}" if query else "")


def configure(engine: Engine, error: type[Exception]) -> None:
    """``error``: raised, with a message for the user, when the file cannot use WAL."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Let SQLAlchemy, not the sqlite3 module, decide when a transaction begins.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        mode = cur.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() not in ("wal", "memory"):
            raise error(
                f"Không bật được chế độ WAL cho cơ sở dữ liệu (journal_mode={mode}). "
                "Hãy đặt tệp dữ liệu trên ổ đĩa cục bộ, không phải ổ mạng."
            )
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # Writers take the write lock up front (BEGIN IMMEDIATE) so that two clerks saving at
        # once wait for each other (busy timeout) instead of failing on lock upgrade.
        options = conn.get_execution_options()
        on_wait = options.get("wardapp_on_wait")
        if not options.get("wardapp_write"):
            conn.exec_driver_sql("BEGIN DEFERRED")
        elif on_wait is None or not _begin_within(conn, NOTICE_MS):
            if on_wait is not None:
                on_wait()  # e.g. the desk shows "an import is running, please wait"
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def _held(exc: sqlite3.OperationalError) -> bool:
    """SQLite refused because another connection holds the write lock (not another fault)."""
    return "locked" in str(exc) or "busy" in str(exc)


def _begin_within(conn, ms: int) -> bool:
    """Try to take the write lock within ``ms``; False if another writer still holds it."""
    raw = conn.connection.dbapi_connection
    raw.execute(f"PRAGMA busy_timeout={ms}")
    try:
        raw.execute("BEGIN IMMEDIATE")
        return True
    except sqlite3.OperationalError as exc:
        if not _held(exc):
            raise
        return False
    finally:
        raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def remember_password(url: URL, secret: str) -> str:
    raise ValueError("Một tệp dữ liệu không có mật khẩu máy chủ.")


def write_lock_busy(conn) -> bool:
    """Another connection holds the file's write lock now: a second connection of its own
    tries ``BEGIN IMMEDIATE`` without waiting and gives it back at once (``conn`` may be inside
    a transaction of its own, which such a probe must not end)."""
    if conn.get_execution_options().get("wardapp_write") and conn.in_transaction():
        return False  # its BEGIN IMMEDIATE holds the lock: its own, not another's
    probe = sqlite3.connect(conn.engine.url.database, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as exc:
        if not _held(exc):
            raise
        return True
    finally:
        probe.close()


def driver_error(exc: BaseException) -> BaseException | None:
    """The driver's own complaint about the file (not a database, damaged) inside ``exc``."""
    for candidate in (exc, getattr(exc, "orig", None)):
        if isinstance(candidate, sqlite3.DatabaseError):
            return candidate
    return None
