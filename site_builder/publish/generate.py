"""`portal generate`: the rendered Markdown tree on disk, for CI or another builder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..check import Checked, check
from ..render import render_site
from .output import write_tree


def generate(root: Path, out: Path, as_of: dt.date | None = None, mkdocs_config: Path | None = None
             ) -> tuple[Checked, int]:
    """(checked, files written); nothing is written when the content has errors."""
    checked = check(root, as_of)
    if checked.report.errors:
        return checked, 0
    pages = render_site(checked)
    write_tree(pages, out)
    if mkdocs_config:
        from ..adapters.mkdocs_config import write_standalone_config
        write_standalone_config(root, out, mkdocs_config, checked)
    return checked, len(pages)
