"""NĐ 30/2020 conventions about the words rather than the page: document numbers, dates, the
case of administrative unit words and the spaces a line must not break at.  Every document
goes through these, so a rule is fixed once and not per form.
"""

from __future__ import annotations

import re
from datetime import datetime

# The names and dates the spreadsheets write too live one layer down; documents take them here.
from wardapp.common.names import date_words
from wardapp.common.names import mid_sentence as mid_sentence

NBSP = "\u00a0"

# A number and the unit after it ("17 giờ", "03 bộ", "5 ngày làm việc"), and the word before a
# number that names it ("ngày 05", "tháng 11", "năm 2026", "Số: 01"): a line may not break
# between them.  A break inside "17 / giờ" makes a time unreadable at a glance.
# Not inside a date, though: in "ngày 26 tháng 11 năm 2026" the 26 is no count of months, and
# binding it would make the whole date one unbreakable word that a narrow cell splits anywhere.
_AFTER_NUMBER = re.compile(
    r"(?<!ngày )(?<!ngày \d)(?<!tháng )(?<!tháng \d)"
    r"(\d)[ ](giờ|phút|ngày|tháng|năm|bộ|bản|đồng|trang|hồ sơ|%)(?![\w])",
    re.IGNORECASE,
)
_BEFORE_NUMBER = re.compile(
    r"(?<![\w])(ngày|tháng|năm|số|Số:|quyển|Mẫu số)[ ](?=\d)", re.IGNORECASE
)


def doc_number(n: int, symbol: str) -> str:
    """ "01/PXL-UBND": numbers below 10 with a leading zero, then the symbol (document type and
    issuing agency), which is the office's setting."""
    symbol = (symbol or "").strip().lstrip("/")
    return f"{int(n):02d}/{symbol}" if symbol else f"{int(n):02d}"


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
