"""Office time.

The database stores naive values that mean wall-clock time in the office's zone.  The office is
in Asia/Ho_Chi_Minh, which has been UTC+7 without daylight saving since 1975, so a fixed offset is
exact and needs no tz database on Windows.  Aware values (exchange files, the system clock) are
converted here and nowhere else.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

OFFICE_TZ = timezone(timedelta(hours=7), "ICT")


_fixed_now: datetime | None = None


def now_local() -> datetime:
    """Current office time, naive, to the second."""
    if _fixed_now is not None:
        return _fixed_now
    return datetime.now(OFFICE_TZ).replace(tzinfo=None, microsecond=0)


def set_fixed_now(value: datetime | None) -> None:
    """Pin "now" (tests, reproducible demos); ``None`` returns to the system clock."""
    global _fixed_now
    _fixed_now = value


def to_office_naive(value: datetime) -> datetime:
    """Aware → office-local naive.  A naive value is taken as already office-local."""
    if value.tzinfo is None:
        return value
    return value.astimezone(OFFICE_TZ).replace(tzinfo=None)


def to_aware(value: datetime) -> datetime:
    """Office-local naive → aware with the +07:00 offset (for files that leave the office)."""
    if value.tzinfo is not None:
        return value.astimezone(OFFICE_TZ)
    return value.replace(tzinfo=OFFICE_TZ)


_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


def parse_local(text: str) -> datetime:
    """Parse ``YYYY-MM-DD HH:MM`` or ``DD/MM/YYYY HH:MM`` (a date alone means 00:00); an ISO
    value with an offset is converted to office time.  Hand-rolled because the logbook import
    parses tens of thousands of these and ``strptime`` is slow."""
    s = " ".join(str(text).split())
    m = _DMY.match(s)
    try:
        if m:
            d, mo, y, h, mi, sec = m.groups()
            return datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(sec or 0))
        return to_office_naive(datetime.fromisoformat(s))
    except ValueError:
        pass
    raise ValueError(
        f"không đọc được thời gian '{text}' (dùng YYYY-MM-DD HH:MM hoặc DD/MM/YYYY HH:MM)"
    )


def fmt_local(value: datetime | None) -> str:
    return "" if value is None else value.strftime("%Y-%m-%d %H:%M")
