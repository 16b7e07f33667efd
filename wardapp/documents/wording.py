"""NĐ 30/2020 conventions about the words rather than the page: document numbers, dates, the
case of administrative unit words and the spaces a line must not break at.  Every document
goes through these, so a rule is fixed once and not per form.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

NBSP = "\u00a0"

# Unit words that start an office's name ("Phường Xuân An") but are written in lower case
# inside a sentence ("Ủy ban nhân dân phường Xuân An").  Longest first: "Thị trấn" before "Thị".
_UNIT_WORDS = (
    "Thành phố",
    "Thị trấn",
    "Thị xã",
    "Đặc khu",
    "Phường",
    "Quận",
    "Huyện",
    "Tỉnh",
    "Xã",
)
_UNIT_RE = re.compile(
    r"(^|(?<=Ủy ban nhân dân )|(?<=Hội đồng nhân dân ))("
    + "|".join(re.escape(w) for w in _UNIT_WORDS)
    + r")(?= )",
    re.IGNORECASE,
)
# A number and the unit after it ("17 giờ", "03 bộ", "5 ngày làm việc"), and the word before a
# number that names it ("ngày 05", "tháng 11", "năm 2026", "Số: 01"): a line may not break
# between them.  A break inside "17 / giờ" makes a time unreadable at a glance.
_AFTER_NUMBER = re.compile(
    r"(\d)[ ](giờ|phút|ngày|tháng|năm|bộ|bản|đồng|trang|hồ sơ|%)(?![\w])", re.IGNORECASE
)
_BEFORE_NUMBER = re.compile(
    r"(?<![\w])(ngày|tháng|năm|số|Số:|quyển|Mẫu số)[ ](?=\d)", re.IGNORECASE
)


def mid_sentence(name: str) -> str:
    """An office's name as written inside a sentence: the unit word in lower case.
    "Phường Xuân An" → "phường Xuân An"; "Ủy ban nhân dân Tỉnh Lâm Đồng" → "… tỉnh Lâm Đồng"."""
    text = unicodedata.normalize("NFC", name or "").strip()
    return _UNIT_RE.sub(lambda m: m.group(1) + m.group(2).lower(), text, count=1)


def doc_number(n: int, symbol: str) -> str:
    """ "01/PXL-UBND": numbers below 10 with a leading zero, then the symbol (document type and
    issuing agency), which is the office's setting."""
    symbol = (symbol or "").strip().lstrip("/")
    return f"{int(n):02d}/{symbol}" if symbol else f"{int(n):02d}"


def date_words(d: date | datetime) -> str:
    """ "ngày 05 tháng 02 năm 2026": day two digits, month with a leading zero only for 1–2
    (NĐ 30/2020).  The one date style of a document, in its header and its body alike."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def when_text(t: datetime) -> str:
    """ "09 giờ 15 phút, ngày 20 tháng 11 năm 2026" (hour and minute, as the forms ask)."""
    return f"{t:%H} giờ {t:%M} phút, {date_words(t)}"


def keep_units(text: str) -> str:
    """Non-breaking spaces between a number and its unit, and a unit word and its number."""
    text = _AFTER_NUMBER.sub(lambda m: m.group(1) + NBSP + m.group(2), text)
    return _BEFORE_NUMBER.sub(lambda m: m.group(1) + NBSP, text)


def abbreviate_parent(upper: str) -> str:
    """ "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG" → "UBND TỈNH LÂM ĐỒNG", the accepted short form when the
    parent's full name does not fit its header column."""
    for long, short in (("ỦY BAN NHÂN DÂN", "UBND"), ("HỘI ĐỒNG NHÂN DÂN", "HĐND")):
        if upper.startswith(long):
            return short + upper[len(long) :]
    return upper
