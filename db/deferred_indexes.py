"""Secondary indexes left out while a large import writes, and built once when it ends.

Each dossier written updates the ten secondary indexes of its table (reports, register
filters); in a city's first import of a year of thirty wards that upkeep was most of the
writing, and it grows with the table.  Building an index from the finished table is one sort:
for 500,000 dossiers, 7 s for all of them, against about 60 s kept row by row.  Unique keys
are never dropped: the import relies on them to refuse a duplicate.  Nor does such an import
recompute a consolidating database's half-month sums file by file (which reads the office-led
ranges): it sums each office once at its end (``db.rollup.held``).

While they are dropped, reads stay correct, only slower.  If the program dies before they are
rebuilt, ``restore`` at the next opening of the database (``db.engine.open_database``) builds
whatever is missing, so no schema is ever left short.
"""

from __future__ import annotations

from sqlalchemy import Connection, Index

from db.backend import backend_for
from db.models import Base

TABLES = ("dossier", "dossier_event", "apology")

# Rebuilding costs about 14 µs per dossier held (all tables' indexes); keeping them costs about
# 60 µs per dossier written, more as the table grows.  Defer when the import brings at least a
# quarter of what the database will then hold, and enough rows for the difference to matter.
MIN_ROWS = 50_000
MIN_SHARE = 0.25


def worth_deferring(held: int, incoming: int) -> bool:
    return incoming >= MIN_ROWS and incoming >= MIN_SHARE * (held + incoming)


def secondary() -> list[Index]:
    return [ix for t in TABLES for ix in Base.metadata.tables[t].indexes if not ix.unique]


def missing(conn: Connection) -> list[Index]:
    have = backend_for(conn).index_names(conn)
    return [ix for ix in secondary() if ix.name not in have]


def drop(conn: Connection) -> None:
    for ix in secondary():
        ix.drop(conn, checkfirst=True)


def restore(conn: Connection) -> list[str]:
    """Build the secondary indexes that are missing; their names (none, almost always)."""
    made = []
    for ix in missing(conn):
        ix.create(conn)
        made.append(ix.name)
    return made
