"""Problems found in content, collected (never raised) and printed compiler-style."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Literal

from . import codes

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, located as precisely as we can.

    `path` is relative to the portal root so messages are stable across
    machines; `line` is 1-based, or None when the file as a whole is at fault.
    Messages and hints are Vietnamese: editors read them.
    """

    path: str
    line: int | None
    severity: Severity
    code: str
    message: str
    hint: str = ""

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        head = f"{where}: {self.severity} [{self.code}] {self.message}"
        return f"{head}\n    gợi ý: {self.hint}" if self.hint else head


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)

    def add(self, path: str | Path, line: int | None, code: str, message: str, hint: str = "",
            severity: Severity | None = None) -> None:
        """Record a problem; its severity is the code's default (codes.py) unless given."""
        self.problems.append(Problem(str(path), line, severity or codes.get(code).severity, code, message, hint))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def sorted(self) -> list[Problem]:
        # Sort by file then line so the output reads like a compiler's; dedupe
        # because one bad value can be reached by two checks.
        key = lambda p: (p.path, p.line or 0, p.severity, p.code, p.message)
        return sorted(set(self.problems), key=key)

    def summary(self) -> str:
        probs = self.sorted()
        errors = sum(p.severity == "error" for p in probs)
        warnings = len(probs) - errors
        files = len(Counter(p.path for p in probs))
        if not probs:
            return "Không có lỗi: nội dung hợp lệ."
        return f"{errors} lỗi, {warnings} cảnh báo trong {files} tệp."

    def format(self) -> str:
        lines = [p.format() for p in self.sorted()]
        lines.append(self.summary())
        return "\n".join(lines)
