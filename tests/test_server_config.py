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


# -- the settings file and the first-run dialog (issue 20, configuration) ----------------------


def test_the_settings_file_names_the_database_after_the_command_line_and_environment(
    tmp_path, monkeypatch
):
    from wardapp.office.paths import save_location, settings_file

    monkeypatch.delenv("WARDAPP_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert not settings_file().exists()
    save_location("postgresql+psycopg://canbo@may-chu:5433/xuan_an")
    text = settings_file().read_text(encoding="utf-8")
    assert "url = postgresql+psycopg://canbo@may-chu:5433/xuan_an" in text
    where = default_db_path()
    assert isinstance(where, ServerDatabase) and where.url.port == 5433
    monkeypatch.setenv("WARDAPP_DB", str(tmp_path / "a.sqlite3"))
    assert default_db_path() == tmp_path / "a.sqlite3"  # the environment first
    assert default_db_path(str(tmp_path / "b.sqlite3")) == tmp_path / "b.sqlite3"


def test_a_password_is_refused_in_the_settings_file_and_nothing_is_written(tmp_path, monkeypatch):
    from wardapp.office.paths import save_location, settings_file

    monkeypatch.delenv("WARDAPP_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    with pytest.raises(WardError, match="không được chứa mật khẩu") as caught:
        save_location("postgresql+psycopg://canbo:hunter2@may-chu/xuan_an")
    assert "hunter2" not in str(caught.value) and ".pgpass" in str(caught.value)
    assert not settings_file().exists()
    # written by hand: refused when read, with the same words
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text(
        "[database]\nurl = postgresql+psycopg://canbo:hunter2@may-chu/xuan_an\n", encoding="utf-8"
    )
    with pytest.raises(WardError, match="không được chứa mật khẩu"):
        default_db_path()


class MemoryKeyring:
    """A keyring backend in memory (the machine's own may be absent or the user's)."""

    priority = 1

    def __init__(self):
        self.kept = {}

    def get_password(self, service, user):
        return self.kept.get((service, user))

    def set_password(self, service, user, secret):
        self.kept[(service, user)] = secret


def test_the_server_password_goes_to_the_keyring_and_reaches_the_driver(monkeypatch):
    import keyring
    from sqlalchemy.engine import make_url

    from db.backends.base import KEYRING_SERVICE, keyring_password
    from wardapp.office.paths import locate_server, store_server_password

    memory = MemoryKeyring()
    monkeypatch.setattr(keyring, "get_password", memory.get_password)
    monkeypatch.setattr(keyring, "set_password", memory.set_password)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    where = locate_server("postgresql+psycopg://canbo@may-chu:5433/xuan_an")
    store_server_password(where, "Mat-khau-9")
    assert memory.kept == {(KEYRING_SERVICE, "canbo@may-chu:5433/xuan_an"): "Mat-khau-9"}
    assert "Mat-khau-9" not in str(where)
    assert keyring_password(make_url("postgresql+psycopg://canbo@may-chu:5433/xuan_an")) == (
        "Mat-khau-9"
    )
    monkeypatch.setenv("PGPASSWORD", "tu-moi-truong")  # the environment wins: libpq reads it
    assert keyring_password(where.url) is None
    # the engine tries libpq's own password first (.pgpass), and hands the keyring's to the
    # driver when the server refuses that for want of one
    monkeypatch.delenv("PGPASSWORD")
    import contextlib

    import psycopg

    from db.engine import make_engine

    engine = make_engine(where)
    sent = []

    def refusing(*_args, **params):
        sent.append(params.get("password"))
        raise psycopg.OperationalError("fe_sendauth: no password supplied")

    monkeypatch.setattr(engine.dialect, "connect", refusing)
    with contextlib.suppress(Exception):
        engine.connect()
    assert sent == [None, "Mat-khau-9"]


def test_the_first_run_dialog_joins_a_server_and_refuses_a_password_in_the_url(
    qtbot, tmp_path, monkeypatch
):
    pytest.importorskip("PySide6")
    from PySide6.QtWidgets import QMessageBox

    from ui.first_run import FirstRunDialog
    from wardapp.office.paths import settings_file

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: said.append(text))
    dialog = FirstRunDialog(tmp_path / "ward.sqlite3")
    qtbot.addWidget(dialog)
    dialog.server_url.setText("postgresql+psycopg://canbo:hunter2@may-chu/xuan_an")
    dialog.join_server()
    assert len(said) == 1 and "không được chứa mật khẩu" in said[0]
    dialog.server_url.setText(UNREACHABLE)  # refused at once: nothing is kept
    dialog.join_server()
    assert len(said) == 2 and "Không kết nối được" in said[1]
    assert dialog.ward is None and not settings_file().exists()
    assert files_in(tmp_path) == []


@pytest.mark.server_only
def test_the_first_run_dialog_joins_a_prepared_server_database(qtbot, tmp_path, monkeypatch):
    pytest.importorskip("PySide6")
    from ui.first_run import FirstRunDialog
    from wardapp.office.paths import settings_file

    url = str(qtbot._request.getfixturevalue("ward_location"))  # migrated, like server init
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.delenv("WARDAPP_DB", raising=False)
    dialog = FirstRunDialog(tmp_path / "ward.sqlite3")
    qtbot.addWidget(dialog)
    dialog.server_url.setText(url)
    dialog.join_server()
    assert dialog.ward is not None and dialog.result() == FirstRunDialog.CREATED
    dialog.ward.close()
    assert f"url = {url}" in settings_file().read_text(encoding="utf-8")
    assert str(default_db_path()) == url


def test_a_refusal_in_the_servers_own_language_still_turns_to_the_keyring():
    """The server words its refusal in its own language (lc_messages); libpq's flags say the
    same whatever the words, and only a refusal for the password turns to the keyring."""
    from types import SimpleNamespace

    from db.backends.postgresql.connection import _password_wanted

    class Refused(Exception):
        def __init__(self, text: str, needs: bool, used: bool):
            super().__init__(text)
            self.pgconn = SimpleNamespace(needs_password=needs, used_password=used)

    assert _password_wanted(Refused("xác thực mật khẩu thất bại", needs=False, used=True))
    assert _password_wanted(Refused("cần mật khẩu", needs=True, used=False))
    assert _password_wanted(Exception("fe_sendauth: no password supplied"))
    assert not _password_wanted(Refused("could not translate host name", needs=False, used=False))
    assert not _password_wanted(Exception("connection refused"))
