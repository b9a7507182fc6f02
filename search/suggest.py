"""Suggestions: "did you mean" spellings and title completions."""

from __future__ import annotations

from whoosh import query as Q

from .analysis import tokens
from .generation import Generation
from .postings import ids
from .query import Plan


def suggest_spelling(gen: Generation, plan: Plan) -> str | None:
    reader = gen.searcher.reader()
    corrector = gen.searcher.corrector("t_body")
    folded = plan.words
    words, changed = [], False
    for i, word in enumerate(folded):
        if reader.doc_frequency("t_body", word) > 0 or word.isdigit():
            words.append(word)
            continue
        options = list(corrector.suggest(word, limit=20, maxdist=1 if len(word) <= 4 else 2, prefix=1))
        # Words that form a known pair with the previous word are the likeliest
        # ("ket hn" → "ket hon"), even when rarer than other near spellings.
        if i > 0:
            prefix = f"{words[-1]}_"
            for pair in reader.expand_prefix("t_body_bi", prefix):
                pair = pair.decode("utf-8") if isinstance(pair, bytes) else pair
                candidate = pair[len(prefix):]
                if candidate not in options and distance(word, candidate) <= 2:
                    options.append(candidate)
        if not options:
            words.append(word)
            continue

        def context(candidate: str, i: int = i) -> int:
            score = 0
            if i > 0:
                score += reader.doc_frequency("t_body_bi", f"{words[-1]}_{candidate}")
            if i + 1 < len(folded):
                score += reader.doc_frequency("t_body_bi", f"{candidate}_{folded[i + 1]}")
            return score
        best = max(options, key=lambda c, word=word: (context(c) > 0, -distance(word, c), context(c)))
        words.append(best)
        changed = True
    if not changed:
        return None
    return _with_diacritics(gen, words)


def spell_out(gen: Generation, words: list[str]) -> str | None:
    """A corrected folded query as the index spells it."""
    return _with_diacritics(gen, words) if words else None


def _with_diacritics(gen: Generation, words: list[str]) -> str:
    """Spell a folded phrase as a title or text of the index spells it
    ("giay phep lai xe" → "giấy phép lái xe", not the commoner "lại")."""
    post = gen.postings
    pairs = [f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)]
    if pairs:
        holders = post.all
        for pair in pairs:
            holders &= post.bits("t_body_bi", pair)
        for docnum in ids(holders, limit=3):
            hit = gen.searcher.stored_fields(docnum)
            for text in (hit["title"], hit["body"]):
                found = tokens(text)
                folded = [f for _, f in found]
                for start in range(len(folded) - len(words) + 1):
                    if folded[start:start + len(words)] == words:
                        return " ".join(t for t, _ in found[start:start + len(words)])
    # A single word (or no page has the pair): take each word's spelling from a title.
    spelled = []
    for word in words:
        found = word
        for docnum in ids(post.bits("t_title", word), limit=3):
            match = next((t for t, f in tokens(gen.searcher.stored_fields(docnum)["title"]) if f == word), None)
            if match:
                found = match
                break
        spelled.append(found)
    return " ".join(spelled)


def distance(a: str, b: str) -> int:
    """Levenshtein distance (short words only)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def suggest_titles(gen: Generation, plan: Plan, limit: int = 8) -> list[dict]:
    """Titles matching every complete word and the prefix of the last one."""
    words = plan.words
    if not words:
        return []
    *complete, last = words
    parts = [Q.Term("t_title", w) for w in complete] + [Q.Prefix("t_title", last)]
    out, seen = [], set()
    for hit in gen.searcher.search(Q.And(parts), limit=limit * 3):
        if hit["parent"] not in seen:
            seen.add(hit["parent"])
            out.append({"title": hit["title"], "url": hit["url"], "kind": hit["kind"]})
    return out[:limit]
