"""Validation of identifiers (DOMAIN.md §8).  Each checker returns the normalised value or raises
``ValidationError`` naming the field in Vietnamese, so the GUI and CLI can show it as is."""

from __future__ import annotations

import re

from wardapp.common.errors import ValidationError
from wardapp.common.text import nfc

AGENCY_CODE_RE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")
MOBILE_RE = re.compile(r"^(0|\+84)(3|5|7|8|9)\d{8}$")
LANDLINE_RE = re.compile(r"^(0|\+84)2\d{9}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
CHANNELS = ("direct", "online", "postal")
# Century/sex digit of a 12-digit personal ID → first year of its century (TT 07/2016/TT-BCA).
_CENTURY = {
    0: 1900,
    1: 1900,
    2: 2000,
    3: 2000,
    4: 2100,
    5: 2100,
    6: 2200,
    7: 2200,
    8: 1800,
    9: 1800,
}


def _digits_only(value: str) -> str:
    return re.sub(r"[\s.\-()]", "", value or "")


def citizen_id(value: str, *, current_year: int, required: bool = False) -> str:
    """12-digit personal ID (CCCD), or an old 9-digit CMND."""
    v = _digits_only(value)
    field = "Số định danh cá nhân"
    if not v:
        if required:
            raise ValidationError(field, "chưa nhập")
        return ""
    if not v.isdigit():
        raise ValidationError(field, f"'{value}' chỉ được gồm chữ số")
    if len(v) == 9:
        return v
    if len(v) != 12:
        raise ValidationError(field, f"'{value}' phải có 12 chữ số (hoặc 9 chữ số CMND cũ)")
    province = int(v[:3])
    if not 1 <= province <= 96:
        raise ValidationError(field, f"mã tỉnh nơi đăng ký khai sinh '{v[:3]}' không hợp lệ")
    year = _CENTURY[int(v[3])] + int(v[4:6])
    if year > current_year:
        raise ValidationError(field, f"năm sinh {year} suy ra từ số '{v}' ở tương lai")
    return v


def phone(value: str, *, required: bool = False) -> str:
    v = _digits_only(value)
    field = "Số điện thoại"
    if not v:
        if required:
            raise ValidationError(field, "chưa nhập")
        return ""
    if MOBILE_RE.match(v) or LANDLINE_RE.match(v):
        return v
    raise ValidationError(
        field, f"'{value}' không hợp lệ (di động 10 số bắt đầu 03/05/07/08/09, cố định 02x + 8 số)"
    )


def email(value: str) -> str:
    v = (value or "").strip()
    if v and not EMAIL_RE.match(v):
        raise ValidationError("Email", f"'{value}' không phải địa chỉ email hợp lệ")
    return v


def agency_code(value: str) -> str:
    v = (value or "").strip().upper()
    if not AGENCY_CODE_RE.match(v):
        raise ValidationError(
            "Mã định danh cơ quan",
            f"'{value}' không đúng dạng QCVN 102:2016 (ví dụ 000.00.00.H54)",
        )
    return v


def required_text(value: str | None, field: str, max_len: int = 200) -> str:
    v = nfc(value)
    if not v:
        raise ValidationError(field, "chưa nhập")
    if len(v) > max_len:
        raise ValidationError(field, f"dài quá {max_len} ký tự")
    return v


def channel(value: str) -> str:
    v = (value or "").strip().lower()
    aliases = {
        "trực tiếp": "direct",
        "truc tiep": "direct",
        "trực tuyến": "online",
        "truc tuyen": "online",
        "bưu chính": "postal",
        "buu chinh": "postal",
        "qua bưu chính": "postal",
    }
    v = aliases.get(v, v)
    if v not in CHANNELS:
        raise ValidationError("Kênh tiếp nhận", f"'{value}' phải là direct, online hoặc postal")
    return v
