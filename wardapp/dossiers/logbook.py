"""Legacy logbook (sổ theo dõi hồ sơ) import and export, .csv or .xlsx.

Columns are the ones below; Vietnamese header names are accepted as aliases (matched without
diacritics).  Import is all-or-nothing: every row is checked first and every bad row reported
with its spreadsheet row number; nothing is written unless all rows are good.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Apology, Dossier, Procedure
from wardapp.common import inert, validation
from wardapp.common.atomic import atomic_target
from wardapp.common.clock import fmt_local, now_local, parse_local
from wardapp.common.errors import ValidationError, WardError
from wardapp.common.sheets import header_key, read_rows
from wardapp.common.text import fold, nfc
from wardapp.dossiers import import_jobs
from wardapp.dossiers.bulk import HistoricDossier, add_procedures, write_historic
from wardapp.dossiers.lifecycle.intake import procedure_due
from wardapp.dossiers.lifecycle.statuses import STATUS_LABELS, STATUSES
from wardapp.office.store import Ward
from wardapp.trust import auth

COLUMNS = (
    "code",
    "procedure_code",
    "procedure_name",
    "field",
    "applicant_name",
    "applicant_id",
    "phone",
    "address",
    "channel",
    "received_at",
    "due_at",
    "resolved_at",
    "returned_at",
    "status",
    "status_at",
    "apology_at",
    "note",
)
HEADER_ALIASES = {
    "code": ("ma ho so", "so ho so", "ma"),
    "procedure_code": ("ma thu tuc", "ma tthc"),
    "procedure_name": ("ten thu tuc", "thu tuc", "ten tthc"),
    "field": ("linh vuc",),
    "applicant_name": ("ho ten", "ho va ten", "nguoi nop", "ten nguoi nop", "ho ten nguoi nop"),
    "applicant_id": ("so dinh danh", "so dinh danh ca nhan", "cccd", "so cccd", "cmnd"),
    "phone": ("dien thoai", "so dien thoai", "sdt"),
    "address": ("dia chi",),
    "channel": ("kenh", "kenh tiep nhan", "hinh thuc nop"),
    "received_at": ("ngay nhan", "ngay tiep nhan", "thoi gian tiep nhan"),
    "due_at": ("ngay hen tra", "hen tra", "han giai quyet"),
    "resolved_at": ("ngay co ket qua", "ngay giai quyet", "ngay giai quyet xong"),
    "returned_at": ("ngay tra ket qua", "ngay tra"),
    "status": ("trang thai",),
    "status_at": ("thoi diem trang thai", "ngay trang thai"),
    "apology_at": ("ngay xin loi", "xin loi"),
    "note": ("ghi chu",),
}
STATUS_ALIASES = {fold(label): key for key, label in STATUS_LABELS.items()} | {
    "dang xu ly": "in_progress",
    "da giai quyet": "resolved",
    "da tra": "returned",
    "rut ho so": "withdrawn",
    "dung giai quyet": "withdrawn",
    "tu choi": "refused",
    "cho bo sung": "supplement_requested",
    "yeu cau bo sung": "supplement_requested",
    "tam dung": "paused",
    "chuyen co quan khac": "forwarded",
    "moi tiep nhan": "received",
}
HEADER_NAMES = {k: HEADER_ALIASES.get(k, ()) for k in COLUMNS}
MAX_ROWS = 1_000_000


@dataclass
class ImportResult:
    rows: int = 0
    written: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    new_procedures: list[str] = field(default_factory=list)
    dry_run: bool = False
    resumed_from: int = 0  # records an interrupted import of the same file had committed

    @property
    def ok(self) -> bool:
        return not self.errors


def _cell_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return nfc(str(v))


def _cell_time(v, column: str) -> datetime | None:
    if v is None or v == "":
        return None
    if isinstance(v, datetime):
        return v.replace(second=0, microsecond=0, tzinfo=None)
    if isinstance(v, date):
        return datetime(v.year, v.month, v.day)
    try:
        return parse_local(str(v))
    except ValueError as exc:
        raise ValidationError(column, str(exc)) from None


@dataclass
class _NewProcedure:
    code: str
    name: str
    field: str
    limit_days: float
    proc: Procedure | None = None


def import_logbook(
    ward: Ward, path: str | Path, *, dry_run: bool = False, actor: str = "import", progress=None
) -> ImportResult:
    """``progress(rows read, 0)`` every 500 rows (the total is unknown until the end); it may
    raise to stop, which is always before anything is written."""
    actor = auth.actor(ward, "dossier", actor)
    path = Path(path)
    if not path.exists():
        raise WardError(f"Không có tệp {path}.")
    rules = ward.rules()
    res = ImportResult(dry_run=dry_run)
    now = now_local()
    rows = read_rows(path)
    try:
        _, header = next(rows)
    except StopIteration:
        raise WardError(f"Tệp {path.name} trống.") from None
    keys = [header_key(_cell_text(h), HEADER_NAMES) for h in header]
    missing = [c for c in ("applicant_name", "received_at") if c not in keys]
    if missing:
        raise WardError(
            f"Tệp {path.name} thiếu cột: {', '.join(missing)} (dòng tiêu đề: {', '.join(_cell_text(h) for h in header)})."
        )
    with ward.read() as s:
        procs = list(s.scalars(select(Procedure).order_by(Procedure.effective_from)))
    by_code = {p.code: p for p in procs}
    by_name = {fold(p.name): p for p in procs}
    new_procs: dict[str, _NewProcedure] = {}
    records: list[HistoricDossier] = []
    row_of: dict[str, int] = {}
    for rowno, cells in rows:
        if all(_cell_text(c) == "" for c in cells):
            continue
        res.rows += 1
        if progress is not None and res.rows % 500 == 0:
            progress(res.rows, 0)
        if res.rows > MAX_ROWS:
            raise WardError(f"Tệp có hơn {MAX_ROWS} dòng; hãy chia nhỏ.")
        raw = {k: cells[i] if i < len(cells) else None for i, k in enumerate(keys) if k}
        code = _cell_text(raw.get("code"))
        if code:
            if code in row_of:
                res.errors.append((rowno, f"mã hồ sơ {code} trùng với dòng {row_of[code]}"))
                continue
            row_of[code] = rowno
        try:
            rec = _parse_row(raw, rules, by_code, by_name, new_procs, now)
        except ValidationError as exc:
            res.errors.append((rowno, str(exc)))
            continue
        records.append(rec)
    sha = import_jobs.file_sha256(path)
    with ward.read() as s:
        skip = import_jobs.resume_point(s, path, sha)
    # written in order of receipt (logbook numbers follow it); an interrupted import committed
    # the first ``skip`` of the same order, whose codes are in the database already
    records.sort(key=lambda r: r.received_at)
    for code in import_jobs.existing_codes(ward, [r.code for r in records[skip:] if r.code]):
        res.errors.append((row_of[code], f"mã hồ sơ {code} đã có trong cơ sở dữ liệu"))
    res.errors.sort()
    res.new_procedures = [p.name for p in new_procs.values()]
    res.resumed_from = skip
    if res.errors or dry_run:
        return res
    avoid = {r.code for r in records if r.code}

    def first_batch(s):
        add_procedures(s, new_procs.values())
        for rec in records:
            if isinstance(rec.procedure_id, _NewProcedure):
                rec.procedure_id = rec.procedure_id.proc.id

    def write(s, chunk):
        write_historic(s, ward.office(s), rules.settings["code_pattern"], chunk, actor, avoid)

    res.written = import_jobs.write_batches(ward, path, sha, records, first_batch, write)
    return res


def _numeric_cell_digits(v, width: int, shortest: int) -> str | None:
    """Excel turns '0912345678' typed as a number into 912345678: put the zeros back."""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        text = str(int(v))
        if shortest <= len(text) < width:
            return text.zfill(width)
    return None


def _parse_row(raw, rules, by_code, by_name, new_procs, now) -> HistoricDossier:
    t = {k: _cell_text(v) for k, v in raw.items()}
    t["phone"] = _numeric_cell_digits(raw.get("phone"), 10, 9) or t.get("phone", "")
    t["applicant_id"] = _numeric_cell_digits(raw.get("applicant_id"), 12, 10) or t.get(
        "applicant_id", ""
    )
    times = {
        k: _cell_time(raw.get(k), k)
        for k in ("received_at", "due_at", "resolved_at", "returned_at", "status_at", "apology_at")
    }
    received = times["received_at"]
    if received is None:
        raise ValidationError("received_at", "chưa có thời điểm tiếp nhận")
    for k, v in times.items():
        if v is not None and k != "due_at" and v > now:
            raise ValidationError(k, f"{fmt_local(v)} ở tương lai")
        if v is not None and k != "due_at" and v < received:
            raise ValidationError(
                k, f"{fmt_local(v)} trước thời điểm tiếp nhận {fmt_local(received)}"
            )
    name = validation.required_text(t.get("applicant_name"), "applicant_name")
    proc = by_code.get(t.get("procedure_code", "")) or by_name.get(
        fold(t.get("procedure_name", ""))
    )
    due = times["due_at"]
    if proc is None:
        pname, pfield = t.get("procedure_name", ""), t.get("field", "")
        if not (pname and pfield and due):
            raise ValidationError(
                "procedure_code",
                f"thủ tục '{t.get('procedure_code') or pname}' không có trong danh mục; "
                "cần ghi tên thủ tục, lĩnh vực và hạn giải quyết (due_at) để thêm mới",
            )
        key = fold(pname)
        if key not in new_procs:
            code = t.get("procedure_code") or "IMP-" + hashlib.sha1(key.encode()).hexdigest()[:8]
            limit = max(0, rules.calendar.working_days_between(received.date(), due.date()))
            new_procs[key] = _NewProcedure(code, pname, pfield, float(limit))
        proc_ref = new_procs[key]
        fee = 0
    else:
        proc_ref = proc.id
        fee = proc.fee
        if due is None:
            due = procedure_due(rules, proc, received)
    if due < received:
        raise ValidationError("due_at", f"{fmt_local(due)} trước thời điểm tiếp nhận")
    status_text = t.get("status", "")
    if status_text:
        status = (
            status_text.lower()
            if status_text.lower() in STATUSES
            else STATUS_ALIASES.get(fold(status_text))
        )
        if status is None:
            raise ValidationError(
                "status", f"'{status_text}' không phải trạng thái hợp lệ ({', '.join(STATUSES)})"
            )
    elif times["returned_at"]:
        status = "returned"
    elif times["resolved_at"]:
        status = "resolved"
    else:
        status = "in_progress"
    resolved, returned, status_at = times["resolved_at"], times["returned_at"], times["status_at"]
    if status in ("resolved", "returned") and resolved is None:
        raise ValidationError("resolved_at", f"trạng thái '{status}' cần thời điểm có kết quả")
    if status == "returned" and returned is None:
        raise ValidationError("returned_at", "trạng thái 'returned' cần thời điểm trả kết quả")
    if returned is not None and (resolved is None or returned < resolved):
        raise ValidationError("returned_at", "trả kết quả phải sau khi có kết quả (resolved_at)")
    if status in ("withdrawn", "refused"):
        if status_at is None:
            raise ValidationError("status_at", f"trạng thái '{status}' cần thời điểm (status_at)")
        if resolved is not None:
            raise ValidationError(
                "resolved_at", f"hồ sơ '{status}' không thể có thời điểm có kết quả"
            )
    elif status not in ("resolved", "returned") and resolved is not None:
        raise ValidationError("status", f"hồ sơ có kết quả nhưng trạng thái là '{status}'")
    if status_at is None:
        status_at = max(x for x in (received, resolved, returned) if x is not None)
    return HistoricDossier(
        procedure_id=proc_ref,
        code=t.get("code", ""),
        applicant_name=name,
        applicant_id=validation.citizen_id(t.get("applicant_id", ""), current_year=now.year),
        phone=validation.phone(t.get("phone", "")),
        address=t.get("address", ""),
        channel=validation.channel(t.get("channel") or "direct"),
        fee=fee,
        received_at=received,
        due_at=due,
        resolved_at=resolved,
        returned_at=returned,
        closed_at=status_at if status in ("withdrawn", "refused") else None,
        status=status,
        status_at=status_at,
        apology_at=times["apology_at"],
        note=t.get("note", ""),
    )


def _export_rows(s: Session) -> Iterable[list]:
    first_apology = {
        d: at
        for d, at in s.execute(
            select(Apology.dossier_id, Apology.issued_at).where(Apology.nth == 1)
        )
    }
    q = (
        select(Dossier, Procedure.code, Procedure.name, Procedure.field)
        .join(Procedure, Procedure.id == Dossier.procedure_id)
        .order_by(Dossier.received_at, Dossier.id)
        .execution_options(yield_per=5000)
    )
    for d, pcode, pname, pfield in s.execute(q):
        yield [
            d.code,
            pcode,
            pname,
            pfield,
            d.applicant_name,
            d.applicant_id,
            d.phone,
            d.address,
            d.channel,
            fmt_local(d.received_at),
            fmt_local(d.due_at),
            fmt_local(d.resolved_at),
            fmt_local(d.returned_at),
            d.status,
            fmt_local(d.status_at),
            fmt_local(first_apology.get(d.id)),
            d.note,
        ]


def export_logbook(ward: Ward, path: str | Path) -> int:
    """Write every dossier; to a temporary file first, renamed when complete."""
    # openpyxl here, not at the top: importing it costs 0.17 s of the program's start-up
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise WardError(f"Chỉ xuất được tệp .csv hoặc .xlsx (không phải '{path.suffix}').")
    n = 0
    with atomic_target(path) as tmp, ward.read() as s:
        if suffix == ".csv":
            with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
                w = csv.writer(fh)
                w.writerow(COLUMNS)
                for row in _export_rows(s):
                    w.writerow(inert.csv_row(row))
                    n += 1
        else:
            wb = Workbook(write_only=True)
            ws = wb.create_sheet("So theo doi")
            header = []
            for c in COLUMNS:
                cell = WriteOnlyCell(ws, value=c)
                cell.font = Font(bold=True)
                header.append(cell)
            ws.append(header)
            for row in _export_rows(s):
                ws.append(inert.xlsx_row(ws, row))
                n += 1
            wb.save(tmp)
    return n
