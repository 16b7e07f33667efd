"""Moving an office's whole database from one engine to another (a desk's SQLite file onto the
office's server), table by table in the order their references allow, inside one transaction
of the target: if anything fails, the target is left as empty as it was and the source was
only read.

Both databases are at the same schema revision first (the caller opens both through
``db.engine.open_database``).  Rows the migrations themselves wrote into the target (the
counters' first values, the search index's state row) are replaced by the source's.  Each row
keeps its id, so every reference stays what it was; ``ids_written`` then moves the target's
id sequences past them.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

import db.models_keys  # noqa: F401  (its table is on the same metadata)
import db.models_rollup  # noqa: F401  (a city's half-month sums move with its dossiers)
from db.backend import backend_for, bulk_insert, ids_written
from db.engine import DatabaseError, write_session
from db.models import Base, Office

BATCH = 20_000


def table_counts(bind: Engine | Session) -> dict[str, int]:
    """Rows per table of the schema."""
    if isinstance(bind, Engine):
        with Session(bind) as s:
            return table_counts(s)
    return {
        t.name: bind.scalar(select(func.count()).select_from(t))
        for t in Base.metadata.sorted_tables
    }


def copy_all(
    source: Engine,
    target: Engine,
    check: Callable[[Session, dict[str, int]], None],
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, int]:
    """Every row of every table of ``source`` into ``target``, which must hold no office yet;
    returns the rows copied per table.  ``check(session, copied)`` runs on the target before
    the commit, and whatever it raises rolls the whole copy back."""
    copied: dict[str, int] = {}
    tables = Base.metadata.sorted_tables
    with write_session(target) as out:
        if out.scalar(select(func.count()).select_from(Office)):
            raise DatabaseError(
                "Cơ sở dữ liệu đích đã có dữ liệu của một cơ quan: chỉ chuyển vào một cơ sở "
                "dữ liệu mới tạo (không có gì bị ghi)."
            )
        for table in reversed(tables):
            out.execute(table.delete())
        with source.connect() as src:
            for table in tables:
                n = 0
                key = list(table.primary_key.columns)
                result = src.execution_options(yield_per=BATCH).execute(
                    select(table).order_by(*key)
                )
                for rows in result.mappings().partitions(BATCH):
                    bulk_insert(out, table, [dict(r) for r in rows])
                    n += len(rows)
                    if progress is not None:
                        progress(table.name, n)
                if "id" in table.c:
                    ids_written(out, table.name)
                copied[table.name] = n
        backend_for(out).search_merge_all(out)
        out.flush()
        check(out, copied)
    return copied
