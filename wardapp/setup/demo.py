"""A realistic demo year for a ward: the mix of procedures and channels a ward sees, most
dossiers on time, a few late (most of those apologised), some withdrawn or refused, recent ones
still open, and a few results handed over but never recorded — the faults the reviews find.

Deterministic for a given seed and end date, so tests and screenshots are repeatable.
"""

from __future__ import annotations

import random
from contextlib import nullcontext
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from db import search_index
from db.models import Office, Procedure, Staff
from db.models_initiatives import Initiative
from wardapp.calendar.deadlines import next_open
from wardapp.common.clock import now_local
from wardapp.common.errors import WardError
from wardapp.common.ids import new_uuid
from wardapp.dossiers.bulk import HistoricDossier, write_historic
from wardapp.dossiers.lifecycle.intake import procedure_due
from wardapp.indicators.commitment import seed_commitment
from wardapp.office import identity
from wardapp.office.store import Ward
from wardapp.setup.office import init_office
from wardapp.trust import auth

DEMO_OFFICE = {
    "name": "Phường Xuân An",
    "agency_code": "000.23.31.H26",
    "parent": "Ủy ban nhân dân tỉnh Lâm Đồng",
    "address": "Số 1 đường Trường Chinh, phường Xuân An",
    "chairman": "Nguyễn Văn Bình",
}
HO = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trương",
]
DEM = [
    "Văn",
    "Thị",
    "Hữu",
    "Minh",
    "Thanh",
    "Ngọc",
    "Đức",
    "Quang",
    "Thu",
    "Kim",
    "Xuân",
    "Hoài",
    "Gia",
    "Bảo",
]
TEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hòa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Ngân",
    "Nhung",
    "Phong",
    "Phúc",
    "Quân",
    "Quỳnh",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thắng",
    "Trang",
    "Trung",
    "Tuấn",
    "Vy",
    "Yến",
    "Đạt",
]
STREETS = [
    "Trường Chinh",
    "Lê Hồng Phong",
    "Nguyễn Tất Thành",
    "Đinh Tiên Hoàng",
    "Hai Bà Trưng",
    "Võ Thị Sáu",
]
# Relative frequency of procedures at a ward desk, by catalogue code prefix.
WEIGHT_BY_PREFIX = {"CT.01": 30, "CT.03": 10, "1.001193": 8, "HT.15": 8, "HT.09": 4, "DD.": 2}
LATE_REASONS = (
    "Cơ quan phối hợp chậm trả kết quả xác minh",
    "Hồ sơ cần xác minh thêm thông tin tại nơi cư trú trước đây",
    "Hệ thống phần mềm liên thông gặp sự cố",
)
AGENCIES = (
    "Văn phòng đăng ký đất đai tỉnh",
    "Chi nhánh Văn phòng đăng ký đất đai",
    "Công an phường",
)


def _weight(code: str) -> int:
    for prefix, w in WEIGHT_BY_PREFIX.items():
        if code.startswith(prefix):
            return w
    return 3


def _name(rng: random.Random) -> str:
    return f"{rng.choice(HO)} {rng.choice(DEM)} {rng.choice(TEN)}"


def _citizen_id(rng: random.Random) -> str:
    year = rng.randint(1950, 2006)
    century = 0 if year < 2000 else 2
    return f"{rng.choice((68, 60, 79, 1, 48)):03d}{century + rng.randint(0, 1)}{year % 100:02d}{rng.randint(0, 999999):06d}"


def _phone(rng: random.Random) -> str:
    return f"0{rng.choice('35789')}{rng.randint(0, 99_999_999):08d}"


def _spread(t: datetime, start: time, end: time) -> int:
    """Minutes into the session ``start``–``end`` for a moment ``t`` that fell outside desk
    hours: taken from ``t`` itself, not from the random stream, so that every other figure of
    a seed's demo stays what it was."""
    span = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return (t.hour * 60 + t.minute) % max(1, span)


def at_desk(rules, t: datetime) -> datetime:
    """``t`` when the desk is open then, else a moment of the next session: a dossier sent
    online at night is taken in, and a result handed back, while the desk is open."""
    opened = next_open(rules.calendar, rules.hours, t)
    if opened == t:
        return t
    end = next(b for a, b in rules.hours.sessions if a == opened.time())
    return opened + timedelta(minutes=_spread(t, opened.time(), end))


def desk_before(rules, t: datetime) -> datetime:
    """The latest desk moment not after ``t`` (a dossier of the demo's last day)."""
    cal, sessions = rules.calendar, rules.hours.sessions
    d = t.date()
    if cal.is_working_day(d):
        for start, end in reversed(sessions):
            if start <= t.time():
                return min(t, datetime.combine(d, end) - timedelta(minutes=1))
    d = cal.previous_working_day(d)
    start, end = sessions[-1]
    return datetime.combine(d, start) + timedelta(minutes=_spread(t, start, end))


def _receipt_time(rng, ward_rules, day: date, online: bool) -> datetime:
    if online and rng.random() < 0.3:  # sent at any hour, taken in when the desk opens
        t = datetime.combine(day, time(rng.randint(0, 23), rng.randint(0, 59)))
        return at_desk(ward_rules, t)
    start, end = rng.choice(ward_rules.hours.sessions)
    lo = start.hour * 60 + start.minute
    hi = end.hour * 60 + end.minute - 1
    m = rng.randint(lo, hi)
    return datetime.combine(day, time(m // 60, m % 60))


# Demo accounts share one password, printed on the sign-in dialog of a demo database only.
DEMO_PASSWORD = "demo1234"
DEMO_ACCOUNTS = ("canbo1", "canbo2", "chutich", "quantri")


def refusal(path, found) -> str:
    """Demo dossiers go only into a database the demo made (or an empty one): fake dossiers in
    an office's real file would count in its reports and travel to the city.  ``found``: the
    file's identity (``wardapp.office.identity.file_identity``)."""
    who = identity.describe(found.office_code, found.office_name, found.kind, False)
    return f"{path} là dữ liệu thật của {who}, không phải dữ liệu mẫu: không ghi hồ sơ mẫu vào."


def _setup(ward: Ward, end: datetime) -> None:
    """Demo office (when the database is empty, marked as demo data), staff, and commitments
    for the years shown.  Refuses a database with an office the demo did not make."""
    with ward.read() as s:
        has_office = s.scalars(select(Office)).first() is not None
    if not has_office:
        identity.mark_demo(ward)  # first: a run stopped in between leaves no unmarked office
        init_office(ward, year=end.year, **DEMO_OFFICE)
    elif not identity.is_demo(ward):
        raise WardError(refusal(ward.path, identity.file_identity(ward.path)))
    with ward.write() as s:
        office = ward.office(s)
        for y in (end.year - 1, end.year):
            c = seed_commitment(s, office, y)
            c.signer = c.signer or office.chairman
        if s.scalars(select(Staff)).first() is None:
            pw = auth.hash_password(DEMO_PASSWORD)
            for username, full_name, title, role in (
                ("canbo1", "Trần Thị Thu Hà", "Công chức Văn phòng - Thống kê", "clerk"),
                ("canbo2", "Lê Văn Đức", "Công chức Tư pháp - Hộ tịch", "clerk"),
                ("chutich", office.chairman, "Chủ tịch", "leader"),
                ("quantri", "Phạm Minh Quân", "Quản trị hệ thống", "admin"),
            ):
                s.add(
                    Staff(
                        office_id=office.id,
                        username=username,
                        full_name=full_name,
                        title=title,
                        role=role,
                        password_hash=pw,
                    )
                )
    ward.invalidate()  # the demo accounts end setup mode
    _initiatives(ward, end)


RATING_MIX = ("hai_long", "binh_thuong", "khong_hai_long")
# Two initiatives of the demo ward: one recognised by a decision (counted), one proposed.
DEMO_INITIATIVES = (
    ("Trả kết quả hộ tịch qua tin nhắn Zalo của phường", "Trần Thị Thu Hà, Lê Văn Đức", "Hộ tịch"),
    ("Phiếu hẹn có mã QR tra cứu tình trạng hồ sơ", "Lê Văn Đức", "Một cửa"),
)


def _initiatives(ward: Ward, end: datetime) -> None:
    """Written directly, like the demo's commitments: the accounts made a moment ago have
    ended setup mode, and nobody is signed in yet."""
    now = now_local()
    with ward.write() as s:
        if s.scalars(select(Initiative)).first() is not None:
            return
        office = ward.office(s)
        for n, (title, authors, field) in enumerate(DEMO_INITIATIVES):
            proposed, decided = date(end.year, 2 + 3 * n, 10), date(end.year, 4, 15)
            if proposed > end.date():
                continue
            recognised = n == 0 and decided <= end.date()
            s.add(
                Initiative(
                    uuid=new_uuid(),
                    office_id=office.id,
                    title=title,
                    authors=authors,
                    field=field,
                    proposed_on=proposed,
                    status="recognised" if recognised else "proposed",
                    decision_no="45/QĐ-UBND" if recognised else "",
                    decision_on=decided if recognised else None,
                    note="",
                    created_at=now,
                    updated_at=now,
                    version=1,
                )
            )


def _fate(
    rng: random.Random, r: HistoricDossier, rules, start: datetime, end: datetime, land: bool
) -> None:
    """Decide what became of a dossier by ``end``: withdrawn, refused, resolved (early, on time
    or late, with an apology for most late ones), returned, or still open."""
    received, due, cal = r.received_at, r.due_at, rules.calendar
    fate = rng.random()
    if fate < 0.01:
        withdrawn = at_desk(rules, start + timedelta(hours=rng.randint(1, 48)))
        r.status, r.closed_at = "withdrawn", min(end, withdrawn)
        r.status_at = r.closed_at
        r.note = "Người nộp có đơn xin rút hồ sơ"
        return
    if fate < 0.015:
        r.status, r.closed_at, r.status_at = "refused", received, received
        r.note = "Hồ sơ không thuộc thẩm quyền giải quyết"
        return
    if fate > 0.97:  # late
        resolved = datetime.combine(cal.add_working_days(due.date(), rng.randint(1, 4)), due.time())
        if rng.random() < 0.75:
            notice = datetime.combine(cal.previous_working_day(due.date()), time(9, 0))
            r.apology_at = max(min(notice, due), received)
            r.apology_reason = rng.choice(LATE_REASONS)
            r.apology_new_due = datetime.combine(cal.add_working_days(due.date(), 5), due.time())
            if r.apology_at > end:
                r.apology_at = None
    else:
        span = max((due - start).total_seconds(), 60)
        resolved = start + timedelta(seconds=span * rng.uniform(0.3, 1.0))
    if received <= resolved <= end:
        r.resolved_at = resolved
        r.status, r.status_at = "resolved", resolved
        returned = resolved + timedelta(hours=rng.randint(1, 72))
        # the draw as before (the stream stays a seed's); then the desk's next open moment
        if returned <= end and rng.random() < 0.97 and at_desk(rules, returned) <= end:
            r.returned_at = at_desk(rules, returned)
            r.status, r.status_at = "returned", r.returned_at
    elif land and rng.random() < 0.6:
        r.status = "forwarded"
        r.agency = rng.choice(AGENCIES)
        r.status_at = min(end, start + timedelta(hours=4))


def _dossier(rng, rules, procs, weights, days, end: datetime) -> HistoricDossier:
    """One demo dossier received on one of ``days``, with its fate up to ``end``."""
    proc = rng.choices(procs, weights)[0]
    online = rng.random() < 0.35
    channel = "online" if online else ("postal" if rng.random() < 0.03 else "direct")
    received = _receipt_time(rng, rules, rng.choice(days), online)
    if received > end:
        received = desk_before(rules, end - timedelta(minutes=rng.randint(1, 600)))
    r = HistoricDossier(
        procedure_id=proc.id,
        applicant_name=_name(rng),
        applicant_id=_citizen_id(rng),
        phone=_phone(rng),
        address=f"{rng.randint(1, 300)} {rng.choice(STREETS)}, phường Xuân An",
        channel=channel,
        full_online=online and rng.random() < 0.6,
        fee=proc.fee,
        received_at=received,
        due_at=procedure_due(rules, proc, received),
        status="in_progress",
        status_at=received,
    )
    r.paid_online = r.fee > 0 and online and rng.random() < 0.5
    start = next_open(rules.calendar, rules.hours, received)
    _fate(rng, r, rules, start, end, proc.field == "Đất đai")
    return r


def generate(
    ward: Ward,
    *,
    dossiers: int = 3000,
    seed: int = 1,
    end: datetime | None = None,
    span_days: int = 365,
    chunk: int = 50_000,
) -> int:
    """Add ``dossiers`` demo dossiers received over ``span_days`` before ``end``, in
    transactions of ``chunk`` dossiers; creates the demo office first when the database is
    empty.  Returns the number written."""
    auth.require(ward, "dossier")  # before _setup: a fresh database is in setup mode
    rng = random.Random(seed)
    end = end or now_local()
    _setup(ward, end)
    rules = ward.rules()
    cal = rules.calendar
    with ward.read() as s:
        procs = list(s.scalars(select(Procedure).where(Procedure.active)))
    weights = [_weight(p.code) for p in procs]
    days = []
    d = (end - timedelta(days=span_days)).date()
    while d <= end.date():
        if cal.is_working_day(d):
            days.append(d)
        d += timedelta(days=1)
    # many chunks: stack the search index's segments and merge them once at the end
    hold = search_index.merges_held(ward.write) if dossiers > chunk else nullcontext()
    written = 0
    # The citizens' answers from a generator of their own, so every other demo figure stays
    # what the same seed always gave.
    answers = random.Random(seed * 7919 + 1)
    with hold:
        while written < dossiers:
            n = min(chunk, dossiers - written)
            records = [_dossier(rng, rules, procs, weights, days, end) for _ in range(n)]
            for r in records:
                if r.returned_at is not None and answers.random() < 0.6:
                    r.rating = answers.choices(RATING_MIX, (85, 11, 4))[0]
            records.sort(key=lambda x: x.received_at)
            with ward.write() as s:
                write_historic(s, ward.office(s), rules.settings["code_pattern"], records, "demo")
            written += len(records)
    return written
