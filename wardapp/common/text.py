"""Unicode handling: everything stored is NFC; search keys drop diacritics and map đ→d."""

from __future__ import annotations

import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(value: str | None) -> str:
    """NFC with collapsed whitespace; Unikey in VNI/decomposed mode can produce NFD input."""
    if value is None:
        return ""
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


# Combining Diacritical Marks (U+0300–U+036F, all category Mn): every Vietnamese tone and vowel
# mark after NFD.  Removing them with one translate makes a Vietnamese name ASCII, and only
# text that is still not ASCII (other scripts' marks) needs the character-by-character test;
# a city import folds a million names.
_MARKS = dict.fromkeys(range(0x300, 0x370))


def fold(value: str | None) -> str:
    """Search key: lower case, no diacritics, ``đ`` → ``d``, single spaces."""
    if not value:
        return ""
    s = unicodedata.normalize("NFD", str(value).translate(_D_MAP)).translate(_MARKS)
    if not s.isascii():
        s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
    return " ".join(s.lower().translate(_D_MAP).split())
