"""Mẫu 02, 03 and 05 from the steps that call for them, in both form sets; the NĐ 30/2020
conventions every document shares; reprints byte for byte; and that a failure leaves neither a
record without a file nor a file without a record."""

import unicodedata

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from db.models import DossierEvent, IssuedDocument
from tests.conftest import dt
from wardapp.common.errors import ValidationError
from wardapp.documents import layout as L
from wardapp.documents import step_forms
from wardapp.documents.apology import issue_apology
from wardapp.documents.wording import NBSP, doc_number, keep_units, mid_sentence, when_text
from wardapp.dossiers.lifecycle.intake import IntakeData, intake
from wardapp.dossiers.lifecycle.transition import get_dossier
from wardapp.office.settings import save_setting


def text(path) -> str:
    r = PdfReader(str(path))
    return " ".join(
        unicodedata.normalize("NFC", "\n".join(p.extract_text() for p in r.pages)).split()
    )


def use_set(ward, form_set):
    with ward.write() as s:
        save_setting(s, "form_set", form_set)
    ward.invalidate()


@pytest.fixture
def code(ward):
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
    ).code


def counts(ward):
    with ward.read() as s:
        return (
            s.scalar(select(func.count()).select_from(IssuedDocument)),
            s.scalar(select(func.count()).select_from(DossierEvent)),
        )


def top_number(page):
    """Digits drawn in the top margin of an A4 page, with their size."""
    found = []

    def visit(t, cm, tm, font, size):
        if t.strip().isdigit() and tm[5] > 800:
            found.append((t.strip(), round(size)))

    page.extract_text(visitor_text=visit)
    return found


# -- wording ---------------------------------------------------------------------------------


def test_numbers_padded_with_the_agency_in_the_symbol():
    assert doc_number(1, "PXL-UBND") == "01/PXL-UBND"
    assert doc_number(12, "HDHS-UBND") == "12/HDHS-UBND"


def test_unit_words_lower_case_mid_sentence():
    assert mid_sentence("Phường Xuân An") == "phường Xuân An"
    assert mid_sentence("Ủy ban nhân dân Tỉnh Lâm Đồng") == "Ủy ban nhân dân tỉnh Lâm Đồng"
    assert mid_sentence("Thị trấn Đạ Tẻh") == "thị trấn Đạ Tẻh"
    assert mid_sentence("Xuân An") == "Xuân An"


def test_numbers_keep_their_units_and_one_date_style():
    # each part of a date stays with its number, but a date may break between its parts: the
    # 05 is no count of months, and one unbreakable date is split anywhere by a narrow cell
    assert keep_units("hẹn 17 giờ 05 phút, ngày 05 tháng 6 năm 2026") == (
        f"hẹn 17{NBSP}giờ 05{NBSP}phút, ngày{NBSP}05 tháng{NBSP}6 năm{NBSP}2026"
    )
    assert keep_units("gia hạn 3 tháng, còn 12 năm") == f"gia hạn 3{NBSP}tháng, còn 12{NBSP}năm"
    # months 3-12 without a leading zero in the body as in the header (NĐ 30)
    assert when_text(dt("2026-06-05 09:15")) == "09 giờ 15 phút, ngày 05 tháng 6 năm 2026"
    assert when_text(dt("2026-02-05 09:15")) == "09 giờ 15 phút, ngày 05 tháng 02 năm 2026"


def test_a_number_never_ends_a_line_without_its_unit():
    st = L.Styles(13)
    words = "chữ " * 9
    for n in range(12):  # move the number along the line until it meets the edge
        p = L.para(f"{words[: n * 4]}hẹn trả lúc 17 giờ 30 phút hôm nay", st.body)
        p.wrap(60 * 2.8346, 1000)
        for line in p.blPara.lines:
            last = (line[1] if isinstance(line, tuple) else line.words)[-1]
            last = last if isinstance(last, str) else last.text
            assert not last.rstrip().endswith(("17", "30")), (n, last)


def test_parent_line_12_to_13_pt_abbreviated_when_too_long():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from wardapp.documents import fonts

    fonts.register()
    f = fonts.font()
    width = 60 * 2.8346
    lines = L._parent_lines("Ủy ban nhân dân tỉnh Lâm Đồng", f, 13, width)
    assert [t for t, *_ in lines] == ["UBND TỈNH LÂM ĐỒNG"]
    assert all(12 <= pt <= 13 for _t, _f, pt in lines)
    lines = L._parent_lines("Ủy ban nhân dân thành phố Hồ Chí Minh mở rộng", f, 13, 50 * 2.8346)
    assert len(lines) == 2 and all(pt == 12 for *_x, pt in lines)
    assert all(stringWidth(t, f, pt) <= 50 * 2.8346 for t, _f, pt in lines)
    assert L._parent_lines("Sở Tư pháp", f, 13, width) == [("SỞ TƯ PHÁP", f, 13.0)]


def test_subject_line_is_upright_bold_with_a_rule():
    st = L.Styles(13)
    p, rule = L.subject(st, 400, "Về việc giải quyết hồ sơ")
    assert isinstance(p, Paragraph) and "bold" in p.style.fontName.lower()
    assert "italic" not in p.style.fontName.lower() and "<i>" not in p.text
    assert isinstance(rule, L.Rule) and 0 < rule.rule_width < 400


def test_apology_number_subject_lower_case_unit_and_page_numbers(ward, code, tmp_path):
    res = issue_apology(
        ward, code, "canbo1", tmp_path / "a.pdf", reason="Chờ xác minh", extra_days=2
    )
    t = text(res.path)
    assert "Số: 01/PXL-UBND" in t
    assert "Ủy ban nhân dân phường Xuân An tiếp nhận" in t and "Phường Xuân An" not in t
    assert "UBND TỈNH LÂM ĐỒNG" in t
    assert "Ngày 20 tháng 11 năm 2026, Ủy ban nhân dân" in t


def test_page_numbers_13pt_from_page_2_of_each_document(ward, tmp_path):
    st = L.Styles(13)
    body = [L.para("Đoạn văn dài. " * 500, st.body)]
    story = body + [L.NewDocument()] + body
    pdf = tmp_path / "two.pdf"
    L.write(pdf, L.render(story, L.DocInfo("t", "", "b")))
    pages = PdfReader(str(pdf)).pages
    assert len(pages) == 4

    assert [top_number(p) for p in pages] == [[], [("2", 13)], [], [("2", 13)]]


# -- the step forms --------------------------------------------------------------------------


@pytest.mark.parametrize("form_set", ["TT03/2025", "TT01/2018"])
def test_supplement_prints_mau_02(ward, code, tmp_path, form_set):
    use_set(ward, form_set)
    res = step_forms.issue(
        ward,
        "supplement",
        code,
        "canbo1",
        tmp_path / "02.pdf",
        reason="Bản sao giấy chứng sinh không rõ số",
        missing=step_forms.parse_missing("Giấy chứng sinh = 1/0/0\nSổ hộ khẩu = 0/1/2"),
    )
    t = text(res.path)
    basis = "03/2025" if form_set == "TT03/2025" else "01/2018"
    for s in (
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "Số: 01/HDHS-UBND",
        "Tiếp nhận hồ sơ của: Bà Nguyễn Thị Ánh Tuyết",
        "Yêu cầu Bà hoàn thiện hồ sơ gồm những nội dung như sau:",
        "Nếu cần hướng dẫn thêm, Bà liên hệ Bộ phận một cửa",
        "TT Thành phần hồ sơ Số lượng Bản chính Bản chứng thực Bản photo",
        "1 Giấy chứng sinh 1 0 0",
        "2 Sổ hộ khẩu 0 1 2",
        "Lý do: Bản sao giấy chứng sinh không rõ số.",
        "NGƯỜI HƯỚNG DẪN",
        "Bộ phận một cửa, Ủy ban nhân dân phường Xuân An",
        "Xuân An, ngày 15 tháng 12 năm 2026",
    ):
        assert s in t, s
    assert "Ông/Bà" not in t
    meta = PdfReader(str(res.path)).metadata
    assert "Mẫu số 02" in meta.subject and basis in meta.subject
    with ward.read() as s:
        d = get_dossier(s, code)
        assert d.status == "supplement_requested"
        doc = step_forms.issued(s, "supplement", code)
        assert doc.pdf == res.path.read_bytes() and doc.number == "01/HDHS-UBND"


@pytest.mark.parametrize("form_set", ["TT03/2025", "TT01/2018"])
def test_refusal_prints_mau_03_with_both_signatures(ward, code, tmp_path, form_set):
    use_set(ward, form_set)
    res = step_forms.issue(
        ward, "refusal", code, "canbo1", tmp_path / "03.pdf", reason="Không thuộc thẩm quyền"
    )
    t = text(res.path)
    for s in (
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        "Số: 01/TCHS-UBND",
        "thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau: "
        "Không thuộc thẩm quyền.",
        "Tiếp nhận hồ sơ của: Bà Nguyễn Thị Ánh Tuyết",
        "Xin thông báo cho Bà được biết và thực hiện./.",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
    ):
        assert s in t, s
    assert "Ông/Bà" not in t
    assert "Mẫu số 03" in PdfReader(str(res.path)).metadata.subject
    with ward.read() as s:
        assert get_dossier(s, code).status == "refused"


def test_an_organisation_is_addressed_by_its_name_and_a_chosen_ong_by_ong(ward, tmp_path):
    """The forms' own sentences address the applicant as the apology does: by the clerk's
    choice at intake when there is no ID number, an organisation by its name; never a bare
    "Ông/Bà" for a pen to strike out."""
    firm = intake(
        ward,
        IntakeData(
            "HT.02", "Công ty TNHH Minh Phát", salutation="org", received_at=dt("2026-12-01 09:00")
        ),
        "canbo1",
    ).code
    t = text(
        step_forms.issue(
            ward,
            "supplement",
            firm,
            "canbo1",
            tmp_path / "02.pdf",
            reason="Thiếu giấy ủy quyền",
            missing=step_forms.parse_missing("Giấy ủy quyền = 1/0/0"),
        ).path
    )
    assert "Tiếp nhận hồ sơ của: Công ty TNHH Minh Phát" in t
    assert "Yêu cầu Công ty TNHH Minh Phát hoàn thiện hồ sơ" in t
    assert "Nếu cần hướng dẫn thêm, Công ty TNHH Minh Phát liên hệ" in t
    man = intake(
        ward,
        IntakeData("HT.02", "Trần Văn Bảy", salutation="ong", received_at=dt("2026-12-01 09:30")),
        "canbo1",
    ).code
    t = text(step_forms.issue(ward, "stop", man, "canbo1", tmp_path / "05.pdf", reason="Rút").path)
    assert "Kính gửi: Ông Trần Văn Bảy" in t and "của Ông Trần Văn Bảy, đề nghị" in t
    t = text(
        step_forms.issue(ward, "refusal", firm, "canbo1", tmp_path / "03.pdf", reason="X").path
    )
    assert "Xin thông báo cho Công ty TNHH Minh Phát được biết và thực hiện./." in t
    assert "Ông/Bà" not in t


def test_refusal_desk_signature_only_by_setting(ward, code, tmp_path):
    with ward.write() as s:
        save_setting(s, "refusal_signatures", "desk")
    ward.invalidate()
    t = text(step_forms.issue(ward, "refusal", code, "canbo1", tmp_path / "r.pdf", reason="X").path)
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in t and "NGƯỜI NỘP HỒ SƠ" not in t


def test_stop_prints_mau_05_under_tt03_only(ward, code, tmp_path):
    res = step_forms.issue(
        ward, "stop", code, "canbo1", tmp_path / "05.pdf", reason="Người nộp có đơn rút hồ sơ"
    )
    t = text(res.path)
    for s in (
        "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
        "Số: 01/TB-UBND",
        f"Về việc dừng giải quyết hồ sơ mã số {code}",
        "Kính gửi: Bà Nguyễn Thị Ánh Tuyết",
        "tiếp nhận hồ sơ của Bà Nguyễn Thị Ánh Tuyết, đề nghị giải quyết thủ tục",
        "Ủy ban nhân dân phường Xuân An thông báo dừng giải quyết hồ sơ nêu trên kể từ "
        "ngày 15 tháng 12 năm 2026. Lý do: Người nộp có đơn rút hồ sơ.",
        "TM. ỦY BAN NHÂN DÂN",
        "Nguyễn Văn Bình",
        "Lưu: VT.",
    ):
        assert s in t, s
    assert "Mẫu số 05" in PdfReader(str(res.path)).metadata.subject
    with ward.read() as s:
        assert get_dossier(s, code).status == "withdrawn"
        assert step_forms.issued(s, "stop", code).pdf == res.path.read_bytes()


def test_tt01_has_no_stop_notice_and_records_nothing(ward, code, tmp_path):
    use_set(ward, "TT01/2018")
    before = counts(ward)
    with pytest.raises(ValidationError, match="TT 03/2025"):
        step_forms.issue(ward, "stop", code, "canbo1", tmp_path / "05.pdf", reason="Rút")
    assert counts(ward) == before and not list(tmp_path.glob("*.pdf"))


def test_a_failed_form_leaves_no_record_and_no_file(ward, code, tmp_path, monkeypatch):
    before = counts(ward)

    def broken(*a, **k):
        raise RuntimeError("máy hỏng giữa chừng")

    monkeypatch.setattr(step_forms.L, "render", broken)
    with pytest.raises(RuntimeError):
        step_forms.issue(ward, "refusal", code, "canbo1", tmp_path / "r.pdf", reason="X")
    assert counts(ward) == before
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".pdf"]  # nor a temporary one
    with ward.read() as s:
        assert get_dossier(s, code).status == "received"


def test_a_failed_commit_leaves_no_file(ward, code, tmp_path, monkeypatch):
    before = counts(ward)
    real = step_forms.archive.keep

    def keep_then_fail(s, *a, **k):
        doc = real(s, *a, **k)
        s.add(IssuedDocument())  # NOT NULL columns missing: the commit fails
        return doc

    monkeypatch.setattr(step_forms.archive, "keep", keep_then_fail)
    with pytest.raises(IntegrityError):
        step_forms.issue(ward, "refusal", code, "canbo1", tmp_path / "r.pdf", reason="X")
    assert counts(ward) == before
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".pdf"]


def test_supplement_needs_the_missing_documents(ward, code, tmp_path):
    with pytest.raises(ValidationError, match="Giấy tờ cần bổ sung"):
        step_forms.issue(ward, "supplement", code, "canbo1", tmp_path / "s.pdf", reason="X")
    with pytest.raises(ValidationError, match="số bản"):
        step_forms.parse_missing("Giấy chứng sinh = một bản")
    assert step_forms.parse_missing(" Tờ khai \n\n") == [("Tờ khai", 1, 0, 0)]


def test_the_citizens_copy_of_a_receipt_has_no_page_number(ward, code, tmp_path):
    from wardapp.documents.receipt import receipt_pdf

    pages = PdfReader(str(receipt_pdf(ward, code, tmp_path / "r.pdf"))).pages
    assert len(pages) == 2 and [top_number(p) for p in pages] == [[], []]
