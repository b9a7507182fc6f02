"""Every call to git. Content dates, page history, renames and the built commit come from here.

Outside a git checkout, or without git, every question simply has no answer ({} or None): a portal
can be built from a plain folder. Answers about the history are cached per commit, so the preview's
many renders run git once.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

TRAILER = "Thay-doi"     # commit trailer an editor may add: "Thay-doi: Cập nhật lệ phí theo Nghị quyết …"
MOVE_TRACKED = ("procedures", "policies", "content/agencies")


def _git(root: Path | str, *args: str, timeout: int = 120) -> str | None:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=timeout,
                              check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def head(root: Path) -> str | None:
    out = _git(root, "rev-parse", "HEAD", timeout=30)
    return out.strip() or None if out else None


def last_commit_time(root: Path) -> int | None:
    """Seconds since the epoch of the last commit (what SOURCE_DATE_EPOCH defaults to)."""
    out = _git(root, "log", "-1", "--format=%ct", timeout=30)
    return int(out.strip()) if out and out.strip().isdigit() else None


def _prefix(root: Path | str) -> str | None:
    out = _git(root, "rev-parse", "--show-prefix", timeout=30)
    return None if out is None else out.strip()


def _strip(prefix: str, path: str) -> str:
    return path[len(prefix):] if prefix and path.startswith(prefix) else path


def file_dates(root: Path) -> dict[str, tuple[dt.date, dt.date]]:
    """{path relative to root: (first commit date, last commit date)}."""
    prefix = _prefix(root)
    log = (
        _git(root, "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", ".") if prefix is not None else None
    )
    if log is None:
        return {}
    dates: dict[str, tuple[dt.date, dt.date]] = {}
    current = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            current = dt.date.fromisoformat(line[1:])
        elif line and current:
            path = _strip(prefix, line)
            first, last = dates.get(path, (current, current))
            dates[path] = (min(first, current), max(last, current))
    return dates


@lru_cache(maxsize=8)
def _history(root: str, commit: str) -> dict[str, list[tuple[dt.date, str]]]:
    prefix = _prefix(root)
    log = _git(root, "log", f"--format=%x00%cs%x1f%(trailers:key={TRAILER},valueonly,separator=%x20)",
               "--name-only", "--no-renames", "--", ".") if prefix is not None else None
    if log is None:
        return {}
    history: dict[str, list[tuple[dt.date, str]]] = {}
    current = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            day, _, note = line[1:].partition("\x1f")
            current = (dt.date.fromisoformat(day), note.strip())
        elif line and current:
            history.setdefault(_strip(prefix, line), []).append(current)
    return history


def file_history(root: Path) -> dict[str, list[tuple[dt.date, str]]]:
    """{path relative to root: [(commit date, the editor's Thay-doi note or ""), newest first]}."""
    commit = head(root)
    return _history(str(root), commit) if commit else {}


@dataclass
class Moves:
    moved: dict[str, str] = field(default_factory=dict)    # old path -> current path
    deleted: set[str] = field(default_factory=set)         # paths deleted and not back


@lru_cache(maxsize=8)
def _moves(root: str, commit: str) -> Moves:
    log = _git(root, "log", "--reverse", "--format=", "--name-status", "-M", "--diff-filter=DR", "--relative",
               "--", *MOVE_TRACKED)
    moves = Moves()
    for line in (log or "").splitlines():
        parts = line.split("\t")
        if parts[0].startswith("R") and len(parts) == 3:
            old, new = parts[1], parts[2]
            for k, v in list(moves.moved.items()):      # a→b then b→c: a→c
                if v == old:
                    moves.moved[k] = new
            moves.moved[old] = new
            moves.deleted.discard(new)
        elif parts[0] == "D" and len(parts) == 2:
            moves.deleted.add(parts[1])
    return moves


def moves(root: Path) -> Moves:
    """Content files renamed or deleted over the whole history (archive duty)."""
    commit = head(root)
    return _moves(str(root), commit) if commit else Moves()


class HistoryUnavailable(Exception):
    """The history a question needs is not in this checkout; the message says what to do."""


def is_shallow(root: Path) -> bool:
    out = _git(root, "rev-parse", "--is-shallow-repository", timeout=30)
    return bool(out and out.strip() == "true")


def first_commit_day(root: Path) -> dt.date | None:
    out = _git(root, "log", "--reverse", "--format=%cs", timeout=60)
    return dt.date.fromisoformat(out.split()[0]) if out and out.split() else None


def last_commit_on_or_before(root: Path, day: dt.date) -> str | None:
    out = _git(root, "rev-list", "-1", f"--before={day.isoformat()} 23:59:59", "HEAD", timeout=60)
    return out.strip() or None if out else None


def changes_between(root: Path, start: dt.date, end: dt.date) -> dict[str, list[tuple[dt.date, str]]]:
    """{path relative to root: [(commit date, A|M|D), oldest first]} for commits dated in [start, end]."""
    prefix = _prefix(root)
    log = _git(root, "log", "--reverse", "--no-renames", "--format=%x00%cs", "--name-status",
               f"--since={start.isoformat()} 00:00:00", f"--until={end.isoformat()} 23:59:59", "--", ".") \
        if prefix is not None else None
    out: dict[str, list[tuple[dt.date, str]]] = {}
    current = None
    for line in (log or "").splitlines():
        if line.startswith("\x00"):
            current = dt.date.fromisoformat(line[1:])
        elif "\t" in line and current:
            status, path = line.split("\t", 1)
            out.setdefault(_strip(prefix, path), []).append((current, status[:1]))
    return out


class worktree:
    """The repository as it was at `commit`, checked out in a temporary folder (removed after);
    the working tree is never touched."""

    def __init__(self, root: Path, commit: str):
        self.root, self.commit = root, commit

    def __enter__(self) -> Path:
        import tempfile
        top = _git(self.root, "rev-parse", "--show-toplevel", timeout=30)
        if not top:
            raise HistoryUnavailable("Thư mục này không phải kho git.")
        self.top = Path(top.strip())
        self.tmp = Path(tempfile.mkdtemp(prefix="portal-report-"))
        self.path = self.tmp / "tree"
        if _git(self.top, "worktree", "add", "--detach", "--quiet", str(self.path), self.commit, timeout=300) is None:
            raise HistoryUnavailable(f"Không lấy được bản của kho tại commit {self.commit[:10]}.")
        prefix = _prefix(self.root) or ""
        return self.path / prefix if prefix else self.path

    def __exit__(self, *exc) -> None:
        import shutil
        _git(self.top, "worktree", "remove", "--force", str(self.path), timeout=120)
        shutil.rmtree(self.tmp, ignore_errors=True)
