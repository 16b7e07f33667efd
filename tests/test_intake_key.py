"""A save retried after a lost COMMIT finds the dossier it made (issue 20, migration 0021).

The lost COMMIT is made real enough: the hook lets the database commit, then (on PostgreSQL)
has another connection terminate this one's server process and raises the driver's own
"server closed the connection" error, so the client holds a dead connection and no answer,
exactly as when the network fails between the server's COMMIT and its reply."""

import sqlite3
import uuid

import pytest
import sqlalchemy.exc
from sqlalchemy import func, select

from db.models import Dossier, DossierEvent
from tests.conftest import ON_SERVER
from wardapp.common.errors import ValidationError
from wardapp.dossiers.lifecycle.intake import IntakeData, intake


def form(key: str, name: str = "Trần Văn Bảy") -> IntakeData:
    return IntakeData("HT.02", name, phone="0912345678", intake_key=key)


def counts(ward) -> tuple[int, int]:
    with ward.read() as s:
        return (
            s.scalar(select(func.count()).select_from(Dossier)),
            s.scalar(select(func.count()).select_from(DossierEvent)),
        )


def lose_next_commit(ward, monkeypatch) -> list[int]:
    """The next COMMIT reaches the database, its answer never reaches the desk."""
    dialect = ward.engine.dialect
    real = dialect.do_commit
    lost: list[int] = []

    def commit_then_lose(dbapi_connection):
        real(dbapi_connection)
        monkeypatch.setattr(dialect, "do_commit", real)  # once
        lost.append(1)
        if ON_SERVER:
            import psycopg

            pid = dbapi_connection.driver_connection.info.backend_pid
            with psycopg.connect(dbname=ward.engine.url.database, autocommit=True) as other:
                other.execute("SELECT pg_terminate_backend(%s)", (pid,))
            raise psycopg.OperationalError("server closed the connection unexpectedly")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(dialect, "do_commit", commit_then_lose)
    return lost


def test_the_same_key_gives_back_the_dossier_already_saved(ward):
    key = str(uuid.uuid4())
    first = intake(ward, form(key), "canbo")
    again = intake(ward, form(key), "canbo")
    assert (again.id, again.code) == (first.id, first.code)
    assert counts(ward) == (1, 1)
    other = intake(ward, form(str(uuid.uuid4())), "canbo")  # a new form, a new dossier
    assert other.code != first.code
    assert counts(ward) == (2, 2)


def test_without_a_key_each_save_is_a_dossier(ward):
    """The CLI and imports send none; old rows have none: NULLs never collide."""
    intake(ward, IntakeData("HT.02", "Lê Thị Hoa"), "canbo")
    intake(ward, IntakeData("HT.02", "Lê Thị Hoa"), "canbo")
    with ward.read() as s:
        assert s.scalars(select(Dossier.intake_key)).all() == [None, None]


def test_a_key_that_is_no_uuid_is_refused_and_nothing_is_written(ward):
    with pytest.raises(ValidationError, match="không phải một UUID"):
        intake(ward, form("abc"), "canbo")
    assert counts(ward) == (0, 0)


def test_a_retry_after_a_lost_commit_finds_the_dossier_already_saved(ward, monkeypatch):
    key = str(uuid.uuid4())
    lost = lose_next_commit(ward, monkeypatch)
    with pytest.raises(sqlalchemy.exc.OperationalError) as caught:
        intake(ward, form(key), "canbo")
    assert lost == [1]
    assert "server closed" in str(caught.value) or "disk I/O" in str(caught.value)
    assert counts(ward) == (1, 1)  # the desk did not hear it, but the dossier is there
    retried = intake(ward, form(key), "canbo")
    assert counts(ward) == (1, 1)
    with ward.read() as s:
        saved = s.scalars(select(Dossier)).one()
    assert (retried.code, saved.intake_key) == (saved.code, key)
    assert retried.applicant_name == "Trần Văn Bảy"
