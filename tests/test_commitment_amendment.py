"""A commitment signed before the program measured an indicator holds no target for it: every
screen and paper says "Chưa cam kết" for that indicator (its value shown, no default level put
in the chairman's mouth), the signed commitment is never rewritten, and the chairman can sign
an amended commitment for the year that adds the targets and supersedes it (migration 0018)."""

from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from db.models import Commitment, IssuedDocument
from tests.conftest import AGENCY, public_key
from wardapp import cli
from wardapp.calendar.periods import year as year_period
from wardapp.common.errors import ValidationError
from wardapp.documents.commitment_form import commitment_pdf
from wardapp.indicators import build_report, evaluate
from wardapp.indicators.evidence import annex

OLD = ("on_time_rate", "apology_rate", "return_recorded_rate")  # the targets before issue 21
NEW = ("online_rate", "paid_online_rate", "satisfaction_rate", "initiatives_per_year")


def _text(path) -> str:
    import unicodedata

    pages = PdfReader(str(path)).pages
    return " ".join(
        " ".join(unicodedata.normalize("NFC", p.extract_text()).replace("\u00a0", " ").split())
        for p in pages
    )


@pytest.fixture
def signed_early(ward):
    """The year's commitment as a database made before issue 21 holds it: three targets,
    signed on 05/02/2026."""
    with ward.write() as s:
        c = s.scalars(select(Commitment)).one()
        c.targets = [t for t in c.targets if t.indicator in OLD]
        c.signed_on, c.approver = date(2026, 2, 5), "Lê Minh Quang"
    return ward


def _statuses(ward):
    with ward.read() as s:
        office = ward.office(s)
        period = year_period(2026, ward.rules().settings["quarter_scheme"])
        return evaluate(s, office.id, 2026, build_report(s, period, office.id).total.indicators())


def test_targets_the_signed_commitment_lacks_read_not_committed(signed_early, tmp_path):
    ward = signed_early
    got = {t.indicator: t for t in _statuses(ward)}
    assert list(got) == [*OLD, *NEW]
    for k in NEW:
        assert got[k].status == "not_committed" and got[k].threshold is None
    assert got["initiatives_per_year"].actual == 0  # the value is still shown
    assert got["on_time_rate"].threshold == 98.0
    out = commitment_pdf(ward, 2026, tmp_path / "c.pdf")
    t = _text(out)
    body, annex_text = t.split("Phụ lục", 1)
    assert "Chưa cam kết" not in body  # the signed form shows what was signed: three targets
    assert "Tỷ lệ hồ sơ trực tuyến toàn trình" not in body
    assert annex_text.count("Chưa cam kết") == 2 * len(NEW)  # the level and the assessment
    assert "Tỷ lệ hồ sơ trực tuyến toàn trình Chưa cam kết" in annex_text
    assert "Đạt từ 50%" not in t  # no guessed default level anywhere
    with ward.read() as s:
        c = s.scalars(select(Commitment)).one()
        assert [x.indicator for x in c.targets] == list(OLD)  # not rewritten by printing
        sections = {x.key: x for x in annex(s, year_period(2026, "calendar"), 2026, c.office_id)}
    assert sections["online_rate"].committed == "Chưa cam kết"
    assert sections["initiatives_per_year"].committed == "Chưa cam kết"
    assert sections["on_time_rate"].committed == "Đạt từ 98%"
    ev = tmp_path / "minh-chung.pdf"
    assert cli.main(["--db", str(ward.path), "evidence", "--year", "2026", "-o", str(ev)]) == 0
    assert "Mức cam kết: Chưa cam kết" in _text(ev) and "Mức cam kết: Đạt từ 98%" in _text(ev)
    # one date style there too: the period in words, as the date line
    assert "(Số liệu từ ngày 15 tháng 12 năm 2025 đến ngày 14 tháng 12 năm 2026," in _text(ev)


def test_the_chairman_signs_an_amendment_that_supersedes_and_keeps_the_original(
    signed_early, tmp_path, capsys
):
    ward = signed_early
    with ward.read() as s:
        before = s.scalars(select(Commitment)).one()
        original = (before.uuid, before.version, before.signed_on)
    first = commitment_pdf(ward, 2026, tmp_path / "c.pdf")
    db = str(ward.path)
    with pytest.raises(ValidationError, match="phải ký sau bản cam kết ngày 05/02/2026"):
        commitment_pdf(ward, 2026, tmp_path / "x.pdf", signed_on=date(2026, 2, 5), amend=True)
    with ward.read() as s:  # nothing recorded
        assert len(list(s.scalars(select(Commitment)))) == 1
    out = tmp_path / "amended.pdf"
    assert cli.main(["--db", db, "commitment", "--year", "2026", "--date", "2026-06-01",
                     "--amend", "-o", str(out)]) == 0  # fmt: skip
    t = _text(out)
    assert "(Sửa đổi, bổ sung lần 1; thay thế bản cam kết ký ngày 05 tháng 02 năm 2026)" in t
    assert "Xuân An, ngày 01 tháng 6 năm 2026" in t
    assert "Tỷ lệ hồ sơ trực tuyến toàn trình Đạt từ 50%" in t and "Chưa cam kết" not in t
    with ward.read() as s:
        rows = list(s.scalars(select(Commitment).order_by(Commitment.amendment)))
        assert [(c.amendment, c.signed_on) for c in rows] == [
            (0, date(2026, 2, 5)),
            (1, date(2026, 6, 1)),
        ]
        old, new = rows
        assert (old.uuid, old.version, old.signed_on) == original
        assert [x.indicator for x in old.targets] == list(OLD)  # the signed one, as signed
        assert [x.indicator for x in new.targets] == [*OLD, *NEW]
        assert new.version > old.version and new.uuid != old.uuid
        docs = list(s.scalars(select(IssuedDocument).where(IssuedDocument.kind == "commitment")))
        assert len(docs) == 2 and docs[1].refs == f'["{new.uuid}"]'
    assert all(x.status != "not_committed" for x in _statuses(ward))
    # the original paper stays reprintable byte for byte; the year's reprint is the amendment
    again = tmp_path / "again.pdf"
    assert cli.main(["--db", db, "reprint", "commitment", "2026", "--amendment", "0",
                     "-o", str(again)]) == 0  # fmt: skip
    assert again.read_bytes() == first.read_bytes()
    assert cli.main(["--db", db, "reprint", "commitment", "2026", "-o", str(again)]) == 0
    assert again.read_bytes() == out.read_bytes()
    with pytest.raises(ValidationError, match="đã có chỉ tiêu cho mọi chỉ số"):
        commitment_pdf(ward, 2026, tmp_path / "x.pdf", amend=True)
    assert not (tmp_path / "x.pdf").exists()
    capsys.readouterr()
    assert cli.main(["--db", db, "verify"]) == 0


def test_the_city_keeps_the_amendment_beside_the_original(signed_early, tmp_path):
    from db.models import Office
    from wardapp.exchange.city.importing import import_packages
    from wardapp.exchange.city.wards import add_ward
    from wardapp.exchange.export import export_package
    from wardapp.office.store import Ward
    from wardapp.setup.office import init_office

    ward = signed_early
    city = Ward.open(tmp_path / "city.sqlite3")
    init_office(
        city, name="Ủy ban nhân dân tỉnh Lâm Đồng", agency_code="000.00.00.H26", kind="city"
    )
    add_ward(city, name="Phường Xuân An", agency_code=AGENCY, public_key=public_key(ward))
    [first] = import_packages(city, [export_package(ward, tmp_path / "one").path])
    assert first.status == "applied"
    commitment_pdf(ward, 2026, tmp_path / "a.pdf", signed_on=date(2026, 6, 1), amend=True)
    [second] = import_packages(city, [export_package(ward, tmp_path / "two").path])
    assert second.status == "applied" and not second.conflicts
    with city.read() as s:
        office = s.scalars(select(Office).where(Office.agency_code == AGENCY)).one()
        held = list(
            s.scalars(
                select(Commitment)
                .where(Commitment.office_id == office.id)
                .order_by(Commitment.amendment)
            )
        )
        assert [(c.amendment, len(c.targets)) for c in held] == [(0, 3), (1, 7)]
        assert held[0].signed_on == date(2026, 2, 5)
    city.close()


def test_the_citys_targets_never_rewrite_a_signed_commitment(signed_early, tmp_path):
    """A reference package's year targets reach an unsigned commitment; a signed one is kept
    as signed and the difference says that an amendment is needed."""
    from wardapp.exchange.reference import apply_reference, export_reference
    from wardapp.office.store import Ward
    from wardapp.setup.office import init_office

    ward = signed_early
    city = Ward.open(tmp_path / "city.sqlite3")
    init_office(
        city, name="Ủy ban nhân dân tỉnh Lâm Đồng", agency_code="000.00.00.H26", kind="city"
    )
    with city.write() as s:
        c = s.scalars(select(Commitment).where(Commitment.year == 2026)).one()
        c.targets[0].threshold = 99.0
    f = export_reference(city, tmp_path, 2026)
    city.close()
    diff = apply_reference(ward, f, accept=True)
    assert any("Đạt" in x or "99" in x for x in diff.targets)
    assert diff.targets[-1] == (
        "bản cam kết năm 2026 đã ký được giữ nguyên; "
        "chỉ tiêu mới cần Chủ tịch ký cam kết sửa đổi, bổ sung"
    )
    with ward.read() as s:
        c = s.scalars(select(Commitment)).one()
        assert [(x.indicator, x.threshold) for x in c.targets] == [
            ("on_time_rate", 98.0),
            ("apology_rate", 100.0),
            ("return_recorded_rate", 100.0),
        ]


@pytest.mark.sqlite_only
def test_migration_0018_keeps_every_commitment_and_target(signed_early):
    """0018 rebuilds the commitment table on SQLite: down to 0017 and up again, the signed
    commitment and its targets are the same rows."""
    from alembic import command

    from db.engine import alembic_config

    ward = signed_early

    def held():
        with ward.read() as s:
            return [
                (c.id, c.uuid, c.signed_on, [(t.id, t.indicator, t.threshold) for t in c.targets])
                for c in s.scalars(select(Commitment))
            ]

    before = held()
    command.downgrade(alembic_config(ward.engine), "0017")
    command.upgrade(alembic_config(ward.engine), "head")
    assert held() == before and len(before[0][3]) == 3
