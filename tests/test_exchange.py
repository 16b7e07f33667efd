"""Weekly exchange: round trip, idempotence, order, gaps, conflicts, and every kind of bad
package refused with the city database byte-for-byte unchanged."""

import json
import sqlite3
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from db.backend import stored_value as sqlite_value
from db.models import DossierEvent
from tests.conftest import AGENCY, as_demo, dt, public_key, schema_diff, signing
from wardapp.calendar import periods
from wardapp.common import clock
from wardapp.common.errors import WardError
from wardapp.dossiers.lifecycle import closing, processing
from wardapp.dossiers.lifecycle.intake import IntakeData, intake
from wardapp.dossiers.lifecycle.transition import get_dossier
from wardapp.exchange.city.importing import import_packages
from wardapp.exchange.city.status import office_statuses
from wardapp.exchange.city.wards import add_ward
from wardapp.exchange.export import export_package
from wardapp.exchange.package import FORMAT_VERSION, read_package, write_package
from wardapp.indicators.report import build_report
from wardapp.office.store import Ward
from wardapp.setup import demo
from wardapp.setup.office import init_office
from wardapp.trust import auth


@pytest.fixture
def city(tmp_path, ward):
    w = Ward.open(tmp_path / "city.sqlite3")
    init_office(w, name="Ủy ban nhân dân tỉnh Lâm Đồng", agency_code="000.00.00.H26", kind="city")
    add_ward(w, name="Phường Xuân An", agency_code=AGENCY, public_key=public_key(ward))
    yield w
    w.close()


def dump(ward: Ward) -> str:
    con = sqlite3.connect(ward.path)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def receive(ward, when, name="Lê Văn A"):
    return intake(ward, IntakeData("HT.02", name, received_at=dt(when)), "canbo1")


def test_weekly_round_trip_gives_the_ward_report(ward, city, tmp_path):
    """A ward's year, exported every week (with changes in between), imported at the city in
    order: the city's Biểu 06 equals the ward's own."""
    demo.generate(as_demo(ward), dossiers=400, seed=2, end=dt("2026-10-01 17:00"))
    auth.sign_in(ward, "canbo1", demo.DEMO_PASSWORD)
    out = tmp_path / "pkgs"
    files = []
    start = datetime(2026, 10, 5, 17, 0)
    for week in range(6):
        now = start + timedelta(days=7 * week)
        clock.set_fixed_now(now)
        d = receive(ward, (now - timedelta(days=2)).strftime("%Y-%m-%d 09:00"), f"Người {week}")
        processing.resolve(ward, d.code, "canbo1", at=now - timedelta(hours=3))
        files.append(export_package(ward, out).path)
    clock.set_fixed_now(start + timedelta(days=60))
    summaries = import_packages(city, files)
    assert [s.status for s in summaries] == ["applied"] * 6
    assert summaries[0].inserted == 401 and summaries[1].inserted == 1
    for p in (periods.year(2026), periods.quarter(2026, 4, "calendar")):
        with ward.read() as a, city.read() as b:
            mine, theirs = build_report(a, p), build_report(b, p)
        assert theirs.total.columns() == mine.total.columns()
        assert theirs.total.indicators() == mine.total.indicators()


def test_city_search_index_follows_batched_imports(ward, city, tmp_path):
    """The city indexes a batch's new dossiers after writing them (db.search_index): a dossier
    inserted and renamed in one batch, and an older one renamed while newer rows wait, are
    found by their new names only, and the index matches the table row for row."""
    from sqlalchemy import text

    from wardapp.dossiers import register as reg

    def found(name):
        with city.read() as s:
            f = reg.Filters(search=name)
            return {
                r.code for r in reg.page(s, f, city.rules(), clock.now_local(), offset=0, limit=9)
            }

    def rename(code, name):
        processing.edit(ward, code, "canbo1", reason="sai tên", changes={"applicant_name": name})

    d = receive(ward, "2026-11-20 09:00", name="Trần Thị Mai")
    p1 = export_package(ward, tmp_path).path
    rename(d.code, "Trần Thị Mây")
    p2 = export_package(ward, tmp_path).path
    assert [s.status for s in import_packages(city, [p1, p2])] == ["applied"] * 2
    assert found("tran thi may") == {d.code} and found("tran thi mai") == set()
    e = receive(ward, "2026-11-21 09:00", name="Lê Văn Bảo")
    p3 = export_package(ward, tmp_path).path
    rename(d.code, "Nguyễn Thị Mây")
    p4 = export_package(ward, tmp_path).path
    assert [s.status for s in import_packages(city, [p3, p4])] == ["applied"] * 2
    assert found("nguyen thi may") == {d.code} and found("tran thi may") == set()
    assert found("le van bao") == {e.code}
    with city.engine.begin() as c:  # rank 1: compare the index with the dossier table too
        c.execute(
            text("INSERT INTO dossier_search(dossier_search, rank) VALUES ('integrity-check', 1)")
        )
        assert c.execute(text("SELECT deferred_above FROM search_index_state")).scalar() is None


def test_reimport_is_already_imported_and_changes_nothing(ward, city, tmp_path):
    receive(ward, "2026-11-20 09:00")
    f = export_package(ward, tmp_path).path
    assert import_packages(city, [f])[0].status == "applied"
    before = dump(city)
    again = import_packages(city, [f])[0]
    assert again.status == "already imported"
    assert dump(city) == before


def test_empty_export_is_a_valid_package(ward, city, tmp_path):
    export_package(ward, tmp_path)
    res = export_package(ward, tmp_path)
    assert res.counts["dossiers"] == 0 and res.seq == 2
    pkg = read_package(res.path)
    assert pkg.manifest["prev_sha256"] and pkg.rows["dossiers"] == []


def test_out_of_order_and_gaps_are_reported_and_newer_versions_win(ward, city, tmp_path):
    d = receive(ward, "2026-11-20 09:00")
    p1 = export_package(ward, tmp_path).path
    processing.resolve(ward, d.code, "canbo1", at=dt("2026-11-23 09:00"))
    p2 = export_package(ward, tmp_path).path
    closing.return_result(ward, d.code, "canbo1", at=dt("2026-11-24 09:00"))
    p3 = export_package(ward, tmp_path).path
    s3 = import_packages(city, [p3])[0]
    assert s3.status == "applied" and s3.inserted == 1 and s3.missing_before == [1, 2]
    assert office_statuses(city)[0].missing == [1, 2]
    s1 = import_packages(city, [p1])[0]  # older version of the same dossier arrives late
    assert s1.conflicts and "cũ hơn" in s1.conflicts[0] and s1.updated == 0
    with city.read() as s:
        held = get_dossier(s, d.code)
        assert held.status == "returned"  # never overwritten by the older record
        assert [e.kind for e in held.events] == ["received", "resolved", "returned"]
    import_packages(city, [p2])
    assert office_statuses(city)[0].missing == []


def test_files_chosen_out_of_order_apply_in_order_of_their_weeks(ward, city, tmp_path):
    clock.set_fixed_now(dt("2026-11-21 17:00"))
    d = receive(ward, "2026-11-20 09:00")
    p1 = export_package(ward, tmp_path).path
    clock.set_fixed_now(dt("2026-11-28 17:00"))
    processing.resolve(ward, d.code, "canbo1", at=dt("2026-11-23 09:00"))
    p2 = export_package(ward, tmp_path).path
    clock.set_fixed_now(dt("2026-12-05 17:00"))
    closing.return_result(ward, d.code, "canbo1", at=dt("2026-11-30 09:00"))
    p3 = export_package(ward, tmp_path).path
    junk = tmp_path / "junk.wardpkg"
    junk.write_bytes(b"not a zip")
    out = import_packages(city, [p3, junk, p1, p2])
    assert [(s.seq, s.status) for s in out] == [
        (1, "applied"),
        (2, "applied"),
        (3, "applied"),
        (0, "refused"),
    ]
    assert not any(s.conflicts or s.missing_before for s in out)
    with city.read() as s:
        assert get_dossier(s, d.code).status == "returned"


def test_dry_run_reports_without_writing(ward, city, tmp_path):
    receive(ward, "2026-11-20 09:00")
    f = export_package(ward, tmp_path).path
    before = dump(city)
    s = import_packages(city, [f], dry_run=True)[0]
    assert (s.status, s.inserted) == ("dry-run", 1)
    assert dump(city) == before


def test_unknown_office_and_ward_database_refuse(ward, city, tmp_path):
    other = Ward.open(tmp_path / "other.sqlite3")
    init_office(other, name="Phường Khác", agency_code="000.23.31.H99")
    receive(other, "2026-11-20 09:00")
    f = export_package(other, tmp_path).path
    before = dump(city)
    s = import_packages(city, [f])[0]
    assert s.status == "refused" and "chưa được đăng ký" in s.reason
    assert dump(city) == before
    with pytest.raises(WardError, match="thành phố"):
        import_packages(ward, [f])


def test_new_dossier_reusing_a_held_event_uuid_is_refused(ward, city, tmp_path, monkeypatch):
    """Events of a dossier new to the city are inserted without looking each one up; one whose
    uuid the city already holds (another ward's event) refuses the file, nothing half-written."""
    import uuid as uuidlib

    from wardapp.dossiers.lifecycle import intake as intake_module
    from wardapp.dossiers.lifecycle import transition

    receive(ward, "2026-11-20 09:00")
    assert import_packages(city, [export_package(ward, tmp_path / "a").path])[0].status == "applied"
    with city.read() as s:
        taken = s.scalars(select(DossierEvent.uuid)).first()
    other = Ward.open(tmp_path / "other.sqlite3")
    init_office(other, name="Phường Khác", agency_code="000.23.31.H98")
    add_ward(city, name="Phường Khác", agency_code="000.23.31.H98", public_key=public_key(other))
    fresh = iter([str(uuidlib.uuid4()), taken])  # the dossier's, then its event's
    for module in (intake_module, transition):  # the dossier's uuid, then the event's
        monkeypatch.setattr(module, "new_uuid", lambda: next(fresh))
    receive(other, "2026-11-20 10:00", name="Võ Văn Tư")
    monkeypatch.undo()
    bad = export_package(other, tmp_path / "b").path
    before = dump(city)
    s = import_packages(city, [bad])[0]
    assert s.status == "refused" and "trùng mã (uuid)" in s.reason, s.line()
    assert dump(city) == before
    other.close()


# -- corrupted packages --------------------------------------------------------------------


def _rewrite(src: Path, dst: Path, change):
    """Copy a package, letting ``change(name, bytes)`` alter members (None drops one)."""
    with zipfile.ZipFile(src) as z:
        members = {n: z.read(n) for n in z.namelist()}
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in members.items():
            new = change(n, data)
            if new is not None:
                z.writestr(n, new)
    return dst


def _manifest_edit(fn):
    def change(n, data):
        if n != "manifest.json":
            return data
        m = json.loads(data)
        fn(m)
        return json.dumps(m)

    return change


@pytest.fixture
def good(ward, tmp_path):
    receive(ward, "2026-11-20 09:00", "Đỗ Thị Hoa")
    return export_package(ward, tmp_path / "good").path


def _edit_row(n, data):
    if n != "dossiers.jsonl":
        return data
    return data.replace("Đỗ Thị Hoa".encode(), "Đỗ Thị Hòa".encode())


def _zip_bomb(path: Path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", "{}")
        z.writestr("dossiers.jsonl", b"\n" * (300 * 1024 * 1024))
    return path


def _write(dst: Path, data: bytes) -> Path:
    dst.write_bytes(data)
    return dst


def _flip(good: Path, dst: Path) -> Path:
    raw = bytearray(good.read_bytes())
    raw[200] ^= 0xFF
    return _write(dst, bytes(raw))


CASES = {
    "flipped byte": _flip,
    "truncated": lambda good, dst: _write(dst, good.read_bytes()[: len(good.read_bytes()) // 2]),
    "member removed": lambda good, dst: _rewrite(
        good, dst, lambda n, d: None if n == "events.jsonl" else d
    ),
    "row edited, hash not fixed": lambda good, dst: _rewrite(good, dst, _edit_row),
    "newer format": lambda good, dst: _rewrite(
        good, dst, _manifest_edit(lambda m: m.update(format_version=FORMAT_VERSION + 1))
    ),
    "path with ..": lambda good, dst: (
        _rewrite(good, dst, lambda n, d: d) and _add(dst, "../evil.jsonl", b"x")
    ),
    "zip bomb": lambda good, dst: _zip_bomb(dst),
    "not a zip": lambda good, dst: _write(dst, b"hello"),
    "extra member": lambda good, dst: (
        _rewrite(good, dst, lambda n, d: d) and _add(dst, "notes.txt", b"x")
    ),
}
REASONS = {
    "flipped byte": ("zip", "SHA-256", "hỏng"),
    "truncated": ("zip",),
    "member removed": ("thiếu",),
    "row edited, hash not fixed": ("SHA-256",),
    "newer format": ("phiên bản",),
    "path with ..": ("đường dẫn",),
    "zip bomb": ("zip bomb",),
    "not a zip": ("zip",),
    "extra member": ("thừa",),
}


def _add(path, name, data):
    with zipfile.ZipFile(path, "a") as z:
        z.writestr(name, data)
    return path


@pytest.mark.parametrize("case", list(CASES))
def test_bad_packages_are_refused_and_change_nothing(city, good, tmp_path, case):
    bad = CASES[case](good, tmp_path / f"bad-{case.replace(' ', '_')}.wardpkg")
    before = dump(city)
    s = import_packages(city, [bad])[0]
    assert s.status == "refused", case
    assert any(word in s.reason for word in REASONS[case]), s.reason
    assert dump(city) == before
    assert import_packages(city, [good])[0].status == "applied"  # the good one still goes in


def test_a_row_breaking_its_schema_is_refused_even_with_fixed_hashes(ward, good, tmp_path, city):
    with zipfile.ZipFile(good) as z:
        members = {n: z.read(n) for n in z.namelist()}
    manifest = json.loads(members.pop("manifest.json"))
    del members["manifest.sig"]
    rows = [json.loads(x) for x in members["dossiers.jsonl"].decode().splitlines()]
    rows[0]["received_at"] = "2026-11-20 09:00"  # no offset
    members["dossiers.jsonl"] = "\n".join(json.dumps(r) for r in rows).encode()
    write_package(tmp_path / "x.wardpkg", manifest, members, signing(ward))
    s = import_packages(city, [tmp_path / "x.wardpkg"])[0]
    assert s.status == "refused" and "múi giờ" in s.reason


def test_two_dossiers_with_one_code_in_a_package_are_refused(ward, city, tmp_path):
    """Every hash fixed, so only the unique code can catch it: the file is refused with the
    key named, not an error that stops the whole import, and nothing is written."""
    receive(ward, "2026-11-20 09:00", "Đỗ Thị Hoa")
    receive(ward, "2026-11-20 10:00", "Lê Văn Tám")
    good = export_package(ward, tmp_path / "good").path
    with zipfile.ZipFile(good) as z:
        members = {n: z.read(n) for n in z.namelist()}
    manifest = json.loads(members.pop("manifest.json"))
    del members["manifest.sig"]
    rows = [json.loads(x) for x in members["dossiers.jsonl"].decode().splitlines()]
    rows[1]["code"] = rows[0]["code"]
    members["dossiers.jsonl"] = "\n".join(json.dumps(r) for r in rows).encode()
    write_package(tmp_path / "x.wardpkg", manifest, members, signing(ward))
    before = dump(city)
    s = import_packages(city, [tmp_path / "x.wardpkg"])[0]
    assert s.status == "refused" and "trùng mã (code)" in s.reason, s.line()
    assert dump(city) == before


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_corruption_never_half_applies(city, good, tmp_path, data):
    raw = bytearray(good.read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(raw) - 1))
        raw[i] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(raw) // 2, len(raw)))
    bad = tmp_path / "random.wardpkg"
    bad.write_bytes(bytes(raw[:cut]))
    before = dump(city)
    s = import_packages(city, [bad])[0]
    if bytes(raw[:cut]) == good.read_bytes():
        return
    if s.status == "refused":
        assert dump(city) == before
    else:  # a change that zip and SHA-256 both miss would have to be in unused bytes
        assert s.status in ("applied", "already imported")


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=5))
def test_random_valid_rows_round_trip(ward, city, tmp_path, names):
    """Whatever names clerks type (any Unicode), the package carries them exactly (NFC).  A
    server's text cannot hold NUL, which it refuses with a message (tests/test_pg_server.py)."""
    import unicodedata

    from conftest import ON_SERVER
    from hypothesis import assume

    assume(not ON_SERVER or not any("\x00" in n for n in names))

    from wardapp.common.text import nfc

    made = []
    for i, n in enumerate(names):
        if not nfc(n):
            continue
        made.append(
            intake(
                ward,
                IntakeData("CT.01", n, received_at=dt("2026-11-20 09:00") + timedelta(minutes=i)),
                "x",
            )
        )
    f = export_package(ward, tmp_path / f"p{len(list(tmp_path.glob('p*')))}").path
    pkg = read_package(f)
    got = {r["uuid"]: r["applicant_name"] for r in pkg.rows["dossiers"]}
    for d in made:
        assert got[d.uuid] == d.applicant_name == unicodedata.normalize("NFC", d.applicant_name)
    assert import_packages(city, [f])[0].status == "applied"


def test_reference_data_from_city_to_ward(ward, city, tmp_path):
    from sqlalchemy import select

    from db.models import CalendarOverride, Commitment, Procedure
    from wardapp.exchange.reference import apply_reference, export_reference

    with city.write() as s:  # the province publishes a shorter limit and a new day off
        p = s.scalars(select(Procedure).where(Procedure.code == "HT.02")).one()
        p.limit_days = 2.0
        s.add(
            CalendarOverride(
                day=dt("2026-12-14 00:00").date(),
                kind="holiday",
                description="Nghỉ theo quyết định của tỉnh",
                legal_basis="QĐ …/UBND",
            )
        )
        c = s.scalars(select(Commitment).where(Commitment.year == 2026)).first()
        c.targets[0].threshold = 99.0
    f = export_reference(city, tmp_path, 2026)
    diff = apply_reference(ward, f)
    assert any(
        "HT.02" in x and "Thời hạn (ngày làm việc): 3.0 → 2.0" in x for x in diff.procedures_changed
    )
    assert diff.calendar_new and "14/12/2026" in diff.calendar_new[0]
    assert any("≥" in x or ">= 99" in x for x in diff.targets)
    with ward.read() as s:  # nothing applied without --accept
        assert s.scalars(select(Procedure.limit_days).where(Procedure.code == "HT.02")).one() == 3.0
    apply_reference(ward, f, accept=True)
    d = intake(ward, IntakeData("HT.02", "Lê Văn A", received_at=dt("2026-12-11 09:00")), "x")
    assert d.due_at == dt("2026-12-16 09:00")  # 2 days now, skipping the weekend and 14/12
    assert apply_reference(ward, f).empty
    with pytest.raises(WardError, match="tham chiếu"):
        apply_reference(ward, export_package(ward, tmp_path / "w").path)


def test_hundreds_of_random_mutations_are_refused_cleanly(good):
    """Byte flips and truncations anywhere: read_package either accepts (a byte zip ignores,
    e.g. a timestamp) or raises PackageError — never another exception."""
    import random

    from wardapp.exchange.package import PackageError

    raw = good.read_bytes()
    rng = random.Random(2026)
    bad = good.with_name("mutant.wardpkg")
    refused = 0
    for _ in range(400):
        b = bytearray(raw)
        for _ in range(rng.randint(1, 6)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        if rng.random() < 0.3:
            b = b[: rng.randrange(len(b))]
        bad.write_bytes(bytes(b))
        try:
            read_package(bad)
        except PackageError:
            refused += 1
    assert refused > 350


def test_export_reminder(ward, tmp_path):
    from wardapp.exchange.export import export_reminder

    assert "Chưa xuất" in export_reminder(ward)
    export_package(ward, tmp_path)  # on Tuesday 15/12/2026
    assert export_reminder(ward) is None
    assert export_reminder(ward, dt("2026-12-25 09:00")) is None  # the next week: still fine
    assert "quá một tuần" in export_reminder(ward, dt("2026-12-29 09:00"))


def test_city_ranks_its_wards_side_by_side(ward, city, tmp_path):
    """Biểu 06 per ward at the city: the ward resolving on time ranks above the late one, a
    ward with nothing resolved comes last, and the wards add up to the city's total."""
    from wardapp.indicators.ranking import ranked_offices

    other = Ward.open(tmp_path / "other.sqlite3")
    init_office(other, name="Xã Tà Nung", agency_code="000.23.32.H26", year=2026)
    add_ward(city, name="Xã Tà Nung", agency_code="000.23.32.H26", public_key=public_key(other))
    add_ward(city, name="Phường Cam Ly", agency_code="000.23.33.H26")  # sent nothing
    for w, resolved_at in ((ward, "2026-12-02 10:00"), (other, "2026-12-09 10:00")):
        d = receive(w, "2026-12-01 09:00")  # HT.02: 3 working days, due 04/12 09:00
        processing.resolve(w, d.code, "canbo1", at=dt(resolved_at))
        late = receive(w, "2026-12-01 10:00", "Trần Thị B")  # each ward's letter no. 1/2026
        processing.apologise(
            w, late.code, "canbo1", reason="Chờ xác minh", signer="Chủ tịch", extra_days=2
        )
    files = [export_package(w, tmp_path / "p").path for w in (ward, other)]
    assert [s.status for s in import_packages(city, files)] == ["applied", "applied"]
    other.close()
    period = periods.month(2026, 12)
    with city.read() as s:
        ranks = ranked_offices(s, period)
        total = build_report(s, period).total
    assert [(r.rank, r.name) for r in ranks] == [
        (1, "Phường Xuân An"),
        (2, "Xã Tà Nung"),
        (3, "Phường Cam Ly"),
    ]
    assert [r.counts.indicators()["on_time_rate"] for r in ranks] == [1.0, 0.0, None]
    assert [r.counts.columns()["resolved_late"] for r in ranks] == [0, 1, 0]
    summed = {k: sum(r.counts.columns()[k] for r in ranks) for k in total.columns()}
    assert summed == total.columns()
    with city.read() as s:
        from db.models import Apology

        assert sorted((a.number, a.year) for a in s.scalars(select(Apology))) == [(1, 2026)] * 2


def test_export_lines_carry_exact_times_and_the_privacy_policy(ward, tmp_path):
    """The lines SQLite writes read back to the very values stored: microseconds kept,
    whole seconds without them, the office offset on every time, booleans as booleans."""
    from datetime import datetime as dtm

    from db.models import Dossier

    d = intake(
        ward,
        IntakeData(
            "HT.02",
            "Đỗ Thị Ánh",
            applicant_id="001089012345",
            phone="0912345678",
            received_at=dtm(2026, 12, 1, 9, 0, 0, 123456),
            full_online=True,
        ),
        "canbo1",
    )
    pkg = read_package(export_package(ward, tmp_path).path)
    (row,) = pkg.rows["dossiers"]
    with ward.read() as s:
        held = s.get(Dossier, d.id)
        assert held.received_at == dtm(2026, 12, 1, 9, 0, 0, 123456)
        # dossier rows are read in the form the database stores them
        assert row["received_at"] == "2026-12-01 09:00:00.123456" == sqlite_value(held.received_at)
        assert row["due_at"] == sqlite_value(held.due_at) and row["resolved_at"] is None
    assert row["full_online"] is True and row["paid_online"] is False
    assert (row["applicant_id"], row["phone"]) == ("*********345", "*******678")  # default: mask
    assert row["applicant_name"] == "Đỗ Thị Ánh" and row["procedure_code"] == "HT.02"
    raw = zipfile.ZipFile(pkg.path).read("dossiers.jsonl").decode()
    assert '"received_at":"2026-12-01T09:00:00.123456+07:00"' in raw
    assert '"updated_at":"2026-12-15T12:00:00+07:00"' in raw  # whole seconds: no ".000000"


def test_stopping_a_long_import_keeps_whole_batches_only(ward, city, tmp_path, monkeypatch):
    """Cancelling between files: the batches committed before stay, each file whole; the
    open batch is not applied; importing the same files again finishes the job."""
    from wardapp.exchange.city import importing

    monkeypatch.setattr(importing, "BATCH_DOSSIERS", 1)  # one file per batch
    files = []
    for week in range(4):
        clock.set_fixed_now(datetime(2026, 11, 2, 17, 0) + timedelta(days=7 * week))
        receive(ward, (datetime(2026, 11, 2) + timedelta(days=7 * week)).strftime("%Y-%m-%d 09:00"))
        files.append(export_package(ward, tmp_path).path)

    class Stop(Exception):
        pass

    def progress(done, total):
        if done == 2:
            raise Stop

    with pytest.raises(Stop):
        import_packages(city, files, progress=progress)
    assert [x.packages for x in office_statuses(city)] == [2]
    again = import_packages(city, files)
    assert [s.status for s in again] == ["already imported"] * 2 + ["applied"] * 2


def _index_names(path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    finally:
        con.close()


def test_a_large_import_writes_without_secondary_indexes_and_rebuilds_them(
    ward, city, tmp_path, monkeypatch
):
    """The indexes are gone while the files are written, all back afterwards (the schema is
    the migrations' again), also when the import is stopped, and the city's report is the
    ward's; a weekly-sized import keeps them."""
    from db import deferred_indexes as di
    from wardapp.exchange.city import importing

    assert not di.worth_deferring(held=1_000_000, incoming=19_200)  # a week of 30 wards
    assert di.worth_deferring(held=0, incoming=1_000_000)  # the first year
    secondary = {ix.name for ix in di.secondary()}
    assert {"ix_dossier_status_due", "ix_event_backdated"} <= secondary
    clock.set_fixed_now(datetime(2026, 10, 2, 17, 0))
    demo.generate(as_demo(ward), dossiers=300, seed=3, end=dt("2026-10-01 17:00"))
    auth.sign_in(ward, "canbo1", demo.DEMO_PASSWORD)
    first = export_package(ward, tmp_path / "a").path
    clock.set_fixed_now(datetime(2026, 10, 9, 17, 0))
    receive(ward, "2026-10-05 09:00")
    second = export_package(ward, tmp_path / "b", since=date(2026, 10, 3)).path
    monkeypatch.setattr(di, "MIN_ROWS", 300)
    monkeypatch.setattr(importing, "BATCH_DOSSIERS", 1)  # one file per batch
    seen = []

    def progress(done, total):
        seen.append(secondary & _index_names(city.path))
        if done == 1 and total == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):  # stopped after the first file's batch
        import_packages(city, [first, second], progress=progress)
    assert seen[0] == set() and secondary <= _index_names(city.path)
    seen = []
    assert [s.status for s in import_packages(city, [second], progress=progress)] == ["applied"]
    assert seen[0] == secondary  # one new dossier into 300: kept up row by row
    with ward.read() as a, city.read() as b:
        assert build_report(b, periods.year(2026)).total.columns() == (
            build_report(a, periods.year(2026)).total.columns()
        )
    assert schema_diff(city.engine) == []


def test_indexes_an_interrupted_import_left_out_are_rebuilt_on_opening(tmp_path):
    """The program died between dropping and rebuilding: the next start rebuilds them."""
    from db import deferred_indexes as di

    path = tmp_path / "city.sqlite3"
    Ward.open(path).close()
    con = sqlite3.connect(path)
    con.executescript("DROP INDEX ix_dossier_status_due; DROP INDEX ix_event_backdated;")
    con.close()
    assert "ix_dossier_status_due" not in _index_names(path)
    Ward.open(path).close()
    assert {ix.name for ix in di.secondary()} <= _index_names(path)


def test_an_undone_step_and_a_named_collector_reach_the_city_and_replay(ward, city, tmp_path):
    """An undo is an event of its own in the package; the city replays the history the ward
    sent (undo included) and takes the rows, and its report equals the ward's."""
    from wardapp.dossiers.lifecycle.undo import undo_last_step

    clock.set_fixed_now(datetime(2026, 10, 6, 10, 0))
    d = receive(ward, "2026-10-05 09:00")
    processing.resolve(ward, d.code, "canbo1")
    closing.return_result(ward, d.code, "canbo1")
    undo_last_step(ward, d.code, "canbo1")  # returned by mistake
    e = receive(ward, "2026-10-05 10:00", "Lê Văn B")
    processing.resolve(ward, e.code, "canbo1")
    undo_last_step(ward, e.code, "canbo1")  # the result itself taken back
    closing.return_result(  # the first dossier returned again, to someone else
        ward, d.code, "canbo1", collected_by=closing.collector("Trần Thị Tám", "079190001234")
    )
    summaries = import_packages(city, [export_package(ward, tmp_path / "out").path])
    assert [s.status for s in summaries] == ["applied"], summaries
    with city.read() as s:
        kinds = [ev.kind for ev in get_dossier(s, d.code).events]
        assert kinds == ["received", "resolved", "returned", "undone", "returned"]
        assert get_dossier(s, e.code).status == "received"
    p = periods.quarter(2026, 4, "calendar")
    with ward.read() as a, city.read() as b:
        assert build_report(b, p).total.columns() == build_report(a, p).total.columns()
