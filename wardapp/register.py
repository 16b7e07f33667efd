"""Register queries (sổ theo dõi): filters, search and paging for the register screen.

The GUI's table model asks for a count and for pages of rows; it never loads the register at
once (a city database holds a million dossiers).  Search ignores diacritics and maps đ→d.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from db.models import Dossier, Office, Procedure
from wardapp.lifecycle import OPEN_STATUSES
from wardapp.store import Rules
from wardapp.text import fold

# Column key → (header, SQL expression used for sorting)
COLUMNS = {
    "code": ("Mã hồ sơ", Dossier.code),
    "status": ("Trạng thái", Dossier.status),
    "applicant": ("Người nộp", Dossier.applicant_name_folded),
    "due": ("Hẹn trả", Dossier.due_at),
    "procedure": ("Thủ tục", Procedure.name),
    "received": ("Tiếp nhận", Dossier.received_at),
    "field": ("Lĩnh vực", Procedure.field),
    "channel": ("Kênh", Dossier.channel),
    "resolved": ("Có kết quả", Dossier.resolved_at),
    "returned": ("Trả kết quả", Dossier.returned_at),
}
CHANNEL_LABELS = {"direct": "Trực tiếp", "online": "Trực tuyến", "postal": "Bưu chính"}


@dataclass
class Filters:
    search: str = ""
    statuses: tuple[str, ...] = ()
    field: str = ""
    channel: str = ""
    received_from: datetime | None = None
    received_to: datetime | None = None
    late: bool = False
    late_without_apology: bool = False
    backlog: bool = False  # past due, no status change since the due time
    due_within_days: int | None = None  # open and due within N working days (0 = today)
    resolved_not_returned: bool = False
    office_code: str = ""


@dataclass(frozen=True)
class Row:
    id: int
    code: str
    applicant: str
    procedure: str
    field: str
    channel: str
    received: datetime
    due: datetime
    status: str
    resolved: datetime | None
    returned: datetime | None
    apology_count: int
    finished: datetime | None
    phone: str
    applicant_id: str


def _base() -> Select:
    return select(
        Dossier.id,
        Dossier.code,
        Dossier.applicant_name,
        Procedure.name,
        Procedure.field,
        Dossier.channel,
        Dossier.received_at,
        Dossier.due_at,
        Dossier.status,
        Dossier.resolved_at,
        Dossier.returned_at,
        Dossier.apology_count,
        Dossier.finished_at,
        Dossier.phone,
        Dossier.applicant_id,
    ).join(Procedure, Procedure.id == Dossier.procedure_id)


def conditions(f: Filters, rules: Rules, now: datetime) -> list:
    c = []
    text = f.search.strip()
    if text:
        folded = fold(text)
        digits = "".join(ch for ch in text if ch.isdigit())
        options = [Dossier.code.like(f"{text}%"), Dossier.applicant_name_folded.like(f"%{folded}%")]
        if digits and len(digits) >= 4:
            options += [Dossier.applicant_id.like(f"{digits}%"), Dossier.phone.like(f"%{digits}%")]
        c.append(or_(*options))
    if f.statuses:
        c.append(Dossier.status.in_(f.statuses))
    if f.field:
        c.append(Procedure.field == f.field)
    if f.channel:
        c.append(Dossier.channel == f.channel)
    if f.received_from:
        c.append(Dossier.received_at >= f.received_from)
    if f.received_to:
        c.append(Dossier.received_at < f.received_to)
    open_ = and_(Dossier.finished_at.is_(None), Dossier.status.in_(OPEN_STATUSES))
    if f.late or f.late_without_apology or f.backlog:
        c += [open_, Dossier.due_at < now]
    if f.late_without_apology:
        c.append(Dossier.apology_count == 0)
    if f.backlog:
        c.append(Dossier.status_at <= Dossier.due_at)
    if f.due_within_days is not None:
        day = rules.calendar.first_working_on_or_after(now.date())
        if f.due_within_days > 0:
            day = rules.calendar.add_working_days(day, f.due_within_days)
        c += [
            open_,
            Dossier.due_at >= now,
            Dossier.due_at < datetime.combine(day + timedelta(days=1), time(0, 0)),
        ]
    if f.resolved_not_returned:
        c.append(Dossier.status == "resolved")
    if f.office_code:
        c.append(
            Dossier.office_id.in_(select(Office.id).where(Office.agency_code == f.office_code))
        )
    return c


def count(s: Session, f: Filters, rules: Rules, now: datetime) -> int:
    q = (
        select(func.count())
        .select_from(Dossier)
        .join(Procedure, Procedure.id == Dossier.procedure_id)
    )
    return s.scalar(q.where(*conditions(f, rules, now))) or 0


def page(
    s: Session,
    f: Filters,
    rules: Rules,
    now: datetime,
    *,
    offset: int,
    limit: int,
    sort: str = "received",
    descending: bool = True,
) -> list[Row]:
    key = COLUMNS.get(sort, COLUMNS["received"])[1]
    order = (key.desc(), Dossier.id.desc()) if descending else (key.asc(), Dossier.id.asc())
    q = _base().where(*conditions(f, rules, now)).order_by(*order).offset(offset).limit(limit)
    return [Row(*r) for r in s.execute(q)]


def fields(s: Session) -> list[str]:
    return sorted(set(s.scalars(select(Procedure.field))))


def wards(s: Session) -> list[Office]:
    """The wards of a city database, by name (the register's ward filter)."""
    return list(s.scalars(select(Office).where(Office.kind == "ward").order_by(Office.name)))
