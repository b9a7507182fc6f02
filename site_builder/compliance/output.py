"""Machine-readable and one-line summaries of a check run."""

from __future__ import annotations

import json

from .findings import score
from .registry import load_rules


def profile_line(checked) -> str:
    c = checked.compliance
    if not c.enabled:
        return "Kiểm tra yêu cầu pháp luật đang tắt (content/compliance.yml: enabled: false)."
    how = "chỉ định" if c.forced else f"theo ngày tham chiếu {c.as_of:%d/%m/%Y}"
    n = score(c.requirements)
    line = (f"Bộ quy tắc: {c.profile.id} ({c.profile.name}; {how}); {len(c.rules)} quy tắc, {n['total']} yêu cầu: "
            f"{n['met']} đạt, {n['exempted']} miễn trừ có lý do, {n['not_met']} chưa đạt.")
    if n["met_sample"]:
        line += f" {n['met_sample']} yêu cầu đạt dựa trên dữ liệu mẫu chưa xác minh."
    return line


def _requirement(req) -> dict:
    o = req.primary
    return {"state": req.state, "rules": [r.id for r in (req.failing_rules or req.rules)],
            "citations": [r.citation for r in (req.failing_rules or req.rules)],
            "severity": req.severity, "entity": o.entity, "aspect": o.aspect or None, "part": o.part or None,
            "file": o.path, "line": o.line, "agency": req.agency, "sample": req.sample,
            "message": o.message or None, "hint": o.hint or None,
            "exemption": ({"reason": req.exemption.reason, "until": req.exemption.until.isoformat()}
                          if req.exemption else None)}


def report_json(checked) -> str:
    """Problems (what fails the run) and every finding, one per required fact, with its state: met,
    exempted or not_met."""
    rules = load_rules()
    c = checked.compliance
    items = []
    for p in checked.report.sorted():
        rule = rules.get(p.code)
        items.append({"rule": p.code, "citation": rule.citation if rule else None, "severity": p.severity,
                      "file": p.path, "line": p.line, "message": p.message, "hint": p.hint or None})
    requirements = [_requirement(r) for r in c.requirements] if c else []
    return json.dumps({
        "as_of": checked.as_of.isoformat(),
        "profile": c.profile.id if c else None,
        "problems": items,
        "findings": requirements,
        "score": score(c.requirements) if c else None,
        "summary": {"errors": len(checked.report.errors), "warnings": len(checked.report.warnings)},
    }, ensure_ascii=False, indent=2)
