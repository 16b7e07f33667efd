"""Exports by commit order (db.changes): a write that commits while an export runs reaches the
city in the next package, the ranges of an office's packages join, and a hole shows."""

import threading
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import select, text

from db import changes
from db.models import Dossier, DossierEvent, ImportLog
from tests.conftest import NOW, dt
from tests.test_exchange import city  # noqa: F401 - the city fixture
from wardapp.calendar import periods
from wardapp.common import clock
from wardapp.dossiers.lifecycle import processing
from wardapp.dossiers.lifecycle.intake import IntakeData, intake
from wardapp.exchange import export as export_module
from wardapp.exchange.city.importing import import_packages
from wardapp.exchange.city.status import office_statuses
from wardapp.exchange.export import export_package
from wardapp.exchange.ranges import describe, holes
from wardapp.indicators.report import build_report


def _dossiers(ward, n):
    return [
        intake(
            ward, IntakeData("HT.02", f"Người {i}", received_at=dt("2026-12-14 09:00")), "a"
        ).code
        for i in range(n)
    ]


def _figures(w):
    with w.read() as s:
        rows = s.execute(
            select(Dossier.uuid, Dossier.version, Dossier.status, Dossier.apology_count)
        ).all()
        report = build_report(s, periods.year(2026))
    return sorted(rows), report.total.columns(), report.total.indicators()


def test_a_write_committing_during_an_export_reaches_the_city(ward, city, tmp_path, monkeypatch):  # noqa: F811
    """A batch of apologies holds its transaction open while an export reads and writes its
    file, and commits before the export records it: the next export carries every apologised
    dossier and the city's figures equal the ward's (the clock rule lost them all)."""
    codes = _dossiers(ward, 12)
    out = tmp_path / "pkgs"
    first = export_package(ward, out)
    written, committed = threading.Event(), threading.Event()
    failure = []

    def batch():
        try:
            with ward.write() as s:
                for code in codes:
                    processing.apologise(
                        ward,
                        code,
                        "a",
                        reason="quá tải",
                        signer="Chủ tịch",
                        extra_days=2,
                        session=s,
                    )
                written.set()
                read.wait()
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            failure.append(exc)
            written.set()
        committed.set()

    read = threading.Event()
    real_write = export_module.write_package

    def write_then_let_the_batch_commit(path, manifest, members, *signing):
        read.set()  # the export has read its snapshot; the batch commits now
        committed.wait()
        real_write(path, manifest, members, *signing)

    monkeypatch.setattr(export_module, "write_package", write_then_let_the_batch_commit)
    clock.set_fixed_now(NOW + timedelta(minutes=1))  # the batch stamps its rows at this time
    worker = threading.Thread(target=batch)
    worker.start()
    written.wait()
    assert not failure, failure
    clock.set_fixed_now(NOW + timedelta(minutes=2))  # the export starts after the stamps
    second = export_package(ward, out)
    worker.join()
    assert not failure, failure
    monkeypatch.setattr(export_module, "write_package", real_write)
    assert second.counts["dossiers"] == 0  # the batch had not committed when it read
    clock.set_fixed_now(NOW + timedelta(minutes=3))
    third = export_package(ward, out)
    assert third.counts["dossiers"] == 12 and third.counts["apologies"] == 12
    with ward.read() as s:
        logs = [(x.seq, x.change_from, x.change_to) for x in export_module.export_logs(s)]
    assert holes(logs) == []
    assert logs[1][2] == logs[2][1]  # the third starts where the second ended

    summaries = import_packages(city, [first.path, second.path, third.path])
    assert [x.status for x in summaries] == ["applied"] * 3
    assert _figures(city) == _figures(ward)
    assert _figures(city)[2]  # the report has figures, not an empty row
    assert sum(r[3] for r in _figures(city)[0]) == 12


def test_every_write_is_stamped_in_commit_order(ward):
    a, b = _dossiers(ward, 2)
    processing.resolve(ward, a, "a", at=dt("2026-12-15 10:00"))
    with ward.read() as s:
        rows = dict(s.execute(select(Dossier.code, Dossier.change_no)).all())
        events = s.execute(select(DossierEvent.change_no).order_by(DossierEvent.id)).scalars().all()
        top = changes.current(s)
    assert rows[b] < rows[a] == top  # the resolve committed last
    assert events == sorted(events) and events[-1] == top
    # a write that forgets the number still gets a fresh one from the database
    with ward.write() as s:
        s.execute(text("UPDATE dossier SET note = 'x' WHERE code = :c"), {"c": b})
    with ward.read() as s:
        assert s.scalar(select(Dossier.change_no).where(Dossier.code == b)) == top + 1


def test_an_unstamped_event_is_refused(ward):
    _dossiers(ward, 1)
    with pytest.raises(Exception, match="change_no not stamped"), ward.write() as s:
        s.execute(
            text(
                "INSERT INTO dossier_event (uuid, dossier_id, seq, kind, at, recorded_at, "
                "actor, agency, reason, data, office_id, chain_no, prev_hash, hash) "
                "SELECT 'u', id, 9, 'note', received_at, received_at, '', '', '', '{}', "
                "office_id, 999, '', '' FROM dossier"
            )
        )


def test_holes_between_package_ranges():
    assert holes([(1, 0, 5), (2, 5, 9), (3, 9, 9)]) == []
    assert holes([(1, 0, 5), (3, 7, 9)]) == [(6, 7)]
    assert holes([(2, 5, 9), (3, 9, 12)]) == []  # before the first known package: unknown
    assert holes([(1, None, None), (2, 4, 6), (3, 8, 9)]) == [(7, 8)]
    assert holes([(1, 0, 9), (2, 3, 12)]) == []  # an overlap (a re-send) is no hole
    assert describe([(6, 7), (10, 10)]) == "thiếu các thay đổi số 6–7, 10 (không gói nào mang)"


def test_city_offices_show_a_hole_when_a_package_is_lost(ward, city, tmp_path):  # noqa: F811
    out = tmp_path / "pkgs"
    files = []
    for week in range(3):
        clock.set_fixed_now(NOW + timedelta(days=7 * week))
        _dossiers(ward, 2)
        files.append(export_package(ward, out).path)
    import_packages(city, [files[0], files[2]])  # the second never reached the city
    (st,) = office_statuses(city)
    assert st.missing == [2]
    with city.read() as s:
        logs = s.scalars(select(ImportLog).order_by(ImportLog.seq)).all()
        lost_from, lost_to = logs[0].change_to + 1, logs[1].change_from
    assert st.change_holes == [(lost_from, lost_to)]
    with zipfile.ZipFile(files[1]) as z:
        manifest = z.read("manifest.json").decode()
    assert f'"from": {lost_from - 1}' in manifest and f'"to": {lost_to}' in manifest
