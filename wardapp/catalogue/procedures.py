"""The procedure catalogue (danh mục thủ tục hành chính): add, edit, stop, and import from a
spreadsheet.

A procedure is one row per (code, effective date).  When the province republishes a procedure
with a new limit, the office adds a version effective from that date: dossiers received before
keep the limit they were promised, because the due date is chosen from the version in force on
the day of receipt.  Every way in — the form in Cài đặt, a .xlsx/.csv file, the city's reference
package — goes through ``check_procedure`` and ``upsert`` so a change is checked, described and
applied the same way.

Spreadsheet columns (Vietnamese headers accepted, matched without diacritics) are ``COLUMNS``;
documents are separated by ";" or line breaks in one cell.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from db.models import Dossier, Procedure
from wardapp.calendar.deadlines import parse_hhmm
from wardapp.common.errors import ValidationError, WardError
from wardapp.common.sheets import header_key, read_rows
from wardapp.common.text import fold, nfc
from wardapp.office.store import Ward
from wardapp.trust import auth

COLUMNS = (
    "code",
    "name",
    "field",
    "limit_days",
    "cutoff",
    "fee",
    "documents",
    "effective_from",
    "legal_basis",
)
LABELS = {
    "code": "Mã thủ tục",
    "name": "Tên thủ tục",
    "field": "Lĩnh vực",
    "limit_days": "Thời hạn (ngày làm việc)",
    "cutoff": "Giờ nhận muộn nhất",
    "fee": "Lệ phí (đồng)",
    "documents": "Thành phần hồ sơ",
    "effective_from": "Áp dụng từ ngày",
    "legal_basis": "Căn cứ pháp lý",
}
HEADER_ALIASES = {
    "code": ("ma thu tuc", "ma tthc", "ma"),
    "name": ("ten thu tuc", "ten tthc", "thu tuc"),
    "field": ("linh vuc",),
    "limit_days": ("thoi han", "thoi han giai quyet", "so ngay", "thoi han (ngay lam viec)"),
    "cutoff": ("gio nhan muon nhat", "gio cat", "gio tiep nhan"),
    "fee": ("le phi", "phi", "le phi (dong)"),
    "documents": ("thanh phan ho so", "giay to", "ho so gom"),
    "effective_from": ("ap dung tu ngay", "hieu luc tu", "ngay hieu luc", "co hieu luc tu"),
    "legal_basis": ("can cu phap ly", "can cu"),
}
# Every name a header may give a column: its aliases and its label as this program writes it.
HEADER_NAMES = {k: (*HEADER_ALIASES[k], fold(LABELS[k])) for k in COLUMNS}
# What a change to an existing version compares and copies.
FIELDS = ("name", "field", "limit_days", "cutoff", "fee", "legal_basis")
CODE_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$")
MAX_LIMIT_DAYS = 365
MAX_ROWS = 5_000


def check_procedure(values: dict) -> dict:
    """A catalogue row (the exchange ``procedures`` shape) from what a person typed or a cell
    held; ``ValidationError`` names the first field that is wrong."""

    def text(key: str, max_len: int, required: bool = True) -> str:
        v = nfc(str(values.get(key) or "")).strip()
        if required and not v:
            raise ValidationError(LABELS[key], "không được để trống")
        if len(v) > max_len:
            raise ValidationError(LABELS[key], f"dài quá {max_len} ký tự")
        return v

    code = text("code", 40)
    if not CODE_RE.match(code):
        raise ValidationError(
            LABELS["code"], f"'{code}' chỉ gồm chữ, số và dấu . - _ (vd: 1.001193)"
        )
    try:
        limit = float(str(values.get("limit_days", "")).replace(",", ".").strip())
    except ValueError:
        raise ValidationError(
            LABELS["limit_days"], f"'{values.get('limit_days')}' không phải số ngày"
        ) from None
    if not 0 <= limit <= MAX_LIMIT_DAYS or limit * 2 != int(limit * 2):
        raise ValidationError(
            LABELS["limit_days"],
            f"phải từ 0 đến {MAX_LIMIT_DAYS}, theo nửa ngày (0 = trả trong ngày)",
        )
    cutoff = text("cutoff", 5, required=False) or None
    if cutoff:
        parse_hhmm(cutoff, LABELS["cutoff"])
        cutoff = f"{parse_hhmm(cutoff):%H:%M}"
    fee = values.get("fee")
    if isinstance(fee, float) and fee.is_integer():  # a number cell from Excel
        fee = int(fee)
    if isinstance(fee, int) and not isinstance(fee, bool):
        fee_text = str(fee)
    else:  # "8.000", "8,000 đ", "8000 đồng": thousands separators and the unit are dropped
        fee_text = re.sub(r"[.,\s]|đồng$|đ$", "", nfc(str(fee or "")).strip().lower()) or "0"
    if not fee_text.isdigit() or int(fee_text) > 100_000_000:
        raise ValidationError(LABELS["fee"], f"'{values.get('fee')}' phải là số đồng (vd: 8000)")
    docs = values.get("documents") or []
    if isinstance(docs, str):
        docs = re.split(r"[;\n]", docs)
    docs = [nfc(str(d)).strip() for d in docs if str(d).strip()]
    eff = values.get("effective_from")
    if isinstance(eff, datetime):
        eff = eff.date()
    if not isinstance(eff, date):
        try:
            eff = _parse_day(str(eff or "").strip())
        except ValueError:
            raise ValidationError(
                LABELS["effective_from"], f"'{eff}' phải là ngày dd/mm/yyyy"
            ) from None
    return {
        "code": code,
        "effective_from": eff,
        "name": text("name", 400),
        "field": text("field", 120),
        "limit_days": limit,
        "cutoff": cutoff,
        "fee": int(fee_text),
        "documents": docs,
        "legal_basis": text("legal_basis", 400),
        "verified": bool(values.get("verified", True)),
    }


def _parse_day(v: str) -> date:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(v, fmt).date()
        except ValueError:
            continue
    raise ValueError(v)


@dataclass
class CatalogueChange:
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def empty(self) -> bool:
        return not (self.new or self.changed)


def procedure_from_row(p: dict, source: str) -> Procedure:
    """A catalogue record from a checked row (this module, city import, reference data)."""
    return Procedure(
        code=p["code"],
        name=p["name"],
        name_folded=fold(p["name"]),
        field=p["field"],
        limit_days=p["limit_days"],
        cutoff=p["cutoff"],
        fee=p["fee"],
        documents=json.dumps(p["documents"], ensure_ascii=False),
        effective_from=p["effective_from"],
        legal_basis=p["legal_basis"],
        source=source,
        verified=p["verified"],
    )


def _held(s: Session, p: dict) -> Procedure | None:
    """The catalogue's version with this row's code and effective date, if any."""
    return s.scalars(
        select(Procedure).where(
            Procedure.code == p["code"], Procedure.effective_from == p["effective_from"]
        )
    ).first()


def upsert(s: Session, rows: list[dict], source: str, *, apply: bool) -> CatalogueChange:
    """Compare checked rows with the catalogue by (code, effective date); with ``apply``, add
    the new versions and update the changed ones in the caller's transaction."""
    out = CatalogueChange()
    for p in rows:
        held = _held(s, p)
        label = (
            f"{p['code']} {p['name']} ({p['limit_days']:g} ngày, từ {p['effective_from']:%d/%m/%Y})"
        )
        if held is None:
            out.new.append(label)
            if apply:
                s.add(procedure_from_row(p, source))
            continue
        changes = [
            f"{LABELS.get(k, k)}: {getattr(held, k)} → {p[k]}"
            for k in FIELDS
            if getattr(held, k) != p[k]
        ]
        if json.loads(held.documents or "[]") != p["documents"]:
            changes.append("thành phần hồ sơ")
        if not changes and held.active:
            out.unchanged += 1
            continue
        out.changed.append(f"{p['code']} ({'; '.join(changes) or 'áp dụng lại'})")
        if apply:
            for k in FIELDS:
                setattr(held, k, p[k])
            held.documents = json.dumps(p["documents"], ensure_ascii=False)
            held.name_folded, held.source, held.verified = fold(p["name"]), source, p["verified"]
            held.active = True
    if apply:
        s.flush()
    return out


@dataclass
class CatalogueEntry:
    id: int
    code: str
    name: str
    field: str
    limit_days: float
    cutoff: str | None
    fee: int
    documents: list[str]
    effective_from: date
    legal_basis: str
    source: str
    verified: bool
    active: bool
    in_use: bool  # dossiers were received under this version: its limit is fixed


def catalogue(ward: Ward) -> list[CatalogueEntry]:
    """Every version, newest first within a code, and whether dossiers use it.  (Counting
    them read the whole dossier index: 90 ms warm, over a second cold, on a million; the
    screen only needs to know whether the limit may still change.)"""
    with ward.read() as s:
        used = set(
            s.scalars(
                select(Procedure.id).where(exists().where(Dossier.procedure_id == Procedure.id))
            )
        )
        return [
            CatalogueEntry(
                id=p.id,
                code=p.code,
                name=p.name,
                field=p.field,
                limit_days=p.limit_days,
                cutoff=p.cutoff,
                fee=p.fee,
                documents=json.loads(p.documents or "[]"),
                effective_from=p.effective_from,
                legal_basis=p.legal_basis,
                source=p.source,
                verified=p.verified,
                active=p.active,
                in_use=p.id in used,
            )
            for p in s.scalars(
                select(Procedure).order_by(
                    Procedure.field, Procedure.code, Procedure.effective_from.desc()
                )
            )
        ]


def in_force(ward: Ward, day: date) -> list[Procedure]:
    """Per code, the version intake uses for a dossier received on ``day`` (the newest one
    effective by then, as ``lifecycle.intake.find_procedure`` picks it), unless that version was
    stopped; ordered by field and name for the intake list."""
    chosen: dict[str, Procedure] = {}
    with ward.read() as s:
        for p in s.scalars(
            select(Procedure)
            .where(Procedure.effective_from <= day)
            .order_by(Procedure.field, Procedure.name, Procedure.effective_from)
        ):
            chosen[p.code] = p
    return [p for p in chosen.values() if p.active]


def save_procedure(ward: Ward, values: dict) -> CatalogueChange:
    """Add a procedure or a new version of one (a new effective date), or correct an existing
    version (same code and date).  The limit of a version that dossiers already use cannot be
    changed in place: their due dates were promised under it, so the change needs a new
    version from a later date."""
    auth.require(ward, "settings")
    row = check_procedure(values)
    with ward.write() as s:
        _keep_promised_limits(s, [row])
        change = upsert(s, [row], "user", apply=True)
    ward.invalidate()
    return change


def _keep_promised_limits(s: Session, rows: list[dict]) -> None:
    for p in rows:
        held = _held(s, p)
        if held is None or (held.limit_days, held.cutoff) == (p["limit_days"], p["cutoff"]):
            continue
        n = s.scalar(select(func.count()).where(Dossier.procedure_id == held.id))
        if n:
            raise WardError(
                f"Thủ tục {p['code']} (áp dụng từ {held.effective_from:%d/%m/%Y}) đã có {n} hồ sơ "
                "hẹn trả theo thời hạn cũ: hãy thêm phiên bản mới với ngày áp dụng sau, "
                "không sửa thời hạn của phiên bản đang dùng."
            )


def set_active(ward: Ward, procedure_id: int, active: bool) -> None:
    """Stopped procedures leave the intake list; their dossiers and history stay."""
    auth.require(ward, "settings")
    with ward.write() as s:
        p = s.get(Procedure, procedure_id)
        if p is None:
            raise WardError("Không tìm thấy thủ tục này trong danh mục.")
        p.active = active
    ward.invalidate()


@dataclass
class CatalogueImport:
    rows: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    change: CatalogueChange = field(default_factory=CatalogueChange)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def import_catalogue(ward: Ward, path: str | Path, *, dry_run: bool = False) -> CatalogueImport:
    """All or nothing: every row is checked first and each bad row is reported with its
    spreadsheet row number; the catalogue changes only if every row is good."""
    auth.require(ward, "read" if dry_run else "settings")
    result = CatalogueImport(dry_run=dry_run)
    header: list[str | None] | None = None
    checked: list[dict] = []
    seen: dict[tuple[str, date], int] = {}
    for rowno, cells in read_rows(Path(path)):
        if header is None:
            header = [header_key(c, HEADER_NAMES) for c in cells]
            missing = [LABELS[k] for k in COLUMNS if k not in header and k != "cutoff"]
            if missing:
                raise WardError(
                    f"Dòng tiêu đề của {Path(path).name} thiếu cột: {', '.join(missing)}. "
                    f"Các cột: {', '.join(LABELS[k] for k in COLUMNS)}."
                )
            continue
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        result.rows += 1
        if result.rows > MAX_ROWS:
            raise WardError(f"Tệp có quá {MAX_ROWS} dòng: đây không phải danh mục thủ tục.")
        values = {k: cells[i] for i, k in enumerate(header) if k and i < len(cells)}
        try:
            row = check_procedure(values)
        except WardError as exc:
            result.errors.append((rowno, str(exc)))
            continue
        key = (row["code"], row["effective_from"])
        if key in seen:
            result.errors.append(
                (rowno, f"trùng mã {row['code']} và ngày áp dụng với dòng {seen[key]}")
            )
            continue
        seen[key] = rowno
        checked.append(row)
    if header is None:
        raise WardError(f"Tệp {Path(path).name} trống.")
    if result.errors:
        return result
    with ward.write() as s:
        try:
            _keep_promised_limits(s, checked)
        except WardError as exc:
            result.errors.append((0, str(exc)))
            return result
        result.change = upsert(s, checked, "user", apply=not dry_run)
        if dry_run:
            s.rollback()
    if not dry_run:
        ward.invalidate()
    return result
