"""`make bench`: build, rebuild, index and preview times at sample and province scale, in one table.

    python bench/bench.py [sample] [scale]

Each corpus is a git repository (the sample's content, or bench/scale_corpus.py's 2,000 procedures
and 10,000 documents). Rows: plain mkdocs building the pages `portal generate` writes (the yardstick,
same run), a cold `portal build` with the index, warm rebuilds after one procedure edit and after a
navigation edit, `portal index` cold and after an edit, and the preview's start-up cold and warm.
Each shows seconds, the ratio to plain mkdocs and the peak memory of the process tree. Results go
to bench-out/report.md and report.json; then the search bench runs (BENCH_SKIP_SEARCH=1 skips it).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench-out"
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}



def timed(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB, the largest process of the tree) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env or ENV, cwd=REPO)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode()[-3000:]}")
    return elapsed, usage.ru_maxrss / 1024


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.vn", *args], cwd=root,
                   check=True, capture_output=True)


def edit(root: Path, path: Path, old: str, new: str, message: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    git(root, "commit", "-qam", message)


def preview_start(root: Path) -> float:
    """Seconds from `portal serve` to the preview answering (site and index built and switched in)."""
    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen([str(BIN / "portal"), "serve", "--root", str(root), "--port", str(port), "--workers", "1",
                               "--no-watch"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    try:
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                return time.perf_counter() - started
            except OSError:
                if server.poll() is not None:
                    sys.exit(f"portal serve stopped (exit {server.returncode})")
                time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=60)


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(name: str, root: Path) -> list[tuple[str, float, float]]:
    """(what, seconds, peak MB) rows for one corpus, the first being plain mkdocs."""
    out = OUT / name
    shutil.rmtree(out, ignore_errors=True)
    gen = out / "generated"
    timed([str(BIN / "portal"), "generate", "--root", str(root), "--out", str(gen / "docs"),
           "--mkdocs-config", str(gen / "mkdocs.yml")])
    rows = [("plain mkdocs build of the same generated pages", *timed(
        [str(BIN / "mkdocs"), "build", "-q", "-f", str(gen / "mkdocs.yml"), "-d", str(out / "plain")]))]
    shutil.rmtree(root / "build", ignore_errors=True)
    build = [str(BIN / "portal"), "build", "--root", str(root), "--site-dir", str(out / "site"),
             "--index-dir", str(out / "index")]
    rows.append(("cold `portal build` with the index (no cache)", *timed(build)))
    procedure = sorted((root / "procedures").rglob("*.yml"))[len(list((root / "procedures").rglob("*.yml"))) // 2]
    edit(root, procedure, "name: ", "name: Sửa đổi ", "bench: one procedure")
    rows.append(("warm `portal build` after one procedure edit, index included", *timed(build)))
    sections = root / "content" / "taxonomy" / "sections.yml"
    edit(root, sections, 'name: "Liên hệ"', 'name: "Liên hệ, góp ý"', "bench: navigation")
    rows.append(("warm `portal build` after a navigation edit, index included", *timed(build)))
    index = [str(BIN / "portal"), "index", "--root", str(root), "--index-dir", str(out / "index-only")]
    rows.append(("`portal index`, cold (no earlier generation)", *timed(index)))
    edit(root, procedure, "name: Sửa đổi ", "name: Sửa đổi lần hai ", "bench: one procedure again")
    rows.append(("`portal index` after one procedure edit (earlier generation present)", *timed(index)))
    shutil.rmtree(root / "build", ignore_errors=True)
    shutil.rmtree(root / "site", ignore_errors=True)
    rows.append(("preview start-up, cold (no cache)", preview_start(root), 0.0))
    rows.append(("preview start-up, warm (cache of the previous start)", preview_start(root), 0.0))
    return rows


def table(name: str, rows: list[tuple[str, float, float]]) -> str:
    plain = rows[0][1]
    lines = [f"**{name}** (ratios to plain mkdocs in the same run)", "",
             "| step | seconds | × plain mkdocs | peak MB |", "|---|---|---|---|"]
    for what, seconds, mb in rows:
        lines.append(f"| {what} | {seconds:.1f} | {seconds / plain:.2f} | {mb:.0f} |" if mb else
                     f"| {what} | {seconds:.1f} | {seconds / plain:.2f} | |")
    return "\n".join(lines) + "\n"


def corpus_repo(root: Path) -> None:
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "bench corpus", "--allow-empty")


def main() -> None:
    OUT.mkdir(exist_ok=True)
    scale = OUT / "scale-corpus"
    subprocess.run([sys.executable, str(REPO / "bench" / "scale_corpus.py"), "--out", str(scale)], check=True,
                   env=ENV, cwd=REPO, stdout=subprocess.DEVNULL)
    corpus_repo(scale)
    sample = OUT / "sample-corpus"
    shutil.rmtree(sample, ignore_errors=True)
    for folder in ("content", "procedures", "policies"):
        shutil.copytree(REPO / folder, sample / folder)
    corpus_repo(sample)
    check_s, _ = timed([str(BIN / "portal"), "check", "--root", str(REPO)])
    report = ""
    results = {}
    wanted = sys.argv[1:] or ["sample", "scale"]
    for key, name, root in (("sample", "sample", sample), ("scale", "province scale", scale)):
        if key not in wanted:
            continue
        rows = measure(key, root)
        results[name] = rows
        report += table(f"{name}", rows) + "\n"
        print(table(name, rows), flush=True)
    (OUT / "report.md").write_text(report, encoding="utf-8")
    (OUT / "report.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    if "province scale" not in results:
        return
    rows = dict((w, (s, m)) for w, s, m in results["province scale"])
    plain = results["province scale"][0][1]
    cold, warm, nav = (results["province scale"][i][1] for i in (1, 2, 3))
    print(f"goals at scale: cold {cold / plain:.2f}× (≤0.8), warm after a procedure edit {warm:.1f} s (≤10), "
          f"after a navigation edit {nav / plain:.2f}× (≤0.8), peak "
          f"{max(m for s, m in rows.values()):.0f} MB (≤1024); sample `portal check` {check_s:.2f} s (<2)")
    if os.environ.get("BENCH_SKIP_SEARCH"):
        return
    print("\nSearch at province scale (bench/search_bench.py):")
    subprocess.run([sys.executable, str(REPO / "bench" / "search_bench.py"), str(scale), str(OUT / "search")],
                   check=True, env=ENV, cwd=REPO)


if __name__ == "__main__":
    main()
