"""Dates of content files from git history, for items without an explicit date.

One `git log` for the whole tree, parsed once; outside a git checkout (or
without git) every lookup simply finds nothing.
"""

from __future__ import annotations

import datetime as dt
import subprocess
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
