"""Search at province scale: index build, query latency, throughput, memory, response size.

    python bench/search_bench.py CORPUS_ROOT OUT_DIR

Latency is measured in one process calling the engine (facets and highlights
on, no result cache); throughput with the real server (uvicorn, 2 workers)
under load from a separate process over loopback. The same queries run on a
straightforward Whoosh set-up (title + whole body, positions, query parser,
Whoosh highlights) for comparison.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from search.generation import IndexHandle  # noqa: E402
from search.index import build_index  # noqa: E402
from search.query import plan  # noqa: E402
from search.rank import run_search  # noqa: E402
from site_builder.check import check  # noqa: E402
from site_builder.publish.search_units import write_search_export  # noqa: E402


def percentiles(values: list[float]) -> dict:
    values = sorted(values)
    pick = lambda q: values[min(len(values) - 1, int(q * len(values)))]
    return {"p50": pick(0.50), "p95": pick(0.95), "p99": pick(0.99), "mean": statistics.fmean(values)}


def make_queries(documents: Path, n: int = 200, seed: int = 7) -> list[tuple[str, str]]:
    """Mixed queries drawn from the corpus itself: (category, text)."""
    rng = random.Random(seed)
    units = [json.loads(line) for line in open(documents, encoding="utf-8")]
    titles = [u["title"] for u in units if u["kind"] == "thu-tuc"]
    bodies = [u["body"] for u in units if u["kind"] == "van-ban" and len(u["body"]) > 200]
    numbers = sorted({u["number"] for u in units if u.get("number")})
    import yaml

    from site_builder.text import fold
    asked = [item["q"] for item in yaml.safe_load((REPO / "bench" / "relevance.yml").read_text(encoding="utf-8"))]
    out = []
    for i in range(n):
        kind = i % 10
        if kind >= 8:       # the way people type (life events, typos, numbers with words): bench/relevance.yml
            out.append(("câu hỏi đời thường", rng.choice(asked)))
            continue
        if kind == 0:
            word = rng.choice(rng.choice(titles).split())
            out.append(("một từ", word))
        elif kind == 1:
            words = rng.choice(titles).split()
            k = rng.randint(2, 4)
            start = rng.randrange(max(1, len(words) - k))
            out.append(("nhiều từ", " ".join(words[start:start + k])))
        elif kind == 2:
            words = rng.choice(titles).split()
            out.append(("không dấu", fold(" ".join(words[:rng.randint(2, 5)]))))
        elif kind == 3:
            words = rng.choice(bodies).split()
            start = rng.randrange(len(words) - 4)
            out.append(("cụm từ", " ".join(words[start:start + 4])))
        elif kind == 4:
            out.append(("số văn bản", rng.choice(numbers)))
        elif kind == 5:
            number = rng.choice([x for x in numbers if x.count("/") == 2])
            serial, year, symbol = number.split("/")
            out.append(("số văn bản", f"{fold(symbol.split('-')[0]).lower()} {serial} {year}"))
        elif kind == 6:
            out.append(("không có kết quả", f"xyzq{i} wvut{i}"))
        else:
            words = rng.choice(titles).split()
            out.append(("nhiều từ", fold(" ".join(words[-3:]))))
    return out


def engine_latency(index_root: Path, queries) -> dict:
    gen = IndexHandle(index_root).get()
    gen.postings.warm()             # what a worker does in the background after opening a generation
    # (search/generation.py); the throughput run below waits for it the same way
    for _, q in queries[:10]:       # warm the OS cache and lazy structures, not a result cache
        run_search(gen, plan(q), {}, "relevance", 1)
    times, by_kind, sizes = [], {}, []
    for kind, q in queries:
        start = time.perf_counter()
        found = run_search(gen, plan(q), {}, "relevance", 1)
        ms = 1000 * (time.perf_counter() - start)
        times.append(ms)
        by_kind.setdefault(kind, []).append(ms)
        sizes.append(len(json.dumps(found, ensure_ascii=False).encode("utf-8")))
    return {"all": percentiles(times), "by_kind": {k: percentiles(v) for k, v in by_kind.items()},
            "bytes_mean": statistics.fmean(sizes), "bytes_max": max(sizes)}


def straightforward(documents: Path, queries, out: Path) -> dict:
    """The set-up the issue measured: title + whole body, positions, AND query parser, Whoosh highlights."""
    from whoosh import index as wi
    from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer
    from whoosh.fields import ID, STORED, TEXT, Schema
    from whoosh.qparser import AndGroup, MultifieldParser
    from whoosh.support.charset import accent_map
    analyzer = RegexTokenizer(r"\w+") | LowercaseFilter() | CharsetFilter(accent_map)
    schema = Schema(
        id=ID(stored=True),
        title=TEXT(analyzer=analyzer, stored=True),
        body=TEXT(analyzer=analyzer, stored=True),
        url=STORED,
    )
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    ix = wi.create_in(str(out), schema)
    start = time.perf_counter()
    writer = ix.writer(limitmb=256)
    for line in open(documents, encoding="utf-8"):
        u = json.loads(line)
        writer.add_document(id=u["id"], title=u["title"], body=u["body"], url=u["url"])
    writer.commit()
    build_s = time.perf_counter() - start
    parser = MultifieldParser(["title", "body"], schema, group=AndGroup)
    times = []
    with ix.searcher() as s:
        for _, q in queries:
            t0 = time.perf_counter()
            try:
                results = s.search(parser.parse(q), limit=10)
                for hit in results:
                    hit.highlights("body")
            except Exception:
                pass
            times.append(1000 * (time.perf_counter() - t0))
    return {"build_s": build_s, "all": percentiles(times)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _memory_mb(pid: int) -> tuple[float, float]:
    """(resident, private) MB. Resident counts the index files' pages mapped
    from the page cache, shared by all workers; private is what each worker adds."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0])
    private = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
    return fields.get("Rss", 0) / 1024, private / 1024


def _children(pid: int) -> list[int]:
    kids = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            for line in status.read_text().splitlines():
                if line.startswith("PPid:") and int(line.split()[1]) == pid:
                    kids.append(int(status.parent.name))
        except OSError:
            continue
    return kids


def throughput(index_root: Path, queries, seconds: int, concurrency: int) -> dict:
    port = _free_port()
    env = {**os.environ, "PORTAL_INDEX_DIR": str(index_root)}
    server = subprocess.Popen([str(Path(sys.executable).parent / "uvicorn"), "search.service:create_app", "--factory",
                               "--port", str(port), "--workers", "2", "--log-level", "warning"],
                              env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        import urllib.request
        for _ in range(600):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        time.sleep(8)      # the workers read the commonest terms in the background after opening (~5 s)
        qfile = REPO / "bench-out" / "search-queries.txt"
        qfile.write_text("\n".join(q for _, q in queries) + "\n", encoding="utf-8")
        load = subprocess.run([sys.executable, str(REPO / "bench" / "load.py"), f"http://127.0.0.1:{port}", str(qfile),
                               "--seconds", str(seconds), "--concurrency", str(concurrency)],
                              capture_output=True, text=True, check=True)
        result = json.loads(load.stdout)
        # uvicorn's supervisor forks the workers: they are its children (multiprocessing spawn).
        workers = [pid for pid in _children(server.pid) if _memory_mb(pid)[0] > 50]
        result["worker_rss_mb"] = [round(_memory_mb(pid)[0], 1) for pid in workers]
        result["worker_private_mb"] = [round(_memory_mb(pid)[1], 1) for pid in workers]
        return result
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> None:
    corpus, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    checked = check(corpus)
    export = out / "search-export"
    documents, meta = write_search_export(checked, export)
    index_root = out / "search-index"
    if index_root.exists():
        shutil.rmtree(index_root)
    start = time.perf_counter()
    gen = build_index(documents, meta, index_root)
    build_s = time.perf_counter() - start
    size_mb = sum(p.stat().st_size for p in gen.iterdir()) / 2**20
    units = sum(1 for _ in open(documents, encoding="utf-8"))
    print(f"index: {units} units in {build_s:.1f} s", flush=True)
    queries = make_queries(documents)
    latency = engine_latency(index_root, queries)
    print(f"latency p50 {latency['all']['p50']:.1f} ms p95 {latency['all']['p95']:.1f} ms", flush=True)
    load = throughput(index_root, queries, seconds=int(os.environ.get("BENCH_LOAD_SECONDS", "20")), concurrency=8)
    print(f"load: {load['rps']:.0f} req/s", flush=True)
    naive = straightforward(documents, queries, out / "naive-index")
    report = {"units": units, "index_build_s": build_s, "index_mb": size_mb, "latency_ms": latency, "load": load,
              "straightforward": naive, "queries": len(queries)}
    (out / "search-report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    a, n = latency["all"], naive["all"]
    worker_memory = ", ".join(f"{r:.0f} / {p:.0f}" for r, p in zip(load["worker_rss_mb"], load["worker_private_mb"],
                                                                    strict=False))
    lines = [
        f"Search units indexed: {units} ({len(queries)} mixed queries)",
        "",
        "| measure | ours | target | straightforward Whoosh |",
        "|---|---|---|---|",
        f"| index build | {build_s:.1f} s | ≤ 60 s | {naive['build_s']:.1f} s |",
        f"| index size | {size_mb:.0f} MB | | |",
        f"| latency p50 / p95 / p99 | {a['p50']:.1f} / {a['p95']:.1f} / {a['p99']:.1f} ms | p95 ≤ 50, p99 ≤ 100 ms | "
        f"{n['p50']:.1f} / {n['p95']:.1f} / {n['p99']:.1f} ms |",
        f"| throughput, 2 workers, 8 clients | {load['rps']:.0f} req/s (p50 {load['p50_ms']:.0f} ms, p95 "
        f"{load['p95_ms']:.0f} ms, "
        f"{load['errors']} errors) | ≥ 100 req/s | |",
        f"| bytes per response (mean / max) | {latency['bytes_mean'] / 1024:.1f} / {latency['bytes_max'] / 1024:.1f} "
        f"KB | mean ≤ 10 KB | |",
        f"| memory per worker (resident / private) | "
        f"{worker_memory} MB | ≤ "
        f"150 MB | |",
        "",
        "Latency by query kind (p50 / p95 ms): " + "; ".join(
            f"{k} {v['p50']:.1f} / {v['p95']:.1f}" for k, v in latency["by_kind"].items()),
    ]
    text = "\n".join(lines) + "\n"
    (out / "search-report.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
