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
from .index import FACETS
from .postings import has, ids, select, to_bits
from .query import CONTENT, EVENT, Plan
from .signals import SCALE, collect
from .snippets import best_sentence, highlight_snippet
from .suggest import spell_out, suggest_spelling

PER_PAGE = 10
RERANK = 30           # candidates re-scored with their stored text
PER_PARENT = 3        # of them, at most this many units of one page (a document and its articles)
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
    size = cand.bit_count()
    parent_of = gen.parent_ids
    stored: dict[int, dict] = {}
    n = max(RERANK, want) * PER_PARENT
    while True:
        if sort == "date" or sig is None:
            dates = gen.dates
            top = heapq.nlargest(n, ids(cand), key=lambda d: (dates[d], -d))
        else:
            # The first RERANK units (at most PER_PARENT of a page: a law's articles must not fill
            # them) are re-scored with their stored text; the rest keep the order of their score.
            # The head does not depend on the page asked for, so pages never overlap.
            ranked = sig.scores.best(cand, n)
            counts: dict[int, int] = {}
            head, tail = [], []
            for d in ranked:
                k = counts.get(parent_of[d], 0)
                if len(head) < RERANK and k < PER_PARENT:
                    counts[parent_of[d]] = k + 1
                    head.append(d)
                else:
                    tail.append(d)
            cheap = sig.scores.values(head)
            final = {}
            for d in head:
                stored[d] = stored.get(d) or gen.searcher.stored_fields(d)
                final[d] = _rerank(gen, plan, d, stored[d], cheap[d] / SCALE)
            head.sort(key=lambda d: (-final[d], d))
            top = head + tail
        seen, ordered = set(), []
        for d in top:
            if parent_of[d] not in seen:
                seen.add(parent_of[d])
                ordered.append(d)
            if len(ordered) >= want:
                break
        if len(ordered) >= want or n >= size:
            break
        n *= 4        # many units of the same pages: look further
    total, shown = _pages(gen, cand)
    words = _highlight_words(plan)
    results = []
    for d in ordered[(page - 1) * PER_PAGE:want]:
        hit = stored.get(d) or gen.searcher.stored_fields(d)
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


def _rerank(gen: Generation, plan: Plan, docnum: int, hit: dict, score: float) -> float:
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
    if has(gen.ended, docnum):
        score *= ENDED_FACTOR
    return score


def _nearest(gen: Generation, sig) -> list[dict]:
    """The sectors of the closest (not good enough) matches: where to look instead."""
    labels = gen.meta.get("labels", {}).get("sector", {})
    closest = to_bits(sig.scores.best(sig.cand, 20), gen.postings.size)
    tally = {v: (closest & gen.postings.bits("f_sector", v)).bit_count() for v in labels}
    best = sorted(((v, c) for v, c in tally.items() if c), key=lambda kv: -kv[1])[:3]
    return [{"value": v, "label": labels.get(v, v), "count": c} for v, c in best]


def _pages(gen: Generation, cand: int) -> tuple[int, int]:
    """(pages matched, bitmap with one unit per page): an article whose document's own unit is
    not a candidate stands for that document."""
    own = cand & ~gen.articles
    parts = cand & gen.articles
    if not parts:
        return own.bit_count(), own
    owners = set(select(gen.parent_ids, own & gen.documents))
    orphans = set(select(gen.parent_ids, parts)) - owners
    shown = own | to_bits((gen.unit_of_parent[p] for p in orphans), gen.postings.size)
    return own.bit_count() + len(orphans), shown


def _facet_counts(gen: Generation, shown: int) -> dict:
    labels = gen.meta.get("labels", {})
    post = gen.postings
    counts = {}
    for name in FACETS:
        values = [{"value": v, "label": label, "count": (shown & post.bits(f"f_{name}", v)).bit_count()}
                  for v, label in labels.get(name, {}).items()]
        counts[name] = sorted((v for v in values if v["count"]), key=lambda x: (-x["count"], x["label"]))[:FACET_VALUES]
    return counts
