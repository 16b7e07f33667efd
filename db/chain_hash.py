"""The hash of one dossier event (see ``wardapp.trust.chain`` for why there is a chain).

It lives in ``db`` because a migration fills the chain for events recorded before it existed,
and migrations may not import the domain layer.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

GENESIS = "0" * 64
SEP = "\x1e"  # record separator: cannot occur in NFC text typed by a clerk


def _t(v: datetime | str) -> str:
    """A datetime, or the text SQLite stores for one ('2026-11-20 09:15:00.000000', from raw
    SQL or an exchange row): the same text either way, without parsing the common stored form."""
    if isinstance(v, str):
        if len(v) == 26 and v[10] == " " and v[19] == ".":
            return v[:19] if v.endswith(".000000") else v
        v = datetime.fromisoformat(v)
    return v.isoformat(sep=" ")


def event_hash(
    prev_hash: str,
    chain_no: int,
    uuid: str,
    dossier_uuid: str,
    seq: int,
    kind: str,
    at: datetime | str,
    recorded_at: datetime | str,
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
        row["at"],
        row["recorded_at"],
        row["actor"],
        row["agency"],
        row["reason"],
        row["data"],
    )


# Every ID or phone number a ward masks on export contains it (``wardapp.trust.privacy``).
MASKED = "***"


def masked(row) -> bool:
    """An event (a mapping with ``reason`` and ``data``) whose text the ward masked on export:
    the city cannot recompute its hash from what it received, so it holds such an event by the
    hashes that link it to its neighbours instead."""
    return MASKED in row["reason"] or MASKED in row["data"]
