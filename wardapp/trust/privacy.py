"""Personal data that leaves the office or lands in a log file.

The city needs figures, not citizens' ID numbers: what a package carries is a setting
(``export_personal_data``: full, mask, omit; default mask).  The error log is written for whoever
fixes the program, so it never carries an ID number or a phone number (``redact``).
"""

from __future__ import annotations

import json
import re

from db.chain_hash import MASKED

# 9-12 digit runs (CMND 9, CCCD 12, phones 10-11 incl. +84 forms with spaces or dots)
_NUMBERS = re.compile(r"(?<!\d)(?:\+?84|0)?(?:[\s.-]?\d){8,11}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def mask(value: str, keep: int = 3) -> str:
    """'001089012345' → '*********345': enough to tell two dossiers apart on a phone call."""
    if not value:
        return value
    return "*" * max(len(value) - keep, 0) + value[-keep:]


def mask_email(value: str) -> str:
    if "@" not in value:
        return mask(value)
    local, _, domain = value.partition("@")
    return (local[:1] + "***@" + domain) if local else value


def redact(text: str) -> str:
    """Blank out anything that looks like an ID number, phone number or e-mail address."""
    return _EMAIL.sub("[email]", _NUMBERS.sub("[số]", text))


# What a clerk may type into free text that is a citizen's number: an ID (CMND 9 or CCCD 12
# digits, unbroken) or a phone (0…/84…/+84…, 10-11 digits, spaces or dots allowed).  Narrower
# than ``_NUMBERS`` so dates ('2026-11-20') and amounts ('1.000.000') in a payload stay readable.
_PERSONAL_NUMBER = re.compile(
    r"(?<![\d\w])(?:\+84|84|0)(?:[ .]?\d){8,10}(?!\d)|(?<!\d)\d{12}(?!\d)|(?<!\d)\d{9}(?!\d)"
)
# Keys whose value is personal data wherever they occur in an event's payload (edit events
# keep the old and new value under these keys).
PERSONAL_KEYS = {"applicant_id": mask, "phone": mask, "email": mask_email}


def mask_text(value: str, omit: bool = False) -> str:
    """Free text that leaves the office (notes, reasons, document lists): ID and phone numbers
    and e-mail addresses in it are masked, or cut to '***' (``omit``)."""
    if not value:
        return value

    def number(m: re.Match) -> str:
        digits = re.sub(r"\D", "", m.group(0))
        return MASKED if omit else mask(digits)

    def email(m: re.Match) -> str:
        return MASKED if omit else mask_email(m.group(0))

    return _EMAIL.sub(email, _PERSONAL_NUMBER.sub(number, value))


def _mask_value(value, key: str | None, omit: bool):
    if isinstance(value, dict):
        return {k: _mask_value(v, k, omit) for k, v in value.items()}
    if isinstance(value, list):
        return [_mask_value(v, key, omit) for v in value]
    if isinstance(value, str):
        if key in PERSONAL_KEYS and value:
            return MASKED if omit else PERSONAL_KEYS[key](value)
        return mask_text(value, omit)
    return value


def mask_json(value: str, omit: bool = False) -> str:
    """A JSON text (an event's payload, a list of documents) with the personal values in its
    strings masked: the values under ``PERSONAL_KEYS`` whole, numbers in other text as in
    ``mask_text``.  Numbers outside strings are left alone, so the text stays JSON.  Returned
    unchanged (same text) when nothing in it is personal."""
    if not value or not any(c.isdigit() or c == "@" for c in value):
        return value
    try:
        parsed = json.loads(value)
    except ValueError:
        return mask_text(value, omit)
    masked = _mask_value(parsed, None, omit)
    if masked == parsed:
        return value
    return json.dumps(masked, ensure_ascii=False)


def mask_json_omit(value: str) -> str:
    return mask_json(value, omit=True)


def mask_text_omit(value: str) -> str:
    return mask_text(value, omit=True)
