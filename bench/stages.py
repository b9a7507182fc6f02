"""Where a `portal build` spends its time: timers around the stages of publish/build.py.

    .venv/bin/python bench/stages.py ROOT [--default-gc] [--no-index]

Builds ROOT like `portal build` (into bench-out/stages/), then prints the seconds of each stage,
nested stages included in their parents. `--default-gc` keeps Python's default garbage-collector
settings instead of the batch tuning of site_builder/heap.py, to measure what that tuning saves.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import time
from pathlib import Path

STAGES = [
    ("site_builder.content.cache", "LoadCache.read"),
    ("site_builder.publish.build", "check_cached"),
    ("site_builder.check", "check"),
    ("site_builder.check", "run_compliance"),
    ("site_builder.adapters.mkdocs_plugin", "render_site"),
    ("site_builder.adapters.mkdocs_pages", "build"),
    ("site_builder.adapters.mkdocs_pages", "_run"),
    ("site_builder.publish.build", "write_headers"),
    ("site_builder.publish.build", "check_site"),
]
TIMES: dict[str, float] = {}


def _wrap(module: str, name: str) -> None:
    owner = importlib.import_module(module)
    *path, attr = name.split(".")
    for part in path:
        owner = getattr(owner, part)
    fn = getattr(owner, attr)
    label = f"{module.rsplit('.', 1)[-1]}.{name}"

    @functools.wraps(fn)
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            TIMES[label] = TIMES.get(label, 0.0) + time.perf_counter() - start

    setattr(owner, attr, classmethod(lambda cls, *a, **k: timed(*a, **k)) if path else timed)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("root", type=Path)
    parser.add_argument("--default-gc", action="store_true")
    parser.add_argument("--no-index", action="store_true")
    args = parser.parse_args()
    from site_builder import heap
    if not args.default_gc:
        heap.for_batch()
    for module, name in STAGES:
        _wrap(module, name)
    from site_builder.publish.build import build
    out = Path("bench-out") / "stages"
    start = time.perf_counter()
    result = build(args.root, site_dir=out / "site", index_dir=out / "index", with_index=not args.no_index)
    TIMES["total"] = time.perf_counter() - start
    print("\n".join(result.messages))
    for label, seconds in sorted(TIMES.items(), key=lambda kv: -kv[1]):
        print(f"{seconds:8.2f} s  {label}")


if __name__ == "__main__":
    main()
