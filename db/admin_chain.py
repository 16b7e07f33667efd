"""The office administration chain: every change to a setting, an account, the office's details,
the calendar, a signing key or the archive of issued documents is an event, hash-chained to the
one before and written by the same flush, so in the same transaction, as the change itself.

Why a second chain rather than more events in the dossier chain: the dossier chain is per
office, its events belong to a dossier (``dossier_id`` is required, the hash covers the
dossier's uuid) and it travels to the city every week.  Administration belongs to the database
(a city file holds many offices' dossier chains but has one set of accounts and settings), and
what it records must never leave the office: a password's fingerprint, a private key's
fingerprint.  Each event carries the whole new state of its subject (``None`` once removed), so
``wardapp verify`` replays the chain to the last state of each subject and compares it with
the rows (``wardapp.trust.admin_audit``); a row edited, inserted or deleted in the file
without the program differs from its last event, and an event edited to match breaks the chain.

Password hashes and private keys are recorded by their SHA-256 only: an old password's scrypt
hash kept forever in the log would stay open to offline guessing after the password changed.

The hook is an ``after_flush`` listener on every ORM session (every writer of these tables goes
through the ORM; a core INSERT would escape it, and verify would then name that row as added
outside the program).  Sign-in bookkeeping (failed attempts, lock-out time) is not recorded: it
changes on every sign-in and no figure or permission follows from it.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Session

from db.models import CalendarOverride, IssuedDocument, Office, Setting, Staff
from db.models_admin import AdminEvent
from db.models_keys import OfficeKey

GENESIS = "0" * 64
SEP = "\x1e"
ACTOR = "wardapp_actor"  # session.info: who is signed in (set by the Ward's write session)
CLOCK = "wardapp_now"  # session.info: a callable giving office time (wardapp.common.clock)

# kind → (table, the column naming the subject, the columns of its state)
SUBJECTS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "setting": ("setting", "key", ("value",)),
    "account": (
        "staff",
        "id",
        ("username", "full_name", "title", "role", "active", "office_id", "password_hash"),
    ),
    "office": (
        "office",
        "id",
        ("name", "agency_code", "parent_name", "address", "chairman", "deputies", "kind"),
    ),
    "calendar": ("calendar_override", "day", ("kind", "description", "legal_basis", "source")),
    "key": ("office_key", "id", ("office_id", "public_key", "private_key", "retired_at")),
    "document": ("issued_document", "id", ("kind", "refs", "number", "sha256")),
}
KIND_OF = {
    Setting: "setting",
    Staff: "account",
    Office: "office",
    CalendarOverride: "calendar",
    OfficeKey: "key",
    IssuedDocument: "document",
}
BOOLEANS = {"active"}
FINGERPRINTED = {"password_hash", "private_key"}  # kept as their SHA-256 only


def _value(col: str, v):
    if v is None:
        return None
    if col in BOOLEANS:
        return bool(v)
    if col in FINGERPRINTED:
        return hashlib.sha256(str(v).encode("utf-8")).hexdigest()
    if col == "retired_at":  # a retired key's moment does not matter, that it is retired does
        return True
    if isinstance(v, int | float | str):
        return v
    return str(v)


def subject_of(kind: str, row) -> str:
    """The subject's name: a setting's key, a calendar day, else the row's id."""
    v = getattr(row, SUBJECTS[kind][1])
    return v.isoformat() if hasattr(v, "isoformat") else str(v)


def state_of(kind: str, row) -> str:
    """The canonical JSON of what the chain records for ``row`` (an ORM object or a selected
    row with the same attribute names; a raw SQL row gives the same text)."""
    cols = SUBJECTS[kind][2]
    return json.dumps(
        {c: _value(c, getattr(row, c)) for c in cols},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )


def event_hash(prev_hash: str, no: int, at, actor: str, kind: str, subject: str, state) -> str:
    at_text = at if isinstance(at, str) else at.isoformat(sep=" ")
    if len(at_text) == 26 and at_text.endswith(".000000"):  # SQLite's stored form of a datetime
        at_text = at_text[:19]
    payload = SEP.join(
        (prev_hash, str(no), at_text, actor, kind, subject, "" if state is None else state)
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def head(conn) -> tuple[int, str]:
    row = conn.execute(
        select(AdminEvent.no, AdminEvent.hash).order_by(AdminEvent.no.desc()).limit(1)
    ).first()
    return (row[0], row[1]) if row else (0, GENESIS)


def append(conn, events: list[tuple[str, str, str | None]], at: datetime, actor: str) -> None:
    """Chain ``(kind, subject, state)`` events after the current head (the caller holds the
    write lock)."""
    if not events:
        return
    no, prev = head(conn)
    rows = []
    for kind, subject, state in events:
        no += 1
        h = event_hash(prev, no, at, actor, kind, subject, state)
        rows.append(
            {
                "no": no,
                "at": at,
                "actor": actor,
                "kind": kind,
                "subject": subject,
                "state": state,
                "prev_hash": prev,
                "hash": h,
            }
        )
        prev = h
    conn.execute(insert(AdminEvent), rows)


def _office_now() -> datetime:
    """Used only by a session no Ward opened (a script); the Ward passes its own clock."""
    return datetime.now(timezone(timedelta(hours=7))).replace(tzinfo=None, microsecond=0)


def _changed(obj, kind: str) -> bool:
    state = inspect(obj)
    cols = SUBJECTS[kind][2] + (SUBJECTS[kind][1],)
    return any(state.attrs[c].history.has_changes() for c in cols if c in state.attrs)


@event.listens_for(Session, "after_flush")
def _record(session: Session, _flush_context) -> None:
    found: list[tuple[str, str, str | None]] = []
    for obj in session.new:
        kind = KIND_OF.get(type(obj))
        if kind:
            found.append((kind, subject_of(kind, obj), state_of(kind, obj)))
    for obj in session.dirty:
        kind = KIND_OF.get(type(obj))
        if kind and _changed(obj, kind):
            found.append((kind, subject_of(kind, obj), state_of(kind, obj)))
    for obj in session.deleted:
        kind = KIND_OF.get(type(obj))
        if kind:
            found.append((kind, subject_of(kind, obj), None))
    if found:
        at = session.info.get(CLOCK, _office_now)()
        append(session.connection(), found, at, session.info.get(ACTOR) or "")
