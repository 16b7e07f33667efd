"""A realistic demo year for a ward: the mix of procedures and channels a ward sees, most
dossiers on time, a few late (most of those apologised), some withdrawn or refused, recent ones
still open, and a few results handed over but never recorded — the faults the reviews find.

Deterministic for a given seed and end date, so tests and screenshots are repeatable.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from db.models import Procedure, Staff
from wardapp.bulk import HistoricDossier, write_historic
from wardapp.clock import now_local
from wardapp.deadlines import next_open
from wardapp.lifecycle import procedure_due
from wardapp.office import init_office, seed_commitment
from wardapp.store import Ward

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


def _receipt_time(rng, ward_rules, day: date, online: bool) -> datetime:
    if online and rng.random() < 0.3:
        return datetime.combine(day, time(rng.randint(0, 23), rng.randint(0, 59)))
    start, end = rng.choice(ward_rules.hours.sessions)
    lo = start.hour * 60 + start.minute
    hi = end.hour * 60 + end.minute - 1
    m = rng.randint(lo, hi)
    return datetime.combine(day, time(m // 60, m % 60))


def generate(
    ward: Ward, *, dossiers: int = 3000, seed: int = 1, end: datetime | None = None
) -> int:
    """Add ``dossiers`` demo dossiers received over the year before ``end``; creates the demo
    office first when the database is empty.  Returns the number written."""
    rng = random.Random(seed)
    end = end or now_local()
    with ward.read() as s:
        from db.models import Office

        has_office = s.scalars(select(Office)).first() is not None
    if not has_office:
        init_office(ward, year=end.year, **DEMO_OFFICE)
    rules = ward.rules()
    cal = rules.calendar
    with ward.write() as s:
        office = ward.office(s)
        for y in (end.year - 1, end.year):
            c = seed_commitment(s, office, y)
            c.signer = c.signer or office.chairman
        if s.scalars(select(Staff)).first() is None:
            s.add_all(
                [
                    Staff(
                        office_id=office.id,
                        username="canbo1",
                        full_name="Trần Thị Thu Hà",
                        title="Công chức Văn phòng - Thống kê",
                    ),
                    Staff(
                        office_id=office.id,
                        username="canbo2",
                        full_name="Lê Văn Đức",
                        title="Công chức Tư pháp - Hộ tịch",
                    ),
                    Staff(
                        office_id=office.id,
                        username="chutich",
                        full_name=office.chairman,
                        title="Chủ tịch",
                        role="leader",
                    ),
                ]
            )
        procs = list(s.scalars(select(Procedure).where(Procedure.active)))
        weights = [_weight(p.code) for p in procs]
        days = []
        d = (end - timedelta(days=365)).date()
        while d <= end.date():
            if cal.is_working_day(d):
                days.append(d)
            d += timedelta(days=1)
        records = []
        for _ in range(dossiers):
            proc = rng.choices(procs, weights)[0]
            day = rng.choice(days)
            online = rng.random() < 0.35
            channel = "online" if online else ("postal" if rng.random() < 0.03 else "direct")
            received = _receipt_time(rng, rules, day, online)
            if received > end:
                received = end - timedelta(minutes=rng.randint(1, 600))
            due = procedure_due(rules, proc, received)
            start = next_open(cal, rules.hours, received)
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
                due_at=due,
                status="in_progress",
                status_at=received,
            )
            r.paid_online = r.fee > 0 and online and rng.random() < 0.5
            fate = rng.random()
            if fate < 0.01:
                r.status, r.closed_at = (
                    "withdrawn",
                    min(end, start + timedelta(hours=rng.randint(1, 48))),
                )
                r.note = "Người nộp có đơn xin rút hồ sơ"
            elif fate < 0.015:
                r.status, r.closed_at = "refused", received
                r.note = "Hồ sơ không thuộc thẩm quyền giải quyết"
            else:
                late = fate > 0.97
                if late:
                    resolved = datetime.combine(
                        cal.add_working_days(due.date(), rng.randint(1, 4)), due.time()
                    )
                    if rng.random() < 0.75:
                        r.apology_at = min(
                            datetime.combine(cal.previous_working_day(due.date()), time(9, 0)),
                            due,
                        )
                        r.apology_at = max(r.apology_at, received)
                        r.apology_reason = rng.choice(LATE_REASONS)
                        r.apology_new_due = datetime.combine(
                            cal.add_working_days(due.date(), 5), due.time()
                        )
                else:
                    span = max((due - start).total_seconds(), 60)
                    resolved = start + timedelta(seconds=span * rng.uniform(0.3, 1.0))
                if r.apology_at and r.apology_at > end:
                    r.apology_at = None
                if resolved <= end and resolved >= received:
                    r.resolved_at = resolved
                    r.status, r.status_at = "resolved", resolved
                    returned = resolved + timedelta(hours=rng.randint(1, 72))
                    if returned <= end and rng.random() < 0.97:
                        r.returned_at = returned
                        r.status, r.status_at = "returned", returned
                elif proc.field == "Đất đai" and rng.random() < 0.6:
                    r.status = "forwarded"
                    r.agency = rng.choice(AGENCIES)
                    r.status_at = min(end, start + timedelta(hours=4))
            records.append(r)
        records.sort(key=lambda x: x.received_at)
        write_historic(s, office, rules.settings["code_pattern"], records, "demo")
    return len(records)
