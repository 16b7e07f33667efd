"""A province (or a city) ranks its communes (issue 20): the wards' own signed packages are
imported through the city's verified path into a consolidating database, on SQLite or on the
server (the PostgreSQL pass runs this file), and ``wardapp rank`` orders them by on-time rate,
then apology coverage, satisfaction and initiatives recognised."""

import json
from datetime import date

import pytest
from conftest import NOW, dt, public_key
from sqlalchemy import select

from db.models import Office
from wardapp import initiatives as I
from wardapp.calendar import periods
from wardapp.cli import main as cli
from wardapp.common import clock
from wardapp.dossiers import IntakeData, closing, intake, processing, rate
from wardapp.exchange.city.importing import import_packages
from wardapp.exchange.city.wards import add_ward
from wardapp.exchange.export import export_package
from wardapp.indicators.ranking import ranked_offices
from wardapp.indicators.report import COLUMNS, build_report
from wardapp.office.store import Ward
from wardapp.setup.office import init_office

# name, agency code, (resolved on time, resolved late), late ones apologised, rating, initiative
WARDS = (
    ("Phường Xuân An", "000.23.31.H26", (2, 1), True, "hai_long", True),
    ("Xã Tà Nung", "000.23.32.H26", (2, 1), False, "hai_long", False),
    ("Phường Cam Ly", "000.23.33.H26", (1, 0), False, "khong_hai_long", False),
    ("Phường Lâm Viên", "000.23.34.H26", (0, 0), False, None, False),  # sends nothing
)


def _ward_year(w: Ward, on_time: int, late: int, apologise: bool, rating, initiative) -> None:
    """Received on 01/12 (HT.02, due 04/12 09:00); the late ones apologised for on 05/12 and
    resolved on 08/12; all returned on 09/12: a week the next export carries whole."""
    codes = []
    clock.set_fixed_now(dt("2026-12-05 10:00"))
    for i in range(on_time + late):
        d = intake(w, IntakeData("HT.02", f"Người {i}", received_at=dt("2026-12-01 09:00")), "x")
        codes.append(d.code)
        if i < on_time:
            processing.resolve(w, d.code, "x", at=dt("2026-12-02 10:00"))
        elif apologise:
            processing.apologise(
                w, d.code, "x", reason="Chờ xác minh", signer="Chủ tịch", extra_days=3
            )
    clock.set_fixed_now(dt("2026-12-10 12:00"))
    for code in codes[on_time:]:
        processing.resolve(w, code, "x", at=dt("2026-12-08 10:00"))
    for i, code in enumerate(codes):
        closing.return_result(w, code, "x", at=dt("2026-12-09 10:00"))
        if rating and i == 0:
            rate(w, code, "x", rating)
    if initiative:
        a = I.add(
            w, title="Hẹn trả qua Zalo", authors="Trần B", field="", proposed_on=date(2026, 2, 1)
        )
        I.set_status(w, a.id, "recognised", decision_no="5/QĐ-UBND", decision_on=date(2026, 4, 1))
    clock.set_fixed_now(NOW)


def _ended_and_open(w: Ward) -> None:
    """Tà Nung's other dossiers: one withdrawn and one refused on 01/12, and one received on
    27/11 never resolved (carried into December, late at its end, no apology)."""
    clock.set_fixed_now(dt("2026-12-05 10:00"))
    intake(w, IntakeData("HT.02", "Người chờ", received_at=dt("2026-11-27 09:00")), "x")
    gone = intake(w, IntakeData("HT.02", "Người rút", received_at=dt("2026-12-01 09:30")), "x")
    closing.withdraw(w, gone.code, "x", reason="Đơn rút", at=dt("2026-12-01 10:00"))
    no = intake(w, IntakeData("HT.02", "Người bị từ chối", received_at=dt("2026-12-01 09:40")), "x")
    closing.refuse(w, no.code, "x", reason="Không thuộc thẩm quyền", at=dt("2026-12-01 11:00"))
    clock.set_fixed_now(NOW)


@pytest.fixture
def province(ward_location, tmp_path):
    """The province's consolidating database on the pass's engine; each ward a file of its own
    that exports a signed package."""
    p = Ward.open(ward_location)
    init_office(p, name="Ủy ban nhân dân tỉnh Lâm Đồng", agency_code="000.00.00.H26", kind="city")
    files, wards = [], []
    for name, code, (on_time, late), apologise, rating, initiative in WARDS:
        w = Ward.open(tmp_path / f"{code}.sqlite3")
        init_office(w, name=name, agency_code=code, year=2026)
        add_ward(p, name=name, agency_code=code, public_key=public_key(w))
        if on_time + late:
            _ward_year(w, on_time, late, apologise, rating, initiative)
            if code == "000.23.32.H26":
                _ended_and_open(w)
            files.append(export_package(w, tmp_path / "goi").path)
        wards.append(w)
    assert [s.status for s in import_packages(p, files)] == ["applied"] * 3
    yield p, wards
    for w in wards:
        w.close()
    p.close()


def test_the_province_ranks_its_communes_and_each_row_is_the_wards_own_report(province):
    p, wards = province
    year = periods.year(2026)
    with p.read() as s:
        ranks = ranked_offices(s, year)
    assert [(r.rank, r.name) for r in ranks] == [
        (1, "Phường Cam Ly"),  # all on time
        (2, "Phường Xuân An"),  # 2 of 3 on time, its late one apologised
        (3, "Xã Tà Nung"),  # 2 of 3 on time, no apology
        (4, "Phường Lâm Viên"),  # nothing resolved
    ]
    got = {r.name: r.as_dict() for r in ranks}
    assert got["Phường Xuân An"]["apology_rate"] == 1.0 and got["Xã Tà Nung"]["apology_rate"] == 0
    assert got["Phường Cam Ly"]["satisfaction_rate"] == 0.0
    assert [r.initiatives for r in ranks] == [0, 1, 0, 0]
    for w, (name, *_) in zip(wards[:3], WARDS, strict=False):
        with w.read() as s:
            own = build_report(s, year).total.columns()
        assert got[name]["received_total"] == own["received_total"] > 0
        assert next(r for r in ranks if r.name == name).counts.columns() == own


PERIODS = (
    periods.year(2026),
    periods.quarter(2026, 4),
    periods.quarter(2026, 1),
    periods.month(2026, 11),
    periods.month(2026, 12),
    periods.iso_week(2026, 49),
)


@pytest.mark.parametrize("period", PERIODS, ids=lambda p: p.label)
def test_the_grouped_ranking_equals_each_wards_own_report_row_for_row(province, period):
    """The ranking's one grouped pass against each ward's Biểu 06 asked alone, in the
    province's database and in the ward's own file: every column and every tally behind the
    indicators, for a ward with nothing resolved, Tà Nung's withdrawn, refused and open late
    dossiers and Xuân An's late ones with an apology."""
    p, wards = province
    with p.read() as s:
        ranks = {r.code: r for r in ranked_offices(s, period)}
        offices = {o.agency_code: o.id for o in s.scalars(select(Office))}
        alone = {c: build_report(s, period, offices[c]).total for c in ranks}
    assert len(ranks) == 4
    for code, r in ranks.items():
        assert r.counts.values == alone[code].values, code
    for w, (_, code, *_) in zip(wards, WARDS, strict=True):
        with w.read() as s:
            own = build_report(s, period).total
        assert ranks[code].counts.columns() == own.columns(), code
        assert ranks[code].counts.indicators() == own.indicators(), code
    # the edge cases are in the figures compared, not only zeros on both sides
    tn = ranks["000.23.32.H26"].counts.values
    if period.label == periods.month(2026, 12).label:
        assert tn["withdrawn"] == tn["refused"] == tn["carried_over"] == 1
        assert tn["in_progress_late"] == 1 and tn["late_total"] == 2
        assert ranks["000.23.31.H26"].counts.values["late_apologised"] == 1
    if period.label == periods.iso_week(2026, 49).label:
        assert ranks["000.23.31.H26"].counts.values["in_progress_total"] == 1
    assert all(v == 0 for v in ranks["000.23.34.H26"].counts.values.values())
    assert set(COLUMNS) <= set(tn)


def test_wardapp_rank_prints_the_table_and_json(province, ward_location, capsys):
    p, _ = province
    db = ["--db", str(ward_location)]
    assert cli([*db, "rank", "--year", "2026"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[2] == "1 | 000.23.33.H26 | Phường Cam Ly | 1 | 100.00% | — | 0.00% | 0"
    assert out[3] == "2 | 000.23.31.H26 | Phường Xuân An | 3 | 66.67% | 100.00% | 100.00% | 1"
    assert out[5].endswith("Phường Lâm Viên | 0 | — | — | — | 0")
    assert cli([*db, "rank", "--year", "2026", "--quarter", "1", "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["period"]["from"].startswith("2025-12") or got["period"]["from"] == "2026-01-01"
    # nothing in the first quarter: the initiative recognised in the year parts the tie
    names = [c["name"] for c in got["communes"]]
    assert names == ["Phường Xuân An", "Phường Cam Ly", "Phường Lâm Viên", "Xã Tà Nung"]
    assert all(c["on_time_rate"] is None for c in got["communes"])


def test_rank_refuses_a_ward_database_and_a_bad_quarter(ward, ward_location, capsys):
    assert cli(["--db", str(ward_location), "rank", "--year", "2026"]) == 1
    assert "cơ sở dữ liệu tổng hợp" in capsys.readouterr().err
    assert cli(["--db", str(ward_location), "rank", "--year", "2026", "--quarter", "5"]) == 1
    err = capsys.readouterr().err
    assert "--quarter 5" in err and len(err.strip().splitlines()) == 1
