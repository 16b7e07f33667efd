"""The register search's count above ``COUNT_CAP``: the server stops counting at the cap plus
one (a LIMIT subquery) and SQLite keeps its exact count (FTS5 counts postings), both shown as
"hơn 10.000" in the window and the CLI; below the cap both are exact."""

import json

import pytest
from conftest import ON_SERVER, as_demo
from sqlalchemy import select, text

from db.models import Dossier
from wardapp.cli import main as cli
from wardapp.common import now_local
from wardapp.dossiers import register as reg
from wardapp.setup import demo

COPIES = 1001  # times the demo's 12 dossiers: 12,024 in all


def _many(ward) -> int:
    """The demo's dossiers copied with codes of their own ("-1" … "-1001" appended), so a
    search for the office's code matches them all (portable SQL: both engines run it)."""
    demo.generate(as_demo(ward), dossiers=12, seed=2)
    cols = [c.name for c in Dossier.__table__.columns if c.name != "id"]
    values = [
        "substr(uuid, 1, 30) || '-' || g.n"
        if c == "uuid"
        else "code || '-' || g.n"
        if c == "code"
        else c
        for c in cols
    ]
    with ward.write() as s:
        s.execute(
            text(
                f"WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g "
                f"WHERE n < {COPIES}) INSERT INTO dossier ({', '.join(cols)}) "
                f"SELECT {', '.join(values)} FROM dossier, g"
            )
        )
    with ward.read() as s:
        return s.scalar(select(Dossier.id).order_by(Dossier.id.desc()).limit(1))


def _count(ward, term: str) -> int:
    with ward.read() as s:
        return reg.count(s, reg.Filters(search=term), ward.rules(), now_local())


@pytest.fixture
def crowded(ward):
    assert _many(ward) > 12_000
    return ward


def test_a_count_above_the_cap_is_capped_on_the_server_and_exact_on_sqlite(crowded):
    held = 12 * (COPIES + 1)
    n = _count(crowded, "23.31")  # every code holds the office's agency code
    assert n == (reg.COUNT_CAP + 1 if ON_SERVER else held)
    assert reg.count_text(n) == "hơn 10.000"
    code = _first_code(crowded)
    assert _count(crowded, f"{code}-100") == 3  # -100, -1000, -1001
    assert reg.count_text(3) == "3"


def _first_code(ward) -> str:
    with ward.read() as s:
        return s.scalar(select(Dossier.code).order_by(Dossier.id).limit(1))


def test_the_cli_says_more_than_ten_thousand(crowded, ward_location, capsys, monkeypatch):
    monkeypatch.setenv("WARDAPP_USER", "chutich")
    monkeypatch.setenv("WARDAPP_PASSWORD", demo.DEMO_PASSWORD)
    assert cli(["--db", str(ward_location), "dossier", "search", "23.31", "--limit", "3"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "hơn 10.000 hồ sơ"
    assert len(out) == 4 and all("23.31" in line.split("\t")[0] for line in out[1:])
    args = ["--db", str(ward_location), "dossier", "search", "23.31", "--json", "--limit", "2"]
    assert cli(args) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["capped"] is True and got["shown"] == "hơn 10.000"
    assert len(got["dossiers"]) == 2
    code = _first_code(crowded)
    assert cli(["--db", str(ward_location), "dossier", "search", f"{code}-100"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "3 hồ sơ"
    assert cli(["--db", str(ward_location), "dossier", "search", "x", "--limit", "0"]) == 1
    assert "--limit" in capsys.readouterr().err


def test_the_window_says_more_than_ten_thousand(crowded, qtbot):
    from ui.pages.register_model import RegisterModel

    model = RegisterModel(crowded)
    model.set_filters(reg.Filters(search="23.31"))
    # on a server a common word's count comes after its page ("Đang đếm…" until then)
    qtbot.waitUntil(lambda: model.count_text() != "Đang đếm…", timeout=10000)
    assert model.count_text() == "hơn 10.000 hồ sơ"
    model.set_filters(reg.Filters(search=f"{_first_code(crowded)}-100"))
    assert model.count_text() == "3 hồ sơ"
    assert model.rowCount() == 3


def test_the_id_list_of_a_capped_search_stops_where_the_table_does(crowded):
    """A count stopped at the cap gives the table cap + 1 rows: the id list read for scrolling
    holds those rows' ids, in the same order as the full list, and no more."""
    f = reg.Filters(search="23.31")
    with crowded.read() as s:
        every = reg.ids(s, f, crowded.rules(), now_local())
        capped = reg.ids(s, f, crowded.rules(), now_local(), matches=reg.COUNT_CAP + 1)
    assert len(every) > reg.COUNT_CAP + 1
    assert list(capped) == list(every[: reg.COUNT_CAP + 1])
