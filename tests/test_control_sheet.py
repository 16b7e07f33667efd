"""The process-control sheet as the grid agencies sign, and the re-appointed date after an
apology on it and in the logbook's "Hẹn trả" column."""

import re
from datetime import datetime

import pytest
from pypdf import PdfReader

from tests.conftest import dt
from tests.test_documents import text
from wardapp.calendar import periods
from wardapp.common.clock import set_fixed_now
from wardapp.documents.apology import issue_apology
from wardapp.documents.tables import control_sheet_pdf, logbook_pdf
from wardapp.dossiers.lifecycle import processing
from wardapp.dossiers.lifecycle.intake import IntakeData, intake

LAND_OFFICE = "Văn phòng đăng ký đất đai"


@pytest.fixture
def late_forwarded(ward, tmp_path):
    """Received 20/11 (due 26/11 09:15), sent to the land office, apologised for on 24/11 with
    a new date, back from the land office on 27/11 and resolved the same day."""
    set_fixed_now(datetime(2026, 11, 20, 15, 0))
    d = intake(
        ward,
        IntakeData("HT.02", "Nguyễn Thị Ánh Tuyết", received_at=dt("2026-11-20 09:15")),
        "canbo1",
    )
    processing.forward(ward, d.code, "canbo1", agency=LAND_OFFICE, at=dt("2026-11-20 14:00"))
    set_fixed_now(datetime(2026, 11, 24, 9, 0))
    issue_apology(ward, d.code, "x", tmp_path / "a.pdf", reason="Chờ xác minh", extra_days=3)
    set_fixed_now(datetime(2026, 11, 27, 16, 0))
    processing.return_from_agency(
        ward, d.code, "canbo1", agency=LAND_OFFICE, at=dt("2026-11-27 10:00")
    )
    processing.resolve(ward, d.code, "canbo1", at=dt("2026-11-27 15:00"))
    yield d
    set_fixed_now(None)


def test_a_row_per_hand_over_with_times_signature_cells_and_results(ward, late_forwarded, tmp_path):
    out = control_sheet_pdf(ward, late_forwarded.code, tmp_path / "k.pdf")
    t = text(out)
    for s in (
        "TÊN CƠ QUAN",
        "THỜI GIAN GIAO, NHẬN HỒ SƠ",
        "KẾT QUẢ GIẢI QUYẾT HỒ SƠ",
        "GHI CHÚ",
        "1. Giao: Người nộp hồ sơ",
        "2. Giao: Bộ phận tiếp nhận và trả kết quả Nhận: Văn phòng đăng ký đất đai",
        "Giao: 14 giờ 00 phút, ngày 20 tháng 11 năm 2026",
        "3. Giao: Văn phòng đăng ký đất đai Nhận: Bộ phận tiếp nhận và trả kết quả",
        "Nhận: 10 giờ 00 phút, ngày 27 tháng 11 năm 2026",
        "Ngày hẹn trả: 09 giờ 15 phút, ngày 26 tháng 11 năm 2026",
        "Hẹn trả lại (sau văn bản xin lỗi): 09 giờ 15 phút, ngày 01 tháng 12 năm 2026",
        "Xin lỗi, hẹn lại",
    ):
        assert s in t.replace("\u00a0", " "), s
    assert t.count("Người giao") == 3 and t.count("Người nhận") == 3
    # the land office's step is measured against the new date; the dossier against the first
    # (once in the column's heading, once on the land office's row)
    assert t.count("Trước hạn") == 2 and "Quá hạn" not in t
    assert "Có kết quả: 15 giờ 00 phút, ngày 27 tháng 11 năm 2026 (quá hạn)" in t
    # the receiving side of the hand-over to the land office was not seen: left to fill in
    assert "Nhận: … giờ … phút, ngày … tháng … năm …" in t.replace("\u00a0", " ")
    # one date style in the whole sheet (NĐ 30), the notes included: never "10:00 26/11/2026"
    assert "Xin lỗi, hẹn lại (văn bản số 01/PXL-UBND): 09 giờ 15 phút, ngày 01 tháng 12 năm" in (
        t.replace("\u00a0", " ")
    )
    assert not re.search(r"\d{2}/\d{2}/\d{4}|\d{2}:\d{2}", t), re.findall(r"\S*/\d{4}", t)
    assert len(PdfReader(str(out)).pages) == 1


def test_logbook_shows_the_new_date_under_hen_tra(ward, late_forwarded, tmp_path):
    t = text(logbook_pdf(ward, periods.month(2026, 11), tmp_path / "l.pdf"))
    assert "09:15 26/11/2026 Hẹn lại: 09:15 01/12/2026" in t
