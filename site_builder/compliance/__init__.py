"""Legal compliance: which content the law in force on a date requires.

    result = run_compliance(site, catalog, as_of, report, profile_id=None)

Active rules come from the profile of the as-of date (or a forced profile);
every check yields outcomes (passed or failed); failures become problems in
the report, with the rule id as code and its citation in the message, except
those exempted in content/compliance.yml, which the public report still lists.
"""

from __future__ import annotations

import datetime as dt
import difflib
import fnmatch
from dataclasses import dataclass, field

from ..codes import C
from ..content.catalog import Catalog
from ..content.loading import Site, load_yaml_entry
from ..content.portal_model import ComplianceConfig
from ..problems import Report
from . import checks_directory, checks_documents, checks_portal, checks_procedures  # noqa: F401 (registration)
from .context import CheckContext
from .registry import CHECKS, Outcome, Profile, Rule, active_rules, load_profiles, load_rules, profile_for

CONFIG_PATH = "content/compliance.yml"


class ProfileError(ValueError):
    """Bad --profile or a date no profile covers (a usage error, exit 2)."""


@dataclass
class Finding:
    outcome: Outcome
    rule: Rule
    severity: str
    exemption: str | None = None     # the reason, when exempted


@dataclass
class ComplianceResult:
    profile: Profile
    forced: bool
    as_of: dt.date
    rules: list[Rule]
    enabled: bool = True
    outcomes: list[Outcome] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


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
        if ex.rule not in rules:
            _unknown_rule(report, entry, ("exemptions", i, "rule"), ex.rule, rules)
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
    used_exemptions: set[int] = set()
    for rule in rules:
        for outcome in CHECKS[rule.check](ctx.bound(rule.id), **rule.params):
            result.outcomes.append(outcome)
            if outcome.ok:
                continue
            severity = config.severity.get(rule.id) or rule.default_severity
            if rule.confidence == "R":
                severity = "warning"
            exemption = None
            for i, ex in enumerate(config.exemptions):
                if ex.rule == rule.id and any(fnmatch.fnmatchcase(outcome.path, pat) for pat in ex.paths) \
                        and (ex.aspect is None or ex.aspect == outcome.aspect) \
                        and (ex.until is None or ex.until >= as_of):
                    exemption = ex.reason
                    used_exemptions.add(i)
                    break
            result.findings.append(Finding(outcome, rule, severity, exemption))
            if exemption is None:
                message = outcome.message[:-1] if outcome.message.endswith(".") else outcome.message
                report.add(outcome.path, outcome.line, rule.id, f"{message} ({rule.citation}).", outcome.hint,
                           severity=severity)
    if config_entry is not None:
        active = {r.id for r in rules}
        for i, ex in enumerate(config.exemptions):
            if ex.until and ex.until < as_of:
                report.add(config_entry.rel, config_entry.line("exemptions", i), C.COMPLIANCE_EXEMPTION,
                               f"Miễn trừ cho {ex.rule} đã hết hạn ngày {ex.until:%d/%m/%Y}.",
                               "Khắc phục nội dung hoặc gia hạn miễn trừ kèm lý do.")
            elif i not in used_exemptions and ex.rule in active:
                report.add(config_entry.rel, config_entry.line("exemptions", i), C.COMPLIANCE_EXEMPTION,
                               f"Miễn trừ cho {ex.rule} không còn áp dụng cho tệp nào.",
                               "Xóa miễn trừ đã hết tác dụng.")
    return result
