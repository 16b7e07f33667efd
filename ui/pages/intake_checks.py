"""What the intake form says under the ID and phone fields while they are typed: a count while
the number is short, the reason as soon as it cannot become a valid one.  The full rule is the
service's (``wardapp.common.validation``); this only says it early."""

from __future__ import annotations

from ui.qt import tr
from wardapp.common import ValidationError, now_local, validation


def _message(fn, text: str) -> str:
    try:
        fn(text)
    except ValidationError as exc:
        return exc.message
    return ""


def id_message(text: str) -> str:
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) < 9:  # still typing
        return "" if not digits else f"{len(digits)}/12 chữ số"
    return _message(lambda t: validation.citizen_id(t, current_year=now_local().year), text)


def phone_message(text: str) -> str:
    """Flagged as it is typed, like the ID: a number that cannot become a Vietnamese one at
    once (no leading 0, a prefix no network uses), the count while it is short."""
    digits = "".join(ch for ch in text if ch.isdigit())
    if text.strip().startswith("+84"):
        digits = "0" + digits[2:]
    if not digits:
        return ""
    if digits[0] != "0" or (len(digits) > 1 and digits[1] not in "235789"):
        return tr("'{t}' không hợp lệ (di động 03/05/07/08/09, cố định 02x)").format(t=text.strip())
    if len(digits) < 10:
        return f"{len(digits)}/10 chữ số"
    return _message(validation.phone, text)
