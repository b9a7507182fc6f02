"""The search index, built in a forked child while mkdocs renders (the other core).

The child exports the search units (site_builder owns the content model) and search/ writes a
new generation from them. The generation is not made current here: the release does that,
together with the new site (release.py).
"""

from __future__ import annotations

import multiprocessing
import queue as queue_module
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..check import Checked
from .search_units import write_search_export


@dataclass
class IndexResult:
    ok: bool
    message: str
    generation: Path | None = None


def _build(checked: Checked, index_root: str, results) -> None:
    try:
        from search.index import build_generation
        from search.segments import counts
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="portal-search-export-") as tmp:
            documents, meta = write_search_export(checked, Path(tmp))
            gen = build_generation(documents, meta, Path(index_root))
        again = _reuse(counts(gen))
        results.put((True, f"Đã dựng chỉ mục tìm kiếm {gen.name}{again} trong "
                           f"{time.perf_counter() - started:.1f} giây.", str(gen)))
    except Exception as exc:  # reported by the parent
        results.put((False, f"Dựng chỉ mục tìm kiếm thất bại: {type(exc).__name__}: {exc}.", None))


def _reuse(written: dict) -> str:
    """How much of the previous generation was kept, for the editor."""
    if "pages" in written:
        return (f" (chỉ ghi {written['units']} mục của {written['pages']} trang đã đổi, bỏ "
                f"{written['removed']} trang đã xoá; {written['reused']} phần lấy lại từ bản trước)")
    if written.get("reused"):
        return (f" ({written['reused']} trên {written['reused'] + written['segments']} phần không đổi, "
                "lấy lại từ bản trước)")
    return ""


class IndexBuild:
    def __init__(self, process, results):
        self.process, self.results = process, results

    def wait(self) -> IndexResult:
        while True:
            try:
                ok, message, gen = self.results.get(timeout=1)
                break
            except queue_module.Empty:
                if not self.process.is_alive():   # killed before reporting
                    ok, message, gen = (False, "Tiến trình dựng chỉ mục tìm kiếm dừng đột ngột "
                                               f"(mã {self.process.exitcode}).", None)
                    break
        self.process.join()
        return IndexResult(ok, message, Path(gen) if gen else None)

    def cancel(self) -> None:
        """Stop the child; a generation it finished anyway is removed."""
        from search.index import discard
        self.process.terminate()
        self.process.join()
        try:
            ok, _, gen = self.results.get(timeout=0.1)
        except queue_module.Empty:
            return
        if ok and gen:
            discard(Path(gen))


def start_index_build(checked: Checked, index_root: Path) -> IndexBuild:
    # fork: the child inherits the checked content instead of re-reading it.
    ctx = multiprocessing.get_context("fork")
    results = ctx.Queue()
    process = ctx.Process(target=_build, args=(checked, str(index_root.resolve()), results))
    process.start()
    return IndexBuild(process, results)


def index_only(root: Path, index_dir: Path | None = None, as_of=None) -> tuple[Checked, IndexResult | None]:
    """`portal index`: check, build a generation and make it current (no site involved)."""
    from search.index import activate

    from ..check import check_cached
    # The index holds no legal finding: `portal check` and `portal build` run the legal checks.
    checked = check_cached(Path(root).resolve(), as_of, law=False)
    if checked.report.errors:
        return checked, None
    index_root = (index_dir or root / "build" / "search-index").resolve()
    result = start_index_build(checked, index_root).wait()
    if result.ok and result.generation:
        activate(index_root, result.generation)
    return checked, result
