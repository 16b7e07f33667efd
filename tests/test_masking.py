"""Issue 16 point 6: with the default ``mask``, no byte of a package carries a citizen's full ID
or phone number (edit events' payloads, notes, reasons and supplement lists included), and the
city still takes the package and its chain."""

import zipfile

import pytest

from tests.conftest import AGENCY, dt, public_key
from wardapp.dossiers.lifecycle import processing
from wardapp.dossiers.lifecycle.intake import IntakeData, intake
from wardapp.exchange.city.importing import import_packages
from wardapp.exchange.city.wards import add_ward
from wardapp.exchange.export import export_package
from wardapp.office.store import Ward
from wardapp.setup import office
from wardapp.setup.office import init_office
from wardapp.trust import chain, privacy

OLD_ID, NEW_ID = "001089012345", "001089067890"
OLD_PHONE, NEW_PHONE = "0912345678", "0987654321"
# every form the numbers could take in the bytes of a member (plain, spaced, +84)
FULL = [OLD_ID, NEW_ID, OLD_PHONE, NEW_PHONE, "912345678", "987654321", "0912 345 678"]


@pytest.fixture
def city(tmp_path, ward):
    w = Ward.open(tmp_path / "city.sqlite3")
    init_office(w, name="Ủy ban nhân dân tỉnh Lâm Đồng", agency_code="000.00.00.H26", kind="city")
    add_ward(w, name="Phường Xuân An", agency_code=AGENCY, public_key=public_key(ward))
    yield w
    w.close()


def _history_with_numbers(ward):
    d = intake(
        ward,
        IntakeData(
            "HT.02",
            "Lê Văn A",
            received_at=dt("2026-12-15 09:00"),
            applicant_id=OLD_ID,
            phone=OLD_PHONE,
            email="le.van.a@example.vn",
            note="gọi lại 0912 345 678",
        ),
        "canbo1",
    )
    processing.edit(
        ward,
        d.code,
        "canbo1",
        reason=f"khai nhầm CCCD {OLD_ID}",
        changes={"applicant_id": NEW_ID, "phone": NEW_PHONE, "email": "lva@example.vn"},
        at=dt("2026-12-15 10:00"),
    )
    processing.request_supplement(
        ward,
        d.code,
        "canbo1",
        reason=f"thiếu bản sao CCCD {NEW_ID}, liên hệ {NEW_PHONE}",
        missing=[(f"Bản sao CCCD số {NEW_ID}", 0, 1, 0)],
        at=dt("2026-12-15 11:00"),
    )
    return d


def _members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_no_member_carries_a_full_id_or_phone_number_and_the_city_takes_it(ward, city, tmp_path):
    _history_with_numbers(ward)
    pkg = export_package(ward, tmp_path / "out").path
    members = _members(pkg)
    assert {"events.jsonl", "dossiers.jsonl", "summary.xlsx"} <= set(members)
    for name, data in members.items():
        for number in FULL:
            assert number.encode() not in data, (name, number)
        assert b"le.van.a@example.vn" not in data and b"lva@example.vn" not in data, name
    events = members["events.jsonl"].decode()
    assert "*********345" in events and "*********890" in events and "*******321" in events
    assert "2026-12-15T10:00:00+07:00" in events  # times are not taken for numbers

    (s,) = import_packages(city, [pkg])
    assert s.status == "applied", s.reason
    with city.read() as cs:
        reports = chain.verify(cs, allow_gaps=True)
    assert all(r.ok for r in reports) and sum(r.events for r in reports) == 3


def test_full_policy_sends_the_numbers_and_omit_cuts_them(ward, tmp_path):
    _history_with_numbers(ward)
    office.set_settings(ward, {"export_personal_data": "full"})
    full = _members(export_package(ward, tmp_path / "full", full=True).path)
    assert OLD_ID.encode() in full["events.jsonl"] and NEW_ID.encode() in full["dossiers.jsonl"]
    office.set_settings(ward, {"export_personal_data": "omit"})
    omit = _members(export_package(ward, tmp_path / "omit", full=True).path)
    for data in omit.values():
        for number in FULL + ["*********345", "*******321"]:
            assert number.encode() not in data


def test_the_ward_still_keeps_the_whole_history_and_its_chain(ward, tmp_path):
    d = _history_with_numbers(ward)
    export_package(ward, tmp_path / "out")
    with ward.read() as s:
        assert all(r.ok for r in chain.verify(s))
        from db.models import DossierEvent

        data = [e.data for e in s.query(DossierEvent).filter_by(dossier_id=d.id)]
    assert any(OLD_ID in x and NEW_ID in x for x in data)


def test_masking_keeps_json_numbers_dates_and_amounts():
    text = '{"n": 123456789012, "due_at": "2026-11-20T09:15:00+07:00", "fee": "1.000.000"}'
    assert privacy.mask_json(text) == text
    assert privacy.mask_text("ĐT +84 912.345.678") == "ĐT ********678"
    assert privacy.mask_json('["CCCD 001089012345"]') == '["CCCD *********345"]'
