"""Where the office database lives: ``--db`` beats ``WARDAPP_DB`` beats the per-user data dir."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

from db.backend import local

APP_NAME = "wardapp"
DB_FILE = "wardapp" + local().file_suffix
DEMO_DB_FILE = "wardapp-demo" + local().file_suffix


def data_dir() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path(cli_value: str | None = None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("WARDAPP_DB")
    if env:
        return Path(env).expanduser()
    return data_dir() / DB_FILE


def demo_db_path() -> Path:
    """Where the window puts demo data on a first start, apart from the office's real file."""
    return data_dir() / DEMO_DB_FILE
