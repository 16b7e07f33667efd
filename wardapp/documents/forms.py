"""Which form number and title each document carries under each form set (DOMAIN.md §2).

The office chooses the set in force (setting ``form_set``); every document records the set and
its legal basis in its metadata and footer.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Form:
    number: str  # "Mẫu số 01"
    title: str
    basis: str  # the circular that defines it


_TT03 = "Thông tư 03/2025/TT-VPCP"
_TT01 = "Thông tư 01/2018/TT-VPCP"
FORM_SETS: dict[str, dict[str, Form]] = {
    "TT03/2025": {
        "receipt": Form("Mẫu số 01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", _TT03),
        "apology": Form(
            "Mẫu số 04", "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT", _TT03
        ),
        "supplement": Form("Mẫu số 02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", _TT03),
        "refusal": Form("Mẫu số 03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", _TT03),
        "stop": Form("Mẫu số 05", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", _TT03),
        "control": Form("Mẫu số 06", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", _TT03),
        "logbook": Form("Mẫu số 07", "SỔ THEO DÕI HỒ SƠ", _TT03),
    },
    "TT01/2018": {
        "receipt": Form("Mẫu số 01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", _TT01),
        "supplement": Form("Mẫu số 02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", _TT01),
        "refusal": Form("Mẫu số 03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", _TT01),
        # No stop notice in this set: its Mẫu 05 is the control sheet.
        "apology": Form("Mẫu số 04", "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", _TT01),
        "control": Form("Mẫu số 05", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", _TT01),
        "logbook": Form("Mẫu số 06", "SỔ THEO DÕI HỒ SƠ", _TT01),
    },
}
REPORT_FORM = Form(
    "Biểu số 06/VPCP/KSTT",
    "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
    "Thông tư 01/2020/TT-VPCP",
)
# No official template exists for the commitment (DOMAIN.md §7): its text is office data.
COMMITMENT_FORM = Form(
    "",
    "BẢN CAM KẾT TRÁCH NHIỆM CỦA NGƯỜI ĐỨNG ĐẦU VỀ CẢI CÁCH HÀNH CHÍNH",
    "Chỉ thị 13/CT-TTg",
)


def form(form_set: str, kind: str) -> Form:
    return FORM_SETS.get(form_set, FORM_SETS["TT03/2025"])[kind]


def has_form(form_set: str, kind: str) -> bool:
    """Whether the set defines the form (TT 01/2018 has no stop notice)."""
    return kind in FORM_SETS.get(form_set, FORM_SETS["TT03/2025"])
