"""``wardapp server migrate --from FILE.sqlite3``: an office's file moved onto the server,
verified before the commit (rows, hash chain, Biểu 06), nothing written when anything fails."""

import pytest
from conftest import AGENCY

from db import transfer
from db.engine import open_database
from wardapp.cli import main as cli
from wardapp.common.errors import WardError
from wardapp.dossiers.lifecycle.intake import IntakeData, intake
from wardapp.office.store import Ward
from wardapp.setup import demo, server
from wardapp.setup.office import init_office
from wardapp.trust import auth

pytestmark = pytest.mark.server_only
PW = "demo1234"


@pytest.fixture
def office_file(tmp_path):
    path = tmp_path / "xuan-an.sqlite3"
    w = Ward.open(path)
    init_office(w, name="Phường Xuân An", agency_code=AGENCY, year=2026)
    auth.add_account(w, "quantri", "Phạm Minh Quân", "admin", PW)
    auth.sign_in(w, "quantri", PW)
    auth.add_account(w, "lan", "Trần Thị Lan", "clerk", PW)
    auth.sign_in(w, "lan", PW)
    from wardapp.office.identity import mark_demo

    mark_demo(w)
    demo.generate(w, dossiers=150, seed=7)
    w.close()
    return path


def signed_in(path, who="quantri") -> Ward:
    w = Ward.open(path)
    auth.sign_in(w, who, PW)
    return w


def test_the_file_arrives_whole_and_the_server_carries_on(office_file, ward_location):
    source = signed_in(office_file)
    before = transfer.table_counts(source.engine)
    moved = server.move_to_server(source, ward_location)
    source.close()
    assert moved.rows == before and before["dossier"] == 150
    assert moved.years == [2025, 2026]
    on_server = Ward.open(ward_location)
    assert transfer.table_counts(on_server.engine) == before
    auth.sign_in(on_server, "lan", PW)
    d = intake(on_server, IntakeData("1.001193", "Lê Thị Hoa"), actor="lan")  # ids, counters go on
    with on_server.read() as s:
        assert s.get(type(d), d.id).code == d.code
    on_server.close()


def test_a_server_database_with_an_office_is_refused_and_left_alone(office_file, ward_location):
    w = Ward.open(ward_location)
    init_office(w, name="Phường Khác", agency_code="000.23.31.H27", year=2026)
    before = transfer.table_counts(w.engine)
    w.close()
    source = signed_in(office_file)
    with pytest.raises(Exception, match="đã có dữ liệu của một cơ quan"):
        server.move_to_server(source, ward_location)
    source.close()
    engine = open_database(ward_location)
    assert transfer.table_counts(engine) == before
    engine.dispose()


def test_a_failure_half_way_leaves_the_server_empty(office_file, ward_location, monkeypatch):
    engine = open_database(ward_location)
    empty = transfer.table_counts(engine)
    real = transfer.bulk_insert

    def failing(s, table, rows):
        if table.name == "dossier_event":
            raise OSError("mạng bị ngắt")
        real(s, table, rows)

    monkeypatch.setattr(transfer, "bulk_insert", failing)
    source = signed_in(office_file)
    with pytest.raises(OSError, match="mạng bị ngắt"):
        server.move_to_server(source, ward_location)
    assert transfer.table_counts(engine) == empty and empty["dossier"] == 0
    # a check that finds a difference rolls back the same way
    monkeypatch.setattr(transfer, "bulk_insert", real)
    answers = iter([([], {}), ([], {2026: {}})])  # the file's, then the server's
    monkeypatch.setattr(server, "_fingerprint", lambda s: next(answers))
    with pytest.raises(WardError, match="Biểu 06 trên máy chủ khác"):
        server.move_to_server(source, ward_location)
    assert transfer.table_counts(engine) == empty
    source.close()
    engine.dispose()


def test_only_an_administrator_moves_the_office(office_file, ward_location, capsys, monkeypatch):
    monkeypatch.setenv("WARDAPP_PASSWORD", PW)
    source = signed_in(office_file, "lan")
    with pytest.raises(auth.PermissionDenied):
        server.move_to_server(source, ward_location)
    source.close()
    args = ["--db", ward_location, "--user", "quantri", "server", "migrate", "--from"]
    assert cli([*args, str(office_file.with_name("none.sqlite3"))]) == 1
    assert "Không có tệp dữ liệu" in capsys.readouterr().err


def test_server_init_makes_the_office_its_administrator_and_a_desk_role(
    ward_location, monkeypatch, capsys
):
    """The desk role reads and writes the register and only adds to the histories: the server
    refuses it a DELETE of an event, an edit of the administration chain or a change of the
    schema, whatever the triggers say."""
    import os

    import psycopg
    from sqlalchemy.engine import make_url

    role = f"desk_{os.getpid()}"
    database = make_url(ward_location).database
    with psycopg.connect(dbname="postgres", autocommit=True) as conn:
        # the password libpq already has (pg_virtualenv's PGPASSWORD), as a desk's .pgpass would
        conn.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{os.environ.get('PGPASSWORD', '')}'")
    monkeypatch.setenv("WARDAPP_NEW_PASSWORD", "matkhau-quantri")
    try:
        args = ["--db", ward_location, "server", "init", "--office-name", "Phường Xuân An"]
        args += ["--office-code", AGENCY, "--admin", "quantri", "--admin-name", "Phạm Minh Quân"]
        assert cli([*args, "--desk-role", role]) == 0
        assert f"vai trò {role}" in capsys.readouterr().out
        w = Ward.open(ward_location)
        auth.sign_in(w, "quantri", "matkhau-quantri")
        assert w.user.role == "admin"
        w.close()
        desk = Ward.open(ward_location.replace(":///", f"://{role}@/"))
        auth.sign_in(desk, "quantri", "matkhau-quantri")
        auth.add_account(desk, "lan", "Trần Thị Lan", "clerk", PW)
        auth.sign_in(desk, "lan", PW)
        made = intake(desk, IntakeData("1.001193", "Lê Thị Hoa"), actor="lan")
        desk.close()
        with psycopg.connect(dbname=database, user=role) as conn:
            assert conn.execute("SELECT code FROM dossier").fetchall() == [(made.code,)]
            refused = ("DELETE FROM dossier_event", "DROP TABLE counter", "DELETE FROM admin_event")
            for sql in (*refused, "UPDATE admin_event SET actor = 'x'"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(sql)
                conn.rollback()
        # a second run (another desk role) needs the administrator signed in
        monkeypatch.delenv("WARDAPP_PASSWORD", raising=False)
        monkeypatch.setattr("sys.stdin.isatty", lambda: False)
        assert cli(args) == 1
        assert "đăng nhập" in capsys.readouterr().err
    finally:
        with psycopg.connect(dbname=database, autocommit=True) as conn:
            conn.execute(f"DROP OWNED BY {role}")
        with psycopg.connect(dbname="postgres", autocommit=True) as conn:
            conn.execute(f"DROP ROLE {role}")
