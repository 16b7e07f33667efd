"""Where the office database lives: ``--db`` beats ``WARDAPP_DB`` beats the settings file
(``wardapp.ini`` in the data dir, written by the first-run dialog) beats the data dir's file.

Each names a local file or, as a URL, a database on a server that several desks share
(``db.backend.locate``); the answer is a ``Path`` or a ``ServerDatabase``, both with
``exists()``.  A URL is refused with a password in it, from any of them: the password lives in
.pgpass, ``PGPASSWORD`` or the OS keyring (``store_server_password``), never in the file."""

from __future__ import annotations

import configparser
import os
from pathlib import Path

from platformdirs import user_data_dir

from db.backend import (
    DatabaseError,
    ServerDatabase,
    local,
    locate,
    server_url_example,
    store_password,
)
from wardapp.common.atomic import atomic_target
from wardapp.common.errors import WardError

APP_NAME = "wardapp"
DB_FILE = "wardapp" + local().file_suffix
DEMO_DB_FILE = "wardapp-demo" + local().file_suffix


def data_dir() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path(cli_value: str | None = None) -> Path | ServerDatabase:
    value = cli_value or os.environ.get("WARDAPP_DB") or saved_location()
    if not value:
        return data_dir() / DB_FILE
    try:
        return locate(value)
    except ValueError as exc:
        raise WardError(str(exc)) from None


def demo_db_path() -> Path:
    """Where the window puts demo data on a first start, apart from the office's real file."""
    return data_dir() / DEMO_DB_FILE


SETTINGS_FILE = "wardapp.ini"


def settings_file() -> Path:
    return data_dir() / SETTINGS_FILE


def saved_location() -> str | None:
    """The database the settings file names (``[database] url``), if it names one."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(settings_file(), encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError) as exc:
        raise WardError(f"Tệp cấu hình {settings_file()} không đọc được: {exc}") from None
    return parser.get("database", "url", fallback="").strip() or None


def locate_server(value: str) -> ServerDatabase:
    """A server database's URL as typed, checked (``locate``'s refusals, in Vietnamese)."""
    try:
        where = locate(value.strip())
    except ValueError as exc:
        raise WardError(str(exc)) from None
    if not isinstance(where, ServerDatabase):
        raise WardError(f"'{value}' không phải địa chỉ máy chủ (vd: {server_url_example()}).")
    return where


def check_server(where: ServerDatabase) -> None:
    """The server answers and its database was prepared (``wardapp server init``); else a
    message saying which, for the person at the desk."""
    try:
        ready = where.exists()
    except DatabaseError as exc:
        raise WardError(str(exc)) from None
    if not ready:
        raise WardError(
            f"Cơ sở dữ liệu {where} chưa được chuẩn bị: người quản trị chạy "
            f"'wardapp server init --url {where}' trước."
        )


def save_location(value: str) -> Path | ServerDatabase:
    """Name the office database in the settings file, checked first (a URL with a password is
    refused with the reason and nothing is written)."""
    try:
        where = locate(value.strip())
    except ValueError as exc:
        raise WardError(str(exc)) from None
    parser = configparser.ConfigParser(interpolation=None)
    parser["database"] = {"url": str(where)}
    with atomic_target(settings_file()) as tmp, open(tmp, "w", encoding="utf-8") as out:
        parser.write(out)
    return where


def store_server_password(where: ServerDatabase, secret: str) -> None:
    """The server database's password into the OS keyring (never the settings file)."""
    store_password(where.url, secret)
