"""Writing many historical dossiers at once (legacy logbook import, demo data, benchmark).

The lifecycle service writes one dossier per transaction; a 10,000-row logbook must instead go
in as one transaction of executemany inserts.  Rows get explicit ids (we hold the write lock, so
max(id)+1 is ours) and their history is reconstructed from the timestamps they carry, so an
imported dossier looks in the register exactly like one entered at the desk.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from db import changes, search_index
from db.backend import bulk_insert, ids_written
from db.models import Apology, Counter, Dossier, DossierEvent, Office, Procedure
from wardapp.calendar.deadlines import classify_outcome
from wardapp.common.clock import now_local
from wardapp.common.ids import new_uuid
from wardapp.common.text import fold, nfc
from wardapp.dossiers.lifecycle.intake import format_code
from wardapp.dossiers.lifecycle.transition import days_open
from wardapp.trust import chain


@dataclass
class HistoricDossier:
    procedure_id: int
    applicant_name: str
    received_at: datetime
    due_at: datetime
    status: str
    status_at: datetime
    channel: str = "direct"
    code: str = ""
    applicant_id: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    full_online: bool = False
    paid_online: bool = False
    fee: int = 0
    resolved_at: datetime | None = None
    returned_at: datetime | None = None
    closed_at: datetime | None = None
    apology_at: datetime | None = None
    apology_reason: str = ""
    apology_new_due: datetime | None = None
    agency: str = ""
    note: str = ""
    rating: str = ""  # the citizen's answer at return (lifecycle.rating), "" not asked


def _reserve(s: Session, key: str, n: int) -> int:
    """Take ``n`` numbers from a counter at once; returns the first."""
    cur = s.scalar(select(Counter.value).where(Counter.key == key))
    if cur is None:
        s.add(Counter(key=key, value=n))
        s.flush()
        return 1
    s.execute(update(Counter).where(Counter.key == key).values(value=cur + n))
    return cur + 1


def _events_for(r: HistoricDossier) -> list[tuple[str, datetime, str, str]]:
    """(kind, at, agency, reason) reconstructed from the row's timestamps, in time order."""
    ev = [("received", r.received_at, "", "")]
    if r.status in ("supplement_requested", "forwarded", "paused", "in_progress"):
        kind = {"in_progress": None}.get(r.status, r.status)
        if kind and r.status_at > r.received_at:
            ev.append((kind, r.status_at, r.agency, r.note))
    if r.apology_at is not None:
        ev.append(("apologised", r.apology_at, "", r.apology_reason))
    if r.resolved_at is not None:
        ev.append(("resolved", r.resolved_at, "", ""))
    if r.returned_at is not None:
        ev.append(("returned", r.returned_at, "", ""))
        if r.rating:
            ev.append(("rated", r.returned_at, "", ""))
    if r.closed_at is not None:
        ev.append((r.status, r.closed_at, "", r.note))
    ev.sort(key=lambda e: e[1])
    return ev


def add_procedures(s: Session, news) -> None:
    """Procedures a logbook names that the catalogue lacks, added unverified; each ``news``
    item (code, name, field, limit_days) gets its new row as ``proc``."""
    for np in news:
        np.proc = Procedure(
            code=np.code,
            name=np.name,
            name_folded=fold(np.name),
            field=np.field,
            limit_days=np.limit_days,
            effective_from=date(1900, 1, 1),
            legal_basis="Nhập từ sổ theo dõi cũ, chưa đối chiếu danh mục",
            source="imported",
            verified=False,
        )
        s.add(np.proc)
    s.flush()


def write_historic(
    s: Session,
    office: Office,
    pattern: str,
    records: list[HistoricDossier],
    actor: str,
    avoid: set[str] | frozenset = frozenset(),
) -> list[str]:
    """Insert ``records`` (already validated) with their events; returns the dossier codes.
    A code made for a row without one is none of ``records``' own nor of ``avoid`` (the codes
    given in the rest of a file written in batches)."""
    now = now_local()
    # codes for rows without one, per day, checked against codes already taken
    need: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        if not r.code:
            need[r.received_at.strftime("%Y%m%d")].append(i)
    taken = {r.code for r in records if r.code} | set(avoid)
    for day, idxs in need.items():
        when = datetime.strptime(day, "%Y%m%d")
        key = f"code:{office.id}:{day}"
        first = _reserve(s, key, len(idxs))
        seq = first
        candidates = []
        for i in idxs:
            candidates.append((i, format_code(pattern, office, when, seq)))
            seq += 1
        clash = set(
            s.scalars(select(Dossier.code).where(Dossier.code.in_([c for _, c in candidates])))
        )
        for i, code in candidates:
            while code in clash or code in taken:
                code = format_code(pattern, office, when, _reserve(s, key, 1))
            taken.add(code)
            records[i].code = code
    # logbook numbers per year
    per_year: dict[int, list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        per_year[r.received_at.year].append(i)
    logbook_no = {}
    for y, idxs in per_year.items():
        first = _reserve(s, f"logbook:{office.id}:{y}", len(idxs))
        for k, i in enumerate(sorted(idxs, key=lambda j: records[j].received_at)):
            logbook_no[i] = first + k

    next_id = (s.scalar(select(func.max(Dossier.id))) or 0) + 1
    change_no = changes.take(s)
    dossiers, events, apologies = [], [], []
    apology_years: dict[int, int] = defaultdict(int)
    data = {"source": actor}
    for i, r in enumerate(records):
        did = next_id + i
        resolved = r.resolved_at
        finished = resolved or r.closed_at
        name = nfc(r.applicant_name)
        dossiers.append(
            {
                "id": did,
                "uuid": new_uuid(),
                "office_id": office.id,
                "code": r.code,
                "procedure_id": r.procedure_id,
                "applicant_name": name,
                "applicant_name_folded": fold(name),
                "applicant_id": r.applicant_id,
                "phone": r.phone,
                "email": r.email,
                "address": nfc(r.address),
                "channel": r.channel,
                "full_online": r.full_online,
                "paid_online": r.paid_online,
                "fee": r.fee,
                "sets_count": 1,
                "documents": "[]",
                "received_at": r.received_at,
                "due_at": r.due_at,
                "resolved_at": resolved,
                "returned_at": r.returned_at,
                "closed_at": r.closed_at,
                "finished_at": finished,
                "days_open": days_open(r.received_at, finished) if finished else None,
                "outcome": classify_outcome(resolved, r.due_at) if resolved else None,
                "status": r.status,
                "status_at": r.status_at,
                "paused_at": r.status_at
                if r.status in ("paused", "supplement_requested")
                else None,
                "apology_count": 1 if r.apology_at else 0,
                "rating": r.rating if r.returned_at is not None else "",
                "logbook_no": logbook_no[i],
                "note": nfc(r.note),
                "version": 1,
                "updated_at": now,
                "change_no": change_no,
            }
        )
        for seq, (kind, at, agency, reason) in enumerate(_events_for(r), start=1):
            events.append(
                {
                    "uuid": new_uuid(),
                    "dossier_id": did,
                    "office_id": office.id,
                    "seq": seq,
                    "kind": kind,
                    "at": at,
                    "recorded_at": now,
                    "actor": actor,
                    "agency": agency,
                    "reason": nfc(reason),
                    "data": json.dumps(
                        {"source": actor, "rating": r.rating} if kind == "rated" else data
                    ),
                    "change_no": change_no,
                }
            )
        if r.apology_at is not None:
            apology_years[r.apology_at.year] += 1
            apologies.append((i, r))
    numbers = {y: _reserve(s, f"apology:{office.id}:{y}", n) for y, n in apology_years.items()}
    apology_rows = []
    for i, r in apologies:
        y = r.apology_at.year
        apology_rows.append(
            {
                "uuid": new_uuid(),
                "dossier_id": next_id + i,
                "office_id": office.id,
                "nth": 1,
                "year": y,
                "number": numbers[y],
                "reason": nfc(r.apology_reason) or "(ghi nhận từ sổ theo dõi)",
                "old_due_at": r.due_at,
                "new_due_at": r.apology_new_due or r.due_at,
                "issued_at": r.apology_at,
                "signer": "",
                "channel": "paper",
                "change_no": change_no,
            }
        )
        numbers[y] += 1
    chain.seal_rows(events, {d["id"]: d["uuid"] for d in dossiers}, chain.head(s, office.id))
    with search_index.deferred(s):  # new ids are above every held one (next_id)
        for table, rows in ((Dossier, dossiers), (DossierEvent, events), (Apology, apology_rows)):
            bulk_insert(s, table.__table__, rows)
    ids_written(s, Dossier.__tablename__)
    return [r.code for r in records]
