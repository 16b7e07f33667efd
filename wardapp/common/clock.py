"""Office time.

The database stores naive values that mean wall-clock time in the office's zone.  The office is
in Asia/Ho_Chi_Minh, which has been UTC+7 without daylight saving since 1975, so a fixed offset is
exact and needs no tz database on Windows.  Aware values (exchange files, the system clock) are
converted here and nowhere else.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

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


_DAY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WHEN = re.compile(r"^(\S+)[ T](\d{1,2}):(\d{2})$")


def parse_day(text: str) -> date:
    """A day typed the Vietnamese way, ``dd/mm/yyyy`` (``yyyy-mm-dd`` too).  The ValueError
    says in Vietnamese whether the text is unreadable or names no real day (31/02), since
    a clerk reads it as the field's complaint."""
    s = str(text).strip()
    m = _DAY.match(s)
    iso = None if m else _ISO_DAY.match(s)
    if m is None and iso is None:
        raise ValueError(f"'{s}' không đọc được; gõ ngày dạng dd/mm/yyyy (vd: 31/12/2026)")
    d, mo, y = m.groups() if m else reversed(iso.groups())
    try:
        return date(int(y), int(mo), int(d))
    except ValueError:
        raise ValueError(f"'{s}' không phải ngày có thật (ngày/tháng không tồn tại)") from None


def parse_minute(text: str) -> datetime:
    """A day and an hour, ``dd/mm/yyyy HH:MM`` (ISO too): what a step's time field takes.
    A day alone is refused: 00:00 is never what was meant by a step's time."""
    s = " ".join(str(text).split())
    m = _WHEN.match(s)
    if m is None:
        parse_day(s)  # a readable day alone: say the hour is missing, else why the day is bad
        raise ValueError(f"'{s}' thiếu giờ; gõ dạng dd/mm/yyyy HH:MM (vd: 31/12/2026 14:30)")
    day = parse_day(m.group(1))
    h, mi = int(m.group(2)), int(m.group(3))
    if h > 23 or mi > 59:
        raise ValueError(f"'{s}': giờ {h:02d}:{mi:02d} không có thật")
    return datetime(day.year, day.month, day.day, h, mi)


def fmt_local(value: datetime | None) -> str:
    return "" if value is None else value.strftime("%Y-%m-%d %H:%M")
