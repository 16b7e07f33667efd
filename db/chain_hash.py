"""The hash of one dossier event (see ``wardapp.chain`` for why there is a chain).

It lives in ``db`` because a migration fills the chain for events recorded before it existed,
and migrations may not import the domain layer.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

GENESIS = "0" * 64
SEP = "\x1e"  # record separator: cannot occur in NFC text typed by a clerk


def _t(v: datetime) -> str:
    return v.isoformat(sep=" ")


def event_hash(
    prev_hash: str,
    chain_no: int,
    uuid: str,
    dossier_uuid: str,
    seq: int,
    kind: str,
    at: datetime,
    recorded_at: datetime,
    actor: str,
    agency: str,
    reason: str,
    data: str,
) -> str:
    payload = SEP.join(
        (
            prev_hash,
            str(chain_no),
            uuid,
            dossier_uuid,
            str(seq),
            kind,
            _t(at),
            _t(recorded_at),
            actor,
            agency,
            reason,
            data,
        )
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


FIELDS = ("uuid", "seq", "kind", "at", "recorded_at", "actor", "agency", "reason", "data")


def row_hash(prev_hash: str, chain_no: int, dossier_uuid: str, row) -> str:
    """``event_hash`` of an event given as a mapping with the ``FIELDS`` keys (an exchange row,
    a bulk-insert dict, a database row); every caller hashes through here or ``event_hash``."""
    return event_hash(
        prev_hash,
        chain_no,
        row["uuid"],
        dossier_uuid,
        row["seq"],
        row["kind"],
        as_datetime(row["at"]),
        as_datetime(row["recorded_at"]),
        row["actor"],
        row["agency"],
        row["reason"],
        row["data"],
    )


def as_datetime(v) -> datetime:
    """Raw SQL gives SQLite's stored text; the ORM and exchange rows give datetimes."""
    return v if isinstance(v, datetime) else datetime.fromisoformat(v)
