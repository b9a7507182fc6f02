"""The build as one ordered function: load → validate → render.

Everything is read and checked before anything is written, so a problem in
one file never leaves a half-written output behind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog, build_catalog
from .loading import Site, load_site
from .problems import Report
from .validation import validate_site


@dataclass
class Checked:
    site: Site
    catalog: Catalog
    report: Report
    as_of: dt.date


def check(root: Path, as_of: dt.date | None = None) -> Checked:
    """Load and validate; never raises for bad content."""
    report = Report()
    site = load_site(Path(root), report)
    if as_of is None:
        as_of = site.config.as_of if site.config and site.config.as_of else dt.date.today()
    catalog = build_catalog(site)
    validate_site(site, catalog, report, as_of)
    return Checked(site, catalog, report, as_of)
