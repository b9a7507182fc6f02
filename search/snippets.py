"""Highlighted titles and snippets, on the stored text (no re-analysis through the engine)."""

from __future__ import annotations

import re

from site_builder.text import fold

_WORD = re.compile(r"[^\W_]+")


def highlight_snippet(text: str, words: set[str], *, whole: bool = False, width: int = 160, fragments: int = 2) -> str:
    """Mark the words of the query (compared folded) in the original text.

    Works on the stored text with character offsets, so its cost does not grow with the index."""
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text) if fold(m.group().lower()) in words]
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


_SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=\S)")


def best_sentence(text: str, words: set[str], width: int = 200) -> str:
    """The one sentence of a unit that holds most of the query's words, highlighted.

    Units are written as sentences (". " between fields: search_units.py), so a snippet never
    runs two fields together, and one sentence never repeats a fragment."""
    bounds = [0] + [m.end() for m in _SENTENCE.finditer(text)] + [len(text)]
    spans = [(lo, hi) for lo, hi in zip(bounds, bounds[1:], strict=False) if text[lo:hi].strip()] or [(0, len(text))]
    folded = fold(text.lower())
    if len(folded) != len(text):          # a fold that changed lengths (ß → ss): fold each sentence
        held = [len(set(_WORD.findall(fold(text[lo:hi].lower()))) & words) for lo, hi in spans]
    else:                                 # one fold for the whole unit, sentences by offset
        held = [len(set(_WORD.findall(folded, lo, hi)) & words) for lo, hi in spans]
    best = max(held)
    lo, hi = spans[held.index(best)] if best > 1 else spans[0]   # first of the best; one shared word
    return highlight_snippet(text[lo:hi].strip(), words, width=width, fragments=1)   # says less than the first


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
