"""Reporting periods: "2024-H1", "2024-H2" (six months) and "2024" (the year)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_FORM = re.compile(r"^(\d{4})(?:-H([12]))?$")


class PeriodError(ValueError):
    """A period written some other way; the message says how to write it."""


@dataclass(frozen=True)
class Period:
    year: int
    half: int | None          # 1, 2, or None for the whole year

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _FORM.match(text.strip())
        if not match or not 2000 <= int(match.group(1)) <= 2100:
            raise PeriodError(f"Kỳ báo cáo '{text}' không hợp lệ: ghi 2024-H1 (6 tháng đầu năm), 2024-H2 "
                              "(6 tháng cuối năm) hoặc 2024 (cả năm).")
        return cls(int(match.group(1)), int(match.group(2)) if match.group(2) else None)

    @property
    def key(self) -> str:
        return f"{self.year}-H{self.half}" if self.half else str(self.year)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 7 if self.half == 2 else 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 6, 30) if self.half == 1 else dt.date(self.year, 12, 31)

    @property
    def label(self) -> str:
        """How the report's abstract names it: "6 tháng cuối năm 2024", "năm 2024"."""
        if self.half is None:
            return f"năm {self.year}"
        return f"6 tháng {'đầu' if self.half == 1 else 'cuối'} năm {self.year}"

    def previous(self) -> Period:
        if self.half is None:
            return Period(self.year - 1, None)
        return Period(self.year, 1) if self.half == 2 else Period(self.year - 1, 2)

    def contains(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end
