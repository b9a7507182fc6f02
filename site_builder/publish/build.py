"""Publishing as one function: check → render → mkdocs → link check → index → switch.

    result = build(root, site_dir=…, index_dir=…)

The search index builds in a child process while mkdocs renders. Nothing served changes until
both have succeeded; then the new site and index are switched in together (release.py). On any
failure both are discarded and the message says what failed and what is still served.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .. import codes, git, urls
from ..check import Checked, check_cached
from .index import start_index_build
from .linkcheck import check_site
from .release import Release
from .security_headers import write_headers

PAGE_CACHE = Path("build") / "cache" / "pages"     # kept between runs by CI (see the README)


@dataclass
class BuildResult:
    checked: Checked
    ok: bool
    messages: list[str] = field(default_factory=list)
    pages: int = 0
    kept: str = ""          # after a failure: what is still served


def source_date_epoch(root: Path) -> None:
    """Dates mkdocs writes (sitemap lastmod, gzip headers) come from SOURCE_DATE_EPOCH; without it they
    would come from the clock. Default: the last commit's time, so a build is a function of the input."""
    if not os.environ.get("SOURCE_DATE_EPOCH"):
        stamp = git.last_commit_time(root)
        if stamp is not None:
            os.environ["SOURCE_DATE_EPOCH"] = str(stamp)


def build(root: Path, *, site_dir: Path | None = None, index_dir: Path | None = None, as_of: dt.date | None = None,
          strict: bool = True, with_index: bool = True, check_external: bool = False,
          checked: Checked | None = None, use_cache: bool = True) -> BuildResult:
    from ..adapters.mkdocs_build import build_site  # the only way to mkdocs

    root = root.resolve()
    source_date_epoch(root)
    if checked is None:
        checked = check_cached(root, as_of, use_cache=use_cache)
    if checked.report.errors:
        return BuildResult(checked, False, ["Không dựng trang: hãy sửa các lỗi trên."],
                           kept="Không có gì được thay đổi.")
    changed = [p for p in checked.report.warnings if codes.changes_output(p.code)]
    if strict and changed:
        message = (f"Không dựng trang: {len(changed)} chỗ trong nội dung sẽ bị bỏ hoặc sửa khi đăng (các cảnh báo "
                   "UNSAFE-HTML, INVISIBLE-CHARACTER ở trên); hãy sửa tệp nguồn, hoặc dựng thử với --no-strict.")
        return BuildResult(checked, False, [message], kept="Không có gì được thay đổi.")
    started = time.perf_counter()
    index_root = (index_dir or root / "build" / "search-index") if with_index else None
    release = Release(site_dir or root / "site", index_root)
    indexing = start_index_build(checked, index_root) if with_index else None
    messages: list[str] = []
    try:
        cache_dir = root / PAGE_CACHE if use_cache else None
        ok, message, (_, reused, known) = build_site(root, release.new_site, strict=strict, as_of=as_of,
                                                     checked=checked, cache_dir=cache_dir)
        if message:
            messages.append(message)
        if ok:
            # The CSP hashes the theme's inline scripts of this very build.
            write_headers(release.new_site, {rel: facts[2] for rel, facts in known.items()})
            if strict:
                site_url = str(checked.site.config.site_url) if checked.site.config else None
                sources = {urls.directory(p): rel for p, rel in urls.Addresses(checked.site).pages().items() if rel}
                broken = [b.format() for b in check_site(release.new_site, site_url, external=check_external,
                                                         sources=sources, known=known)]
                if broken:
                    ok = False
                    messages.append(_broken_links(broken))
        if indexing:
            result = indexing.wait()
            release.generation = result.generation
            messages.append(result.message)
            ok = ok and result.ok
        if not ok:
            kept = release.kept()
            release.abort()
            return BuildResult(checked, False, messages, kept=kept)
        release.commit()
    except BaseException:
        if indexing and indexing.process.is_alive():
            indexing.cancel()
        release.abort()
        raise
    pages = sum(1 for _ in release.site_dir.rglob("index.html"))
    again = f" ({reused} trang không đổi lấy lại từ lần dựng trước)" if reused else ""
    messages.insert(0, f"Đã dựng {pages} trang{again} vào {release.site_dir} trong "
                       f"{time.perf_counter() - started:.1f} giây.")
    return BuildResult(checked, True, messages, pages)


def _broken_links(broken: list[str]) -> str:
    shown = "\n".join(broken[:50]) + (f"\n… và {len(broken) - 50} lỗi khác." if len(broken) > 50 else "")
    return f"Kiểm tra liên kết: {len(broken)} liên kết hỏng.\n{shown}"
