"""How an office's name and a date are written (NĐ 30/2020): the unit word in lower case inside
a sentence, the date line's leading zeros, the place an office dates its documents from.  The
documents and the spreadsheets a ward sends both write them, so they live under both.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

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


def mid_sentence(name: str) -> str:
    """An office's name as written inside a sentence: the unit word in lower case.
    "Phường Xuân An" → "phường Xuân An"; "Ủy ban nhân dân Tỉnh Lâm Đồng" → "… tỉnh Lâm Đồng"."""
    text = unicodedata.normalize("NFC", name or "").strip()
    return _UNIT_RE.sub(lambda m: m.group(1) + m.group(2).lower(), text, count=1)


def date_words(d: date | datetime) -> str:
    """ "ngày 05 tháng 02 năm 2026": day two digits, month with a leading zero only for 1–2
    (NĐ 30/2020).  The one date style of a document, in its header and its body alike."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def place_of(office_name: str, configured: str = "") -> str:
    """The place in the date line: the setting if made, else the office's name without its
    unit word ("Phường Xuân An" → "Xuân An")."""
    if configured:
        return configured
    name = unicodedata.normalize("NFC", office_name or "")
    for prefix in ("Phường ", "Xã ", "Thị trấn ", "Đặc khu ", "Thành phố "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name
