"""Office settings: every rule DOMAIN.md marks as partly confirmed or unconfirmed lives here as
data with a default, a Vietnamese label and the text it comes from, never as a constant in code.
Stored as JSON values in the ``setting`` table."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Setting


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    label: str
    basis: str = ""


SPECS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "desk_hours",
        [["07:30", "11:30"], ["13:30", "17:00"]],
        "Giờ làm việc của bộ phận một cửa",
        "Quy định của UBND cấp xã (thường 07:30–11:30, 13:00/13:30–17:00)",
    ),
    SettingSpec(
        "same_day_cutoff",
        "15:00",
        "Giờ tiếp nhận muộn nhất để trả trong ngày (thủ tục 0 ngày)",
        "Nghị định 123/2015/NĐ-CP: nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo",
    ),
    SettingSpec(
        "code_pattern",
        "{agency}-{yymmdd}-{seq:04d}",
        "Mẫu mã hồ sơ",
        "TT 01/2018/TT-VPCP Điều 19 (chưa xác nhận TT 03/2025 có thay đổi)",
    ),
    SettingSpec(
        "form_set", "TT03/2025", "Bộ biểu mẫu áp dụng", "TT 03/2025/TT-VPCP hoặc TT 01/2018"
    ),
    SettingSpec(
        "apology_only_once",
        True,
        "Chỉ được hẹn lại ngày trả kết quả một lần",
        "NĐ 61/2018/NĐ-CP; chưa xác nhận NĐ 118/2025 còn giữ",
    ),
    SettingSpec(
        "apology_days_before",
        1,
        "Số ngày làm việc trước hạn phải gửi văn bản xin lỗi",
        "NĐ 61/2018/NĐ-CP; chưa xác nhận NĐ 118/2025 còn giữ",
    ),
    SettingSpec(
        "apology_symbol",
        "PXL-UBND",
        "Ký hiệu số văn bản xin lỗi (loại văn bản - cơ quan ban hành)",
        "Nghị định 30/2020/NĐ-CP, Phụ lục I: số 01/PXL-UBND",
    ),
    SettingSpec(
        "supplement_symbol",
        "HDHS-UBND",
        "Ký hiệu số phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)",
        "TT 01/2018/TT-VPCP Mẫu 02 (…/HDHS); cơ quan ban hành theo NĐ 30/2020",
    ),
    SettingSpec(
        "refusal_symbol",
        "TCHS-UBND",
        "Ký hiệu số phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)",
        "TT 01/2018/TT-VPCP Mẫu 03 (…/TCHS); cơ quan ban hành theo NĐ 30/2020",
    ),
    SettingSpec(
        "stop_symbol",
        "TB-UBND",
        "Ký hiệu số thông báo dừng giải quyết hồ sơ (Mẫu 05)",
        "TT 03/2025/TT-VPCP Mẫu 05 (bố cục chưa xác nhận); TB = Thông báo (NĐ 30/2020)",
    ),
    SettingSpec(
        "refusal_signatures",
        "both",
        "Chữ ký trên phiếu từ chối: both (người nộp và người tiếp nhận) hoặc desk (chỉ người "
        "tiếp nhận)",
        "Mẫu 03: chưa xác nhận phải có cả hai chữ ký",
    ),
    SettingSpec(
        "form_help_text",
        "Nếu cần hướng dẫn thêm, Ông/Bà liên hệ Bộ phận một cửa hoặc tra cứu thủ tục hành "
        "chính tại Cổng Dịch vụ công quốc gia (dichvucong.gov.vn).",
        "Câu hướng dẫn cuối phiếu yêu cầu bổ sung và phiếu từ chối (nơi tra cứu, số điện thoại)",
        "TT 01/2018/TT-VPCP Mẫu 02, 03",
    ),
    SettingSpec(
        "apology_extension_days",
        5,
        "Số ngày làm việc gia hạn mặc định khi hẹn lại (sửa được trên từng văn bản)",
        "Chưa có quy định thống nhất",
    ),
    SettingSpec(
        "receipt_qr_template",
        "",
        "Mã QR trên giấy tiếp nhận: để trống là mã hồ sơ; hoặc địa chỉ tra cứu có {code}",
        "Cổng dịch vụ công của tỉnh (ví dụ https://dichvucong.…/tra-cuu?ma={code})",
    ),
    SettingSpec(
        "place_name",
        "",
        "Địa danh ghi trên văn bản (để trống: lấy từ tên cơ quan)",
        "Nghị định 30/2020/NĐ-CP, Phụ lục I",
    ),
    SettingSpec(
        "paper_size_slips",
        "A4",
        "Khổ giấy phiếu tiếp nhận, phiếu xin lỗi (A4 hoặc A5)",
        "TT 01/2018 in phiếu khổ A5",
    ),
    SettingSpec(
        "supplement_pauses_clock",
        True,
        "Thời gian chờ bổ sung hồ sơ không tính vào thời hạn giải quyết",
        "Thực tiễn phần mềm một cửa (chưa xác nhận)",
    ),
    SettingSpec(
        "culture_day_off",
        True,
        "Nghỉ ngày Văn hóa Việt Nam 24/11",
        "Đã quyết định nghỉ năm 2026, văn bản chưa xác nhận",
    ),
    SettingSpec(
        "quarter_scheme",
        "nd09",
        "Kỳ báo cáo quý: nd09 (15 tháng trước – 14 tháng cuối quý) hoặc calendar",
        "Nghị định 09/2019/NĐ-CP Điều 12",
    ),
    SettingSpec("upper_level_label", "thành phố", "Cấp trên trực tiếp gọi là", "NĐ 118/2025/NĐ-CP"),
    SettingSpec(
        "report_preparer",
        "",
        "Người lập biểu 06 (để trống: họ tên người đang đăng nhập)",
        "Thông tư 01/2020/TT-VPCP, Biểu 06/VPCP/KSTT",
    ),
    SettingSpec("soon_working_days", 2, "Cảnh báo hồ sơ sắp đến hạn trong (ngày làm việc)", ""),
    SettingSpec(
        "backup_folder",
        "",
        "Thư mục sao lưu hằng ngày (ví dụ ổ USB); để trống: thư mục dữ liệu của chương trình",
        "",
    ),
    SettingSpec(
        "backdate_tolerance_minutes",
        60,
        "Nhập lùi quá số phút này so với lúc ghi thì đánh dấu 'nhập lùi' trong lịch sử và báo cáo",
        "",
    ),
    SettingSpec(
        "undo_minutes",
        10,
        "Hoàn tác được bước cuối của hồ sơ trong số phút này sau khi ghi (0: không cho hoàn tác)",
        "",
    ),
    SettingSpec(
        "idle_lock_minutes", 10, "Khoá màn hình sau số phút không thao tác (0: không khoá)"
    ),
    SettingSpec(
        "apology_names_agency",
        False,
        "Thư xin lỗi nêu cơ quan liên thông đã giữ hồ sơ quá thời hạn của bước đó",
        "NĐ 61/2018/NĐ-CP: cơ quan làm quá hạn xin lỗi; nêu tên do UBND cấp xã quyết định",
    ),
    SettingSpec(
        "smtp_host",
        "",
        "Máy chủ gửi thư (SMTP) cho thư xin lỗi gửi người nộp trực tuyến; để trống: không gửi",
        "NĐ 61/2018/NĐ-CP: gửi văn bản xin lỗi qua thư điện tử khi hồ sơ nộp trực tuyến",
    ),
    SettingSpec("smtp_port", 587, "Cổng máy chủ thư (587 STARTTLS, 465 SSL)"),
    SettingSpec("smtp_security", "starttls", "Mã hoá kết nối máy chủ thư: starttls, ssl hoặc none"),
    SettingSpec(
        "smtp_user",
        "",
        "Tài khoản thư (mật khẩu lưu trong kho khoá của hệ điều hành: wardapp mail password)",
    ),
    SettingSpec("smtp_sender", "", "Địa chỉ người gửi (để trống: tài khoản thư)"),
    SettingSpec("smtp_sender_name", "", "Tên người gửi hiển thị (ví dụ UBND phường Xuân An)"),
    SettingSpec(
        "sms_command",
        "",
        "Lệnh gửi tin nhắn, với {phone} {message} {code} (để trống: dùng tệp tin nhắn)",
        "Cổng tin nhắn do UBND tự ký hợp đồng; chương trình chỉ gọi lệnh đã cấu hình",
    ),
    SettingSpec(
        "sms_outbox_file",
        "",
        "Tệp tin nhắn chờ gửi (mỗi dòng một tin JSON) cho chương trình nhắn tin của cơ quan",
    ),
    SettingSpec(
        "export_personal_data",
        "mask",
        "Số CCCD và điện thoại trong gói gửi thành phố: full (đầy đủ), mask (che), omit (bỏ)",
        "Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân: chỉ chuyển dữ liệu cần thiết",
    ),
)
SPEC_BY_KEY = {s.key: s for s in SPECS}
# Whole-number settings whose range is not 0-30 (days): minutes.
INT_MAX = {
    "backdate_tolerance_minutes": 10080,
    "idle_lock_minutes": 240,
    "undo_minutes": 120,
    "smtp_port": 65535,
}


class Settings:
    """A snapshot of the office settings, read once and passed to pure functions."""

    def __init__(self, values: dict[str, Any] | None = None):
        self._values = {s.key: s.default for s in SPECS}
        if values:
            self._values.update(values)

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)

    @classmethod
    def load(cls, session: Session) -> Settings:
        stored = {k: json.loads(v) for k, v in session.execute(select(Setting.key, Setting.value))}
        return cls({k: v for k, v in stored.items() if k in SPEC_BY_KEY})


# Settings that take one of a few values: checked here and offered as a list by Cài đặt.
CHOICES = {
    "quarter_scheme": ("nd09", "calendar"),
    "form_set": ("TT03/2025", "TT01/2018"),
    "paper_size_slips": ("A4", "A5"),
    "export_personal_data": ("full", "mask", "omit"),
    "refusal_signatures": ("both", "desk"),
    "smtp_security": ("starttls", "ssl", "none"),
}
# Free-text settings (document symbols, wording).
TEXT_KEYS = (
    "place_name",
    "report_preparer",
    "apology_symbol",
    "supplement_symbol",
    "refusal_symbol",
    "stop_symbol",
    "form_help_text",
    "smtp_host",
    "smtp_user",
    "smtp_sender",
    "smtp_sender_name",
    "sms_command",
    "sms_outbox_file",
)


def _check(key: str, value: Any) -> Any:
    """Refuse a value that would break the rules it feeds (a bad desk hour would stop every
    due-date computation), with a message naming the setting."""
    from wardapp.calendar.deadlines import DeskHours, parse_hhmm
    from wardapp.common.errors import ValidationError

    label = SPEC_BY_KEY[key].label
    default = SPEC_BY_KEY[key].default
    if key == "desk_hours":
        DeskHours.parse(value)
    elif key == "same_day_cutoff":
        parse_hhmm(value, label)
    elif key == "code_pattern":
        try:
            sample = str(value).format(
                agency="000.00.00.H00", yymmdd="260101", yyyymmdd="20260101", yyyy="2026", seq=1
            )
        except (KeyError, ValueError, IndexError) as exc:
            raise ValidationError(label, f"'{value}' không hợp lệ ({exc})") from None
        if "{seq" not in str(value) or not sample.strip():
            raise ValidationError(label, "phải chứa {seq} để mã không trùng nhau")
    elif key in CHOICES and value not in CHOICES[key]:
        *first, last = CHOICES[key]
        raise ValidationError(label, f"'{value}' phải là {', '.join(first)} hoặc {last}")
    elif key in TEXT_KEYS and not isinstance(value, str):
        raise ValidationError(label, "phải là chữ")
    elif key == "receipt_qr_template" and (
        not isinstance(value, str) or (value.strip() and "{code}" not in value)
    ):
        raise ValidationError(label, "phải để trống hoặc là địa chỉ có {code}")
    elif key == "backup_folder" and not isinstance(value, str):
        raise ValidationError(label, "phải là đường dẫn thư mục")
    elif isinstance(default, bool) and not isinstance(value, bool):
        raise ValidationError(label, "phải là có/không (true/false)")
    elif (
        isinstance(default, int)
        and not isinstance(default, bool)
        and (
            not isinstance(value, int)
            or isinstance(value, bool)
            or not 0 <= value <= INT_MAX.get(key, 30)
        )
    ):
        raise ValidationError(label, f"'{value}' phải là số nguyên từ 0 đến {INT_MAX.get(key, 30)}")
    return value


def save_setting(session: Session, key: str, value: Any) -> None:
    if key not in SPEC_BY_KEY:
        raise KeyError(f"unknown setting {key}")
    _check(key, value)
    row = session.get(Setting, key)
    text = json.dumps(value, ensure_ascii=False)
    if row is None:
        session.add(Setting(key=key, value=text))
    else:
        row.value = text


def desk_hours_text(value) -> str:
    """How desk hours are shown to a person: ``07:30–11:30; 13:30–17:00``."""
    return "; ".join(f"{a}–{b}" for a, b in value)


def desk_hours_from_text(text: str):
    """The stored list from what a person typed (``07:30-11:30; 13:30-17:00``, en dash or
    hyphen, ``;`` or ``,`` between sessions).  Anything that is not that shape is returned as
    typed so the setting's check refuses it with its own message."""
    text = text.strip()
    if text.startswith("["):
        try:
            return json.loads(text)
        except ValueError:
            return text
    sessions = []
    for part in re.split(r"[;,]", text):
        pair = [x.strip() for x in re.split(r"[-–—]", part)]
        if len(pair) != 2 or not all(pair):
            return text
        sessions.append(pair)
    return sessions
