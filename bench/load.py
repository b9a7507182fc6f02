"""Closed-loop HTTP load over loopback, from its own process; bounded in time.

    python bench/load.py BASE_URL QUERIES_FILE --seconds 20 --concurrency 8

Prints JSON: requests, errors (non-200 or failed), req/s, latency percentiles, mean bytes.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import threading
import time
from urllib.parse import quote, urlparse


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("queries")
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--concurrency", type=int, default=8)
    args = ap.parse_args()
    url = urlparse(args.base)
    queries = [q for q in open(args.queries, encoding="utf-8").read().splitlines() if q]
    counter = itertools.count()
    deadline = time.monotonic() + args.seconds
    lock = threading.Lock()
    latencies, sizes, errors = [], [], [0]

    def worker():
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
        while time.monotonic() < deadline:
            q = queries[next(counter) % len(queries)]
            start = time.perf_counter()
            try:
                conn.request("GET", "/api/search?q=" + quote(q))
                response = conn.getresponse()
                body = response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
                ok, body = False, b""
            elapsed = 1000 * (time.perf_counter() - start)
            with lock:
                latencies.append(elapsed)
                sizes.append(len(body))
                if not ok:
                    errors[0] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - started
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else 0.0
    print(json.dumps({"requests": len(latencies), "errors": errors[0], "rps": len(latencies) / wall,
                      "p50_ms": pick(0.5), "p95_ms": pick(0.95), "p99_ms": pick(0.99),
                      "bytes_mean": sum(sizes) / max(1, len(sizes))}))


if __name__ == "__main__":
    main()
