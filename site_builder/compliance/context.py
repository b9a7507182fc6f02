"""What a check needs to look at the site, plus helpers to build outcomes."""

from __future__ import annotations

import copy
import datetime as dt

from .. import git
from ..content.catalog import Catalog
from ..content.loading import Entry, Site
from . import files, substance
from .registry import Outcome
from .workdays import WorkCalendar


class CheckContext:
    """The site as the checks see it, bound to the rule being evaluated (`ctx.rule`): outcomes
    carry that id, so a check function never names a rule."""

    rule = ""

    def __init__(self, site: Site, catalog: Catalog, as_of: dt.date):
        self.site = site
        self.cat = catalog
        self.as_of = as_of
        self.config = site.config
        self.calendar = WorkCalendar()
        self._shared: dict = {}        # computed once for all rules

    def bound(self, rule: str) -> CheckContext:
        other = copy.copy(self)
        other.rule = rule
        return other

    @property
    def git(self) -> dict[str, tuple[dt.date, dt.date]]:
        if "git" not in self._shared:
            self._shared["git"] = git.file_dates(self.site.root)
        return self._shared["git"]

    # ------------------------------------------------------------ lookups
    def pages(self, *, role: str | None = None, lang: str = "vi", section: str | None = None) -> list[Entry]:
        return [e for e in self.site.pages.values()
                if e.item.lang == lang and (role is None or e.item.role == role)
                and (section is None or e.item.section == section)]

    def last_changed(self, entry: Entry) -> dt.date | None:
        item = entry.item
        if getattr(item, "updated", None):
            return item.updated
        dates = self.git.get(entry.rel)
        return dates[1] if dates else None

    def first_published(self, entry: Entry) -> dt.date | None:
        if getattr(entry.item, "published", None):
            return entry.item.published
        dates = self.git.get(entry.rel)
        return dates[0] if dates else None

    def file_gap(self, rel: str) -> str | None:
        """Why a published file is not a usable document (files.py), computed once."""
        cache = self._shared.setdefault("files", {})
        if rel not in cache:
            cache[rel] = files.document_gap(self.site.root, rel, self.site.tree)
        return cache[rel]

    def page_gaps(self, entry: Entry):
        """(text gap, {need: gap}) of a page against its role's contract, computed once."""
        cache = self._shared.setdefault("pages", {})
        if entry.rel not in cache:
            if "published" not in self._shared:
                self._shared["published"] = substance.published_files(self.site)
            page = substance.Page(entry.body, self._shared["published"], entry.item)
            cache[entry.rel] = substance.gaps(entry.item.role, page)
        return cache[entry.rel]

    def real_agencies(self) -> list[tuple[str, Entry]]:
        """Agencies that are actual bodies (not groups like "UBND cấp xã")."""
        return [(slug, e) for slug, e in self.site.agencies.items() if not e.item.generic]

    # ----------------------------------------------------------- outcomes
    def passed(self, entry: Entry | None = None, *, path: str = "", agency: str | None = None,
               entity: str = "", aspect: str = "", part: str = "") -> Outcome:
        return Outcome(self.rule, True, entry.rel if entry else path, None, agency=agency,
                       entity=entity or (entry.rel if entry else path), aspect=aspect, part=part,
                       sample=_sample(entry))

    def failed(self, entry: Entry | None, loc: tuple = (), message: str = "", hint: str = "", *,
               path: str = "", line: int | None = None, agency: str | None = None, entity: str = "",
               aspect: str = "", part: str = "") -> Outcome:
        if entry is not None:
            path, line = entry.rel, entry.line(*loc)
        return Outcome(self.rule, False, path, line, message, hint, agency, entity or path, aspect, part,
                       _sample(entry))

    def outcome(self, ok: bool, entry: Entry | None, loc: tuple = (), message: str = "", hint: str = "",
                **kw) -> Outcome:
        return self.passed(entry, **kw) if ok else self.failed(entry, loc, message, hint, **kw)

    def config_outcome(self, ok: bool, key: str, message: str, hint: str, aspect: str = "") -> Outcome:
        entry = self.site.config_entry
        loc = tuple(key.split("."))
        line = next((n for i in range(len(loc), 0, -1) if (n := entry.line(*loc[:i]))), None) if entry else None
        return Outcome(self.rule, ok, "content/portal.yml", None if ok else line, "" if ok else message,
                       "" if ok else hint, None, "portal", aspect or f"config:{key}", "", _sample(entry))

    def gap_outcome(self, entry: Entry, gap, aspect: str, agency: str | None = None) -> Outcome:
        """Outcome of a substance test on an item's body (gap: substance.Gap or None)."""
        if gap is None:
            return self.passed(entry, aspect=aspect, agency=agency)
        line = entry.body_line + gap.line
        return Outcome(self.rule, False, entry.rel, line, gap.message, gap.hint, agency, entry.rel, aspect, "",
                       _sample(entry))

    def page_outcome(self, ok: bool, what: str, hint: str, path: str = "content/pages", aspect: str = "") -> Outcome:
        """Outcome about the presence of a kind of item (no file to point at: the folder)."""
        return Outcome(self.rule, ok, path, None, "" if ok else f"Chưa có {what}.",
                       "" if ok else hint, None, "portal", aspect)


def _sample(entry: Entry | None) -> bool:
    return bool(entry is not None and getattr(entry.item, "sample", False))
