"""Where the office database lives: ``--db`` beats ``WARDAPP_DB`` beats the per-user data dir.

Either names a local file or, as a URL, a database on a server that several desks share
(``db.backend.locate``); the answer is a ``Path`` or a ``ServerDatabase``, both with
``exists()``."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

from db.backend import ServerDatabase, local, locate
from wardapp.common.errors import WardError

APP_NAME = "wardapp"
DB_FILE = "wardapp" + local().file_suffix
DEMO_DB_FILE = "wardapp-demo" + local().file_suffix


def data_dir() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path(cli_value: str | None = None) -> Path | ServerDatabase:
    value = cli_value or os.environ.get("WARDAPP_DB")
    if not value:
        return data_dir() / DB_FILE
    try:
        return locate(value)
    except ValueError as exc:
        raise WardError(str(exc)) from None


def demo_db_path() -> Path:
    """Where the window puts demo data on a first start, apart from the office's real file."""
    return data_dir() / DEMO_DB_FILE
