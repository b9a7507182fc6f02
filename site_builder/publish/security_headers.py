"""Security headers for the built site, the same from `portal serve` and nginx.

The Content-Security-Policy allows scripts from the portal itself plus the
inline scripts the theme writes (mkdocs-material sets its base path inline;
the value depends on the page's depth), each by its SHA-256 hash, computed
from the built pages. `portal build` writes the policy next to the site
(`site/.security-headers.json`); `portal bundle` writes nginx `add_header` lines.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..adapters.html_links import script_hashes
from .linkcheck import site_files

FILE = ".security-headers.json"


def inline_script_hashes(site: Path, known: dict[str, list[str]] | None = None) -> list[str]:
    """Every page's inline scripts; `known` gives them by site-relative path for the pages read when
    they were rendered (or kept in the page cache), the others are read here."""
    hashes: set[str] = set()
    known = known or {}
    for rel in site_files(site):
        if rel.endswith(".html"):
            found = known.get(rel)
            hashes.update(found if found is not None else
                          script_hashes((site / rel).read_text(encoding="utf-8", errors="replace")))
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


def write_headers(site: Path, known: dict[str, list[str]] | None = None) -> dict[str, str]:
    headers = headers_for(inline_script_hashes(site, known))
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
