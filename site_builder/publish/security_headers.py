"""Security headers for the built site, the same from `portal serve` and nginx.

The Content-Security-Policy allows scripts from the portal itself plus the
inline scripts the theme writes (mkdocs-material sets its base path inline;
the value depends on the page's depth), each by its SHA-256 hash, computed
from the built pages. `portal build` writes the policy next to the site
(`site/.security-headers.json`); `portal bundle` writes nginx `add_header` lines.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

_INLINE = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
_DATA_TYPES = ("application/json", "application/ld+json")        # data blocks do not run: CSP ignores them
FILE = ".security-headers.json"


def inline_script_hashes(site: Path) -> list[str]:
    hashes = set()
    for html in site.rglob("*.html"):
        for attrs, body in _INLINE.findall(html.read_text(encoding="utf-8", errors="replace")):
            kind = re.search(r'type="([^"]+)"', attrs)
            if kind and kind.group(1).lower() in _DATA_TYPES:
                continue
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
            hashes.add(f"'sha256-{digest}'")
    return sorted(hashes)


def headers_for(hashes: list[str]) -> dict[str, str]:
    csp = "; ".join([
        "default-src 'self'",
        "script-src 'self' " + " ".join(hashes) if hashes else "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",          # style attributes (table alignment); no script risk
        "img-src 'self' data:",                      # the theme's icons are data: SVG in its CSS
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ])
    return {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
        "X-Frame-Options": "DENY",
    }


def write_headers(site: Path) -> dict[str, str]:
    headers = headers_for(inline_script_hashes(site))
    (site / FILE).write_text(json.dumps(headers, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return headers


def read_headers(site: Path) -> dict[str, str]:
    """The built site's headers; without the file (an old build) the policy is computed now."""
    try:
        return json.loads((site / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return headers_for(inline_script_hashes(site))


def nginx_lines(headers: dict[str, str]) -> str:
    return "".join(f'add_header {name} "{value}" always;\n' for name, value in headers.items())
