"""The report's figures for one period, computed from the content and its git history.

Dates come from content fields where they exist (`published`, `updated`, `date`, `withdrawn.date`),
else from git. A figure that needs git is known only when the history covers the period (the first
commit is on or before its first day); otherwise it is `unknown` with the reason, or a lower bound
("ít nhất") when the fields give part of it. A zero in the report is always a counted zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .. import git
from ..check import check
from ..compliance.scorecard import CATEGORIES, PORTAL, scorecard
from ..compliance.workdays import WorkCalendar
from .period import Period


@dataclass
class Count:
    value: int | None           # None: cannot be computed
    why: str = ""               # what makes it unknown or a lower bound
    at_least: bool = False

    def text(self) -> str:
        if self.value is None:
            return "Không xác định"
        return f"ít nhất {self.value}" if self.at_least else str(self.value)


@dataclass
class AgencyRow:
    slug: str
    name: str
    met: int
    exempted: int
    not_met: int
    categories: dict[str, tuple[int, int, int]] = field(default_factory=dict)   # label → (met, exempted, not met)

    @property
    def required(self) -> int:
        return self.met + self.exempted + self.not_met


@dataclass
class Gap:
    agency: str
    title: str
    citation: str
    message: str
    path: str


@dataclass
class Figures:
    period: Period
    profile: str
    source: str                                 # where the figures were computed from
    agencies: list[AgencyRow] = field(default_factory=list)
    counts: dict[str, Count] = field(default_factory=dict)
    gaps: list[Gap] = field(default_factory=list)
    deadline_days: int | None = None
    checks_enabled: bool = True

    @property
    def total(self) -> AgencyRow:
        rows = self.agencies
        return AgencyRow("", "Toàn cổng", sum(r.met for r in rows), sum(r.exempted for r in rows),
                         sum(r.not_met for r in rows))


LABELS = {   # key → how the report names the figure
    "procedures_added": "Thủ tục hành chính được đăng mới",
    "procedures_amended": "Thủ tục hành chính được sửa đổi, cập nhật",
    "procedures_withdrawn": "Thủ tục hành chính bị bãi bỏ",
    "documents_published": "Văn bản được đăng",
    "documents_on_time": "Văn bản của tỉnh đăng đúng hạn",
    "documents_late": "Văn bản của tỉnh đăng quá hạn",
    "pages_updated": "Trang thông tin được đăng mới hoặc cập nhật",
}


def compute(root: Path, period: Period, source: str = "nội dung hiện tại của kho") -> Figures:
    root = Path(root).resolve()
    checked = check(root, period.end)
    site, result = checked.site, checked.compliance
    names = {slug: e.item.name for slug, e in site.agencies.items()}
    figures = Figures(period, result.profile.name if result else "", source)
    figures.checks_enabled = bool(result and result.enabled)
    if result and result.enabled:
        for row in scorecard(result):
            total = row.total
            name = "Cổng (các yêu cầu chung)" if row.key == PORTAL else names.get(row.key, row.key)
            categories = {CATEGORIES.get(k, k): (c.present, c.exempted, c.required - c.present - c.exempted)
                          for k, c in sorted(row.cells.items())}
            figures.agencies.append(AgencyRow(row.key, name, total.present, total.exempted,
                                              total.required - total.present - total.exempted, categories))
        for req in result.by_state("not_met"):
            agency = req.agency
            figures.gaps.append(Gap(names.get(agency, agency) if agency else "Cổng (các yêu cầu chung)",
                                    req.rule.title, req.citations(), req.primary.message, req.primary.path))
        figures.gaps.sort(key=lambda g: (g.agency, g.title, g.path))
    first = git.first_commit_day(root)
    covers = first is not None and first <= period.start
    why = ("không có lịch sử git" if first is None else
           f"lịch sử git bắt đầu từ {first:%d/%m/%Y}, sau ngày đầu kỳ {period.start:%d/%m/%Y}")
    changes = git.changes_between(root, period.start, period.end) if covers else {}
    limits = _limits(result)
    figures.deadline_days = limits[0]
    figures.counts = {
        **_procedures(site, period, changes, covers, why),
        **_documents(site, period, changes, covers, why, limits,
                     set(site.config.own_issuers) if site.config else set()),
        "pages_updated": _dated(period, [(e.rel, e.item.updated or e.item.date) for e in site.pages.values()],
                                changes, covers, why),
    }
    return figures


def _limits(result) -> tuple[int | None]:
    """Working days the province's own documents may take to appear (the deadline rule in force under
    the profile, even where a portal switched the checks off)."""
    from ..compliance.registry import active_rules
    rules = active_rules(result.profile, result.as_of, result.forced) if result else []
    for rule in rules:
        if rule.check == "publication_deadlines":
            return (rule.params.get("own_days"),)
    return (None,)


def _touched(changes: dict, rel: str, kinds: str) -> bool:
    return any(kind in kinds for _, kind in changes.get(rel, []))


def _dated(period: Period, items: list[tuple[str, dt.date | None]], changes: dict, covers: bool, why: str) -> Count:
    """Items whose date field falls in the period, or (history covering the period) changed in it."""
    hits = {rel for rel, day in items if period.contains(day)}
    if covers:
        hits |= {rel for rel, _ in items if _touched(changes, rel, "AM")}
        return Count(len(hits))
    # Without the history, an item whose last date is after the period may also have changed in it.
    unsure = any(day is None or day > period.end for _, day in items)
    return Count(len(hits), why, at_least=True) if unsure else Count(len(hits))


def _procedures(site, period, changes, covers, why) -> dict[str, Count]:
    entries = list(site.procedures.values())
    withdrawn = {e.rel for e in entries if e.item.withdrawn and period.contains(e.item.withdrawn.date)}
    if covers:
        added = {rel for rel, events in changes.items() if rel.startswith("procedures/") and events[0][1] == "A"}
        withdrawn |= {rel for rel, events in changes.items() if rel.startswith("procedures/") and events[-1][1] == "D"}
        added_count = Count(len(added))
    else:
        added, added_count = set(), Count(None, why)
    amended = _dated(period, [(e.rel, e.item.updated) for e in entries if e.rel not in added], changes, covers, why)
    return {"procedures_added": added_count, "procedures_amended": amended,
            "procedures_withdrawn": Count(len(withdrawn))}


def _documents(site, period, changes, covers, why, limits, own) -> dict[str, Count]:
    (own_days,) = limits
    calendar = WorkCalendar()
    published, on_time, late, unsure = 0, 0, 0, False
    for entry in site.documents.values():
        d = entry.item
        day = d.published
        if day is None and covers:
            events = changes.get(entry.rel, [])
            day = events[0][0] if events and events[0][1] == "A" else None
        if day is None and not covers:
            unsure = True
            continue
        if not period.contains(day):
            continue
        published += 1
        limit = own_days if d.issuer in own else None
        if limit is None or d.issued is None:
            continue
        if calendar.between(d.issued, day) <= limit:
            on_time += 1
        else:
            late += 1
    out = {"documents_published": Count(published, why, at_least=unsure)}
    if own_days is None:
        reason = "quy định về thời hạn đăng văn bản không áp dụng ở thời điểm cuối kỳ"
        out |= {"documents_on_time": Count(None, reason), "documents_late": Count(None, reason)}
    else:
        out |= {"documents_on_time": Count(on_time, why, at_least=unsure),
                "documents_late": Count(late, why, at_least=unsure)}
    return out
