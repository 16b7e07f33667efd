"""The hash chain over dossier events: the evidence that the history was not edited afterwards.

Each office's events are numbered 1, 2, 3… (``chain_no``) in the order the program recorded
them, and each event's ``hash`` covers its own fields and the previous event's hash.  Changing,
inserting or deleting a row directly in the SQLite file therefore breaks the chain at that row,
and :func:`verify` names the first broken event.  A ward's chain travels with its events to the
city (the package manifest carries its head), so the city checks continuity across weeks.

A hash chain is tamper-*evident*, not tamper-proof: someone who can rewrite the file and recompute
every later hash can forge a consistent chain.  That is why the head also leaves the office every
week: a rewrite of history older than the last package no longer matches what the city holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from db.chain_hash import FIELDS, GENESIS, masked, row_hash
from db.models import DossierEvent, Office


def head(s: Session, office_id: int) -> tuple[int, str]:
    """(last chain number, its hash) of an office; (0, GENESIS) before the first event."""
    row = s.execute(
        select(DossierEvent.chain_no, DossierEvent.hash)
        .where(DossierEvent.office_id == office_id)
        .order_by(DossierEvent.chain_no.desc())
        .limit(1)
    ).first()
    return (row[0], row[1]) if row else (0, GENESIS)


def seal(ev: DossierEvent, dossier_uuid: str, chain_no: int, prev_hash: str) -> None:
    """Give a new event its place in the chain (called once, before the INSERT)."""
    ev.chain_no, ev.prev_hash = chain_no, prev_hash
    ev.hash = row_hash(prev_hash, chain_no, dossier_uuid, {k: getattr(ev, k) for k in FIELDS})


def seal_rows(rows: list[dict], dossier_uuids: dict[int, str], start: tuple[int, str]) -> None:
    """The same for plain row dicts (bulk writes), in list order."""
    no, prev = start
    for r in rows:
        no += 1
        r["chain_no"], r["prev_hash"] = no, prev
        prev = r["hash"] = row_hash(prev, no, dossier_uuids[r["dossier_id"]], r)


@dataclass
class ChainReport:
    office_code: str
    events: int
    head_no: int
    head_hash: str
    broken_at: int | None = None  # chain number of the first event that does not verify
    broken_uuid: str | None = None
    problem: str = ""
    missing: list[tuple[int, int]] | None = None  # gaps (city: weeks not received yet)

    @property
    def ok(self) -> bool:
        return self.broken_at is None

    def message(self) -> str:
        if self.ok:
            text_ = f"{self.office_code}: {self.events} sự kiện, chuỗi băm nguyên vẹn"
            if self.missing:
                gaps = ", ".join(f"{a}–{b}" if a != b else str(a) for a, b in self.missing[:5])
                text_ += f" (chưa nhận các sự kiện số {gaps})"
            return text_
        return (
            f"{self.office_code}: chuỗi băm bị phá vỡ tại sự kiện số {self.broken_at} "
            f"({self.broken_uuid}): {self.problem}"
        )


def verify(s: Session, *, allow_gaps: bool = False) -> list[ChainReport]:
    """Walk every office's chain from the first event.  ``allow_gaps`` is for a city database,
    which may not have received every week yet: a missing stretch is listed, and the event
    after it is checked against its own recorded predecessor hash only; an event the ward
    masked personal data in (``privacy.masked``) is checked by its links only."""
    reports = []
    offices = s.execute(select(Office.id, Office.agency_code).order_by(Office.id)).all()
    conn = s.connection()
    for office_id, code in offices:
        rep = ChainReport(code, 0, 0, GENESIS, missing=[])
        prev_no, prev_hash = 0, GENESIS
        rows = conn.execute(
            text(
                "SELECT e.chain_no, e.prev_hash, e.hash, d.uuid AS dossier_uuid, "
                + ", ".join(f"e.{k}" for k in FIELDS)
                + " FROM dossier_event e JOIN dossier d ON d.id = e.dossier_id "
                "WHERE e.office_id = :o ORDER BY e.chain_no"
            ),
            {"o": office_id},
        ).mappings()
        for r in rows:
            no, ph, h, uuid = r["chain_no"], r["prev_hash"], r["hash"], r["uuid"]
            rep.events += 1
            if no != prev_no + 1:
                if not allow_gaps or no <= prev_no:
                    rep.broken_at, rep.broken_uuid = no, uuid
                    rep.problem = f"thiếu sự kiện số {prev_no + 1}" + (
                        f"–{no - 1}" if no - 1 > prev_no + 1 else ""
                    )
                    break
                rep.missing.append((prev_no + 1, no - 1))
            elif ph != prev_hash:
                rep.broken_at, rep.broken_uuid = no, uuid
                rep.problem = "không khớp với sự kiện trước (sự kiện trước đã bị sửa hoặc xoá)"
                break
            if row_hash(ph, no, r["dossier_uuid"], r) != h and not (allow_gaps and masked(r)):
                rep.broken_at, rep.broken_uuid = no, uuid
                rep.problem = "nội dung sự kiện đã bị sửa sau khi ghi"
                break
            prev_no, prev_hash = no, h
        rep.head_no, rep.head_hash = prev_no, prev_hash
        reports.append(rep)
    return reports


def events_after(s: Session, last_id: int) -> tuple[int, int]:
    """How many history steps were written after step ``last_id``, and the last one's id: the
    status bar's count follows every change without verifying the chain again."""
    n, last = s.execute(
        select(func.count(), func.max(DossierEvent.id)).where(DossierEvent.id > last_id)
    ).one()
    return n, last or last_id


def last_event_id(s: Session) -> int:
    return s.scalar(select(func.max(DossierEvent.id))) or 0


def backdated(at: datetime, recorded_at: datetime, tolerance_minutes: int) -> bool:
    """An event entered more than the tolerance after it happened (e.g. a return typed in the
    next morning): allowed, but shown as such in the history and counted in reports."""
    return recorded_at - at > timedelta(minutes=tolerance_minutes)
