"""The links and ids of a built HTML page, read once when the page is rendered (or kept with it
in the page cache), so the link check of 12,000 pages does not read and scan every file again.
Regexes, not an HTML parser: the markup is our templates' and Material's."""

from __future__ import annotations

import re

LINK = re.compile(r'<(?:a|link|img|script|source|iframe)\b[^>]*?\s(?:href|src)="([^"]*)"', re.IGNORECASE)
ID = re.compile(r'\sid="([^"]+)"')


def links_and_ids(html: str) -> tuple[list[str], list[str]]:
    """(every distinct href/src, in order of first appearance; every id)."""
    return list(dict.fromkeys(LINK.findall(html))), ID.findall(html)
