"""The city reads dossier rows straight into stored form (``stored_row``); it must accept and
refuse exactly what ``check_row`` does, and give the text SQLAlchemy would store."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from db.backend import stored_value as sqlite_value
from db.chain_hash import _t
from wardapp.exchange.rows import RowError, check_row, stored_row

EVENT = {
    "uuid": "0192f1e2-7a3b-7c4d-8e5f-0123456789ab",
    "dossier_uuid": "0192f1e2-7a3b-7c4d-8e5f-0123456789ac",
    "seq": 1,
    "kind": "received",
    "at": "2026-11-20T09:15:00+07:00",
    "recorded_at": "2026-11-20T09:15:00.250000+07:00",
    "actor": "canbo1",
    "agency": "",
    "reason": "",
    "data": "{}",
    "chain_no": 1,
    "prev_hash": "0" * 64,
    "hash": "a" * 64,
    "backdated": False,
}


def _outcome(fn, row):
    try:
        return "ok", fn("events", row)
    except RowError as exc:
        return "refused", str(exc)


moments = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1))
offsets = st.sampled_from([7, 7, 7, 0, -5, 9]).map(lambda h: timezone(timedelta(hours=h)))
spans = st.sampled_from(["auto", "seconds", "milliseconds", "microseconds", "minutes"])
well_formed = st.builds(
    lambda t, tz, span: t.replace(tzinfo=tz).isoformat(timespec=span), moments, offsets, spans
)
odd = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "2026-02-30T09:15:00+07:00",  # no such day
            "2026-11-20T25:15:00+07:00",
            "2026-11-20T09:15:00",  # no offset
            "2026-11-20 09:15:00+07:00",
            "2026-11-20T09:15:00,123456+07:00",
            "٢٠٢٦-١١-٢٠T09:15:00+07:00",  # Arabic-Indic digits
            "2026-11-20T09:15:00.12345+07:00",
        ]
    ),
    st.none(),
    st.integers(),
)


@settings(max_examples=400, deadline=None)
@given(at=st.one_of(well_formed, odd), seq=st.one_of(st.integers(-3, 3), st.booleans()))
@example(at="2026-11-20T09:15:00.000000+07:00", seq=1)
@example(at="2026-11-20T02:15:00Z", seq=1)
def test_stored_rows_accept_and_refuse_what_checked_rows_do(at, seq):
    row = EVENT | {"at": at, "seq": seq}
    checked, stored = _outcome(check_row, row), _outcome(stored_row, row)
    assert checked[0] == stored[0]
    if checked[0] == "refused":
        assert checked[1] == stored[1]
        return
    for key, value in checked[1].items():
        assert stored[1][key] == sqlite_value(value), key


def test_stored_rows_keep_text_and_normalise_it():
    row = EVENT | {"actor": "Đỗ Thị A\u0301nh", "reason": "x" * 10_001}
    with pytest.raises(RowError, match="reason: dài quá 10000"):
        stored_row("events", row)
    got = stored_row("events", EVENT | {"actor": "Đỗ Thị A\u0301nh"})
    assert got["actor"] == "Đỗ Thị Ánh" and got["at"] == "2026-11-20 09:15:00.000000"
    assert got["recorded_at"] == "2026-11-20 09:15:00.250000"


@given(moments)
def test_the_event_hash_reads_stored_text_as_the_datetime_it_stands_for(t):
    assert _t(sqlite_value(t)) == _t(t)
