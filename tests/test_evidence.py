"""Every figure down to its dossiers (issue 21): for each column of Biểu 06 and each indicator,
the rows ``evidence.behind`` opens are exactly the ones the report counts, in total and for a
field, for a period over and one under way; the evidence annex lists them."""

from datetime import date

import pytest
from sqlalchemy import text

from tests.conftest import as_demo, dt
from wardapp.calendar import periods
from wardapp.dossiers import rate
from wardapp.indicators import evidence
from wardapp.indicators.report import COLUMNS, INDICATORS, build_report
from wardapp.setup import demo
from wardapp.trust import auth

# indicator → (numerator tally, denominator tally) of report.Counts
TALLIES = {
    "on_time_rate": (None, "resolved_total"),
    "online_rate": ("full_online", "new_total"),
    "paid_online_rate": ("paid_online", "with_fee"),
    "apology_rate": ("late_apologised", "late_total"),
    "return_recorded_rate": ("resolved_returned", "resolved_total"),
    "satisfaction_rate": ("rated_satisfied", "rated_asked"),
}


@pytest.fixture(scope="module")
def demo_ward(tmp_path_factory):
    from wardapp.common import clock
    from wardapp.office.store import Ward
    from wardapp.setup.office import init_office

    clock.set_fixed_now(dt("2026-12-15 12:00"))
    w = Ward.open(tmp_path_factory.mktemp("ev") / "ward.sqlite3")
    init_office(w, name="Phường Xuân An", agency_code="000.23.31.H26", year=2026)
    demo.generate(as_demo(w), dossiers=900, seed=5, end=dt("2026-12-15 12:00"))
    auth.sign_in(w, "canbo1", demo.DEMO_PASSWORD)
    with w.read() as s:  # a few answers besides the demo's own
        q = "SELECT code FROM dossier WHERE status = 'returned' AND rating = '' LIMIT 3"
        codes = list(s.scalars(text(q)))
    for code, answer in zip(codes, ("hai_long", "binh_thuong", "khong_hai_long"), strict=True):
        rate(w, code, "x", answer)
    yield w
    w.close()


@pytest.mark.parametrize(
    "period",
    [periods.month(2026, 11), periods.quarter(2026, 4), periods.year(2026)],
    ids=["november", "q4-under-way", "year"],
)
def test_each_figure_opens_exactly_the_rows_it_counts(demo_ward, period):
    with demo_ward.read() as s:
        r = build_report(s, period)
        v = r.total.values
        for key in COLUMNS:
            rows = evidence.behind(s, key, period)
            assert len(rows) == v[key], key
            assert all(e.counted for e in rows)
            assert len({e.code for e in rows}) == len(rows)
        for key in INDICATORS:
            num, den = TALLIES[key]
            rows = evidence.behind(s, key, period)
            counted = sum(e.counted for e in rows)
            assert len(rows) == v[den], key
            want = v[num] if num else v["resolved_early"] + v["resolved_on_time"]
            assert counted == want, key
            rate = r.total.indicators()[key]
            assert rate == (None if not rows else round(counted / len(rows), 6)), key
        # one row of Biểu 06: the field's rows only
        field, counts = next(iter(r.rows.items()))
        assert (
            len(evidence.behind(s, "resolved_late", period, field=field))
            == counts.values["resolved_late"]
        )
    assert v["resolved_total"] > 50 and v["rated_asked"] >= 3 and v["late_total"] > 0


def test_an_evidence_row_says_what_a_reviewer_checks(demo_ward):
    with demo_ward.read() as s:
        late = evidence.behind(s, "apology_rate", periods.year(2026))
    apologised = [e for e in late if e.counted]
    assert apologised and all(e.apologies.startswith("Số ") for e in apologised)
    assert all(not e.apologies for e in late if not e.counted)
    resolved_late = [e for e in late if e.resolved_at is not None]
    assert resolved_late and all(e.outcome == "Quá hạn" for e in resolved_late)
    assert set(evidence.DEFINITIONS) >= set(INDICATORS)
    with pytest.raises(KeyError):
        evidence.conditions("no_such", date(2026, 1, 1), date(2026, 2, 1), date(2026, 2, 1))
