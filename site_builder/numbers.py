"""Document numbers ("số, ký hiệu") per Decree 30/2020 and formats.md §1.

Normalise what editors type (ASCII ND/QD, en dashes, spaces, look-alike Đ),
then classify: normative documents carry the year, administrative ones do
not, consolidated texts are "n/VBHN-…".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .text import fix_lookalikes, nfc

_U = "A-ZĐƯƠÂÊÔĂ"
_L = "a-zđươâêôă"
NORMATIVE = re.compile(
    rf"^(?P<n>\d{{1,4}})/(?P<y>(?:19|20)\d{{2}})/(?P<sym>[{_U}][{_U}{_L}]*\d{{0,2}}(?:-[{_U}][{_U}{_L}0-9]*)*)$")
ADMIN = re.compile(rf"^(?P<n>\d{{1,5}})/(?P<sym>[{_U}][{_U}{_L}]*(?:-[{_U}][{_U}{_L}0-9]*)+)$")
CONSOLIDATED = re.compile(rf"^(?P<n>\d{{1,4}})/(?P<sym>VBHN-[{_U}][{_U}{_L}]*)$")

# ASCII spellings accepted as input only (formats.md §1.2).
# "HD" stays as typed: it is both hướng dẫn (HD) and hợp đồng (HĐ).
_ASCII_CODES = {"ND": "NĐ", "QD": "QĐ", "BLDTBXH": "BLĐTBXH", "HDND": "HĐND", "QyD": "QyĐ",
                "BGDDT": "BGDĐT"}


@dataclass(frozen=True)
class DocNumber:
    text: str          # canonical form
    serial: int
    year: int | None
    symbol: str        # "NĐ-CP", "QH11", "VBHN-BTP"
    kind: str          # "normative" | "administrative" | "consolidated"


@lru_cache(maxsize=8192)
def normalise(raw: str) -> str:
    s = fix_lookalikes(nfc(raw)).strip()
    s = re.sub(r"^(số|so)\s*[:.]?\s*", "", s, flags=re.IGNORECASE)
    s = re.sub(r"[\u2010-\u2015\u2212]", "-", s)      # dashes → hyphen
    s = re.sub(r"\s*([/-])\s*", r"\1", s)
    parts = s.split("/")
    parts[-1] = "-".join(_ASCII_CODES.get(p, p) for p in parts[-1].split("-"))
    return "/".join(parts)


@lru_cache(maxsize=8192)
def parse(raw: str) -> DocNumber | None:
    s = normalise(raw)
    m = CONSOLIDATED.match(s)
    if m:
        return DocNumber(s, int(m["n"]), None, m["sym"], "consolidated")
    m = NORMATIVE.match(s)
    if m:
        return DocNumber(s, int(m["n"]), int(m["y"]), m["sym"], "normative")
    m = ADMIN.match(s)
    if m:
        return DocNumber(s, int(m["n"]), None, m["sym"], "administrative")
    return None


def key(raw: str) -> str:
    """Lookup key: canonical text when parseable, else the normalised input,
    so "64/2007/ND-CP" and "64/2007/NĐ-CP" find the same document."""
    parsed = parse(raw)
    return parsed.text if parsed else normalise(raw)
