"""Where the time went: each forwarded step against its own allowance, and the late dossiers
charged to the agency that held them past it (issue 21, part 2)."""

import json
from datetime import datetime

import pytest
from openpyxl import load_workbook

from tests.conftest import dt
from wardapp.calendar import periods
from wardapp.cli import main as cli_main
from wardapp.common.clock import set_fixed_now
from wardapp.dossiers.lifecycle import processing
from wardapp.dossiers.lifecycle.intake import IntakeData, intake
from wardapp.indicators import build_report
from wardapp.indicators.agency_delays import WARD_LABEL, late_by_agency

LAND = "Văn phòng đăng ký đất đai"
NOVEMBER = periods.month(2026, 11)


def land_dossier(ward, name, *, forward_at, back_at, resolve_at, agency=LAND):
    """DD.01 (10 working days; the land office's allowance 9) received Mon 02/11 08:00."""
    set_fixed_now(datetime(2026, 11, 2, 8, 0))
    d = intake(ward, IntakeData("DD.01", name, received_at=dt("2026-11-02 08:00")), "canbo1")
    set_fixed_now(dt(forward_at))
    processing.forward(ward, d.code, "canbo1", agency=agency, at=dt(forward_at))
    set_fixed_now(dt(back_at))
    processing.return_from_agency(ward, d.code, "canbo1", agency=agency, at=dt(back_at))
    set_fixed_now(dt(resolve_at))
    processing.resolve(ward, d.code, "canbo1", at=dt(resolve_at))
    return d


@pytest.fixture
def two_late(ward):
    """One dossier late at the land office only (forwarded the morning it came, back three
    working days after its 9 days, resolved an hour later); one the land office returned early
    that then sat at the ward past the dossier's due date."""
    at_land = land_dossier(
        ward,
        "Trần Văn Đất",
        forward_at="2026-11-02 09:00",
        back_at="2026-11-18 09:00",
        resolve_at="2026-11-18 10:00",
    )
    at_ward = land_dossier(
        ward,
        "Lê Thị Chậm",
        forward_at="2026-11-02 09:00",
        back_at="2026-11-05 09:00",
        resolve_at="2026-11-20 10:00",
    )
    set_fixed_now(datetime(2026, 12, 15, 12, 0))
    yield at_land, at_ward
    set_fixed_now(None)


def test_late_at_the_land_office_only_is_counted_there_not_against_the_ward(ward, two_late):
    at_land, at_ward = two_late
    with ward.read() as s:
        r = late_by_agency(s, ward.rules(), NOVEMBER)
        late_total = build_report(s, NOVEMBER).total.values["late_total"]
    by = {d.code: d for d in r.dossiers}
    assert by[at_land.code].held_late_by == [LAND]
    assert by[at_ward.code].held_late_by == [""]
    step = by[at_land.code].steps[0]
    assert step.allowance.days == 9
    assert step.due_at == dt("2026-11-13 09:00")
    assert step.outcome == "late"
    assert by[at_ward.code].steps[0].outcome == "early"
    doc = r.as_dict()
    assert doc["late_total"] == late_total == 2
    assert [(a["agency"], a["late"], a["dossiers"]) for a in doc["agencies"]] == [
        (WARD_LABEL, 1, [at_ward.code]),
        (LAND, 1, [at_land.code]),
    ]
    land_row = next(x for x in doc["dossiers"] if x["code"] == at_land.code)
    assert land_row["steps"][0]["given_at"] == "2026-11-02T09:00:00"
    assert land_row["steps"][0]["taken_at"] == "2026-11-18T09:00:00"
    assert land_row["steps"][0]["allowance_days"] == 9


def test_a_branch_office_takes_the_land_offices_allowance(ward):
    d = land_dossier(
        ward,
        "Phạm Chi Nhánh",
        agency="Chi nhánh Văn phòng đăng ký đất đai Đà Lạt",
        forward_at="2026-11-02 09:00",
        back_at="2026-11-18 09:00",
        resolve_at="2026-11-18 10:00",
    )
    with ward.read() as s:
        r = late_by_agency(s, ward.rules(), NOVEMBER, now=datetime(2026, 12, 1, 8, 0))
    assert r.dossiers[0].code == d.code
    assert r.dossiers[0].held_late_by == ["Chi nhánh Văn phòng đăng ký đất đai Đà Lạt"]


def test_still_at_the_agency_past_its_allowance_counts_against_it(ward):
    set_fixed_now(datetime(2026, 11, 2, 8, 0))
    d = intake(ward, IntakeData("DD.01", "Võ Văn Chờ", received_at=dt("2026-11-02 08:00")), "x")
    set_fixed_now(datetime(2026, 11, 2, 9, 0))
    processing.forward(ward, d.code, "canbo1", agency=LAND, at=dt("2026-11-02 09:00"))
    with ward.read() as s:
        r = late_by_agency(s, ward.rules(), NOVEMBER, now=datetime(2026, 11, 20, 8, 0))
    assert [(x.code, x.held_late_by) for x in r.dossiers] == [(d.code, [LAND])]
    assert r.dossiers[0].steps[0].taken_at is None


def test_cli_json_and_xlsx(ward, two_late, tmp_path, capsys):
    at_land, at_ward = two_late
    db = str(ward.path)
    assert cli_main(["--db", db, "report", "late-by-agency", "--year", "2026", "--month", "11",
                     "--format", "json"]) == 0  # fmt: skip
    doc = json.loads(capsys.readouterr().out)
    assert doc["title"] == "Hồ sơ quá hạn theo cơ quan"
    assert {a["agency"]: a["late"] for a in doc["agencies"]} == {WARD_LABEL: 1, LAND: 1}
    out = tmp_path / "late.xlsx"
    assert cli_main(["--db", db, "report", "late-by-agency", "--year", "2026", "--month", "11",
                     "--format", "xlsx", "-o", str(out)]) == 0  # fmt: skip
    wb = load_workbook(out)
    summary = [[c for c in r] for r in wb["Theo cơ quan"].iter_rows(min_row=4, values_only=True)]
    assert summary[:2] == [[WARD_LABEL, 1], [LAND, 1]]
    rows = list(wb["Hồ sơ"].iter_rows(min_row=2, values_only=True))
    land = [r for r in rows if r[1] == at_land.code]
    assert land[0][0] == LAND
    assert "02/11/2026 09:00" in land[0]
    assert "18/11/2026 09:00" in land[0]
    assert "Quá hạn" in land[0]


def test_the_control_sheet_shows_each_steps_allowance_and_its_result(ward, two_late, tmp_path):
    from tests.test_documents import text
    from wardapp.documents.tables import control_sheet_pdf

    at_land, _ = two_late
    t = text(control_sheet_pdf(ward, at_land.code, tmp_path / "k.pdf")).replace("\u00a0", " ")
    assert "Thời hạn liên thông: 9 ngày làm việc, hạn 09:00 13/11/2026" in t
    assert "Luật Đất đai 2024" in t
    # the land office's row: back on 18/11, past its own 13/11 → Quá hạn
    back = t.index("3. Giao: Văn phòng đăng ký đất đai")
    assert "Quá hạn" in t[back : back + 300]


@pytest.mark.parametrize("named", [True, False])
def test_the_apology_names_the_agency_only_when_the_setting_allows(ward, tmp_path, named):
    from tests.test_documents import text
    from wardapp.documents.apology import issue_apology
    from wardapp.office.settings import save_setting

    with ward.write() as s:
        save_setting(s, "apology_names_agency", named)
    ward.invalidate()
    set_fixed_now(datetime(2026, 11, 2, 8, 0))
    d = intake(ward, IntakeData("DD.01", "Võ Văn Chờ", received_at=dt("2026-11-02 08:00")), "x")
    set_fixed_now(datetime(2026, 11, 2, 9, 0))
    processing.forward(ward, d.code, "canbo1", agency=LAND, at=dt("2026-11-02 09:00"))
    set_fixed_now(datetime(2026, 11, 13, 10, 0))  # the land office's 9 days ran out at 09:00
    out = issue_apology(ward, d.code, "x", tmp_path / "a.pdf", reason="Chờ kết quả đo đạc")
    t = " ".join(text(out.path).split())
    cause = "Lý do: Chờ kết quả đo đạc, do Văn phòng đăng ký đất đai giải quyết quá thời hạn."
    assert (cause in t) is named
    assert "Lý do: Chờ kết quả đo đạc" in t


def test_an_allowance_is_data_the_office_corrects_and_the_report_follows(ward, two_late, capsys):
    at_land, at_ward = two_late
    db = str(ward.path)
    assert cli_main(["--db", db, "allowance", "set", "--procedure", "DD.01", "--agency", LAND,
                     "--days", "12", "--basis", "Quy chế phối hợp số 05/QC-UBND"]) == 0  # fmt: skip
    assert cli_main(["--db", db, "allowance", "list"]) == 0
    listed = capsys.readouterr().out
    assert "DD.01\tVăn phòng đăng ký đất đai\t12 ngày\tQuy chế phối hợp số 05/QC-UBND\n" in listed
    with ward.read() as s:
        r = late_by_agency(s, ward.rules(), NOVEMBER)
    # with 12 days the land office was on time; the ward's share is now negative, so the ward
    # overran, and the dossier is still late
    by = {d.code: d.held_late_by for d in r.dossiers}
    assert by[at_land.code] == [""]
    assert cli_main(["--db", db, "allowance", "set", "--agency", LAND, "--days", "0.3",
                     "--basis", "x"]) == 1  # fmt: skip
    assert "theo nửa ngày" in capsys.readouterr().err


def test_the_city_sees_the_same_split_by_the_wards_own_figures(ward, two_late, tmp_path, capsys):
    """The ward gives the land office 12 days for DD.01 (the seed, which the city also holds,
    says 9): after the weekly package the city charges the dossier as the ward does."""
    from sqlalchemy import select

    from db.models import Office
    from tests.conftest import AGENCY, public_key
    from wardapp.exchange.city.importing import import_packages
    from wardapp.exchange.city.wards import add_ward
    from wardapp.exchange.export import export_package
    from wardapp.office.store import Ward
    from wardapp.setup.office import init_office

    at_land, at_ward = two_late
    db = str(ward.path)
    assert cli_main(["--db", db, "allowance", "set", "--procedure", "DD.01", "--agency", LAND,
                     "--days", "12", "--basis", "Quy chế phối hợp số 05/QC-UBND"]) == 0  # fmt: skip
    city = Ward.open(tmp_path / "city.sqlite3")
    init_office(
        city, name="Ủy ban nhân dân tỉnh Lâm Đồng", agency_code="000.00.00.H26", kind="city"
    )
    add_ward(city, name="Phường Xuân An", agency_code=AGENCY, public_key=public_key(ward))
    [summary] = import_packages(city, [export_package(ward, tmp_path / "out").path])
    assert summary.status == "applied"
    with ward.read() as a, city.read() as b:
        mine = late_by_agency(a, ward.rules(), NOVEMBER).as_dict()
        office = b.scalars(select(Office).where(Office.agency_code == AGENCY)).one()
        theirs = late_by_agency(b, city.rules(), NOVEMBER, office_id=office.id).as_dict()
    assert mine["agencies"] == [
        {"agency": WARD_LABEL, "is_ward": True, "late": 2, "dossiers": [at_land.code, at_ward.code]}
    ]
    assert theirs["agencies"] == mine["agencies"]
    assert theirs["dossiers"] == mine["dossiers"]
    capsys.readouterr()
    assert cli_main(["--db", str(city.path), "report", "late-by-agency", "--year", "2026",
                     "--month", "11", "--office", AGENCY, "--format", "json"]) == 0  # fmt: skip
    assert json.loads(capsys.readouterr().out)["agencies"] == mine["agencies"]
    city.close()


def test_a_late_dossier_never_forwarded_is_the_wards(ward):
    set_fixed_now(datetime(2026, 11, 2, 8, 0))
    d = intake(ward, IntakeData("HT.02", "Đỗ Văn Một", received_at=dt("2026-11-02 08:00")), "x")
    set_fixed_now(datetime(2026, 11, 10, 9, 0))
    processing.resolve(ward, d.code, "canbo1", at=dt("2026-11-10 09:00"))
    with ward.read() as s:
        r = late_by_agency(s, ward.rules(), NOVEMBER)
    assert [(x.code, x.held_late_by, x.steps) for x in r.dossiers] == [(d.code, [""], [])]


def test_a_forwarding_taken_back_is_no_step(ward, tmp_path):
    from tests.test_documents import text
    from wardapp.documents.tables import control_sheet_pdf
    from wardapp.dossiers.lifecycle.undo import undo_last_step

    set_fixed_now(datetime(2026, 11, 2, 8, 0))
    d = intake(ward, IntakeData("DD.01", "Lý Văn Nhầm", received_at=dt("2026-11-02 08:00")), "x")
    set_fixed_now(datetime(2026, 11, 2, 9, 0))
    processing.forward(ward, d.code, "canbo1", agency=LAND, at=dt("2026-11-02 09:00"))
    set_fixed_now(datetime(2026, 11, 2, 9, 5))
    undo_last_step(ward, d.code, "canbo1", reason="Bấm nhầm")
    set_fixed_now(datetime(2026, 11, 20, 9, 0))
    processing.resolve(ward, d.code, "canbo1", at=dt("2026-11-20 09:00"))
    with ward.read() as s:
        r = late_by_agency(s, ward.rules(), NOVEMBER)
    assert [(x.code, x.held_late_by, x.steps) for x in r.dossiers] == [(d.code, [""], [])]
    assert "Thời hạn liên thông" not in text(control_sheet_pdf(ward, d.code, tmp_path / "k.pdf"))


def test_bieu06_pdf_carries_the_split_with_the_jsons_figures(ward, two_late, tmp_path, capsys):
    """The Biểu 06 PDF ends its indicators with "Hồ sơ quá hạn theo cơ quan": each agency's
    count and dossiers as ``report late-by-agency --format json`` gives them."""
    from tests.test_documents import text

    base = ["--db", str(ward.path), "report"]
    month = ["--year", "2026", "--month", "11"]
    assert cli_main([*base, "late-by-agency", *month, "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    out = tmp_path / "bieu06.pdf"
    assert cli_main([*base, "bieu06", *month, "--format", "pdf", "-o", str(out)]) == 0
    t = " ".join(text(out).replace("\u00a0", " ").split())
    assert "HỒ SƠ QUÁ HẠN THEO CƠ QUAN" in t
    assert t.index("HỒ SƠ QUÁ HẠN THEO CƠ QUAN") > t.index("Tỷ lệ")  # after the indicators
    for n, a in enumerate(doc["agencies"], start=1):
        assert f"{n} {a['agency']} {a['late']} {', '.join(a['dossiers'])}" in t
    assert f"Tổng số hồ sơ quá hạn (mỗi hồ sơ tính một lần) {doc['late_total']}" in t
    assert doc["late_total"] == 2
