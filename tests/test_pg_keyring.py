"""A desk's password for the server in the operating system's keyring (Windows Credential
Manager) rather than a plain-text pgpass.conf: ``wardapp server password`` keeps it, and every
connection of the desk (the window's, the CLI's, a backup's pg_dump) finds it there (run by the
PostgreSQL pass, whose server asks for a password over TCP)."""

import os

import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy.engine import make_url

from db.backends.base import keyring_user
from db.engine import DatabaseError
from wardapp.cli import main as cli
from wardapp.office.store import Ward

pytestmark = pytest.mark.server_only


class Memory(KeyringBackend):
    """The keyring of a desk, held in memory for the test."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.entries.get((service, username))

    def set_password(self, service, username, password):
        self.entries[service, username] = password

    def delete_password(self, service, username):
        self.entries.pop((service, username), None)


@pytest.fixture
def memory():
    before = keyring.get_keyring()
    kept = Memory()
    keyring.set_keyring(kept)
    yield kept
    keyring.set_keyring(before)


def _count_tables(location) -> int:
    w = Ward.open(location)
    try:
        with w.read() as s:
            from sqlalchemy import text

            return s.scalar(text("SELECT count(*) FROM alembic_version"))
    finally:
        w.close()


def test_the_desk_password_is_kept_in_the_keyring_and_used(
    ward_location, memory, monkeypatch, capsys
):
    real = os.environ["PGPASSWORD"]
    monkeypatch.setenv("WARDAPP_DB_PASSWORD", real)
    assert cli(["--db", ward_location, "server", "password"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("đã ghi vào kho mật khẩu: wardapp-database / ")
    assert list(memory.entries.values()) == [real]
    (name,) = [user for _service, user in memory.entries]
    assert name.endswith(f"/{ward_location.rsplit('/', 1)[1]}")
    monkeypatch.delenv("PGPASSWORD")
    assert _count_tables(ward_location) == 1  # connected with the keyring's password alone
    memory.entries[next(iter(memory.entries))] = "sai-mat-khau"
    with pytest.raises(DatabaseError, match="password"):
        _count_tables(ward_location)


def test_an_empty_password_or_a_file_database_is_refused(
    ward_location, memory, monkeypatch, capsys
):
    monkeypatch.setenv("WARDAPP_DB_PASSWORD", "")
    assert cli(["--db", ward_location, "server", "password"]) == 1
    assert "Mật khẩu trống" in capsys.readouterr().err
    assert memory.entries == {}
    assert cli(["--db", "/tmp/x.sqlite3", "server", "password"]) == 1
    assert "máy chủ" in capsys.readouterr().err


def test_the_keyring_is_asked_only_when_the_server_refuses_libpqs_own_password(
    ward_location, memory, monkeypatch, tmp_path
):
    """A desk whose .pgpass answers never asks the keyring (finding its backend costs 0.3 s of
    every start); a stale .pgpass is then mended by the keyring's entry."""
    asked = []
    real_get = memory.get_password

    def get_password(service, username):
        asked.append(username)
        return real_get(service, username)

    monkeypatch.setattr(memory, "get_password", get_password)
    real = os.environ["PGPASSWORD"]
    monkeypatch.delenv("PGPASSWORD")
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:*:*:{real}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    assert _count_tables(ward_location) == 1
    assert asked == []  # libpq's .pgpass was enough
    pgpass.write_text("*:*:*:*:cu-roi\n")  # the password changed; the keyring holds the new one
    memory.entries["wardapp-database", keyring_user(make_url(ward_location))] = real
    assert _count_tables(ward_location) == 1
    assert len(asked) >= 1
    memory.entries.clear()  # neither answers: the server's refusal is what the desk is told
    with pytest.raises(DatabaseError, match="password"):
        _count_tables(ward_location)
