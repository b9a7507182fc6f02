"""Vietnamese working days: Monday–Friday minus public holidays.

Holidays (lunar New Year, Hùng Kings' day, 30/4, 1/5, 2/9 and the official
substitute days off) come from the maintained `holidays` library, not a
hand-made table that would go stale every Tết.
"""

from __future__ import annotations

import datetime as dt

import holidays


class WorkCalendar:
    def __init__(self) -> None:
        self._years: dict[int, holidays.HolidayBase] = {}

    def _holidays(self, year: int):
        if year not in self._years:
            self._years[year] = holidays.country_holidays("VN", years=year, language="vi")
        return self._years[year]

    def is_workday(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self._holidays(day.year)

    def add(self, start: dt.date, workdays: int) -> dt.date:
        """The date `workdays` working days after `start` (start itself not counted)."""
        day = start
        remaining = workdays
        while remaining > 0:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                remaining -= 1
        return day

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (0 if end ≤ start)."""
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            count += self.is_workday(day)
        return count
