"""Legal compliance: which content the law in force on a date requires, and whether it is there.

    result = run_compliance(site, catalog, as_of, report, profile_id=None)

Active rules come from the profile of the as-of date (or a forced profile); every check yields
outcomes (passed or failed). Outcomes about the same fact are one requirement (findings.py):
met, exempted (content/compliance.yml gives the reason and an end date) or not met, which is one
problem in the report with every rule it touches. The public report lists all three.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field

from ..codes import C
from ..content.catalog import Catalog
from ..content.loading import Site, load_yaml_entry
from ..content.portal_model import ComplianceConfig
from ..problems import Report
from . import checks_directory, checks_documents, checks_pages, checks_portal, checks_procedures, checks_timing  # noqa: F401 (registration)
from .context import CheckContext
from .findings import NEVER_EXEMPT, Requirement, decide, exemption_targets, group, problem_text
from .registry import CHECKS, Outcome, Profile, Rule, active_rules, load_profiles, load_rules, profile_for

CONFIG_PATH = "content/compliance.yml"


class ProfileError(ValueError):
    """Bad --profile or a date no profile covers (a usage error, exit 2)."""


@dataclass
class ComplianceResult:
    profile: Profile
    forced: bool
    as_of: dt.date
    rules: list[Rule]
    enabled: bool = True
    outcomes: list[Outcome] = field(default_factory=list)
    requirements: list[Requirement] = field(default_factory=list)

    def by_state(self, state: str) -> list[Requirement]:
        return [r for r in self.requirements if r.state == state]


def select_profile(as_of: dt.date, profile_id: str | None) -> tuple[Profile, bool]:
    profiles = load_profiles()
    if profile_id:
        if profile_id not in profiles:
            close = difflib.get_close_matches(profile_id, profiles, n=1)
            raise ProfileError(f"Không có bộ quy tắc '{profile_id}'."
                               + (f" Có phải ý bạn là '{close[0]}'?" if close else "")
                               + " Các bộ quy tắc: " + ", ".join(profiles) + ".")
        return profiles[profile_id], True
    profile = profile_for(as_of)
    if profile is None:
        raise ProfileError(f"Không có bộ quy tắc cho ngày {as_of:%d/%m/%Y} (trước khi Luật CNTT 2006 có hiệu lực).")
    return profile, False


def load_compliance_config(site: Site, report: Report):
    path = site.root / CONFIG_PATH
    if not path.is_file():
        return ComplianceConfig(), None
    entry = load_yaml_entry(site.root, path, ComplianceConfig, report)
    if entry is None:
        return ComplianceConfig(), None
    rules = load_rules()
    for rid in entry.item.severity:
        if rid not in rules:
            _unknown_rule(report, entry, ("severity", rid), rid, rules)
    for i, ex in enumerate(entry.item.exemptions):
        if ex.rule is not None and ex.rule not in rules:
            _unknown_rule(report, entry, ("exemptions", i, "rule"), ex.rule, rules)
        if ex.aspect in NEVER_EXEMPT:
            report.add(entry.rel, entry.line("exemptions", i, "aspect"), C.COMPLIANCE_CONFIG,
                       "Không miễn trừ được việc trang bắt buộc trống hoặc chỉ có nội dung giữ chỗ.",
                       "Viết nội dung thật cho trang; nếu chưa có thông tin, nêu rõ điều đó thay cho chữ "
                       "'đang cập nhật', hoặc bỏ vai trò (role) của trang.")
    return entry.item, entry


def _unknown_rule(report, entry, loc, rid, rules):
    close = difflib.get_close_matches(rid, rules, n=1)
    report.add(entry.rel, entry.line(*loc), C.COMPLIANCE_CONFIG, f"Không có quy tắc '{rid}'.",
                 (f"Có phải ý bạn là '{close[0]}'? " if close else "")
                 + "Xem danh sách quy tắc trên trang Quy tắc kiểm tra của cổng.")


def run_compliance(site: Site, catalog: Catalog, as_of: dt.date, report: Report,
                   profile_id: str | None = None) -> ComplianceResult:
    profile, forced = select_profile(as_of, profile_id)
    config, config_entry = load_compliance_config(site, report)
    rules = (
        [r for r in active_rules(profile, as_of, forced) if config.severity.get(r.id) != "off"]
        if config.enabled
        else []
    )
    ctx = CheckContext(site, catalog, as_of)
    result = ComplianceResult(profile, forced, as_of, rules, config.enabled)
    pairs = []
    for rule in rules:
        for outcome in CHECKS[rule.check](ctx.bound(rule.id), **rule.params):
            result.outcomes.append(outcome)
            pairs.append((outcome, rule))

    def severity_of(rule: Rule) -> str:
        chosen = config.severity.get(rule.id) or rule.severity_on(as_of)
        return "warning" if rule.confidence_on(as_of) == "R" else chosen

    result.requirements = group(pairs)
    used = decide(result.requirements, config.exemptions, severity_of, as_of)
    for req in result.by_state("not_met"):
        o = req.primary
        report.add(o.path, o.line, req.rule.id, problem_text(req), o.hint, severity=req.severity)
    if config_entry is not None:
        _report_exemptions(config, config_entry, used, result.requirements, as_of, report)
    covered = {r.primary.path for r in result.requirements if r.aspect == "content"}
    checks_pages.placeholder_pages(site, covered, report)
    return result


def _report_exemptions(config, entry, used, requirements, as_of, report) -> None:
    for i, ex in enumerate(config.exemptions):
        what = ex.rule or ex.aspect
        if ex.until < as_of:
            report.add(entry.rel, entry.line("exemptions", i), C.COMPLIANCE_EXEMPTION,
                       f"Miễn trừ cho {what} đã hết hạn ngày {ex.until:%d/%m/%Y}.",
                       "Khắc phục nội dung hoặc gia hạn miễn trừ kèm lý do.")
        # Unused while the facts it names are checked and met: the gap is closed, the exemption is stale.
        # (Facts no active rule asks for, under another profile, leave it alone.)
        elif i not in used and any(exemption_targets(ex, r, failing_only=False) for r in requirements):
            report.add(entry.rel, entry.line("exemptions", i), C.COMPLIANCE_EXEMPTION,
                       f"Miễn trừ cho {what} không còn áp dụng cho yêu cầu nào.",
                       "Xóa miễn trừ đã hết tác dụng.")
