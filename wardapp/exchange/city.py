"""City side: register wards, import their packages (verify everything, then apply each file in
one transaction), and say which weeks are missing.

Upserts are exact: a record is keyed by its UUID and applied only when its version is newer than
the one held.  An older version is a conflict, listed for review and never applied; the same
version is "unchanged".  Re-importing a file (same SHA-256) is "already imported".
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from db.bulk import bulk_insert
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
from wardapp import auth, validation
from wardapp.catalogue import procedure_from_row
from wardapp.clock import now_local
from wardapp.errors import WardError
from wardapp.exchange.package import Package, PackageError, read_package
from wardapp.store import Ward
from wardapp.text import fold

CHUNK = 500


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
    out = {}
    for k in range(0, len(uuids), CHUNK):
        q = select(model.uuid, *cols).where(model.uuid.in_(uuids[k : k + CHUNK]))
        for row in s.execute(q):
            out[row[0]] = row[1:]
    return out


def _procedure_ids(s: Session, pkg: Package) -> dict[tuple[str, str], int]:
    ids = {}
    for p in pkg.rows["procedures"]:
        key = (p["code"], p["effective_from"].isoformat())
        proc = s.scalars(
            select(Procedure).where(
                Procedure.code == p["code"], Procedure.effective_from == p["effective_from"]
            )
        ).first()
        if proc is None:
            proc = procedure_from_row(p, f"ward:{pkg.office_code}")
            s.add(proc)
            s.flush()
        ids[key] = proc.id
    return ids


def _apply(s: Session, pkg: Package, office: Office, summary: FileSummary) -> None:
    proc_ids = _procedure_ids(s, pkg)
    incoming = pkg.rows["dossiers"]
    held = _by_uuid(
        s, Dossier, [d["uuid"] for d in incoming], Dossier.id, Dossier.version, Dossier.office_id
    )
    codes_taken = {}
    new_codes = [d["code"] for d in incoming if d["uuid"] not in held]
    for k in range(0, len(new_codes), CHUNK):
        for code, uuid in s.execute(
            select(Dossier.code, Dossier.uuid).where(Dossier.code.in_(new_codes[k : k + CHUNK]))
        ):
            codes_taken[code] = uuid
    next_id = (s.scalar(select(func.max(Dossier.id))) or 0) + 1
    inserts, updates, accepted = [], [], {}
    for d in incoming:
        values = {
            k: v for k, v in d.items() if k not in ("procedure_code", "procedure_effective_from")
        }
        values["procedure_id"] = proc_ids[
            (d["procedure_code"], d["procedure_effective_from"].isoformat())
        ]
        values["office_id"] = office.id
        values["documents"] = json.dumps(d["documents"], ensure_ascii=False)
        values["applicant_name_folded"] = fold(d["applicant_name"])
        h = held.get(d["uuid"])
        if h is None:
            if d["code"] in codes_taken:
                summary.rejected.append(f"{d['code']}: mã hồ sơ đã thuộc hồ sơ khác")
                continue
            values["id"] = next_id
            next_id += 1
            inserts.append(values)
            accepted[d["uuid"]] = values["id"]
            summary.inserted += 1
        else:
            held_id, held_version, held_office = h
            if held_office != office.id:
                summary.rejected.append(f"{d['code']}: hồ sơ thuộc đơn vị khác")
            elif d["version"] > held_version:
                values["id"] = held_id
                updates.append(values)
                accepted[d["uuid"]] = held_id
                summary.updated += 1
            elif d["version"] == held_version:
                accepted[d["uuid"]] = (
                    held_id  # events may still be new if an earlier file was partial
                )
                summary.unchanged += 1
            else:
                summary.conflicts.append(
                    f"{d['code']}: phiên bản {d['version']} cũ hơn bản đang giữ ({held_version})"
                )
    bulk_insert(s, Dossier.__table__, inserts)
    for k in range(0, len(updates), CHUNK):
        for v in updates[k : k + CHUNK]:
            s.execute(
                update(Dossier)
                .where(Dossier.id == v["id"])
                .values(**{x: y for x, y in v.items() if x != "id"})
            )
    _check_chain(s, pkg, office, summary)
    for member, model in (("events", DossierEvent), ("apologies", Apology)):
        rows = [r for r in pkg.rows[member] if r["dossier_uuid"] in accepted]
        have = _by_uuid(s, model, [r["uuid"] for r in rows], model.id)
        new = []
        for r in rows:
            if r["uuid"] in have:
                continue
            v = {k: val for k, val in r.items() if k != "dossier_uuid"}
            v["dossier_id"] = accepted[r["dossier_uuid"]]
            v["office_id"] = office.id
            new.append(v)
        bulk_insert(s, model.__table__, new)
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
    events = sorted(pkg.rows["events"], key=lambda r: r["chain_no"])
    mine: dict[int, dict] = {}
    for r in events:
        if row_hash(r["prev_hash"], r["chain_no"], r["dossier_uuid"], r) != r["hash"]:
            raise _Refused(
                f"sự kiện {r['uuid']} (số {r['chain_no']} trong chuỗi) không khớp mã băm của nó: "
                "dữ liệu đã bị sửa"
            )
        if r["chain_no"] in mine:
            raise _Refused(f"hai sự kiện cùng số {r['chain_no']} trong chuỗi")
        mine[r["chain_no"]] = r
    wanted = set(mine) | {n - 1 for n in mine if n > 1}
    head = pkg.manifest["chain_head"]
    if head["chain_no"]:
        wanted.add(head["chain_no"])
    held: dict[int, tuple[str, str]] = {}
    nums = sorted(wanted)
    for k in range(0, len(nums), CHUNK):
        for no, uuid, h in s.execute(
            select(DossierEvent.chain_no, DossierEvent.uuid, DossierEvent.hash).where(
                DossierEvent.office_id == office.id,
                DossierEvent.chain_no.in_(nums[k : k + CHUNK]),
            )
        ):
            held[no] = (uuid, h)
    for no, r in mine.items():
        if no in held and held[no][0] != r["uuid"]:
            raise _Refused(f"sự kiện số {no} trong chuỗi khác với bản thành phố đang giữ")
        if no == 1:
            prev_hash = GENESIS
        elif no - 1 in mine:
            prev_hash = mine[no - 1]["hash"]
        else:
            prev_hash = held.get(no - 1, (None, None))[1]
        if prev_hash is None:
            summary.chain_gaps.append(no - 1)
        elif prev_hash != r["prev_hash"]:
            raise _Refused(f"sự kiện số {no} không nối với sự kiện trước nó trong chuỗi")
    if head["chain_no"]:
        have = mine.get(head["chain_no"])
        h = have["hash"] if have else held.get(head["chain_no"], (None, None))[1]
        if h is not None and h != head["hash"]:
            raise _Refused("đầu chuỗi băm trong manifest không khớp với các sự kiện")
        if h is None:
            summary.chain_gaps.append(head["chain_no"])


def import_packages(
    ward: Ward, files: list[str | Path], *, dry_run: bool = False
) -> list[FileSummary]:
    """Each file is verified completely, then applied in its own transaction (or, with
    ``dry_run``, applied and rolled back so the summary is exact)."""
    auth.require(ward, "import")
    with ward.read() as s:
        require_city(ward, s)
    out = []
    for f in files:
        summary = FileSummary(file=Path(f).name)
        out.append(summary)
        try:
            pkg = read_package(f)
        except PackageError as exc:
            summary.status, summary.reason = "refused", str(exc)
            continue
        summary.office, summary.seq = pkg.office_code, pkg.seq
        if pkg.manifest["kind"] != "ward-data":
            summary.status, summary.reason = "refused", "gói dữ liệu tham chiếu dành cho phường/xã"
            continue
        try:
            _import_one(ward, pkg, summary, dry_run)
        except _Refused as exc:
            summary.status, summary.reason = "refused", str(exc)
    return out


class _Refused(Exception):
    pass


class _DryRun(Exception):
    pass


def _import_one(ward: Ward, pkg: Package, summary: FileSummary, dry_run: bool) -> None:
    try:
        with ward.write() as s:
            require_city(ward, s)
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
            _apply(s, pkg, office, summary)
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
            if dry_run:
                summary.status = "dry-run"
                raise _DryRun
    except _DryRun:
        pass


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
