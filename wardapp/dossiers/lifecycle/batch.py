"""What a batch of steps reads once instead of once per dossier (the batch apology).

A single step reads its dossier, its last event, the chain's head and a counter, and flushes
so that the next step sees what it wrote.  Over 500 letters in one transaction that was about
nine statements a letter, most of the batch's database time.  Inside the batch's transaction
the program holds the write lock, so nothing else can move the chain or the counters: the
dossiers, their last events and earlier apologies are read in one query each, the chain's
head once and then carried forward from each sealed event, and every counter read once and
written back once by the final flush.  What is stored is the same row for row (the same
numbers, chain numbers and hashes as one step after another); only the statements are fewer.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Apology, Counter, Dossier, DossierEvent
from wardapp.trust import chain

_CHUNK = 500  # ids per IN list: well under every engine's limit on bound parameters


def _chunks(values: list) -> list[list]:
    return [values[i : i + _CHUNK] for i in range(0, len(values), _CHUNK)]


class Batch:
    """The reads of a batch over ``codes``, made in the caller's write transaction."""

    def __init__(self, s: Session, codes: list[str]):
        self.dossiers: dict[str, Dossier] = {}
        for part in _chunks(list(codes)):
            for d in s.scalars(select(Dossier).where(Dossier.code.in_(part))):
                self.dossiers[d.code] = d
        ids = [d.id for d in self.dossiers.values()]
        self.last: dict[int, DossierEvent] = {}
        self.prior_due: dict[int, datetime] = {}
        for part in _chunks(ids):
            newest = (
                select(DossierEvent.dossier_id, func.max(DossierEvent.seq).label("seq"))
                .where(DossierEvent.dossier_id.in_(part))
                .group_by(DossierEvent.dossier_id)
                .subquery()
            )
            for ev in s.scalars(
                select(DossierEvent).join(
                    newest,
                    (DossierEvent.dossier_id == newest.c.dossier_id)
                    & (DossierEvent.seq == newest.c.seq),
                )
            ):
                self.last[ev.dossier_id] = ev
            # the newest apology's date per dossier, as the single step reads it
            for ap in s.scalars(
                select(Apology)
                .where(Apology.dossier_id.in_(part))
                .order_by(Apology.dossier_id, Apology.nth)
            ):
                self.prior_due[ap.dossier_id] = ap.new_due_at
        self._heads: dict[int, tuple[int, str]] = {}
        self._counters: dict[str, Counter] = {}
        self._s = s

    def dossier(self, code: str) -> Dossier | None:
        return self.dossiers.get(code.strip())

    def last_event(self, d: Dossier) -> DossierEvent | None:
        return self.last.get(d.id)

    def head(self, office_id: int) -> tuple[int, str]:
        if office_id not in self._heads:
            self._heads[office_id] = chain.head(self._s, office_id)
        return self._heads[office_id]

    def sealed(self, ev: DossierEvent) -> None:
        """``ev`` is the dossier's and the chain's newest event from now on."""
        self._heads[ev.office_id] = (ev.chain_no, ev.hash)
        self.last[ev.dossier_id] = ev

    def next_number(self, key: str) -> int:
        """The counter ``key`` plus one, read once (locked where the engine can) and written
        back by the batch's flush; the single step's one-statement increment otherwise."""
        c = self._counters.get(key)
        if c is None:
            c = self._s.get(Counter, key, with_for_update=True)
            if c is None:
                c = Counter(key=key, value=0)
                self._s.add(c)
            self._counters[key] = c
        c.value += 1
        return c.value
