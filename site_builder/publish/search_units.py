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
  keywords  extra words editors gave (procedures)
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
from ..text import nfc, slugify_heading

_ARTICLE = re.compile(r"^(#{2,3})\s+(Điều\s+\d+[a-zđ]?\b.*)$", re.MULTILINE)
_MD_NOISE = re.compile(r"[*_`>#|]+|!\[[^\]]*\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)")
BODY_LIMIT = 6000   # characters per unit: long bodies cost time at every query


def _plain(markdown: str) -> str:
    text = _MD_NOISE.sub(lambda m: m.group(1) or " ", markdown)
    return re.sub(r"\s+", " ", text).strip()


def search_units(checked: Checked) -> list[dict]:
    ctx = Labels(checked.site)
    at = urls.Addresses(checked.site)
    units: list[dict] = []
    for slug, entry in checked.site.procedures.items():
        p = entry.item
        uid = f"thu-tuc:{slug}"
        steps = " ".join(f"{s.name}. {s.description or ''} {s.responsible or ''}" for s in p.steps)
        dossier = " ".join(i.name for c in p.dossier for i in c.items)
        body = " ".join(filter(None, [" ".join(p.subjects), steps, dossier, " ".join(p.result), p.requirements or "",
                                      p.description or "", p.competent_agency or "", ctx.agency_name(p.agency)]))
        units.append({
            "id": uid, "parent": uid, "kind": "thu-tuc", "url": urls.url(at.procedure(slug)),
            "title": ctx.procedure_name(slug),
            "subtitle": " · ".join(filter(None, [p.national_code, ctx.level_name(p.level), ctx.sector_name(p.sector),
                                                 ctx.agency_name(p.agency) if p.agency else None])),
            "number": None, "code": p.national_code, "keywords": list(p.keywords), "body": _plain(body)[:BODY_LIMIT],
            "date": (p.updated or checked.as_of).isoformat(),
            "facets": {"kind": "thu-tuc", "sector": [p.sector], "level": p.level, "agency": p.agency or "",
                       "online": p.online_service.level if p.online_service else ""},
        })
    for slug, entry in checked.site.documents.items():
        d = entry.item
        uid = f"van-ban:{slug}"
        url = urls.url(at.document(slug))
        facets = {"kind": "van-ban", "sector": list(d.sectors), "doctype": d.type, "issuer": d.issuer,
                  "status": d.status, "year": str(d.issued.year)}
        title = ctx.document_title(slug)
        subtitle = " · ".join(filter(None, [ctx.status_name(d.status), f"ban hành {ctx.date(d.issued)}",
                                            ctx.issuer_name(d.issuer) if d.issuer in ctx.tax.issuers else None]))
        articles = list(_ARTICLE.finditer(entry.body))
        intro = entry.body[: articles[0].start()] if articles else entry.body
        units.append({"id": uid, "parent": uid, "kind": "van-ban", "url": url, "title": title, "subtitle": subtitle,
                      "number": d.number, "code": None, "keywords": [],
                      "body": _plain(f"{d.abstract or ''} {intro}")[:BODY_LIMIT], "date": d.issued.isoformat(),
                      "facets": facets})
        for i, match in enumerate(articles):
            end = articles[i + 1].start() if i + 1 < len(articles) else len(entry.body)
            heading = match.group(2).strip()
            units.append({"id": f"{uid}#{i}", "parent": uid, "kind": "van-ban",
                          "url": f"{url}#{slugify_heading(heading, '-')}",
                          "title": f"{_plain(heading)} ({d.number or title})", "subtitle": subtitle,
                          "number": d.number, "code": None, "keywords": [],
                          "body": _plain(entry.body[match.end():end])[:BODY_LIMIT], "date": d.issued.isoformat(),
                          "facets": facets})
    for slug, entry in checked.site.agencies.items():
        a = entry.item
        uid = f"co-quan:{slug}"
        people = " ".join(f"{x.name} {x.position}" for x in a.leaders + a.contacts)
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
                "keywords": [a.short_name] if a.short_name else [],
                "body": _plain(" ".join(filter(None, [a.functions, people, " ".join(u.name for u in a.units)])))[
                    :BODY_LIMIT
                ],
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
