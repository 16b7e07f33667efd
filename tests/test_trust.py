"""Accounts and roles, the hash chain, backdated entries, backups and restore, privacy."""

import json
import sqlite3
import zipfile
from datetime import datetime, timedelta

import pytest
from alembic import command
from conftest import AGENCY, dt, public_key, signing
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from db.engine import alembic_config
from db.models import Dossier
from wardapp.calendar import periods
from wardapp.common import clock
from wardapp.common.errors import WardError
from wardapp.documents.apology import issue_apology
from wardapp.dossiers.lifecycle import processing
from wardapp.dossiers.lifecycle.intake import IntakeData, intake
from wardapp.dossiers.lifecycle.transition import get_dossier
from wardapp.exchange.city.importing import import_packages
from wardapp.exchange.city.wards import add_ward
from wardapp.exchange.export import export_package
from wardapp.exchange.package import write_package
from wardapp.indicators.report import build_report
from wardapp.office.store import Ward
from wardapp.setup import office
from wardapp.setup.office import init_office
from wardapp.trust import auth, backup, chain
from wardapp.trust.privacy import mask, redact

PW = "mat-khau-8"


def receive(ward, when="2026-12-15 09:00", name="Lê Văn A", actor="typed"):
    return intake(
        ward,
        IntakeData("HT.02", name, received_at=dt(when), applicant_id="001089012345"),
        actor,
    )


@pytest.fixture
def accounts(ward):
    auth.add_account(ward, "quantri", "Phạm Minh Quân", "admin", PW)
    auth.sign_in(ward, "quantri", PW)
    auth.add_account(ward, "lan", "Trần Thị Lan", "clerk", PW)
    auth.add_account(ward, "binh", "Nguyễn Văn Bình", "leader", PW)
    auth.sign_out(ward)
    return ward


def raw(ward, sql, *args):
    """``sql`` on the database behind the program's back (its own driver, ``?`` parameters)."""
    con = ward.engine.raw_connection()
    try:
        cur = con.cursor()
        cur.execute(sql.replace("?", "%s") if ward.on_server else sql, args)
        out = cur.fetchall() if cur.description else []
        con.commit()
        return out
    finally:
        con.close()


# -- accounts and roles ------------------------------------------------------------------------


def test_first_account_must_be_admin_and_passwords_are_not_stored(ward):
    assert auth.setup_mode(ward)
    with pytest.raises(WardError, match="quản trị"):
        auth.add_account(ward, "lan", "Trần Thị Lan", "clerk", PW)
    with pytest.raises(WardError, match="ít nhất 8"):
        auth.add_account(ward, "quantri", "Quân", "admin", "short")
    auth.add_account(ward, "quantri", "Phạm Minh Quân", "admin", PW)
    assert not auth.setup_mode(ward)
    (stored,) = raw(ward, "SELECT password_hash FROM staff WHERE username='quantri'")[0]
    assert stored.startswith("scrypt$32768$8$1$") and PW not in stored
    # once an account exists, nothing runs without signing in
    with pytest.raises(auth.PermissionDenied, match="đăng nhập"):
        receive(ward)


def test_every_service_checks_the_role(accounts, tmp_path):
    ward = accounts
    auth.sign_in(ward, "lan", PW)
    d = receive(ward, actor="ignored when signed in")
    with ward.read() as s:
        assert [e.actor for e in get_dossier(s, d.code).events] == ["lan"]
    with pytest.raises(auth.PermissionDenied, match="ký thư xin lỗi"):
        issue_apology(ward, d.code, "lan", tmp_path / "a.pdf", reason="x", extra_days=2)
    with pytest.raises(auth.PermissionDenied, match="cài đặt"):
        office.set_settings(ward, {"soon_working_days": 3})
    with pytest.raises(auth.PermissionDenied, match="tài khoản"):
        auth.add_account(ward, "x", "X", "clerk", PW)
    auth.sign_in(ward, "quantri", PW)  # the administrator does not handle dossiers
    with pytest.raises(auth.PermissionDenied, match="tiếp nhận"):
        receive(ward)
    auth.sign_in(ward, "binh", PW)  # a leader signs
    issue_apology(ward, d.code, "binh", tmp_path / "a.pdf", reason="Chờ xác minh", extra_days=2)
    assert not (tmp_path / "nothing.pdf").exists()


def test_lock_out_after_five_failures_and_same_message_for_unknown_names(accounts):
    """Unknown names and locked accounts get the answer a wrong password gets: five failures
    lock "lan" out (even her right password is refused) and the answer never says so."""
    ward = accounts
    messages = set()
    for name in ("lan", "lan", "nobody", "lan", "lan"):
        with pytest.raises(auth.LoginError) as e:
            auth.sign_in(ward, name, "wrong-password")
        messages.add(str(e.value))
    with pytest.raises(auth.LoginError) as e:
        auth.sign_in(ward, "lan", "wrong-password")  # 5th failure for lan: locked now
    messages.add(str(e.value))
    with pytest.raises(auth.LoginError) as e:
        auth.sign_in(ward, "lan", PW)  # even the right password
    messages.add(str(e.value))
    assert messages == {auth.WRONG}
    assert "không đúng" in auth.WRONG and "tạm khoá" in auth.WRONG
    auth.sign_in(ward, "quantri", PW)
    assert next(a for a in auth.list_accounts(ward) if a["username"] == "lan")["locked_until"]
    auth.unlock(ward, "lan")
    assert auth.sign_in(ward, "lan", PW).role == "clerk"


def test_unknown_and_locked_names_answer_alike_after_many_tries(accounts, monkeypatch):
    """Seven tries each at a real account and at a made-up name: the answers are the same,
    try by try, and each try computes exactly one scrypt hash (the same work either way)."""
    hashes = []
    real_scrypt = auth._scrypt
    monkeypatch.setattr(auth, "_scrypt", lambda *a: hashes.append(1) or real_scrypt(*a))
    auth._dummy_hash()  # made once, before counting

    def answers(name):
        out = []
        for _ in range(7):
            hashes.clear()
            with pytest.raises(auth.LoginError) as e:
                auth.sign_in(accounts, name, "doan-mo-mat-khau")
            out.append((str(e.value), len(hashes)))
        return out

    assert answers("lan") == answers("khongco") == [(auth.WRONG, 1)] * 7


def test_last_administrator_cannot_be_removed(accounts):
    auth.sign_in(accounts, "quantri", PW)
    with pytest.raises(WardError, match="ít nhất một quản trị"):
        auth.update_account(accounts, "quantri", role="clerk")
    auth.update_account(accounts, "lan", active=False)
    with pytest.raises(auth.LoginError, match="ngừng"):
        auth.sign_in(accounts, "lan", PW)


# -- hash chain --------------------------------------------------------------------------------


def _chain_ok(ward):
    with ward.read() as s:
        return chain.verify(s)


@pytest.mark.sqlite_only
def test_a_row_edited_in_the_file_is_named_by_verify(ward):
    a, b = receive(ward, name="A"), receive(ward, name="B")
    processing.resolve(ward, a.code, "lan", at=dt("2026-12-15 10:00"))
    (rep,) = _chain_ok(ward)
    assert rep.ok and rep.events == 3 and rep.head_no == 3
    raw(ward, "DROP TRIGGER dossier_event_no_update")
    raw(ward, "UPDATE dossier_event SET at='2026-12-15 08:00:00.000000' WHERE chain_no=2")
    (rep,) = _chain_ok(ward)
    assert not rep.ok and rep.broken_at == 2 and "bị sửa" in rep.message()
    assert b.code  # (b's intake is event 2)


@pytest.mark.sqlite_only
def test_a_deleted_row_is_detected(ward):
    receive(ward, name="A")
    receive(ward, name="B")
    receive(ward, name="C")
    raw(ward, "DROP TRIGGER dossier_event_no_delete")
    raw(ward, "DELETE FROM dossier_event WHERE chain_no=2")
    (rep,) = _chain_ok(ward)
    assert rep.broken_at == 3 and "thiếu sự kiện số 2" in rep.problem


@pytest.mark.sqlite_only
def test_migration_chains_existing_history_identically(ward):
    receive(ward, name="A")
    receive(ward, name="B")
    before = raw(ward, "SELECT uuid, chain_no, hash FROM dossier_event ORDER BY id")
    cfg = alembic_config(ward.engine)
    command.downgrade(cfg, "0003")
    assert "hash" not in {r[1] for r in raw(ward, "PRAGMA table_info(dossier_event)")}
    command.upgrade(cfg, "head")
    assert raw(ward, "SELECT uuid, chain_no, hash FROM dossier_event ORDER BY id") == before
    assert _chain_ok(ward)[0].ok
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        raw(ward, "UPDATE dossier_event SET actor='x'")


@pytest.fixture
def city(tmp_path, ward):
    w = Ward.open(tmp_path / "city.sqlite3")
    init_office(w, name="Ủy ban nhân dân tỉnh Lâm Đồng", agency_code="000.00.00.H26", kind="city")
    add_ward(w, name="Phường Xuân An", agency_code=AGENCY, public_key=public_key(ward))
    yield w
    w.close()


def _repack(ward, src, dst, fn):
    """Forge the events and re-sign with the ward's own key: only the chain can tell."""
    with zipfile.ZipFile(src) as z:
        members = {n: z.read(n) for n in z.namelist()}
    manifest = json.loads(members.pop("manifest.json"))
    del members["manifest.sig"]
    rows = [json.loads(x) for x in members["events.jsonl"].decode().splitlines()]
    fn(rows, manifest)
    members["events.jsonl"] = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode()
    write_package(dst, manifest, members, signing(ward))  # every hash recomputed
    return dst


def test_city_refuses_an_edited_history_even_with_fixed_member_hashes(ward, city, tmp_path):
    receive(ward, name="A")
    receive(ward, name="B")
    good = export_package(ward, tmp_path / "p").path

    def backdate(rows, m):
        rows[1]["at"] = "2026-12-14T09:00:00+07:00"

    def rehash(rows, m):  # forge a consistent chain: the manifest head no longer matches
        from db.chain_hash import event_hash
        from wardapp.exchange.rows import check_row

        r = check_row("events", rows[1] | {"actor": "someone-else"})
        rows[1]["actor"] = "someone-else"
        rows[1]["hash"] = event_hash(
            r["prev_hash"], r["chain_no"], r["uuid"], r["dossier_uuid"], r["seq"], r["kind"],
            r["at"], r["recorded_at"], "someone-else", r["agency"], r["reason"], r["data"],
        )  # fmt: skip

    for fn, why in ((backdate, "đã bị sửa"), (rehash, "đầu chuỗi")):
        bad = _repack(ward, good, tmp_path / f"{fn.__name__}.wardpkg", fn)
        (s,) = import_packages(city, [bad])
        assert s.status == "refused" and why in s.reason, s.reason
    (s,) = import_packages(city, [good])
    assert s.status == "applied" and not s.chain_gaps
    with city.read() as cs:
        assert all(r.ok for r in chain.verify(cs, allow_gaps=True))


def test_city_refuses_a_package_that_forks_or_breaks_the_chain_it_holds(ward, city, tmp_path):
    """The city holds event 1; B's event, in the next package, claims number 1 again (a fork), or
    does not link to the held event 1 (a broken chain): both refused, each rehashed so that
    only the comparison with what the city holds can tell."""
    from db.chain_hash import GENESIS, event_hash
    from wardapp.exchange.rows import check_row

    receive(ward, name="A")
    clock.set_fixed_now(dt("2026-12-15 12:30"))
    first = export_package(ward, tmp_path / "p").path
    assert import_packages(city, [first])[0].status == "applied"
    clock.set_fixed_now(dt("2026-12-15 13:00"))
    receive(ward, "2026-12-15 12:45", name="B")
    second = export_package(ward, tmp_path / "p").path  # B's dossier and event 2 only

    def forged(**change):
        def fn(rows, m):
            r = check_row("events", rows[-1] | change)
            rows[-1].update(change)
            rows[-1]["hash"] = event_hash(
                r["prev_hash"], r["chain_no"], r["uuid"], r["dossier_uuid"], r["seq"],
                r["kind"], r["at"], r["recorded_at"], r["actor"], r["agency"], r["reason"],
                r["data"],
            )  # fmt: skip

        return fn

    cases = (
        (forged(chain_no=1, prev_hash=GENESIS), "khác với bản thành phố đang giữ"),
        (forged(prev_hash="ab" * 32), "không nối với sự kiện trước nó"),
    )
    for i, (fn, why) in enumerate(cases):
        (s,) = import_packages(city, [_repack(ward, second, tmp_path / f"f{i}.wardpkg", fn)])
        assert s.status == "refused" and why in s.reason, s.reason
    (s,) = import_packages(city, [second])
    assert s.status == "applied" and not s.chain_gaps


def test_city_notes_a_chain_gap_when_a_week_is_missing(ward, city, tmp_path):
    receive(ward, name="A")
    clock.set_fixed_now(dt("2026-12-15 12:30"))
    export_package(ward, tmp_path / "p")
    clock.set_fixed_now(dt("2026-12-15 13:00"))  # B is recorded after the first package
    receive(ward, "2026-12-15 12:30", name="B")
    second = export_package(ward, tmp_path / "p").path
    (s,) = import_packages(city, [second])
    assert s.status == "applied" and s.chain_gaps == [1]
    assert "chuỗi băm chưa liền" in s.line()


# -- backdated entries -------------------------------------------------------------------------


def test_backdated_entries_are_flagged_and_counted(ward):
    on_time = receive(ward, "2026-12-15 11:30")  # 30 min before "now": within the hour
    late = receive(ward, "2026-12-14 09:00")  # entered a day later
    with ward.read() as s:
        flags = {d.code: get_dossier(s, d.code).events[0].backdated for d in (on_time, late)}
        report = build_report(s, periods.month(2026, 12), ward.office(s).id)
    assert flags == {on_time.code: False, late.code: True}
    assert report.backdated_events == 1 and report.as_dict()["backdated_events"] == 1


# -- backups -----------------------------------------------------------------------------------


@pytest.mark.sqlite_only
def test_backup_is_a_checked_copy_and_restore_keeps_the_replaced_database(ward, tmp_path):
    receive(ward, name="Trước sao lưu")
    path = backup.backup_now(ward, tmp_path / "bk", now=datetime(2026, 12, 15, 12, 0))
    assert path.name == "wardapp-backup-20261215-120000.sqlite3"
    assert backup.integrity(path) == "ok"
    office.set_settings(ward, {"backup_folder": str(tmp_path / "usb")})
    assert backup.last_backup(ward) is None  # the configured folder, not the one given
    receive(ward, name="Sau sao lưu")
    res = backup.restore(ward, path)
    w2 = Ward.open(ward.path)
    with w2.read() as s:
        names = {d.applicant_name for d in s.scalars(select(Dossier))}
    assert names == {"Trước sao lưu"}
    old = sqlite3.connect(res.replaced_copy)
    assert old.execute("SELECT count(*) FROM dossier").fetchone()[0] == 2
    old.close()
    w2.close()


@pytest.mark.sqlite_only
def test_restore_refuses_bad_files_and_changes_nothing(ward, tmp_path):
    receive(ward)
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 50)
    good = backup.backup_now(ward, tmp_path / "bk")
    tampered = tmp_path / "tampered.sqlite3"
    tampered.write_bytes(good.read_bytes())
    con = sqlite3.connect(tampered)
    con.execute("DROP TRIGGER dossier_event_no_update")
    con.execute("UPDATE dossier_event SET actor='x'")
    con.commit()
    con.close()
    before = raw(ward, "SELECT * FROM dossier")
    for bad, why in ((junk, "không phải"), (tampered, "chuỗi băm"), (tmp_path / "no", "Không có")):
        with pytest.raises(WardError, match=why):
            backup.restore(ward, bad)
    assert raw(ward, "SELECT * FROM dossier") == before
    assert not list(ward.path.parent.glob("*.replaced-*"))


@settings(max_examples=200)
@given(
    st.lists(
        st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2026, 12, 15)),
        min_size=1,
        max_size=120,
        unique=True,
    )
)
def test_rotation_keeps_the_newest_and_at_most_23(times):
    keep = backup.keep_set(times)
    assert max(times) in keep and keep <= set(times)
    assert len(keep) <= backup.KEEP_DAILY + backup.KEEP_WEEKLY + backup.KEEP_MONTHLY
    assert backup.keep_set(sorted(keep)) == keep  # rotating again removes nothing more
    days = {t.date() for t in times}
    newest_days = sorted(days)[-backup.KEEP_DAILY :]
    assert {t.date() for t in keep} >= set(newest_days)


@pytest.mark.sqlite_only
def test_daily_backup_once_a_day_and_old_ones_rotated(ward, tmp_path):
    office.set_settings(ward, {"backup_folder": str(tmp_path / "usb")})
    start = datetime(2026, 1, 1, 17, 0)
    for day in range(340):
        backup.backup_if_due(ward, now=start + timedelta(days=day))
        backup.backup_if_due(ward, now=start + timedelta(days=day, hours=1))
    files = backup.list_backups(backup.folder_for(ward))
    assert files[0].path.parent.parent == tmp_path / "usb"
    assert len(files) <= 23 and files[-1].taken_at == start + timedelta(days=339)
    assert backup.backup_warning(ward, now=start + timedelta(days=339, hours=2)) is None
    assert "quá 2 ngày" in backup.backup_warning(ward, now=start + timedelta(days=342))


# -- privacy -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "policy,expected", [("full", "001089012345"), ("mask", "*********345"), ("omit", "")]
)
def test_export_masks_personal_data_by_setting(ward, tmp_path, policy, expected):
    office.set_settings(ward, {"export_personal_data": policy})
    receive(ward)
    pkg = export_package(ward, tmp_path / policy).path
    with zipfile.ZipFile(pkg) as z:
        row = json.loads(z.read("dossiers.jsonl").decode().splitlines()[0])
    assert row["applicant_id"] == expected


def test_logs_never_carry_id_or_phone_numbers():
    text = "CCCD 001089012345, ĐT 0912 345 678 hoặc +84 912.345.678, thư a.b@x.vn; mã H26-0001"
    out = redact(text)
    assert "001089012345" not in out and "345 678" not in out and "345.678" not in out
    assert "a.b@x.vn" not in out and "H26-0001" in out
    assert mask("0912345678") == "*******678"


# -- crash safety (the long loop is scripts/crash_loop.py, run by .ci/run) ---------------------


@pytest.mark.sqlite_only  # the crash loop kills writers of SQLite files
def test_killed_writers_lose_nothing_confirmed():
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "crash_loop", Path(__file__).resolve().parents[1] / "scripts" / "crash_loop.py"
    )
    loop = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loop)
    res = loop.run(kills=4, seed=3, max_delay=1.0)
    assert res["failures"] == [] and res["confirmed_steps"] > 0
