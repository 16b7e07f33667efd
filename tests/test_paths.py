"""Database and output folders of any shape: a space, ``#``, ``%``, ``?`` and Vietnamese letters.

Formatted URLs broke on each of these: ``#`` made a backup report success and write an empty
file (the URI ended at the ``#``), ``%41`` turned into ``A`` and the database could not be
opened.  Every operation that names a file goes through each shape here.
"""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from conftest import AGENCY, dt

from wardapp.dossiers.lifecycle.intake import IntakeData, intake
from wardapp.dossiers.logbook import export_logbook
from wardapp.exchange.export import export_package
from wardapp.office.store import Ward
from wardapp.setup.office import init_office
from wardapp.trust import backup

SHAPES = ["Sổ hồ sơ", "a#b", "100%41", "x?y=1", "Phường Xuân An #1 100%"]


def _office(path):
    w = Ward.open(path)
    init_office(w, name="Phường Xuân An", agency_code=AGENCY, year=2026)
    intake(w, IntakeData("HT.02", "Lê Văn A", received_at=dt("2026-12-15 09:00")), "typed")
    return w


def _count(path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM dossier").fetchone()[0]
    finally:
        con.close()


@pytest.mark.parametrize("shape", SHAPES)
def test_open_reopen_backup_restore_and_export_in_any_folder(tmp_path, shape):
    folder = tmp_path / shape
    path = folder / f"{shape}.sqlite3"
    w = _office(path)
    assert path.exists() and _count(path) == 1  # the file itself, not a neighbour
    assert sorted(p.name for p in tmp_path.iterdir()) == [shape]
    w.close()
    w = Ward.open(path)  # reopening finds the data (not a fresh empty database)
    with w.read() as s:
        assert w.office(s).agency_code == AGENCY

    copy = backup.backup_now(w, tmp_path / f"bk {shape}")
    assert backup.integrity(copy) == "ok"
    assert _count(copy) == 1  # not an empty 4 KB database
    intake(w, IntakeData("HT.02", "Sau", received_at=dt("2026-12-15 10:00")), "typed")
    res = backup.restore(w, copy)
    assert res.replaced_copy.parent == folder and _count(res.replaced_copy) == 2
    assert _count(path) == 1

    w = Ward.open(path)
    out = tmp_path / f"out {shape}"
    assert export_logbook(w, out / f"sổ {shape}.csv") == 1
    assert (out / f"sổ {shape}.csv").read_text(encoding="utf-8-sig").count("Lê Văn A") == 1
    pkg = export_package(w, out, full=True, since=date(2026, 1, 1))
    assert pkg.path.parent == out and pkg.path.stat().st_size > 0
    w.close()


def test_urls_and_uris_keep_the_path_whole(tmp_path):
    from db.backends.sqlite.connection import uri_for, url_for

    path = tmp_path / "a #1 100%41 ?x" / "Sổ.sqlite3"
    assert url_for(path).database == str(path)
    uri = uri_for(path, mode="ro")
    assert uri.endswith("?mode=ro") and "#" not in uri and "%2541" in uri
    path.parent.mkdir()
    sqlite3.connect(path).close()
    sqlite3.connect(uri, uri=True).close()  # the same file: read-only needs it to exist
