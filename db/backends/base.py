"""The vocabulary shared by ``db.backend`` and the backends that implement it (kept apart from
both so neither imports the other's module back)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import URL, Boolean, bindparam
from sqlalchemy.sql import coercions, roles
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal
from sqlalchemy.types import Text, TypeDecorator

# dialect name → how that backend binds a list as one parameter; each backend adds its own
LIST_PARAMS: dict[str, Callable[[list], Any]] = {}
# dialect name → what every engine of that backend needs before it connects (a password kept
# in the OS keyring), for the engines made outside ``configure``; each backend adds its own
CONNECT_HOOKS: dict[str, Callable[[Any], None]] = {}
# a backend's own type for such a list of values of a column's type, when it has one; else text
LIST_TYPES: dict[str, Callable[[Any], Any]] = {}


class DatabaseError(Exception):
    """A database cannot be opened or upgraded; the message is meant for the user."""


class DuplicateKey(Exception):
    """A row broke a unique key; the rows before it in the same call stay written, so the
    caller rolls back (a savepoint) rather than carrying on.  ``columns``: the key's columns
    (``uuid``; ``office_id, year, number``)."""

    def __init__(self, message: str, columns: list[str]):
        super().__init__(message)
        self.columns = columns


@dataclass(frozen=True)
class ServerDatabase:
    """An office database on a database server, named by its URL (``--db``, ``WARDAPP_DB``).
    Printed without a password; the password comes from where the server's client library
    looks for one (see the backend's ``check_url``), never from a settings file."""

    url: URL

    def __str__(self) -> str:
        return self.url.render_as_string(hide_password=True)

    @property
    def name(self) -> str:
        return self.url.database or ""

    def exists(self) -> bool:
        """The office's schema is there (an empty database is not one yet: ``init`` makes it)."""
        from sqlalchemy import create_engine, inspect
        from sqlalchemy.exc import OperationalError

        engine = create_engine(self.url, poolclass=_null_pool())
        if self.url.get_backend_name() in CONNECT_HOOKS:
            CONNECT_HOOKS[self.url.get_backend_name()](engine)
        try:
            return inspect(engine).has_table("alembic_version")
        except OperationalError as exc:
            reason = str(exc.orig or exc).strip().splitlines()[0]
            raise DatabaseError(f"Không kết nối được tới cơ sở dữ liệu {self}: {reason}") from None
        finally:
            engine.dispose()


def _null_pool():
    from sqlalchemy.pool import NullPool

    return NullPool


@dataclass(frozen=True)
class JsonField:
    key: str
    source: str  # the column, qualified by its table's alias in ``JsonLines.tables``
    kind: str = "value"  # value | timestamp | bool | json_list | omitted
    mask: Callable[[str], str] | None = None  # applied to the value (personal data)


@dataclass(frozen=True)
class JsonLines:
    """One JSON object per row of ``tables`` (portable FROM text), in ``order``; ``changed``
    is the change number (``db.changes``) that must exceed the ``after`` given to
    ``Backend.json_lines``; timestamps are
    stored in office time and written with ``offset``."""

    tables: str
    order: str
    changed: str
    fields: tuple[JsonField, ...]
    offset: str = "+07:00"


class _ListParam(TypeDecorator):
    """A list bound as one parameter, in the form its backend reads (``list_param``)."""

    impl = Text
    cache_ok = True

    def __init__(self, item=None):
        super().__init__()
        self.item = item  # the column's type

    def load_dialect_impl(self, dialect):
        kind = LIST_TYPES.get(dialect.name)
        return dialect.type_descriptor(kind(self.item) if kind else Text())

    def process_bind_param(self, value, dialect):
        return LIST_PARAMS[dialect.name](value)


class Among(ColumnElement):
    """``column IN (values)`` with the values as one parameter, compiled by each backend."""

    type = Boolean()
    _is_implicitly_boolean = True
    inherit_cache = True
    _traverse_internals = [
        ("column", InternalTraversal.dp_clauseelement),
        ("values", InternalTraversal.dp_clauseelement),
    ]

    def __init__(self, column, values: list):
        self.column = coercions.expect(roles.ExpressionElementRole, column)
        item = self.column.type
        self.values = bindparam(None, list(values), type_=_ListParam(item), unique=True)


# A desk's password for its server database may live in the operating system's keyring
# (Windows Credential Manager, the Secret Service) under this service, one entry per
# user@host:port/database, so the settings file and the URL never hold it.
KEYRING_SERVICE = "wardapp-database"


def keyring_user(url: URL) -> str:
    return f"{url.username or ''}@{url.host or 'localhost'}:{url.port or ''}/{url.database or ''}"


def keyring_password(url: URL) -> str | None:
    """The keyring's password for ``url``; None when ``PGPASSWORD`` is set (the environment
    wins), when there is no entry, or no keyring on this machine (libpq then reads .pgpass)."""
    import os

    if os.environ.get("PGPASSWORD"):
        return None
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, keyring_user(url)) or None
    except Exception:  # noqa: BLE001 - no keyring backend (headless Linux, a service)
        return None


def store_password(url: URL, secret: str) -> None:
    """Keep the password in the keyring; refused (keyring's own error) where there is none."""
    import keyring

    keyring.set_password(KEYRING_SERVICE, keyring_user(url), secret)
