"""Signed packages (issue 16, point 3): the city believes who sent a file only from its
signature, and a row only when its own events replay to it.  Each forged package is built with
every member hash recomputed and, where the forger is a ward, signed with that ward's real key;
each is refused with a Vietnamese reason and the city's database is byte for byte unchanged."""

import json
import sqlite3
import zipfile

import pytest
from conftest import AGENCY, dt, public_key, signing
from sqlalchemy import select

from db.models_keys import OfficeKey
from wardapp.cli import main as cli
from wardapp.common.errors import WardError
from wardapp.dossiers.lifecycle import processing
from wardapp.dossiers.lifecycle.intake import IntakeData, intake
from wardapp.exchange.city.importing import import_packages
from wardapp.exchange.city.wards import add_ward, replace_key
from wardapp.exchange.export import export_package
from wardapp.exchange.package import write_package
from wardapp.office.store import Ward
from wardapp.setup.office import init_office

OTHER = "000.23.32.H26"


@pytest.fixture
def other(tmp_path):
    w = Ward.open(tmp_path / "other.sqlite3")
    init_office(w, name="Xã Tà Nung", agency_code=OTHER, year=2026)
    yield w
    w.close()


@pytest.fixture
def city(tmp_path, ward, other):
    w = Ward.open(tmp_path / "city.sqlite3")
    init_office(w, name="Ủy ban nhân dân tỉnh Lâm Đồng", agency_code="000.00.00.H26", kind="city")
    add_ward(w, name="Phường Xuân An", agency_code=AGENCY, public_key=public_key(ward))
    add_ward(w, name="Xã Tà Nung", agency_code=OTHER, public_key=public_key(other))
    yield w
    w.close()


def dump(ward: Ward) -> str:
    con = sqlite3.connect(ward.path)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def receive(ward, when="2026-12-01 09:00", name="Lê Văn A"):
    return intake(ward, IntakeData("HT.02", name, received_at=dt(when)), "canbo1")


def forge(src, dst, key, *, manifest=None, rows=None, drop_signature=False):
    """Copy a package, editing its manifest and rows (``rows(member, list)``), all hashes
    recomputed and signed with ``key`` (a (public, private) pair)."""
    with zipfile.ZipFile(src) as z:
        members = {n: z.read(n) for n in z.namelist()}
    m = json.loads(members.pop("manifest.json"))
    del members["manifest.sig"]
    m.pop("signature_key")
    if manifest:
        manifest(m)
    if rows:
        for name in ("dossiers", "events"):
            lines = [json.loads(x) for x in members[f"{name}.jsonl"].decode().splitlines()]
            rows(name, lines)
            if name == "events":
                _rehash(lines, m)
            members[f"{name}.jsonl"] = "".join(
                json.dumps(r, ensure_ascii=False) + "\n" for r in lines
            ).encode()
    write_package(dst, m, members, None if drop_signature else key)
    return dst


def _rehash(events, m):
    """Recompute the chain over the (edited) events, as a forger holding the data would."""
    from db.chain_hash import row_hash
    from wardapp.exchange.rows import check_row

    prev = None
    for r in events:
        if prev is not None:
            r["prev_hash"] = prev
        c = check_row("events", r)
        r["hash"] = prev = row_hash(c["prev_hash"], c["chain_no"], c["dossier_uuid"], c)
    if events:
        m["chain_head"]["hash"] = prev


def refused(city, path, *words):
    before = dump(city)
    (s,) = import_packages(city, [path])
    assert s.status == "refused", s.line()
    assert all(w in s.reason for w in words), s.reason
    assert dump(city) == before
    return s.reason


def test_the_genuine_package_is_signed_and_applies(ward, city, tmp_path):
    receive(ward)
    good = export_package(ward, tmp_path / "p").path
    with zipfile.ZipFile(good) as z:
        m = json.loads(z.read("manifest.json"))
        assert m["format_version"] == 6 and "manifest.sig" in z.namelist()
    assert m["signature_key"]["public_key"] == public_key(ward)
    assert import_packages(city, [good])[0].status == "applied"


def test_unsigned_and_badly_signed_packages_are_refused(ward, city, tmp_path):
    receive(ward)
    good = export_package(ward, tmp_path / "p").path
    unsigned = forge(good, tmp_path / "u.wardpkg", None, drop_signature=True)
    refused(city, unsigned, "chưa được ký")
    # the manifest edited after signing (a count changed), the signature left as it was
    with zipfile.ZipFile(good) as z:
        members = {n: z.read(n) for n in z.namelist()}
    text = members["manifest.json"].decode().replace('"prev_sha256": ""', '"prev_sha256": "x"')
    members["manifest.json"] = text.encode()
    bad = tmp_path / "bad.wardpkg"
    with zipfile.ZipFile(bad, "w") as z:
        for n, data in members.items():
            z.writestr(n, data)
    refused(city, bad, "chữ ký của gói không hợp lệ")
    # signed by a key nobody registered
    from conftest import signing as pair_of

    stranger = Ward.open(tmp_path / "stranger.sqlite3")
    init_office(stranger, name="Phường Lạ", agency_code="000.23.99.H26")
    refused(city, forge(good, tmp_path / "k.wardpkg", pair_of(stranger)), "khoá lạ")
    stranger.close()
    assert import_packages(city, [good])[0].status == "applied"


def test_a_relabelled_package_is_refused(ward, other, city, tmp_path):
    """Xuân An's package relabelled as Tà Nung's (code and name changed, hashes recomputed,
    signed with Xuân An's real key): refused, and Tà Nung's genuine file still applies."""
    receive(ward)
    good = export_package(ward, tmp_path / "p").path

    def relabel(m):
        m["office"] = {"code": OTHER, "name": "Xã Tà Nung"}

    bad = forge(good, tmp_path / "r.wardpkg", signing(ward), manifest=relabel)
    refused(city, bad, "đổi nhãn", AGENCY)
    receive(other, name="Võ Văn Tư")
    assert import_packages(city, [export_package(other, tmp_path / "o").path])[0].status == (
        "applied"
    )


def test_cross_ward_uuids_and_codes_are_refused(ward, other, city, tmp_path):
    """Tà Nung, with its own key, sends a dossier whose uuid the city holds for Xuân An, or
    one carrying Xuân An's next dossier code: both refused, Xuân An's dossier untouched."""
    d = receive(ward)
    assert import_packages(city, [export_package(ward, tmp_path / "p").path])[0].status == (
        "applied"
    )
    receive(other, name="Võ Văn Tư")
    theirs = export_package(other, tmp_path / "o").path

    def steal_uuid(name, rows):
        key = "uuid" if name == "dossiers" else "dossier_uuid"
        for r in rows:
            r[key] = d.uuid

    bad = forge(theirs, tmp_path / "u.wardpkg", signing(other), rows=steal_uuid)
    refused(city, bad, "thuộc đơn vị khác")

    def steal_code(name, rows):
        if name == "dossiers":
            rows[0]["code"] = d.code[:-4] + "0002"  # Xuân An's next code

    bad = forge(theirs, tmp_path / "c.wardpkg", signing(other), rows=steal_code)
    refused(city, bad, "mang mã của đơn vị khác", AGENCY)


def test_a_version_jump_beyond_the_events_is_refused(ward, city, tmp_path):
    """A version of 10⁹ would make the city call every genuine later file 'older'."""
    receive(ward)
    good = export_package(ward, tmp_path / "p").path

    def jump(name, rows):
        if name == "dossiers":
            rows[0]["version"] = 10**9

    refused(city, forge(good, tmp_path / "v.wardpkg", signing(ward), rows=jump), "phiên bản")
    assert import_packages(city, [good])[0].status == "applied"


@pytest.mark.parametrize(
    "field,value,label",
    [
        ("outcome", "on_time", "kết quả"),
        ("apology_count", 0, "số lần xin lỗi"),
        ("due_at", "2027-02-15T09:00:00+07:00", "hạn trả"),
        ("channel", "online", "kênh tiếp nhận"),
        ("status", "returned", "trạng thái"),
        ("rating", "hai_long", "mức hài lòng"),
    ],
)
def test_an_edited_row_is_refused(ward, city, tmp_path, field, value, label):
    """A late dossier with an apology; its row edited (events untouched, hashes recomputed,
    the ward's own key signing): the replay of its events says otherwise."""
    d = receive(ward)  # HT.02: 3 working days, due 04/12 09:00
    processing.apologise(
        ward,
        d.code,
        "canbo1",
        reason="Chờ xác minh",
        signer="CT",
        extra_days=2,
        at=dt("2026-12-03 09:00"),
    )
    processing.resolve(ward, d.code, "canbo1", at=dt("2026-12-08 10:00"))
    good = export_package(ward, tmp_path / "p").path

    def edit(name, rows):
        if name == "dossiers":
            assert rows[0][field] != value
            rows[0][field] = value

    reason = refused(city, forge(good, tmp_path / "e.wardpkg", signing(ward), rows=edit), label)
    assert d.code in reason and "không khớp lịch sử" in reason
    assert import_packages(city, [good])[0].status == "applied"


def test_key_replacement_is_explicit_and_logged(ward, city, tmp_path):
    receive(ward)
    old = signing(ward)
    good = export_package(ward, tmp_path / "p").path
    new_ward = Ward.open(tmp_path / "new-pc.sqlite3")  # a reinstalled PC: a new key
    init_office(new_ward, name="Phường Xuân An (máy mới)", agency_code="000.23.98.H26")
    fresh = signing(new_ward)
    new_ward.close()
    with pytest.raises(WardError, match="rekey"):
        add_ward(city, name="Phường Xuân An", agency_code=AGENCY, public_key=fresh[0])
    with pytest.raises(WardError, match="lý do"):
        replace_key(city, agency_code=AGENCY, public_key=fresh[0], reason=" ")
    replace_key(city, agency_code=AGENCY, public_key=fresh[0], reason="Cài lại máy")
    with city.read() as s:
        rows = s.scalars(select(OfficeKey).order_by(OfficeKey.id)).all()
        mine = [k for k in rows if k.public_key in (old[0], fresh[0])]
    assert [k.retired_at is not None for k in mine] == [True, False]
    assert mine[1].reason == "Cài lại máy" and mine[0].retired_at == dt("2026-12-15 12:00")
    refused(city, good, "khoá cũ")
    again = forge(good, tmp_path / "n.wardpkg", fresh)
    assert import_packages(city, [again])[0].status == "applied"


def test_cli_key_export_and_ward_add_show_one_fingerprint(ward, city, tmp_path, capsys):
    keyfile = tmp_path / "xuan-an.key"
    assert cli(["--db", str(ward.path), "key", "export", "-o", str(keyfile)]) == 0
    said = capsys.readouterr().out
    fp = json.loads(keyfile.read_text())["fingerprint"]
    assert fp in said and len(fp.split("-")) == 8
    args = ["--db", str(city.path), "ward", "add", "--office-name", "Phường Xuân An"]
    assert cli([*args, "--office-code", AGENCY, "--key", str(keyfile)]) == 0
    assert fp in capsys.readouterr().out
    assert cli([*args, "--office-code", OTHER, "--key", str(keyfile)]) == 1
    assert "không phải của" in capsys.readouterr().err
