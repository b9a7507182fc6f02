"""Near spellings of a syllable the index does not know: what a phone keyboard gets wrong.

Tried in order, each kept only if the index knows it:
  telex leftovers   the tone or vowel keys typed as letters: "giaays" → "giay", "dduowngf" → "duong"
  i / y             "ki" → "ky", "ly" ↔ "li" (both spellings are in use)
  edit distance 1   a missing, doubled, swapped or wrong letter, for syllables of four letters or more
Missing tone marks need nothing here: every comparison is folded.
"""

from __future__ import annotations

import re
import string

TONE_KEYS = "sfrxj"
_TELEX_VOWEL = re.compile(r"(aa|ee|oo|dd)")
_TELEX_HOOK = re.compile(r"(?<=[uoa])w")
LETTERS = string.ascii_lowercase
MIN_EDIT = 4
KEEP = 3


def telex(word: str) -> str | None:
    """The syllable with telex keys removed, or None when there were none."""
    # No Vietnamese syllable ends in s, f, r, x or j, and none has one after its vowel:
    # there they are tone keys ("pheps", "phesp").
    out = word[:-1] if len(word) > 2 and word[-1] in TONE_KEYS else word
    out = re.sub(r"(?<=[aeiouy])[sfrxj](?=[aeiouy]|[nmtcpgh])", "", out)
    out = _TELEX_HOOK.sub("", out)
    out = _TELEX_VOWEL.sub(lambda m: m.group(1)[0], out)
    return out if out != word else None


_I_Y = re.compile(r"^([bcdghklmnpqrstvx]{1,2})([iy])$")   # "ki", "ly": i or y right after the consonant


def i_y(word: str) -> str | None:
    m = _I_Y.match(word)
    if not m:
        return None
    return m.group(1) + ("y" if m.group(2) == "i" else "i")


def edits(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    changes = {a + c + b[1:] for a, b in splits if b for c in LETTERS}
    inserts = {a + c + b for a, b in splits for c in LETTERS}
    return (deletes | swaps | changes | inserts) - {word}


def near_spellings(word: str, frequency, pair_frequency=None, before: str | None = None,
                   after: str | None = None) -> list[str]:
    """Known near spellings of `word`, likeliest first.

    frequency(term) → units holding the term; pair_frequency(pair) → units holding the pair:
    a spelling that forms a known pair with the neighbouring words wins ("ket hn" → "ket hon")."""
    if not word.isalpha():
        return []
    found: list[str] = []
    fixed = telex(word)
    if fixed and frequency(fixed):
        found.append(fixed)
    swapped = i_y(fixed or word)
    if swapped and frequency(swapped):
        found.append(swapped)
    if found or len(word) < MIN_EDIT:
        return found[:KEEP]
    options = [(w, frequency(w)) for w in edits(word)]
    options = [(w, n) for w, n in options if n]

    def context(candidate: str) -> int:
        if pair_frequency is None:
            return 0
        return (pair_frequency(f"{before}_{candidate}") if before else 0) + \
            (pair_frequency(f"{candidate}_{after}") if after else 0)

    options.sort(key=lambda wn: (-(context(wn[0]) > 0), -context(wn[0]), -wn[1]))
    return [w for w, _ in options[:KEEP]]


def pair_spellings(word: str, before: str, pairs_after, frequency, last: bool, unknown: bool = False) -> list[str]:
    """Spellings X of `word` that the index knows right after `before` ("ban sa" → "sao"):
    X one letter away from the word, or, for the last word typed, starting with it.

    pairs_after(before) → the index's pair terms "before_X"; frequency(pair) → units holding it."""
    if not word.isalpha() or len(word) < 2:
        return []
    found = []
    for pair in pairs_after(before):
        other = pair.split("_", 1)[1]
        if other == word or not other.isalpha():
            continue
        if (last and other.startswith(word)) or ((unknown or len(word) >= 3) and _one_edit(word, other)):
            found.append((frequency(pair), other))
    found.sort(reverse=True)
    return [w for _, w in found[:KEEP]]


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    return b in edits(a) if len(a) <= 8 else False
