"""Issue 16's share: formula payloads in every spreadsheet writer; the demo generator and restore
keep foreign data out of an office's real file; each database rotates only its own backups.
(Sign-in answers that do not tell which accounts exist: tests/test_trust.py.)"""

import csv
import io
import os
import sqlite3
import subprocess
import sys
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from db.identity import read_file_identity
from db.models import Dossier
from tests.conftest import AGENCY, dt, public_key
from wardapp.calendar import periods
from wardapp.catalogue.procedures import save_procedure
from wardapp.common import inert
from wardapp.common.errors import WardError
from wardapp.common.sheets import read_rows
from wardapp.dossiers.lifecycle.intake import IntakeData, intake
from wardapp.dossiers.logbook import COLUMNS, export_logbook, import_logbook
from wardapp.exchange.city.importing import import_packages
from wardapp.exchange.city.wards import add_ward
from wardapp.exchange.export import export_package
from wardapp.indicators.report import build_report
from wardapp.indicators.report_xlsx import write_report_xlsx
from wardapp.office.identity import database_identity, is_demo
from wardapp.office.store import Ward
from wardapp.setup import demo
from wardapp.setup.office import init_office
from wardapp.trust import auth, backup

PAYLOAD = "=cmd|' /C calc'!A0"


@pytest.fixture
def hostile(ward):
    """A ward whose catalogue has a procedure field, and whose one dossier a name and a note,
    that a spreadsheet would run."""
    save_procedure(
        ward,
        {
            "code": "X.01",
            "effective_from": date(2026, 1, 1),
            "name": "Thủ tục thử",
            "field": PAYLOAD,
            "limit_days": 3,
            "legal_basis": "Thử",
        },
    )
    intake(
        ward,
        IntakeData("X.01", PAYLOAD, received_at=dt("2026-12-14 09:00"), note="@SUM(1+1)"),
        "canbo1",
    )
    intake(
        ward,
        IntakeData("X.01", "-2+3", received_at=dt("2026-12-14 10:00"), note=PAYLOAD),
        "canbo1",
    )
    return ward


def xlsx_text_cells(data: bytes, wanted: str) -> list:
    """Every cell of every sheet holding ``wanted``, read back as stored (formulas not
    evaluated); the raw sheets must carry no formula element at all."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name
    wb = load_workbook(io.BytesIO(data))
    return [c for ws in wb for row in ws.iter_rows() for c in row if c.value == wanted]


def assert_inert(data: bytes, *texts: str) -> None:
    for t in texts:
        cells = xlsx_text_cells(data, t)
        assert cells, t
        assert {(c.data_type, c.quotePrefix) for c in cells} == {("s", True)}, t


def test_helper_marks_only_formula_like_text():
    for start in "=+-@\t\r":
        assert inert.csv_value(start + "1") == "'" + start + "1"
        assert inert.from_csv("'" + start + "1") == start + "1"
    for value in (-5, -2.5, 0, "Nguyễn Văn A", "'trích dẫn", "", None, "0912345678"):
        assert inert.csv_value(value) == value
        assert inert.from_csv(value) == value
    wb = Workbook()
    ws = wb.active
    ws.append([-5, -2.5, "-5", "+84912345678", "\tx", "\rx", "thường"])
    inert.xlsx_sheet(ws)
    buf = io.BytesIO()
    wb.save(buf)
    row = next(load_workbook(buf).active.iter_rows())
    assert [(c.value, c.data_type) for c in row] == [
        (-5, "n"),
        (-2.5, "n"),
        ("-5", "s"),
        ("+84912345678", "s"),
        ("\tx", "s"),
        ("\nx", "s"),  # XML reads a stored CR back as LF
        ("thường", "s"),
    ]
    assert [c.quotePrefix for c in row] == [False, False, True, True, True, True, False]


def test_logbook_csv_export_marks_formula_text_and_reads_back_unchanged(hostile, tmp_path):
    out = tmp_path / "so.csv"
    assert export_logbook(hostile, out) == 2
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"), newline="")))
    name, note, field = (COLUMNS.index(k) for k in ("applicant_name", "note", "field"))
    by_name = {r[name]: r for r in rows[1:]}
    assert set(by_name) == {"'" + PAYLOAD, "'-2+3"}
    assert by_name["'" + PAYLOAD][note] == "'@SUM(1+1)"
    assert by_name["'-2+3"][note] == "'" + PAYLOAD
    assert {r[field] for r in rows[1:]} == {"'" + PAYLOAD}
    # the import (any spreadsheet read) takes the apostrophe off again: a lossless round trip
    read = [r for _, r in read_rows(out)][1:]
    assert sorted(r[name] for r in read) == sorted([PAYLOAD, "-2+3"])
    other = Ward.open(tmp_path / "copy.sqlite3")
    init_office(other, name="Phường Xuân An", agency_code=AGENCY)
    assert import_logbook(other, out).ok
    with other.read() as s:
        assert sorted((d.applicant_name, d.note) for d in s.query(Dossier)) == sorted(
            [(PAYLOAD, "@SUM(1+1)"), ("-2+3", PAYLOAD)]
        )
    other.close()


def test_logbook_xlsx_export_writes_string_cells(hostile, tmp_path):
    out = tmp_path / "so.xlsx"
    assert export_logbook(hostile, out) == 2
    assert_inert(out.read_bytes(), PAYLOAD, "-2+3", "@SUM(1+1)")


def test_bieu_06_keeps_field_names_as_text_and_numbers_as_numbers(hostile, tmp_path):
    with hostile.read() as s:
        report = build_report(s, periods.year(2026))
    out = write_report_xlsx(report, tmp_path / "b06.xlsx", "Phường Xuân An")
    assert_inert(out.read_bytes(), PAYLOAD)
    ws = load_workbook(out).active
    row = next(r for r in ws.iter_rows() if r[1].value == PAYLOAD)
    assert [(c.value, c.data_type) for c in row[:3]] == [(1, "n"), (PAYLOAD, "s"), (2, "n")]


def test_package_summary_and_city_report_keep_a_wards_payload_inert(hostile, tmp_path):
    pkg = export_package(hostile, tmp_path / "out").path
    with zipfile.ZipFile(pkg) as z:
        assert_inert(z.read("summary.xlsx"), PAYLOAD)
    city = Ward.open(tmp_path / "city.sqlite3")
    init_office(
        city, name="Ủy ban nhân dân tỉnh Lâm Đồng", agency_code="000.00.00.H26", kind="city"
    )
    add_ward(city, name="Phường Xuân An", agency_code=AGENCY, public_key=public_key(hostile))
    assert import_packages(city, [pkg])[0].status == "applied"
    with city.read() as s:
        report = build_report(s, periods.year(2026))
    assert PAYLOAD in report.rows
    out = write_report_xlsx(report, tmp_path / "city.xlsx", "Thành phố")
    assert_inert(out.read_bytes(), PAYLOAD)
    city.close()


# -- nothing foreign in the real file ----------------------------------------------------------


def file_state(path: Path) -> tuple:
    """The database file and its companions, byte for byte."""
    return tuple(
        Path(str(path) + sfx).read_bytes() if Path(str(path) + sfx).exists() else None
        for sfx in ("", "-wal", "-shm")
    )


def dump(path: Path) -> str:
    """Every row of the database (opening it for work may touch -shm, which holds no data)."""
    con = sqlite3.connect(path)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def cli(*args, db, user=""):
    password = demo.DEMO_PASSWORD if user else ""
    env = dict(os.environ, PYTHONIOENCODING="utf-8", WARDAPP_USER=user, WARDAPP_PASSWORD=password)
    return subprocess.run(
        [sys.executable, "-m", "wardapp", "--db", str(db), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=Path(__file__).resolve().parents[1],
    )


def test_demo_refuses_an_offices_real_database_and_changes_nothing(ward, tmp_path):
    intake(ward, IntakeData("HT.02", "Lê Văn Thật", received_at=dt("2026-12-14 09:00")), "a")
    with pytest.raises(WardError, match="dữ liệu thật của Phường Xuân An"):
        demo.generate(ward, dossiers=5, seed=1)
    with ward.read() as s:
        assert [d.applicant_name for d in s.query(Dossier)] == ["Lê Văn Thật"]
    assert not is_demo(ward)
    ward.close()
    before = file_state(ward.path)
    out = cli("demo", "--dossiers", "5", db=ward.path)
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.count("\n") == 1 and "không phải dữ liệu mẫu" in out.stderr, out.stderr
    assert file_state(ward.path) == before


def test_demo_marks_the_database_it_makes_and_fills_it_again(tmp_path):
    db = tmp_path / "mau.sqlite3"
    assert cli("demo", "--dossiers", "20", db=db).returncode == 0
    assert read_file_identity(db).demo
    again = cli("demo", "--dossiers", "5", "--seed", "2", db=db, user="chutich")
    assert again.returncode == 0, again.stderr
    w = Ward.open(db)
    with w.read() as s:
        assert s.query(Dossier).count() == 25
    w.close()


def make_office(path, name, code, kind="ward"):
    w = Ward.open(path)
    init_office(w, name=name, agency_code=code, kind=kind)
    return w


def test_restore_refuses_another_office_the_other_kind_and_demo_data(ward, tmp_path):
    intake(ward, IntakeData("HT.02", "Lê Văn Thật", received_at=dt("2026-12-14 09:00")), "a")
    other = make_office(tmp_path / "o.sqlite3", "Phường Phú Thủy", "000.23.32.H26")
    city = make_office(tmp_path / "c.sqlite3", "UBND tỉnh", "000.00.00.H26", kind="city")
    same_code_city = make_office(tmp_path / "c2.sqlite3", "Phường Xuân An", AGENCY, kind="city")
    fake = Ward.open(tmp_path / "d.sqlite3")
    demo.generate(fake, dossiers=5, seed=1)  # the demo office has this ward's code
    auth.sign_in(fake, "canbo1", demo.DEMO_PASSWORD)
    copies = {}
    for key, w in (("office", other), ("city", city), ("kind", same_code_city), ("demo", fake)):
        copies[key] = backup.backup_now(w, tmp_path / key)
        w.close()
    before = dump(ward.path)
    for key, why in (
        ("office", "Phường Phú Thủy \\(000.23.32.H26, phường/xã\\)"),
        ("city", "000.00.00.H26, thành phố"),
        ("kind", "Xuân An \\(000.23.31.H26, thành phố\\)"),
        ("demo", "dữ liệu mẫu"),
    ):
        with pytest.raises(backup.ForeignBackup, match=why):
            backup.restore(ward, copies[key])
    assert dump(ward.path) == before
    assert not list(ward.path.parent.glob("*.replaced-*"))
    backup.restore(ward, copies["office"], foreign=True)  # an administrator's explicit choice
    w = Ward.open(ward.path)
    assert database_identity(w).office_code == "000.23.32.H26"
    w.close()


def test_a_new_database_of_the_same_office_takes_its_backup(ward, tmp_path):
    """Moving to a new PC: a fresh database of the same office restores the old one's backup."""
    intake(ward, IntakeData("HT.02", "Lê Văn Thật", received_at=dt("2026-12-14 09:00")), "a")
    copy = backup.backup_now(ward, tmp_path / "usb")
    fresh = make_office(tmp_path / "new.sqlite3", "Phường Xuân An", AGENCY)
    assert database_identity(fresh).database_id != database_identity(ward).database_id
    backup.restore(fresh, copy)
    w = Ward.open(tmp_path / "new.sqlite3")
    with w.read() as s:
        assert [d.applicant_name for d in s.query(Dossier)] == ["Lê Văn Thật"]
    assert database_identity(w) == database_identity(ward)  # it is that database again
    w.close()


def test_cli_restore_needs_foreign_for_another_offices_backup(ward, tmp_path):
    other = make_office(tmp_path / "o.sqlite3", "Phường Phú Thủy", "000.23.32.H26")
    copy = backup.backup_now(other, tmp_path / "bk")
    other.close()
    ward.close()
    before = dump(ward.path)
    out = cli("restore", str(copy), db=ward.path)
    assert out.returncode == 1 and out.stderr.count("\n") == 1
    assert "Phường Phú Thủy" in out.stderr and "--foreign" in out.stderr, out.stderr
    assert dump(ward.path) == before
    out = cli("restore", "--foreign", str(copy), db=ward.path)
    assert out.returncode == 0, out.stderr
    assert read_file_identity(ward.path).office_code == "000.23.32.H26"


def test_each_database_rotates_only_its_own_backup_folder(ward, tmp_path):
    """Two databases of one office on one PC, one backup drive: each has a folder named by office
    code and database id, and a year of one's daily backups never deletes the other's."""
    second = make_office(tmp_path / "second.sqlite3", "Phường Xuân An", AGENCY)
    usb = tmp_path / "usb"
    theirs = backup.backup_now(second, usb, now=datetime(2025, 1, 2, 17, 0))
    a, b = database_identity(ward), database_identity(second)
    assert backup.folder_for(ward, usb) == usb / f"{AGENCY}-{a.database_id[:12]}"
    assert theirs.parent == usb / f"{AGENCY}-{b.database_id[:12]}"
    start = datetime(2025, 1, 1, 17, 0)
    for day in range(400):
        backup.backup_now(ward, usb, now=start + timedelta(days=day))
    assert theirs.exists()
    assert len(backup.list_backups(backup.folder_for(ward, usb))) <= 23
    assert {p.name for p in usb.iterdir()} == {a.folder_name, b.folder_name}
    second.close()
