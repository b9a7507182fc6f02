"""Vietnamese typed in the legacy TCVN3 (ABC) or VNI-Windows encodings and pasted as Unicode.

Copied from an old office file without its font, every legacy byte arrives as the Windows-1252
character of that byte: "Thñ tôc ®¨ng ký" (TCVN3), "Thuû tuïc ñaêng kyù" (VNI). Single characters
prove nothing (é, ü, ñ are ordinary French, German, Spanish letters), so a line is judged by its
words: it is legacy text when its suspect words become well-formed Vietnamese syllables once
decoded. `portal fix-encoding` converts those words, and only those.

The tables (legacy_encodings.json) agree with Unikey/VnConv, xvnkb, GNU libiconv and VBKey, and
decode archived .gov.vn documents; tests/test_legacy_encodings.py holds real samples.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

NAMES = {"tcvn3": "TCVN3 (ABC, phông .VnTime)", "vni": "VNI (phông VNI-Times)"}
_CP1252_EXTRA = set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ")
# Latin-1 letters Vietnamese itself uses: a word made only of these may well be correct Unicode.
_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_PUNCTUATION = "‚„…†‡‰‹‘’“”•–—™›\u00a0"      # cp1252 punctuation: as common in Unicode text as in legacy
_SUSPECT = re.compile("[\u0080-\u00ff" + "".join(_CP1252_EXTRA) + "]")
_TOKEN = re.compile(r"[^\s!-/:-@\[-`{-~" + _PUNCTUATION + "]+")   # words between spaces and punctuation
_WORDS = re.compile(r"[^\W\d_]+")
_BEYOND_LATIN1 = re.compile("[^\u0000-\u00ff" + "".join(_CP1252_EXTRA) + "]")
_STRONG_CHAR = re.compile("[" + "".join(c for c in map(chr, range(0x80, 0x100)) if c not in _VIETNAMESE_LATIN1)
                          + "".join(_CP1252_EXTRA) + "]")

_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
_NUCLEUS = ("a|ă|â|e|ê|i|y|o|ô|ơ|u|ư|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|oo|ôi|ơi|ua|uâ|uê|ui|uô|uơ|"
            "uy|ưa|ưi|ưu|ươ|yê|iêu|yêu|oai|oay|oao|oeo|uây|uôi|ươi|ươu|uya|uyê|uyu")
_SYLLABLE = re.compile(rf"^{_ONSET}(?:{_NUCLEUS})(?:ch|ng|nh|[cmnpt])?$")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


@lru_cache(maxsize=1)
def _tables() -> tuple[dict, re.Pattern, dict]:
    data = json.loads((Path(__file__).with_name("legacy_encodings.json")).read_text(encoding="utf-8"))
    tcvn3 = str.maketrans(data["tcvn3"])
    vni = data["vni"]
    pattern = re.compile("|".join(re.escape(k) for k in sorted(vni, key=len, reverse=True)))
    return tcvn3, pattern, vni


def decode(text: str, encoding: str) -> str:
    tcvn3, pattern, vni = _tables()
    if encoding == "tcvn3":
        return text.translate(tcvn3)
    return pattern.sub(lambda m: vni[m.group()], text)


def is_syllable(word: str) -> bool:
    """A well-formed Vietnamese syllable (one tone at most)."""
    d = unicodedata.normalize("NFD", word.lower())
    if sum(c in _TONES for c in d) > 1:
        return False
    return bool(_SYLLABLE.match(unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))))


def _reads_as(token: str, encoding: str) -> str | None:
    """The token decoded, when that changes it into Vietnamese words; else None."""
    decoded = decode(token, encoding)
    return decoded if decoded != token and _is_words(decoded) else None


def _candidates(line: str) -> list[str]:
    out = []
    for token in _TOKEN.findall(line):
        if _SUSPECT.search(token) and not any(ord(c) > 0xFF and c not in _CP1252_EXTRA for c in token):
            out.append(token)
    return out


def detect_line(line: str) -> str | None:
    """'tcvn3' or 'vni' when the line holds text typed in that encoding, else None.

    Evidence is a word that decodes into Vietnamese and holds a character Vietnamese never writes
    (®, ¨, ñ, ö, ø…). Words made only of letters Vietnamese shares with Latin-1 ("Bái", "tháng")
    count only on a line with no real Unicode Vietnamese, and then only three or more of them."""
    tokens = [t for t in _candidates(line) if sum(c.isalpha() for c in t) > 1]   # a lone symbol is not a word
    if not tokens:
        return None
    unicode_line = any(ord(c) > 0xFF and c not in _CP1252_EXTRA for c in line)
    strong = [t for t in tokens if _strong(t)]
    best, best_score = None, 0.0
    for encoding in ("tcvn3", "vni"):
        ok = [t for t in tokens if _reads_as(t, encoding)]
        # Words the decoding would change but that already read as Vietnamese: "Công khai ngân sách" is right.
        as_typed = sum(1 for t in tokens if _is_words(t) and decode(t, encoding) != t)
        ok_strong = [t for t in strong if t in ok]
        score = len(ok) / len(tokens)
        found = (ok_strong and len(ok_strong) * 2 >= len(strong)) or \
            (not unicode_line and len(ok) >= 3 and score >= 0.6)
        if found and len(ok) > as_typed and score > best_score:
            best, best_score = encoding, score
    return best


def _strong(token: str) -> bool:
    """Holds a character Vietnamese never writes (®, ¨, ñ, ö…); a lone symbol (·, ×) is not a word."""
    return sum(c.isalpha() for c in token) > 1 and any(c not in _VIETNAMESE_LATIN1 and 0x80 <= ord(c) <= 0xFF
                                                       or c in _CP1252_EXTRA for c in token)


def _is_words(text: str) -> bool:
    words = _WORDS.findall(text)
    return bool(words) and all(is_syllable(w) for w in words)


def detect(text: str) -> list[tuple[int, str, str]]:
    """(1-based line, encoding, the line converted) for every legacy line of a text."""
    if not _SUSPECT.search(text):
        return []
    found = []
    for n, line in enumerate(text.split("\n"), 1):
        # Fast path: a line of real Unicode Vietnamese (ư, đ, ạ…) needs a character Vietnamese never writes.
        if not _SUSPECT.search(line) or (_BEYOND_LATIN1.search(line) and not _STRONG_CHAR.search(line)):
            continue
        encoding = detect_line(line)
        if encoding:
            found.append((n, encoding, convert_line(line, encoding)))
    return found


def convert_line(line: str, encoding: str) -> str:
    """The line with each legacy word decoded (in `encoding`, else the other one if only it reads);
    words that are not legacy text stay as they are."""
    other = "vni" if encoding == "tcvn3" else "tcvn3"
    # On a line that is partly real Unicode ("Thủ tục ®¨ng ký"), a word that reads as typed is left alone.
    mixed = any(ord(c) > 0xFF and c not in _CP1252_EXTRA for c in line)

    def fix(m: re.Match) -> str:
        token = m.group()
        if token not in _candidates(token) or (mixed and _is_words(token) and not _strong(token)):
            return token
        decoded = decode(token, encoding)
        if decoded == token:              # nothing legacy in it for this encoding ("Trình" in VNI is "Trình")
            return token if _is_words(token) else (_reads_as(token, other) or token)
        if _reads_as(token, encoding) or token.isupper():    # words, and abbreviations ("HÑND" → "HĐND")
            return decoded
        return _reads_as(token, other) or token
    return unicodedata.normalize("NFC", _TOKEN.sub(fix, line))
