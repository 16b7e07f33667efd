"""The rows of an exchange package: how each record becomes a JSON object and back, and the
schema every incoming row is checked against before anything is written.

Times leave the office with their offset (``2026-11-20T09:15:00+07:00``) and come back as office
local time; text is NFC.  The format is documented in docs/exchange-format.md.  The checks of
single values are in ``wardapp.exchange.fields``.
"""

from __future__ import annotations

import json

from db.backend import JsonField, JsonLines
from db.models import Commitment, Procedure
from wardapp.dossiers.lifecycle.statuses import EVENT_LABELS, STATUSES
from wardapp.exchange import fields as F
from wardapp.exchange.fields import RowError
from wardapp.trust import privacy as P


def _targets(v, key, nullable=False):
    if not isinstance(v, list):
        raise RowError("targets: phải là danh sách")
    return [check_row("targets", t) for t in v]


def _files(v, key, nullable=False):
    if not isinstance(v, list):
        raise RowError("files: phải là danh sách")
    return [check_row("files", f) for f in v]


RATINGS = ("", "hai_long", "binh_thuong", "khong_hai_long")
INITIATIVE_STATUSES = ("proposed", "recognised", "applied", "replicated")


# (checker, nullable) per key; a row must have exactly these keys.
SCHEMAS = {
    "procedures": {
        "code": (F.text, False),
        "effective_from": (F.day, False),
        "name": (F.text, False),
        "field": (F.text, False),
        "limit_days": (F.number, False),
        "cutoff": (F.text, True),
        "fee": (F.integer, False),
        "documents": (F.str_list, False),
        "legal_basis": (F.text, False),
        "verified": (F.boolean, False),
    },
    "dossiers": {
        "uuid": (F.uuid, False),
        "version": (F.integer, False),
        "code": (F.text, False),
        "procedure_code": (F.text, False),
        "procedure_effective_from": (F.day, False),
        "applicant_name": (F.text, False),
        "applicant_id": (F.text, False),
        "phone": (F.text, False),
        "email": (F.text, False),
        "address": (F.text, False),
        "channel": (F.enum(("direct", "online", "postal")), False),
        "full_online": (F.boolean, False),
        "paid_online": (F.boolean, False),
        "fee": (F.integer, False),
        "sets_count": (F.integer, False),
        "documents": (F.str_list, False),
        "received_at": (F.timestamp, False),
        "due_at": (F.timestamp, False),
        "resolved_at": (F.timestamp, True),
        "returned_at": (F.timestamp, True),
        "closed_at": (F.timestamp, True),
        "finished_at": (F.timestamp, True),
        "days_open": (F.integer, True),
        "outcome": (F.enum(("early", "on_time", "late")), True),
        "status": (F.enum(STATUSES), False),
        "status_at": (F.timestamp, False),
        "paused_at": (F.timestamp, True),
        "apology_count": (F.integer, False),
        "rating": (F.enum(RATINGS), False),
        "logbook_no": (F.integer, False),
        "note": (F.text, False),
        "updated_at": (F.timestamp, False),
    },
    "events": {
        "uuid": (F.uuid, False),
        "dossier_uuid": (F.uuid, False),
        "seq": (F.integer, False),
        "kind": (F.enum(tuple(EVENT_LABELS)), False),
        "at": (F.timestamp, False),
        "recorded_at": (F.timestamp, False),
        "actor": (F.text, False),
        "agency": (F.text, False),
        "reason": (F.text, False),
        "data": (F.json_text, False),
        "chain_no": (F.integer, False),
        "prev_hash": (F.hex64, False),
        "hash": (F.hex64, False),
        "backdated": (F.boolean, False),
    },
    "apologies": {
        "uuid": (F.uuid, False),
        "dossier_uuid": (F.uuid, False),
        "nth": (F.integer, False),
        "year": (F.integer, False),
        "number": (F.integer, False),
        "reason": (F.text, False),
        "old_due_at": (F.timestamp, False),
        "new_due_at": (F.timestamp, False),
        "issued_at": (F.timestamp, False),
        "signer": (F.text, False),
        "channel": (F.enum(("paper", "email", "sms")), False),
    },
    "commitments": {
        "uuid": (F.uuid, False),
        "version": (F.integer, False),
        "year": (F.integer, False),
        "signer": (F.text, False),
        "approver": (F.text, False),
        "signed_on": (F.day, True),
        "text": (F.text, False),
        "targets": (_targets, False),
    },
    # format 6: the reform initiatives, each with its evidence files named by their hash (the
    # bytes stay at the ward: a file may be far larger than a package line)
    "initiatives": {
        "uuid": (F.uuid, False),
        "version": (F.integer, False),
        "title": (F.text, False),
        "authors": (F.text, False),
        "field": (F.text, False),
        "proposed_on": (F.day, False),
        "status": (F.enum(INITIATIVE_STATUSES), False),
        "decision_no": (F.text, False),
        "decision_on": (F.day, True),
        "note": (F.text, False),
        "files": (_files, False),
    },
}
# Format 5: the ward's step allowances (wardapp.catalogue.allowances), so the city charges the
# ward's late dossiers to agencies by the same figures the ward used.  Optional in a package.
SCHEMAS["allowances"] = {
    "procedure_code": (F.text, False),
    "agency": (F.text, False),
    "days": (F.number, False),
    "legal_basis": (F.text, False),
    "verified": (F.boolean, False),
}
SCHEMAS["calendar"] = {
    "day": (F.day, False),
    "kind": (F.enum(("holiday", "compensatory_off", "swapped_off", "makeup_workday")), False),
    "description": (F.text, False),
    "legal_basis": (F.text, False),
}
SCHEMAS["year_targets"] = {
    "year": (F.integer, False),
    "indicator": (F.text, False),
    "comparator": (F.enum((">=", "<=", ">", "<", "==")), False),
    "threshold": (F.number, False),
    "unit": (F.text, False),
    "label": (F.text, False),
}
FILE_SCHEMA = {"name": (F.text, False), "sha256": (F.hex64, False), "size": (F.integer, False)}
TARGET_SCHEMA = {
    "indicator": (F.text, False),
    "comparator": (F.enum((">=", "<=", ">", "<", "==")), False),
    "threshold": (F.number, False),
    "unit": (F.text, False),
    "label": (F.text, False),
}

# The members a city import writes straight into its tables: their rows are read in stored form.
STORED_MEMBERS = ("dossiers", "events", "apologies")


_PLANS = {
    member: F.Plan.of(schema, stored=False)
    for member, schema in (*SCHEMAS.items(), ("targets", TARGET_SCHEMA), ("files", FILE_SCHEMA))
}
_STORED_PLANS = {member: F.Plan.of(SCHEMAS[member], stored=True) for member in STORED_MEMBERS}


def check_row(member: str, row) -> dict:
    """The row converted to Python values, or ``RowError`` saying what is wrong; the
    caller's row is left as it was."""
    return F.checked(_PLANS[member], dict(row) if isinstance(row, dict) else row)


def stored_row(member: str, row) -> dict:
    """Like ``check_row`` (the same checks, the same messages), with times, dates and lists in
    the form the database stores them (``db.backend.stored_value``).  The row (just decoded, and
    the caller's alone) is converted in place and returned."""
    return F.checked(_STORED_PLANS[member], row)


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


def allowance_row(a) -> dict:
    return {
        "procedure_code": a.procedure_code,
        "agency": a.agency,
        "days": a.days,
        "legal_basis": a.legal_basis,
        "verified": a.verified,
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


def initiative_row(i) -> dict:
    return {
        "uuid": i.uuid,
        "version": i.version,
        "title": i.title,
        "authors": i.authors,
        "field": i.field,
        "proposed_on": i.proposed_on.isoformat(),
        "status": i.status,
        "decision_no": i.decision_no,
        "decision_on": i.decision_on.isoformat() if i.decision_on else None,
        "note": i.note,
        "files": [{"name": f.name, "sha256": f.sha256, "size": f.size} for f in i.files],
    }


# -- records → JSON lines, written by the database ----------------------------------------------
# A week's export is tens of thousands of rows, written by the database itself
# (``db.backend.JsonLines``).  Each key's kind follows from its checker above, so SCHEMAS stays
# the one definition of a row.

_FROM = {  # (tables, order, changed) per member; "t" is the member's own table
    # changed: the change number (db.changes) of the dossier; its events and apologies go with it
    "dossiers": ("dossier t JOIN procedure p ON p.id = t.procedure_id", "t.id", "t.change_no"),
    "events": (
        "dossier_event t JOIN dossier d ON d.id = t.dossier_id",
        "t.dossier_id, t.seq",
        "d.change_no",
    ),
    "apologies": ("apology t JOIN dossier d ON d.id = t.dossier_id", "t.id", "d.change_no"),
}
_SOURCES = {  # keys that are not a column of the member's table
    "dossiers": {"procedure_code": "p.code", "procedure_effective_from": "p.effective_from"},
    "events": {"dossier_uuid": "d.uuid"},
    "apologies": {"dossier_uuid": "d.uuid"},
}
_PERSONAL = {"applicant_id": P.mask, "phone": P.mask, "email": P.mask_email}
# Free text a clerk types may carry a citizen's number too: (mask, omit) per member and key.
_TEXT = (P.mask_text, P.mask_text_omit)
_JSON = (P.mask_json, P.mask_json_omit)
_FREE_TEXT = {
    "dossiers": {"address": _TEXT, "note": _TEXT, "documents": _JSON},
    "events": {"reason": _TEXT, "data": _JSON},
    "apologies": {"reason": _TEXT},
}
_KINDS = {F.timestamp: "timestamp", F.boolean: "bool", F.str_list: "json_list"}


def _field(member: str, key: str, policy: str) -> JsonField:
    source = _SOURCES[member].get(key, f"t.{key}")
    kind = _KINDS.get(SCHEMAS[member][key][0], "value")
    if policy == "full":
        return JsonField(key, source, kind)
    if member == "dossiers" and key in _PERSONAL:
        if policy == "omit":
            return JsonField(key, source, "omitted")
        return JsonField(key, source, mask=_PERSONAL[key])
    masks = _FREE_TEXT[member].get(key)
    if masks:
        return JsonField(key, source, kind, mask=masks[policy == "omit"])
    return JsonField(key, source, kind)


def json_lines(member: str, policy: str = "full") -> JsonLines:
    """One JSON line per record of ``member`` ("dossiers", "events", "apologies"); ``policy``
    (export_personal_data) masks or omits the applicant's ID, phone and e-mail, and the numbers
    and addresses in free text and events' payloads (an edit event keeps the old and new ID)."""
    tables, order, changed = _FROM[member]
    keys = tuple(_field(member, k, policy) for k in SCHEMAS[member])
    return JsonLines(tables, order, changed, keys)
