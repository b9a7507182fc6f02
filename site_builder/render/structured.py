"""schema.org JSON-LD for the pages other systems reuse: GovernmentService for
procedures, Legislation for legal documents, GovernmentOrganization for
agencies, GovernmentOrganization + WebSite for the home page.

Plain dicts, written into the page's front matter and embedded by the theme as
<script type="application/ld+json">. Properties come from the schema.org
vocabulary; tests/schemaorg.py checks every page against it.
"""

from __future__ import annotations

import json

from .context import CHANNELS, RenderContext

CONTEXT = "https://schema.org"
# Our validity statuses -> schema.org LegalForceStatus; the others have no equivalent.
LEGAL_FORCE = {"in_force": "InForce", "expired": "NotInForce", "partly_expired": "PartiallyInForce"}
# Relation types -> Legislation properties (forward direction, as editors write them).
RELATION_PROPERTY = {"amends": "legislationChanges", "replaces": "legislationChanges",
                     "repeals": "legislationChanges", "corrects": "legislationChanges",
                     "consolidates": "legislationConsolidates", "based_on": "isBasedOn",
                     "guides": "legislationApplies", "implements": "legislationApplies"}


def serialise(data: dict) -> str:
    """Compact JSON with Vietnamese kept readable; <, > and & escaped so no text can close the script element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _clean(data):
    """Drop empty values so the JSON-LD says only what the content knows."""
    if isinstance(data, dict):
        out = {k: _clean(v) for k, v in data.items()}
        return {k: v for k, v in out.items() if v not in (None, "", [], {})}
    if isinstance(data, list):
        return [v for v in (_clean(x) for x in data) if v not in (None, "", [], {})]
    return data


def _address(text: str | None, ctx: RenderContext) -> dict | None:
    if not text:
        return None
    return {"@type": "PostalAddress", "streetAddress": text, "addressRegion": ctx.config.province,
            "addressCountry": "VN"}


def organization(ctx: RenderContext, slug: str, full: bool = True) -> dict:
    entry = ctx.site.agencies.get(slug)
    if entry is None:
        return {}
    a = entry.item
    node = {"@type": "GovernmentOrganization", "@id": ctx.page_url(ctx.agency_path(slug)), "name": a.name,
            "url": ctx.page_url(ctx.agency_path(slug))}
    if not full:
        return node
    return _clean(node | {
        "alternateName": [n for n in (a.short_name, a.name_en) if n],
        "email": a.email, "telephone": a.phone, "faxNumber": getattr(a, "fax", None),
        "address": _address(a.address, ctx),
        "sameAs": str(a.website) if a.website else None,
        "parentOrganization": organization(ctx, a.parent, full=False) if a.parent else None,
        "employee": [{"@type": "Person", "name": p.name, "jobTitle": p.position, "email": p.email,
                      "telephone": p.phone} for p in a.leaders],
        "contactPoint": [{"@type": "ContactPoint", "name": p.name, "contactType": p.position, "email": p.email,
                          "telephone": p.phone, "availableLanguage": "vi"} for p in a.contacts],
    })


def government_service(ctx: RenderContext, slug: str) -> dict:
    p = ctx.site.procedures[slug].item
    url = ctx.page_url(ctx.procedure_path(slug))
    channels = []
    for m in p.methods:
        channel = {"@type": "ServiceChannel", "name": CHANNELS[m.channel], "availableLanguage": "vi",
                   "description": ctx.time_limit(m.time_limit)}
        if m.channel == "truc_tuyen" and p.online_service and p.online_service.url:
            channel["serviceUrl"] = str(p.online_service.url)
        elif m.channel == "truc_tiep" and p.receiving_address:
            channel["serviceLocation"] = {"@type": "Place", "name": p.receiving_address}
        channels.append(channel)
    return _clean({
        "@context": CONTEXT, "@type": "GovernmentService", "@id": url, "url": url,
        "name": ctx.procedure_name(slug),
        "identifier": p.national_code,
        "serviceType": ctx.sector_name(p.sector),
        "description": f"{ctx.procedure_name(slug)}: thời hạn {ctx.time_limit(p.time_limit).lower()}; "
                       f"phí, lệ phí: {ctx.fee_summary(p).lower()}.",
        "provider": organization(ctx, p.agency, full=False) if p.agency else None,
        "areaServed": {"@type": "AdministrativeArea", "name": f"Tỉnh {ctx.config.province}"},
        "audience": [{"@type": "Audience", "audienceType": s} for s in p.subjects],
        "availableChannel": channels,
    })


def legislation(ctx: RenderContext, slug: str) -> dict:
    d = ctx.site.documents[slug].item
    url = ctx.page_url(ctx.document_path(slug))
    node = {
        "@context": CONTEXT, "@type": "Legislation", "@id": url, "url": url,
        "name": ctx.document_title(slug),
        "abstract": d.abstract,
        "legislationIdentifier": d.number,
        "legislationType": ctx.tax.document_types[d.type].name if d.type in ctx.tax.document_types else None,
        "legislationDate": d.issued.isoformat(),
        "legislationDateOfApplicability": d.effective.isoformat() if d.effective else None,
        "expires": d.expired.isoformat() if d.expired else None,
        "legislationLegalForce": LEGAL_FORCE.get(d.status),
        "legislationPassedBy": {"@type": "GovernmentOrganization",
                                "name": ctx.tax.issuers[d.issuer].name if d.issuer in ctx.tax.issuers else d.issuer},
        "legislationJurisdiction": "VN",
        "inLanguage": "vi",
        "datePublished": d.published.isoformat() if d.published else None,
        "dateModified": d.updated.isoformat() if d.updated else None,
        "sameAs": str(d.source_url) if d.source_url else None,
    }
    for e in ctx.cat.outgoing.get(slug, []):
        prop = RELATION_PROPERTY.get(e.type)
        if prop:
            node.setdefault(prop, []).append(_doc_ref(ctx, e.target))
    return _clean(node)


def _doc_ref(ctx: RenderContext, slug: str) -> dict:
    d = ctx.site.documents[slug].item
    return {"@type": "Legislation", "@id": ctx.page_url(ctx.document_path(slug)),
            "legislationIdentifier": d.number, "name": ctx.document_title(slug)}


def home(ctx: RenderContext) -> dict:
    base = ctx.page_url("index.md")
    unit = ctx.config.operating_unit
    return _clean(
        {
            "@context": CONTEXT,
            "@graph": [
                {
                    "@type": "WebSite",
                    "@id": base + "#website",
                    "url": base,
                    "name": ctx.config.portal_name,
                    "inLanguage": "vi",
                    "publisher": {"@id": base + "#publisher"},
                    "potentialAction": {
                        "@type": "SearchAction",
                        "target": base + "tim-kiem/?q={q}",
                        "query-input": "required name=q",
                    }
                    if ctx.config.search_enabled
                    else None,
                },
                {
                    "@type": "GovernmentOrganization",
                    "@id": base + "#publisher",
                    "name": ctx.config.agency_name,
                    "email": unit.email,
                    "telephone": unit.phone,
                    "address": _address(unit.address, ctx),
                },
            ],
        }
    )
