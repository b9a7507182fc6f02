"""Dates of content files from git history, for items without an explicit date.

One `git log` for the whole tree, parsed once; outside a git checkout (or
without git) every lookup simply finds nothing.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from functools import lru_cache
from pathlib import Path


def git_dates(root: Path) -> dict[str, tuple[dt.date, dt.date]]:
    """{path relative to root: (first commit date, last commit date)}."""
    try:
        prefix = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-prefix"], capture_output=True,
                                text=True, timeout=30, check=True).stdout.strip()
        log = subprocess.run(["git", "-C", str(root), "log", "--format=%x00%cs", "--name-only", "--no-renames",
                              "--", "."], capture_output=True, text=True, timeout=120, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, tuple[dt.date, dt.date]] = {}
    current = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            current = dt.date.fromisoformat(line[1:])
        elif line and current:
            path = line[len(prefix):] if prefix and line.startswith(prefix) else line
            first, last = dates.get(path, (current, current))
            dates[path] = (min(first, current), max(last, current))
    return dates


TRAILER = "Thay-doi"     # commit trailer an editor may add: "Thay-doi: Cập nhật lệ phí theo Nghị quyết …"


@lru_cache(maxsize=8)
def _history(root: str, head: str) -> dict[str, list[tuple[dt.date, str]]]:
    try:
        prefix = subprocess.run(["git", "-C", root, "rev-parse", "--show-prefix"], capture_output=True,
                                text=True, timeout=30, check=True).stdout.strip()
        log = subprocess.run(["git", "-C", root, "log", f"--format=%x00%cs%x1f%(trailers:key={TRAILER},valueonly,"
                              "separator=%x20)", "--name-only", "--no-renames", "--", "."],
                             capture_output=True, text=True, timeout=120, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    history: dict[str, list[tuple[dt.date, str]]] = {}
    current = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            day, _, note = line[1:].partition("\x1f")
            current = (dt.date.fromisoformat(day), note.strip())
        elif line and current:
            path = line[len(prefix):] if prefix and line.startswith(prefix) else line
            history.setdefault(path, []).append(current)
    return history


def git_history(root: Path) -> dict[str, list[tuple[dt.date, str]]]:
    """{path relative to root: [(commit date, editor's note or ""), newest first]}; {} outside git.

    Cached per commit, so the preview's many renders run git once."""
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True,
                              timeout=30, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return {}
    return _history(str(root), head)
