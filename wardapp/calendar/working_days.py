"""Working days of the office.

A working day is Monday–Friday, minus the Vietnamese holidays the ``holidays`` package knows
(statutory days, lunar Tết and Giỗ Tổ, announced substitute days), then the office's own
overrides win: a holiday / compensatory or swapped day off removes a day, a make-up working
day (e.g. Saturday 10/01/2026 worked for Friday 02/01/2026) adds one.

Lookups are by bisect over a sorted list of working-day ordinals, built a few years at a time,
because the due date of every dossier in a million-row import goes through here.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import holidays as holidays_lib

OFF_KINDS = ("holiday", "compensatory_off", "swapped_off")
WORK_KINDS = ("makeup_workday",)
OVERRIDE_KINDS = OFF_KINDS + WORK_KINDS
KIND_LABELS = {
    "holiday": "Ngày nghỉ lễ",
    "compensatory_off": "Nghỉ bù",
    "swapped_off": "Nghỉ hoán đổi",
    "makeup_workday": "Ngày làm bù",
}
# Ngày Văn hóa Việt Nam: announced as a day off for 2026 but its enactment is unconfirmed
# (DOMAIN.md §3), so the ``calendar.culture_day_off`` setting decides.
CULTURE_DAY = (11, 24)


@dataclass(frozen=True)
class Override:
    day: date
    kind: str
    description: str = ""
    legal_basis: str = ""


class WorkCalendar:
    def __init__(self, overrides: Iterable[Override] = (), *, culture_day_off: bool = True):
        self._overrides: dict[date, Override] = {o.day: o for o in overrides}
        self.culture_day_off = culture_day_off
        self._years: tuple[int, int] | None = None
        self._ordinals: list[int] = []
        self._holiday_names: dict[date, str] = {}

    # -- building ---------------------------------------------------------------------------
    def _ensure(self, year: int) -> None:
        if self._years and self._years[0] <= year <= self._years[1]:
            return
        lo, hi = (year - 2, year + 3) if not self._years else self._years
        lo, hi = min(lo, year - 2), max(hi, year + 3)
        vn = holidays_lib.country_holidays("VN", years=range(lo, hi + 1), language="vi")
        names = {d: str(n) for d, n in vn.items()}
        ordinals = []
        d = date(lo, 1, 1)
        end = date(hi, 12, 31)
        one = timedelta(days=1)
        while d <= end:
            if self._is_working(d, names):
                ordinals.append(d.toordinal())
            d += one
        # range last: a reader on another thread never sees the new range with the old days
        self._ordinals, self._holiday_names = ordinals, names
        self._years = (lo, hi)

    def prepare(self, year: int) -> None:
        """Build the working days around ``year`` now (~85 ms for the holiday tables) instead
        of inside the first due-date question; the window does it off the GUI thread at start."""
        self._ensure(year)

    def _is_working(self, d: date, names: Mapping[date, str]) -> bool:
        o = self._overrides.get(d)
        if o is not None:
            return o.kind in WORK_KINDS
        if (d.month, d.day) == CULTURE_DAY and d in names and not self.culture_day_off:
            return d.weekday() < 5
        return d.weekday() < 5 and d not in names

    # -- queries ----------------------------------------------------------------------------
    def is_working_day(self, d: date) -> bool:
        self._ensure(d.year)
        i = bisect_left(self._ordinals, d.toordinal())
        return i < len(self._ordinals) and self._ordinals[i] == d.toordinal()

    def _at(self, index: int) -> date:
        while index >= len(self._ordinals):
            self._ensure(self._years[1] + 1)
        if index < 0:
            self._ensure(self._years[0] - 1)
            raise IndexError("calendar range exhausted")  # pragma: no cover - centuries back
        return date.fromordinal(self._ordinals[index])

    def first_working_on_or_after(self, d: date) -> date:
        self._ensure(d.year)
        return self._at(bisect_left(self._ordinals, d.toordinal()))

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        self._ensure(d.year)
        return self._at(bisect_right(self._ordinals, d.toordinal()))

    def previous_working_day(self, d: date) -> date:
        """The last working day strictly before ``d``."""
        self._ensure(d.year - 1)
        self._ensure(d.year)
        i = bisect_left(self._ordinals, d.toordinal()) - 1
        return self._at(i)

    def add_working_days(self, d: date, n: int) -> date:
        """``n`` working days after ``d`` (``d`` itself a working day, else the next one)."""
        self._ensure(d.year)
        self._ensure(d.year + 1 + n // 200)
        i = bisect_left(self._ordinals, d.toordinal())
        return self._at(i + n)

    def working_days_between(self, a: date, b: date) -> int:
        """Working days in (a, b] when a <= b; negative of those in (b, a] otherwise."""
        if a > b:
            return -self.working_days_between(b, a)
        self._ensure(a.year)
        self._ensure(b.year)
        return bisect_right(self._ordinals, b.toordinal()) - bisect_right(
            self._ordinals, a.toordinal()
        )

    def days_off(self, year: int) -> list[tuple[date, str, str, str]]:
        """Every non-working weekday and every working weekend day of ``year``, with why."""
        self._ensure(year)
        out = []
        d = date(year, 1, 1)
        while d.year == year:
            o = self._overrides.get(d)
            weekend = d.weekday() >= 5
            if o is not None:
                if (o.kind in WORK_KINDS) == weekend:
                    out.append((d, o.kind, o.description, o.legal_basis))
            elif not weekend and not self.is_working_day(d):
                out.append(
                    (d, "holiday", self._holiday_names.get(d, ""), "Bộ luật Lao động 2019 Đ.112")
                )
            d += timedelta(days=1)
        return out
