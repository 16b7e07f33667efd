"""Applying a verified package to the city's database, all of one file or nothing.

Upserts are exact: a record is keyed by its UUID and applied only when its version is newer than
the one held.  An older version is a conflict, listed for review and never applied; the same
version is "unchanged".  Re-importing a file (same SHA-256) is "already imported".
"""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from db import changes, rollup
from db.backend import DuplicateKey, among, ids_written, insert_rows, update_rows
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
from db.models_allowance import StepAllowance
from db.models_initiatives import Initiative, InitiativeFile
from wardapp.catalogue.procedures import procedure_from_row
from wardapp.common.clock import now_local
from wardapp.common.text import fold
from wardapp.exchange.city.status import imported_seqs, missing_seqs
from wardapp.exchange.city.summary import FileSummary
from wardapp.exchange.city.verify import (
    APOLOGY_COLS,
    DOSSIER_COLS,
    EVENT_COLS,
    Refused,
    check_chain,
)
from wardapp.exchange.package import Package
from wardapp.trust import keys

# A dossier counts in the half months it was received, resolved and closed in.
_TIMES = (Dossier.received_at, Dossier.resolved_at, Dossier.closed_at)
_TIME_AT = tuple(DOSSIER_COLS.index(c.key) for c in _TIMES)


def _times_of(values: tuple) -> list:
    return [values[i] for i in _TIME_AT]


def _by_uuid(s: Session, model, uuids: list[str], *cols):
    if not uuids:
        return {}
    return {
        row[0]: row[1:]
        for row in s.execute(select(model.uuid, *cols).where(among(model.uuid, uuids)))
    }


def catalogue_ids(s: Session) -> dict[tuple[str, str], int]:
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


def _apply(s: Session, pkg: Package, office: Office, summary: FileSummary, known: dict) -> None:
    proc_ids = _procedure_ids(s, pkg, known)
    office_id = office.id  # an ORM attribute, read once rather than once per row
    incoming = pkg.prepared.dossiers
    held = _by_uuid(
        s,
        Dossier,
        [d[0] for d in incoming],
        Dossier.id,
        Dossier.version,
        Dossier.office_id,
        *_TIMES,
    )
    foreign = [(h[2], d[1]) for d in incoming if (h := held.get(d[0])) and h[2] != office_id]
    if foreign:
        raise Refused(f"hồ sơ {foreign[0][1]} (UUID đã có) thuộc đơn vị khác ở thành phố")
    codes_taken = {}
    new_codes = [d[1] for d in incoming if d[0] not in held]
    _refuse_codes_of_other_offices(s, office, new_codes)
    if new_codes:
        for code, uuid in s.execute(
            select(Dossier.code, Dossier.uuid).where(among(Dossier.code, new_codes))
        ):
            codes_taken[code] = uuid
    next_id = (s.scalar(select(func.max(Dossier.id))) or 0) + 1
    change_no = changes.take(s)  # the city's own counter: what its rows last changed in
    inserts, updates, accepted, fresh = [], [], {}, set()
    halves: set = set()  # the half months whose sums the package's dossiers change
    for uuid, code, version, proc_key, values in incoming:
        h = held.get(uuid)
        if h is None:
            if code in codes_taken:
                summary.rejected.append(f"{code}: mã hồ sơ đã thuộc hồ sơ khác")
                continue
            inserts.append((*values, proc_ids[proc_key], office_id, change_no, next_id))
            halves |= rollup.buckets_of(*_times_of(values))
            accepted[uuid] = next_id
            fresh.add(uuid)
            next_id += 1
            summary.inserted += 1
            continue
        held_id, held_version, _office, *held_times = h  # another office's: refused above
        if version > held_version:
            updates.append((*values, proc_ids[proc_key], office_id, change_no, held_id))
            halves |= rollup.buckets_of(*held_times, *_times_of(values))
            accepted[uuid] = held_id
            summary.updated += 1
        elif version == held_version:
            accepted[uuid] = held_id  # events may still be new if an earlier file was partial
            summary.unchanged += 1
        else:
            summary.conflicts.append(
                f"{code}: phiên bản {version} cũ hơn bản đang giữ ({held_version})"
            )
    cols = (*DOSSIER_COLS, "procedure_id", "office_id", "change_no")
    insert_rows(s, "dossier", (*cols, "id"), inserts)
    ids_written(s, "dossier")
    update_rows(s, "dossier", cols, "id", updates)
    rollup.refresh(s, office_id, halves)  # in this file's savepoint: refused, it goes too
    check_chain(s, pkg, office, summary)
    for table, rows, model, cols in (
        ("dossier_event", pkg.prepared.events, DossierEvent, EVENT_COLS),
        ("apology", pkg.prepared.apologies, Apology, APOLOGY_COLS),
    ):
        rows = [r for r in rows if r[1] in accepted]
        # only a dossier the city held can have records it holds too: the others' are new,
        # and looking each up would cost a random read of the uuid index per event
        have = _by_uuid(s, model, [r[0] for r in rows if r[1] not in fresh], model.office_id)
        if any(h[0] != office_id for h in have.values()):
            raise Refused(
                f"gói mang {'sự kiện' if table == 'dossier_event' else 'thư xin lỗi'} "
                "có UUID thuộc đơn vị khác ở thành phố"
            )
        insert_rows(
            s,
            table,
            (*cols, "dossier_id", "office_id", "change_no"),
            [(*r[-1], accepted[r[1]], office_id, change_no) for r in rows if r[0] not in have],
        )
    if "allowances" in pkg.rows:  # format 5: the ward's figures as of this package replace
        s.execute(delete(StepAllowance).where(StepAllowance.office_id == office.id))
        s.add_all(
            StepAllowance(office_id=office.id, agency_folded=fold(a["agency"]), **a)
            for a in pkg.rows["allowances"]
        )
    for c in pkg.rows["commitments"]:
        held_c = s.scalars(select(Commitment).where(Commitment.uuid == c["uuid"])).first()
        if held_c is None:
            clash = s.scalars(
                select(Commitment)
                .where(Commitment.office_id == office.id, Commitment.year == c["year"])
                .order_by(Commitment.amendment.desc())
            ).first()
            amendment = 0
            if clash is not None:
                # A ward's amended commitment (a new one for the year, its version above the
                # one it supersedes, migration 0018) is kept beside it, never written over it.
                if c["version"] <= clash.version:
                    summary.conflicts.append(f"cam kết năm {c['year']}: đã có bản khác")
                    continue
                amendment = clash.amendment + 1
            held_c = Commitment(
                uuid=c["uuid"],
                office_id=office.id,
                year=c["year"],
                version=0,
                amendment=amendment,
            )
            s.add(held_c)
        if c["version"] < held_c.version:
            summary.conflicts.append(f"cam kết năm {c['year']}: phiên bản cũ hơn bản đang giữ")
            continue
        if c["version"] == held_c.version:
            continue
        held_c.version, held_c.signer, held_c.approver = c["version"], c["signer"], c["approver"]
        held_c.signed_on, held_c.text = c["signed_on"], c["text"]
        held_c.targets = [CommitmentTarget(**t) for t in c["targets"]]
    _apply_initiatives(s, pkg, office, summary)


def _apply_initiatives(s: Session, pkg: Package, office: Office, summary: FileSummary) -> None:
    """Upsert by (uuid, version) like the commitments.  The evidence files come as name, size
    and SHA-256 only: the city holds them without bytes (``extract`` says the file is at the
    ward), and a file the ward hands over later is checked against that hash."""
    for row in pkg.rows.get("initiatives", ()):
        held = s.scalars(select(Initiative).where(Initiative.uuid == row["uuid"])).first()
        if held is not None and held.office_id != office.id:
            raise Refused(f"sáng kiến {row['uuid']} (UUID đã có) thuộc đơn vị khác ở thành phố")
        if held is not None and row["version"] < held.version:
            summary.conflicts.append(f"sáng kiến '{row['title']}': phiên bản cũ hơn bản đang giữ")
            continue
        if held is not None and row["version"] == held.version:
            continue
        now = now_local()
        if held is None:
            held = Initiative(uuid=row["uuid"], office_id=office.id, created_at=now)
            s.add(held)
        for key in ("version", "title", "authors", "field", "proposed_on", "status"):
            setattr(held, key, row[key])
        held.decision_no, held.decision_on, held.note = (
            row["decision_no"],
            row["decision_on"],
            row["note"],
        )
        held.updated_at = now
        s.flush()
        have = {(f.sha256, f.name) for f in held.files}
        for f in row["files"]:
            if (f["sha256"], f["name"]) not in have:
                s.add(
                    InitiativeFile(
                        initiative_id=held.id,
                        name=f["name"],
                        sha256=f["sha256"],
                        size=f["size"],
                        content=b"",
                        attached_at=now,
                        attached_by=pkg.office_code,
                    )
                )


def _refuse_codes_of_other_offices(s: Session, office: Office, codes: list[str]) -> None:
    """A new dossier whose code carries another office's agency code (the default code
    pattern starts with it) would take that office's next code away from it."""
    others = [c for (c,) in s.execute(select(Office.agency_code).where(Office.id != office.id))]
    for code in codes:
        for other in others:
            if other in code and office.agency_code not in code:
                raise Refused(f"hồ sơ {code} mang mã của đơn vị khác ({other})")


def check_signer(s: Session, pkg: Package, office: Office) -> None:
    """The package's signature was verified on reading; here the key must be the one this
    city registered for the office the package names."""
    key = keys.current_key(s, office.id)
    if key is not None and key.public_key == pkg.signer:
        return
    owner = keys.office_of_key(s, pkg.signer)
    if owner is not None and owner[0].id != office.id:
        raise Refused(
            f"gói ghi là của {pkg.office_code} nhưng được ký bằng khoá của "
            f"{owner[0].name} ({owner[0].agency_code}): gói đã bị đổi nhãn"
        )
    if owner is not None:
        raise Refused(
            f"gói được ký bằng khoá cũ của {pkg.office_code}, đã thay ngày "
            f"{owner[1].retired_at:%d/%m/%Y}: hãy xuất lại bằng khoá mới"
        )
    if key is None:
        raise Refused(
            f"thành phố chưa có khoá công khai của {pkg.office_code}: nhận tệp khoá của "
            "phường/xã, đối chiếu vân tay qua điện thoại rồi 'wardapp ward add … --key TỆP'"
        )
    raise Refused(
        f"gói được ký bằng khoá lạ (vân tay {keys.fingerprint(pkg.signer)}), không phải khoá "
        f"đã đăng ký của {pkg.office_code} ({keys.fingerprint(key.public_key)})"
    )


# Ten years of weekly packages: a ward that was not yet registered at the city starts far above
# 1, but a number beyond this above what the city holds is not a week that went missing.
MAX_SEQ_JUMP = 520


def import_one(s: Session, pkg: Package, summary: FileSummary, known: dict) -> None:
    if s.scalar(select(ImportLog.id).where(ImportLog.sha256 == pkg.sha256)) is not None:
        summary.status = "already imported"
        return
    office = s.scalars(select(Office).where(Office.agency_code == pkg.office_code)).first()
    if office is None or office.kind != "ward":
        raise Refused(
            f"đơn vị {pkg.office_code} ({pkg.manifest['office']['name']}) chưa được đăng ký "
            "ở thành phố (wardapp ward add …)"
        )
    check_signer(s, pkg, office)
    seqs = imported_seqs(s, pkg.office_code)
    if pkg.seq in seqs:
        raise Refused(
            f"đã nhập một gói số {pkg.seq} khác của {pkg.office_code} (nội dung khác): cần kiểm tra"
        )
    highest = max(seqs, default=0)
    if pkg.seq > highest + MAX_SEQ_JUMP:
        raise Refused(
            f"gói số {pkg.seq} của {pkg.office_code} nhảy quá xa: thành phố mới nhận đến số "
            f"{highest} (một gói mỗi tuần không thể cách quá {MAX_SEQ_JUMP} số)"
        )
    try:
        _apply(s, pkg, office, summary, known)
    except DuplicateKey as exc:  # any unique key of any table the file writes
        raise Refused(
            f"một bản ghi trong gói trùng mã ({', '.join(exc.columns)}) với bản ghi khác "
            f"trong gói hoặc đã có: {exc}"
        ) from exc
    summary.missing_before = missing_seqs([*seqs, pkg.seq])
    s.add(
        ImportLog(
            office_code=pkg.office_code,
            seq=pkg.seq,
            sha256=pkg.sha256,
            change_from=pkg.changes[0] if pkg.changes else None,
            change_to=pkg.changes[1] if pkg.changes else None,
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
