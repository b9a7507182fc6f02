"""Build the search index in a separate process, next to the mkdocs build.

The content model is exported here (site_builder owns it); the index itself
is built by search/ from the exported files, in a child process so that it
runs on the other core while mkdocs renders.
"""

from __future__ import annotations

import multiprocessing
import tempfile
import time
from pathlib import Path

from .pipeline import Checked
from .search_export import write_search_export


def _build(documents: str, meta: str, index_root: str, queue) -> None:
    try:
        from search.engine import build_index
        started = time.perf_counter()
        gen = build_index(Path(documents), Path(meta), Path(index_root))
        queue.put((True, f"Đã dựng chỉ mục tìm kiếm {gen.name} trong {time.perf_counter() - started:.1f} giây."))
    except Exception as exc:  # reported by the parent; the previous index stays current
        queue.put((False, f"Dựng chỉ mục tìm kiếm thất bại: {type(exc).__name__}: {exc}. Chỉ mục cũ được giữ nguyên."))


class IndexBuild:
    def __init__(self, process, queue, tmp):
        self.process, self.queue, self.tmp = process, queue, tmp

    def wait(self) -> tuple[bool, str]:
        try:
            result = self.queue.get()
            self.process.join()
            return result
        finally:
            self.tmp.cleanup()


def start_index_build(checked: Checked, index_root: Path) -> IndexBuild:
    tmp = tempfile.TemporaryDirectory(prefix="portal-search-export-")
    documents, meta = write_search_export(checked, Path(tmp.name))
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    process = ctx.Process(target=_build, args=(str(documents), str(meta), str(index_root.resolve()), queue), daemon=False)
    process.start()
    return IndexBuild(process, queue, tmp)
