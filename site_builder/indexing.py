"""Build the search index in a separate process, next to the mkdocs build.

The content model is exported here (site_builder owns it); the index itself
is built by search/ from the exported files. Both run in a forked child so
they use the other core while mkdocs renders.
"""

from __future__ import annotations

import multiprocessing
import tempfile
import time
from pathlib import Path

from .pipeline import Checked
from .search_export import write_search_export


def _build(checked: Checked, index_root: str, queue) -> None:
    try:
        from search.engine import build_index
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="portal-search-export-") as tmp:
            documents, meta = write_search_export(checked, Path(tmp))
            gen = build_index(documents, meta, Path(index_root))
        queue.put((True, f"Đã dựng chỉ mục tìm kiếm {gen.name} trong {time.perf_counter() - started:.1f} giây."))
    except Exception as exc:  # reported by the parent; the previous index stays current
        queue.put((False, f"Dựng chỉ mục tìm kiếm thất bại: {type(exc).__name__}: {exc}. Chỉ mục cũ được giữ nguyên."))


class IndexBuild:
    def __init__(self, process, queue):
        self.process, self.queue = process, queue

    def wait(self) -> tuple[bool, str]:
        import queue as queue_module
        while True:
            try:
                result = self.queue.get(timeout=1)
                break
            except queue_module.Empty:
                if not self.process.is_alive():   # killed before reporting
                    result = (False, f"Tiến trình dựng chỉ mục tìm kiếm dừng đột ngột (mã {self.process.exitcode}). "
                                     "Chỉ mục cũ được giữ nguyên.")
                    break
        self.process.join()
        return result


def start_index_build(checked: Checked, index_root: Path) -> IndexBuild:
    # fork: the child inherits the checked content instead of re-reading it.
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    process = ctx.Process(target=_build, args=(checked, str(index_root.resolve()), queue))
    process.start()
    return IndexBuild(process, queue)
