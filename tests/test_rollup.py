"""A consolidating database's half-month sums (``db.rollup``, issue 20): kept by the verified
import as the wards' packages resolve, return, apologise for, rate, withdraw and take back
their dossiers, and giving Biểu 06 and the ranking exactly what the rows give, for periods of
whole half months and for periods with edge days.  Runs on both engines (.ci/run)."""

from datetime import date, timedelta

import pytest
from conftest import NOW, dt, public_key
from sqlalchemy import delete, func, select, update

from db import rollup
from db.models import Office
from db.models_rollup import DossierRollup, RollupOffice
from wardapp.calendar import periods
from wardapp.calendar.periods import Period
from wardapp.cli import main as cli
from wardapp.common import WardError, clock
from wardapp.dossiers import IntakeData, closing, intake, processing, rate, undo_last_step
from wardapp.exchange.city.importing import import_packages
from wardapp.exchange.city.wards import add_ward
from wardapp.exchange.export import export_package
from wardapp.indicators import rebuild_rollup
from wardapp.indicators.ranking import ranked_offices
from wardapp.indicators.report import build_report
from wardapp.office.store import Ward
from wardapp.setup.office import init_office

WARDS = (
    ("Phường Xuân An", "000.23.31.H26"),
    ("Xã Tà Nung", "000.23.32.H26"),
    ("Phường Cam Ly", "000.23.33.H26"),
)

PERIODS = (
    periods.month(2026, 10),
    periods.month(2026, 11),
    periods.month(2026, 12),  # not over at NOW (15/12 12:00)
    periods.quarter(2026, 4),  # NĐ 09: 15/09 - 14/12
    periods.quarter(2026, 4, "calendar"),
    periods.quarter(2027, 1),  # NĐ 09: from 15/12, not over
    periods.half(2026, 2),
    periods.year(2026),
    periods.year(2026, "calendar"),
    periods.iso_week(2026, 47),  # 16/11 - 22/11: inside one half month and edges only
    periods.iso_week(2026, 50),
    Period(date(2026, 11, 7), date(2026, 12, 9), "từ ngày 7"),  # edges and whole halves
    Period(date(2026, 11, 15), date(2026, 11, 15), "một ngày"),
)


def _at(w_index: int, text: str):
    """Each ward's days shifted by its index, so the wards straddle the 15th differently."""
    return dt(text) + timedelta(days=w_index)


def _first_weeks(w: Ward, i: int) -> dict:
    """Up to 20/11: one resolved and returned, three open (received on each side of the
    15th), two received in October and resolved."""
    clock.set_fixed_now(_at(i, "2026-11-20 09:00"))
    made = {}

    def receive(key, when, proc="HT.02", **kw):
        data = IntakeData(proc, f"Người {key}", received_at=_at(i, when), **kw)
        made[key] = intake(w, data, "x").code

    receive("a", "2026-11-03 09:00", channel="online", full_online=True)
    processing.resolve(w, made["a"], "x", at=_at(i, "2026-11-05 10:00"))
    closing.return_result(w, made["a"], "x", at=_at(i, "2026-11-06 10:00"))
    receive("b", "2026-11-12 16:00")
    receive("c", "2026-11-14 08:00", "DD.01")
    receive("d", "2026-11-16 10:00")
    receive("old", "2026-10-28 09:00")
    processing.resolve(w, made["old"], "x", at=_at(i, "2026-11-13 10:00"))
    receive("g", "2026-10-05 08:00")
    # taken back after the first package: its half month (from 15/10) then holds no dossier
    # the second package changes, and only recomputing a dossier's old half months mends it
    processing.resolve(w, made["g"], "x", at=_at(i, "2026-10-20 10:00"))
    return made


def _later_weeks(w: Ward, i: int, made: dict) -> None:
    """The second package changes what the first one sent: ``g``'s result taken back (its
    November half loses it), ``b`` apologised for, resolved late, returned and rated, ``c``
    withdrawn, ``d`` resolved, returned and rated; ``f`` received in December."""
    clock.set_fixed_now(_at(i, "2026-11-20 09:05"))
    undo_last_step(w, made["g"], "x")
    clock.set_fixed_now(_at(i, "2026-11-25 10:00"))
    closing.withdraw(w, made["c"], "x", reason="Đơn rút", at=_at(i, "2026-11-25 09:00"))
    if i != 1:
        processing.apologise(
            w, made["b"], "x", reason="Chờ xác minh", signer="Chủ tịch", extra_days=3
        )
    processing.resolve(w, made["d"], "x", at=_at(i, "2026-11-25 09:30"))
    clock.set_fixed_now(_at(i, "2026-12-03 10:00"))
    processing.resolve(w, made["b"], "x", at=_at(i, "2026-12-02 10:00"))
    processing.resolve(w, made["g"], "x", at=_at(i, "2026-12-02 11:00"))
    for key, rating in (("b", "hai_long"), ("d", "binh_thuong")):
        closing.return_result(w, made[key], "x", at=_at(i, "2026-12-03 09:00"))
        rate(w, made[key], "x", rating)
    clock.set_fixed_now(_at(i, "2026-12-07 11:00"))
    f = intake(w, IntakeData("HT.02", "Người f", received_at=_at(i, "2026-12-07 09:00")), "x")
    made["f"] = f.code


def _last_week(w: Ward, i: int, made: dict) -> None:
    clock.set_fixed_now(dt("2026-12-14 16:00"))
    processing.resolve(w, made["f"], "x", at=dt("2026-12-14 15:00"))


def _figures(s) -> dict:
    """Every period's ranking, whole-database report and each commune's own report."""
    offices = list(s.scalars(select(Office.id).where(Office.kind == "ward")))
    out = {}
    for p in PERIODS:
        out[p.label] = (
            [(r.code, r.counts.values) for r in ranked_offices(s, p)],
            build_report(s, p).as_dict(),
            [build_report(s, p, o).as_dict() for o in offices],
        )
    return out


def _with_and_without(p: Ward) -> tuple[dict, dict]:
    """The figures as the rollup gives them, then from the rows alone (no office kept, in a
    transaction rolled back)."""
    clock.set_fixed_now(NOW)
    with p.read() as s:
        assert len(rollup.rolled_offices(s)) == len(WARDS)
        kept = _figures(s)
    with p.write() as s:
        s.execute(delete(RollupOffice))
        rows_only = _figures(s)
        s.rollback()
    return kept, rows_only


@pytest.fixture
def province(ward_location, tmp_path):
    p = Ward.open(ward_location)
    init_office(p, name="Ủy ban nhân dân tỉnh Lâm Đồng", agency_code="000.00.00.H26", kind="city")
    wards = []
    for name, code in WARDS:
        w = Ward.open(tmp_path / f"{code}.sqlite3")
        init_office(w, name=name, agency_code=code, year=2026)
        add_ward(p, name=name, agency_code=code, public_key=public_key(w))
        wards.append(w)
    yield p, wards
    for w in wards:
        w.close()
    p.close()


def _send(p: Ward, wards: list[Ward], tmp_path, step) -> None:
    files = []
    for i, w in enumerate(wards):
        step(w, i)
        clock.set_fixed_now(clock.now_local() + timedelta(minutes=1))
        files.append(export_package(w, tmp_path / "goi").path)
    assert [s.status for s in import_packages(p, files)] == ["applied"] * len(files)


def test_the_sums_give_every_period_what_the_rows_give_as_packages_change_dossiers(
    province, tmp_path
):
    p, wards = province
    made = {}
    _send(p, wards, tmp_path, lambda w, i: made.__setitem__(i, _first_weeks(w, i)))
    first, rows_only = _with_and_without(p)
    assert first == rows_only
    _send(p, wards, tmp_path, lambda w, i: _later_weeks(w, i, made[i]))
    second, rows_only = _with_and_without(p)
    assert second == rows_only
    assert second != first  # the second package moved figures the first had summed
    _send(p, wards, tmp_path, lambda w, i: _last_week(w, i, made[i]))
    third, rows_only = _with_and_without(p)
    assert third == rows_only
    # the figures compared are not zeros on both sides
    nov = dict(third[periods.month(2026, 11).label][0])["000.23.31.H26"]
    assert nov["received_online"] == 1 and nov["withdrawn"] == 1
    assert nov["resolved_total"] == 3  # a, old, d: g's November result was taken back
    dec = dict(third[periods.month(2026, 12).label][0])["000.23.32.H26"]
    assert dec["resolved_total"] == 3 and dec["rated_asked"] == 1 and dec["late_total"] >= 1
    assert third["từ ngày 7"][1]["total"]["received_total"] > 0
    # each commune's own figures equal the ward's own report
    for w, (_, code) in zip(wards, WARDS, strict=True):
        with w.read() as s:
            own = build_report(s, periods.quarter(2026, 4)).total.values
        assert dict(third[periods.quarter(2026, 4).label][0])[code] == own


def test_a_large_import_lets_go_of_its_offices_and_sums_each_once_at_its_end(
    province, tmp_path, monkeypatch
):
    """A city's first year is written without its secondary indexes (``db.deferred_indexes``):
    its offices are let go while it writes (reports read their rows) and summed whole at the
    end, never half month by half month; stopped half way, it still leaves the sums right."""
    from db import deferred_indexes as di
    from wardapp.exchange.city import importing

    p, wards = province
    monkeypatch.setattr(di, "MIN_ROWS", 1)  # every import here counts as large
    monkeypatch.setattr(di, "MIN_SHARE", 0.0)
    asked = []
    real = rollup.computed
    monkeypatch.setattr(
        rollup, "computed", lambda s, ids, b=None: asked.append(b) or real(s, ids, b)
    )
    made = {}
    _send(p, wards, tmp_path, lambda w, i: made.__setitem__(i, _first_weeks(w, i)))
    assert asked == [None]  # one pass for the three offices, whole
    first, rows_only = _with_and_without(p)
    assert first == rows_only

    files = []
    for i, w in enumerate(wards):
        _later_weeks(w, i, made[i])
        clock.set_fixed_now(clock.now_local() + timedelta(minutes=1))
        files.append(export_package(w, tmp_path / "sau").path)
    monkeypatch.setattr(importing, "BATCH_DOSSIERS", 1)  # one file per batch

    def stop_after_one(done, total):
        if done == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_packages(p, files, progress=stop_after_one)
    stopped, rows_only = _with_and_without(p)
    assert stopped == rows_only and stopped != first  # the first ward's file is in, summed

    def died(*_a):  # the program dies before the end's summing
        raise SystemExit(1)

    monkeypatch.setattr(rollup, "keep", died)
    with pytest.raises(SystemExit):
        import_packages(p, files[1:], progress=stop_after_one)
    clock.set_fixed_now(NOW)
    with p.read() as s:  # the second ward's office let go: its figures are its rows'
        assert len(rollup.rolled_offices(s)) == len(WARDS) - 1
        let_go = _figures(s)
    assert let_go != stopped
    with p.write() as s:
        s.execute(delete(RollupOffice))
        assert _figures(s) == let_go
        s.rollback()
    monkeypatch.undo()
    import_packages(p, files)  # the third ward's file: the second's is in, still let go
    with p.read() as s:
        assert len(rollup.rolled_offices(s)) == len(WARDS) - 1
    rebuild_rollup(p)  # what README's steps after a crash say (or its next week's package)
    second, rows_only = _with_and_without(p)
    assert second == rows_only != let_go


def test_a_stale_half_month_is_found_by_verify_and_mended_by_rebuild(
    province, tmp_path, ward_location, capsys
):
    p, wards = province
    _send(p, wards, tmp_path, lambda w, i: _first_weeks(w, i))
    clock.set_fixed_now(NOW)
    db = ["--db", str(ward_location)]
    assert cli([*db, "verify"]) == 0
    assert "bảng tổng hợp" not in capsys.readouterr().out
    with p.write() as s:
        s.execute(
            update(DossierRollup)
            .where(DossierRollup.bucket == date(2026, 11, 1))
            .values(resolved_n=DossierRollup.resolved_n + 1)
        )
    kept, rows_only = _with_and_without(p)
    assert kept[periods.month(2026, 11).label] != rows_only[periods.month(2026, 11).label]
    assert cli([*db, "verify"]) == 1
    out = capsys.readouterr().out
    assert "nửa tháng từ 01/11/2026: resolved_n lưu 2, đúng là 1" in out
    assert "chạy 'wardapp rollup rebuild'" in out
    with p.write() as s:  # a restore from before the import of a commune: no sums at all
        s.execute(delete(DossierRollup))
        s.execute(delete(RollupOffice))
    assert cli([*db, "rollup", "rebuild"]) == 0
    assert capsys.readouterr().out.startswith("đã tính lại bảng tổng hợp số liệu từ hồ sơ:")
    kept, rows_only = _with_and_without(p)
    assert kept == rows_only
    assert cli([*db, "verify"]) == 0


def test_a_wards_own_database_keeps_no_sums_and_refuses_a_rebuild(ward, ward_location, capsys):
    clock.set_fixed_now(dt("2026-12-01 10:00"))
    d = intake(ward, IntakeData("HT.02", "Người a", received_at=dt("2026-12-01 09:00")), "x")
    processing.resolve(ward, d.code, "x")
    with ward.read() as s:
        assert rollup.rolled_offices(s) == set()
        assert s.scalar(select(func.count()).select_from(DossierRollup)) == 0
        assert build_report(s, periods.month(2026, 12)).total.values["resolved_total"] == 1
    with pytest.raises(WardError, match="chỉ cơ sở dữ liệu tổng hợp"):
        rebuild_rollup(ward)
    assert cli(["--db", str(ward_location), "rollup", "rebuild"]) == 1
    err = capsys.readouterr().err
    assert "chỉ cơ sở dữ liệu tổng hợp" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "day,half,after",
    [
        (date(2026, 11, 1), date(2026, 11, 1), date(2026, 11, 15)),
        (date(2026, 11, 14), date(2026, 11, 1), date(2026, 11, 15)),
        (date(2026, 11, 15), date(2026, 11, 15), date(2026, 12, 1)),
        (date(2026, 12, 31), date(2026, 12, 15), date(2027, 1, 1)),
    ],
)
def test_half_months_start_on_the_1st_and_the_15th(day, half, after):
    assert rollup.half_month(day) == half
    assert rollup.next_half(half) == after
