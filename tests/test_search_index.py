"""The search index's segments: held unmerged through a large write, merged once at its end,
and merged at the next opening if the program died in between."""

from datetime import datetime

import pytest
from sqlalchemy import text

from db import search_index
from db.backends.sqlite import search as fts
from tests.conftest import as_demo
from wardapp.common.clock import now_local
from wardapp.dossiers import register as reg
from wardapp.office.store import Ward
from wardapp.setup import demo
from wardapp.trust import auth


def segments(s) -> int:
    """How many segments the index holds (FTS5's structure record, row 10 of its data table:
    a 4-byte cookie, then SQLite varints, seven bits a byte, most significant first, for the
    number of levels and of segments)."""
    if not search_index.exists(s):
        return 0
    block = s.scalar(text("SELECT block FROM dossier_search_data WHERE id = 10"))
    values, value = [], 0
    for byte in block[4:]:
        value = value << 7 | byte & 0x7F
        if byte < 0x80:
            values.append(value)
            if len(values) == 2:
                return values[1]
            value = 0
    raise ValueError("unreadable FTS5 structure record")


def codes(ward, words):
    with ward.read() as s:
        rows = reg.page(s, reg.Filters(search=words), ward.rules(), now_local(), offset=0, limit=99)
    return [r.code for r in rows]


def test_a_write_in_many_chunks_ends_with_one_segment(ward):
    with ward.read() as s:
        if not search_index.exists(s):
            pytest.skip("this SQLite has no FTS5 trigram tokenizer")
    end = datetime(2026, 6, 1, 17, 0)
    demo.generate(as_demo(ward), dossiers=900, seed=3, end=end, chunk=100)
    with ward.read() as s:
        assert segments(s) == 1
        assert fts.automerge(s) == fts.AUTOMERGE
    # a write after it is indexed as usual
    auth.sign_in(ward, "chutich", demo.DEMO_PASSWORD)
    before = codes(ward, "nguyen")
    demo.generate(as_demo(ward), dossiers=50, seed=4, end=end, chunk=100)
    after = codes(ward, "nguyen")
    assert len(after) > len(before) and set(before) <= set(after)


def test_merging_held_by_a_program_that_died_is_done_at_the_next_opening(tmp_path):
    path = tmp_path / "ward.sqlite3"
    ward = Ward.open(path)
    demo.generate(ward, dossiers=300, seed=3, end=datetime(2026, 6, 1, 17, 0), chunk=100)
    with ward.read() as s:
        if not search_index.exists(s):
            pytest.skip("this SQLite has no FTS5 trigram tokenizer")
    found = codes(ward, "thi")
    auth.sign_in(ward, "chutich", demo.DEMO_PASSWORD)
    held = search_index.merges_held(ward.write)
    held.__enter__()  # ... and the program dies here: no __exit__
    demo.generate(ward, dossiers=300, seed=4, end=datetime(2026, 6, 1, 17, 0), chunk=300)
    with ward.read() as s:
        assert search_index.needs_healing(s)
        assert segments(s) > 1
    ward.close()
    ward = Ward.open(path)
    with ward.read() as s:
        assert not search_index.needs_healing(s)
        assert segments(s) == 1
    assert set(found) < set(codes(ward, "thi"))
    ward.close()


def test_a_failing_write_still_merges(ward):
    demo.generate(as_demo(ward), dossiers=200, seed=3, end=datetime(2026, 6, 1, 17, 0), chunk=100)
    with pytest.raises(RuntimeError), search_index.merges_held(ward.write):
        raise RuntimeError("the import stopped")
    with ward.read() as s:
        assert not search_index.needs_healing(s)
        assert segments(s) <= 1
