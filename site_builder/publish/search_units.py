"""Search units from the content model: the contract with search/.

The index build writes two files that search/ reads; it never scrapes HTML and never
asks the renderer (addresses come from urls.py, titles and labels from labels.py):

  search-documents.jsonl   one JSON object per search unit, one per line
  search-meta.json         display labels of facet values, as_of, portal name

A search unit (fields; all strings NFC):
  id        "thu-tuc:dang-ky-khai-sinh", "van-ban:luat-cntt", "van-ban:luat-cntt#dieu-28-…"
  parent    id of the page the unit belongs to (an article's document)
  kind      thu-tuc | van-ban | co-quan | trang
  url       site-relative URL, with #anchor for an article ("/van-ban/2006/luat-cntt/#dieu-28-…")
  title     heading shown in results; subtitle: one line of context
  number    document number ("64/2007/NĐ-CP") or null; code: procedure code ("1.001193") or null
  keywords  extra words counted as title: editors' keywords (procedures), the document's title (articles),
            short name and units' names (agencies)
  relations documents only: [{type, target, text}] what it amends, replaces, guides… (text: the
            target's title when the portal has it)
  body      the unit's text (an article, a procedure's essentials, a page section)
  date      ISO date used by "sort by date" (updated, issued)
  facets    {kind, sector[], level, agency, online, doctype, issuer, status, year}: codes
            whose labels are in search-meta.json

Long legal documents are split into one unit per article (Điều) so results
point at the matching article and each unit stays short to search.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .. import urls
from ..check import Checked
from ..labels import Labels
from ..render.context import CHANNELS
from ..text import nfc, slugify_heading

_ARTICLE = re.compile(r"^(#{2,3})\s+(Điều\s+\d+[a-zđ]?\b.*)$", re.MULTILINE)
_MD_LINK = re.compile(r"!\[[^\]]*\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"[*_`>#|]+")
BODY_LIMIT = 6000   # characters per unit: long bodies cost time at every query


def _plain(markdown: str) -> str:
    """Markdown as plain words: images dropped, links as their text, marks and spacing as one space.
    (No Python call per match: this runs 160,000 times at province scale.)"""
    if "](" in markdown:
        markdown = _MD_LINK.sub(lambda m: m.group(1) or " ", markdown)
    return " ".join(_MD_MARKS.sub(" ", markdown).split())


def _sentences(parts) -> str:
    """Fields joined as sentences, so a snippet never runs two of them together."""
    out = []
    for part in parts:
        text = _plain(part or "").strip()
        if text:
            out.append(text if text[-1] in ".;:!?" else text + ".")
    return " ".join(out)


def _procedure_parts(ctx: Labels, p) -> list[str]:
    """A procedure's searchable text: who, steps, papers and forms, fees, time, results, conditions."""
    parts = [", ".join(p.subjects)]
    parts += [f"{s.name}: {s.description or ''} {s.responsible or ''}" for s in p.steps]
    for case in p.dossier:
        parts.append((f"{case.case}: " if case.case else "") + "; ".join(i.name for i in case.items))
        parts += [i.form_name for i in case.items if i.form_name]
    for m in p.methods:
        fees = ctx.fees(m.fees).replace("\n", "; ")
        parts.append(f"{CHANNELS[m.channel]}: {ctx.time_limit(m.time_limit)}. {fees}")
        parts.append(m.description)
    if p.time_limit:
        parts.append(f"Thời hạn giải quyết: {ctx.time_limit(p.time_limit)}")
    parts.append("Kết quả: " + "; ".join(p.result) if p.result else None)
    parts += [p.requirements, p.description, p.competent_agency, ctx.agency_name(p.agency) if p.agency else None]
    return parts


def search_units(checked: Checked) -> list[dict]:
    ctx = Labels(checked.site)
    at = urls.Addresses(checked.site)
    units: list[dict] = []
    for slug, entry in checked.site.procedures.items():
        p = entry.item
        uid = f"thu-tuc:{slug}"
        units.append({
            "id": uid, "parent": uid, "kind": "thu-tuc", "url": urls.url(at.procedure(slug)),
            "title": ctx.procedure_name(slug),
            "subtitle": " · ".join(filter(None, [p.national_code, ctx.level_name(p.level), ctx.sector_name(p.sector),
                                                 ctx.agency_name(p.agency) if p.agency else None])),
            "number": None, "code": p.national_code, "keywords": list(p.keywords),
            "body": _sentences(_procedure_parts(ctx, p))[:BODY_LIMIT],
            "date": (p.updated or checked.as_of).isoformat(),
            "facets": {"kind": "thu-tuc", "sector": [p.sector], "level": p.level, "agency": p.agency or "",
                       "online": p.online_service.level if p.online_service else ""},
        })
    by_number = {e.item.number: slug for slug, e in checked.site.documents.items() if e.item.number}
    for slug, entry in checked.site.documents.items():
        d = entry.item
        uid = f"van-ban:{slug}"
        url = urls.url(at.document(slug))
        facets = {"kind": "van-ban", "sector": list(d.sectors), "doctype": d.type, "issuer": d.issuer,
                  "status": d.status, "year": str(d.issued.year)}
        title = ctx.document_full_title(slug)
        subtitle = " · ".join(filter(None, [ctx.status_name(d.status), f"ban hành {ctx.date(d.issued)}",
                                            ctx.issuer_name(d.issuer) if d.issuer in ctx.tax.issuers else None]))
        # What this document amends, replaces, guides…: "văn bản sửa đổi nghị định 63/2010" finds it.
        relations = [{"type": r.type, "target": r.target,
                      "text": ctx.document_full_title(by_number[r.target]) if r.target in by_number else r.target}
                     for r in d.relations]
        articles = list(_ARTICLE.finditer(entry.body))
        intro = entry.body[: articles[0].start()] if articles else entry.body
        units.append({"id": uid, "parent": uid, "kind": "van-ban", "url": url, "title": title, "subtitle": subtitle,
                      "number": d.number, "code": None, "keywords": [], "relations": relations,
                      "body": _sentences([d.abstract, _plain(intro)])[:BODY_LIMIT], "date": d.issued.isoformat(),
                      "facets": facets})
        short = d.number or title
        for i, match in enumerate(articles):
            end = articles[i + 1].start() if i + 1 < len(articles) else len(entry.body)
            heading = match.group(2).strip()
            # An article is found by its document's name too ("điều 8 luật hôn nhân và gia đình").
            units.append({"id": f"{uid}#{i}", "parent": uid, "kind": "van-ban",
                          "url": f"{url}#{slugify_heading(heading, '-')}",
                          "title": f"{_plain(heading)} ({short})", "subtitle": f"{title} · {subtitle}",
                          "number": d.number, "code": None, "keywords": [title],
                          "body": _plain(entry.body[match.end():end])[:BODY_LIMIT], "date": d.issued.isoformat(),
                          "facets": facets})
    for slug, entry in checked.site.agencies.items():
        a = entry.item
        uid = f"co-quan:{slug}"
        people = "; ".join(f"{x.position} {x.name}" for x in a.leaders + a.contacts)
        units.append(
            {
                "id": uid,
                "parent": uid,
                "kind": "co-quan",
                "url": urls.url(at.agency(slug)),
                "title": a.name,
                "subtitle": " · ".join(filter(None, [a.short_name, a.address, a.email])),
                "number": None,
                "code": None,
                # Its units' names are names of the agency too ("Văn phòng Đăng ký đất đai").
                "keywords": ([a.short_name] if a.short_name else []) + [u.name for u in a.units],
                # How to reach it first: "địa chỉ", "số điện thoại" of an office are what people ask.
                "body": _sentences([f"Địa chỉ trụ sở: {a.address}" if a.address else None,
                                    f"Điện thoại: {a.phone}" if a.phone else None,
                                    f"Thư điện tử: {a.email}" if a.email else None, a.functions, people,
                                    "; ".join(u.name for u in a.units)])[:BODY_LIMIT],
                "date": (a.updated or checked.as_of).isoformat(),
                "facets": {"kind": "co-quan", "level": a.level, "agency": slug},
            }
        )
    for slug, entry in checked.site.pages.items():
        pg = entry.item
        uid = f"trang:{slug}"
        units.append({"id": uid, "parent": uid, "kind": "trang", "url": urls.url(at.page(slug)),
                      "title": pg.title, "subtitle": ctx.section_name(pg.section),
                      "number": None, "code": None, "keywords": [],
                      "body": _plain(f"{pg.description or ''} {entry.body}")[:BODY_LIMIT],
                      "date": (pg.updated or pg.date or checked.as_of).isoformat(), "facets": {"kind": "trang"}})
    for unit in units:
        unit["title"] = nfc(unit["title"])
    return units


def search_meta(checked: Checked) -> dict:
    ctx = Labels(checked.site)
    tax = checked.site.taxonomy
    return {
        "portal": checked.site.config.portal_name,
        "as_of": checked.as_of.isoformat(),
        # Where a search that found nothing sends people (the answer's "links").
        "links": {"procedures": urls.url("thu-tuc/index.md"), "agencies": urls.url("co-quan/index.md")},
        "labels": {
            "kind": {"thu-tuc": "Thủ tục", "van-ban": "Văn bản", "co-quan": "Cơ quan", "trang": "Trang"},
            "sector": {k: v.name for k, v in tax.sectors.items()},
            "level": {k: v.name for k, v in tax.levels.items()},
            "agency": {k: ctx.agency_name(k) for k in checked.site.agencies},
            "online": {"toan_trinh": "Toàn trình", "mot_phan": "Một phần", "khong": "Không trực tuyến"},
            "doctype": {k: v.name for k, v in tax.document_types.items()},
            "issuer": {k: v.name for k, v in tax.issuers.items()},
            "status": {k: v.name for k, v in tax.statuses.items()},
            "year": {str(y): str(y) for y in sorted({e.item.issued.year for e in checked.site.documents.values()})},
        },
    }


def write_search_export(checked: Checked, out_dir: Path) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    docs = out_dir / "search-documents.jsonl"
    meta = out_dir / "search-meta.json"
    with open(docs, "w", encoding="utf-8") as f:
        for unit in search_units(checked):
            f.write(json.dumps(unit, ensure_ascii=False, sort_keys=True) + "\n")
    meta.write_text(
        json.dumps(search_meta(checked), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return docs, meta
