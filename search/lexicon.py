"""The reviewed word lists search reads: synonyms, fillers, life events, intents (all data files here).

Everything is compared folded (site_builder.text.fold through analysis.tokens). A `Lexicon` is
immutable; `without` gives a copy lacking one entry, so a test can show what each entry changes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import yaml

from .analysis import tokens

HERE = Path(__file__).resolve().parent
Phrase = tuple[str, ...]
GAP = "…"          # in a life event's phrase: up to two other words may come here


@dataclass(frozen=True)
class Event:
    name: str
    when: tuple[Phrase, ...]    # folded syllables, in order; "…" marks where other words may come between
    find: tuple[Phrase, ...]


@dataclass(frozen=True)
class Lexicon:
    synonyms: dict[Phrase, tuple[Phrase, ...]]
    fillers_typed: frozenset[Phrase]     # as typed (with diacritics)
    fillers_folded: frozenset[Phrase]    # for words typed without diacritics
    events: tuple[Event, ...]
    relations: dict[Phrase, str]         # intent phrase → relation type
    procedure_words: frozenset[Phrase]
    agency_typed: frozenset[Phrase] = frozenset()
    agency_folded: frozenset[Phrase] = frozenset()

    longest: int = 1                     # syllables of the longest phrase (set once by lexicon())

    def without(self, kind: str, key: str) -> Lexicon:
        """A copy lacking one entry: kind is synonym, filler, event, relation or procedure."""
        folded = _folded(key)
        if kind == "synonym":
            return replace(self, synonyms={k: v for k, v in self.synonyms.items() if k != folded})
        if kind == "filler":
            return replace(self, fillers_typed=self.fillers_typed - {_typed(key)},
                           fillers_folded=self.fillers_folded - {folded})
        if kind == "event":
            return replace(self, events=tuple(e for e in self.events if e.name != key))
        if kind == "relation":
            return replace(self, relations={k: v for k, v in self.relations.items() if k != folded})
        if kind == "procedure":
            return replace(self, procedure_words=self.procedure_words - {folded})
        if kind == "agency":
            return replace(self, agency_typed=self.agency_typed - {_typed(key)},
                           agency_folded=self.agency_folded - {folded})
        raise ValueError(kind)


def _folded(text: str) -> Phrase:
    """Folded syllables; "…" (or "...") kept as a marker between them (life events)."""
    out: list[str] = []
    for part in str(text).replace("...", GAP).split(GAP):
        if out:
            out.append(GAP)
        out.extend(f for _, f in tokens(part))
    return tuple(out)


def _typed(text: str) -> Phrase:
    return tuple(t for t, _ in tokens(str(text)))


def _read_yaml(name: str):
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    synonyms = {_folded(k): tuple(_folded(v) for v in values) for k, values in _read_yaml("synonyms.yml").items()}
    lines = [w.strip() for w in (HERE / "stopwords.txt").read_text(encoding="utf-8").splitlines()
             if w.strip() and not w.startswith("#")]
    events = tuple(Event(str(e["event"]), tuple(_folded(w) for w in e["when"]), tuple(_folded(f) for f in e["find"]))
                   for e in _read_yaml("life_events.yml"))
    intents = _read_yaml("intents.yml")
    relations = {_folded(w): kind for kind, words in intents["relations"].items() for w in words}
    bare = [w for w in lines if _typed(w) == _folded(w)]     # written without diacritics
    lex = Lexicon(synonyms, frozenset(_typed(w) for w in lines), frozenset(_folded(w) for w in bare), events,
                   relations, frozenset(_folded(w) for w in intents["procedure"]),
                   frozenset(_typed(w) for w in intents["agency"]), frozenset(_folded(w) for w in intents["agency"]))
    keys = [*lex.synonyms, *lex.fillers_typed, *lex.relations]
    return replace(lex, longest=max((len(k) for k in keys), default=1))


def find_events(lex: Lexicon, folded: list[str], gap: int = 2) -> list[tuple[Event, list[int]]]:
    """Events whose phrase occurs in the query (in order, at most `gap` words between syllables),
    with the positions of the words that triggered them."""
    present = set(folded)
    found = []
    for event in lex.events:
        for phrase in event.when:
            if phrase[0] not in present:
                continue
            spots = _in_order(phrase, folded, gap)
            if spots is not None:
                found.append((event, spots))
                break
    return found



def _in_order(phrase: Phrase, folded: list[str], gap: int) -> list[int] | None:
    words = [w for w in phrase if w != GAP]
    gaps = []          # after each word: may other words follow before the next one?
    for w in phrase:
        if w == GAP:
            gaps[-1] = True
        else:
            gaps.append(False)
    for start, word in enumerate(folded):
        if word != words[0]:
            continue
        spots, at = [start], start
        for syllable, loose in zip(words[1:], gaps, strict=False):
            window = folded[at + 1:at + 2 + (gap if loose else 0)]
            if syllable not in window:
                break
            at = at + 1 + window.index(syllable)
            spots.append(at)
        else:
            return spots
    return None
