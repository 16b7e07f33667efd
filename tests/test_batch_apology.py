"""The batch apology reads once for all its letters (issue 18's ≤ 4 s for 500): what it stores
must be what one letter after another stores: numbers continuing the year's sequence, each
dossier's next event, the office's chain unbroken, the outbox's messages pointing at their
letter, and ``wardapp verify`` content with the result."""

from sqlalchemy import Engine, event, select

from db.models import Apology, Counter, DossierEvent, IssuedDocument
from db.models_mail import OutboxMessage
from tests.conftest import dt
from wardapp import cli
from wardapp.documents.apology import issue_apology, issue_batch
from wardapp.dossiers.lifecycle.intake import IntakeData, intake
from wardapp.trust import chain


def _late(ward, n, start=1, **kw):
    return [
        intake(
            ward,
            IntakeData("HT.02", f"Người {i}", received_at=dt(f"2026-12-{i:02d} 09:00"), **kw),
            "x",
        )
        for i in range(start, start + n)
    ]


def test_batch_continues_numbers_and_chain_and_verify_passes(ward, tmp_path):
    first = _late(ward, 1)[0]
    issue_apology(ward, first.code, "x", tmp_path / "one.pdf", reason="r", extra_days=2)
    rest = _late(ward, 3, start=2, email="dan@example.vn")
    res = issue_batch(ward, "x", tmp_path / "job.pdf", reason="Cơ quan phối hợp chậm")
    assert [ap.dossier_id for ap in res.apologies] == [d.id for d in rest]
    later = _late(ward, 1, start=9)[0]
    issue_apology(ward, later.code, "x", tmp_path / "later.pdf", reason="r", extra_days=2)
    with ward.read() as s:
        aps = list(s.scalars(select(Apology).order_by(Apology.id)))
        assert [a.number for a in aps] == [1, 2, 3, 4, 5]
        assert s.get(Counter, f"apology:{first.office_id}:2026").value == 5
        docs = list(s.scalars(select(IssuedDocument).order_by(IssuedDocument.id)))
        assert [d.number for d in docs] == [f"0{n}/PXL-UBND" for n in range(1, 6)]
        evs = list(s.scalars(select(DossierEvent).order_by(DossierEvent.chain_no)))
        assert [e.chain_no for e in evs] == list(range(1, len(evs) + 1))
        assert all(b.prev_hash == a.hash for a, b in zip(evs, evs[1:], strict=False))
        for d in rest:  # each dossier's own history: intake, then the apology
            mine = [e for e in evs if e.dossier_id == d.id]
            assert [(e.seq, e.kind) for e in mine] == [(1, "received"), (2, "apologised")]
        assert all(r.ok for r in chain.verify(s))
        mails = list(s.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
        by_ap = {a.id: a for a in aps}
        assert [by_ap[m.apology_id].dossier_id for m in mails] == [d.id for d in rest]
        assert [m.document_id for m in mails] == [docs[i].id for i in (1, 2, 3)]
    assert cli.main(["--db", str(ward.path), "verify"]) == 0


def _statements(ward, fn) -> int:
    seen = []

    def count(*_a):
        seen.append(1)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        fn()
    finally:
        event.remove(Engine, "before_cursor_execute", count)
    return len(seen)


def test_batch_statements_per_letter_do_not_grow_with_reads(ward, tmp_path):
    """The reads are one per batch: three more letters add only their own three INSERTs each
    (apology, event, archived document), nothing read or updated one by one."""
    _late(ward, 3)
    small = _statements(ward, lambda: issue_batch(ward, "x", tmp_path / "a.pdf", reason="r"))
    _late(ward, 6, start=4)
    large = _statements(ward, lambda: issue_batch(ward, "x", tmp_path / "b.pdf", reason="r"))
    assert large - small <= 3 * 3
