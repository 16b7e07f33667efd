"""Apology letters as the citizen reads them: wording before and after the deadline, by form
set, "Ông"/"Bà" from the ID or the intake choice, where the new result is collected, the
e-mail/SMS note only when it is true, and a batch of letters as separate documents."""

from pypdf import PdfReader
from sqlalchemy import select

from db.models import Apology, IssuedDocument
from tests.conftest import dt
from tests.test_documents import text
from wardapp import cli
from wardapp.documents.addressing import addressee
from wardapp.documents.apology import issue_apology, issue_batch
from wardapp.dossiers.lifecycle.intake import IntakeData, intake
from wardapp.office.settings import save_setting


def _intake(ward, name, received, **kw):
    return intake(ward, IntakeData("HT.02", name, received_at=dt(received), **kw), "x")


def _letter(ward, d, tmp_path, **kw):
    kw.setdefault("extra_days", 2)
    return text(issue_apology(ward, d.code, "x", tmp_path / f"{d.code}.pdf", reason="r", **kw).path)


def test_before_the_deadline_the_letter_says_expected_late_and_asks(ward, tmp_path):
    d = _intake(ward, "Lê Văn Sớm", "2026-12-11 09:00", applicant_id="068090001234")
    t = _letter(ward, d, tmp_path)  # issued 15/12 12:00, due 16/12 09:00
    assert "Hồ sơ dự kiến không kịp giải quyết trong thời hạn nêu trên" in t
    assert "đề nghị Ông đồng ý gia hạn thời gian giải quyết hồ sơ" in t
    assert "quá thời hạn" not in t and "chưa được giải quyết đúng thời hạn" not in t


def test_after_the_deadline_the_letter_says_it_is_late(ward, tmp_path):
    d = _intake(ward, "Lê Văn Muộn", "2026-12-01 09:00", applicant_id="068090001234")
    t = _letter(ward, d, tmp_path)  # due 04/12, issued 15/12
    assert "Đến nay, hồ sơ đã quá thời hạn giải quyết nêu trên" in t
    assert "dự kiến không kịp" not in t


def test_tt01_set_reappoints_without_asking_for_an_extension(ward, tmp_path):
    with ward.write() as s:
        save_setting(s, "form_set", "TT01/2018")
    ward.invalidate()
    early = _intake(ward, "Lê Văn Sớm", "2026-12-11 09:00")
    late = _intake(ward, "Lê Văn Muộn", "2026-12-01 09:00")
    t_early, t_late = _letter(ward, early, tmp_path), _letter(ward, late, tmp_path)
    for t in (t_early, t_late):
        assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in t
        assert "xin hẹn lại ngày trả kết quả vào" in t
        assert "gia hạn" not in t
    assert "dự kiến không kịp trả kết quả cho Lê Văn Sớm vào ngày hẹn" in t_early
    assert "chưa trả kết quả cho Lê Văn Muộn đúng hẹn" in t_late


def test_salutation_from_the_id_digit_else_the_intake_choice(ward, tmp_path):
    cases = [
        ({"applicant_id": "068190001234"}, "Bà Trần Thị Hoa"),  # 1: woman born 1900s
        ({"applicant_id": "068203001234"}, "Ông Trần Thị Hoa"),  # 2: man born 2000s
        ({"applicant_id": "068303001234", "salutation": "ong"}, "Bà Trần Thị Hoa"),  # ID wins
        ({"salutation": "ba"}, "Bà Trần Thị Hoa"),
        ({"salutation": "none"}, "Trần Thị Hoa"),
        ({"applicant_id": "123456789"}, "Trần Thị Hoa"),  # old 9-digit CMND: no sex digit
    ]
    for kw, expected in cases:
        d = _intake(ward, "Trần Thị Hoa", "2026-12-01 09:00", **kw)
        assert addressee(d) == expected, kw
    org = _intake(
        ward,
        "Công ty TNHH Minh Phát",
        "2026-12-01 09:00",
        applicant_id="068090001234",
        salutation="org",
    )
    t = _letter(ward, org, tmp_path)
    assert "Kính gửi: Công ty TNHH Minh Phát" in t
    assert "Ông" not in t and "Ông/Bà" not in t
    woman = _intake(ward, "Trần Thị Hoa", "2026-12-01 09:00", applicant_id="068190001234")
    t = _letter(ward, woman, tmp_path)
    assert "Kính gửi: Bà Trần Thị Hoa" in t and "sự thông cảm của Bà./." in t
    assert "Ông/Bà" not in t


def test_return_channel_and_the_message_note(ward, tmp_path):
    post = _intake(ward, "Lê Bưu", "2026-12-01 09:00", channel="postal", email="a@b.vn")
    t = _letter(ward, post, tmp_path)
    assert "kết quả được trả qua dịch vụ bưu chính" in t
    assert "tại Bộ phận một cửa" not in t
    assert "thư điện tử" not in t  # a paper letter to a postal dossier
    desk = _intake(ward, "Lê Quầy", "2026-12-01 09:00")
    t = _letter(ward, desk, tmp_path, channel="email")  # asked for e-mail, none on file
    assert "kết quả được trả tại Bộ phận một cửa" in t
    assert "thư điện tử" not in t and "tin nhắn" not in t
    online = _intake(
        ward, "Lê Mạng", "2026-12-01 09:00", channel="online", email="le.mang@example.vn"
    )
    t = _letter(ward, online, tmp_path)
    assert "trên Cổng dịch vụ công trực tuyến" in t
    assert "qua thư điện tử (le.mang@example.vn)" in t and "tin nhắn" not in t


def test_batch_issues_one_document_per_letter_and_reprints_one(ward, tmp_path):
    a = _intake(ward, "Lê Thị An", "2026-12-01 09:00", applicant_id="068190001234")
    b = _intake(ward, "Phạm Văn Bảo", "2026-12-02 09:00", applicant_id="068090001234")
    c = _intake(ward, "Đỗ Văn Cường", "2026-12-11 09:00")
    res = issue_batch(ward, "x", tmp_path / "job.pdf", reason="Cơ quan phối hợp chậm")
    assert [ap.dossier_id for ap in res.apologies] == [a.id, b.id, c.id]
    with ward.read() as s:
        docs = list(s.scalars(select(IssuedDocument).order_by(IssuedDocument.id)))
        numbers = [ap.number for ap in s.scalars(select(Apology).order_by(Apology.id))]
    assert len(docs) == 3 and numbers == [1, 2, 3]
    assert [d.number for d in docs] == ["01/PXL-UBND", "02/PXL-UBND", "03/PXL-UBND"]
    job_pages = len(PdfReader(str(res.path)).pages)
    assert job_pages == sum(len(PdfReader(_bytes(d.pdf)).pages) for d in docs)
    t = text(res.path)
    assert all(x.code in t for x in (a, b, c))
    out = tmp_path / "again.pdf"
    assert cli.main(["--db", str(ward.path), "reprint", "apology", b.code, "-o", str(out)]) == 0
    t = text(out)
    assert "Phạm Văn Bảo" in t and b.code in t
    assert "Lê Thị An" not in t and "Đỗ Văn Cường" not in t and a.code not in t
    assert out.read_bytes() == docs[1].pdf
    assert "dự kiến không kịp" in text(_save(tmp_path, docs[2].pdf))  # due 16/12: ahead
    assert "đã quá thời hạn" in text(_save(tmp_path, docs[0].pdf))


def _bytes(pdf: bytes):
    import io

    return io.BytesIO(pdf)


def _save(tmp_path, pdf: bytes):
    p = tmp_path / f"doc-{len(pdf)}.pdf"
    p.write_bytes(pdf)
    return p
