"""The write lock's probe (``Backend.write_lock_busy``) and the desk's notice while a save
waits for it, on both engines: on SQLite another connection's ``BEGIN IMMEDIATE``, on
PostgreSQL another session's advisory lock of the office (``pg_locks``)."""

import sqlite3

import pytest
from sqlalchemy import event, select, text

from db.backend import backend_for
from db.backends.postgresql.connection import TRY_LOCK
from db.models import Dossier
from wardapp.dossiers.lifecycle.intake import IntakeData, intake
from wardapp.office.store import WAITING

JOB = (
    "INSERT INTO import_job (kind, file_name, sha256, total, done, actor, started_at) "
    "VALUES ('logbook', 'so-cu.xlsx', 'x', 40000, 6000, 'canbo2', '2026-12-15 11:00:00')"
)


class Holder:
    """Another program (an import's batch, a second desk) holding the office's write lock."""

    def __init__(self, ward):
        self.server = ward.on_server
        if self.server:
            import psycopg

            from db.backends.postgresql.connection import WRITE_LOCK_KEY

            self.conn = psycopg.connect(dbname=ward.engine.url.database, autocommit=True)
            self.conn.execute(JOB)
            self.conn.execute("BEGIN")
            self.conn.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
        else:
            self.conn = sqlite3.connect(ward.path, isolation_level=None)
            self.conn.execute(JOB)
            self.conn.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()


def busy(ward) -> bool:
    with ward.read() as s:
        return backend_for(s).write_lock_busy(s.connection())


def test_the_probe_sees_another_holder_and_not_its_own_session(ward):
    assert busy(ward) is False
    holder = Holder(ward)
    try:
        assert busy(ward) is True
        holder.release()
        assert busy(ward) is False
        with ward.write() as s:  # the lock this session holds is not "another's"
            assert backend_for(s).write_lock_busy(s.connection()) is False
    finally:
        holder.close()


def test_a_save_waiting_for_the_lock_is_told_and_then_goes_through(ward):
    """The notice's own callback releases the lock (no clock in the test): the save is told
    why it waits, names the running import, and is written once the lock is free."""
    holder = Holder(ward)
    shown: list[str] = []

    def notice(text: str) -> None:
        shown.append(text)
        if text:
            holder.release()

    ward.on_wait = notice
    try:
        code = intake(ward, IntakeData("HT.02", "Người chờ"), "canbo1").code
    finally:
        holder.close()
    assert shown == [f"{WAITING} (so-cu.xlsx: 6000/40000 hồ sơ)", ""]
    with ward.read() as s:
        assert s.scalar(select(Dossier.applicant_name).where(Dossier.code == code)) == "Người chờ"


def test_a_free_lock_shows_nothing(ward):
    shown: list[str] = []
    ward.on_wait = shown.append
    intake(ward, IntakeData("HT.02", "Người không chờ"), "canbo1")
    assert shown == []


def test_the_window_says_why_a_save_waits_on_either_engine(qtbot, ward):
    """The window's status bar (``ui.lock_wait``) carries the notice while the save waits for
    another holder, here a second desk's session on the server as well as a file's writer."""
    from ui import lock_wait
    from ui.qt import QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    window.ward = ward
    window.statusBar().showMessage("Phường Xuân An")
    lock_wait.install(window)
    installed, during = ward.on_wait, []
    holder = Holder(ward)

    def watched(text: str) -> None:
        installed(text)
        if text:
            during.append(window.statusBar().currentMessage())
            holder.release()

    ward.on_wait = watched
    try:
        intake(ward, IntakeData("HT.02", "Người chờ"), "canbo1")
    finally:
        holder.close()
    assert during == [f"{WAITING} (so-cu.xlsx: 6000/40000 hồ sơ)"]
    assert window.statusBar().currentMessage() == "Phường Xuân An"


def _statements(ward, during) -> list[str]:
    seen: list[str] = []

    def note(_conn, _cursor, statement, *_):
        seen.append(statement)
        during(statement)

    event.listen(ward.engine, "before_cursor_execute", note)
    return seen


@pytest.mark.server_only
def test_a_free_lock_is_taken_by_the_first_statement_without_reading_pg_locks(ward):
    """A desk's save on a server: one round trip takes the lock (no probe of ``pg_locks``
    first, as every save used to make), and its transaction keeps the usual lock timeout."""
    ward.on_wait = [].append
    seen = _statements(ward, lambda _sql: None)
    with ward.write() as s:
        held = s.scalar(
            text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid()"
            )
        )
        timeout = s.scalar(text("SHOW lock_timeout"))
    assert held == 1 and timeout == "10s"
    assert [q for q in seen if "pg_advisory" in q or "pg_try_advisory" in q] == [TRY_LOCK]
    assert not [q for q in seen if "pg_locks" in q and "pg_backend_pid()" not in q]


@pytest.mark.server_only
def test_a_save_queued_behind_another_desk_gets_the_lock_when_it_commits(ward):
    """The other desk COMMITs while this save is queued: no notice, the save is written,
    and the short wait's lock timeout does not outlive the wait."""
    holder = Holder(ward)
    shown: list[str] = []
    ward.on_wait = shown.append

    def release_once_refused(sql: str) -> None:
        if sql == TRY_LOCK:  # refused: the other desk holds it; it commits meanwhile
            holder.release()

    _statements(ward, release_once_refused)
    try:
        with ward.write() as s:
            timeout = s.scalar(text("SHOW lock_timeout"))
        code = intake(ward, IntakeData("HT.02", "Người xếp hàng"), "canbo1").code
    finally:
        holder.close()
    assert shown == [] and timeout == "10s"
    with ward.read() as s:
        assert s.scalar(select(Dossier.applicant_name).where(Dossier.code == code)) == (
            "Người xếp hàng"
        )
