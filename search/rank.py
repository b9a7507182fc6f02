"""Answering a query: retrieval stages, then re-ranking of the top candidates.

Retrieval runs in stages, cheapest first: an exact document number; the query's adjacent word
pairs (phrase first); every word (AND); most words. The top candidates are then re-ranked in
Python with signals that would be too costly as query terms (title pairs, exact diacritics
"đăng" above "dạng", number or code, documents in force above the ones they replaced).
"""

from __future__ import annotations

import math

from whoosh import query as Q

from .analysis import number_keys, terms
from .generation import Generation
from .query import Plan
from .snippets import highlight_snippet
from .suggest import suggest_spelling

ENDED = {"expired", "suspended", "obsolete"}
PER_PAGE = 10
RERANK = 60   # candidates re-ranked in Python with the signals too costly to walk per match
BROAD = 3000  # matches above which title matches are ranked first
FACET_VALUES = 12   # values listed per facet (largest counts first, as the results page shows); keeps answers small


def _alternative(words: list[str], field: str):
    return Q.Term(field, words[0]) if len(words) == 1 else Q.And([Q.Term(field, w) for w in words])


def _required(plan: Plan, minimum: int | None = None):
    groups = [Q.Or([_alternative(alt, "t_body") for alt in plan.groups[i]]) for i in plan.required]
    if plan.code:
        groups = [Q.Or([Q.And(groups), Q.Term("code", plan.code)])] if groups else [Q.Term("code", plan.code)]
    if minimum is None:
        return Q.And(groups)
    return Q.Or(groups, minmatch=minimum)


def _phrase(plan: Plan):
    """Stage one for multi-syllable queries: every adjacent pair of required
    words as one term (title, or the start of the body). Pair postings are
    short, so this answers most queries without walking the long lists of
    common syllables (hồ, sơ, giải, quyết)."""
    required = set(plan.required)
    pairs = []
    for i in range(len(plan.groups) - 1):
        if i in required and i + 1 in required and len(plan.groups[i]) == 1 == len(plan.groups[i + 1]) \
                and len(plan.groups[i][0]) == 1 == len(plan.groups[i + 1][0]):
            pair = f"{plan.groups[i][0][0]}_{plan.groups[i + 1][0][0]}"
            pairs.append(Q.Term("t_body_bi", pair))
    if not pairs or len(pairs) + 1 < len(plan.required):
        return None      # some required word is not in a pair: the pairs alone would drop it
    return Q.And(pairs)


def _matches(gen: Generation, query, allowed: set[int] | None) -> list[int]:
    """Docnums of every match, without scoring (for counts and facets)."""
    docs = gen.searcher.docs_for_query(query)
    return list(docs) if allowed is None else [d for d in docs if d in allowed]


def _retrieve(gen: Generation, plan: Plan, allowed: set[int] | None):
    """(query, matching docnums, relaxed) of the first stage that finds anything."""
    if plan.numkeys and not plan.code:
        exact = Q.Or([Q.Term("numkeys", k) for k in plan.numkeys])
        matched = _matches(gen, exact, allowed)
        if matched:
            return exact, matched, False
    phrase = None if plan.empty or plan.code or plan.numkeys else _phrase(plan)
    if phrase is not None:
        # Phrase first: when some units have the words side by side, those are
        # the results; scattered matches are searched only when none has.
        matched = _matches(gen, phrase, allowed)
        if matched:
            return phrase, matched, False
    required = Q.Every() if plan.empty else _required(plan)
    matched = _matches(gen, required, allowed)
    if not matched and len(plan.required) > 1:
        # Nothing has every word: accept most of them (typos, extra words).
        required = _required(plan, max(1, math.ceil(0.6 * len(plan.required))))
        matched = _matches(gen, required, allowed)
        return required, matched, bool(matched)
    return required, matched, False


def run_search(gen: Generation, plan: Plan, filters: dict[str, str], sort: str, page: int) -> dict:
    searcher = gen.searcher
    flt = Q.And([Q.Term(f"f_{k}", v) for k, v in sorted(filters.items())]) if filters else None
    allowed = set(searcher.docs_for_query(flt)) if flt is not None else None   # once, for every stage
    required, matched, relaxed = _retrieve(gen, plan, allowed)
    # One result per page: an article and its document count once, the best unit shown.
    firsts: dict[str, int] = {}
    for docnum in matched:
        firsts.setdefault(gen.parents[docnum], docnum)
    hits = _page_of_hits(gen, plan, required, flt, sort, page, len(matched)) if matched else []
    suggestion = suggest_spelling(gen, plan) if (not matched or relaxed) else None
    return {"total": len(firsts), "results": hits, "facets": _facet_counts(gen, firsts), "relaxed": relaxed,
            "suggestion": suggestion}


def _page_of_hits(gen: Generation, plan: Plan, required, flt, sort: str, page: int, matches: int) -> list[dict]:
    searcher = gen.searcher
    want = page * PER_PAGE
    kwargs = dict(limit=max(want * 3, RERANK), filter=flt)
    if sort == "date":
        kwargs.update(sortedby="date", reverse=True)
    results = []
    if matches > BROAD and sort != "date" and plan.required and not plan.empty:
        # A broad query (one common word) would score every match: rank the
        # units whose title has every word first; counts still cover all matches.
        titles = Q.And([Q.Or([_alternative(alt, "t_title") for alt in plan.groups[i]]) for i in plan.required])
        results = list(searcher.search(titles, **kwargs))
        if len({h["parent"] for h in results}) < want:
            results = []
    if not results:
        results = list(searcher.search(required, **kwargs))
    if sort != "date":
        results.sort(key=lambda h: -_rerank(gen, plan, h))
    seen, ordered = set(), []
    for hit in results:
        if hit["parent"] in seen:
            continue
        seen.add(hit["parent"])
        ordered.append(hit)
        if len(ordered) >= want:
            break
    words = {w for group in plan.groups for alt in group for w in alt}
    return [{"id": hit["id"], "kind": hit["kind"], "url": hit["url"], "title": hit["title"],
             "title_html": highlight_snippet(hit["title"], words, whole=True), "subtitle": hit["subtitle"],
             "snippet_html": highlight_snippet(hit["body"], words),
             "number": hit["number"] or None, "code": hit["code"] or None, "date": hit["date"] or None}
            for hit in ordered[(page - 1) * PER_PAGE:want]]


def _facet_counts(gen: Generation, firsts: dict[str, int]) -> dict:
    labels = gen.meta.get("labels", {})
    counts = {}
    for name, values in gen.facets.items():
        tally: dict[str, int] = {}
        for docnum in firsts.values():
            for value in values[docnum]:
                tally[value] = tally.get(value, 0) + 1
        counts[name] = sorted(({"value": v, "label": labels.get(name, {}).get(v, v), "count": c}
                               for v, c in tally.items()), key=lambda x: (-x["count"], x["label"]))[:FACET_VALUES]
    return counts


def _rerank(gen: Generation, plan: Plan, hit) -> float:
    """Engine score plus what makes a result obviously right: the query's word
    pairs in the title, its exact spellings, its number or code; and a law in
    force above the one it replaced. Done on the top candidates only: as query
    terms these would be walked for every match (a pair of common syllables,
    the "in force" flag of almost every document)."""
    title = hit["title"]
    words = terms(title)
    pairs = set(zip(words, words[1:], strict=False))
    score = hit.score or 0.0
    in_title = set(words)
    required = {w for i in plan.required for w in plan.groups[i][0]}
    bonus = sum(3.0 for w in required if w in in_title)
    bonus += sum(4.0 for b in plan.bigrams if tuple(b.split("_", 1)) in pairs)
    # A title made of the query's words ("Thủ tục đăng ký khai sinh") above a long
    # title that merely contains them.
    if words:
        bonus += 12.0 * sum(1 for w in words if w in required) / len(words)
    lower = title.lower()
    bonus += sum(1.5 for e in plan.exact if e in lower)
    if plan.code and hit["code"] == plan.code:
        bonus += 50.0
    if plan.numkeys and hit["number"] and set(plan.numkeys) & set(number_keys(hit["number"])):
        bonus += 25.0
    factor = 0.8 if set(gen.facets["status"][hit.docnum]) & ENDED else 1.0
    return (score + bonus) * factor
