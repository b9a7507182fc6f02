"""Page weights and Lighthouse 12 mobile scores of the sample portal (make bench).

Builds the sample portal, serves it with `portal serve` (gzip, cache headers as
in production), then for the home page, a procedure and the search results page:
- HTML size (raw and gzip) of the built file;
- bytes transferred on a first visit (empty cache) and on a repeat visit, read
  from Chromium's network events (encodedDataLength: compressed, with headers);
- Lighthouse 12 (node_modules, Debian chromium) mobile scores: performance,
  accessibility, best practices, SEO (simulated slow 4G, mid-range phone).

Budgets (issue 5): procedure HTML <= 50 KB, first visit <= 400 KB, repeat <= 60 KB;
Lighthouse >= 95 performance, 100 accessibility, >= 95 best practices and SEO.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from browser import ARGS, CHROMIUM, NODE_MODULES, chromium  # noqa: E402

PAGES = {"home": "/", "procedure": "/thu-tuc/dang-ky-khai-sinh/", "search": "/tim-kiem/?q=dang+ky+khai+sinh"}
BUDGET = {"procedure_html": 50_000, "first": 400_000, "repeat": 60_000}
LIGHTHOUSE = NODE_MODULES / "lighthouse" / "cli" / "index.js"


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def transferred(page, cdp, url: str) -> tuple[int, int]:
    """(bytes over the wire, number of requests) for one navigation."""
    sizes: dict[str, int] = {}
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="networkidle")
    time.sleep(0.3)
    return sum(sizes.values()), len(sizes)


def weigh(base: str) -> dict:
    out = {}
    with chromium() as browser:
        for name, path in PAGES.items():
            context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            first, n_first = transferred(page, cdp, base + path)
            cdp2 = context.new_cdp_session(page)
            cdp2.send("Network.enable")
            cdp.detach()
            repeat, n_repeat = transferred(page, cdp2, base + path)
            out[name] = {"first_bytes": first, "first_requests": n_first, "repeat_bytes": repeat,
                         "repeat_requests": n_repeat}
            context.close()
    return out


def lighthouse(base: str, tmp: Path) -> dict:
    scores = {}
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    flags = " ".join(["--headless=new", *ARGS])
    for name, path in PAGES.items():
        report = tmp / f"lh-{name}.json"
        subprocess.run(["node", str(LIGHTHOUSE), base + path, "--quiet", "--output=json", f"--output-path={report}",
                        f"--chrome-flags={flags}", "--only-categories=performance,accessibility,best-practices,seo"],
                       env=env, check=True, timeout=300)
        data = json.loads(report.read_text(encoding="utf-8"))
        scores[name] = {k: round(100 * v["score"]) for k, v in data["categories"].items()}
        failing = [a["id"] for a in data["audits"].values()
                   if a.get("score") is not None and a["score"] < 0.9 and a.get("scoreDisplayMode") == "binary"]
        scores[name]["failing_audits"] = failing
    return scores


def schemaorg_parse_ms() -> float:
    from schemaorg import DEFAULT_PATH, Vocabulary
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    start = time.perf_counter()
    Vocabulary.parse(text)
    return 1000 * (time.perf_counter() - start)


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="pages-bench-"))
    site, index = tmp / "site", tmp / "search-index"
    portal = Path(sys.executable).parent / "portal"
    subprocess.run([str(portal), "build", "--site-dir", str(site), "--index-dir", str(index)], check=True,
                   stdout=subprocess.DEVNULL)
    root = tmp / "root"
    (root / "build").mkdir(parents=True)
    (root / "content").mkdir()
    (root / "site").symlink_to(site)
    (root / "build" / "search-index").symlink_to(index)
    port = free_port()
    server = subprocess.Popen([str(portal), "serve", "--no-build", "--root", str(root), "--port", str(port),
                               "--workers", "2"], stdout=subprocess.DEVNULL,
                              env={**os.environ, "PORTAL_RATINGS_FILE": str(tmp / "r.jsonl")})
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        html = (site / "thu-tuc/dang-ky-khai-sinh/index.html").read_bytes()
        result = {"procedure_html_bytes": len(html), "procedure_html_gzip_bytes": len(gzip.compress(html, 6)),
                  "weights": weigh(base), "lighthouse": lighthouse(base, tmp)}
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(
        f"Procedure page HTML: {result['procedure_html_bytes'] / 1000:.1f} KB "
        f"({result['procedure_html_gzip_bytes'] / 1000:.1f} KB gzip); budget {BUDGET['procedure_html'] / 1000:.0f} KB"
    )
    print(f"{'page':10} {'first visit':>14} {'repeat visit':>14}   Lighthouse 12 mobile (perf/a11y/bp/seo)")
    for name in PAGES:
        w, lh = result["weights"][name], result["lighthouse"][name]
        print(f"{name:10} {w['first_bytes'] / 1000:9.1f} KB/{w['first_requests']:<3} {w['repeat_bytes'] / 1000:8.1f} "
              f"KB/"
              f"{w['repeat_requests']:<3}  {lh['performance']}/{lh['accessibility']}/{lh['best-practices']}/{lh['seo']}"
              + (f"  failing: {', '.join(lh['failing_audits'])}" if lh["failing_audits"] else ""))
    result["schemaorg_parse_ms"] = schemaorg_parse_ms()
    print(f"schema.org vocabulary (schema-dts) parsed in {result['schemaorg_parse_ms']:.0f} ms "
          "(the JSON-LD tests load it once; goal ≤ 2000 ms)")
    out = REPO / "bench-out"
    out.mkdir(exist_ok=True)
    (out / "pages.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    over = [
        n
        for n, w in result["weights"].items()
        if w["first_bytes"] > BUDGET["first"] or w["repeat_bytes"] > BUDGET["repeat"]
    ]
    if result["procedure_html_bytes"] > BUDGET["procedure_html"] or over:
        print("OVER BUDGET:", over or "procedure HTML")
    return 0


if __name__ == "__main__":
    sys.exit(main())
