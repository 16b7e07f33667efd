"""The PDFs: Vietnamese text and numbers as extracted, embedded fonts, page sizes, archive,
and that bad input is a clear message with no file left behind."""

import hashlib
import re
import unicodedata

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, A5, landscape
from sqlalchemy import func, select

from db.models import Apology, DossierEvent, IssuedDocument
from tests.conftest import as_demo, dt
from wardapp.calendar import periods
from wardapp.common.errors import TransitionError, ValidationError
from wardapp.documents.apology import batch_candidates, issue_apology, issue_batch
from wardapp.documents.commitment_form import commitment_pdf
from wardapp.documents.layout import place_date
from wardapp.documents.receipt import receipt_pdf
from wardapp.documents.tables import control_sheet_pdf, logbook_pdf, report_pdf
from wardapp.dossiers.lifecycle import processing
from wardapp.dossiers.lifecycle.intake import IntakeData, intake
from wardapp.indicators.report import build_report
from wardapp.office.settings import save_setting


def text(path) -> str:
    """All pages' text, NFC, whitespace collapsed (so a phrase wrapped across lines matches)."""
    r = PdfReader(str(path))
    return " ".join(
        unicodedata.normalize("NFC", "\n".join(p.extract_text() for p in r.pages)).split()
    )


def fonts_embedded(path) -> set[str]:
    names = set()
    for page in PdfReader(str(path)).pages:
        for f in page["/Resources"]["/Font"].values():
            f = f.get_object()
            desc = f.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in f:
                desc = f["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert desc is not None and ("/FontFile2" in desc.get_object()), f["/BaseFont"]
            names.add(str(f["/BaseFont"]))
    return names


def size_of(path):
    box = PdfReader(str(path)).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


@pytest.fixture
def dossier(ward):
    return intake(
        ward,
        IntakeData(
            "HT.02",
            "Nguyễn Thị Ánh Tuyết",
            applicant_id="068190001234",
            phone="0912345678",
            address="12 Trường Chinh, phường Xuân An",
            received_at=dt("2026-11-20 09:15"),
        ),
        "canbo1",
    )


def test_place_date_leading_zeros():
    from datetime import date

    assert place_date("Xuân An", date(2026, 2, 5)) == "Xuân An, ngày 05 tháng 02 năm 2026"
    assert place_date("Xuân An", date(2026, 11, 24)) == "Xuân An, ngày 24 tháng 11 năm 2026"


def test_receipt_has_every_field_two_copies_and_embedded_fonts(ward, dossier, tmp_path):
    out = receipt_pdf(ward, dossier.code, tmp_path / "r.pdf")
    t = text(out)
    for s in (
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        dossier.code,
        "Nguyễn Thị Ánh Tuyết",
        "Đăng ký khai sinh kết hợp nhận cha, mẹ, con",
        "3 ngày làm việc",
        "09 giờ 15 phút, ngày 20 tháng 11 năm 2026",
        "09 giờ 15 phút, ngày 26 tháng 11 năm 2026",
        "Liên 1",
        "Liên 2",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Xuân An, ngày 20 tháng 11 năm 2026",
        "Số thứ tự: 1",
    ):
        assert s in t, s
    assert len(PdfReader(str(out)).pages) == 2
    assert size_of(out) == tuple(round(x) for x in A4)
    assert fonts_embedded(out)
    meta = PdfReader(str(out)).metadata
    assert (
        "Mẫu số 01" in meta.subject
        and "03/2025" in meta.subject
        and meta.creator.startswith("wardapp")
    )


def test_a5_slips_by_setting(ward, dossier, tmp_path):
    with ward.write() as s:
        save_setting(s, "paper_size_slips", "A5")
    ward.invalidate()
    assert size_of(receipt_pdf(ward, dossier.code, tmp_path / "r.pdf")) == tuple(
        round(x) for x in A5
    )


def test_apology_letter_records_event_numbers_and_archives(ward, dossier, tmp_path):
    res = issue_apology(
        ward,
        dossier.code,
        "canbo1",
        tmp_path / "a.pdf",
        reason="Chờ xác minh tại nơi cư trú cũ",
        extra_days=2,
    )
    ap = res.apologies[0]
    t = text(res.path)
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in t
    assert f"Số: {ap.number:02d}/PXL-UBND" in t
    assert "Chờ xác minh tại nơi cư trú cũ" in t
    assert "09 giờ 15 phút, ngày 26 tháng 11 năm 2026" in t  # original due
    # already late on 15/12 12:00 (conftest's now): +2 working days from now, not from 26/11
    assert "11 giờ 30 phút, ngày 17 tháng 12 năm 2026" in t  # lunch: counted from 13:30
    assert "TM. ỦY BAN NHÂN DÂN" in t and "Nguyễn Văn Bình" in t and "Lưu: VT" in t
    with ward.read() as s:
        doc = s.scalars(select(IssuedDocument)).one()
        kinds = [e.kind for e in s.scalars(select(DossierEvent).order_by(DossierEvent.id))]
    assert doc.sha256 == hashlib.sha256(res.path.read_bytes()).hexdigest()
    assert kinds[-1] == "apologised"
    with pytest.raises(TransitionError, match="một lần"):
        issue_apology(ward, dossier.code, "x", tmp_path / "b.pdf", reason="r", extra_days=1)
    assert not (tmp_path / "b.pdf").exists()


def test_apology_title_follows_the_form_set(ward, dossier, tmp_path):
    with ward.write() as s:
        save_setting(s, "form_set", "TT01/2018")
    ward.invalidate()
    res = issue_apology(ward, dossier.code, "x", tmp_path / "a.pdf", reason="r", extra_days=1)
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text(res.path)
    assert "01/2018" in PdfReader(str(res.path)).metadata.subject


def test_missing_reason_or_bad_signer_writes_nothing(ward, dossier, tmp_path):
    with pytest.raises(ValidationError, match="Lý do"):
        issue_apology(ward, dossier.code, "x", tmp_path / "a.pdf", reason=" ", extra_days=1)
    with pytest.raises(ValidationError, match="Người ký"):
        issue_apology(
            ward, dossier.code, "x", tmp_path / "a.pdf", reason="r", signer="Ai Đó", extra_days=1
        )
    with ward.read() as s:
        assert s.scalar(select(func.count()).select_from(Apology)) == 0
        assert s.scalar(select(func.count()).select_from(IssuedDocument)) == 0
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("ward.sqlite3")] == []


def test_batch_covers_late_and_nearly_late_without_apology(ward, tmp_path):
    late = intake(
        ward, IntakeData("HT.02", "Lê A", received_at=dt("2026-12-01 09:00")), "x"
    )  # due 04/12
    soon = intake(
        ward, IntakeData("HT.02", "Lê B", received_at=dt("2026-12-11 09:00")), "x"
    )  # due 16/12 09:00
    later = intake(
        ward, IntakeData("HT.02", "Lê C", received_at=dt("2026-12-15 08:00")), "x"
    )  # due 18/12
    assert batch_candidates(ward) == [late.code, soon.code]
    res = issue_batch(ward, "x", tmp_path / "batch.pdf", reason="Cơ quan phối hợp chậm")
    assert [a.nth for a in res.apologies] == [1, 1]
    t = text(res.path)
    assert late.code in t and soon.code in t and later.code not in t
    assert batch_candidates(ward) == []


def test_commitment_form_and_annex(ward, tmp_path):
    with pytest.raises(ValidationError, match="Người phê duyệt"):
        commitment_pdf(ward, 2026, tmp_path / "c.pdf")
    out = commitment_pdf(ward, 2026, tmp_path / "c.pdf", approver="Lê Minh Quang")
    t = text(out)
    assert "BẢN CAM KẾT TRÁCH NHIỆM" in t and "Năm 2026" in t
    assert "Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn" in t and "Đạt từ 98%" in t
    assert "Lê Minh Quang" in t and "Nguyễn Văn Bình" in t
    assert "Chưa có số liệu" in t
    assert len(PdfReader(str(out)).pages) == 2


def test_commitment_signing_date_title_and_annex_as_nd30_wants(ward, tmp_path):
    from datetime import date

    from db.models import Commitment

    out = commitment_pdf(
        ward, 2026, tmp_path / "c.pdf", approver="Lê Minh Quang", signed_on=date(2026, 2, 5)
    )
    with ward.read() as s:
        assert s.scalars(select(Commitment.signed_on)).one() == date(2026, 2, 5)
    first, annex = (
        [
            line.strip()
            for line in unicodedata.normalize("NFC", p.extract_text())
            .replace("\u00a0", " ")
            .splitlines()
            if not line.startswith("wardapp ")  # the footer
        ]
        for p in PdfReader(str(out)).pages
    )
    assert "Xuân An, ngày 05 tháng 02 năm 2026" in first
    assert "BẢN CAM KẾT TRÁCH NHIỆM CỦA NGƯỜI ĐỨNG ĐẦU" in first
    assert "VỀ CẢI CÁCH HÀNH CHÍNH" in first  # one line: never "CẢI" / "CÁCH"
    # The annex numbers its own pages: its first page carries no number, so it opens with
    # "Phụ lục" (bold, sentence case) and the line saying what it goes with.
    assert annex[0] == "Phụ lục" and "PHỤ LỤC" not in annex
    assert (
        " ".join(annex[1:5]).count(
            "(Kèm theo Bản cam kết trách nhiệm năm 2026 của Chủ tịch Ủy ban nhân dân phường"
        )
        == 1
    )
    assert "Xuân An ngày 05 tháng 02 năm 2026)" in " ".join(annex[1:5])
    # One date style in the whole document, annex included: no "15/12/2026" beside the words.
    whole = " ".join(first + annex)
    assert "Số liệu từ ngày 15 tháng 12 năm 2025 đến ngày 14 tháng 12 năm 2026" in whole
    assert "(tính đến 12 giờ 00 phút, ngày 15 tháng 12 năm 2026)" in whole
    assert re.search(r"\d{1,2}/\d{1,2}/\d{4}|\d{1,2}:\d{2}", whole) is None, whole
    # without a date the stored day is kept, not the day of printing
    again = commitment_pdf(ward, 2026, tmp_path / "d.pdf")
    assert "ngày 05 tháng 02 năm 2026" in PdfReader(str(again)).pages[0].extract_text()


def test_control_sheet_logbook_and_report(ward, dossier, tmp_path):
    processing.forward(
        ward, dossier.code, "canbo1", agency="Văn phòng đăng ký đất đai", at=dt("2026-11-20 10:00")
    )
    processing.return_from_agency(
        ward, dossier.code, "canbo1", agency="Văn phòng đăng ký đất đai", at=dt("2026-11-23 10:00")
    )
    processing.resolve(ward, dossier.code, "canbo1", at=dt("2026-11-25 10:00"))
    t = text(control_sheet_pdf(ward, dossier.code, tmp_path / "k.pdf"))
    assert (
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in t
        and "Văn phòng đăng ký đất đai" in t
        and "Trước hạn" in t
    )
    out = logbook_pdf(ward, periods.month(2026, 11), tmp_path / "l.pdf")
    assert size_of(out) == tuple(round(x) for x in landscape(A4))
    t = text(out)
    assert "SỔ THEO DÕI HỒ SƠ" in t and dossier.code in t and "1 hồ sơ" in t
    with ward.read() as s:
        rep = build_report(s, periods.month(2026, 11))
    t = text(report_pdf(ward, rep, tmp_path / "b.pdf"))
    assert "Biểu số 06/VPCP/KSTT" in t and "Hộ tịch" in t and "Tổng cộng" in t
    assert "Tỷ lệ giải quyết trước hạn và đúng hạn: 100,00%" in t


def test_a_long_logbook_reports_pages_and_can_be_stopped(ward, tmp_path):
    from wardapp.calendar import periods
    from wardapp.documents.tables import logbook_pdf
    from wardapp.setup import demo

    demo.generate(as_demo(ward), dossiers=300, seed=4)
    seen = []
    logbook_pdf(
        ward, periods.year(2026), tmp_path / "a.pdf", lambda n, total: seen.append((n, total))
    )
    assert seen and seen[0][0] == 1 and seen[-1][0] == seen[-1][1] and len(seen) >= 5

    class Stop(Exception):
        pass

    def stop(n, total):
        if n == 3:
            raise Stop

    with pytest.raises(Stop):
        logbook_pdf(ward, periods.year(2026), tmp_path / "b.pdf", stop)
    assert not (tmp_path / "b.pdf").exists()
