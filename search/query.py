"""From what a citizen typed to a search plan (no engine code here).

Nothing the user types is ever parsed as query syntax: quotes, operators,
wildcards and brackets are just characters the tokenizer drops, so no input
can make the engine raise.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from site_builder.text import fold, nfc

from .analysis import TYPE_CODES, bigrams, tokens
from .lexicon import Lexicon, find_events, lexicon

MAX_QUERY_CHARS = 256
# "64/2007", "64 / 2007 / NĐ-CP", "nd 64 2007", "64-2007"
_SERIAL_YEAR = re.compile(r"\b(\d{1,5})\s*[/\-\s]\s*((?:19|20)\d{2})\b")
_TYPE_SERIAL = re.compile(r"\b(" + "|".join(sorted(TYPE_CODES, key=len, reverse=True)) + r")\s*(?:so\s*)?(\d{1,5})\b")
_NUMBER_SYMBOL = re.compile(r"\b(\d{1,5})\s*/\s*(?:(?:19|20)\d{2}\s*/\s*)?(nd|qd|tt|ct|nq|qh)")


class QueryError(ValueError):
    """A query we refuse, with a Vietnamese message for the user (HTTP 400)."""


CONTENT, FILLER, CONTEXT, INTENT, EVENT = "content", "filler", "context", "intent", "event"


@dataclass
class Group:
    """One thing the query asks for: a word or phrase as typed, or a life event it describes."""
    typed: list[str]                  # as typed, lower case ([] for an event)
    words: list[str]                  # folded syllables ([] for an event)
    alternatives: list[list[str]] = field(default_factory=list)   # other phrases that mean the same
    role: str = CONTENT
    # content: results should hold it; filler ("làm", "ở đâu"), context (the words that told us
    # the life event) and intent ("sửa đổi", "hướng dẫn"): ranking only; event: a life event's
    # procedure words (alternatives)

    @property
    def phrases(self) -> list[list[str]]:
        return ([self.words] if self.words else []) + self.alternatives

    @property
    def label(self) -> str:
        return " ".join(self.typed) if self.typed else " / ".join(" ".join(a) for a in self.alternatives)


@dataclass
class Plan:
    text: str                                   # the normalised query
    groups: list[Group] = field(default_factory=list)
    exact: list[str] = field(default_factory=list)      # syllables typed with diacritics
    bigrams: list[str] = field(default_factory=list)    # folded syllable pairs "dang_ky"
    numkeys: list[str] = field(default_factory=list)    # "64/2007", "nd:64"
    code: str | None = None                             # "1.001193"
    article: str | None = None                          # "28" for "điều 28"
    relations: list[str] = field(default_factory=list)  # relation types asked for ("amends")
    wants_procedure: bool = False                       # fees, forms, papers, time: procedures first
    wants_agency: bool = False                          # an office, its address or phone: agencies first
    events: list[str] = field(default_factory=list)     # names of the life events recognised

    @property
    def empty(self) -> bool:
        return not self.groups and not self.numkeys and not self.code

    @property
    def content(self) -> list[Group]:
        return [g for g in self.groups if g.role in (CONTENT, EVENT)]

    @property
    def words(self) -> list[str]:
        return [w for g in self.groups for w in g.words]

    @property
    def fillers(self) -> list[str]:
        return [g.label for g in self.groups if g.role == FILLER]


def normalise(raw: str) -> str:
    text = nfc(raw)
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)   # control, format chars
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"Nội dung tìm kiếm quá dài ({len(text)} ký tự); hãy nhập tối đa {MAX_QUERY_CHARS} ký tự.")
    return text


def _numbers(p: Plan, text: str, folded: list[str]) -> None:
    code = re.search(r"\b(\d)\.(\d{6})\b", text)
    if code:
        p.code = code.group(0)
    joined = " ".join(folded)
    lowered = fold(text.lower())
    for serial, year in _SERIAL_YEAR.findall(lowered):
        p.numkeys.append(f"{int(serial)}/{year}")
    for typ, serial in _TYPE_SERIAL.findall(joined):
        p.numkeys.append(f"{TYPE_CODES[typ]}:{int(serial)}")
    for serial, symbol in _NUMBER_SYMBOL.findall(lowered):
        key = f"{'qh' if symbol.startswith('qh') else symbol}:{int(serial)}"
        if key not in p.numkeys:
            p.numkeys.append(key)
    article = re.search(r"\bdieu (\d{1,3}[a-z]?)\b", joined)
    if article:
        p.article = article.group(1)


def _filler(lex: Lexicon, typed: tuple, key: tuple) -> bool:
    """A filler as typed, or typed without diacritics in one of the listed bare spellings."""
    return typed in lex.fillers_typed or (typed == key and key in lex.fillers_folded)


def plan(raw: str, lex: Lexicon | None = None) -> Plan:
    lex = lex or lexicon()
    text = normalise(raw)
    pairs = tokens(text)
    toks, folded = [t for t, _ in pairs], [f for _, f in pairs]
    p = Plan(text)
    _numbers(p, text, folded)
    roles: dict[int, str] = {}
    joined_words = f" {' '.join(folded)} "
    for event, spots in find_events(lex, folded):
        if any(f" {' '.join(f)} " in joined_words for f in event.find):
            continue        # the query already names the procedure ("giấy khai sinh cho con")
        p.events.append(event.name)
        p.groups.append(Group([], [], [list(f) for f in event.find], EVENT))
        roles.update((i, CONTEXT) for i in spots)
    i = 0
    words: list[Group] = []
    while i < len(folded):
        # Longest phrase first: "bằng lái xe" before "bằng lái", "ở đâu" before "ở".
        for n in range(min(lex.longest, len(folded) - i), 0, -1):
            key, typed = tuple(folded[i:i + n]), tuple(toks[i:i + n])
            spot = roles.get(i)
            if spot is None and key in lex.relations:
                p.relations.append(lex.relations[key])
                words.append(Group(list(typed), list(key), role=INTENT))
            elif spot is None and key in lex.synonyms:
                words.append(Group(list(typed), list(key), [list(v) for v in lex.synonyms[key]]))
            elif _filler(lex, typed, key):
                words.append(Group(list(typed), list(key), role=spot or FILLER))
            elif n == 1:
                words.append(Group(list(typed), list(key), role=spot or CONTENT))
            else:
                continue
            i += n
            break
    p.wants_procedure = any(
        tuple(folded[i:i + len(k)]) == k for k in lex.procedure_words for i in range(len(folded)))
    for n in range(1, 4):
        for i in range(len(folded) - n + 1):
            typed, key = tuple(toks[i:i + n]), tuple(folded[i:i + n])
            if typed in lex.agency_typed or (typed == key and key in lex.agency_folded and n > 1):
                p.wants_agency = True
    p.groups = words + p.groups
    if p.groups and not p.content and not p.numkeys and not p.code:
        for g in p.groups:      # a query of only "filler" words: search for them
            g.role = CONTENT
    p.exact = [t for t, f in pairs if f != t]
    p.bigrams = bigrams(folded)
    return p
