"""Personal data that leaves the office or lands in a log file.

The city needs figures, not citizens' ID numbers: what a package carries is a setting
(``export_personal_data``: full, mask, omit; default mask).  The error log is written for whoever
fixes the program, so it never carries an ID number or a phone number (``redact``).
"""

from __future__ import annotations

import re

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
