"""The candidate set of a query and the signals scored over all of it (sets of units per term).

Nothing here eliminates a unit that matches well: every signal (words, word pairs, numbers, codes,
relations between documents) adds to one score over one candidate set. A unit is a candidate when
it holds enough of the query's words (all of them for one or two words, 60 % of them for longer
queries), or its number, code or a relation the query asks for.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .analysis import bigrams
from .postings import EMPTY, Postings
from .query import CONTENT, EVENT, Plan
from .typos import near_spellings, pair_spellings

ROLE_WEIGHT = {CONTENT: 1.0, EVENT: 1.2, "filler": 0.15, "context": 0.3, "intent": 0.3}
NEAR = 0.7            # a near spelling counts this much of the word it stands for
APART = 0.5           # a syllable away from its partner in a known word counts this much
SOFT_FROM = 3         # queries with at least this many words need only SHARE of them
SHARE = 0.6
# Points (coverage is 0..1 of the query's weighted words)
BODY, TITLE, PAIRS = 40.0, 20.0, 15.0
NUMBER_FULL, NUMBER_PART = 30.0, 10.0
CODE = 60.0
RELATED_ASKED, RELATED_ANY = 35.0, 12.0
RELATED_TOPIC = 30.0


@dataclass
class Resolved:
    label: str
    role: str
    body: frozenset           # units holding it (any phrase, exact or near spelling)
    near: frozenset           # of those, the units holding only a near spelling
    title: frozenset
    weight: float = 0.0
    known: bool = True
    spelled: list[str] = field(default_factory=list)   # near spellings used


@dataclass
class Signals:
    resolved: list[Resolved]
    scores: dict              # docnum → score over the whole candidate set
    coverage: dict            # docnum → share of the query's words held (0..1)
    keyed: set                # units found by number, code or relation
    total_weight: float
    evidence: set | None      # units holding one of the query's word pairs or phrases (None: no pairs)

    def answers(self, docnum: int, share: float) -> bool:
        if docnum in self.keyed:
            return True
        return self.coverage.get(docnum, 0.0) >= share and (self.evidence is None or docnum in self.evidence)

    @property
    def unknown(self) -> list[str]:
        return [r.label for r in self.resolved if not r.known and r.role == CONTENT]


def _phrase(post: Postings, phrase: list[str]) -> tuple[frozenset, frozenset]:
    """(body, title) units of a phrase: pairs for the body (adjacent words), words for the title."""
    if len(phrase) == 1:
        return post.docs("t_body", phrase[0]), post.docs("t_title", phrase[0])
    body = _intersect([post.docs("t_body_bi", pair) for pair in bigrams(phrase)])
    title = _intersect([post.docs("t_title", w) for w in phrase])
    return body, title


def _intersect(sets: list[frozenset]) -> frozenset:
    if not sets:
        return EMPTY
    sets = sorted(sets, key=len)
    out = sets[0]
    for s in sets[1:]:
        if not out:
            break
        out = out & s
    return out


def resolve(post: Postings, p: Plan) -> list[Resolved]:
    out = []
    words = p.words
    for g in p.groups:
        body, title = EMPTY, EMPTY
        for phrase in g.phrases:
            b, t = _phrase(post, phrase)
            body, title = body | b, title | t
        r = Resolved(g.label, g.role, body, EMPTY, title)
        if not body and g.role == CONTENT and len(g.words) == 1:
            at = words.index(g.words[0])
            spelled = near_spellings(g.words[0], lambda t: post.frequency("t_body", t),
                                     lambda t: post.frequency("t_body_bi", t),
                                     words[at - 1] if at else None, words[at + 1] if at + 1 < len(words) else None)
            for s in spelled:
                r.body |= post.docs("t_body", s)
                r.title |= post.docs("t_title", s)
            r.near, r.spelled = r.body, spelled
        if g.role == CONTENT and len(g.words) == 1 and not g.alternatives and not r.spelled:
            _pair_spelling(post, p, g, r, words)
        r.known = bool(r.body)
        r.weight = post.idf(len(r.body)) * ROLE_WEIGHT[g.role] if r.known else 0.0
        out.append(r)
    known = [r.weight for r in out if r.known and r.role in (CONTENT, EVENT)]
    for r in out:
        if not r.known and r.role in (CONTENT, EVENT):
            # An unknown word weighs like the strongest known one: "xin visa du lịch" is not
            # answered by pages about "du lịch", "làm khai sinh online" still is by khai sinh.
            r.weight = max(known, default=post.idf(0))
    return out


def _pair_spelling(post: Postings, p: Plan, g, r: Resolved, words: list[str]) -> None:
    """A rare word that never follows the previous one in the index: try the spellings that do
    ("chung thuc ban sa" → "sao"). Common words are left alone: they are what was meant."""
    word = g.words[0]
    at = words.index(word)
    if at == 0 or len(r.body) > max(2, post.size // 1000) and at + 1 < len(words):
        return
    before = words[at - 1]
    if post.known("t_body_bi", f"{before}_{word}"):
        return
    spelled = pair_spellings(word, before, lambda v: post.expand("t_body_bi", f"{v}_"),
                             lambda t: post.frequency("t_body_bi", t), last=at + 1 == len(words),
                             unknown=not r.body)
    exact = r.body
    for s in spelled:
        r.body |= post.docs("t_body", s)
        r.title |= post.docs("t_title", s)
    r.near, r.spelled = r.body - exact, spelled


def _candidates(scoring: list[Resolved]) -> frozenset | set:
    sets = sorted((r.body for r in scoring if r.known), key=len)
    if not sets:
        return set()
    k = len(sets)
    m = k if k < SOFT_FROM else max(2, math.ceil(SHARE * k))
    if m >= k:
        return _intersect(sets)
    pool = frozenset().union(*sets[:k - m + 1])   # pigeonhole: a unit with m words holds one of these
    counts: dict[int, int] = {}
    for s in sets:
        for d in s & pool:
            counts[d] = counts.get(d, 0) + 1
    return {d for d, c in counts.items() if c >= m}


def _pairs(p: Plan, resolved: list[Resolved]) -> list[tuple[int, int, str]]:
    """Adjacent one-syllable words of the query as pair terms: Vietnamese words are mostly two
    syllables, and a unit that holds "giá" and "vàng" far apart does not answer "giá vàng"."""
    out = []
    for i in range(len(p.groups) - 1):
        g1, g2, r1, r2 = p.groups[i], p.groups[i + 1], resolved[i], resolved[i + 1]
        if g1.role == g2.role == CONTENT and len(g1.words) == 1 == len(g2.words) \
                and not g1.alternatives and not g2.alternatives:
            a = r1.spelled[0] if r1.spelled else g1.words[0]
            b = r2.spelled[0] if r2.spelled else g2.words[0]
            out.append((i, i + 1, f"{a}_{b}"))
    return out


def collect(post: Postings, p: Plan, allowed: frozenset | None) -> Signals:
    resolved = resolve(post, p)
    scoring = [r for r in resolved if r.role in (CONTENT, EVENT)]
    pairs = _pairs(p, resolved)
    words_weight = sum(r.weight for r in scoring if r.role == CONTENT)
    events = [r for r in scoring if r.role == EVENT]
    for r in events:
        # A recognised life event is half of what the query asks: the rest are its details.
        r.weight = max(r.weight, words_weight / len(events))
    total = words_weight + sum(r.weight for r in events) or 1.0
    cand = set(_candidates([r for r in scoring if r.role == CONTENT]))
    for r in scoring:
        if r.role == EVENT:
            cand |= r.body      # the procedures of a life event, whatever else was said
    keyed = _keyed(post, p, resolved, total)
    cand |= keyed.keys()
    if allowed is not None:
        cand &= allowed
    scores = dict.fromkeys(cand, 0.0)
    coverage = dict.fromkeys(cand, 0.0)
    # Pairs weigh by their own rarity ("nội quy" is rarer than "nội" and "quy"). A pair no unit
    # holds is the seam between two words ("kết hôn | người") or a word the portal lacks.
    held_pairs = [(i, j, post.docs("t_body_bi", pair)) for i, j, pair in pairs]
    held_pairs = [(i, j, docs, post.idf(len(docs))) for i, j, docs in held_pairs if docs]
    # A syllable of a word the index knows ("nội" of "nội quy") counts half where it only
    # occurs apart from its partner: "quy định … nội dung" is not "nội quy".
    bound: dict[int, frozenset] = {}
    for i, j, docs, _ in held_pairs:
        bound[i] = bound.get(i, EMPTY) | docs
        bound[j] = bound.get(j, EMPTY) | docs
    title_total = sum(r.weight for r in scoring) or 1.0
    for index, r in enumerate(resolved):
        if not r.known:
            continue
        counts = r.role in (CONTENT, EVENT)
        share = r.weight / total
        together = bound.get(index)
        for d in _within(r.body, cand):
            held = share * (NEAR if d in r.near else 1.0)
            if together is not None and d not in together:
                held *= APART
            scores[d] += BODY * held
            if counts:
                coverage[d] += held
        for d in _within(r.title, cand):
            scores[d] += TITLE * r.weight / title_total
    pair_total = sum(w for *_, w in held_pairs) or 1.0
    paired: dict[int, float] = {}
    for _, _, docs, weight in held_pairs:
        for d in _within(docs, cand):
            scores[d] += PAIRS * weight / pair_total
            paired[d] = paired.get(d, 0.0) + weight / pair_total
    evidence = None
    if pairs:
        # A unit holding its syllables scattered, without half the query's pairs or one of the
        # phrases it stands for, ranks but is not an answer.
        phrased = [r.body for g, r in zip(p.groups, resolved, strict=True)
                   if g.role == EVENT or any(len(ph) > 1 for ph in g.phrases)]
        evidence = {d for d, share in paired.items() if share >= 0.5}.union(*phrased)
    for d, points in keyed.items():
        if d in scores:
            scores[d] += points
    return Signals(resolved, scores, coverage, set(keyed) & cand, total, evidence)


def _within(docs: frozenset, cand: set):
    return docs & cand if len(docs) < len(cand) else (d for d in cand if d in docs)


def _keyed(post: Postings, p: Plan, resolved: list[Resolved], total: float) -> dict[int, float]:
    """Units found by the query's document number, procedure code or a relation it asks for."""
    points: dict[int, float] = {}

    def add(docs, value):
        for d in docs:
            points[d] = points.get(d, 0.0) + value

    for key in p.numkeys:
        add(post.docs("numkeys", key), NUMBER_FULL if "/" in key else NUMBER_PART)
        for kind in p.relations:
            add(post.docs("rel", f"{kind}>{key}"), RELATED_ASKED)
        if not p.relations:
            add(post.docs("rel", f"any>{key}"), RELATED_ANY)
    if p.code:
        add(post.docs("code", p.code), CODE)
    if p.relations and not p.numkeys:
        # "nghị định hướng dẫn luật doanh nghiệp": documents that guide one whose title holds the words
        related = frozenset().union(*(post.docs("rel", kind) for kind in p.relations))
        share: dict[int, float] = {}
        for g, r in zip(p.groups, resolved, strict=True):
            if g.role != CONTENT or not r.known or not g.words:
                continue
            for d in _intersect([post.docs("t_rel", w) for w in g.words]) & related:
                share[d] = share.get(d, 0.0) + r.weight / total
        for d, s in share.items():
            if s >= 0.5:
                points[d] = points.get(d, 0.0) + RELATED_TOPIC * s
    return points
