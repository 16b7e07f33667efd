"""Initiatives and ratings reach the city (issue 21): the package carries them (format 6), the
city holds each ward's initiatives and counts them per ward, the replay refuses a rating the
events do not give, and a format-4 package from a ward not yet updated still applies."""

import json
import zipfile
from datetime import date

import pytest
from conftest import AGENCY, dt, public_key

from db.models import Dossier
from db.models_initiatives import Initiative
from wardapp import initiatives as I
from wardapp.calendar import periods
from wardapp.common.errors import ValidationError
from wardapp.dossiers import IntakeData, closing, intake, processing, rate
from wardapp.exchange.city.importing import import_packages
from wardapp.exchange.city.wards import add_ward
from wardapp.exchange.export import export_package
from wardapp.exchange.package import write_package
from wardapp.indicators.ranking import ranked_offices
from wardapp.indicators.report import build_report
from wardapp.office.store import Ward
from wardapp.setup.office import init_office


@pytest.fixture
def city(tmp_path, ward):
    w = Ward.open(tmp_path / "city.sqlite3")
    init_office(w, name="Ủy ban nhân dân tỉnh Lâm Đồng", agency_code="000.00.00.H26", kind="city")
    add_ward(w, name="Phường Xuân An", agency_code=AGENCY, public_key=public_key(ward))
    yield w
    w.close()


def _fill(ward, tmp_path):
    for i, answer in enumerate(("hai_long", "khong_hai_long", None)):
        d = intake(ward, IntakeData("HT.02", f"Người {i}", received_at=dt("2026-12-01 09:00")), "x")
        processing.resolve(ward, d.code, "x", at=dt("2026-12-02 09:00"))
        closing.return_result(ward, d.code, "x", at=dt("2026-12-02 10:00"))
        if answer:
            rate(ward, d.code, "x", answer)
    a = I.add(
        ward,
        title="Hẹn trả qua Zalo",
        authors="Trần B",
        field="Hộ tịch",
        proposed_on=date(2026, 2, 1),
    )
    I.add(ward, title="Chỉ đề xuất", authors="Lê C", field="", proposed_on=date(2026, 3, 1))
    ev = tmp_path / "qd.pdf"
    ev.write_bytes(b"%PDF-1.4 quyet dinh")
    I.attach(ward, a.id, ev)
    I.set_status(ward, a.id, "recognised", decision_no="5/QĐ-UBND", decision_on=date(2026, 4, 1))
    return a


def test_ratings_and_initiatives_reach_the_city_and_are_counted_per_ward(ward, city, tmp_path):
    _fill(ward, tmp_path)
    pkg = export_package(ward, tmp_path / "p").path
    with zipfile.ZipFile(pkg) as z:
        m = json.loads(z.read("manifest.json"))
        rows = [json.loads(x) for x in z.read("initiatives.jsonl").splitlines()]
    assert m["format_version"] == 6 and m["counts"]["initiatives"] == 2
    assert rows[0]["files"][0]["name"] == "qd.pdf" and rows[0]["decision_no"] == "5/QĐ-UBND"
    (s,) = import_packages(city, [pkg])
    assert s.status == "applied", s.line()
    month = periods.month(2026, 12)
    with ward.read() as sw, city.read() as sc:
        at_ward = build_report(sw, month).as_dict()
        (rank,) = ranked_offices(sc, month)
        held = sc.query(Initiative).order_by(Initiative.id).all()
        file_id = held[0].files[0].id
        ratings = sorted(r for (r,) in sc.query(Dossier.rating))
    assert ratings == ["", "hai_long", "khong_hai_long"]
    assert rank.counts.indicators()["satisfaction_rate"] == at_ward["satisfaction_rate"] == 0.5
    assert rank.counts.values["rated_asked"] == at_ward["satisfaction_asked"] == 2
    assert rank.initiatives == 1  # the proposal alone does not count
    assert [i.status for i in held] == ["recognised", "proposed"]
    with pytest.raises(ValidationError, match="bản gốc lưu ở phường/xã"):
        I.extract(city, file_id, tmp_path / "x.pdf")
    # a later package with the initiative moved on replaces the city's copy (by version)
    I.set_status(ward, 1, "replicated")
    (s,) = import_packages(city, [export_package(ward, tmp_path / "p").path])
    assert s.status == "applied", s.line()
    with city.read() as sc:
        assert sc.query(Initiative).filter_by(title="Hẹn trả qua Zalo").one().status == "replicated"


def test_a_format_4_package_still_applies_its_dossiers_unrated(ward, city, tmp_path):
    from conftest import signing

    d = intake(ward, IntakeData("HT.02", "Lê A", received_at=dt("2026-12-01 09:00")), "x")
    processing.resolve(ward, d.code, "x", at=dt("2026-12-02 09:00"))
    good = export_package(ward, tmp_path / "p").path
    with zipfile.ZipFile(good) as z:
        members = {n: z.read(n) for n in z.namelist()}
    m = json.loads(members.pop("manifest.json"))
    for k in ("manifest.sig", "initiatives.jsonl"):
        members.pop(k)
    for k in ("signature_key", "members", "sizes"):
        m.pop(k, None)
    m["counts"].pop("initiatives")
    m["format_version"] = 4
    rows = [json.loads(x) for x in members["dossiers.jsonl"].splitlines()]
    for r in rows:
        del r["rating"]
    members["dossiers.jsonl"] = "".join(json.dumps(r) + "\n" for r in rows).encode()
    old = write_package(tmp_path / "old.wardpkg", m, members, signing(ward))
    (s,) = import_packages(city, [old or tmp_path / "old.wardpkg"])
    assert s.status == "applied", s.line()
    with city.read() as sc:
        assert [r for (r,) in sc.query(Dossier.rating)] == [""]
