"""The register's fast first page for a search gives exactly the rows of the plain query.

The demo data is written in chunks that each span the whole year, so dossier ids are far from
date order (as after a city imports a ward's whole history, or a ward its old logbook): the
layout where a bound on the date is hardest to use."""

import os
from datetime import datetime

import pytest
from conftest import ON_SERVER, _server

from wardapp.common.clock import now_local
from wardapp.dossiers import register as reg
from wardapp.dossiers import search as register_search
from wardapp.setup import demo


@pytest.fixture(scope="module")
def big(tmp_path_factory, request):
    """One register for the module, on the engine of the pass (each plan is the engine's)."""
    from wardapp.office.store import Ward

    if ON_SERVER:
        name = f"wardapp_big_{os.getpid()}"
        _server(f"CREATE DATABASE {name} TEMPLATE {request.getfixturevalue('server_template')}")
        location = f"postgresql+psycopg:///{name}"
    else:
        location = tmp_path_factory.mktemp("big") / "ward.sqlite3"
    ward = Ward.open(location)
    demo.generate(ward, dossiers=2400, seed=5, end=datetime(2026, 12, 1, 17, 0), chunk=400)
    yield ward
    ward.close()
    if ON_SERVER:
        _server(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def plain(s, f, rules, limit, descending):
    n = reg.count(s, f, rules, now_local())
    rows = reg.page(s, f, rules, now_local(), offset=0, limit=limit, descending=descending)
    return n, [r.code for r in rows]


@pytest.mark.parametrize("descending", [True, False])
@pytest.mark.parametrize("limit", [1, 7, 64])
@pytest.mark.parametrize(
    "text", ["nguyen", "thi", "09", "090", "le thi", "zzz", "H26", "-26", "-260", "26-0"]
)
def test_first_page_equals_the_plain_query(big, text, limit, descending):
    rules = big.rules()
    with big.read() as s:
        f = reg.Filters(search=text)
        n, rows = reg.first_page(s, f, rules, now_local(), limit=limit, descending=descending)
        assert (n, [r.code for r in rows]) == plain(s, f, rules, limit, descending)
        # scrolling further reads the id list: its head must be the page already shown
        ids = reg.ids(s, f, rules, now_local(), descending=descending, matches=n)
        assert len(ids) == n and list(ids[:limit]) == [r.id for r in rows]


@pytest.mark.server_only
@pytest.mark.parametrize("descending", [True, False])
@pytest.mark.parametrize("text", ["-2512", "-2611", "nguyen", "zzz", "0", "h26-26"])
def test_the_servers_plans_equal_the_plain_query_around_the_cap(big, text, descending):
    """PostgreSQL's own plan (a walk down the date index, or every match from the trigram
    index, or the server's sort past the cap) with a cap small enough to reach: December
    2025's codes ("-2512") are many and all among the oldest, so newest first they are sparse
    where the walk looks and past the cap; oldest first the walk finds them at once."""
    from db.backends.postgresql import search as server_search

    rules = big.rules()
    with big.read() as s:
        for limit, cap in ((7, 20), (7, 10_000), (64, 100)):
            n, ids = server_search.first_page(s, text, limit, descending, cap)
            f = reg.Filters(search=text)
            exact = reg.ids(s, f, rules, now_local(), descending=descending)
            assert n == min(len(exact), cap + 1), (limit, cap)
            assert ids == list(exact[:limit]), (limit, cap)


@pytest.mark.sqlite_only
def test_common_words_take_the_bounded_plan(big, monkeypatch):
    """Codes of 2026 ("-26") are most of the register, more than the few-matches plan reads, so
    the answers above for them came through the date bound: check that plan ran and held."""
    calls = []
    real = register_search._since_bound

    def spy(*a):
        found = real(*a)
        calls.append(found is not None)
        return found

    monkeypatch.setattr(register_search, "_since_bound", spy)
    with big.read() as s:
        n, ids = register_search.first_ids(s, "-26", 7, True)
    assert n > 1000 and len(ids) == 7
    assert calls and calls[-1] is True


def test_ranges_merge_the_closest_runs(monkeypatch):
    monkeypatch.setattr(register_search, "MAX_RANGES", 2)
    ids = [1, 2, 3, 5000, 5001, 9000, 20000]
    assert register_search._ranges(ids) == [(1, 9000), (20000, 20000)]
    monkeypatch.setattr(register_search, "MAX_RANGES", 64)
    assert register_search._ranges(ids) == [(1, 3), (5000, 5001), (9000, 9000), (20000, 20000)]


@pytest.mark.sqlite_only
def test_matches_spread_over_the_years_take_the_walk(big, monkeypatch):
    """Between the few-matches look-ups and the date bound, a few hundred matches are found by
    walking down the date index; the parametrised test above holds its answers equal to the
    plain query's, this one checks the walk is what gave them."""
    calls = []
    real = register_search._walked

    def spy(*a):
        found = real(*a)
        calls.append(found)
        return found

    monkeypatch.setattr(register_search, "_walked", spy)
    with big.read() as s:
        n, ids = register_search.first_ids(s, "nguyen", 7, True)
        assert 40 < n <= 480, n  # the walk's range for 7 rows of 2,400 dossiers
        assert calls and calls[-1] == ids and len(ids) == 7
        calls.clear()
        # bunched matches: the walk is not even tried when the estimate is past its bound
        n, ids = register_search.first_ids(s, "zzz", 7, True)
    assert (n, ids, calls) == (0, [], [])


@pytest.mark.sqlite_only
def test_a_walk_that_runs_out_falls_back_to_the_look_ups(big, monkeypatch):
    """130 matches, all among the oldest dossiers: evenly spread they would fill 64 rows within
    the walk's bound, bunched at the bottom they do not, and the page comes from the look-ups."""
    from sqlalchemy import select

    from db.models import Dossier

    calls = []
    real = register_search._walked
    monkeypatch.setattr(register_search, "_walked", lambda *a: calls.append(real(*a)) or calls[-1])
    with big.read() as s:
        oldest = select(Dossier.id).order_by(Dossier.received_at, Dossier.id).limit(130)
        ids = sorted(s.scalars(oldest))
        total = s.scalar(select(Dossier.id).order_by(Dossier.id.desc()).limit(1))
        got = register_search._first_of_few(s, ids, 64, True, total)
        newest_first = select(Dossier.id).where(Dossier.id.in_(ids))
        newest_first = newest_first.order_by(Dossier.received_at.desc(), Dossier.id.desc())
        assert got == list(s.scalars(newest_first.limit(64)))
    assert calls == [None]
