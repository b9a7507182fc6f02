"""The build as one ordered function: load → validate → render.

Everything is read and checked before anything is written, so a problem in
one file never leaves a half-written output behind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog, build_catalog
from .compliance import ComplianceResult, run_compliance
from .loading import LoadCache, Site, load_site
from .problems import Report
from .sanitize import report_unsafe
from .validation import validate_site


@dataclass
class Checked:
    site: Site
    catalog: Catalog
    report: Report
    as_of: dt.date
    compliance: ComplianceResult | None = None
    redirects: dict[str, str] | None = None      # old URL -> new URL (archive.py)


def check(root: Path, as_of: dt.date | None = None, profile: str | None = None, *,
          cache: LoadCache | None = None, law: bool = True) -> Checked:
    """Load, validate and check the law; never raises for bad content.

    The preview passes a cache (only changed files are parsed again) and law=False
    (the legal checks run in `portal check`, pre-commit and CI, not on every save).
    Raises compliance.ProfileError for a profile name or date no profile covers."""
    report = Report()
    site = load_site(Path(root), report, cache)
    if as_of is None:
        as_of = site.config.as_of if site.config and site.config.as_of else dt.date.today()
    catalog = build_catalog(site)
    validate_site(site, catalog, report, as_of)
    report_unsafe(site, report)
    compliance = run_compliance(site, catalog, as_of, report, profile) if law else None
    return Checked(site, catalog, report, as_of, compliance, _redirects(site, report))


def _redirects(site: Site, report: Report) -> dict[str, str]:
    from .archive import redirects, url_of
    years = {e.rel: e.item.issued.year for e in site.documents.values()}
    current = {url_of(e.rel, years.get(e.rel)) for group in (site.procedures, site.documents, site.agencies)
               for e in group.values()}
    found = redirects(site.root, site.redirects, current, report, years)
    for old, new in found.items():
        if old in current:
            report.error("content/redirects.yml", None, "REDIRECT-SHADOWS",
                         f"Địa chỉ {old} vẫn là một trang của cổng; không thể chuyển hướng nó.",
                         "Bỏ mục chuyển hướng này, hoặc đổi tên tệp của trang đang dùng địa chỉ đó.")
    return {old: new for old, new in found.items() if old not in current}
