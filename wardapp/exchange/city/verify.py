"""Verification of a ward package before anything of it is written: every event hashes to what
it claims and the chain links with what the city holds; the rows are prepared in stored form.
Reading and the checks that need no database run in a separate process when several files are
imported, ahead of the writer."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.backend import among
from db.chain_hash import GENESIS, masked, row_hash
from db.models import DossierEvent, Office
from wardapp.common.text import fold
from wardapp.dossiers.replay import differences
from wardapp.exchange.city.summary import FileSummary
from wardapp.exchange.package import Package, PackageError, read_package
from wardapp.exchange.rows import SCHEMAS

# The reader runs ahead by up to this many bytes of package files (at least one file): enough
# to keep it busy while a batch is written (~40 weekly packages), little enough that what it
# has prepared stays about 100 MB in memory; a big snapshot package is read one at a time.
READ_AHEAD_BYTES = 4 * 1024 * 1024

# Column order of the prepared rows (see ``prepare``); the database ids are added on apply.
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


def prepare(pkg: Package) -> None:
    """Checks that need no database (each event hashes to what it claims, unless the ward
    masked personal data in it: such an event is held by its links in the chain), then the rows as
    tuples (the reader gave them in stored form already); the dict rows are dropped."""
    for r in pkg.rows["events"]:
        if row_hash(r["prev_hash"], r["chain_no"], r["dossier_uuid"], r) != r[
            "hash"
        ] and not masked(r):
            raise PackageError(
                f"sự kiện {r['uuid']} (số {r['chain_no']} trong chuỗi) không khớp mã băm của nó: "
                "dữ liệu đã bị sửa"
            )
    check_rows_replay(pkg)
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


def check_rows_replay(pkg: Package) -> None:
    """Each dossier row must be what its own events (all of them travel with it) replay to:
    a row edited after the fact (an outcome turned from late to on time, hashes recomputed)
    or a version pushed beyond its history (to lock out the ward's genuine next file) is
    refused with the dossier's code and what differs."""
    by_dossier: dict[str, list] = {}
    for e in pkg.rows["events"]:
        by_dossier.setdefault(e["dossier_uuid"], []).append(e)
    for d in pkg.rows["dossiers"]:
        diff = differences(d, by_dossier.get(d["uuid"], []))
        if diff:
            more = f" (và {len(diff) - 2} chỗ khác)" if len(diff) > 2 else ""
            raise PackageError(
                f"hồ sơ {d['code']} không khớp lịch sử của chính nó: " + "; ".join(diff[:2]) + more
            )


class Refused(Exception):
    pass


def check_chain(s: Session, pkg: Package, office: Office, summary: FileSummary) -> None:
    """The package's events must each hash to what they claim, link to their predecessor
    (in the package or already held), not fork what the city holds, and end at the manifest's
    chain head.  A predecessor the city has not received yet (a missing week) is a gap, noted,
    not a refusal: the next package fills it and ``wardapp verify`` then sees it whole."""
    mine: dict[int, tuple] = {}  # chain no -> (uuid, prev hash, hash); own hashes checked
    for uuid, _dossier, no, prev_hash, h, _values in pkg.prepared.events:  # by the reader
        if no in mine:
            raise Refused(f"hai sự kiện cùng số {no} trong chuỗi")
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
            raise Refused(f"sự kiện số {no} trong chuỗi khác với bản thành phố đang giữ")
        if no == 1:
            prev_hash = GENESIS
        elif no - 1 in mine:
            prev_hash = mine[no - 1][2]
        else:
            prev_hash = held.get(no - 1, (None, None))[1]
        if prev_hash is None:
            summary.chain_gaps.append(no - 1)
        elif prev_hash != claimed_prev:
            raise Refused(f"sự kiện số {no} không nối với sự kiện trước nó trong chuỗi")
    if head["chain_no"]:
        have = mine.get(head["chain_no"])
        h = have[2] if have else held.get(head["chain_no"], (None, None))[1]
        if h is not None and h != head["hash"]:
            raise Refused("đầu chuỗi băm trong manifest không khớp với các sự kiện")
        if h is None:
            summary.chain_gaps.append(head["chain_no"])


def read_verified(path) -> Package | PackageError:
    try:
        pkg = read_package(path)
        if pkg.manifest["kind"] == "ward-data":
            prepare(pkg)
        return pkg
    except PackageError as exc:
        return exc


def verified(files: list[str | Path]):
    """(file, Package or PackageError) in order.  With several files and more than one CPU,
    reading and verifying (about half the work, pure Python) runs in a separate process ahead
    of this one, which writes to the database meanwhile."""
    if len(files) < 4 or (os.cpu_count() or 1) < 2:
        for f in files:
            yield f, read_verified(f)
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
            ahead.append((f, pool.submit(read_verified, f), size))
            in_flight += size
        while ahead:
            f0, fut, _n = ahead.popleft()
            yield f0, fut.result()


def _size(f) -> int:
    try:
        return os.path.getsize(f)
    except OSError:
        return 0  # the reader reports the file as unreadable
