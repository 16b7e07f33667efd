"""Reporting periods.  NĐ 09/2019/NĐ-CP Điều 12 closes periodic reports on the 14th: a quarter
runs from the 15th of the month before it to the 14th of its last month, a year from 15/12 to
14/12.  Some provinces use calendar quarters: the ``quarter_scheme`` setting chooses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Period:
    start: date  # first day, inclusive
    end: date  # last day, inclusive
    label: str = ""

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError(
                f"kỳ báo cáo: ngày kết thúc {self.end} trước ngày bắt đầu {self.start}"
            )

    def as_dict(self) -> dict:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(), "label": self.label}


def _last_day(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def month(year: int, m: int) -> Period:
    return Period(date(year, m, 1), _last_day(year, m), f"Tháng {m:02d}/{year}")


def _nd09(year: int, first_month: int, last_month: int, label: str) -> Period:
    sy, sm = (year - 1, 12) if first_month == 1 else (year, first_month - 1)
    return Period(date(sy, sm, 15), date(year, last_month, 14), label)


def quarter(year: int, q: int, scheme: str = "nd09") -> Period:
    if q not in (1, 2, 3, 4):
        raise ValueError(f"quý {q} không hợp lệ (1-4)")
    first, last = 3 * q - 2, 3 * q
    label = f"Quý {q}/{year}"
    if scheme == "nd09":
        return _nd09(year, first, last, label)
    return Period(date(year, first, 1), _last_day(year, last), label)


def half(year: int, h: int, scheme: str = "nd09") -> Period:
    if h not in (1, 2):
        raise ValueError(f"6 tháng {h} không hợp lệ (1-2)")
    first, last = (1, 6) if h == 1 else (7, 12)
    label = f"6 tháng {'đầu' if h == 1 else 'cuối'} năm {year}"
    if scheme == "nd09":
        return _nd09(year, first, last, label)
    return Period(date(year, first, 1), _last_day(year, last), label)


def year(y: int, scheme: str = "nd09") -> Period:
    if scheme == "nd09":
        return _nd09(y, 1, 12, f"Năm {y}")
    return Period(date(y, 1, 1), date(y, 12, 31), f"Năm {y}")


def iso_week(y: int, w: int) -> Period:
    start = date.fromisocalendar(y, w, 1)
    return Period(start, start + timedelta(days=6), f"Tuần {w:02d}/{y}")


def quarter_of(d: date, scheme: str = "nd09") -> Period:
    for y in (d.year, d.year + 1):
        for q in (1, 2, 3, 4):
            p = quarter(y, q, scheme)
            if p.start <= d <= p.end:
                return p
    raise AssertionError("unreachable")  # pragma: no cover
