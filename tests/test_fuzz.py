"""Bad input everywhere: every parser a user can feed gets random and mangled input.  The only
acceptable outcomes are success or a ``WardError`` (a clear message), and a refused input writes
nothing.  (The exchange import has its own corruption tests in test_exchange.py.)"""

import csv
import io
import sqlite3
import string

import pytest
from conftest import AGENCY
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from wardapp import cli
from wardapp.common.errors import WardError
from wardapp.dossiers.logbook import COLUMNS, import_logbook
from wardapp.office.settings import SPECS
from wardapp.office.store import Ward
from wardapp.setup import office

FIXTURE_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


def dump(path) -> str:
    con = sqlite3.connect(path)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)


@settings(max_examples=300, suppress_health_check=FIXTURE_OK)
@given(key=st.sampled_from([s.key for s in SPECS]), value=json_values)
def test_any_setting_value_is_saved_or_refused_whole(ward, key, value):
    before = dump(ward.path)
    try:
        office.set_settings(ward, {key: value, "soon_working_days": 3})
    except WardError:
        assert dump(ward.path) == before  # neither of the two values was written
        return
    ward.rules()  # an accepted value must leave the rules loadable


cell = st.one_of(
    st.text(max_size=25),
    st.sampled_from(["", "01/03/2026 08:00", "2026-03-02 08:00", "32/13/2026", "HT.02", "x"]),
    st.from_regex(r"0\d{11}", fullmatch=True),
)


@settings(max_examples=150, suppress_health_check=FIXTURE_OK)
@given(
    header=st.lists(st.sampled_from([*COLUMNS, "Họ tên", "??", ""]), min_size=1, max_size=12),
    rows=st.lists(st.lists(cell, max_size=12), max_size=6),
    delimiter=st.sampled_from([",", ";"]),
)
def test_register_import_of_random_csv_is_all_or_nothing(ward, tmp_path, header, rows, delimiter):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter)
    w.writerow(header)
    w.writerows(rows)
    path = tmp_path / "fuzz.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    before = dump(ward.path)
    try:
        res = import_logbook(ward, path)
    except WardError:
        assert dump(ward.path) == before
        return
    if not res.ok:
        assert dump(ward.path) == before and res.errors


@settings(max_examples=60, suppress_health_check=FIXTURE_OK)
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".xlsx", ".txt"]))
@example(data=b"\r\x00", suffix=".csv")  # a lone CR once escaped as csv.Error
@example(data=b'"' + b"x" * 200_000 + b'"', suffix=".csv")  # over csv's field size limit
def test_register_import_of_random_bytes_is_refused_cleanly(ward, tmp_path, data, suffix):
    path = tmp_path / f"junk{suffix}"
    path.write_bytes(data)
    before = dump(ward.path)
    try:
        res = import_logbook(ward, path)
    except WardError:
        pass
    else:
        assert not res.written or res.ok
    if not path.stat().st_size:
        return
    assert dump(ward.path) == before or res.ok


WORDS = [
    "init", "demo", "due", "calendar", "register", "import", "export", "report", "dossier",
    "intake", "resolve", "return", "receipt", "apology", "user", "add", "verify", "backup",
    "restore", "--days", "--procedure", "--received", "--year", "--quarter", "--format", "-o",
    "--dry-run", "--role", "admin", "--full-name", "2026", "13", "-1", "HT.02", "1.001193",
    "2026-11-20 09:15", "yesterday", "json", "xlsx", "--office-code", AGENCY, "../x", "",
]  # fmt: skip


@pytest.fixture
def cli_db(tmp_path, monkeypatch):
    path = tmp_path / "cli.sqlite3"
    w = Ward.open(path)
    office.init_office(w, name="Phường Xuân An", agency_code=AGENCY, year=2026)
    w.close()
    monkeypatch.setenv("WARDAPP_DB", str(path))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WARDAPP_NEW_PASSWORD", "x")  # too short: user add must refuse it
    return path


@settings(max_examples=250, suppress_health_check=FIXTURE_OK)
@given(
    argv=st.lists(
        st.sampled_from(WORDS) | st.text(alphabet=string.printable + "đươ", max_size=12),
        max_size=7,
    )
)
def test_cli_arguments_never_crash(cli_db, capsys, argv):
    """Any argument list ends in an exit code: 0, 1 (one-line error) or 2 (usage), never an
    uncaught exception (a traceback on the clerk's screen)."""
    try:
        code = cli.main(argv)
    except SystemExit as e:  # argparse: --help, --version, usage errors
        code = e.code
    out = capsys.readouterr()
    assert code in (0, 1, 2, None), (argv, code)
    assert "Traceback" not in out.err
    if code == 1:
        assert out.err.startswith("wardapp: error: ") and out.err.count("\n") == 1, out.err
