"""Save-to-visible time of the editor's preview, at sample and province scale (make bench).

Starts `portal serve` (watching) on a copy of the content, opens a procedure page
in Debian Chromium, then saves edits to that procedure's YAML file and measures
the time from the write to the new title being visible in the (self-reloading)
page. Also an edit of a legal document. Goal (issue 6): ≤ 2 s at both scales.

Usage: python bench/preview_bench.py [sample|scale ...]
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from browser import chromium  # noqa: E402

ROUNDS = 5


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def corpus(scale: str, tmp: Path) -> Path:
    root = tmp / scale
    if scale == "sample":
        for name in ("content", "procedures", "policies"):
            shutil.copytree(REPO / name, root / name)
    else:
        subprocess.run([sys.executable, str(REPO / "bench" / "scale_corpus.py"), "--out", str(root)], check=True,
                       stdout=subprocess.DEVNULL)
    return root


def first_yaml(root: Path, folder: str, pattern: str) -> Path:
    return sorted((root / folder).glob(pattern))[len(list((root / folder).glob(pattern))) // 2]


def measure(scale: str, tmp: Path) -> dict:
    root = corpus(scale, tmp)
    port = free_port()
    portal = Path(sys.executable).parent / "portal"
    log = open(tmp / f"{scale}-serve.log", "w")
    started = time.perf_counter()
    server = subprocess.Popen([str(portal), "serve", "--root", str(root), "--port", str(port), "--workers", "1"],
                              stdout=log, stderr=subprocess.STDOUT,
                              env={**os.environ, "PORTAL_RATINGS_FILE": str(tmp / "r.jsonl")})
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(6000):
            try:
                urllib.request.urlopen(base + "/_preview/status", timeout=2)
                break
            except OSError:
                if server.poll() is not None:
                    raise SystemExit((tmp / f"{scale}-serve.log").read_text()) from None
                time.sleep(0.1)
        startup = time.perf_counter() - started
        results = {"startup_s": round(startup, 1)}
        with chromium() as browser:
            page = browser.new_page()
            for label, path, key in (("procedure", first_yaml(root, "procedures", "*/*.yml"), "name"),
                                     ("document", first_yaml(root, "policies", "*/*.md"), "abstract")):
                url = procedure_or_document_url(root, path)
                page.goto(base + url)
                times = []
                for i in range(ROUNDS):
                    text = path.read_text(encoding="utf-8")
                    marker = f"SỬA{i}X{label}"
                    lines = text.split("\n")
                    for n, line in enumerate(lines):
                        if line.startswith(f"{key}: "):
                            value = line[len(key) + 2:].strip().strip('"')
                            lines[n] = f'{key}: "{value.split(" SỬA")[0]} {marker}"'
                            break
                    t0 = time.perf_counter()
                    path.write_text("\n".join(lines), encoding="utf-8")
                    page.wait_for_function(f"() => document.body.innerText.includes('{marker}')", timeout=60000)
                    times.append(time.perf_counter() - t0)
                results[label] = {"median_s": round(statistics.median(times), 2), "max_s": round(max(times), 2),
                                  "runs": [round(t, 2) for t in times]}
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    results["precommit"] = precommit_seconds(root)
    return results


def precommit_seconds(root: Path) -> dict:
    """`portal check FILE` as the pre-commit hook runs it: cold (no cache) and warm (cache written)."""
    portal = Path(sys.executable).parent / "portal"
    path = first_yaml(root, "procedures", "*/*.yml")
    shutil.rmtree(root / "build" / "cache" / "parsed.pickle", ignore_errors=True)
    (root / "build" / "cache" / "parsed.pickle").unlink(missing_ok=True)
    times = []
    for _ in range(4):
        t0 = time.perf_counter()
        subprocess.run([str(portal), "check", "--root", str(root), str(path)], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
        time.sleep(3 if len(times) == 1 else 0.5)      # let the first run's child write the cache
    return {"cold_s": round(times[0], 2), "warm_median_s": round(statistics.median(times[1:]), 2)}


def procedure_or_document_url(root: Path, path: Path) -> str:
    if path.parts[-3] == "procedures":
        return f"/thu-tuc/{path.stem}/"
    return f"/van-ban/{path.parent.name}/{path.stem}/"


def main() -> int:
    scales = sys.argv[1:] or ["sample", "scale"]
    tmp = Path(tempfile.mkdtemp(prefix="preview-bench-"))
    report = {}
    for scale in scales:
        report[scale] = measure(scale, tmp)
        r = report[scale]
        print(f"preview {scale:6}: start-up {r['startup_s']} s; save-to-visible procedure median "
              f"{r['procedure']['median_s']} s (max {r['procedure']['max_s']}), document median "
              f"{r['document']['median_s']} s (max {r['document']['max_s']}); pre-commit check cold "
              f"{r['precommit']['cold_s']} s, warm {r['precommit']['warm_median_s']} s", flush=True)
    out = REPO / "bench-out"
    out.mkdir(exist_ok=True)
    (out / "preview.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
