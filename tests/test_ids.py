"""Record UUIDs are version 7: valid, time-ordered, never repeated."""

import time
import uuid
from datetime import UTC, datetime

from wardapp.common.ids import new_uuid
from wardapp.exchange.fields import UUID_RE


def test_version_7_with_the_creation_time_and_increasing():
    before = time.time_ns() // 1_000_000
    keys = [new_uuid() for _ in range(20_000)]
    after = time.time_ns() // 1_000_000
    assert len(set(keys)) == len(keys)
    assert keys == sorted(keys)  # strictly increasing within the process, even in one ms
    for k in (keys[0], keys[-1]):
        u = uuid.UUID(k)
        assert UUID_RE.match(k) and u.version == 7 and u.variant == uuid.RFC_4122
        assert before <= u.int >> 80 <= after


def test_a_given_time_is_stamped_in_office_time():
    k = uuid.UUID(new_uuid(at=datetime(2026, 1, 2, 8, 0)))  # 08:00 UTC+7 = 01:00 UTC
    assert k.version == 7
    assert k.int >> 80 == datetime(2026, 1, 2, 1, 0, tzinfo=UTC).timestamp() * 1000
