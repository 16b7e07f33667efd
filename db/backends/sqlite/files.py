"""Copies of a SQLite database and their check.

A copy goes through SQLite's online backup API, never a file copy: a live database in WAL mode
keeps recent commits in ``-wal`` beside it, and a plain copy taken mid-write can be torn.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from db.backends.sqlite.connection import HEADER, uri_for

T = TypeVar("T")


def copy(
    src: str | Path, dst: str | Path, *, standalone: bool = True, at_once: bool = False
) -> None:
    """Page-by-page copy (WAL and locks respected).  ``standalone``: the copy is a file of its
    own (no -wal beside it); False when writing into the live database.  ``at_once``: one
    backup step, so the target stays locked until the copy is whole (a restore)."""
    pages = -1 if at_once else 4096
    source = sqlite3.connect(uri_for(src, mode="ro"), uri=True)
    try:
        target = sqlite3.connect(dst)
        try:
            source.backup(target, pages=pages)
            if standalone:
                target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
    finally:
        source.close()


def check(path: str | Path) -> str:
    """``ok``, or what SQLite found wrong with the file."""
    con = sqlite3.connect(uri_for(path, mode="ro"), uri=True)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        con.close()


def is_database(path: str | Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(len(HEADER)) == HEADER


def companions(path: str | Path) -> list[Path]:
    """The files SQLite keeps beside a database while it is open."""
    return [Path(str(path) + suffix) for suffix in ("-wal", "-shm")]


def peek(path: str | Path, read: Callable[[set[str], Callable[..., list]], T]) -> T:
    """``read(tables, query)`` on the file without opening it for work (no -wal or -shm made,
    nothing written); a file SQLite cannot read raises ``ValueError`` with its complaint."""
    path = Path(path)
    # With no -wal beside it the file holds every commit, and immutable=1 reads it without
    # creating -wal and -shm; with one, a program has it open and an ordinary read-only
    # connection sees its commits.
    flags = {"mode": "ro"} if companions(path)[0].exists() else {"mode": "ro", "immutable": "1"}
    con = sqlite3.connect(uri_for(path, **flags), uri=True)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return read(tables, lambda sql, params=(): con.execute(sql, params).fetchall())
    except sqlite3.DatabaseError as exc:
        raise ValueError(str(exc)) from None
    finally:
        con.close()
