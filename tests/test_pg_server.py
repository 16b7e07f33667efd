"""What only a PostgreSQL office database does, and what it must do exactly as SQLite does
(run by the PostgreSQL pass: WARDAPP_TEST_PG=1 under pg_virtualenv, see .ci/run)."""

import json
import re
import threading
import time

import pytest
from conftest import AGENCY, as_demo
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from db.backend import DuplicateKey, backend_for, insert_rows, next_counter
from db.engine import DatabaseError
from db.models import Counter
from wardapp.calendar import periods
from wardapp.exchange import rows as R
from wardapp.indicators.report import build_report
from wardapp.office.store import Ward
from wardapp.setup import demo
from wardapp.setup.office import init_office

pytestmark = pytest.mark.server_only

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
HASH = re.compile(r"\b[0-9a-f]{64}\b")


def test_the_history_is_append_only_on_the_server(ward):
    demo.generate(as_demo(ward), dossiers=5, seed=3)
    for sql in ("UPDATE dossier_event SET actor = 'x'", "DELETE FROM dossier_event"):
        with pytest.raises(DBAPIError, match="append-only"), ward.write() as s:
            s.execute(text(sql))
    with pytest.raises(DBAPIError, match="append-only"), ward.write() as s:
        s.execute(text("TRUNCATE dossier_event CASCADE"))
    with ward.read() as s:
        assert backend_for(s).missing_triggers(s.connection()) == []
        assert s.scalar(text("SELECT count(*) FROM dossier_event")) > 5


def test_a_write_holds_the_office_lock_until_it_commits(ward):
    """A second desk's write waits for the first even when they touch no common row (the
    code counter and the chain read, then write); a read does not wait."""
    order = []
    first_in = threading.Event()

    def second():
        first_in.wait()
        with ward.write() as s:
            order.append(("second", next_counter(s, Counter.__table__, "other")))

    t = threading.Thread(target=second)
    t.start()
    with ward.write() as s:
        order.append(("first", next_counter(s, Counter.__table__, "k")))
        first_in.set()
        with ward.read() as r:  # a reader is not held
            waiting = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
            deadline = time.monotonic() + 10  # until the second desk queues (or would not)
            while not r.scalar(text(waiting)) and not order[1:] and time.monotonic() < deadline:
                time.sleep(0.02)
        order.append(("first commits", None))
    t.join()
    assert order == [("first", 1), ("first commits", None), ("second", 1)]


def test_a_duplicate_key_names_its_columns(ward):
    """From the constraint's name (the server's message may be in any language): a primary
    key, and a unique column whose constraint PostgreSQL named itself."""
    with pytest.raises(DuplicateKey) as caught, ward.write() as s:
        insert_rows(s, "counter", ("key", "value"), [("k", 1), ("k", 2)])
    assert caught.value.columns == ["key"]
    day = ("2026-12-31", "holiday", "Nghỉ", "QĐ 1/2026", "office")
    with pytest.raises(DuplicateKey) as caught, ward.write() as s:
        insert_rows(
            s, "calendar_override", ("day", "kind", "description", "legal_basis", "source"), [day]
        )
        insert_rows(
            s, "calendar_override", ("day", "kind", "description", "legal_basis", "source"), [day]
        )
    assert caught.value.columns == ["day"]


def test_nul_bytes_are_refused_with_a_message(ward):
    from wardapp.dossiers.lifecycle.intake import IntakeData, intake

    with pytest.raises(DatabaseError, match="ký tự NUL"):
        intake(ward, IntakeData(procedure_code="1.001193", applicant_name="Lan\x00"), actor="a")


def test_biểu_06_and_the_weeks_package_lines_are_the_same_on_both_engines(ward, tmp_path):
    """The same demo office on SQLite and on the server: the report is equal, and each JSON
    line of the export is equal once the random parts of UUIDs and the hashes over them are
    set aside (timestamps with their offset, flags, lists, masked fields)."""
    local = Ward.open(tmp_path / "same.sqlite3")
    for w in (ward, local):
        if w is local:
            init_office(w, name="Phường Xuân An", agency_code=AGENCY, year=2026)
        demo.generate(as_demo(w), dossiers=120, seed=11)
    period = periods.year(2026)
    reports = []
    lines = []
    for w in (local, ward):
        with w.read() as s:
            reports.append(build_report(s, period).as_dict())
            backend = backend_for(s)
            found = {}
            for member in ("dossiers", "events", "apologies"):
                for policy in ("full", "mask", "omit"):
                    got = backend.json_lines(s, R.json_lines(member, policy), None)
                    found[member, policy] = sorted(HASH.sub("H", UUID.sub("U", x)) for x in got)
            lines.append(found)
    local.close()
    assert reports[0] == reports[1]
    assert reports[0]["total"]["received_total"] > 0
    for key, got in lines[0].items():
        assert lines[1][key] == got, key
    sample = json.loads(lines[1]["dossiers", "full"][0])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?(\.\d+)?\+07:00", sample["received_at"])


def test_a_server_database_is_backed_up_as_a_dump_that_restores(ward, tmp_path):
    import subprocess

    import psycopg

    from wardapp.trust import auth, backup

    demo.generate(as_demo(ward), dossiers=30, seed=5)
    auth.sign_in(ward, "quantri", "demo1234")  # the demo's administrator
    made = backup.backup_now(ward, tmp_path)
    assert made.name.endswith(".dump") and made.read_bytes()[:5] == b"PGDMP"
    assert [b.path for b in backup.list_backups(made.parent)] == [made]
    assert backup.backup_if_due(ward) is None  # no daily dump from every desk
    with pytest.raises(Exception, match="khôi phục nó bằng công cụ của máy chủ"):
        backup.restore(ward, made)
    scratch = f"{ward.engine.url.database}_restored"
    with psycopg.connect(dbname="postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {scratch}")
    try:
        done = subprocess.run(
            ["pg_restore", "--no-owner", "-d", scratch, str(made)], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        with psycopg.connect(dbname=scratch) as conn:
            restored = conn.execute("SELECT count(*), max(code) FROM dossier").fetchone()
        with ward.read() as s:
            assert restored == tuple(
                s.execute(text("SELECT count(*), max(code) FROM dossier")).one()
            )
        assert restored[0] == 30
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {scratch} WITH (FORCE)")
