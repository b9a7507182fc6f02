"""What the publish checks need from a built HTML page (its links, its ids, the hashes of its
inline scripts for the CSP), read once when the page is rendered (or kept with it in the page
cache), so the link check and the policy over 12,000 pages do not read and scan every file again.
Regexes, not an HTML parser: the markup is our templates' and Material's."""

from __future__ import annotations

import base64
import hashlib
import re

LINK = re.compile(r'<(?:a|link|img|script|source|iframe)\b[^>]*?\s(?:href|src)="([^"]*)"', re.IGNORECASE)
ID = re.compile(r'\sid="([^"]+)"')
_INLINE = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
_TYPE = re.compile(r'type="([^"]+)"')
_DATA_TYPES = ("application/json", "application/ld+json")        # data blocks do not run: CSP ignores them


def links_and_ids(html: str) -> tuple[list[str], list[str]]:
    """(every distinct href/src, in order of first appearance; every id)."""
    return list(dict.fromkeys(LINK.findall(html))), ID.findall(html)


def script_hashes(html: str) -> list[str]:
    """The CSP source ('sha256-…') of each distinct inline script that runs."""
    hashes = []
    for attrs, body in _INLINE.findall(html):
        kind = _TYPE.search(attrs)
        if kind and kind.group(1).lower() in _DATA_TYPES:
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        hashes.append(f"'sha256-{digest}'")
    return list(dict.fromkeys(hashes))
