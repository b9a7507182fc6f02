"""`make bench`: where the build time and memory go, sample and province scale.

For each corpus: load+validate and generate (our share, in-process timings),
the full `portal build` (our code + mkdocs, wall time and peak RSS of the
process), and plain mkdocs building the tree written by `portal generate`
(comparison). Results are printed and written to bench-out/report.md.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench-out"
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

PHASES = r"""
import json, sys, time, resource
from pathlib import Path
from site_builder.check import check
from site_builder.render import render_site
t0 = time.perf_counter(); c = check(Path(sys.argv[1])); t1 = time.perf_counter()
pages = render_site(c); t2 = time.perf_counter()
print(json.dumps({"load_validate": t1 - t0, "generate": t2 - t1, "pages": sum(k.endswith(".md") for k in pages),
                  "errors": len(c.report.errors), "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, cwd=REPO)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode()[-3000:]}")
    return elapsed, usage.ru_maxrss / 1024


def measure(name: str, root: Path) -> dict:
    phases = json.loads(subprocess.run([sys.executable, "-c", PHASES, str(root)], capture_output=True, text=True,
                                       env=ENV, check=True).stdout)
    check_s, _ = timed([str(BIN / "portal"), "check", "--root", str(root)])
    build_s, build_mb = timed([str(BIN / "portal"), "build", "--no-index", "--root", str(root),
                               "--site-dir", str(OUT / f"{name}-site")])
    full_s, full_mb = timed([str(BIN / "portal"), "build", "--root", str(root), "--site-dir", str(OUT / f"{name}-site"),
                             "--index-dir", str(OUT / f"{name}-index")])
    gen = OUT / f"{name}-generated"
    timed([str(BIN / "portal"), "generate", "--root", str(root), "--out", str(gen / "docs"),
           "--mkdocs-config", str(gen / "mkdocs.yml")])
    plain_s, plain_mb = timed(
        [str(BIN / "mkdocs"), "build", "-q", "-f", str(gen / "mkdocs.yml"), "-d", str(OUT / f"{name}-plain")]
    )
    ours = phases["load_validate"] + phases["generate"]
    return {"corpus": name, "pages": phases["pages"], **phases, "check": check_s, "build_total": build_s,
            "build_with_index": full_s, "build_with_index_mb": full_mb, "build_peak_mb": build_mb,
            "our_share_pct": 100 * ours / build_s, "plain_mkdocs": plain_s, "plain_peak_mb": plain_mb}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    scale = OUT / "scale-corpus"
    subprocess.run(
        [sys.executable, str(REPO / "bench" / "scale_corpus.py"), "--out", str(scale)],
        check=True,
        env=ENV,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
    )
    rows = [measure("sample", REPO), measure("scale", scale)]
    head = ("| corpus | pages | portal check s | load+validate+law s | generate s | mkdocs s | portal build s | our "
            "share "
            "| peak MB (build) | plain mkdocs s | peak MB (plain) | portal build with search index s (peak MB) |"
            "\n|---|---|---|---|---|---|---|---|---|---|---|---|")
    lines = [head] + [
        f"| {r['corpus']} | {r['pages']} | {r['check']:.2f} | {r['load_validate']:.2f} | {r['generate']:.2f} "
        f"| {r['build_total'] - r['load_validate'] - r['generate']:.1f} | {r['build_total']:.1f} "
        f"| {r['our_share_pct']:.1f}% | {r['build_peak_mb']:.0f} | {r['plain_mkdocs']:.1f} | {r['plain_peak_mb']:.0f} "
        f"| {r['build_with_index']:.1f} ({r['build_with_index_mb']:.0f}) |"
        for r in rows]
    report = "\n".join(lines) + "\n"
    (OUT / "report.md").write_text(report, encoding="utf-8")
    (OUT / "report.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")
    print(report)
    for r in rows:
        if r["corpus"] == "scale":
            print(f"goals at scale: our share {r['our_share_pct']:.1f}% (≤10%), peak {r['build_peak_mb']:.0f} MB "
                  f"(≤1024), "
                  f"portal check {r['check']:.1f} s (<30)")
        else:
            print(f"goals on the sample: portal check {r['check']:.2f} s (<2)")
    if os.environ.get("BENCH_SKIP_SEARCH"):
        return
    print("\nSearch at province scale (bench/search_bench.py):")
    subprocess.run([sys.executable, str(REPO / "bench" / "search_bench.py"), str(scale), str(OUT / "search")],
                   check=True, env=ENV, cwd=REPO)


if __name__ == "__main__":
    main()
