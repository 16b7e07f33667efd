"""Issue 16's share: formula payloads in every spreadsheet writer, and sign-in answers that do
not tell which accounts exist (tests/test_trust.py holds the latter's service-level tests)."""

import csv
import io
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from tests.conftest import AGENCY, dt
from wardapp.calendar import periods
from wardapp.catalogue.procedures import save_procedure
from wardapp.common import inert
from wardapp.common.sheets import read_rows
from wardapp.dossiers import lifecycle as lc
from wardapp.dossiers.logbook import COLUMNS, export_logbook, import_logbook
from wardapp.exchange.city import add_ward, import_packages
from wardapp.exchange.export import export_package
from wardapp.indicators.report import build_report
from wardapp.indicators.report_xlsx import write_report_xlsx
from wardapp.office.store import Ward
from wardapp.setup.office import init_office

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
    lc.intake(
        ward,
        lc.IntakeData("X.01", PAYLOAD, received_at=dt("2026-12-14 09:00"), note="@SUM(1+1)"),
        "canbo1",
    )
    lc.intake(
        ward,
        lc.IntakeData("X.01", "-2+3", received_at=dt("2026-12-14 10:00"), note=PAYLOAD),
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
        from db.models import Dossier

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
    add_ward(city, name="Phường Xuân An", agency_code=AGENCY)
    assert import_packages(city, [pkg])[0].status == "applied"
    with city.read() as s:
        report = build_report(s, periods.year(2026))
    assert PAYLOAD in report.rows
    out = write_report_xlsx(report, tmp_path / "city.xlsx", "Thành phố")
    assert_inert(out.read_bytes(), PAYLOAD)
    city.close()
