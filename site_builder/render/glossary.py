"""Terms citizens do not know, explained where they read them.

The first occurrence of each glossary term (content/taxonomy/glossary.yml) in a
procedure or guidance page becomes a link to its entry on /thuat-ngu/, with the
definition as the link title (Material shows it as a tooltip). A link, not an
<abbr>: it is reachable by keyboard and read by screen readers, and it still
works on a phone where there is no hover.

Only plain Markdown text is touched: headings, existing links, raw HTML lines,
attribute lists and inline code are left as they are.
"""

from __future__ import annotations

import re

from ..content.taxonomy import GlossaryTerm

# Pieces of a Markdown line that must not be rewritten.
_PROTECTED = re.compile(r"\[[^\]]*\]\([^)]*\)|<[^>]*>|\{[^}]*\}|`[^`]*`|https?://\S+")
_WORD = r"[\wÀ-ỹ]"


def _pattern(words: list[str]) -> re.Pattern:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!{_WORD})({alternatives})(?!{_WORD})", re.IGNORECASE)


class Explainer:
    def __init__(self, glossary: dict[str, GlossaryTerm]):
        self.glossary = glossary
        self.by_word: dict[str, GlossaryTerm] = {}
        self.ids: dict[int, str] = {}           # id() of a term -> its anchor, computed once
        self.titles: dict[int, str] = {}
        for term in glossary.values():
            self.ids[id(term)] = term.id
            self.titles[id(term)] = term.definition.replace('"', "”").replace("|", "/").replace("\n", " ")
            for word in (term.term, *term.aliases):
                self.by_word.setdefault(word.lower(), term)
        self.pattern = _pattern(list(self.by_word)) if self.by_word else None

    def explain(self, markdown: str, link_to_glossary: str) -> str:
        """Link the first occurrence of each term in `markdown` (a page body, no front matter)."""
        if self.pattern is None:
            return markdown
        done: set[str] = set()
        out = []
        in_fence = in_admonition = False
        for line in markdown.split("\n"):
            stripped = line.lstrip()
            if stripped.startswith("```"):
                in_fence = not in_fence
            # notices (!!! blocks and their indented body) speak about the page, not the procedure
            if stripped.startswith("!!!"):
                in_admonition = True
            elif in_admonition and stripped and not line.startswith("    "):
                in_admonition = False
            if in_fence or in_admonition or stripped.startswith(("#", "<", "---", "|---")) or not stripped:
                out.append(line)
                continue
            out.append(self._line(line, link_to_glossary, done))
        return "\n".join(out)

    def _line(self, line: str, target: str, done: set[str]) -> str:
        pieces, last = [], 0
        for m in _PROTECTED.finditer(line):
            pieces.append(self._text(line[last:m.start()], target, done))
            pieces.append(m.group(0))
            last = m.end()
        pieces.append(self._text(line[last:], target, done))
        return "".join(pieces)

    @staticmethod
    def _inside_excluded(text: str, m: re.Match, term: GlossaryTerm) -> bool:
        """True when the match is part of a phrase the term must not explain ("văn bản chính thức")."""
        lower = text.lower()
        for phrase in term.not_in:
            phrase = phrase.lower()
            start = lower.find(phrase)
            while start != -1:
                if start <= m.start() and m.end() <= start + len(phrase):
                    return True
                start = lower.find(phrase, start + 1)
        return False

    def _text(self, text: str, target: str, done: set[str]) -> str:
        def repl(m: re.Match) -> str:
            term = self.by_word[m.group(1).lower()]
            anchor = self.ids[id(term)]
            if anchor in done or self._inside_excluded(text, m, term):
                return m.group(0)
            done.add(anchor)
            return f'[{m.group(1)}]({target}#{anchor} "{self.titles[id(term)]}"){{ .glossary-term }}'
        return self.pattern.sub(repl, text)
