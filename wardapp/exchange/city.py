"""City side: register wards, import their packages (verify everything, then apply each file in
one transaction), and say which weeks are missing.

Upserts are exact: a record is keyed by its UUID and applied only when its version is newer than
the one held.  An older version is a conflict, listed for review and never applied; the same
version is "unchanged".  Re-importing a file (same SHA-256) is "already imported".
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db import deferred_indexes, search_index
from db.bulk import DuplicateKey, insert_rows, update_rows
from db.chain_hash import GENESIS, row_hash
from db.models import (
    Apology,
    Commitment,
    CommitmentTarget,
    Dossier,
    DossierEvent,
    ImportLog,
    Office,
    Procedure,
)
from db.sql import among
from wardapp.catalogue.procedures import procedure_from_row
from wardapp.common import validation
from wardapp.common.clock import now_local
from wardapp.common.errors import WardError
from wardapp.common.text import fold
from wardapp.exchange.package import Package, PackageError, peek, read_package
from wardapp.exchange.rows import SCHEMAS
from wardapp.office.store import Ward
from wardapp.trust import auth


@dataclass
class FileSummary:
    file: str
    office: str = ""
    seq: int = 0
    status: str = "applied"  # applied | dry-run | already imported | refused
    reason: str = ""
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    missing_before: list[int] = field(default_factory=list)
    chain_gaps: list[int] = field(default_factory=list)  # chain numbers not received yet

    def line(self) -> str:
        if self.status in ("refused", "already imported"):
            return f"{self.file}: {self.status}" + (f" — {self.reason}" if self.reason else "")
        text = (
            f"{self.file}: {self.status} ({self.office} #{self.seq}) — thêm {self.inserted}, "
            f"cập nhật {self.updated}, không đổi {self.unchanged}, xung đột {len(self.conflicts)}, "
            f"loại {len(self.rejected)}"
        )
        if self.missing_before:
            text += f"; thiếu gói số {', '.join(map(str, self.missing_before))}"
        if self.chain_gaps:
            text += f"; chuỗi băm chưa liền trước sự kiện số {min(self.chain_gaps) + 1}"
        return text


def require_city(ward: Ward, s: Session) -> Office:
    city = ward.office(s)
    if city.kind != "city":
        raise WardError(
            "Đây là cơ sở dữ liệu của phường/xã: chỉ cơ sở dữ liệu thành phố "
            "(wardapp init --city …) mới nhập gói của các phường."
        )
    return city


def add_ward(ward: Ward, *, name: str, agency_code: str) -> Office:
    auth.require(ward, "settings")
    name = validation.required_text(name, "Tên phường/xã")
    code = validation.agency_code(agency_code)
    with ward.write() as s:
        require_city(ward, s)
        existing = s.scalars(select(Office).where(Office.agency_code == code)).first()
        if existing is not None:
            existing.name = name
            return existing
        o = Office(name=name, agency_code=code, parent_name="", deputies="[]", kind="ward")
        s.add(o)
    return o


def _seqs(s: Session, code: str) -> list[int]:
    return sorted(s.scalars(select(ImportLog.seq).where(ImportLog.office_code == code)))


def missing_seqs(seqs: list[int]) -> list[int]:
    if not seqs:
        return []
    have = set(seqs)
    return [n for n in range(1, max(seqs)) if n not in have]


def _by_uuid(s: Session, model, uuids: list[str], *cols):
    if not uuids:
        return {}
    return {
        row[0]: row[1:]
        for row in s.execute(select(model.uuid, *cols).where(among(model.uuid, uuids)))
    }


def _catalogue_ids(s: Session) -> dict[tuple[str, str], int]:
    """(code, effective date) → id for the whole catalogue (about a hundred rows), read once
    per batch instead of one query per procedure per file."""
    return {
        (code, eff.isoformat()): pid
        for pid, code, eff in s.execute(
            select(Procedure.id, Procedure.code, Procedure.effective_from)
        )
    }


def _procedure_ids(s: Session, pkg: Package, known: dict) -> dict[tuple[str, str], int]:
    """The ids of the package's procedures; one the city lacks is added (and to ``known``)."""
    ids = {}
    for p in pkg.rows["procedures"]:
        key = (p["code"], p["effective_from"].isoformat())
        if key not in known:
            proc = procedure_from_row(p, f"ward:{pkg.office_code}")
            s.add(proc)
            s.flush()
            known[key] = proc.id
        ids[key] = known[key]
    return ids


# Column order of the prepared rows (see ``_prepare``); the database ids are added on apply.
DOSSIER_COLS = (
    *(k for k in SCHEMAS["dossiers"] if k not in ("procedure_code", "procedure_effective_from")),
    "applicant_name_folded",
)
EVENT_COLS = tuple(k for k in SCHEMAS["events"] if k != "dossier_uuid")
APOLOGY_COLS = tuple(k for k in SCHEMAS["apologies"] if k != "dossier_uuid")


@dataclass
class Prepared:
    """A package's records as the database will store them, made by the reader (in its own
    process when several files are imported): each dossier as (uuid, code, version, procedure
    key, values), each event as (uuid, dossier uuid, chain no, prev hash, hash, values), each
    apology as (uuid, dossier uuid, values).  Plain tuples of str/int cross the process
    boundary several times faster than dicts of datetimes, and the writer has nothing left to
    convert."""

    dossiers: list[tuple]
    events: list[tuple]
    apologies: list[tuple]


_dossier_values = itemgetter(*DOSSIER_COLS)
_event_values = itemgetter(*EVENT_COLS)
_apology_values = itemgetter(*APOLOGY_COLS)


def _prepare(pkg: Package) -> None:
    """Checks that need no database (each event hashes to what it claims), then the rows as
    tuples (the reader gave them in stored form already); the dict rows are dropped."""
    for r in pkg.rows["events"]:
        if row_hash(r["prev_hash"], r["chain_no"], r["dossier_uuid"], r) != r["hash"]:
            raise PackageError(
                f"sự kiện {r['uuid']} (số {r['chain_no']} trong chuỗi) không khớp mã băm của nó: "
                "dữ liệu đã bị sửa"
            )
    dossiers = []
    for d in pkg.rows["dossiers"]:
        d["applicant_name_folded"] = fold(d["applicant_name"])
        key = (d["procedure_code"], d["procedure_effective_from"])
        dossiers.append((d["uuid"], d["code"], d["version"], key, _dossier_values(d)))
    pkg.prepared = Prepared(
        dossiers=dossiers,
        events=[
            (
                r["uuid"],
                r["dossier_uuid"],
                r["chain_no"],
                r["prev_hash"],
                r["hash"],
                _event_values(r),
            )
            for r in pkg.rows["events"]
        ],
        apologies=[
            (a["uuid"], a["dossier_uuid"], _apology_values(a)) for a in pkg.rows["apologies"]
        ],
    )
    for member in ("dossiers", "events", "apologies"):
        pkg.rows[member] = []


def _apply(s: Session, pkg: Package, office: Office, summary: FileSummary, known: dict) -> None:
    proc_ids = _procedure_ids(s, pkg, known)
    office_id = office.id  # an ORM attribute, read once rather than once per row
    incoming = pkg.prepared.dossiers
    held = _by_uuid(
        s, Dossier, [d[0] for d in incoming], Dossier.id, Dossier.version, Dossier.office_id
    )
    codes_taken = {}
    new_codes = [d[1] for d in incoming if d[0] not in held]
    if new_codes:
        for code, uuid in s.execute(
            select(Dossier.code, Dossier.uuid).where(among(Dossier.code, new_codes))
        ):
            codes_taken[code] = uuid
    next_id = (s.scalar(select(func.max(Dossier.id))) or 0) + 1
    inserts, updates, accepted, fresh = [], [], {}, set()
    for uuid, code, version, proc_key, values in incoming:
        h = held.get(uuid)
        if h is None:
            if code in codes_taken:
                summary.rejected.append(f"{code}: mã hồ sơ đã thuộc hồ sơ khác")
                continue
            inserts.append((*values, proc_ids[proc_key], office_id, next_id))
            accepted[uuid] = next_id
            fresh.add(uuid)
            next_id += 1
            summary.inserted += 1
            continue
        held_id, held_version, held_office = h
        if held_office != office_id:
            summary.rejected.append(f"{code}: hồ sơ thuộc đơn vị khác")
        elif version > held_version:
            updates.append((*values, proc_ids[proc_key], office_id, held_id))
            accepted[uuid] = held_id
            summary.updated += 1
        elif version == held_version:
            accepted[uuid] = held_id  # events may still be new if an earlier file was partial
            summary.unchanged += 1
        else:
            summary.conflicts.append(
                f"{code}: phiên bản {version} cũ hơn bản đang giữ ({held_version})"
            )
    cols = (*DOSSIER_COLS, "procedure_id", "office_id")
    insert_rows(s, "dossier", (*cols, "id"), inserts)
    update_rows(s, "dossier", cols, "id", updates)
    _check_chain(s, pkg, office, summary)
    for table, rows, model, cols in (
        ("dossier_event", pkg.prepared.events, DossierEvent, EVENT_COLS),
        ("apology", pkg.prepared.apologies, Apology, APOLOGY_COLS),
    ):
        rows = [r for r in rows if r[1] in accepted]
        # only a dossier the city held can have records it holds too: the others' are new,
        # and looking each up would cost a random read of the uuid index per event
        have = _by_uuid(s, model, [r[0] for r in rows if r[1] not in fresh], model.id)
        insert_rows(
            s,
            table,
            (*cols, "dossier_id", "office_id"),
            [(*r[-1], accepted[r[1]], office_id) for r in rows if r[0] not in have],
        )
    for c in pkg.rows["commitments"]:
        held_c = s.scalars(select(Commitment).where(Commitment.uuid == c["uuid"])).first()
        if held_c is None:
            clash = s.scalars(
                select(Commitment).where(
                    Commitment.office_id == office.id, Commitment.year == c["year"]
                )
            ).first()
            if clash is not None:
                summary.conflicts.append(f"cam kết năm {c['year']}: đã có bản khác")
                continue
            held_c = Commitment(uuid=c["uuid"], office_id=office.id, year=c["year"], version=0)
            s.add(held_c)
        if c["version"] < held_c.version:
            summary.conflicts.append(f"cam kết năm {c['year']}: phiên bản cũ hơn bản đang giữ")
            continue
        if c["version"] == held_c.version:
            continue
        held_c.version, held_c.signer, held_c.approver = c["version"], c["signer"], c["approver"]
        held_c.signed_on, held_c.text = c["signed_on"], c["text"]
        held_c.targets = [CommitmentTarget(**t) for t in c["targets"]]


def _check_chain(s: Session, pkg: Package, office: Office, summary: FileSummary) -> None:
    """The package's events must each hash to what they claim, link to their predecessor
    (in the package or already held), not fork what the city holds, and end at the manifest's
    chain head.  A predecessor the city has not received yet (a missing week) is a gap, noted,
    not a refusal: the next package fills it and ``wardapp verify`` then sees it whole."""
    mine: dict[int, tuple] = {}  # chain no -> (uuid, prev hash, hash); own hashes checked
    for uuid, _dossier, no, prev_hash, h, _values in pkg.prepared.events:  # by the reader
        if no in mine:
            raise _Refused(f"hai sự kiện cùng số {no} trong chuỗi")
        mine[no] = (uuid, prev_hash, h)
    wanted = set(mine) | {n - 1 for n in mine if n > 1}
    head = pkg.manifest["chain_head"]
    if head["chain_no"]:
        wanted.add(head["chain_no"])
    # Usually the package continues the chain the city holds: of its numbers only the one
    # before its first can be held, and the rest need no lookup (2,000 a week per ward).
    top = s.scalar(
        select(func.max(DossierEvent.chain_no)).where(DossierEvent.office_id == office.id)
    )
    wanted = {n for n in wanted if n <= (top or 0)}
    held: dict[int, tuple[str, str]] = {}
    if wanted:
        for no, uuid, h in s.execute(
            select(DossierEvent.chain_no, DossierEvent.uuid, DossierEvent.hash).where(
                DossierEvent.office_id == office.id, among(DossierEvent.chain_no, sorted(wanted))
            )
        ):
            held[no] = (uuid, h)
    for no, (uuid, claimed_prev, _h) in mine.items():
        if no in held and held[no][0] != uuid:
            raise _Refused(f"sự kiện số {no} trong chuỗi khác với bản thành phố đang giữ")
        if no == 1:
            prev_hash = GENESIS
        elif no - 1 in mine:
            prev_hash = mine[no - 1][2]
        else:
            prev_hash = held.get(no - 1, (None, None))[1]
        if prev_hash is None:
            summary.chain_gaps.append(no - 1)
        elif prev_hash != claimed_prev:
            raise _Refused(f"sự kiện số {no} không nối với sự kiện trước nó trong chuỗi")
    if head["chain_no"]:
        have = mine.get(head["chain_no"])
        h = have[2] if have else held.get(head["chain_no"], (None, None))[1]
        if h is not None and h != head["hash"]:
            raise _Refused("đầu chuỗi băm trong manifest không khớp với các sự kiện")
        if h is None:
            summary.chain_gaps.append(head["chain_no"])


# A commit costs ~50 ms whatever its size (the search index flushes, the WAL checkpoints), which
# is as much as applying a ward's whole week: files are applied in batches of about this many
# dossiers, each file inside its own savepoint so it still applies completely or not at all.
BATCH_DOSSIERS = 10_000
# The reader runs ahead by up to this many bytes of package files (at least one file): enough
# to keep it busy while a batch is written (~40 weekly packages), little enough that what it
# has prepared stays about 100 MB in memory; a big snapshot package is read one at a time.
READ_AHEAD_BYTES = 4 * 1024 * 1024


def import_packages(
    ward: Ward, files: list[str | Path], *, dry_run: bool = False, progress=None
) -> list[FileSummary]:
    """Each file is verified completely, then applied in its own savepoint; a batch of files
    commits together.  With ``dry_run`` everything is applied in one transaction and rolled
    back, so the summary is exact.  ``progress(done, total)`` is called before each file and
    may raise to stop: batches already committed stay, each one whole."""
    auth.require(ward, "import")
    with ward.read() as s:
        require_city(ward, s)
    out: list[FileSummary] = []
    peeks = [peek(f) for f in files]
    incoming = _verified(_in_time_order(files, peeks))
    with _indexes_deferred(ward, sum(p.dossiers for p in peeks if p), dry_run):
        while _apply_batch(ward, incoming, out, len(files), dry_run, progress):
            pass
    if progress is not None:
        progress(len(files), len(files))
    return out


def _in_time_order(files: list[str | Path], peeks: list) -> list[str | Path]:
    """Files by period, then ward, then number, whatever order they were chosen in: each ward's
    packages then apply in sequence (no false "older version" conflicts when a year is imported
    at once), and a year of thirty wards is written week by week, as the weekly imports would
    write it.  Unreadable files go last, in their order, to be refused with their reason."""
    keyed = [
        (p.order if p else None, i, f) for i, (f, p) in enumerate(zip(files, peeks, strict=True))
    ]
    readable = sorted((k, i, f) for k, i, f in keyed if k is not None)
    return [f for _k, _i, f in readable] + [f for k, _i, f in keyed if k is None]


@contextmanager
def _indexes_deferred(ward: Ward, expected: int, dry_run: bool):
    """A large import (by the manifests' counts) writes without the secondary indexes and
    rebuilds them at the end, even when it stops early (``db.deferred_indexes``); its search
    index is merged once at the end too (``db.search_index.merges_held``)."""
    with ward.read() as s:
        held = s.scalar(select(func.max(Dossier.id))) or 0
    if dry_run or not deferred_indexes.worth_deferring(held, expected):
        yield
        return
    with ward.write() as s:
        deferred_indexes.drop(s.connection())
    try:
        with search_index.merges_held(ward.write):
            yield
    finally:
        with ward.write() as s:
            deferred_indexes.restore(s.connection())


def _apply_batch(ward: Ward, incoming, out: list, total: int, dry_run: bool, progress) -> bool:
    """Apply files from ``incoming`` in one transaction until about ``BATCH_DOSSIERS`` are
    written; True if files remain.  Each file is applied as it arrives, so what waits in
    memory is the reader's read-ahead, not the batch."""
    more = False
    with ward.write() as s:
        require_city(ward, s)
        known = _catalogue_ids(s)
        size = 0
        with search_index.deferred(s):  # the batch's new dossiers indexed in one statement
            for f, pkg in incoming:
                if progress is not None:  # may raise: the open batch is rolled back
                    progress(len(out), total)
                summary = _received(f, pkg)
                out.append(summary)
                if summary.status == "refused":
                    continue
                try:
                    with s.begin_nested():
                        _import_one(s, pkg, summary, known)
                except _Refused as exc:
                    _refuse(summary, str(exc))
                    known = _catalogue_ids(s)  # what the refused file added was rolled back
                else:
                    if dry_run and summary.status == "applied":
                        summary.status = "dry-run"
                size += len(pkg.prepared.dossiers)
                if size >= BATCH_DOSSIERS and not dry_run:
                    more = True
                    break
        if dry_run:
            s.rollback()
    return more


def _received(f, pkg: Package | PackageError) -> FileSummary:
    """The file's summary as read: refused already, or waiting to be applied."""
    summary = FileSummary(file=Path(f).name)
    if isinstance(pkg, PackageError):
        summary.status, summary.reason = "refused", str(pkg)
        return summary
    summary.office, summary.seq = pkg.office_code, pkg.seq
    if pkg.manifest["kind"] != "ward-data":
        summary.status, summary.reason = "refused", "gói dữ liệu tham chiếu dành cho phường/xã"
    return summary


def _read(path) -> Package | PackageError:
    try:
        pkg = read_package(path)
        if pkg.manifest["kind"] == "ward-data":
            _prepare(pkg)
        return pkg
    except PackageError as exc:
        return exc


def _verified(files: list[str | Path]):
    """(file, Package or PackageError) in order.  With several files and more than one CPU,
    reading and verifying (about half the work, pure Python) runs in a separate process ahead
    of this one, which writes to the database meanwhile."""
    if len(files) < 4 or (os.cpu_count() or 1) < 2:
        for f in files:
            yield f, _read(f)
        return
    ctx = multiprocessing.get_context("spawn")  # never fork a process that may run Qt threads
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        ahead: deque = deque()
        in_flight = 0
        for f in files:
            size = _size(f)
            while ahead and in_flight + size > READ_AHEAD_BYTES:
                f0, fut, n = ahead.popleft()
                in_flight -= n
                yield f0, fut.result()
            ahead.append((f, pool.submit(_read, f), size))
            in_flight += size
        while ahead:
            f0, fut, _n = ahead.popleft()
            yield f0, fut.result()


def _size(f) -> int:
    try:
        return os.path.getsize(f)
    except OSError:
        return 0  # the reader reports the file as unreadable


def _refuse(summary: FileSummary, reason: str) -> None:
    """Nothing of a refused file stays, so neither do its counts."""
    summary.status, summary.reason = "refused", reason
    summary.inserted = summary.updated = summary.unchanged = 0
    summary.conflicts, summary.rejected = [], []
    summary.missing_before, summary.chain_gaps = [], []


class _Refused(Exception):
    pass


def _import_one(s: Session, pkg: Package, summary: FileSummary, known: dict) -> None:
    if s.scalar(select(ImportLog.id).where(ImportLog.sha256 == pkg.sha256)) is not None:
        summary.status = "already imported"
        return
    office = s.scalars(select(Office).where(Office.agency_code == pkg.office_code)).first()
    if office is None or office.kind != "ward":
        raise _Refused(
            f"đơn vị {pkg.office_code} ({pkg.manifest['office']['name']}) chưa được đăng ký "
            "ở thành phố (wardapp ward add …)"
        )
    seqs = _seqs(s, pkg.office_code)
    if pkg.seq in seqs:
        raise _Refused(
            f"đã nhập một gói số {pkg.seq} khác của {pkg.office_code} (nội dung khác): cần kiểm tra"
        )
    try:
        _apply(s, pkg, office, summary, known)
    except DuplicateKey as exc:  # any unique key of any table the file writes
        raise _Refused(
            f"một bản ghi trong gói trùng mã ({', '.join(exc.columns)}) với bản ghi khác "
            f"trong gói hoặc đã có: {exc}"
        ) from exc
    summary.missing_before = missing_seqs([*seqs, pkg.seq])
    s.add(
        ImportLog(
            office_code=pkg.office_code,
            seq=pkg.seq,
            sha256=pkg.sha256,
            file_name=pkg.path.name,
            period_from=_date(pkg.manifest["period"]["from"]),
            period_to=_date(pkg.manifest["period"]["to"]),
            imported_at=now_local(),
            summary=json.dumps(
                {
                    "inserted": summary.inserted,
                    "updated": summary.updated,
                    "unchanged": summary.unchanged,
                    "conflicts": summary.conflicts,
                    "rejected": summary.rejected,
                },
                ensure_ascii=False,
            ),
        )
    )
    s.flush()


def _date(text: str) -> date:
    return date.fromisoformat(text)


@dataclass
class OfficeStatus:
    code: str
    name: str
    packages: int
    last_seq: int | None
    last_period_to: str
    last_week: str
    missing: list[int]


def office_statuses(ward: Ward) -> list[OfficeStatus]:
    with ward.read() as s:
        require_city(ward, s)
        out = []
        for o in s.scalars(select(Office).where(Office.kind == "ward").order_by(Office.name)):
            logs = list(
                s.scalars(
                    select(ImportLog)
                    .where(ImportLog.office_code == o.agency_code)
                    .order_by(ImportLog.seq)
                )
            )
            last = logs[-1] if logs else None
            out.append(
                OfficeStatus(
                    code=o.agency_code,
                    name=o.name,
                    packages=len(logs),
                    last_seq=last.seq if last else None,
                    last_period_to=last.period_to.isoformat() if last else "",
                    last_week=f"{last.period_to:%G-W%V}" if last else "",
                    missing=missing_seqs([x.seq for x in logs]),
                )
            )
        return out
