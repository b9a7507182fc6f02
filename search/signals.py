"""The candidate set of a query and the signals scored over all of it (bitmaps of units per term).

Nothing here eliminates a unit that matches well: every signal (words, word pairs, numbers, codes,
relations between documents) adds to one score over one candidate set. A unit is a candidate when
it holds enough of the query's words (all of them for one or two words, 60 % of them for longer
queries), or its number, code or a relation the query asks for. Scores are integers held as bit
planes over all units (search/bitscore.py), so a broad query costs no more than a narrow one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .analysis import bigrams
from .bitscore import Scores
from .postings import Postings
from .query import CONTENT, EVENT, Plan
from .typos import near_spellings, pair_spellings

ROLE_WEIGHT = {CONTENT: 1.0, EVENT: 1.2, "filler": 0.15, "context": 0.3, "intent": 0.3}
NEAR = 0.7            # a near spelling counts this much of the word it stands for
APART = 0.5           # a syllable away from its partner in a known word counts this much
SOFT_FROM = 3         # queries with at least this many words need only SHARE of them
SHARE = 0.6
# Points (coverage is 0..1 of the query's weighted words); scores are kept as integers × SCALE
SCALE = 4
COVER = 1000          # coverage is kept as an integer share out of this
BODY, TITLE, PAIRS = 40.0, 20.0, 15.0
NUMBER_FULL, NUMBER_PART = 30.0, 10.0
CODE = 60.0
RELATED_ASKED, RELATED_ANY = 35.0, 12.0
RELATED_TOPIC = 30.0


@dataclass
class Resolved:
    label: str
    role: str
    body: int                 # bitmap of the units holding it (any phrase, exact or near spelling)
    near: int                 # of those, the units holding only a near spelling
    title: int
    weight: float = 0.0
    known: bool = True
    spelled: list[str] = field(default_factory=list)   # near spellings used


@dataclass
class Signals:
    resolved: list[Resolved]
    cand: int                 # bitmap of the candidate units
    scores: Scores            # score of every unit (× SCALE)
    coverage: Scores          # share of the query's words each unit holds (× COVER)
    keyed: int                # units found by number, code or relation
    evidence: int | None      # units holding half the query's word pairs or a phrase (None: no pairs)

    def answering(self, share: float) -> int:
        """Bitmap of the candidates that answer: enough of the query, and not only scattered."""
        held = self.coverage.at_least(math.ceil(share * COVER)) & self.cand
        if self.evidence is not None:
            held &= self.evidence
        return held | (self.keyed & self.cand)

    def share(self, docnum: int) -> float:
        return self.coverage.value(docnum) / COVER

    @property
    def unknown(self) -> list[str]:
        return [r.label for r in self.resolved if not r.known and r.role == CONTENT]


def _phrase(post: Postings, phrase: list[str]) -> tuple[int, int]:
    """(body, title) units of a phrase: pairs for the body (adjacent words), words for the title."""
    if len(phrase) == 1:
        return post.bits("t_body", phrase[0]), post.bits("t_title", phrase[0])
    body = _intersect([post.bits("t_body_bi", pair) for pair in bigrams(phrase)])
    title = _intersect([post.bits("t_title", w) for w in phrase])
    return body, title


def _intersect(bitmaps: list[int]) -> int:
    out = bitmaps[0] if bitmaps else 0
    for b in bitmaps[1:]:
        out &= b
    return out


def resolve(post: Postings, p: Plan) -> list[Resolved]:
    out = []
    words = p.words
    for g in p.groups:
        body, title = 0, 0
        for phrase in g.phrases:
            b, t = _phrase(post, phrase)
            body, title = body | b, title | t
        r = Resolved(g.label, g.role, body, 0, title)
        if not body and g.role == CONTENT and len(g.words) == 1:
            at = words.index(g.words[0])
            spelled = near_spellings(g.words[0], lambda t: post.frequency("t_body", t),
                                     lambda t: post.frequency("t_body_bi", t),
                                     words[at - 1] if at else None, words[at + 1] if at + 1 < len(words) else None)
            for s in spelled:
                r.body |= post.bits("t_body", s)
                r.title |= post.bits("t_title", s)
            r.near, r.spelled = r.body, spelled
        if g.role == CONTENT and len(g.words) == 1 and not g.alternatives and not r.spelled:
            _pair_spelling(post, p, g, r, words)
        r.known = bool(r.body)
        r.weight = post.idf(r.body.bit_count()) * ROLE_WEIGHT[g.role] if r.known else 0.0
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
    if at == 0 or r.body.bit_count() > max(2, post.size // 1000) and at + 1 < len(words):
        return
    before = words[at - 1]
    if post.known("t_body_bi", f"{before}_{word}"):
        return
    spelled = pair_spellings(word, before, lambda v: post.expand("t_body_bi", f"{v}_"),
                             lambda t: post.frequency("t_body_bi", t), last=at + 1 == len(words),
                             unknown=not r.body)
    exact = r.body
    for s in spelled:
        r.body |= post.bits("t_body", s)
        r.title |= post.bits("t_title", s)
    r.near, r.spelled = r.body & ~exact, spelled


def _candidates(scoring: list[Resolved], everything: int) -> int:
    """Units holding at least m of the k words: a bit-sliced count, one pass per word."""
    sets = [r.body for r in scoring if r.known]
    if not sets:
        return 0
    k = len(sets)
    m = k if k < SOFT_FROM else max(2, math.ceil(SHARE * k))
    if m >= k:
        return _intersect(sets)
    counts = Scores(everything, planes=k.bit_length())
    for s in sets:
        counts.add(s, 1)
    return counts.at_least(m)


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


def collect(post: Postings, p: Plan, allowed: int | None) -> Signals:
    resolved = resolve(post, p)
    scoring = [r for r in resolved if r.role in (CONTENT, EVENT)]
    pairs = _pairs(p, resolved)
    words_weight = sum(r.weight for r in scoring if r.role == CONTENT)
    events = [r for r in scoring if r.role == EVENT]
    for r in events:
        # A recognised life event is half of what the query asks: the rest are its details.
        r.weight = max(r.weight, words_weight / len(events))
    total = words_weight + sum(r.weight for r in events) or 1.0
    cand = _candidates([r for r in scoring if r.role == CONTENT], post.all)
    for r in events:
        cand |= r.body      # the procedures of a life event, whatever else was said
    scores, coverage = Scores(post.all), Scores(post.all)
    keyed = _keyed(post, p, resolved, total, scores)
    cand |= keyed
    if allowed is not None:
        cand &= allowed
    # Pairs weigh by their own rarity ("nội quy" is rarer than "nội" and "quy"). A pair no unit
    # holds is the seam between two words ("kết hôn | người") or a word the portal lacks.
    held_pairs = [(i, j, post.bits("t_body_bi", pair)) for i, j, pair in pairs]
    held_pairs = [(i, j, docs, post.idf(docs.bit_count())) for i, j, docs in held_pairs if docs]
    # A syllable of a word the index knows ("nội" of "nội quy") counts half where it only
    # occurs apart from its partner: "quy định … nội dung" is not "nội quy".
    bound: dict[int, int] = {}
    for i, j, docs, _ in held_pairs:
        bound[i] = bound.get(i, 0) | docs
        bound[j] = bound.get(j, 0) | docs
    title_total = sum(r.weight for r in scoring) or 1.0
    for index, r in enumerate(resolved):
        if not r.known:
            continue
        share = r.weight / total
        body = r.body & cand
        together = bound.get(index, post.all)
        for mask, factor in ((body & ~r.near & together, 1.0), (body & ~r.near & ~together, APART),
                             (body & r.near & together, NEAR), (body & r.near & ~together, NEAR * APART)):
            scores.add(mask, round(SCALE * BODY * share * factor))
            if r.role in (CONTENT, EVENT):
                coverage.add(mask, round(COVER * share * factor))
        scores.add(r.title & cand, round(SCALE * TITLE * r.weight / title_total))
    pair_total = sum(w for *_, w in held_pairs) or 1.0
    paired = Scores(post.all)
    for _, _, docs, weight in held_pairs:
        scores.add(docs & cand, round(SCALE * PAIRS * weight / pair_total))
        paired.add(docs & cand, round(COVER * weight / pair_total))
    evidence = None
    if pairs:
        # A unit holding its syllables scattered, without half the query's pairs or one of the
        # phrases it stands for, ranks but is not an answer.
        evidence = paired.at_least(COVER // 2)
        for g, r in zip(p.groups, resolved, strict=True):
            if g.role == EVENT or any(len(ph) > 1 for ph in g.phrases):
                evidence |= r.body
    return Signals(resolved, cand, scores, coverage, keyed, evidence)


def _keyed(post: Postings, p: Plan, resolved: list[Resolved], total: float, scores: Scores) -> int:
    """Units found by the query's document number, procedure code or a relation it asks for
    (their points go straight into `scores`); returns their bitmap."""
    found = 0

    def add(bitmap: int, points: float) -> None:
        nonlocal found
        scores.add(bitmap, round(SCALE * points))
        found |= bitmap

    for key in p.numkeys:
        add(post.bits("numkeys", key), NUMBER_FULL if "/" in key else NUMBER_PART)
        for kind in p.relations:
            add(post.bits("rel", f"{kind}>{key}"), RELATED_ASKED)
        if not p.relations:
            add(post.bits("rel", f"any>{key}"), RELATED_ANY)
    if p.code:
        add(post.bits("code", p.code), CODE)
    if p.relations and not p.numkeys:
        # "nghị định hướng dẫn luật doanh nghiệp": documents that guide one whose title holds the words
        related = 0
        for kind in p.relations:
            related |= post.bits("rel", kind)
        share = Scores(post.all)
        for g, r in zip(p.groups, resolved, strict=True):
            if g.role == CONTENT and r.known and g.words:
                share.add(_intersect([post.bits("t_rel", w) for w in g.words]) & related,
                          round(COVER * r.weight / total))
        for level in range(10, 4, -1):          # half the words or more, in tenths
            band = share.at_least(level * COVER // 10) & ~found
            add(band, RELATED_TOPIC * level / 10)
    return found
