"""Every call into Whoosh lives here (classic 2.7 API only).

Fields per search unit:
  t_title / t_body       folded syllables (no diacritics, đ → d): "duong thuy" finds "đường thủy"
  t_body_bi              folded syllable pairs of the whole unit, title included: a
                         multi-syllable word or phrase is one posting-list look-up
                         instead of a positional check
  numkeys, code          document numbers ("64/2007", "nd:64", "64/2007/nd-cp") and procedure codes
  f_*                    facet codes; stored fields for display
No positions are stored (phrase=False): bigram terms do the work of phrases.

Retrieval runs in stages, cheapest first: an exact document number; the
query's adjacent word pairs (phrase first); every word (AND); most words.
The top candidates are then re-ranked in Python with signals that would be
too costly as query terms (title pairs, exact diacritics "đăng" above "dạng",
number or code, documents in force above the ones they replaced).
"""

from __future__ import annotations

import ctypes
import json
import math
import os
import re
import shutil
import threading
import weakref
import time
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as Q
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

from site_builder import numbers
from site_builder.text import fold

from .query import Plan

# Text is analysed once in Python (_analyse) and handed to Whoosh as space-separated
# terms: running Whoosh's filter chain three times per field was most of the build time.
TERMS = SpaceSeparatedTokenizer()
_WORD = re.compile(r"\w+")
_FOLD = str.maketrans({ch: accent_map[ord(ch)] for ch in map(chr, accent_map) if isinstance(accent_map[ord(ch)], str)})
BIGRAM_CHARS = 6000   # syllable pairs over the whole unit (units are short): phrase look-ups

ENDED = {"expired", "suspended", "obsolete"}
FACETS = ("kind", "sector", "level", "agency", "online", "doctype", "issuer", "status", "year")
PER_PAGE = 10


def schema() -> Schema:
    facet_fields = {f"f_{name}": KEYWORD(stored=True, commas=True, scorable=False) for name in FACETS}
    return Schema(
        id=ID(stored=True, unique=True), parent=ID(stored=True, sortable=True), kind=STORED, url=STORED,
        title=STORED, subtitle=STORED, body=STORED, number=STORED, date=ID(stored=True, sortable=True),
        code=ID(stored=True), numkeys=KEYWORD(commas=True, lowercase=True, scorable=True),
        t_title=TEXT(analyzer=TERMS, phrase=False, field_boost=3.0),
        t_body=TEXT(analyzer=TERMS, phrase=False),
        t_body_bi=TEXT(analyzer=TERMS, phrase=False, field_boost=1.5),
        **facet_fields,
    )


_TYPE_OF_SYMBOL = {"nd": "nd", "qd": "qd", "tt": "tt", "ttlt": "tt", "ct": "ct", "nq": "nq"}


def number_keys(number: str | None) -> list[str]:
    """Keys a typed number is looked up by: "64/2007/nd-cp", "64/2007", "nd:64"."""
    parsed = numbers.parse(number) if number else None
    if parsed is None:
        return [fold(number).lower().replace(" ", "")] if number else []
    keys = [fold(parsed.text).lower()]
    if parsed.year:
        keys.append(f"{parsed.serial}/{parsed.year}")
    kind = fold(parsed.symbol.split("-")[0]).lower()
    if kind.startswith("qh"):
        keys.append(f"qh:{parsed.serial}")
    elif kind in _TYPE_OF_SYMBOL:
        keys.append(f"{_TYPE_OF_SYMBOL[kind]}:{parsed.serial}")
    return keys


def folded_words(text: str) -> list[str]:
    return _WORD.findall(text.lower().translate(_FOLD))


def _bigrams(words: list[str]) -> str:
    return " ".join(f"{a}_{b}" for a, b in zip(words, words[1:]))


def _document(unit: dict) -> dict:
    facets = unit.get("facets", {})
    text = " ".join([unit["title"], " ".join(unit.get("keywords") or []), unit.get("subtitle") or "", unit["body"]])
    title_text = " ".join([unit["title"], " ".join(unit.get("keywords") or []), unit.get("number") or "",
                           unit.get("code") or ""])
    doc = {
        "id": unit["id"], "parent": unit["parent"], "kind": unit["kind"], "url": unit["url"], "title": unit["title"],
        "subtitle": unit.get("subtitle") or "", "body": unit["body"], "number": unit.get("number") or "",
        "date": unit.get("date") or "", "code": unit.get("code") or "",
        "numkeys": ",".join(number_keys(unit.get("number"))),
        "t_title": " ".join(folded_words(title_text)),
        "t_body": " ".join(folded_words(text)), "t_body_bi": _bigrams(folded_words(text[:BIGRAM_CHARS])),
    }
    for name in FACETS:
        value = facets.get(name)
        if value:
            doc[f"f_{name}"] = ",".join(value) if isinstance(value, list) else str(value)
    return doc


# ----------------------------------------------------------------- building

def build_index(documents: Path, meta: Path, root: Path, *, procs: int | None = None) -> Path:
    """Build a new generation under `root` and switch `root/current` to it
    atomically (a symlink replaced by rename): readers never see a partial index."""
    root.mkdir(parents=True, exist_ok=True)
    gen = root / f"gen-{time.time_ns()}"
    tmp = root / f".building-{os.getpid()}-{time.time_ns()}"
    tmp.mkdir()
    # Two writer processes on this 2-core machine halve the build; one segment per process.
    procs = procs or min(2, os.cpu_count() or 1)
    try:
        ix = whoosh_index.create_in(str(tmp), schema())
        writer = ix.writer(procs=procs, limitmb=256, multisegment=procs > 1)
        with open(documents, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    writer.add_document(**_document(json.loads(line)))
        writer.commit()
        shutil.copyfile(meta, tmp / "search-meta.json")
        os.rename(tmp, gen)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    link = root / f".current-{os.getpid()}"
    if link.is_symlink():
        link.unlink()
    os.symlink(gen.name, link)
    os.replace(link, root / "current")
    _prune(root, keep={gen.name})
    return gen


def _prune(root: Path, keep: set[str], generations: int = 2) -> None:
    # Workers may still read the previous generation for a moment: keep it.
    gens = sorted((p for p in root.glob("gen-*") if p.is_dir()), key=lambda p: p.name)
    for old in gens[:-generations]:
        if old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)


class IndexUnavailable(RuntimeError):
    pass


def check_index(root: Path) -> None:
    """Raise IndexUnavailable, with a clear message, unless the index opens."""
    open_generation(Path(root)).searcher.close()


# ---------------------------------------------------------------- searching

@dataclass
class Generation:
    path: str
    ix: object
    searcher: object
    meta: dict
    facets: dict             # facet → list (by docnum) of value tuples
    parents: list            # docnum → parent id (one result per page)


class IndexHandle:
    """The open index of one worker; follows `current` when a build swaps it."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._gen: Generation | None = None
        self._lock = threading.Lock()

    def get(self) -> Generation:
        target = os.path.realpath(self.root / "current")
        gen = self._gen
        if gen is None or gen.path != target:
            with self._lock:
                gen = self._gen
                if gen is None or gen.path != target:
                    gen = open_generation(self.root)
                    old, self._gen = self._gen, gen
                    if old is not None:
                        old.searcher.close()
                        # When the last request still using it finishes, hand the freed heap back to
                        # the system: without this each swap left a worker ~50 MB bigger (fragmentation).
                        weakref.finalize(old, _return_free_memory)
        return gen



def _return_free_memory() -> None:
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):      # not glibc: nothing to do
        pass


def open_generation(root: Path) -> Generation:
    """Open `root/current`; a missing or corrupt index raises IndexUnavailable
    (the service refuses to start instead of serving errors)."""
    current = root / "current"
    if not current.exists():
        raise IndexUnavailable(f"Không tìm thấy chỉ mục tìm kiếm tại {current}. Chạy 'portal index' (hoặc 'portal build') trước.")
    path = os.path.realpath(current)
    try:
        return _load(path)
    except Exception as exc:  # corrupt or partial copy
        raise IndexUnavailable(f"Chỉ mục tìm kiếm tại {current} bị hỏng ({type(exc).__name__}: {exc}). "
                               "Chạy lại 'portal index'.") from exc


def _load(path: str) -> Generation:
    ix = whoosh_index.open_dir(path)
    searcher = ix.searcher()
    meta = json.loads(Path(path, "search-meta.json").read_text(encoding="utf-8"))
    reader = searcher.reader()
    # Facet values and parents of every document, read once per generation:
    # counting from these arrays costs O(matches), where Whoosh's per-query
    # facet set-up walked every posting list of every facet field.
    size = reader.doc_count_all()
    facets = {}
    shared: dict[tuple, tuple] = {}    # one tuple object per distinct value set
    for name in FACETS:
        values: list = [()] * size
        field = f"f_{name}"
        for term in reader.lexicon(field):
            value = term.decode("utf-8") if isinstance(term, bytes) else term
            for docnum in reader.postings(field, term).all_ids():
                combined = values[docnum] + (value,)
                values[docnum] = shared.setdefault(combined, combined)
        facets[name] = values
    column = reader.column_reader("parent")
    parents = [column[i] for i in range(size)]
    return Generation(path, ix, searcher, meta, facets, parents)


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


def run_search(gen: Generation, plan: Plan, filters: dict[str, str], sort: str, page: int) -> dict:
    searcher = gen.searcher
    flt = Q.And([Q.Term(f"f_{k}", v) for k, v in sorted(filters.items())]) if filters else None
    allowed = set(searcher.docs_for_query(flt)) if flt is not None else None   # once, for every stage
    relaxed = False
    required, matched = None, []
    if plan.numkeys and not plan.code:
        exact = Q.Or([Q.Term("numkeys", k) for k in plan.numkeys])
        matched = _matches(gen, exact, allowed)
        if matched:
            required = exact
    phrase = None if required is not None or plan.empty or plan.code or plan.numkeys else _phrase(plan)
    if phrase is not None:
        # Phrase first: when some units have the words side by side, those are
        # the results; scattered matches are searched only when none has.
        matched = _matches(gen, phrase, allowed)
        if matched:
            required = phrase
    if required is None:
        required = Q.Every() if plan.empty else _required(plan)
        matched = _matches(gen, required, allowed)
    if not matched and len(plan.required) > 1:
        # Nothing has every word: accept most of them (typos, extra words).
        required = _required(plan, max(1, math.ceil(0.6 * len(plan.required))))
        matched = _matches(gen, required, allowed)
        relaxed = bool(matched)
    # One result per page: an article and its document count once, the best unit shown.
    firsts: dict[str, int] = {}
    for docnum in matched:
        firsts.setdefault(gen.parents[docnum], docnum)
    total = len(firsts)
    hits = []
    if matched:
        want = page * PER_PAGE
        kwargs = dict(limit=max(want * 3, RERANK), filter=flt)
        if sort == "date":
            kwargs.update(sortedby="date", reverse=True)
        results = []
        if len(matched) > BROAD and sort != "date" and plan.required and not plan.empty:
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
        for hit in ordered[(page - 1) * PER_PAGE:want]:
            hits.append({"id": hit["id"], "kind": hit["kind"], "url": hit["url"], "title": hit["title"],
                         "title_html": highlight_snippet(hit["title"], words, whole=True), "subtitle": hit["subtitle"],
                         "snippet_html": highlight_snippet(hit["body"], words),
                         "number": hit["number"] or None, "code": hit["code"] or None, "date": hit["date"] or None})
    labels = gen.meta.get("labels", {})
    counts = {}
    for name in FACETS:
        values = gen.facets[name]
        tally: dict[str, int] = {}
        for docnum in firsts.values():
            for value in values[docnum]:
                tally[value] = tally.get(value, 0) + 1
        counts[name] = sorted(({"value": v, "label": labels.get(name, {}).get(v, v), "count": c} for v, c in tally.items()),
                              key=lambda x: (-x["count"], x["label"]))[:FACET_VALUES]
    suggestion = suggest_spelling(gen, plan) if (not matched or relaxed) else None
    return {"total": total, "results": hits, "facets": counts, "relaxed": relaxed, "suggestion": suggestion}


RERANK = 60   # candidates re-ranked in Python with the signals too costly to walk per match
BROAD = 3000  # matches above which title matches are ranked first
FACET_VALUES = 12   # values listed per facet (largest counts first, as the results page shows); keeps responses small


def _rerank(gen: Generation, plan: Plan, hit) -> float:
    """Engine score plus what makes a result obviously right: the query's word
    pairs in the title, its exact spellings, its number or code; and a law in
    force above the one it replaced. Done on the top candidates only: as query
    terms these would be walked for every match (a pair of common syllables,
    the "in force" flag of almost every document)."""
    title = hit["title"]
    words = folded_words(title)
    pairs = set(zip(words, words[1:]))
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


def _matches(gen: Generation, query, allowed: set[int] | None) -> list[int]:
    """Docnums of every match, without scoring (for counts and facets)."""
    docs = gen.searcher.docs_for_query(query)
    return list(docs) if allowed is None else [d for d in docs if d in allowed]


def suggest_spelling(gen: Generation, plan: Plan) -> str | None:
    reader = gen.searcher.reader()
    corrector = gen.searcher.corrector("t_body")
    folded = [w for group in plan.groups for w in group[0]]
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
                if candidate not in options and _distance(word, candidate) <= 2:
                    options.append(candidate)
        if not options:
            words.append(word)
            continue

        def context(candidate: str) -> int:
            score = 0
            if i > 0:
                score += reader.doc_frequency("t_body_bi", f"{words[-1]}_{candidate}")
            if i + 1 < len(folded):
                score += reader.doc_frequency("t_body_bi", f"{candidate}_{folded[i + 1]}")
            return score
        best = max(options, key=lambda c: (context(c) > 0, -_distance(word, c), context(c)))
        words.append(best)
        changed = True
    if not changed:
        return None
    return _with_diacritics(gen, words)



def _with_diacritics(gen: Generation, words: list[str]) -> str:
    """Spell a folded phrase as a title or text of the index spells it
    ("giay phep lai xe" → "giấy phép lái xe", not the commoner "lại")."""
    pairs = [f"{a}_{b}" for a, b in zip(words, words[1:])]
    if pairs:
        for field in ("t_body_bi",):
            for hit in gen.searcher.search(Q.And([Q.Term(field, p) for p in pairs]), limit=3):
                for text in (hit["title"], hit["body"]):
                    tokens = _WORD.findall(text)
                    folded = [fold(t).lower() for t in tokens]
                    for start in range(len(folded) - len(words) + 1):
                        if folded[start:start + len(words)] == words:
                            return " ".join(t.lower() for t in tokens[start:start + len(words)])
    # A single word (or no page has the pair): take each word's spelling from a title.
    spelled = []
    for word in words:
        found = word
        for hit in gen.searcher.search(Q.Term("t_title", word), limit=3):
            match = next((t for t in _WORD.findall(hit["title"]) if fold(t).lower() == word), None)
            if match:
                found = match.lower()
                break
        spelled.append(found)
    return " ".join(spelled)


def _distance(a: str, b: str) -> int:
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
    words = [w for group in plan.groups for w in group[0]]
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


def highlight_snippet(text: str, words: set[str], *, whole: bool = False, width: int = 160, fragments: int = 2) -> str:
    """Mark the words of the query (compared folded) in the original text.

    Works on the stored text with character offsets: no re-analysis through
    the engine, so its cost does not grow with the index."""
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text) if m.group().lower().translate(_FOLD) in words]
    if whole:
        windows = [(0, len(text))]
    elif not spans:
        cut = text[:width]
        return _escape(cut[: cut.rfind(" ")] + " …" if len(text) > width and " " in cut else cut)
    else:
        windows = []
        for begin, _ in spans:
            if windows and begin < windows[-1][1]:
                continue
            lo = max(0, begin - width // 3)
            lo = text.rfind(" ", 0, lo) + 1 if lo else 0
            hi = min(len(text), lo + width)
            hi = text.find(" ", hi) if hi < len(text) and text.find(" ", hi) != -1 else hi
            windows.append((lo, hi))
            if len(windows) == fragments:
                break
    parts = []
    for lo, hi in windows:
        out, pos = [], lo
        for begin, end in spans:
            if begin < lo or end > hi:
                continue
            out.append(_escape(text[pos:begin]) + "<mark>" + _escape(text[begin:end]) + "</mark>")
            pos = end
        out.append(_escape(text[pos:hi]))
        parts.append(("… " if lo > 0 else "") + "".join(out) + (" …" if hi < len(text) else ""))
    return " ".join(parts).replace("… …", "…")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
