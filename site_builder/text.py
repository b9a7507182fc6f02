"""Vietnamese text helpers shared by the builder and the search service.

Everything here is stdlib only: `search/` imports this module, and it must not
drag the page generator or mkdocs along.
"""

from __future__ import annotations

import re
import unicodedata

# Unicode does not decompose đ/Đ (they are letters, not d + mark), so NFD-based
# accent stripping leaves them alone; fold them by hand.
_SPECIAL_FOLDS = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "Ɖ": "D"})

# Look-alikes that legacy encodings (TCVN3, VNI) and copy-paste produce for Đ.
_LOOKALIKES = str.maketrans({"Ð": "Đ", "Ɖ": "Đ", "ð": "đ"})


def nfc(text: str) -> str:
    """NFC-normalise; decomposed input would otherwise split words mid-syllable."""
    return unicodedata.normalize("NFC", text)


def fix_lookalikes(text: str) -> str:
    return text.translate(_LOOKALIKES)


def fold(text: str) -> str:
    """Remove Vietnamese diacritics, including đ → d, keeping case."""
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL_FOLDS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


_NON_SLUG = re.compile(r"[^a-z0-9]+")


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
    value = re.sub(r"&[a-z]+;", " ", value)
    return slugify(value, separator)


def format_vnd(amount: int) -> str:
    """12000 → "12.000 đồng" (Vietnamese groups thousands with dots)."""
    return f"{amount:,}".replace(",", ".") + " đồng"


def format_date(value) -> str:
    return value.strftime("%d/%m/%Y")
