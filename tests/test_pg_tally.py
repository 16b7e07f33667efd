"""The register's counts of the whole register and of its status filters.  On a server they come
from ``dossier_tally`` (migration 0022), which triggers keep in each write's own transaction;
these tests hold it equal to the rows after every kind of write (an intake, a step, a bulk
insert, a delete) and show the register reads it instead of counting.  On SQLite the same
counts are ``count(*)`` and must give the same figures."""

import pytest
from conftest import ON_SERVER, as_demo, dt
from sqlalchemy import event, func, select, text

from db.backend import backend_for
from db.models import Dossier
from wardapp.common import now_local
from wardapp.dossiers import register as reg
from wardapp.dossiers.lifecycle import closing, processing
from wardapp.dossiers.lifecycle.intake import IntakeData, intake
from wardapp.setup import demo
from wardapp.setup.demo import DEMO_PASSWORD
from wardapp.trust import auth

STATUS_FILTERS = ((), ("returned",), ("withdrawn", "refused"), ("received", "in_progress"))


def _counted(ward, statuses: tuple[str, ...]) -> int:
    q = select(func.count()).select_from(Dossier)
    if statuses:
        q = q.where(Dossier.status.in_(statuses))
    with ward.read() as s:
        return s.scalar(q)


def _shown(ward, statuses: tuple[str, ...]) -> int:
    with ward.read() as s:
        return reg.count(s, reg.Filters(statuses=statuses), ward.rules(), now_local())


def _tally(ward) -> dict[str, int]:
    with ward.read() as s:
        rows = s.execute(text("SELECT status, n FROM dossier_tally WHERE n <> 0"))
        return dict(rows.all())


def _by_status(ward) -> dict[str, int]:
    with ward.read() as s:
        return dict(s.execute(select(Dossier.status, func.count()).group_by(Dossier.status)).all())


def _same(ward) -> None:
    for statuses in STATUS_FILTERS:
        assert _shown(ward, statuses) == _counted(ward, statuses), statuses
    if ON_SERVER:
        assert _tally(ward) == _by_status(ward)


def test_the_status_counts_equal_the_rows_after_every_kind_of_write(ward):
    demo.generate(as_demo(ward), dossiers=60, seed=3)
    _same(ward)
    assert _shown(ward, ()) == 60
    auth.sign_in(ward, "canbo1", DEMO_PASSWORD)  # the demo's desk
    d = intake(ward, IntakeData("HT.02", "Trần Thị Đào", received_at=dt("2026-11-20 09:15")), "a")
    _same(ward)
    processing.resolve(ward, d.code, "a", at=dt("2026-11-20 10:00"))
    _same(ward)
    closing.return_result(ward, d.code, "a", at=dt("2026-11-20 11:00"))
    _same(ward)
    assert _shown(ward, ("returned",)) >= 1
    cols = [c.name for c in Dossier.__table__.columns if c.name != "id"]
    fresh = {"uuid": "substr(uuid, 1, 30) || '-b'", "code": "code || '-b'", "intake_key": "NULL"}
    values = [fresh.get(c, c) for c in cols]
    with ward.write() as s:  # one statement, many rows of many statuses
        s.execute(
            text(f"INSERT INTO dossier ({', '.join(cols)}) SELECT {', '.join(values)} FROM dossier")
        )
    _same(ward)
    assert _shown(ward, ()) == 122
    with ward.write() as s:  # a statement moving many rows at once, both ways
        s.execute(text("UPDATE dossier SET status = 'withdrawn' WHERE code LIKE '%-b'"))
    _same(ward)
    assert _shown(ward, ("withdrawn", "refused")) >= 61
    with ward.write() as s:
        s.execute(text("DELETE FROM dossier WHERE code LIKE '%-b'"))
    _same(ward)
    assert _shown(ward, ()) == 61


def test_a_write_rolled_back_leaves_the_counts_as_they_were(ward):
    demo.generate(as_demo(ward), dossiers=20, seed=4)
    before = _shown(ward, ())
    with pytest.raises(RuntimeError), ward.write() as s:
        s.execute(text("UPDATE dossier SET status = 'refused'"))
        raise RuntimeError("the clerk's action failed")
    assert _shown(ward, ()) == before == 20
    _same(ward)


@pytest.mark.server_only
def test_the_register_reads_the_tally_instead_of_counting_the_rows(ward):
    """The first page of the whole register and of "Đã trả kết quả" runs no ``count(*)`` of
    the dossiers (120–160 ms a million); a filter the tally cannot answer still counts."""
    demo.generate(as_demo(ward), dossiers=30, seed=5)
    seen: list[str] = []
    shown = {}

    def note(_conn, _cursor, statement, *_):
        seen.append(statement)

    event.listen(ward.engine, "before_cursor_execute", note)
    try:
        with ward.read() as s:
            for f in (reg.Filters(), reg.Filters(statuses=("returned",))):
                n, rows = reg.first_page(s, f, ward.rules(), now_local(), limit=10)
                shown[f.statuses] = (n, len(rows))
        assert not [q for q in seen if "count(*)" in q and "dossier_tally" not in q]
        seen.clear()
        with ward.read() as s:
            reg.count(s, reg.Filters(late=True), ward.rules(), now_local())
        assert [q for q in seen if "count(*)" in q and "FROM dossier" in q]
    finally:
        event.remove(ward.engine, "before_cursor_execute", note)
    for statuses, (n, rows) in shown.items():
        assert n == _counted(ward, statuses) and rows == min(n, 10)
    assert shown[()][0] == 30
    returned = _counted(ward, ("returned",))
    with ward.read() as s:  # the figure shown is the tally's: a wrong tally would show
        s.execute(text("UPDATE dossier_tally SET n = n + 1000 WHERE status = 'returned'"))
        wrong = reg.count(s, reg.Filters(statuses=("returned",)), ward.rules(), now_local())
        s.rollback()
    assert wrong == returned + 1000


@pytest.mark.server_only
def test_verify_names_a_missing_tally_trigger_and_recount_mends_the_tally(ward):
    from db.backends.postgresql.tally import recount

    demo.generate(as_demo(ward), dossiers=25, seed=6)
    with ward.read() as s:
        assert backend_for(s).missing_triggers(s.connection()) == []
        s.execute(text("DROP TRIGGER dossier_tally_status ON dossier"))
        assert backend_for(s).missing_triggers(s.connection()) == ["dossier_tally_status"]
        s.rollback()
    with ward.write() as s:  # as a load with the triggers off leaves it
        s.execute(text("DELETE FROM dossier_tally"))
    assert _shown(ward, ()) == 0
    with ward.engine.begin() as conn:
        recount(conn)
    assert _shown(ward, ()) == 25
    _same(ward)


def test_sqlite_keeps_no_tally_and_counts(ward):
    with ward.read() as s:
        kept = backend_for(s).status_count(s, ("returned",))
    assert (kept is not None) == ON_SERVER
