"""The front half of the pipeline: load → validate → check the law, into one `Checked`.

Everything is read and checked before anything is written, so a problem in one file never
leaves a half-written output behind. Nothing here raises for bad content: problems go in the
report, and every later stage (render, publish, the preview) starts from a `Checked`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import codes, heap
from .codes import C
from .compliance import ComplianceResult, run_compliance
from .content.cache import LoadCache
from .content.catalog import Catalog, build_catalog
from .content.links import check_links
from .content.loading import Site, load_site
from .content.sanitize import report_unsafe
from .content.validation import validate_site
from .problems import Report

CHECK_CACHE = Path("build") / "cache" / "parsed.pickle"     # kept by CI with the page cache


@dataclass
class Checked:
    site: Site
    catalog: Catalog
    report: Report
    as_of: dt.date
    compliance: ComplianceResult | None = None
    redirects: dict[str, str] | None = None      # old URL -> new URL (content/archive.py)


def check(root: Path, as_of: dt.date | None = None, profile: str | None = None, *,
          cache: LoadCache | None = None, law: bool = True, overlay: dict[str, str] | None = None) -> Checked:
    """Load, validate and check the law; never raises for bad content.

    The preview passes a cache (only changed files are parsed again) and law=False
    (the legal checks run in `portal check`, pre-commit and CI, not on every save).
    Raises compliance.ProfileError for a profile name or date no profile covers."""
    report = Report()
    site = load_site(Path(root), report, cache, overlay)
    if as_of is None:
        as_of = site.config.as_of if site.config and site.config.as_of else dt.date.today()
    catalog = build_catalog(site)
    heap.settle()
    validate_site(site, catalog, report, as_of)
    report_unsafe(site, report)
    compliance = run_compliance(site, catalog, as_of, report, profile) if law else None
    redirects = _redirects(site, report)
    check_links(site, report, redirects, report_page=compliance.enabled if compliance else True)
    return Checked(site, catalog, report, as_of, compliance, redirects)


def check_cached(root: Path, as_of: dt.date | None = None, *, use_cache: bool = True, law: bool = True) -> Checked:
    """`check` starting from build/cache/parsed.pickle: files parsed by the last run (by content hash,
    so a fresh CI checkout counts) are not parsed again. The cache is rewritten only by a clean check."""
    cache = LoadCache.read(root / CHECK_CACHE) if use_cache else None
    heap.settle()       # the entries just read live to the end: not walked again while the files load
    checked = check(root, as_of, cache=cache, law=law)
    if cache and not checked.report.errors:
        cache.write_in_background(root / CHECK_CACHE)
    return checked


def check_files(root: Path, files: list[Path], as_of: dt.date | None = None, profile: str | None = None
                ) -> tuple[Checked, Report]:
    """What the pre-commit hook asks: the problems of `files` plus cross-file problems anywhere
    (a renamed agency breaks the procedures that name it). Unchanged files come from the cache."""
    root = root.resolve()
    wanted = set()
    for f in files:
        p = (f if f.is_absolute() else Path.cwd() / f).resolve()
        wanted.add(p.relative_to(root).as_posix() if p.is_relative_to(root) else str(f))
    cache = LoadCache.read(root / CHECK_CACHE)
    checked = check(root, as_of, profile, cache=cache)
    shown = Report()
    shown.extend(p for p in checked.report.problems if p.path in wanted or codes.is_cross_file(p.code))
    cache.write_in_background(root / CHECK_CACHE)
    return checked, shown


def _redirects(site: Site, report: Report) -> dict[str, str]:
    from .content.archive import redirects
    from .urls import url_of_source
    years = {e.rel: e.item.issued.year for e in site.documents.values()}
    current = {url_of_source(e.rel, years.get(e.rel)) for group in (site.procedures, site.documents, site.agencies)
               for e in group.values()}
    found = redirects(site.root, site.redirects, current, report, years)
    for old in found:
        if old in current:
            report.add("content/redirects.yml", None, C.REDIRECT_SHADOWS,
                       f"Địa chỉ {old} vẫn là một trang của cổng; không thể chuyển hướng nó.",
                       "Bỏ mục chuyển hướng này, hoặc đổi tên tệp của trang đang dùng địa chỉ đó.")
    return {old: new for old, new in found.items() if old not in current}
