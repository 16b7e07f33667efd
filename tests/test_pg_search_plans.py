"""PostgreSQL's own first page for a search on awkward values (ties, case, %, _ and \\,
short terms, an empty register), and the forced trigram read: a failure inside it is reported
as itself (a lost server, a timeout), and its planner switches never outlive the search."""

import pytest
from conftest import _server, as_demo
from sqlalchemy import event, text

from wardapp.common import may_be_disconnection, now_local
from wardapp.dossiers import register as reg
from wardapp.setup import demo

pytestmark = pytest.mark.server_only


def _plain(s, f, rules, limit, descending):
    n = reg.count(s, f, rules, now_local())
    rows = reg.page(s, f, rules, now_local(), offset=0, limit=limit, descending=descending)
    return n, [r.id for r in rows]


def _crafted(ward) -> None:
    """300 demo dossiers, then the awkward values: received_at bunched into ties, names and
    codes holding %, _ and a backslash, upper-case codes, empty phone and ID."""
    demo.generate(as_demo(ward), dossiers=300, seed=7)
    with ward.write() as s:
        s.execute(text("UPDATE dossier SET received_at = date_trunc('month', received_at)"))
        s.execute(text("UPDATE dossier SET applicant_name_folded = 'ab%cd' WHERE id % 17 = 0"))
        s.execute(text("UPDATE dossier SET applicant_name_folded = 'ab_cd' WHERE id % 19 = 0"))
        s.execute(text("UPDATE dossier SET applicant_name_folded = 'ab\\cd' WHERE id % 23 = 0"))
        s.execute(text("UPDATE dossier SET code = upper(code) || '-QXZ' WHERE id % 5 = 0"))
        s.execute(text("UPDATE dossier SET phone = '', applicant_id = '' WHERE id % 3 = 0"))


TERMS = ["b%c", "b_c", "b\\c", "ab%", "qxz", "QXZ", "thi", "nguyen", "Nguyễn", "đặng", "000", "zzz"]


@pytest.mark.parametrize("descending", [True, False])
def test_first_page_equals_the_plain_query_on_awkward_values(ward, descending):
    _crafted(ward)
    rules = ward.rules()
    with ward.read() as s:
        for term in TERMS:
            f = reg.Filters(search=term)
            for limit in (1, 7, 50):
                for counted in (True, False):
                    n, rows = reg.first_page(
                        s,
                        f,
                        rules,
                        now_local(),
                        limit=limit,
                        descending=descending,
                        counted=counted,
                    )
                    pn, pids = _plain(s, f, rules, limit, descending)
                    assert [r.id for r in rows] == pids, (term, limit, counted)
                    assert n == pn if counted else n in (None, pn), (term, limit, n, pn)


def test_first_page_of_an_empty_register(ward):
    with ward.read() as s:
        for d in (True, False):
            assert reg.first_page(
                s,
                reg.Filters(search="abc"),
                ward.rules(),
                now_local(),
                limit=50,
                descending=d,
                counted=False,
            ) == (0, [])


def _killing(ward, pid: int):
    """Terminate the session's backend just before its first ILIKE statement runs (the
    network or the server gone in the middle of the forced trigram read)."""
    fired = []

    def kill(conn, cursor, statement, *_a):
        if "ILIKE" in statement and not fired:
            fired.append(True)
            _server(f"SELECT pg_terminate_backend({pid}, 5000)")

    event.listen(ward.engine, "before_cursor_execute", kill)
    return kill


def test_a_connection_lost_in_the_forced_read_still_looks_lost(ward):
    """ui.desk_line shows the LOST badge (and retries) only for failures that
    ``may_be_disconnection`` recognises; ``_from_trigrams``' restore, run on the dead
    connection in its ``finally``, replaces the OperationalError with another exception."""
    from db.backends.postgresql import search as server_search

    demo.generate(as_demo(ward), dossiers=60, seed=1)
    with ward.read() as s:
        pid = s.scalar(text("SELECT pg_backend_pid()"))
        kill = _killing(ward, pid)
        try:
            with pytest.raises(Exception) as got:
                server_search.count(s, "nguyen", 100)
        finally:
            event.remove(ward.engine, "before_cursor_execute", kill)
    assert may_be_disconnection(got.value), repr(got.value)


def test_a_timeout_in_the_forced_read_is_reported_as_itself(ward):
    """A statement cut by the server (here lock_timeout; statement_timeout alike): the caller
    should get that error, not "current transaction is aborted" from the restore."""
    import psycopg

    from db.backends.postgresql import search as server_search

    demo.generate(as_demo(ward), dossiers=60, seed=1)
    holder = psycopg.connect(dbname=ward.engine.url.database)
    try:
        holder.execute("LOCK TABLE dossier IN ACCESS EXCLUSIVE MODE")
        with ward.read() as s:
            s.execute(text("SET LOCAL lock_timeout = '300ms'"))
            with pytest.raises(Exception) as got:
                server_search.count(s, "nguyen", 100)
    finally:
        holder.rollback()
        holder.close()
    assert "lock timeout" in str(got.value), repr(got.value)
    assert may_be_disconnection(got.value)  # OperationalError, as the query itself raised


def test_the_switches_never_outlive_the_search(ward):
    """After a search, whatever happened inside, later queries plan normally."""
    from db.backends.postgresql import search as server_search

    demo.generate(as_demo(ward), dossiers=60, seed=1)
    with ward.read() as s:
        server_search.first_page(s, "zzz", 50, True, 10)
        server_search.count(s, "nguyen", 5)
        assert s.execute(text("SHOW enable_seqscan")).scalar() == "on"
        assert s.execute(text("SHOW enable_indexscan")).scalar() == "on"
    with ward.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        server_search.count(c, "nguyen", 5)
        assert c.execute(text("SHOW enable_seqscan")).scalar() == "on"
