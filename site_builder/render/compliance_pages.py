"""The public compliance report (directive of 23/12/2008: a report every six months and every
year), a page per agency and the rules reference, from the same run as `portal check`."""

from __future__ import annotations

from collections import defaultdict

from .. import urls
from .context import RenderContext
from .templating import render as _render


def _periodic_reports(ctx: RenderContext) -> list[tuple[int, dict]]:
    """The published periodic reports (content/files/bao-cao/), newest year first: {half or 0: {ext: rel}}."""
    years: dict[int, dict] = defaultdict(lambda: defaultdict(dict))
    tree = ctx.site.tree
    for file in tree.glob(urls.PERIODIC_REPORTS, "*") if tree else []:
        found = urls.parse_periodic_report(file.name)
        if found:
            year, half, ext = found
            years[year][half or 0][ext] = f"{urls.PERIODIC_REPORTS}/{file.name}"
    return sorted(years.items(), reverse=True)


def compliance(ctx: RenderContext) -> dict[str, str]:
    """The public compliance report (directive of 23/12/2008: report every 6
    months and every year) and the rules reference, from the same run as
    `portal check`."""
    result = ctx.checked.compliance
    if result is None or not result.enabled:
        return {}
    from ..compliance.findings import kind, score
    from ..compliance.registry import load_not_checked, load_profiles, load_rules
    from ..compliance.scorecard import CATEGORIES, Row, bar_chart_svg, scorecard, scorecard_csv
    rows = scorecard(result)
    names = {slug: e.item.short_name or e.item.name for slug, e in ctx.site.agencies.items()}
    gaps = sorted(result.by_state("not_met"),
                  key=lambda r: (r.agency or "", r.primary.path, r.primary.line or 0, r.rule.id))
    exempt_groups: dict[int, list] = defaultdict(list)
    for req in result.by_state("exempted"):
        exempt_groups[id(req.exemption)].append(req)
    groups = [{"kind": kind(reqs[0]), "exemption": reqs[0].exemption, "items": reqs,
               "rules": sorted({r.id for req in reqs for r in req.failing_rules})}
              for reqs in sorted(exempt_groups.values(), key=lambda reqs: (-len(reqs), reqs[0].exemption.reason))]
    out = {
        f"{urls.REPORT}/bieu-do.svg": bar_chart_svg(rows, names),
        f"{urls.REPORT}/bao-cao.csv": scorecard_csv(rows, names),
    }
    path = "bao-cao-tuan-thu/index.md"
    out[path] = _render("compliance_report.md.j2", path, ctx, result=result, rows=rows, names=names,
                        categories=CATEGORIES, gaps=gaps, exempt_groups=groups, counts=score(result.requirements),
                        periodic=_periodic_reports(ctx))
    # A page per agency with its own gaps and exemptions, linked from the report's table.
    by_key = {row.key: row for row in rows}
    gaps_of, exempted_of = defaultdict(list), defaultdict(list)   # one pass each: 90,000 requirements at scale
    for r in gaps:
        gaps_of[r.agency].append(r)
    for r in result.requirements:
        if r.state == "exempted":
            exempted_of[r.agency].append(r)
    for slug in ctx.site.agencies:
        path = urls.agency_report_path(slug)
        out[path] = _render("compliance_agency.md.j2", path, ctx, slug=slug, name=names[slug],
                            row=by_key.get(slug) or Row(slug), as_of=result.as_of,
                            gaps=gaps_of[slug], exempted=exempted_of[slug])
    path = "bao-cao-tuan-thu/quy-tac.md"
    rules = sorted(load_rules().values(), key=lambda r: (r.start, r.id))
    profiles = list(load_profiles().values())
    out[path] = _render("compliance_rules.md.j2", path, ctx, rules=rules, profiles=profiles,
                        active={r.id for r in result.rules}, not_checked=load_not_checked(), categories=CATEGORIES)
    return out
