"""The rows of an exchange package: how each record becomes a JSON object and back, and the
schema every incoming row is checked against before anything is written.

Times leave the office with their offset (``2026-11-20T09:15:00+07:00``) and come back as office
local time; text is NFC.  The format is documented in docs/exchange-format.md.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from db.models import Commitment, Procedure
from wardapp.common.clock import to_office_naive
from wardapp.dossiers.lifecycle.statuses import EVENT_LABELS, STATUSES

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class RowError(ValueError):
    pass


def nfc(v: str) -> str:
    """NFC only: unlike wardapp.common.text.nfc, spacing and line breaks are data here."""
    return unicodedata.normalize("NFC", v)


# -- field checkers: each returns the Python value or raises RowError ------------------------


_MAX_TEXT = 10_000
_MAX_INT = 10**9


def _str(v, key, nullable=False, max_len=_MAX_TEXT):
    if type(v) is str and len(v) <= max_len:
        return v if v.isascii() else nfc(v)  # ASCII is NFC already; most fields are ASCII
    if v is None and nullable:
        return None
    if not isinstance(v, str):
        raise RowError(f"{key}: phải là chuỗi")
    if len(v) > max_len:
        raise RowError(f"{key}: dài quá {max_len} ký tự")
    return nfc(v)


def _int(v, key, nullable=False, lo=0, hi=_MAX_INT):
    if v is None and nullable:
        return None
    if not isinstance(v, int) or isinstance(v, bool) or not lo <= v <= hi:
        raise RowError(f"{key}: phải là số nguyên từ {lo} đến {hi}")
    return v


def _num(v, key, nullable=False):
    if not isinstance(v, (int, float)) or isinstance(v, bool):
        raise RowError(f"{key}: phải là số")
    return float(v)


def _bool(v, key, nullable=False):
    if not isinstance(v, bool):
        raise RowError(f"{key}: phải là true/false")
    return v


def _uuid(v, key, nullable=False):
    if not isinstance(v, str) or not UUID_RE.match(v):
        raise RowError(f"{key}: '{v}' không phải UUID")
    return v


def _ts(v, key, nullable=False):
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


def _date(v, key, nullable=False):
    if v is None and nullable:
        return None
    try:
        return date.fromisoformat(v)
    except (TypeError, ValueError):
        raise RowError(f"{key}: '{v}' không phải ngày YYYY-MM-DD") from None


_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def _hex64(v, key, nullable=False):
    if not isinstance(v, str) or not _HEX64.match(v):
        raise RowError(f"{key}: phải là mã băm SHA-256 (64 ký tự hex)")
    return v


def _enum(values):
    def check(v, key, nullable=False):
        if v is None and nullable:
            return None
        if v not in values:
            raise RowError(f"{key}: '{v}' không thuộc {', '.join(map(str, values))}")
        return v

    return check


def _str_list(v, key, nullable=False):
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise RowError(f"{key}: phải là danh sách chuỗi")
    return [nfc(x) for x in v]


def _json_text(v, key, nullable=False):
    s = _str(v, key)
    if s == "{}":  # most events carry no data
        return s
    try:
        json.loads(s)
    except ValueError:
        raise RowError(f"{key}: không phải JSON") from None
    return s


def _targets(v, key, nullable=False):
    if not isinstance(v, list):
        raise RowError("targets: phải là danh sách")
    return [check_row("targets", t) for t in v]


# (checker, nullable) per key; a row must have exactly these keys.
SCHEMAS = {
    "procedures": {
        "code": (_str, False),
        "effective_from": (_date, False),
        "name": (_str, False),
        "field": (_str, False),
        "limit_days": (_num, False),
        "cutoff": (_str, True),
        "fee": (_int, False),
        "documents": (_str_list, False),
        "legal_basis": (_str, False),
        "verified": (_bool, False),
    },
    "dossiers": {
        "uuid": (_uuid, False),
        "version": (_int, False),
        "code": (_str, False),
        "procedure_code": (_str, False),
        "procedure_effective_from": (_date, False),
        "applicant_name": (_str, False),
        "applicant_id": (_str, False),
        "phone": (_str, False),
        "email": (_str, False),
        "address": (_str, False),
        "channel": (_enum(("direct", "online", "postal")), False),
        "full_online": (_bool, False),
        "paid_online": (_bool, False),
        "fee": (_int, False),
        "sets_count": (_int, False),
        "documents": (_str_list, False),
        "received_at": (_ts, False),
        "due_at": (_ts, False),
        "resolved_at": (_ts, True),
        "returned_at": (_ts, True),
        "closed_at": (_ts, True),
        "finished_at": (_ts, True),
        "days_open": (_int, True),
        "outcome": (_enum(("early", "on_time", "late")), True),
        "status": (_enum(STATUSES), False),
        "status_at": (_ts, False),
        "paused_at": (_ts, True),
        "apology_count": (_int, False),
        "logbook_no": (_int, False),
        "note": (_str, False),
        "updated_at": (_ts, False),
    },
    "events": {
        "uuid": (_uuid, False),
        "dossier_uuid": (_uuid, False),
        "seq": (_int, False),
        "kind": (_enum(tuple(EVENT_LABELS)), False),
        "at": (_ts, False),
        "recorded_at": (_ts, False),
        "actor": (_str, False),
        "agency": (_str, False),
        "reason": (_str, False),
        "data": (_json_text, False),
        "chain_no": (_int, False),
        "prev_hash": (_hex64, False),
        "hash": (_hex64, False),
        "backdated": (_bool, False),
    },
    "apologies": {
        "uuid": (_uuid, False),
        "dossier_uuid": (_uuid, False),
        "nth": (_int, False),
        "year": (_int, False),
        "number": (_int, False),
        "reason": (_str, False),
        "old_due_at": (_ts, False),
        "new_due_at": (_ts, False),
        "issued_at": (_ts, False),
        "signer": (_str, False),
        "channel": (_enum(("paper", "email", "sms")), False),
    },
    "commitments": {
        "uuid": (_uuid, False),
        "version": (_int, False),
        "year": (_int, False),
        "signer": (_str, False),
        "approver": (_str, False),
        "signed_on": (_date, True),
        "text": (_str, False),
        "targets": (_targets, False),
    },
}
SCHEMAS["calendar"] = {
    "day": (_date, False),
    "kind": (_enum(("holiday", "compensatory_off", "swapped_off", "makeup_workday")), False),
    "description": (_str, False),
    "legal_basis": (_str, False),
}
SCHEMAS["year_targets"] = {
    "year": (_int, False),
    "indicator": (_str, False),
    "comparator": (_enum((">=", "<=", ">", "<", "==")), False),
    "threshold": (_num, False),
    "unit": (_str, False),
    "label": (_str, False),
}
TARGET_SCHEMA = {
    "indicator": (_str, False),
    "comparator": (_enum((">=", "<=", ">", "<", "==")), False),
    "threshold": (_num, False),
    "unit": (_str, False),
    "label": (_str, False),
}


# -- the same checks, giving the value as the database stores it -------------------------------
# A city import reads about a million dossiers (four rows each); turning each time into a
# datetime and back into SQLite's text was a third of the reader's work.  These checkers accept
# exactly what the ones above accept and return the text SQLAlchemy stores.

_OFFICE_TS = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{6})?\+07:00"
)
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _ts_stored(v, key, nullable=False):
    """'2026-11-20T09:15:00+07:00' → '2026-11-20 09:15:00.000000' by slicing, once the text is
    known to be a real moment in the office's offset (the form every ward writes)."""
    if type(v) is str and _OFFICE_TS.fullmatch(v):
        try:
            datetime.fromisoformat(v)  # the calendar check: no 31 November, no 25 o'clock
        except ValueError:
            raise RowError(f"{key}: '{v}' không phải thời điểm ISO 8601") from None
        return f"{v[:10]} {v[11:19]}{v[19:-6] or '.000000'}"
    t = _ts(v, key, nullable)
    return None if t is None else t.isoformat(" ", "microseconds")


def _date_stored(v, key, nullable=False):
    if type(v) is str and _ISO_DAY.fullmatch(v):
        _date(v, key, nullable)
        return v
    d = _date(v, key, nullable)
    return None if d is None else d.isoformat()


def _str_list_stored(v, key, nullable=False):
    return json.dumps(_str_list(v, key, nullable), ensure_ascii=False)


# Booleans need no stored variant: sqlite3 binds True/False as 1/0.
_STORED = {_ts: _ts_stored, _date: _date_stored, _str_list: _str_list_stored}

# The members a city import writes straight into its tables: their rows are read in stored form.
STORED_MEMBERS = ("dossiers", "events", "apologies")


@dataclass(frozen=True)
class _Plan:
    """One member's checks, prepared once: an import checks about 75 values per dossier, and
    a call per value was most of the cost of reading a package.  Plain text and whole numbers
    (two values in three) are checked inline and only a value that fails the quick test goes
    to its checker, which converts it or says what is wrong; the rest call their checker."""

    keys: frozenset
    texts: tuple  # keys checked by ``_str`` (not nullable)
    numbers: tuple  # keys checked by ``_int`` (not nullable, default range)
    others: tuple  # (key, checker, nullable)

    @classmethod
    def of(cls, schema: dict, stored: bool) -> _Plan:
        triples = [(k, _STORED.get(c, c) if stored else c, n) for k, (c, n) in schema.items()]
        return cls(
            keys=frozenset(schema),
            texts=tuple(k for k, c, n in triples if c is _str and not n),
            numbers=tuple(k for k, c, n in triples if c is _int and not n),
            others=tuple((k, c, n) for k, c, n in triples if c not in (_str, _int) or n),
        )


_PLANS = {
    member: _Plan.of(schema, stored=False)
    for member, schema in (*SCHEMAS.items(), ("targets", TARGET_SCHEMA))
}
_STORED_PLANS = {member: _Plan.of(SCHEMAS[member], stored=True) for member in STORED_MEMBERS}


def check_row(member: str, row) -> dict:
    """The row converted to Python values, or ``RowError`` saying what is wrong; the
    caller's row is left as it was."""
    return _checked(_PLANS[member], dict(row) if isinstance(row, dict) else row)


def stored_row(member: str, row) -> dict:
    """Like ``check_row`` (the same checks, the same messages), with times, dates and lists in
    the form the database stores them (``db.bulk.sqlite_value``).  The row (just decoded, and
    the caller's alone) is converted in place and returned."""
    return _checked(_STORED_PLANS[member], row)


def _checked(plan: _Plan, row) -> dict:
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
        if type(v) is not str or not v.isascii() or len(v) > _MAX_TEXT:
            row[key] = _str(v, key)  # NFC, or the error
    for key in plan.numbers:
        v = row[key]
        if type(v) is not int or not 0 <= v <= _MAX_INT:
            _int(v, key)  # the error
    for key, check, nullable in plan.others:
        row[key] = check(row[key], key, nullable)
    return row


# -- records → rows ----------------------------------------------------------------------------


def procedure_row(p: Procedure) -> dict:
    return {
        "code": p.code,
        "effective_from": p.effective_from.isoformat(),
        "name": p.name,
        "field": p.field,
        "limit_days": p.limit_days,
        "cutoff": p.cutoff,
        "fee": p.fee,
        "documents": json.loads(p.documents or "[]"),
        "legal_basis": p.legal_basis,
        "verified": bool(p.verified),
    }


def commitment_row(c: Commitment) -> dict:
    return {
        "uuid": c.uuid,
        "version": c.version,
        "year": c.year,
        "signer": c.signer,
        "approver": c.approver,
        "signed_on": c.signed_on.isoformat() if c.signed_on else None,
        "text": c.text,
        "targets": [
            {
                "indicator": t.indicator,
                "comparator": t.comparator,
                "threshold": t.threshold,
                "unit": t.unit,
                "label": t.label,
            }
            for t in c.targets
        ],
    }


# -- records → JSON lines, written by SQLite ----------------------------------------------------
# A week's export is tens of thousands of rows: SQLite's json_object writes each line in C, about
# five times faster than building dicts and encoding them.  Each key's SQL follows from its
# checker above, so SCHEMAS stays the one definition of a row.

_FROM = {  # (tables, order) per member; "t" is the member's own table
    "dossiers": ("dossier t JOIN procedure p ON p.id = t.procedure_id", "t.id"),
    "events": ("dossier_event t JOIN dossier d ON d.id = t.dossier_id", "t.dossier_id, t.seq"),
    "apologies": ("apology t JOIN dossier d ON d.id = t.dossier_id", "t.id"),
}
_SOURCES = {  # keys that are not a column of the member's table
    "dossiers": {"procedure_code": "p.code", "procedure_effective_from": "p.effective_from"},
    "events": {"dossier_uuid": "d.uuid"},
    "apologies": {"dossier_uuid": "d.uuid"},
}
_PERSONAL = {"applicant_id": "wardapp_mask", "phone": "wardapp_mask", "email": "wardapp_mask_email"}


def _timestamp_sql(col: str) -> str:
    """Stored office-local text ('2026-11-20 09:15:00.000000') → the ISO form with the office
    offset that ``datetime.isoformat`` gives ('2026-11-20T09:15:00+07:00')."""
    return (
        f"CASE WHEN {col} IS NULL THEN NULL "
        f"WHEN substr({col}, 21) IN ('', '000000') "
        f"THEN substr({col}, 1, 10) || 'T' || substr({col}, 12, 8) || '+07:00' "
        f"ELSE substr({col}, 1, 10) || 'T' || substr({col}, 12) || '+07:00' END"
    )


def _value_sql(member: str, key: str, policy: str) -> str:
    col = _SOURCES[member].get(key, f"t.{key}")
    check = SCHEMAS[member][key][0]
    if member == "dossiers" and key in _PERSONAL and policy != "full":
        return "''" if policy == "omit" else f"{_PERSONAL[key]}({col})"
    if check is _ts:
        return _timestamp_sql(col)
    if check is _bool:
        return f"json(CASE WHEN {col} THEN 'true' ELSE 'false' END)"
    if check is _str_list:
        return f"json(COALESCE(NULLIF({col}, ''), '[]'))"
    return col


def jsonl_sql(member: str, policy: str = "full", changed_since: bool = False) -> str:
    """SELECT one JSON line per record of ``member`` ("dossiers", "events", "apologies"),
    optionally only those whose dossier changed at or after the ``:since`` parameter.
    ``policy`` (export_personal_data) masks or omits the applicant's ID, phone and e-mail
    through the SQL functions ``install_sql_functions`` adds."""
    tables, order = _FROM[member]
    pairs = ", ".join(f"'{k}', {_value_sql(member, k, policy)}" for k in SCHEMAS[member])
    changed = "t.updated_at" if member == "dossiers" else "d.updated_at"
    where = f" WHERE {changed} >= :since" if changed_since else ""
    return f"SELECT json_object({pairs}) FROM {tables}{where} ORDER BY {order}"


def install_sql_functions(dbapi_connection) -> None:
    from wardapp.trust.privacy import mask, mask_email

    dbapi_connection.create_function("wardapp_mask", 1, mask, deterministic=True)
    dbapi_connection.create_function("wardapp_mask_email", 1, mask_email, deterministic=True)
