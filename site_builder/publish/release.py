"""A release: the new site and its search index, switched in together or not at all.

Both are built beside what is served: the site into a hidden sibling folder of site/, the index
as a new generation next to `current`. `commit` swaps the site folder by renames and points
`current` at the new generation; if the second step fails the first is undone. `abort` removes
what was built, so on any failure neither the site nor the index changes.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from search import index as search_index


class Release:
    def __init__(self, site_dir: Path, index_root: Path | None):
        self.site_dir = site_dir.resolve()
        self.index_root = index_root.resolve() if index_root else None
        self.had_site = self.site_dir.exists()
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        # A build killed before its swap leaves its folder behind; the next build removes it.
        for pattern in (f".{self.site_dir.name}-build-*", f".{self.site_dir.name}-old-*"):
            for stale in self.site_dir.parent.glob(pattern):
                shutil.rmtree(stale, ignore_errors=True)
        self.new_site = Path(tempfile.mkdtemp(prefix=f".{self.site_dir.name}-build-", dir=self.site_dir.parent))
        self.new_site.chmod(0o755)      # mkdtemp makes it private; the web server must read the site
        self.generation: Path | None = None

    def kept(self) -> str:
        """What is still served after a failure, for the message."""
        site = f"Thư mục {self.site_dir} cũ được giữ nguyên" if self.had_site else None
        index = bool(self.index_root and search_index.current_generation(self.index_root))
        if site:
            return site + ("; chỉ mục tìm kiếm cũ vẫn được dùng." if index else ".")
        if index:
            return "Chỉ mục tìm kiếm cũ vẫn được dùng."
        return "Chưa có bản dựng nào trước đó, nên không có gì bị thay đổi."

    def commit(self) -> None:
        old = None
        if self.site_dir.exists():
            old = self.site_dir.with_name(f".{self.site_dir.name}-old-{os.getpid()}")
            os.rename(self.site_dir, old)
        os.rename(self.new_site, self.site_dir)
        try:
            if self.generation is not None:
                search_index.activate(self.index_root, self.generation)
        except BaseException:
            os.rename(self.site_dir, self.new_site)
            if old is not None:
                os.rename(old, self.site_dir)
            raise
        if old is not None:
            remove_later(old)

    def abort(self) -> None:
        shutil.rmtree(self.new_site, ignore_errors=True)
        if self.generation is not None:
            search_index.discard(self.generation)


def remove_later(folder: Path) -> None:
    """Delete a replaced site (12,000 pages: seconds) in a detached grandchild; the build is done.
    A folder left by a killed deletion is removed by the next build (the stale-folder sweep)."""
    if not hasattr(os, "fork"):
        shutil.rmtree(folder, ignore_errors=True)
        return
    child = os.fork()
    if child == 0:
        try:
            if os.fork() == 0:
                os.setsid()
                devnull = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):      # nobody waits on our output pipes meanwhile
                    os.dup2(devnull, fd)
                shutil.rmtree(folder, ignore_errors=True)
        finally:
            os._exit(0)
    os.waitpid(child, 0)
