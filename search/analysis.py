"""Text analysis for search: the same terms at index time and at query time.

Both sides call `terms` (or `tokens`, which also keeps what was typed), built on the portal's one
fold (site_builder.text.fold): lower case, no diacritics, đ → d, full-width digits as digits.
tests/test_properties.py holds the two sides together for any text.
"""

from __future__ import annotations

import re

from site_builder import numbers
from site_builder.text import fold

_WORD = re.compile(r"[^\W_]+")      # "_" joins the two syllables of a pair term ("dang_ky")

# Document types as citizens type them and as number symbols spell them → one short code.
TYPE_CODES = {"nghi dinh": "nd", "nd": "nd", "quyet dinh": "qd", "qd": "qd", "thong tu": "tt", "tt": "tt",
              "ttlt": "tt", "chi thi": "ct", "ct": "ct", "nghi quyet": "nq", "nq": "nq", "luat": "qh"}


def terms(text: str) -> list[str]:
    """Folded, lower-case words of a text, in order."""
    return _WORD.findall(fold(text.lower()))


def tokens(text: str) -> list[tuple[str, str]]:
    """(as typed in lower case, folded) for each word; the folded halves are exactly `terms(text)`.

    Character by character, because a fold can drop a character (a bare combining mark) without
    ending the word; only queries go through here, so the loop stays short."""
    out: list[tuple[str, str]] = []
    typed: list[str] = []
    folded: list[str] = []

    def close() -> None:
        if folded:
            out.append(("".join(typed), "".join(folded)))
        typed.clear()
        folded.clear()

    for ch in text.lower():
        piece = fold(ch)
        if not piece:
            if folded:
                typed.append(ch)
            continue
        for part in piece:
            if _WORD.fullmatch(part):
                folded.append(part)
            else:
                close()
        if folded:
            typed.append(ch)
    close()
    return out


def bigrams(words: list[str]) -> list[str]:
    """Adjacent pairs, as one term each: a two-syllable word or phrase is one posting list."""
    return [f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)]


def number_keys(number: str | None) -> list[str]:
    """Keys a document number is found by: "64/2007/nd-cp", "64/2007", "nd:64"."""
    if not number:
        return []
    parsed = numbers.parse(number)
    if parsed is None:
        return [fold(number).lower().replace(" ", "")]
    keys = [fold(parsed.text).lower()]
    if parsed.year:
        keys.append(f"{parsed.serial}/{parsed.year}")
    kind = fold(parsed.symbol.split("-")[0]).lower()
    if kind.startswith("qh"):
        keys.append(f"qh:{parsed.serial}")
    elif TYPE_CODES.get(kind, "qh") != "qh":
        keys.append(f"{TYPE_CODES[kind]}:{parsed.serial}")
    return keys
