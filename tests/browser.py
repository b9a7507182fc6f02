"""Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by
Playwright (no browser download), plus axe-core from node_modules (npm ci).

`make test` installs both when missing; a missing piece is a failure with the
command that fixes it, never a skip.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
NODE_MODULES = REPO / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
# Without the background-networking flags Chromium keeps trying Google's hosts,
# which this network refuses (and which the third-party-request test would see).
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-default-apps"]
PHONE = {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def require(path: Path, fix: str) -> None:
    if not path.exists():
        raise AssertionError(f"{path} is missing; run `{fix}` (make test does it)")


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright
    require(Path(CHROMIUM), "apt-get install chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def axe(page, tags=("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")) -> list[dict]:
    """Run axe-core in the page; return the violations (empty when the page passes)."""
    require(AXE, "npm ci")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through DevTools, not a <script> tag: the page's CSP (rightly) refuses inline scripts.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;void 0")
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", list(tags))
    return result["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary'].splitlines()[-1].strip()}")
    return "\n".join(lines)


class RequestLog:
    """Every request a page makes, to prove no third-party host is contacted."""

    def __init__(self, page, base: str):
        self.own = urlsplit(base).netloc
        self.urls: list[str] = []
        page.on("request", lambda request: self.urls.append(request.url))

    def third_party(self) -> list[str]:
        return [u for u in self.urls
                if urlsplit(u).scheme not in ("data", "blob", "about") and urlsplit(u).netloc != self.own]
