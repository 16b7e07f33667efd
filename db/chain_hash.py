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
