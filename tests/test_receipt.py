"""The receipt (Mẫu 01) as the desk hands it out: each copy one sheet whatever the list of
documents, no page number on a copy, the copy label under the code, the note, and a QR code
at error correction level M carrying the code or the office's look-up address."""

from pypdf import PdfReader

from tests.conftest import dt
from wardapp.documents.receipt import qr, qr_value, receipt_pdf
from wardapp.dossiers.lifecycle.intake import IntakeData, intake
from wardapp.office.settings import save_setting

DOCS = [
    "Tờ khai đăng ký khai sinh theo mẫu",
    "Giấy chứng sinh do cơ sở y tế cấp",
    "Giấy tờ tùy thân của người đi đăng ký (bản chính để đối chiếu)",
    "Giấy chứng nhận kết hôn của cha, mẹ (bản sao có chứng thực)",
]


def _pages(path) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(str(path)).pages]


def test_each_copy_on_one_a5_sheet_with_four_documents(ward, tmp_path):
    with ward.write() as s:
        save_setting(s, "paper_size_slips", "A5")
    ward.invalidate()
    d = intake(
        ward,
        IntakeData(
            "HT.02",
            "Nguyễn Thị Ánh Tuyết",
            address="Tổ dân phố 12, khu phố Thượng Lâm, phường Xuân An, tỉnh Lâm Đồng, "
            "gần chợ Xuân An, đối diện trường tiểu học Nguyễn Du",
            documents=DOCS,
            received_at=dt("2026-12-14 09:00"),
        ),
        "x",
    )
    pages = _pages(receipt_pdf(ward, d.code, tmp_path / "r.pdf"))
    assert len(pages) == 2  # one sheet per copy, not four
    for page, label in zip(pages, ("Liên 1", "Liên 2"), strict=True):
        assert page.count("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ") == 1
        assert "NGƯỜI NỘP HỒ SƠ" in page and "NGƯỜI TIẾP NHẬN HỒ SƠ" in page
        assert all(doc in page for doc in DOCS[:1]) and "4. Giấy chứng nhận kết hôn" in page
        # the copy label right under the code, the note at the foot
        assert f"Mã hồ sơ: {d.code} {label}" in page
        assert "được lập thành 02 liên" in page and "qua dịch vụ bưu chính" in page
        assert not page.startswith("2 ")  # no page number above the citizen's copy


def test_qr_error_correction_and_lookup_template(ward, tmp_path):
    widget = qr("000.23.31.H26-261214-0001", 20).contents[0]
    assert widget.barLevel == "M" and widget.value == "000.23.31.H26-261214-0001"
    assert qr_value("", "X-1") == "X-1"
    assert qr_value("https://dichvucong.lamdong.gov.vn/tra-cuu?ma={code}", "X-1") == (
        "https://dichvucong.lamdong.gov.vn/tra-cuu?ma=X-1"
    )
    with ward.write() as s:
        save_setting(s, "receipt_qr_template", "https://dvc.example.vn/hs/{code}")
    ward.invalidate()
    d = intake(ward, IntakeData("HT.02", "Lê A", received_at=dt("2026-12-14 09:00")), "x")
    assert len(_pages(receipt_pdf(ward, d.code, tmp_path / "r.pdf"))) == 2
