"""``--db`` and ``WARDAPP_DB`` name a database on a server by its URL (issue 20, point 1).

Before, a URL went through ``Path`` (its ``//`` folded into ``/``) and the program created an
SQLite file named after it and exited 0.  These run without any server: the refusals happen
before a connection, and port 1 on the loopback refuses at once."""

import os
from pathlib import Path

import pytest

from db.backend import ServerDatabase, locate
from wardapp.cli import main as cli
from wardapp.common.errors import WardError
from wardapp.office.paths import default_db_path

UNREACHABLE = "postgresql+psycopg://clerk@127.0.0.1:1/xuan_an"


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*"))


def test_a_url_names_a_server_database_and_a_path_a_file(tmp_path):
    where = locate("postgresql+psycopg://clerk@db.phuong.local:5432/xuan_an")
    assert isinstance(where, ServerDatabase)
    assert where.name == "xuan_an"
    assert str(where) == "postgresql+psycopg://clerk@db.phuong.local:5432/xuan_an"
    assert locate(str(tmp_path / "a b#c.sqlite3")) == tmp_path / "a b#c.sqlite3"


def test_a_password_in_the_url_is_refused_and_never_echoed():
    with pytest.raises(ValueError) as caught:
        locate("postgresql+psycopg://clerk:hunter2@db/xuan_an")
    assert ".pgpass" in str(caught.value) and "PGPASSWORD" in str(caught.value)
    assert "hunter2" not in str(caught.value)


@pytest.mark.parametrize(
    "url, words",
    [
        ("postgresql+psycopg2://clerk@db/xuan_an", "hãy viết .postgresql.psycopg://"),
        ("postgresql+psycopg://clerk@db", "thiếu tên cơ sở dữ liệu"),
        ("mysql://clerk@db/xuan_an", "không dùng được loại cơ sở dữ liệu 'mysql'"),
    ],
)
def test_urls_the_program_cannot_use_are_refused_with_the_reason(url, words):
    with pytest.raises(ValueError, match=words):
        locate(url)


def test_wardapp_db_names_a_server_too(monkeypatch):
    monkeypatch.setenv("WARDAPP_DB", UNREACHABLE)
    where = default_db_path()
    assert isinstance(where, ServerDatabase) and where.url.port == 1
    monkeypatch.setenv("WARDAPP_DB", "postgresql+psycopg://u:secret@h/d")
    with pytest.raises(WardError, match="không được chứa mật khẩu"):
        default_db_path()


@pytest.mark.parametrize("how", ["--db", "WARDAPP_DB"])
def test_an_unreachable_server_is_an_error_and_no_file_is_made(tmp_path, monkeypatch, capsys, how):
    monkeypatch.chdir(tmp_path)
    args = ["init", "--office-name", "Phường Xuân An", "--office-code", "000.23.31.H26"]
    if how == "--db":
        args = ["--db", UNREACHABLE, *args]
    else:
        monkeypatch.setenv("WARDAPP_DB", UNREACHABLE)
    assert cli(args) == 1
    err = capsys.readouterr().err
    assert err.startswith("wardapp: error: Không") and "127.0.0.1:1/xuan_an" in err
    assert files_in(tmp_path) == []
    assert not os.path.exists("postgresql+psycopg:")


def test_a_command_on_a_missing_server_database_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli(["--db", UNREACHABLE, "dossier", "show", "X"]) == 1
    assert "Không kết nối được tới cơ sở dữ liệu" in capsys.readouterr().err
    assert files_in(tmp_path) == []
