"""From outcomes to requirements: one fact, one finding, whatever number of rules touch it.

Several rules often ask for the same fact (the form file of a dossier item is asked for by
Decree 63/2010 Art. 8(2)(h) and Decree 43/2011 Art. 18-19). Outcomes with the same
(entity, aspect, part) are one `Requirement`; it is

  met       every rule that looked at it passed;
  exempted  some rule failed and content/compliance.yml explains why, until a date;
  not_met   some rule failed with no exemption: one problem in the report, naming every rule.

The public score counts only met requirements; an exemption explains a gap, it does not fill it.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from dataclasses import dataclass, field
from typing import Literal

from .registry import Outcome, Rule

State = Literal["met", "exempted", "not_met"]
STATE_LABELS = {"met": "Đạt", "exempted": "Miễn trừ có lý do", "not_met": "Chưa đạt"}
# A page that is empty or a placeholder can never be exempted: write the page instead.
NEVER_EXEMPT = frozenset({"content"})


@dataclass
class Requirement:
    key: tuple
    outcomes: list[Outcome] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    state: State = "met"
    severity: str | None = None          # of the failing rules, the most serious
    exemption: object | None = None      # portal_model.Exemption, when exempted

    @property
    def failing(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    @property
    def primary(self) -> Outcome:
        return (self.failing or self.outcomes)[0]

    @property
    def rule(self) -> Rule:
        return next(r for r in self.rules if r.id == self.primary.rule)

    @property
    def failing_rules(self) -> list[Rule]:
        ids = {o.rule for o in self.failing}
        return [r for r in self.rules if r.id in ids]

    @property
    def sample(self) -> bool:
        return any(o.sample for o in self.outcomes)

    @property
    def agency(self) -> str | None:
        return next((o.agency for o in self.outcomes if o.agency), None)

    @property
    def category(self) -> str:
        return self.rule.category

    @property
    def aspect(self) -> str:
        return self.key[1]          # Outcome.fact: the aspect is second in either form of the key

    def citations(self) -> str:
        rules = self.failing_rules or self.rules
        if len(rules) == 1:
            return rules[0].citation
        return "; ".join(f"{r.id}: {r.citation}" for r in rules)


# What kind of fact an aspect is, for the public report and the README's list of exemptions.
KINDS = {
    "form": "Tệp biểu mẫu của thủ tục", "official_text": "Văn bản chính thức (tệp gốc hoặc đường dẫn CSDL quốc gia)",
    "publication_decision": "Quyết định công bố thủ tục hành chính",
    "field:national_code": "Mã thủ tục trên CSDL quốc gia",
    "online_link": "Đường dẫn dịch vụ công trực tuyến", "contact_person": "Cán bộ đầu mối có họ tên, chức vụ",
    "agency:address": "Địa chỉ cơ quan", "agency:phone": "Điện thoại cơ quan", "agency:email": "Thư điện tử cơ quan",
    "info_focal_contact": "Liên hệ của đầu mối cung cấp thông tin", "leader_bio": "Tiểu sử lãnh đạo",
    "contact_details": "Điện thoại, thư điện tử của cán bộ đầu mối",
}


def kind(req: "Requirement") -> str:
    aspect = req.aspect
    if aspect in KINDS:
        return KINDS[aspect]
    if aspect.startswith("field:"):
        return f"{req.rule.title}: trường {aspect[6:]}"
    if aspect.startswith("content:"):
        return f"{req.rule.title}: {aspect[8:]}"
    if aspect.startswith("config:"):
        return f"Cấu hình cổng: {aspect[7:]}"
    return req.rule.title


def group(outcomes: list[tuple[Outcome, Rule]]) -> list[Requirement]:
    """Requirements in the order their first outcome came."""
    by_key: dict[tuple, Requirement] = {}
    for outcome, rule in outcomes:
        key = outcome.fact
        req = by_key.get(key)
        if req is None:
            req = by_key[key] = Requirement(key)
        req.outcomes.append(outcome)
        if rule not in req.rules:
            req.rules.append(rule)
    return list(by_key.values())


def exemption_targets(ex, req: Requirement, failing_only: bool = True) -> bool:
    """Whether `ex` speaks about `req` (its kind, its rule, its files), whatever its state."""
    if req.aspect in NEVER_EXEMPT:
        return False
    if ex.aspect is not None and ex.aspect != req.aspect:
        return False
    rules = req.failing_rules if failing_only else req.rules
    if ex.rule is not None and ex.rule not in {r.id for r in rules}:
        return False
    paths = {o.path for o in (req.failing if failing_only else req.outcomes)}
    return any(fnmatch.fnmatchcase(p, pat) for p in paths for pat in ex.paths)


def exemption_matches(ex, req: Requirement, as_of: dt.date) -> bool:
    return ex.until >= as_of and exemption_targets(ex, req)


def decide(reqs: list[Requirement], exemptions: list, severity_of, as_of: dt.date) -> set[int]:
    """Set each requirement's state and severity; returns the indexes of the exemptions used."""
    used: set[int] = set()
    order = {"error": 0, "warning": 1}
    for req in reqs:
        failing = req.failing_rules
        if not failing:
            req.state = "met"
            continue
        req.severity = min((severity_of(r) for r in failing), key=order.__getitem__)
        # The finding speaks with the voice of its most serious rule.
        worst = next(r for r in failing if severity_of(r) == req.severity)
        req.outcomes.sort(key=lambda o: (o.ok, o.rule != worst.id))
        for i, ex in enumerate(exemptions):
            if exemption_matches(ex, req, as_of):
                req.state, req.exemption = "exempted", ex
                used.add(i)
                break
        else:
            req.state = "not_met"
    return used


def problem_text(req: Requirement) -> str:
    message = req.primary.message
    message = message[:-1] if message.endswith(".") else message
    return f"{message} ({req.citations()})."


def score(reqs: list[Requirement]) -> dict[str, int]:
    counts = {"met": 0, "exempted": 0, "not_met": 0, "met_sample": 0}
    for req in reqs:
        counts[req.state] += 1
        counts["met_sample"] += req.state == "met" and req.sample
    counts["total"] = len(reqs)
    return counts
