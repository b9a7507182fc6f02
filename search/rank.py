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
from .query import CONTENT, EVENT, Plan
from .signals import collect
from .snippets import best_sentence, highlight_snippet
from .suggest import spell_out, suggest_spelling

ENDED = {"expired", "suspended", "obsolete"}
PER_PAGE = 10
RERANK = 80           # candidates re-scored with their stored text
FACET_VALUES = 12     # values listed per facet (largest counts first, as the results page shows)
ANSWERS_FROM = 0.5    # share of the query's words the best unit must hold to count as an answer
TIGHT, TITLE_PAIRS, ARTICLE, PROCEDURE, EXACT, PHRASE = 10.0, 10.0, 25.0, 6.0, 1.0, 6.0
ARTICLE_UNIT = -1.5   # the document's own unit before one of its articles, all else equal
ENDED_FACTOR = 0.85


def run_search(gen: Generation, plan: Plan, filters: dict[str, str], sort: str, page: int) -> dict:
    post = gen.postings
    allowed = None
    if filters:
        allowed = frozenset.intersection(*(post.docs(f"f_{k}", v) for k, v in sorted(filters.items())))
    if plan.empty:
        everything = allowed if allowed is not None else frozenset(range(post.size))
        return _answer(gen, plan, dict.fromkeys(everything, 0.0), sort if sort == "date" else "date", page)
    sig = collect(post, plan, allowed)
    found = _answer(gen, plan, sig.scores, sort, page, sig)
    unknown = sig.unknown
    found["ignored"] = plan.fillers + unknown
    if not any(sig.answers(d, ANSWERS_FROM) for d in sig.scores):
        # Nothing holds most of what was asked: say so, and offer what is near.
        found.update(total=0, results=[], facets={}, no_answer=True, relaxed=False,
                     nearest=_nearest(gen, sig.scores))
    elif found["results"]:
        first = found["_first"]
        found["relaxed"] = sig.coverage.get(first, 0.0) < 0.999 and first not in sig.keyed
    spelled = [r for r in sig.resolved if r.spelled]
    if spelled:
        words = [r.spelled[0] if r.spelled else " ".join(g.words)
                 for g, r in zip(plan.groups, sig.resolved, strict=True) if g.words]
        found["suggestion"] = spell_out(gen, " ".join(words).split())
    elif found["no_answer"] or found["relaxed"]:
        found["suggestion"] = suggest_spelling(gen, plan)
    found.pop("_first", None)
    return found


def _answer(gen: Generation, plan: Plan, scores: dict, sort: str, page: int, sig=None) -> dict:
    want = page * PER_PAGE
    if sort == "date":
        dates = gen.dates
        top = heapq.nlargest(max(want * 3, RERANK), scores, key=lambda d: (dates[d], scores[d]))
    else:
        top = heapq.nlargest(max(want * 3, RERANK), scores, key=scores.__getitem__)
        final = {d: _rerank(gen, plan, d, scores[d]) for d in top}
        top.sort(key=lambda d: -final[d])
    firsts: dict[str, int] = {}
    for docnum in scores:
        firsts.setdefault(gen.parents[docnum], docnum)
    seen, ordered = set(), []
    for d in top:
        parent = gen.parents[d]
        if parent not in seen:
            seen.add(parent)
            ordered.append(d)
        if len(ordered) >= want:
            break
    words = _highlight_words(plan)
    results = []
    for d in ordered[(page - 1) * PER_PAGE:want]:
        hit = gen.searcher.stored_fields(d)
        results.append({"id": hit["id"], "kind": hit["kind"], "url": hit["url"], "title": hit["title"],
                        "title_html": highlight_snippet(hit["title"], words, whole=True),
                        "subtitle": hit["subtitle"], "snippet_html": best_sentence(hit["body"], words),
                        "number": hit["number"] or None, "code": hit["code"] or None, "date": hit["date"] or None})
    return {"total": len(firsts), "results": results, "facets": _facet_counts(gen, firsts), "relaxed": False,
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


def _nearest(gen: Generation, scores: dict) -> list[dict]:
    """The sectors of the closest (not good enough) matches: where to look instead."""
    labels = gen.meta.get("labels", {}).get("sector", {})
    tally: dict[str, int] = {}
    for d in heapq.nlargest(20, scores, key=scores.__getitem__):
        for value in gen.facets["sector"][d]:
            tally[value] = tally.get(value, 0) + 1
    best = sorted(tally.items(), key=lambda kv: -kv[1])[:3]
    return [{"value": v, "label": labels.get(v, v), "count": c} for v, c in best]


def _facet_counts(gen: Generation, firsts: dict[str, int]) -> dict:
    labels = gen.meta.get("labels", {})
    counts = {}
    docs = list(firsts.values())
    for name, values in gen.facets.items():
        tally: dict[str, int] = {}
        for docnum in docs:
            for value in values[docnum]:
                tally[value] = tally.get(value, 0) + 1
        counts[name] = sorted(({"value": v, "label": labels.get(name, {}).get(v, v), "count": c}
                               for v, c in tally.items()), key=lambda x: (-x["count"], x["label"]))[:FACET_VALUES]
    return counts

