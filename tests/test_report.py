from datetime import date

import pytest

from tests.conftest import as_demo, dt
from wardapp.calendar import periods
from wardapp.dossiers.lifecycle import closing, processing
from wardapp.dossiers.lifecycle.intake import IntakeData, intake
from wardapp.indicators.commitment import evaluate
from wardapp.indicators.report import COLUMNS, build_report
from wardapp.setup import demo
from wardapp.trust import auth

NOV = periods.Period(date(2026, 11, 1), date(2026, 11, 30), "Tháng 11/2026")


def receive(ward, when, proc="HT.02", channel="direct", **kw):
    return intake(
        ward, IntakeData(proc, "Lê Văn Tám", channel=channel, received_at=dt(when), **kw), "x"
    )


def report(ward, period=NOV):
    with ward.read() as s:
        return build_report(s, period)


@pytest.fixture
def scenario(ward):
    """Seven dossiers with known fates around November 2026 (HT.02: 3 days; CT.01: same day)."""
    old = receive(ward, "2026-10-29 09:00")  # due 03/11 09:00: carried over, resolved on time
    processing.resolve(ward, old.code, "x", at=dt("2026-11-03 08:00"))
    early = receive(ward, "2026-11-02 09:00", channel="online", full_online=True)  # due 05/11
    processing.resolve(ward, early.code, "x", at=dt("2026-11-04 10:00"))
    closing.return_result(ward, early.code, "x", at=dt("2026-11-04 15:00"))
    late = receive(ward, "2026-11-09 09:00")  # due 12/11 09:00
    processing.apologise(
        ward,
        late.code,
        "x",
        reason="Chờ xác minh",
        signer="B",
        extra_days=2,
        at=dt("2026-11-11 09:00"),
    )
    processing.resolve(ward, late.code, "x", at=dt("2026-11-13 09:00"))
    late_open = receive(ward, "2026-11-23 09:00", channel="postal")  # due 27/11: open & late at end
    pending = receive(ward, "2026-11-27 09:00", channel="online")  # due 03/12: within
    gone = receive(ward, "2026-11-10 09:00", proc="CT.01")
    closing.withdraw(ward, gone.code, "x", reason="Đơn rút", at=dt("2026-11-10 10:00"))
    no = receive(ward, "2026-11-10 09:30", proc="CT.01")
    closing.refuse(ward, no.code, "x", reason="Không thuộc thẩm quyền", at=dt("2026-11-10 09:40"))
    receive(ward, "2026-12-01 09:00")  # after the period: not counted
    return {"late_open": late_open, "pending": pending}


def test_biểu_06_counts(scenario, ward):
    r = report(ward)
    t = r.total.columns()
    assert t == {
        "received_total": 7,
        "received_online": 2,
        "received_direct": 4,
        "carried_over": 1,
        "resolved_total": 3,
        "resolved_early": 1,
        "resolved_on_time": 1,
        "resolved_late": 1,
        "in_progress_total": 2,
        "in_progress_within": 1,
        "in_progress_late": 1,
        "withdrawn": 1,
        "refused": 1,
    }
    assert r.rows["Hộ tịch"].columns()["received_total"] == 5
    assert r.rows["Chứng thực"].columns()["withdrawn"] == 1


def test_indicators(scenario, ward):
    ind = report(ward).total.indicators()
    assert ind["on_time_rate"] == pytest.approx(2 / 3, abs=1e-6)
    assert ind["online_rate"] == pytest.approx(1 / 6, abs=1e-6)  # 1 full-online of 6 new
    assert ind["paid_online_rate"] == 0.0  # two CT.01 dossiers carry a fee, none paid online
    assert ind["apology_rate"] == pytest.approx(1 / 2)  # 2 late (1 resolved, 1 open), 1 apologised
    assert ind["return_recorded_rate"] == pytest.approx(1 / 3, abs=1e-6)


def test_empty_period_has_null_rates(ward):
    r = report(ward, periods.month(2020, 1))
    assert all(v is None for v in r.total.indicators().values())
    assert r.as_dict()["rows"] == []


def test_identities_hold_on_a_demo_year(ward):
    demo.generate(as_demo(ward), dossiers=1500, seed=7, end=dt("2026-12-15 12:00"))
    auth.sign_in(ward, "canbo1", demo.DEMO_PASSWORD)
    for p in (
        periods.quarter(2026, 2),
        periods.quarter(2026, 3, "calendar"),
        periods.month(2026, 12),
    ):
        r = report(ward, p)
        for counts in [*r.rows.values(), r.total]:
            c = counts.columns()
            assert (
                c["received_total"]
                == c["received_online"] + c["received_direct"] + c["carried_over"]
            )
            assert (
                c["received_total"]
                == c["resolved_total"] + c["in_progress_total"] + c["withdrawn"] + c["refused"]
            )
            assert (
                c["resolved_total"]
                == c["resolved_early"] + c["resolved_on_time"] + c["resolved_late"]
            )
        assert sum(sum(c.columns()[k] for c in r.rows.values()) for k in COLUMNS) == sum(
            r.total.columns().values()
        )
    ind = report(ward, periods.year(2026)).total.indicators()
    assert 0.9 < ind["on_time_rate"] < 1.0  # a plausible ward, a few late
    assert 0 < ind["apology_rate"] < 1


def test_commitment_targets_against_actuals(scenario, ward):
    with ward.read() as s:
        office = ward.office(s)
        got = {
            t.indicator: t for t in evaluate(s, office.id, 2026, report(ward).total.indicators())
        }
    assert got["on_time_rate"].threshold == 98.0
    assert got["on_time_rate"].status == "missed"
    assert got["apology_rate"].actual == pytest.approx(50.0)


def test_nd09_periods():
    assert periods.quarter(2026, 1) == periods.Period(
        date(2025, 12, 15), date(2026, 3, 14), "Quý 1/2026"
    )
    assert periods.quarter(2026, 4, "calendar").end == date(2026, 12, 31)
    assert periods.year(2026).start == date(2025, 12, 15)
    assert periods.half(2026, 2).start == date(2026, 6, 15)
    assert periods.quarter_of(date(2026, 12, 20)).label == "Quý 1/2027"
    assert periods.month(2024, 2).end == date(2024, 2, 29)
    with pytest.raises(ValueError):
        periods.quarter(2026, 5)


def test_period_not_over_counts_open_dossiers_as_of_now(ward):
    # now is 15/12/2026 12:00 (conftest); due 17/12 is before the month's end but not late yet
    receive(ward, "2026-12-14 09:00")
    overdue = receive(ward, "2026-12-01 09:00")  # due 04/12: late already
    assert overdue.due_at < dt("2026-12-15 12:00")
    t = report(ward, periods.month(2026, 12)).total.columns()
    assert (t["in_progress_within"], t["in_progress_late"]) == (1, 1)


def test_timeliness_series_agrees_with_the_report(ward):
    """The dashboard chart's bars add up to the report's resolved columns over the same days."""
    from datetime import datetime as _dt

    from sqlalchemy import func, select

    from db.models import Dossier
    from wardapp.indicators.dashboard import timeliness_series

    demo.generate(as_demo(ward), dossiers=600, seed=11)
    today = date(2026, 11, 20)
    with ward.read() as s:
        months = timeliness_series(s, today, "month", 3)
        weeks = timeliness_series(s, today, "week", 4)
        assert [b.label for b in months] == ["09/26", "10/26", "11/26"]
        assert [b.start for b in weeks] == [
            date(2026, 10, 26),
            date(2026, 11, 2),
            date(2026, 11, 9),
            date(2026, 11, 16),
        ]
        october = build_report(s, periods.month(2026, 10)).total.values
        bar = months[1]
        assert (bar.early, bar.on_time, bar.late) == (
            october["resolved_early"],
            october["resolved_on_time"],
            october["resolved_late"],
        )
        since = _dt(2026, 10, 26)
        resolved = s.scalar(
            select(func.count()).where(
                Dossier.resolved_at >= since, Dossier.resolved_at < _dt(2026, 11, 23)
            )
        )
        assert sum(b.total for b in weeks) == resolved > 0
    with pytest.raises(ValueError):
        timeliness_series(None, today, "day")
