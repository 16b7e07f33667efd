"""SQL that only PostgreSQL speaks, for the portable constructs of ``db.backend``."""

from __future__ import annotations

from sqlalchemy import BigInteger, Connection, Integer, Table, Text, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session

from db.backends.base import LIST_PARAMS, LIST_TYPES, Among


@compiles(Among, "postgresql")
def _among(element: Among, compiler, **kw) -> str:
    """The values as one array parameter of the column's own type (ids or UUID texts).

    Bound as an array, not as a text cast to one: ``array_in`` is only stable, so the cast of
    a text was parsed again for every row a filter tested (a search's 364 ids against the
    3,700 dossiers down the date index took 259 ms, 15 µs a row).  And of the column's own
    type: a bound array is a constant the server hashes once (PostgreSQL 14+), but only when
    both sides hash alike, so ``integer = ANY(bigint[])`` was compared element by element
    (7,104 ids down 113,664 dossiers of the date index: 5.5 s; as ``integer[]`` 59 ms)."""
    column = compiler.process(element.column, **kw)
    return f"{column} = ANY({compiler.process(element.values, **kw)})"


def list_param(values: list) -> list:
    return list(values)


def list_type(item):
    from sqlalchemy.dialects.postgresql import ARRAY

    if isinstance(item, BigInteger | Integer):
        return ARRAY(type(item)())
    return ARRAY(Text)


LIST_PARAMS["postgresql"] = list_param
LIST_TYPES["postgresql"] = list_type


def unindexed(column):
    """The planner has statistics to choose an index by; the column as it is."""
    return getattr(column, "expression", column)


def id_list(s: Session | Connection, sql: str, params: dict) -> list[int]:
    """The ids ``sql`` selects (a column named ``id``), in its order."""
    return list(s.scalars(text(sql), params))


def index_names(conn: Connection) -> set[str]:
    sql = "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
    return set(conn.execute(text(sql)).scalars())


def next_counter(s: Session, table: Table, key: str) -> int:
    from sqlalchemy.dialects.postgresql import insert  # not at start-up: a file needs none of it

    stmt = (
        insert(table)
        .values(key=key, value=1)
        .on_conflict_do_update(index_elements=["key"], set_={"value": table.c.value + 1})
        .returning(table.c.value)
    )
    return s.execute(stmt).scalar_one()


def is_true(column):
    """The column itself, as the partial index is declared (``WHERE backdated``, migration
    0020): the planner does not prove ``backdated IS true`` implies it, and Biểu 06's count of a
    province quarter's backdated events scanned 30M events in parallel (4.6 s) instead of
    reading the index (under 1 ms)."""
    return getattr(column, "expression", column)


def ids_written(s: Session, table: str) -> None:
    """Rows inserted with their own ids leave the table's sequence behind: move it past them,
    or the next row numbered by the server collides with one of them."""
    s.execute(
        text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f'coalesce((SELECT max(id) FROM "{table}"), 0) + 1, false)'
        )
    )


def grant_desk(conn: Connection, role: str) -> None:
    """What a desk's own login role may do: read and write the register, but only add to the
    histories (no UPDATE, DELETE or TRUNCATE of ``dossier_event`` or of the administration
    chain's ``admin_event``, whatever the triggers say), and no change to the schema (the
    administrator's role runs the migrations)."""
    quoted = conn.dialect.identifier_preparer.quote(role)
    database = conn.dialect.identifier_preparer.quote(conn.engine.url.database)
    for sql in (
        f"GRANT CONNECT ON DATABASE {database} TO {quoted}",
        f"GRANT USAGE ON SCHEMA public TO {quoted}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}",
        f"REVOKE UPDATE, DELETE, TRUNCATE ON dossier_event, admin_event FROM {quoted}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
        # tables and sequences later migrations add
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {quoted}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public "
        f"GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {quoted}",
    ):
        conn.execute(text(sql))
