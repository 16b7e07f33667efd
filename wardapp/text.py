"""Unicode handling: everything stored is NFC; search keys drop diacritics and map đ→d."""

from __future__ import annotations

import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(value: str | None) -> str:
    """NFC with collapsed whitespace; Unikey in VNI/decomposed mode can produce NFD input."""
    if value is None:
        return ""
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def fold(value: str | None) -> str:
    """Search key: lower case, no diacritics, ``đ`` → ``d``, single spaces."""
    if not value:
        return ""
    s = unicodedata.normalize("NFD", str(value).translate(_D_MAP))
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
    return " ".join(s.lower().translate(_D_MAP).split())
