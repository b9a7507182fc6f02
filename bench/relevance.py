"""Search relevance on the sample portal: hit@3 and MRR per class of query.

    python bench/relevance.py [--set bench/relevance.yml] [--misses]

Each query of the set names the acceptable answers, best first (ids as the index has them:
thu-tuc:<slug>, van-ban:<slug>, co-quan:<slug>, trang:<slug>), or none for a query the portal
cannot answer. A query scores its best-ranked acceptable answer (reciprocal rank; hit@3 when it
is in the first three). A no-answer query scores 1 when the engine says it found nothing, 0 when
it presents results as if they answered.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from search.generation import IndexHandle  # noqa: E402
from search.index import build_index  # noqa: E402
from search.query import plan  # noqa: E402
from search.rank import run_search  # noqa: E402
from site_builder.check import check  # noqa: E402
from site_builder.publish.search_units import write_search_export  # noqa: E402

SET = REPO / "bench" / "relevance.yml"
GOALS = {"hit3": 0.95, "mrr": 0.90}


def load_set(path: Path = SET) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def sample_generation(root: Path = REPO, work: Path | None = None):
    work = Path(work or tempfile.mkdtemp(prefix="relevance-"))
    docs, meta = write_search_export(check(root), work)
    build_index(docs, meta, work / "index")
    return IndexHandle(work / "index").get()


def answer_ids(gen, query: str) -> tuple[list[str], dict]:
    found = run_search(gen, plan(query), {}, "relevance", 1)
    return [hit["id"].split("#")[0] for hit in found["results"]], found


def score(gen, item: dict) -> tuple[float, bool, list[str]]:
    """(reciprocal rank, hit@3, the ids returned) of one query."""
    ids, found = answer_ids(gen, item["q"])
    expect = item.get("expect") or []
    if not expect:
        ok = found["total"] == 0 or found.get("no_answer", False)
        return float(ok), ok, ids
    ranks = [ids.index(e) + 1 for e in expect if e in ids]
    best = min(ranks) if ranks else None
    return (1 / best if best else 0.0), bool(best and best <= 3), ids


def evaluate(gen, items: list[dict]) -> dict:
    per_class: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    misses = []
    for item in items:
        rr, hit, ids = score(gen, item)
        per_class[item["class"]].append((rr, hit))
        if not hit:
            misses.append({"q": item["q"], "class": item["class"], "expect": item.get("expect") or [], "got": ids[:5]})
    table = {c: {"n": len(v), "hit3": sum(h for _, h in v) / len(v), "mrr": sum(r for r, _ in v) / len(v)}
             for c, v in sorted(per_class.items())}
    every = [x for v in per_class.values() for x in v]
    table["overall"] = {"n": len(every), "hit3": sum(h for _, h in every) / len(every),
                        "mrr": sum(r for r, _ in every) / len(every)}
    return {"table": table, "misses": misses}


def print_table(result: dict) -> None:
    print(f"{'class':<16} {'n':>4} {'hit@3':>7} {'MRR':>7}")
    for name, row in result["table"].items():
        print(f"{name:<16} {row['n']:>4} {row['hit3']:>7.3f} {row['mrr']:>7.3f}")
    overall = result["table"]["overall"]
    met = overall["hit3"] >= GOALS["hit3"] and overall["mrr"] >= GOALS["mrr"]
    print(f"goals: hit@3 >= {GOALS['hit3']}, MRR >= {GOALS['mrr']}: {'met' if met else 'NOT met'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, default=SET)
    parser.add_argument("--misses", action="store_true", help="list the queries whose answer is not in the top 3")
    parser.add_argument("--json", type=Path, help="write the table and the misses as JSON")
    args = parser.parse_args()
    result = evaluate(sample_generation(), load_set(args.set))
    print_table(result)
    if args.misses:
        for m in result["misses"]:
            print(f"  [{m['class']}] {m['q']!r}: expected {m['expect'][:2]}, got {m['got'][:3]}")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    overall = result["table"]["overall"]
    return 0 if overall["hit3"] >= GOALS["hit3"] and overall["mrr"] >= GOALS["mrr"] else 1


if __name__ == "__main__":
    sys.exit(main())
