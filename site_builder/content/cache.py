"""Parsed entries of unchanged files, kept between runs: a save re-reads one file, not 12,000.

The preview keeps one in memory; `portal check FILES…` (the pre-commit hook) keeps one on disk in
build/cache/parsed.pickle, written by a forked child after the answer is printed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import sys
from functools import cache
from pathlib import Path

from ..problems import Report


def derived(entry, compute, *args):
    """`compute(entry, *args)`, worked out once per parsed entry and kept with it between runs
    (LoadCache.write keeps it): for what depends on that one file alone, such as its placeholders.
    The key names the function and hashes its module's source, so a changed toolkit works it out again."""
    memo = entry.__dict__.setdefault("_derived", {})
    key = (compute.__module__, compute.__qualname__, _source(compute.__module__), args)
    if key not in memo:
        memo[key] = compute(entry, *args)
    return memo[key]


@cache
def _source(module: str) -> str:
    return hashlib.sha1(Path(sys.modules[module].__file__).read_bytes()).hexdigest()


class LoadCache:
    """Parsed entries of unchanged files, for the preview: a save re-reads one file, not 12,000.

    Keyed by path; a file counts as unchanged while its size and modification time are, or, when
    those changed (a fresh checkout in CI), while its bytes hash the same."""

    def __init__(self):
        self.entries: dict[Path, tuple[tuple[int, int], str, object, tuple]] = {}
        self.dirty = False

    # --- on disk, for `portal check FILES…` (the pre-commit hook): parsed entries survive between runs.
    @staticmethod
    def _version() -> str:
        here = Path(__file__).parent
        digest = hashlib.sha256(sys.version.encode())
        for source in sorted(here.glob("*.py")) + [here.parent / "problems.py"]:
            digest.update(source.read_bytes())
        return digest.hexdigest()

    @classmethod
    def read(cls, path: Path) -> LoadCache:
        cache = cls()
        try:
            with open(path, "rb") as f:
                version, entries = pickle.load(f)
            if version == cls._version():
                cache.entries = entries
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
            pass          # no cache, or one from another version: parse everything once
        return cache

    def write(self, path: Path) -> None:
        slim = {}
        for key, (signature, digest, entry, problems) in self.entries.items():
            if entry is not None:     # the raw YAML is not needed after validation; lines are
                slimmed = dataclasses.replace(entry, doc=dataclasses.replace(entry.doc, data=None))
                # What was worked out from the entry alone (sanitize.py's findings) is kept too:
                # without the raw YAML it would cost a model dump per entry to find again.
                own = {f.name for f in dataclasses.fields(entry)}
                slimmed.__dict__.update((k, v) for k, v in vars(entry).items() if k not in own)
                entry = slimmed
            slim[key] = (signature, digest, entry, problems)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        with open(tmp, "wb") as f:
            pickle.dump((self._version(), slim), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)

    def load(self, loader, root: Path, path: Path, model_cls, report: Report):
        try:
            st = path.stat()
            signature = (st.st_mtime_ns, st.st_size)
        except OSError:
            return loader(root, path, model_cls, report)
        hit = self.entries.get(path)
        if hit and hit[0] == signature:
            report.extend(hit[3])
            return hit[2]
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            digest = ""
        self.dirty = True
        if hit and digest and hit[1] == digest:
            self.entries[path] = (signature, digest, hit[2], hit[3])
            report.extend(hit[3])
            return hit[2]
        own = Report()
        entry = loader(root, path, model_cls, own)
        self.entries[path] = (signature, digest, entry, tuple(own.problems))
        report.extend(own.problems)
        return entry

    def write_in_background(self, path: Path) -> None:
        """Write the cache after answering: a child process does it, so the hook returns at once."""
        if not self.dirty:
            return
        sys.stdout.flush()
        sys.stderr.flush()
        if not hasattr(os, "fork"):
            self.write(path)
            return
        if os.fork() == 0:
            try:
                devnull = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(devnull, fd)
                os.setsid()
                self.write(path)
            finally:
                os._exit(0)
