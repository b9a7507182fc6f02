"""Search service under stress (`make stress`; the test suite runs the same code with small counts).

1. Fuzz: N generated requests (random Unicode, long strings, search operators, malformed
   percent-encoding, unknown and repeated parameters, huge page numbers) against the real
   server (uvicorn, 2 workers): 0 answers with status 500 or above, 0 worker crashes.
2. Load: C concurrent clients in a separate process over loopback for about T seconds (the last
   interval runs after the last event, however long the events took) while the
   index is swapped S times and (optionally) a worker is killed with SIGKILL: 0 failed
   requests outside the restart window after the kill, latency percentiles, memory per
   worker before and after (growth ≤ 10 %).

Usage: python bench/stress.py [--fuzz 100000] [--clients 50] [--seconds 60] [--swaps 3] [--kill]
                              [--index DIR] [--site DIR]
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QUERIES = ["dang ky khai sinh", "giấy phép lái xe", "ket hon", "64/2007/NĐ-CP", "nd 43 2011", "1.001193", "đất đai",
           "chứng thực bản sao", "ho tich", "lệ phí", "cấp giấy phép xây dựng", "thuế", "hộ kinh doanh", "việc làm"]
PARAMS = ["q", "kind", "sector", "level", "type", "issuer", "status", "year", "sort", "page", "agency", "x", "Q", "q[]"]
NASTY = ["*", "?", "\"", "(", ")", "AND", "OR", "NOT", "~", "^", ":", "\\", "%", "'", "<script>", "../../", "\x00",
         "\ufffd", "\u202e", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "🙂", "đĐ", "ﬁ", "\u0301\u0301", " " * 50]


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """uvicorn with worker processes, as production runs the search service."""

    def __init__(self, site: Path, index: Path, workers: int = 2):
        self.port = free_port()
        env = {**os.environ, "PORTAL_SITE_DIR": str(site), "PORTAL_INDEX_DIR": str(index),
               "PORTAL_RATINGS_FILE": str(Path(tempfile.gettempdir()) / f"stress-ratings-{self.port}.jsonl")}
        uvicorn = Path(sys.executable).parent / "uvicorn"
        self.proc = subprocess.Popen([str(uvicorn), "site_builder.editor.serve:create_app", "--factory", "--host",
                                      "127.0.0.1", "--port", str(self.port), "--workers", str(workers),
                                      "--log-level", "warning"], env=env, cwd=REPO, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, start_new_session=True)
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if (
                    len(self.workers()) == workers
                    and urllib.request.urlopen(self.base + "/healthz", timeout=2).status == 200
                ):
                    return
            except OSError:
                pass
            if self.proc.poll() is not None:
                raise SystemExit(self.proc.stderr.read().decode())
            time.sleep(0.1)
        raise SystemExit("server did not start")

    def workers(self) -> list[int]:
        """The app worker processes (children of the supervisor), read from /proc: no pgrep needed."""
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == self.proc.pid:
                    pid = int(stat.parent.name)
                    cmdline = (stat.parent / "cmdline").read_bytes().decode(errors="replace")
                    if "resource_tracker" not in cmdline:
                        pids.append(pid)
            except (OSError, IndexError, ValueError):
                continue
        return sorted(pids)

    def private_mb(self) -> dict[int, float]:
        """Heap of each worker, MB: Private_Dirty from smaps_rollup. (Private_Clean is the index files
        mapped from the page cache: it grows as queries touch more of the index and the kernel
        can drop it at any time, so it says nothing about leaks.)"""
        out = {}
        for pid in self.workers():
            try:
                fields = dict(
                    line.split(":", 1) for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]
                )
                out[pid] = int(fields["Private_Dirty"].split()[0]) / 1024
            except (OSError, KeyError, ValueError):
                pass
        return out

    def stop(self) -> str:
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
        return self.proc.stderr.read().decode(errors="replace")


# ----------------------------------------------------------------------------------------- fuzz
def fuzz_path(rng: random.Random) -> str:
    def word() -> str:
        kind = rng.random()
        if kind < 0.3:
            return rng.choice(QUERIES)
        if kind < 0.5:
            return "".join(chr(c) for c in (rng.randrange(0x20, 0x2FFFF) for _ in range(rng.randrange(1, 20)))
                           if not 0xD800 <= c <= 0xDFFF)      # lone surrogates cannot be sent as UTF-8
        if kind < 0.6:
            return rng.choice(NASTY) * rng.randrange(1, 5)
        if kind < 0.7:
            return "x" * rng.randrange(200, 6000)
        return " ".join(rng.choice(QUERIES + NASTY) for _ in range(rng.randrange(1, 6)))

    def encode(value: str) -> str:
        out = urllib.request.quote(value, safe="")
        if rng.random() < 0.15:          # malformed percent-encoding
            cut = rng.randrange(0, len(out) + 1)
            out = out[:cut] + rng.choice(["%", "%z", "%E0%A4", "%FF%FE", "%00", "%%"]) + out[cut:]
        return out

    pairs = []
    for _ in range(rng.randrange(0, 6)):
        name = rng.choice(PARAMS)
        if name in ("page",):
            value = rng.choice(["0", "-1", "1", "2", "abc", "1e9", str(10 ** rng.randrange(1, 40)), ""])
        else:
            value = word()
        pairs.append(f"{encode(name)}={encode(value)}" if rng.random() > 0.05 else encode(name))
    path = rng.choice(["/api/search", "/api/suggest", "/tim-kiem/", "/api/search/", "/api/openapi.json"])
    return path + ("?" + "&".join(pairs) if pairs or rng.random() < 0.5 else "")


def _in_threads(target, args: list[tuple]) -> None:
    """target(*a) for each a, each in its own thread; returns when all are done."""
    pool = [threading.Thread(target=target, args=a) for a in args]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()


def fuzz(base: str, count: int, threads: int = 8, seed: int = 20261126) -> dict:
    host, port = base.removeprefix("http://").split(":")
    statuses: dict[int, int] = {}
    bad: list[str] = []
    lock = threading.Lock()
    shares = [count // threads + (1 if i < count % threads else 0) for i in range(threads)]

    def run(n: int, thread_seed: int) -> None:
        rng = random.Random(thread_seed)
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        for _ in range(n):
            path = fuzz_path(rng)
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                status = response.status
                if response.getheader("connection", "").lower() == "close":
                    conn.close()
                    conn = http.client.HTTPConnection(host, int(port), timeout=30)
            except (OSError, http.client.HTTPException) as exc:
                status = 0
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=30)
                path += f"  ({type(exc).__name__})"
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
                if status >= 500 or status == 0:
                    bad.append(f"{status} {path[:200]}")
        conn.close()

    started = time.perf_counter()
    _in_threads(run, [(shares[i], seed + i) for i in range(threads)])
    return {"requests": sum(statuses.values()), "seconds": round(time.perf_counter() - started, 1),
            "statuses": dict(sorted(statuses.items())), "bad": bad[:20], "bad_count": len(bad)}


# ----------------------------------------------------------------------------------------- load
def _client_process(base: str, clients: int, stop, queue) -> None:
    host, port = base.removeprefix("http://").split(":")
    results: list[tuple[float, float, int]] = []      # (start time, latency, status)
    lock = threading.Lock()

    def client(i: int) -> None:
        rng = random.Random(i)
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        while not stop.is_set():
            q = urllib.request.quote(rng.choice(QUERIES))
            t0 = time.time()
            try:
                conn.request("GET", f"/api/search?q={q}")
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                status = 0
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=10)
            with lock:
                results.append((t0, time.time() - t0, status))
        conn.close()

    _in_threads(client, [(i,) for i in range(clients)])
    queue.put(results)


def swap_to(index_root: Path, generation: str) -> None:
    link = index_root / f".current-stress-{os.getpid()}"
    link.unlink(missing_ok=True)
    link.symlink_to(generation)
    os.replace(link, index_root / "current")


def _settle(base: str, clients: int, times: int) -> None:
    """Every query `times` times from each of `clients` threads: each worker has then opened the
    current generation and filled its caches, however few requests the load happened to give it."""
    host, port = base.removeprefix("http://").split(":")

    def client() -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        for q in QUERIES * times:
            try:
                conn.request("GET", f"/api/search?q={urllib.request.quote(q)}")
                conn.getresponse().read()
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=10)
        conn.close()

    _in_threads(client, [()] * clients)


def load(server: Server, index_root: Path, clients: int, seconds: float, swaps: int, kill: bool) -> dict:
    current = os.readlink(index_root / "current")
    twin = current + "-twin"
    if not (index_root / twin).exists():           # a second generation to swap to: a hard-linked copy
        subprocess.run(["cp", "-al", str(index_root / current), str(index_root / twin)], check=True)
    memory_before = server.private_mb()
    spawn = multiprocessing.get_context("spawn")
    queue, stop = spawn.Queue(), spawn.Event()
    proc = spawn.Process(target=_client_process, args=(server.base, clients, stop, queue))
    started = time.time()
    proc.start()
    events = []
    snapshots = []
    for n in range(swaps):
        time.sleep(seconds / (swaps + 1))
        swap_to(index_root, twin if n % 2 == 0 else current)
        events.append(("swap", time.time()))
        time.sleep(min(1.0, seconds / (swaps + 1) / 4))
        _settle(server.base, 4, times=2)      # every worker has now opened the new generation
        snapshots.append(server.private_mb())
        if kill and n == 0:
            time.sleep(seconds / (swaps + 1) / 3)
            victim = server.workers()[0]
            os.kill(victim, signal.SIGKILL)
            events.append(("kill", time.time()))
    # The load goes on for a last interval after the last event, however slow the machine was to get there.
    time.sleep(seconds / (swaps + 1))
    stop.set()
    results = queue.get(timeout=120)
    proc.join()
    _settle(server.base, clients, times=3)
    memory_after = server.private_mb()
    kill_at = next((t for kind, t in events if kind == "kill"), None)
    window = 5.0                                       # uvicorn notices the death and starts a new worker
    failed = [(t, s) for t, _, s in results if s != 200]
    failed_outside = [(t, s) for t, s in failed if not (kill_at and kill_at - 1 <= t <= kill_at + window)]
    latencies = sorted(took * 1000 for _, took, s in results if s == 200)
    q = lambda p: round(latencies[min(len(latencies) - 1, int(p * len(latencies)))], 1) if latencies else None
    before_total, after_total = sum(memory_before.values()), sum(v for v in memory_after.values())
    return {
        "clients": clients,
        "seconds": seconds,
        "swaps": swaps,
        "killed_worker": bool(kill_at),
        "requests": len(results),
        # Answers that started after each swap and the kill: the service went on serving through all of them.
        "answered_after_each_event": [sum(1 for t0, _, s in results if s == 200 and t0 > t) for _, t in events],
        "req_per_s": round(len(results) / (time.time() - started), 1),
        "failed": len(failed),
        "failed_outside_restart_window": len(failed_outside),
        "failed_in_restart_window": len(failed) - len(failed_outside),
        "latency_ms": {
            "p50": q(0.50),
            "p95": q(0.95),
            "p99": q(0.99),
            "max": round(latencies[-1], 1) if latencies else None,
        },
        "worker_private_mb_before": {str(k): round(v, 1) for k, v in memory_before.items()},
        "worker_private_mb_after": {str(k): round(v, 1) for k, v in memory_after.items()},
        # The first swap raises each worker's high-water mark by one generation's facet arrays (old and
        # new are open together for a moment); after that, memory must stay flat across swaps.
        "memory_growth_per_worker": _growth(snapshots[0] if snapshots else memory_before, memory_after),
        "memory_growth_since_start": _growth(memory_before, memory_after),
        # MB each worker gained from the first swap (old and new generation were open together then,
        # which sets the high-water mark) to the end: a leak across swaps shows here.
        "mb_gained_after_first_swap": {str(pid): round(memory_after[pid] - mb, 1)
                                       for pid, mb in (snapshots[0] if snapshots else {}).items()
                                       if pid in memory_after},
        "index_now": os.readlink(index_root / "current"),
        "_before_total": before_total,
        "_after_total": after_total,
    }


def _growth(before: dict[int, float], after: dict[int, float]) -> float | None:
    """Largest growth of a worker that lived through the run (a restarted one starts afresh)."""
    common = [pid for pid in before if pid in after and before[pid]]
    return round(max(after[p] / before[p] - 1 for p in common), 3) if common else None


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fuzz", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--swaps", type=int, default=3)
    parser.add_argument("--kill", action="store_true")
    parser.add_argument("--site", type=Path, default=None)
    parser.add_argument("--index", type=Path, default=None, help="index root with current -> gen-… (default: build the "
                                                                 "sample)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="stress-"))
    site, index = args.site, args.index
    if site is None or index is None:
        portal = Path(sys.executable).parent / "portal"
        subprocess.run([str(portal), "build", "--site-dir", str(tmp / "site"), "--index-dir", str(tmp / "index")],
                       cwd=REPO, check=True, stdout=subprocess.DEVNULL)
        site, index = tmp / "site", tmp / "index"
    else:
        shutil.copytree(index, tmp / "index", symlinks=True, copy_function=os.link)
        index = tmp / "index"
    server = Server(site, index)
    report = {}
    try:
        workers_before = server.workers()
        report["fuzz"] = fuzz(server.base, args.fuzz)
        workers_after_fuzz = server.workers()
        report["fuzz"]["worker_crashes"] = len(set(workers_before) - set(workers_after_fuzz))
        print(f"fuzz: {report['fuzz']['requests']} requests in {report['fuzz']['seconds']} s, statuses "
              f"{report['fuzz']['statuses']}, 5xx/failed {report['fuzz']['bad_count']}, worker crashes "
              f"{report['fuzz']['worker_crashes']}", flush=True)
        report["load"] = load(server, index, args.clients, args.seconds, args.swaps, args.kill)
        lo = report["load"]
        print(f"load: {lo['clients']} clients × {lo['seconds']} s, {lo['swaps']} index swaps"
              f"{', 1 worker killed' if lo['killed_worker'] else ''}: {lo['requests']} requests ({lo['req_per_s']}/s), "
              f"failed {lo['failed_outside_restart_window']} outside the restart window "
              f"({lo['failed_in_restart_window']} inside), latency p50/p95/p99 {lo['latency_ms']['p50']}/"
              f"{lo['latency_ms']['p95']}/{lo['latency_ms']['p99']} ms, worker memory growth "
              f"{lo['memory_growth_per_worker']}", flush=True)
    finally:
        log = server.stop()
    report["server_log_errors"] = [line for line in log.splitlines() if "Traceback" in line or "ERROR" in line][:10]
    out = REPO / "bench-out"
    out.mkdir(exist_ok=True)
    (out / "stress.json").write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(tmp, ignore_errors=True)
    ok = (report["fuzz"]["bad_count"] == 0 and report["fuzz"]["worker_crashes"] == 0
          and report["load"]["failed_outside_restart_window"] == 0
          and (report["load"]["memory_growth_per_worker"] or 0) <= 0.10)
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
