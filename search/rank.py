"""Answering a query: one candidate set, one score (search/signals.py), then the signals that need
a unit's stored text, on the best candidates only; and an honest "nothing found".

Final order = signals over every candidate (words, pairs, numbers, codes, relations) + for the
top RERANK: how much of the title the query makes up, the query's word pairs in the title, its
exact diacritics ("đăng" before "dạng"), the article asked for ("điều 28"), procedures first for
how-to queries, a document in force above the one it replaced.
"""

from __future__ import annotations

import heapq

from .analysis import bigrams, terms
from .generation import Generation
from .postings import has, ids, to_bits
from .query import CONTENT, EVENT, Plan
from .signals import SCALE, collect
from .snippets import best_sentence, highlight_snippet
from .suggest import spell_out, suggest_spelling

ENDED = {"expired", "suspended", "obsolete"}
PER_PAGE = 10
RERANK = 40           # candidates re-scored with their stored text
FACET_VALUES = 12     # values listed per facet (largest counts first, as the results page shows)
ANSWERS_FROM = 0.5    # share of the query's words the best unit must hold to count as an answer
TIGHT, TITLE_PAIRS, ARTICLE, PROCEDURE, EXACT, PHRASE = 10.0, 10.0, 25.0, 6.0, 1.0, 6.0
ARTICLE_UNIT = -1.5   # the document's own unit before one of its articles, all else equal
ENDED_FACTOR = 0.85


def run_search(gen: Generation, plan: Plan, filters: dict[str, str], sort: str, page: int) -> dict:
    post = gen.postings
    allowed = None
    for k, v in sorted(filters.items()):
        bits = post.bits(f"f_{k}", v)
        allowed = bits if allowed is None else allowed & bits
    if plan.empty:
        everything = allowed if allowed is not None else post.all
        return _answer(gen, plan, everything, None, "date", page)
    sig = collect(post, plan, allowed)
    found = _answer(gen, plan, sig.cand, sig, sort, page)
    found["ignored"] = plan.fillers + sig.unknown
    if not sig.answering(ANSWERS_FROM):
        # Nothing holds most of what was asked: say so, and offer what is near.
        found.update(total=0, results=[], facets={}, no_answer=True, relaxed=False,
                     nearest=_nearest(gen, sig))
    elif found["_first"] is not None:
        first = found["_first"]
        found["relaxed"] = sig.share(first) < 0.999 and not has(sig.keyed, first)
    if any(r.spelled for r in sig.resolved):
        words = [r.spelled[0] if r.spelled else " ".join(g.words)
                 for g, r in zip(plan.groups, sig.resolved, strict=True) if g.words]
        found["suggestion"] = spell_out(gen, " ".join(words).split())
    elif sig.unknown and (found["no_answer"] or found["relaxed"]):
        found["suggestion"] = suggest_spelling(gen, plan)      # only a word the index lacks can be misspelt
    found.pop("_first", None)
    return found


def _answer(gen: Generation, plan: Plan, cand: int, sig, sort: str, page: int) -> dict:
    want = page * PER_PAGE
    pool, size = max(want * 2, RERANK), cand.bit_count()
    parents = gen.parents
    final: dict[int, float] = {}
    while True:
        if sort == "date" or sig is None:
            dates = gen.dates
            top = heapq.nlargest(pool, ids(cand), key=lambda d: (dates[d], -d))
        else:
            top = sig.scores.best(cand, pool)
            for d in top:
                if d not in final:
                    final[d] = _rerank(gen, plan, d, sig.scores.value(d) / SCALE)
            top.sort(key=lambda d: -final[d])
        # One result per page: an article and its document count once, the best unit shown.
        seen, ordered = set(), []
        for d in top:
            if parents[d] not in seen:
                seen.add(parents[d])
                ordered.append(d)
            if len(ordered) >= want:
                break
        if len(ordered) >= want or pool >= size:
            break
        pool *= 4        # many units of the same pages: look further
    total, shown = _pages(gen, cand)
    words = _highlight_words(plan)
    results = []
    for d in ordered[(page - 1) * PER_PAGE:want]:
        hit = gen.searcher.stored_fields(d)
        results.append({"id": hit["id"], "kind": hit["kind"], "url": hit["url"], "title": hit["title"],
                        "title_html": highlight_snippet(hit["title"], words, whole=True),
                        "subtitle": hit["subtitle"], "snippet_html": best_sentence(hit["body"], words),
                        "number": hit["number"] or None, "code": hit["code"] or None, "date": hit["date"] or None})
    return {"total": total, "results": results, "facets": _facet_counts(gen, shown), "relaxed": False,
            "suggestion": None, "no_answer": False, "ignored": [], "nearest": [],
            "_first": ordered[0] if ordered else None}


def _highlight_words(plan: Plan) -> set[str]:
    words = set()
    for g in plan.groups:
        if g.role in (CONTENT, EVENT):
            words.update(w for phrase in g.phrases for w in phrase)
    return words or set(plan.words)


def _rerank(gen: Generation, plan: Plan, docnum: int, score: float) -> float:
    hit = gen.searcher.stored_fields(docnum)
    title_terms = terms(hit["title"])
    asked = _highlight_words(plan)
    if title_terms:
        score += TIGHT * sum(1 for w in title_terms if w in asked) / len(title_terms)
    pairs = bigrams([w for g in plan.groups if g.role == CONTENT for w in g.words])
    if pairs:
        in_title = set(bigrams(title_terms))
        score += TITLE_PAIRS * sum(1 for b in pairs if b in in_title) / len(pairs)
    lower = hit["title"].lower()
    score += EXACT * sum(1 for e in plan.exact if e in lower)
    if plan.article and title_terms[:2] == ["dieu", plan.article]:
        score += ARTICLE
    if "#" in hit["id"]:
        score += ARTICLE_UNIT
    if hit["kind"] == "thu-tuc" and (plan.wants_procedure or plan.events):
        score += PROCEDURE
    if hit["kind"] == "co-quan" and plan.wants_agency:
        score += PROCEDURE
    # A phrase the query stands for (a life event's procedure, an abbreviation) in the title.
    joined = f" {' '.join(title_terms)} "
    score += PHRASE * sum(1 for g in plan.groups if g.role in (CONTENT, EVENT)
                          and any(len(ph) > 1 and f" {' '.join(ph)} " in joined for ph in g.phrases))
    if set(gen.facets["status"][docnum]) & ENDED:
        score *= ENDED_FACTOR
    return score


def _nearest(gen: Generation, sig) -> list[dict]:
    """The sectors of the closest (not good enough) matches: where to look instead."""
    labels = gen.meta.get("labels", {}).get("sector", {})
    tally: dict[str, int] = {}
    for d in sig.scores.best(sig.cand, 20):
        for value in gen.facets["sector"][d]:
            tally[value] = tally.get(value, 0) + 1
    best = sorted(tally.items(), key=lambda kv: -kv[1])[:3]
    return [{"value": v, "label": labels.get(v, v), "count": c} for v, c in best]


def _pages(gen: Generation, cand: int) -> tuple[int, int]:
    """(pages matched, bitmap with one unit per page): an article whose document's own unit is
    not a candidate stands for that document."""
    own = cand & ~gen.articles
    parts = cand & gen.articles
    if not parts:
        return own.bit_count(), own
    parent_of = gen.parent_ids.__getitem__
    owners = set(map(parent_of, ids(own & gen.documents)))
    units = ids(parts)
    by_parent = dict(zip(map(parent_of, units), units, strict=True))     # one article per page (in C)
    orphans = {p: d for p, d in by_parent.items() if p not in owners}
    shown = own | to_bits(orphans.values(), gen.postings.size)
    return own.bit_count() + len(orphans), shown


def _facet_counts(gen: Generation, shown: int) -> dict:
    labels = gen.meta.get("labels", {})
    post = gen.postings
    counts = {}
    for name in gen.facets:
        values = [{"value": v, "label": label, "count": (shown & post.bits(f"f_{name}", v)).bit_count()}
                  for v, label in labels.get(name, {}).items()]
        counts[name] = sorted((v for v in values if v["count"]), key=lambda x: (-x["count"], x["label"]))[:FACET_VALUES]
    return counts
