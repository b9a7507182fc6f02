"""Words a reader sees and text that stands in for content (placeholders).

Shared by the legal checks (compliance/substance.py: a required page must hold real content) and
the page quality warning for pages no rule requires (PAGE-PLACEHOLDER).
"""

from __future__ import annotations

import re

from ..text import fold

# ------------------------------------------------------------------------------- reading Markdown
FENCE = re.compile(r"^(```+|~~~+).*?^\1\s*$", re.M | re.S)
COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"<[^>]+>")
LINK = re.compile(r"(!?)\[((?:[^\]\\\n]|\\.)*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")


def plain(body: str) -> str:
    """The words a reader sees: code, comments, tags and link targets removed."""
    text = COMMENT.sub(" ", FENCE.sub(" ", body or ""))
    text = LINK.sub(lambda m: " " + m.group(2) + " ", text)
    return _TAG.sub(" ", text)


def words(text: str) -> int:
    return len(WORD.findall(plain(text)))


def lines(body: str) -> list[str]:
    return COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), body or "").split("\n")


# --------------------------------------------------------------------------------- placeholders
# Folded, lower case. STRONG phrases stand in for content wherever they are ("sẽ được bổ sung");
# WEAK ones only when they make up a short sentence or table cell ("Cần bổ sung tệp báo cáo"),
# since "thông báo nội dung cần bổ sung" is how a procedure rightly speaks of a dossier.
STRONG = (
    r"dang (duoc )?cap nhat", r"dang (duoc )?bo sung", r"se duoc (bo sung|cap nhat|dang tai)",
    r"se (bo sung|cap nhat) sau", r"noi dung (dang|se) (duoc )?(cap nhat|bo sung)",
    r"lorem ipsum", r"\btodo\b", r"\btbd\b", r"\bplaceholder\b", r"coming soon", r"under construction",
    r"to be (updated|added|completed)", r"\bx{3,}\b", r"^\s*[.…\-_]+\s*$",
)
WEAK = (r"can (duoc )?bo sung", r"chua co (noi dung|thong tin|so lieu|du lieu)", r"bo sung sau", r"cap nhat sau")
_STRONG = re.compile("|".join(f"(?:{p})" for p in STRONG), re.I)
_WEAK = re.compile("|".join(f"(?:{p})" for p in WEAK), re.I)
_SEGMENT = re.compile(r"[^.;!?|]+")
PHONE_LIKE = re.compile(r"(?:\+84|\(0\d{2,3}\)|\b0)[\d\s.()-]{7,}\d")


# Every STRONG or WEAK phrase contains one of these (or is a line of dots and dashes): a line with
# none of them is decided by substring tests, not by the regular expressions.
_KEYS = ("cap nhat", "bo sung", "se duoc", "lorem", "todo", "tbd", "placeholder", "coming soon",
         "under construction", "to be ", "xxx", "chua co")


def placeholder_in(line: str) -> bool:
    folded = fold(line).lower()
    if not any(key in folded for key in _KEYS):
        stripped = folded.strip()
        return bool(stripped) and not stripped.strip(".…-_")
    if _STRONG.search(folded):
        return True
    if not _WEAK.search(folded):         # most lines: no segment can match either
        return False
    return any(_WEAK.search(seg) and len(WORD.findall(seg)) <= 10 for seg in _SEGMENT.findall(folded))


def placeholder(text: str) -> tuple[int, str] | None:
    """(0-based line, what) of the first placeholder in `text`, or None."""
    in_fence = False
    for n, line in enumerate(lines(text)):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if placeholder_in(line):
            return n, line.strip()[:60]
        for phone in PHONE_LIKE.findall(line):
            if fake_phone(phone):
                return n, phone.strip()
    return None


def fake_phone(phone: str) -> bool:
    digits = re.sub(r"\D", "", phone)
    groups = re.findall(r"\d+", phone)
    return any(g in ("000", "0000", "00000") for g in groups) or len(set(digits.lstrip("0"))) <= 1
