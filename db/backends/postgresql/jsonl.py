"""Records → JSON lines on PostgreSQL: the rows are read as columns and each line is built in
Python, with the masks applied there (the server cannot call the program's functions, which
SQLite's ``create_function`` lets it do).  The lines are the SQLite backend's, character for
character: compact separators, letters unescaped, times with the office's offset."""

from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from db.backends.base import JsonLines


def _value(field, v, offset: str):
    if field.kind == "omitted":
        return ""
    if field.mask is not None:
        v = field.mask(v)
        if field.kind != "json_list":
            return v
    if field.kind == "timestamp":
        return None if v is None else v.isoformat() + offset
    if field.kind == "bool":
        return bool(v)
    if field.kind == "json_list":
        return json.loads(v or "[]")
    if isinstance(v, datetime | date):
        return v.isoformat(" ") if isinstance(v, datetime) else v.isoformat()
    return v


def lines(s: Session, query: JsonLines, after: int | None) -> list[str]:
    cols = ", ".join(f"{f.source} AS c{i}" for i, f in enumerate(query.fields))
    where = f" WHERE {query.changed} > :after" if after is not None else ""
    sql = f"SELECT {cols} FROM {query.tables}{where} ORDER BY {query.order}"
    params = {"after": after} if after is not None else {}
    out = []
    for row in s.execute(text(sql), params):
        obj = {f.key: _value(f, v, query.offset) for f, v in zip(query.fields, row, strict=True)}
        out.append(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))
    return out
