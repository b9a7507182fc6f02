"""Machine-readable and one-line summaries of a check run."""

from __future__ import annotations

import json

from .registry import load_rules


def profile_line(checked) -> str:
    c = checked.compliance
    if not c.enabled:
        return "Kiểm tra yêu cầu pháp luật đang tắt (content/compliance.yml: enabled: false)."
    exempted = sum(1 for f in c.findings if f.exemption)
    how = "chỉ định" if c.forced else f"theo ngày tham chiếu {c.as_of:%d/%m/%Y}"
    line = f"Bộ quy tắc: {c.profile.id} ({c.profile.name}; {how}); {len(c.rules)} quy tắc."
    if exempted:
        line += f" {exempted} phát hiện được miễn trừ có lý do (content/compliance.yml)."
    return line


def report_json(checked) -> str:
    """One object per problem: rule, citation, severity, file, line, entity, message."""
    rules = load_rules()
    entities = {}
    if checked.compliance:
        for f in checked.compliance.findings:
            entities[(f.outcome.path, f.outcome.line, f.rule.id)] = f.outcome.entity
    items = []
    for p in checked.report.sorted():
        rule = rules.get(p.code)
        items.append({"rule": p.code, "citation": rule.citation if rule else None, "severity": p.severity,
                      "file": p.path, "line": p.line, "entity": entities.get((p.path, p.line, p.code), p.path),
                      "message": p.message, "hint": p.hint or None})
    c = checked.compliance
    return json.dumps({
        "as_of": checked.as_of.isoformat(),
        "profile": c.profile.id if c else None,
        "problems": items,
        "exempted": [{"rule": f.rule.id, "file": f.outcome.path, "line": f.outcome.line, "reason": f.exemption,
                      "message": f.outcome.message} for f in (c.findings if c else []) if f.exemption],
        "summary": {"errors": len(checked.report.errors), "warnings": len(checked.report.warnings)},
    }, ensure_ascii=False, indent=2)
