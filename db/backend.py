"""The one place where the database engine is chosen: ``backend_for`` gives the backend of an
engine, connection or session by its dialect; ``LOCAL`` is the backend of an office database
kept in a local file (a ``--db PATH`` rather than a URL).

The domain asks a backend by intent and never for SQL only one engine speaks: "the ids matching
this search term, or how many", "write these rows in bulk", "copy this database into that file
and check the copy", "the rows of these ids" (``among``), "these records as JSON lines".
Everything SQLite-specific is in ``db/backends/sqlite/``.

Two backends implement the interface (``Backend``): ``backends/sqlite/`` (one file per office,
the zero-setup default) and ``backends/postgresql/`` (one database per office on a server
that several desks share, named by a URL: ``locate``):

* connection: ``url_for`` a file is SQLite's notion; ``engine_options`` and ``configure`` give
  PostgreSQL its time zone, timeouts, keepalives and ``pool_pre_ping``; ``wardapp_write`` takes
  SQLite's ``BEGIN IMMEDIATE`` or PostgreSQL's advisory lock of the office, and both tell the
  desk (``wardapp_on_wait``) when it waits: ``write_lock_busy`` probes the lock; ``check_url``
  refuses a URL with a password in it;
* counters: ``next_counter`` is one statement on either;
* search: FTS5 trigram on SQLite, a ``pg_trgm`` GIN index on the same four columns answering
  ``ILIKE '%term%'`` on PostgreSQL, where deferring and holding merges are no-ops;
* id lists: ``json_each`` or ``= ANY(array)`` compiled for ``Among``;
* bulk writes: executemany or ``COPY``; a unique violation raised as ``DuplicateKey`` with the
  key's columns; ``ids_written`` moves a sequence past ids the writer chose;
* migrations: ``early_ddl`` says whether revisions 0004-0009's SQLite DDL runs; PostgreSQL's
  own objects are revision 0014's;
* files: ``peek`` reads a database without opening it for work (a server database through a
  read-only transaction); ``copy`` is SQLite's online backup or ``pg_dump -Fc``, ``check`` its
  ``integrity_check`` or ``pg_restore -l``;
* verify: ``integrity`` (``PRAGMA integrity_check`` or ``amcheck``), ``search_integrity``,
  ``missing_triggers``;
* counts: ``status_count`` reads PostgreSQL's tally of dossiers by status (migration 0022),
  kept by triggers; SQLite has none and counts;
* JSON lines: SQLite's ``json_object`` with the masks as SQL functions, or the rows built into
  the same lines in Python.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from functools import cache
from pathlib import Path
from typing import Any, Protocol, TypeVar

from sqlalchemy import URL, Connection, Engine, Table
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnElement

from db.backends.base import (
    Among,
    DatabaseError,
    DuplicateKey,
    JsonField,
    JsonLines,
    ServerDatabase,
    store_password,
)

T = TypeVar("T")
__all__ = [
    "Among",
    "Backend",
    "DatabaseError",
    "DuplicateKey",
    "JsonField",
    "JsonLines",
    "ServerDatabase",
    "backend_for",
    "local",
    "locate",
    "server_driver",
    "server_url_example",
    "store_password",
]


class Backend(Protocol):
    name: str
    file_suffix: str  # the suffix of the files its databases and copies are kept in
    file_filter: str  # the same, for a file dialog
    search_min_length: int  # the shortest term the search index answers
    # Revisions 0004-0008 were written in SQLite's own DDL (triggers, a virtual table); a
    # backend that speaks it runs them, the others get the same objects from a revision of
    # their own (0014).
    early_ddl: bool

    def url_for(self, path: str | Path) -> str | URL: ...
    def engine_options(self) -> dict: ...  # create_engine's keywords (pool, connect_args)
    def configure(self, engine: Engine, error: type[Exception]) -> None: ...
    def driver_error(self, exc: BaseException) -> BaseException | None: ...
    def check_url(self, url: URL) -> str | None: ...  # why the URL may not be used, or None
    # a server login's password into the OS keyring; where to find the entry
    def remember_password(self, url: URL, secret: str) -> str: ...
    # another connection or desk holds the office's write lock now (the window's notice)
    def write_lock_busy(self, conn: Connection) -> bool: ...
    def next_counter(self, s: Session, table: Table, key: str) -> int: ...
    def is_true(self, column) -> ColumnElement: ...  # a boolean column's test, as indexed
    def ids_written(self, s: Session, table: str) -> None: ...  # after rows with chosen ids
    def grant_desk(self, conn: Connection, role: str) -> None: ...  # a desk's login role

    def copy(
        self, src: str | Path, dst: str | Path, *, standalone: bool = True, at_once: bool = False
    ) -> None: ...
    def check(self, path: str | Path) -> str: ...  # "ok" or what is wrong
    def is_database(self, path: str | Path) -> bool: ...
    def companions(self, path: str | Path) -> list[Path]: ...
    def peek(self, path: str | Path, read: Callable[[set[str], Callable[..., list]], T]) -> T: ...

    # verify: the engine's own consistency check, the search index's against the dossiers,
    # the triggers guarding the history ("ok"/"absent"/a complaint; names of missing ones)
    def integrity(self, conn: Connection) -> str: ...
    def search_integrity(self, conn: Connection) -> str: ...
    def missing_triggers(self, conn: Connection) -> list[str]: ...

    def search_available(self, s: Session | Connection) -> bool: ...
    def search_condition(self, column, term: str) -> ColumnElement: ...
    # exact, or at most cap + 1 where counting every match costs more than finding them
    def search_count(self, s: Session, term: str, cap: int | None = None) -> int: ...
    def search_ids(self, s: Session, term: str, limit: int) -> list[int]: ...
    # (matches up to cap + 1, the first page's ids in date order) by the engine's own plan, or
    # None: the generic plan of wardapp.dossiers.search, from the calls around this one; not
    # ``counted``, the matches may be None where counting costs more than the page
    def search_first_page(
        self, s: Session, term: str, limit: int, descending: bool, cap: int, counted: bool = True
    ) -> tuple[int | None, list[int]] | None: ...
    def search_ids_between(self, s: Session, term: str, lo: int, hi: int) -> list[int]: ...
    def search_deferred(self, s: Session) -> AbstractContextManager[None]: ...
    def search_hold_merges(self, s: Session | Connection) -> None: ...
    def search_merge_all(self, s: Session | Connection) -> None: ...
    def search_merges_held(self, s: Session | Connection) -> bool: ...

    def ids(self, s: Session | Connection, sql: str, params: dict) -> list[int]: ...
    def list_param(self, values: list) -> Any: ...
    def unindexed(self, column) -> ColumnElement: ...
    def index_names(self, conn: Connection) -> set[str]: ...

    def stored_value(self, v): ...
    def bulk_insert(self, s: Session, table: Table, rows: list[dict]) -> None: ...
    def insert_rows(self, s: Session, table: str, cols: tuple, rows: list[tuple]) -> None: ...
    def update_rows(self, s: Session, table: str, cols: tuple, key: str, rows: list) -> None: ...

    def json_lines(self, s: Session, query: JsonLines, after: int | None) -> list[str]: ...

    # how many dossiers have one of these statuses (all: empty), from counts the writes keep;
    # None where the engine counts rows fast enough and keeps none (the caller counts)
    def status_count(self, s: Session, statuses: tuple[str, ...]) -> int | None: ...


@cache
def _registry() -> dict[str, Backend]:
    from db.backends.postgresql import BACKEND as server
    from db.backends.sqlite import BACKEND as sqlite

    return {sqlite.name: sqlite, server.name: server}


def backend_for(bind: Engine | Connection | Session | URL) -> Backend:
    if isinstance(bind, URL):
        dialect = bind.get_backend_name()
    else:
        dialect = (bind.get_bind() if isinstance(bind, Session) else bind).dialect.name
    try:
        return _registry()[dialect]
    except KeyError:
        raise ValueError(f"wardapp has no backend for the {dialect!r} database") from None


def server_url_example() -> str:
    """A server database's URL as an office would write it (shown where one is typed)."""
    from db.backends.postgresql.connection import URL_EXAMPLE

    return URL_EXAMPLE


def server_driver() -> str:
    """The server backend's dialect and driver, loaded without connecting (``--self-test``)."""
    from db.backends.postgresql.connection import driver_check

    return driver_check()


def locate(value: str | Path | ServerDatabase) -> Path | ServerDatabase:
    """Where ``--db`` or ``WARDAPP_DB`` says the office database is: a URL names one on a
    server (``Path`` would fold its ``//`` and make it a file name), anything else a local file.
    A URL no backend can use, or one carrying a password (it would end up in settings files,
    shell histories and the window's title), raises ``ValueError`` with the reason."""
    if isinstance(value, ServerDatabase | Path):
        return value
    if "://" not in value:
        return Path(value).expanduser()
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(value)
    except ArgumentError:
        raise ValueError(f"Địa chỉ cơ sở dữ liệu không đọc được: {value}") from None
    try:
        backend = backend_for(url)
    except ValueError:
        raise ValueError(
            f"wardapp không dùng được loại cơ sở dữ liệu '{url.get_backend_name()}' ({value})."
        ) from None
    refusal = backend.check_url(url)
    if refusal is not None:
        raise ValueError(refusal)
    return ServerDatabase(url)


def is_server(location) -> bool:
    return isinstance(location, ServerDatabase)


def copy_suffixes() -> tuple[str, ...]:
    """The suffixes of every backend's copies (a backup folder's files are named with one)."""
    return tuple(b.file_suffix for b in _registry().values())


def local() -> Backend:
    """The backend of an office database kept in a local file."""
    return _registry()["sqlite"]


# -- portable constructs and intents -----------------------------------------------------------


def next_counter(s: Session, table: Table, key: str) -> int:
    """The key's counter plus one, as one statement that also creates it at 1."""
    return backend_for(s).next_counter(s, table, key)


def is_true(s: Session, column) -> ColumnElement:
    return backend_for(s).is_true(column)


def ids_written(s: Session, table: str) -> None:
    """Rows were written with ids the writer chose (``max(id) + 1`` under the write lock):
    an engine that numbers rows from a sequence moves it past them."""
    backend_for(s).ids_written(s, table)


def among(column, values: list) -> Among:
    """Thousands of UUIDs or ids as one bound parameter instead of thousands."""
    _registry()  # the backends' compile rules
    return Among(column, values)


def stored_value(v):
    """``v`` as the local database stores it (what ``insert_rows`` takes)."""
    return local().stored_value(v)


def bulk_insert(s: Session, table: Table, rows: list[dict]) -> None:
    if rows:
        backend_for(s).bulk_insert(s, table, rows)


def insert_rows(s: Session, table: str, cols: tuple[str, ...], rows: list[tuple]) -> None:
    """Rows already in stored form (``stored_value``), in ``cols`` order: the city import
    prepares them in its reader process, so nothing is converted here."""
    if rows:
        backend_for(s).insert_rows(s, table, cols, rows)


def update_rows(s: Session, table: str, cols: tuple[str, ...], key: str, rows: list[tuple]) -> None:
    """Like ``insert_rows``; each row ends with its ``key`` value."""
    if rows:
        backend_for(s).update_rows(s, table, cols, key, rows)
