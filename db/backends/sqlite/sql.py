"""SQL that only SQLite speaks, for the portable constructs of ``db.backend``."""

from __future__ import annotations

import json

from sqlalchemy import Connection, Table, literal_column, select, text, update
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session

from db.backends.base import LIST_PARAMS, Among


@compiles(Among, "sqlite")
def _among(element: Among, compiler, **kw) -> str:
    """The values as one JSON parameter: a list of thousands of UUIDs or ids would otherwise be
    thousands of bound parameters for SQLAlchemy to compile on every query (SQLite reads them
    through ``json_each`` and still searches the index)."""
    column = compiler.process(element.column, **kw)
    return f"{column} IN (SELECT value FROM json_each({compiler.process(element.values, **kw)}))"


def list_param(values: list) -> str:
    return json.dumps(values)


LIST_PARAMS["sqlite"] = list_param


def unindexed(column):
    """Unary ``+`` keeps SQLite's planner off the column's indexes (it has no statistics to
    choose by); the value is unchanged."""
    column = getattr(column, "expression", column)  # a mapped attribute's Column
    return literal_column(f"+{column.table.name}.{column.name}")


def status_count(s: Session, statuses: tuple[str, ...]) -> int | None:
    """None: SQLite's ``count(*)`` reads its narrowest index at some 10 ns a row, and a file has
    no tally to keep (the caller counts)."""
    return None


def id_list(s: Session | Connection, sql: str, params: dict) -> list[int]:
    """The ids ``sql`` selects (a column named ``id``), as one comma-separated text: ten
    thousand rows fetched one by one through SQLAlchemy took 11 ms, the same ids joined by
    SQLite and split here 3 ms."""
    joined = s.scalar(text(f"SELECT group_concat(id) FROM ({sql})"), params)
    return [int(i) for i in joined.split(",")] if joined else []


def index_names(conn: Connection) -> set[str]:
    sql = "SELECT name FROM sqlite_master WHERE type = 'index'"
    return set(conn.execute(text(sql)).scalars())


def next_counter(s: Session, table: Table, key: str) -> int:
    """Atomic increment: the UPDATE runs under the writer's lock (BEGIN IMMEDIATE)."""
    res = s.execute(update(table).where(table.c.key == key).values(value=table.c.value + 1))
    if res.rowcount == 0:
        s.execute(table.insert().values(key=key, value=1))
        return 1
    return s.scalar(select(table.c.value).where(table.c.key == key))


def is_true(column):
    """A literal ``= 1``: SQLite uses a partial index only for the very expression it was
    declared with (``backdated = 1``), not for a bound parameter."""
    column = getattr(column, "expression", column)
    return text(f"{column.table.name}.{column.name} = 1")


def ids_written(s: Session, table: str) -> None:
    """SQLite numbers a new row from the largest id there: nothing to move."""


def grant_desk(conn: Connection, role: str) -> None:
    raise ValueError("Một tệp dữ liệu không có vai trò đăng nhập: chỉ máy chủ mới có.")
