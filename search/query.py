"""From what a citizen typed to a search plan (no engine code here).

Nothing the user types is ever parsed as query syntax: quotes, operators,
wildcards and brackets are just characters the tokenizer drops, so no input
can make the engine raise.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from site_builder.text import fold, nfc

from .analysis import TYPE_CODES, bigrams, tokens

HERE = Path(__file__).resolve().parent
MAX_QUERY_CHARS = 256
# "64/2007", "64 / 2007 / NĐ-CP", "nd 64 2007", "64-2007"
_SERIAL_YEAR = re.compile(r"\b(\d{1,5})\s*[/\-\s]\s*((?:19|20)\d{2})\b")
_TYPE_SERIAL = re.compile(r"\b(" + "|".join(sorted(TYPE_CODES, key=len, reverse=True)) + r")\s*(?:so\s*)?(\d{1,5})\b")
_NUMBER_SYMBOL = re.compile(r"\b(\d{1,5})\s*/\s*(?:(?:19|20)\d{2}\s*/\s*)?(nd|qd|tt|ct|nq|qh)")


class QueryError(ValueError):
    """A query we refuse, with a Vietnamese message for the user (HTTP 400)."""


@dataclass
class Plan:
    text: str                                   # the normalised query
    groups: list[list[list[str]]] = field(default_factory=list)
    # each group: alternatives, each alternative a list of folded syllables that must all match
    required: list[int] = field(default_factory=list)   # indexes of groups that must match
    exact: list[str] = field(default_factory=list)      # unfolded syllables (diacritics as typed)
    bigrams: list[str] = field(default_factory=list)    # folded syllable pairs "dang_ky"
    numkeys: list[str] = field(default_factory=list)    # "64/2007", "nd:64"
    code: str | None = None                             # "1.001193"

    @property
    def empty(self) -> bool:
        return not self.groups and not self.numkeys and not self.code


def normalise(raw: str) -> str:
    text = nfc(raw)
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)   # control, format chars
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"Nội dung tìm kiếm quá dài ({len(text)} ký tự); hãy nhập tối đa {MAX_QUERY_CHARS} ký tự.")
    return text


@lru_cache(maxsize=1)
def _synonyms() -> dict[tuple[str, ...], list[list[str]]]:
    raw = yaml.safe_load((HERE / "synonyms.yml").read_text(encoding="utf-8"))
    table = {}
    for key, values in raw.items():
        table[tuple(f for _, f in tokens(str(key)))] = [[f for _, f in tokens(v)] for v in values]
    return table


@lru_cache(maxsize=1)
def _stopwords() -> tuple[frozenset, frozenset]:
    words = [w.strip() for w in (HERE / "stopwords.txt").read_text(encoding="utf-8").splitlines()
             if w.strip() and not w.startswith("#")]
    pairs = [pair for w in words for pair in tokens(w)]
    return frozenset(typed for typed, _ in pairs), frozenset(folded for _, folded in pairs)


def plan(raw: str) -> Plan:
    text = normalise(raw)
    pairs = tokens(text)
    toks, folded = [t for t, _ in pairs], [f for _, f in pairs]
    p = Plan(text)
    code = re.search(r"\b(\d)\.(\d{6})\b", text)
    if code:
        p.code = code.group(0)
    joined = " ".join(folded)
    for serial, year in _SERIAL_YEAR.findall(fold(text.lower())):
        p.numkeys.append(f"{int(serial)}/{year}")
    for typ, serial in _TYPE_SERIAL.findall(joined):
        p.numkeys.append(f"{TYPE_CODES[typ]}:{int(serial)}")
    for serial, symbol in _NUMBER_SYMBOL.findall(fold(text.lower())):
        key = f"{'qh' if symbol.startswith('qh') else symbol}:{int(serial)}"
        if key not in p.numkeys:
            p.numkeys.append(key)
    stop_exact, stop_folded = _stopwords()
    synonyms = _synonyms()
    longest = max((len(k) for k in synonyms), default=1)
    i = 0
    while i < len(folded):
        # Longest synonym phrase starting here wins ("bằng lái xe" before "bằng lái").
        for n in range(min(longest, len(folded) - i), 0, -1):
            key = tuple(folded[i:i + n])
            if key in synonyms:
                p.groups.append([list(key)] + synonyms[key])
                p.required.append(len(p.groups) - 1)
                i += n
                break
        else:
            tok, f = toks[i], folded[i]
            p.groups.append([[f]])
            is_stop = tok in stop_exact or (tok == f and f in stop_folded)
            if not is_stop:
                p.required.append(len(p.groups) - 1)
            i += 1
    if p.groups and not p.required:
        p.required = list(range(len(p.groups)))     # a query of only "filler" words: require them
    p.exact = [t for t, f in pairs if f != t]
    p.bigrams = bigrams(folded)
    return p
