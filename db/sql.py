"""SQL expressions that are SQLite-specific but domain-free (kept here with the other SQLite
details, so the domain layer states what it wants and not how SQLite gets it)."""

from __future__ import annotations

import json

from sqlalchemy import text


def among(column, values: list):
    """``column IN (values)`` with the values as one JSON parameter: a list of thousands of
    UUIDs or ids would otherwise be thousands of bound parameters for SQLAlchemy to compile on
    every query (SQLite reads them through ``json_each`` and still searches the index)."""
    return column.in_(
        text("SELECT value FROM json_each(:values)").bindparams(values=json.dumps(values))
    )
