"""Atom feeds (RFC 4287) of new and changed legal documents and procedures.

Dates come from the content (updated, published, issued), never from the
clock, so the same content gives the same feed.
"""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree as ET

from .context import RenderContext

ATOM = "http://www.w3.org/2005/Atom"
LIMIT = 50
ET.register_namespace("", ATOM)


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00+07:00"     # Vietnam time; content dates have no time of day


def _feed(ctx: RenderContext, path: str, title: str, subtitle: str, entries: list[dict]) -> str:
    base = ctx.page_url("index.md")
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "vi"})
    ET.SubElement(feed, f"{{{ATOM}}}id").text = base + path
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}subtitle").text = subtitle
    updated = max((e["updated"] for e in entries), default=ctx.as_of)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(updated)
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "type": "application/atom+xml", "href": base + path})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": base})
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = ctx.config.agency_name
    ET.SubElement(feed, f"{{{ATOM}}}rights").text = ctx.config.copyright or ctx.config.agency_name
    for e in entries:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = e["url"]
        ET.SubElement(entry, f"{{{ATOM}}}title").text = e["title"]
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": e["url"]})
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(e["updated"])
        if e.get("published"):
            ET.SubElement(entry, f"{{{ATOM}}}published").text = _stamp(e["published"])
        for term, label in e.get("categories", []):
            ET.SubElement(entry, f"{{{ATOM}}}category", {"term": term, "label": label})
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = e["summary"]
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def document_entries(ctx: RenderContext) -> list[dict]:
    entries = []
    for slug, entry in ctx.site.documents.items():
        d = entry.item
        published = d.published or d.issued
        summary = " ".join(x for x in (d.abstract, f"Tình trạng: {ctx.status_name(d.status)}.",
                                       d.status_note) if x)
        entries.append({"url": ctx.page_url(ctx.document_path(slug)), "title": ctx.document_title(slug),
                        "updated": max(x for x in (d.updated, published, d.issued) if x), "published": published,
                        "summary": summary,
                        "categories": [(d.status, ctx.status_name(d.status)),
                                       (d.type, ctx.tax.document_types[d.type].name
                                        if d.type in ctx.tax.document_types else d.type)]})
    return sorted(entries, key=lambda e: (e["updated"], e["url"]), reverse=True)[:LIMIT]


def procedure_entries(ctx: RenderContext) -> list[dict]:
    entries = []
    for slug, entry in ctx.site.procedures.items():
        p = entry.item
        entries.append({"url": ctx.page_url(ctx.procedure_path(slug)), "title": ctx.procedure_name(slug),
                        # its own date (updated, else its file's last commit), not one date for all
                        "updated": ctx.last_updated(entry) or ctx.as_of,
                        "summary": f"{ctx.sector_name(p.sector)}; {ctx.level_name(p.level).lower()}; "
                                   f"thời hạn: {ctx.time_limit(p.time_limit).lower()}; "
                                   f"phí, lệ phí: {ctx.fee_summary(p).lower()}.",
                        "categories": [(p.sector, ctx.sector_name(p.sector))]})
    return sorted(entries, key=lambda e: (e["updated"], e["url"]), reverse=True)[:LIMIT]


FEEDS = {
    "feeds/van-ban.xml": (
        "Văn bản mới và thay đổi",
        "Văn bản quy phạm pháp luật, chỉ đạo điều hành đăng mới hoặc thay đổi tình trạng",
        document_entries,
    ),
    "feeds/thu-tuc.xml": (
        "Thủ tục hành chính mới và thay đổi",
        "Thủ tục hành chính công bố mới hoặc cập nhật",
        procedure_entries,
    ),
}


def render_feeds(ctx: RenderContext) -> dict[str, str]:
    return {path: _feed(ctx, path, f"{title} - {ctx.config.portal_name}", subtitle, entries(ctx))
            for path, (title, subtitle, entries) in FEEDS.items()}
