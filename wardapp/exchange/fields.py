"""The checks every value of an exchange row passes, and the plan that applies them to a row.

Each checker returns the Python value or raises ``RowError`` saying, in Vietnamese, what is
wrong.  The ``*_stored`` variants accept exactly the same values and return them in the form the
database stores them (``db.backend.stored_value``), for the rows a city import writes straight
into its tables.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from wardapp.common.clock import to_office_naive

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class RowError(ValueError):
    pass


def nfc(v: str) -> str:
    """NFC only: unlike wardapp.common.text.nfc, spacing and line breaks are data here."""
    return unicodedata.normalize("NFC", v)


# -- field checkers: each returns the Python value or raises RowError ------------------------


MAX_TEXT = 10_000
MAX_INT = 10**9


def text(v, key, nullable=False, max_len=MAX_TEXT):
    if type(v) is str and len(v) <= max_len:
        return v if v.isascii() else nfc(v)  # ASCII is NFC already; most fields are ASCII
    if v is None and nullable:
        return None
    if not isinstance(v, str):
        raise RowError(f"{key}: phải là chuỗi")
    if len(v) > max_len:
        raise RowError(f"{key}: dài quá {max_len} ký tự")
    return nfc(v)


def integer(v, key, nullable=False, lo=0, hi=MAX_INT):
    if v is None and nullable:
        return None
    if not isinstance(v, int) or isinstance(v, bool) or not lo <= v <= hi:
        raise RowError(f"{key}: phải là số nguyên từ {lo} đến {hi}")
    return v


def number(v, key, nullable=False):
    if not isinstance(v, (int, float)) or isinstance(v, bool):
        raise RowError(f"{key}: phải là số")
    return float(v)


def boolean(v, key, nullable=False):
    if not isinstance(v, bool):
        raise RowError(f"{key}: phải là true/false")
    return v


def uuid(v, key, nullable=False):
    if not isinstance(v, str) or not UUID_RE.match(v):
        raise RowError(f"{key}: '{v}' không phải UUID")
    return v


def timestamp(v, key, nullable=False):
    if v is None and nullable:
        return None
    if not isinstance(v, str):
        raise RowError(f"{key}: phải là thời điểm ISO 8601 có múi giờ")
    if v.endswith("+07:00"):  # the office's own offset: no conversion needed (the common case)
        try:
            t = datetime.fromisoformat(v[:-6])
        except ValueError:
            raise RowError(f"{key}: '{v}' không phải thời điểm ISO 8601") from None
        if t.tzinfo is None:
            return t
    try:
        t = datetime.fromisoformat(v)
    except ValueError:
        raise RowError(f"{key}: '{v}' không phải thời điểm ISO 8601") from None
    if t.tzinfo is None:
        raise RowError(f"{key}: '{v}' thiếu múi giờ (+07:00)")
    return to_office_naive(t)


def day(v, key, nullable=False):
    if v is None and nullable:
        return None
    try:
        return date.fromisoformat(v)
    except (TypeError, ValueError):
        raise RowError(f"{key}: '{v}' không phải ngày YYYY-MM-DD") from None


_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def hex64(v, key, nullable=False):
    if not isinstance(v, str) or not _HEX64.match(v):
        raise RowError(f"{key}: phải là mã băm SHA-256 (64 ký tự hex)")
    return v


def enum(values):
    def check(v, key, nullable=False):
        if v is None and nullable:
            return None
        if v not in values:
            raise RowError(f"{key}: '{v}' không thuộc {', '.join(map(str, values))}")
        return v

    return check


def str_list(v, key, nullable=False):
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise RowError(f"{key}: phải là danh sách chuỗi")
    return [nfc(x) for x in v]


def json_text(v, key, nullable=False):
    s = text(v, key)
    if s == "{}":  # most events carry no data
        return s
    try:
        json.loads(s)
    except ValueError:
        raise RowError(f"{key}: không phải JSON") from None
    return s


# -- the same checks, giving the value as the database stores it -------------------------------
# A city import reads about a million dossiers (four rows each); turning each time into a
# datetime and back into the stored text was a third of the reader's work.  These checkers accept
# exactly what the ones above accept and return the text SQLAlchemy stores.

_OFFICE_TS = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{6})?\+07:00"
)
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def timestamp_stored(v, key, nullable=False):
    """'2026-11-20T09:15:00+07:00' → '2026-11-20 09:15:00.000000' by slicing, once the text is
    known to be a real moment in the office's offset (the form every ward writes)."""
    if type(v) is str and _OFFICE_TS.fullmatch(v):
        try:
            datetime.fromisoformat(v)  # the calendar check: no 31 November, no 25 o'clock
        except ValueError:
            raise RowError(f"{key}: '{v}' không phải thời điểm ISO 8601") from None
        return f"{v[:10]} {v[11:19]}{v[19:-6] or '.000000'}"
    t = timestamp(v, key, nullable)
    return None if t is None else t.isoformat(" ", "microseconds")


def day_stored(v, key, nullable=False):
    if type(v) is str and _ISO_DAY.fullmatch(v):
        day(v, key, nullable)
        return v
    d = day(v, key, nullable)
    return None if d is None else d.isoformat()


def str_list_stored(v, key, nullable=False):
    return json.dumps(str_list(v, key, nullable), ensure_ascii=False)


# Booleans need no stored variant: the driver binds True/False itself.
STORED = {timestamp: timestamp_stored, day: day_stored, str_list: str_list_stored}


@dataclass(frozen=True)
class Plan:
    """One member's checks, prepared once: an import checks about 75 values per dossier, and
    a call per value was most of the cost of reading a package.  Plain text and whole numbers
    (two values in three) are checked inline and only a value that fails the quick test goes
    to its checker, which converts it or says what is wrong; the rest call their checker."""

    keys: frozenset
    texts: tuple  # keys checked by ``text`` (not nullable)
    numbers: tuple  # keys checked by ``integer`` (not nullable, default range)
    others: tuple  # (key, checker, nullable)

    @classmethod
    def of(cls, schema: dict, stored: bool) -> Plan:
        triples = [(k, STORED.get(c, c) if stored else c, n) for k, (c, n) in schema.items()]
        return cls(
            keys=frozenset(schema),
            texts=tuple(k for k, c, n in triples if c is text and not n),
            numbers=tuple(k for k, c, n in triples if c is integer and not n),
            others=tuple((k, c, n) for k, c, n in triples if c not in (text, integer) or n),
        )


def checked(plan: Plan, row) -> dict:
    """Converts ``row`` in place."""
    if not isinstance(row, dict):
        raise RowError("dòng không phải đối tượng JSON")
    if row.keys() != plan.keys:
        missing, extra = plan.keys - set(row), set(row) - plan.keys
        raise RowError(
            "sai cấu trúc: "
            + (f"thiếu {', '.join(sorted(missing))} " if missing else "")
            + (f"thừa {', '.join(sorted(extra))}" if extra else "")
        )
    for key in plan.texts:
        v = row[key]
        if type(v) is not str or not v.isascii() or len(v) > MAX_TEXT:
            row[key] = text(v, key)  # NFC, or the error
    for key in plan.numbers:
        v = row[key]
        if type(v) is not int or not 0 <= v <= MAX_INT:
            integer(v, key)  # the error
    for key, check, nullable in plan.others:
        row[key] = check(row[key], key, nullable)
    return row
