"""Register queries (sổ theo dõi): filters, search and paging for the register screen.

The GUI's table model asks for a count and for pages of rows; it never loads the register at
once (a city database holds a million dossiers).  Search ignores diacritics and maps đ→d.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from db import search_index
from db.backend import among, backend_for
from db.models import Apology, Dossier, Office, Procedure
from wardapp.calendar.urgency import due_by
from wardapp.common.text import fold
from wardapp.dossiers import search as register_search
from wardapp.dossiers.lifecycle.statuses import OPEN_STATUSES
from wardapp.office.store import Rules

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
    due_within_days: int | None = None  # open, due by the end of the Nth working day ahead
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
    rating: str = ""  # the citizen's answer at return, "" not asked (it greys 'Hỏi ý kiến…')
    # The date the last apology letter promised, when there is one: the date the applicant
    # now holds, which the register shows and colours by; ``due`` stays the statutory date
    # the reports measure against (a re-appointed dossier is still counted late).
    reappointed: datetime | None = None

    @property
    def shown_due(self) -> datetime:
        return self.reappointed or self.due


_ROW_COLUMNS = (
    Dossier.id,
    Dossier.code,
    Dossier.applicant_name,
    Dossier.procedure_id,
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
    Dossier.rating,
)


def _indexed(s: Session, folded: str) -> bool:
    """The search index answers one contiguous substring of code, name, ID or phone, when it
    is long enough for it."""
    return len(folded) >= backend_for(s).search_min_length and search_index.exists(s)


def _search(text_: str, s: Session, by_order: bool):
    folded = fold(text_)
    digits = "".join(ch for ch in text_ if ch.isdigit())
    if _indexed(s, folded):
        key = (Dossier.id + 0) if by_order else Dossier.id
        return backend_for(s).search_condition(key, folded)
    options = [Dossier.code.like(f"{text_}%"), Dossier.applicant_name_folded.like(f"%{folded}%")]
    if digits and len(digits) >= 4:
        options += [Dossier.applicant_id.like(f"{digits}%"), Dossier.phone.like(f"%{digits}%")]
    return or_(*options)


def conditions(f: Filters, rules: Rules, now: datetime, s: Session, by_order: bool = False) -> list:
    """Conditions on ``dossier`` alone (no join), so counts and id lists read one index.

    ``by_order``: the caller knows many rows match a search, so reading the sort column's index
    and testing each row beats fetching every match and sorting it; ``+ 0`` keeps SQLite from
    starting from the search index instead (it has no statistics to tell)."""
    backend = backend_for(s)
    c = []
    text_ = f.search.strip()
    if text_:
        c.append(_search(text_, s, by_order))
    if f.statuses:
        c.append(Dossier.status.in_(f.statuses))
    if f.field:
        c.append(Dossier.procedure_id.in_(select(Procedure.id).where(Procedure.field == f.field)))
    if f.channel:
        c.append(Dossier.channel == f.channel)
    if f.received_from:
        c.append(Dossier.received_at >= f.received_from)
    if f.received_to:
        c.append(Dossier.received_at < f.received_to)
    # keeps SQLite on the (status, due) index: the open-dossier index it would otherwise
    # pick walks every open dossier (0.15 s on a million) to find today's few hundred
    open_ = and_(
        backend.unindexed(Dossier.finished_at).is_(None), Dossier.status.in_(OPEN_STATUSES)
    )
    if f.late or f.late_without_apology or f.backlog:
        c += [open_, Dossier.due_at < now]
    if f.late_without_apology:
        c.append(Dossier.apology_count == 0)
    if f.backlog:
        c.append(Dossier.status_at <= Dossier.due_at)
    if f.due_within_days is not None:
        c += [
            open_,
            Dossier.due_at >= now,
            Dossier.due_at < due_by(rules.calendar, now, f.due_within_days),
        ]
    if f.resolved_not_returned:
        c.append(Dossier.status == "resolved")
    if f.office_code:
        c.append(
            Dossier.office_id.in_(select(Office.id).where(Office.agency_code == f.office_code))
        )
    return c


# Sort keys with an index of their own; above this many matches a page reads that index.
ORDER_INDEXED = {"received", "applicant", "code"}
MANY = 20_000


def _by_order(sort: str, matches: int | None) -> bool:
    return sort in ORDER_INDEXED and matches is not None and matches > MANY


def _indexed_search(s: Session, f: Filters) -> str | None:
    """The folded term when ``f`` is a search and nothing else, and the index can answer it:
    then the index alone gives the count and the first page."""
    folded = fold(f.search.strip())
    if folded and f == Filters(search=f.search) and _indexed(s, folded):
        return folded
    return None


# A search's count may stop above this (``count_text``): see the backends' ``search_count``.
COUNT_CAP = register_search.COUNT_CAP


def count_text(n: int) -> str:
    """A count as shown: "hơn 10.000" when the backend stopped counting above the cap."""
    return f"hơn {COUNT_CAP:,}".replace(",", ".") if n > COUNT_CAP else str(n)


def count(s: Session, f: Filters, rules: Rules, now: datetime) -> int:
    term = _indexed_search(s, f)
    if term is not None:  # one index row per dossier: count the postings, not the rows
        return backend_for(s).search_count(s, term, COUNT_CAP)
    if f == Filters(statuses=f.statuses):  # the whole register or statuses alone: a server
        kept = backend_for(s).status_count(s, f.statuses)  # keeps these counts (exact)
        if kept is not None:
            return kept
    q = select(func.count()).select_from(Dossier).where(*conditions(f, rules, now, s))
    return s.scalar(q) or 0


def _ordered(q: Select, sort: str, descending: bool) -> Select:
    key = COLUMNS.get(sort, COLUMNS["received"])[1]
    if sort in ("procedure", "field"):  # the only keys that need the catalogue's columns
        q = q.join(Procedure, Procedure.id == Dossier.procedure_id)
    order = (key.desc(), Dossier.id.desc()) if descending else (key.asc(), Dossier.id.asc())
    return q.order_by(*order)


def _rows(s: Session, records) -> list[Row]:
    names = {
        pid: (name, field)
        for pid, name, field in s.execute(select(Procedure.id, Procedure.name, Procedure.field))
    }
    records = list(records)
    again = _reappointed(s, [r[0] for r in records if r[10]])
    out = []
    for r in records:
        name, field = names.get(r[3], ("", ""))
        out.append(Row(r[0], r[1], r[2], name, field, *r[4:], reappointed=again.get(r[0])))
    return out


def _reappointed(s: Session, apologised: list[int]) -> dict[int, datetime]:
    """The latest new date of each apologised dossier of a page (one query, none when the
    page has no apologised dossier)."""
    if not apologised:
        return {}
    q = (
        select(Apology.dossier_id, func.max(Apology.new_due_at))
        .where(Apology.dossier_id.in_(apologised))
        .group_by(Apology.dossier_id)
    )
    return {i: due for i, due in s.execute(q) if due is not None}


def _matching(cols, s: Session, f: Filters, rules: Rules, now: datetime, sort, descending, matches):
    by_order = _by_order(sort, matches)
    return _ordered(select(*cols).where(*conditions(f, rules, now, s, by_order)), sort, descending)


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
    matches: int | None = None,
) -> list[Row]:
    """``matches``: the count, when the caller has it, to choose the plan (see ``conditions``)."""
    q = _matching(_ROW_COLUMNS, s, f, rules, now, sort, descending, matches)
    return _rows(s, s.execute(q.offset(offset).limit(limit)))


def ids(
    s: Session,
    f: Filters,
    rules: Rules,
    now: datetime,
    *,
    sort: str = "received",
    descending: bool = True,
    matches: int | None = None,
) -> array:
    """Every matching id in display order: 8 bytes a dossier, so the table can jump to any row
    by slicing instead of an OFFSET that walks the index from the top.  Where the count
    stopped at the cap (a server's search), the table has that many rows: no more are read
    (the rest of "079" on a million dossiers is 238,758 ids and 1.2 s of the server's time)."""
    q = _matching((Dossier.id,), s, f, rules, now, sort, descending, matches)
    if matches == COUNT_CAP + 1:
        q = q.limit(matches)
    return array("q", s.scalars(q))


def first_page(
    s: Session,
    f: Filters,
    rules: Rules,
    now: datetime,
    *,
    limit: int,
    sort: str = "received",
    descending: bool = True,
    counted: bool = True,
) -> tuple[int | None, list[Row]]:
    """The count and the first page, read together (one snapshot, and for a search one pass
    over the index where the plain queries would make two; see ``register_search``).  Not
    ``counted``, a search's count may be None: ask ``count`` after showing the page."""
    term = _indexed_search(s, f) if sort == "received" else None
    if term is not None:
        found = register_search.first_ids(s, term, limit, descending, counted)
        if found is not None:
            return found[0], rows_by_id(s, found[1])
    n = count(s, f, rules, now)
    return n, page(
        s, f, rules, now, offset=0, limit=limit, sort=sort, descending=descending, matches=n
    )


def rows_by_id(s: Session, wanted) -> list[Row]:
    """The rows of ``wanted`` (a slice of ``ids``), in that order."""
    wanted = list(wanted)
    if not wanted:
        return []
    by_id = {r[0]: r for r in s.execute(select(*_ROW_COLUMNS).where(among(Dossier.id, wanted)))}
    return _rows(s, [by_id[i] for i in wanted if i in by_id])


def fields(s: Session) -> list[str]:
    return sorted(set(s.scalars(select(Procedure.field))))


def wards(s: Session) -> list[Office]:
    """The wards of a city database, by name (the register's ward filter)."""
    return list(s.scalars(select(Office).where(Office.kind == "ward").order_by(Office.name)))


def code_ids(s: Session, prefix: str, limit: int = 500) -> list[int]:
    """Ids of dossiers whose code starts with ``prefix`` (a clerk typing a code into the
    list), as a range on the code's unique index: a LIKE would scan every dossier (SQLite's
    is case-insensitive, so it cannot use the index).  Codes are upper-case ASCII."""
    prefix = prefix.strip().upper()
    if not prefix:
        return []
    after = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    q = select(Dossier.id).where(Dossier.code >= prefix, Dossier.code < after)
    return list(s.scalars(q.order_by(Dossier.code).limit(limit)))
