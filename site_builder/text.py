"""Vietnamese text helpers shared by the builder and the search service.

Everything here is stdlib only: `search/` imports this module, and it must not
drag the page generator or mkdocs along.
"""

from __future__ import annotations

import re
import unicodedata

# Letters Unicode does not decompose into base + mark (đ is a letter, not d + mark), folded by hand.
_SPECIAL_FOLDS = {"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "Ɖ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
                  "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i"}

# Look-alikes that legacy encodings (TCVN3, VNI) and copy-paste produce for Đ.
_LOOKALIKES = str.maketrans({"Ð": "Đ", "Ɖ": "Đ", "ð": "đ"})


class _FoldTable(dict):
    """Code point → its fold, computed on first sight: every character folds on its own (marks are
    dropped, whatever they follow), so the result does not depend on NFC or NFD input."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch in _SPECIAL_FOLDS:
            out = _SPECIAL_FOLDS[ch]
        elif 0xFF01 <= code <= 0xFF5E:                  # full-width forms typed by some input methods
            out = fold(chr(code - 0xFEE0))
        elif unicodedata.category(ch)[0] == "M":       # a bare combining mark
            out = ""
        else:
            decomposed = unicodedata.normalize("NFD", ch)
            # The base letters fold too ("Ǿ" is Ø + acute, and Ø folds to O): the same answer for NFC and NFD.
            out = "".join(fold(c) for c in decomposed if unicodedata.category(c)[0] != "M") if decomposed != ch else ch
        self[code] = out
        return out


_FOLD_TABLE = _FoldTable()


def nfc(text: str) -> str:
    """NFC-normalise; decomposed input would otherwise split words mid-syllable."""
    return unicodedata.normalize("NFC", text)


def fix_lookalikes(text: str) -> str:
    return text.translate(_LOOKALIKES)


def fold(text: str) -> str:
    """The portal's one Vietnamese fold: diacritics removed, đ → d, keeping case. Index and queries
    (search/analysis.py), slugs and sort keys all use it, so they can never disagree."""
    return text if text.isascii() else text.translate(_FOLD_TABLE)


_NON_SLUG = re.compile(r"[^a-z0-9]+")
_ENTITY = re.compile(r"&[a-z]+;")


def slugify(text: str, separator: str = "-") -> str:
    """ASCII slug that keeps đ as d: "Thẩm định" → "tham-dinh"."""
    folded = fold(nfc(text)).lower()
    return _NON_SLUG.sub(separator, folded).strip(separator)


def slugify_heading(value: str, separator: str) -> str:
    """Signature expected by Python-Markdown's toc extension (`toc.slugify`).

    The default slugify drops đ entirely ("Thẩm định" → "tham-inh"), which
    breaks anchors citizens share; ours folds it to d.
    """
    # toc passes the heading's text with HTML stripped; entities may remain.
    value = _ENTITY.sub(" ", value) if "&" in value else value
    return slugify(value, separator)


def format_vnd(amount: int) -> str:
    """12000 → "12.000 đồng" (Vietnamese groups thousands with dots)."""
    return f"{amount:,}".replace(",", ".") + " đồng"


def format_date(value) -> str:
    return value.strftime("%d/%m/%Y")
