"""The desk survives the network (issue 20): the connection is lost in the middle of an intake's
save, after the database committed it and before the desk heard so.  The clerk sees the red
badge and the message, keeps what was typed, and once the database answers again the save is
sent again by itself and finds the dossier already there: exactly one dossier.

On PostgreSQL the outage is the server's own: the hook lets the COMMIT through, then closes the
database to new connections and terminates its sessions (this one included) before the desk
reads the answer; it reopens when the test says the server is back.  On SQLite the same story
is told with the driver's errors (a file has no network to lose)."""

import sqlite3

import pytest

pytest.importorskip("PySide6")

from sqlalchemy import func, select  # noqa: E402

from db.models import Dossier, DossierEvent  # noqa: E402
from tests.conftest import ON_SERVER, _server, open_desk  # noqa: E402
from ui.desk_line import LOST  # noqa: E402


class Outage:
    """The database unreachable from ``start`` until ``end``."""

    def __init__(self, ward, monkeypatch):
        self.ward, self.monkeypatch, self.down = ward, monkeypatch, False
        self.name = ward.engine.url.database
        real_ping = ward.ping

        def ping():
            if self.down and not ON_SERVER:
                raise sqlite3.OperationalError("unable to open database file")
            real_ping()

        monkeypatch.setattr(ward, "ping", ping)

    def start(self, dbapi_connection) -> None:
        self.down = True
        if ON_SERVER:
            _server(f"ALTER DATABASE {self.name} ALLOW_CONNECTIONS false")
            _server(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                f"WHERE datname = '{self.name}'"
            )
            import psycopg

            raise psycopg.OperationalError("server closed the connection unexpectedly")
        raise sqlite3.OperationalError("disk I/O error")

    def end(self) -> None:
        self.down = False
        if ON_SERVER:
            _server(f"ALTER DATABASE {self.name} ALLOW_CONNECTIONS true")

    def after_next_commit(self) -> None:
        dialect = self.ward.engine.dialect
        real = dialect.do_commit

        def commit_then_lose(dbapi_connection):
            real(dbapi_connection)
            self.monkeypatch.setattr(dialect, "do_commit", real)
            self.start(dbapi_connection)

        self.monkeypatch.setattr(dialect, "do_commit", commit_then_lose)


def dossiers(ward) -> tuple[int, int]:
    with ward.read() as s:
        return (
            s.scalar(select(func.count()).select_from(Dossier)),
            s.scalar(select(func.count()).select_from(DossierEvent)),
        )


@pytest.fixture
def window(qtbot, ward, monkeypatch):
    w = open_desk(qtbot, ward, monkeypatch, dossiers=5, seed=3, background=False)
    w.show()
    w.desk_line.retry.setInterval(50)
    yield w
    w.close()  # before the ward's database goes (on a server it is dropped)


def test_connection_lost_mid_save_keeps_the_form_and_saves_once_when_back(qtbot, window):
    ward, line = window.ward, window.desk_line
    outage = Outage(ward, qtbot._request.getfixturevalue("monkeypatch"))
    before = dossiers(ward)
    window.nav.setCurrentRow(1)
    page = window.intake
    page.proc_box.setCurrentIndex(page.proc_box.findData("HT.02"))
    page.name.setText("Phạm Thị Mất Mạng")
    page.phone.setText("0912345678")
    page.address.setText("12 Lê Lợi")
    key = page.intake_key
    outage.after_next_commit()
    page.save()
    # the database committed, the desk did not hear: the badge, the message, the form as typed
    if not ON_SERVER:  # (a server closed to connections cannot be asked)
        assert dossiers(ward) == (before[0] + 1, before[1] + 1)
    assert line.badge.isVisible() and not line.online
    assert window.statusBar().currentMessage() == LOST
    assert LOST in page.result.text()
    assert (page.name.text(), page.phone.text(), page.address.text()) == (
        "Phạm Thị Mất Mạng",
        "0912345678",
        "12 Lê Lợi",
    )
    assert page.intake_key == key and page.last_code is None
    assert len(line.pending) == 1 and window.messages == []
    outage.end()  # the server is back: the badge clears, the save goes again by itself
    qtbot.waitUntil(lambda: line.online and page.last_code is not None, timeout=10000)
    assert not line.badge.isVisible()
    assert dossiers(ward) == (before[0] + 1, before[1] + 1)  # one dossier, one history entry
    with ward.read() as s:
        d = s.scalars(select(Dossier).where(Dossier.intake_key == key)).one()
    assert (d.code, d.applicant_name) == (page.last_code, "Phạm Thị Mất Mạng")
    assert d.code in page.result.text() and page.name.text() == ""
    assert page.intake_key != key  # the next citizen's form has its own key
    assert window.messages == []


def test_a_failure_of_the_action_itself_is_no_lost_connection(qtbot, window, monkeypatch):
    """A refusal (the database answered) is told as before: no badge, nothing kept pending."""
    from wardapp.common import WardError

    line = window.desk_line

    def refused(*_a, **_k):
        raise WardError("Thủ tục đã ngừng áp dụng")

    window.nav.setCurrentRow(1)
    page = window.intake
    monkeypatch.setattr("ui.pages.intake.intake", refused)
    page.proc_box.setCurrentIndex(page.proc_box.findData("HT.02"))
    page.name.setText("Lê Văn Từ Chối")
    page.save()
    assert window.messages == ["Thủ tục đã ngừng áp dụng"]
    assert line.online and not line.badge.isVisible() and line.pending == []
    assert page.name.text() == "Lê Văn Từ Chối"
