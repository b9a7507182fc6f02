"""One function per page kind; each returns {output path: Markdown}."""

from __future__ import annotations

from collections import defaultdict

from .. import urls
from ..cores import workers_wanted
from . import structured
from .compliance_pages import compliance
from .context import PROJECT_STATUS, RenderContext, sort_key
from .feeds import render_feeds
from .forked import Forked
from .open_data import render_open_data
from .templating import render as _render


def _explained(ctx: RenderContext, path: str, page: str) -> str:
    """The page with glossary terms linked at their first occurrence (front matter untouched)."""
    if not ctx.tax.glossary:
        return page
    end = page.index("\n---\n", 4) + 5
    return page[:end] + ctx.explainer.explain(page[end:], ctx.link(path, urls.GLOSSARY))


def redirect_pages(ctx: RenderContext) -> dict[str, str]:
    """Old addresses (renamed files, content/redirects.yml) answer with a static redirect."""
    from ..content.archive import redirect_page
    return {old.strip("/") + "/index.html": redirect_page(new, ctx.config.portal_name)
            for old, new in sorted((ctx.checked.redirects or {}).items())}


def glossary_page(ctx: RenderContext) -> dict[str, str]:
    if not ctx.tax.glossary:
        return {}
    terms = sorted(ctx.tax.glossary.values(), key=lambda t: sort_key(t.term))
    return {urls.GLOSSARY: _render("glossary.md.j2", urls.GLOSSARY, ctx, terms=terms)}


def render_all(ctx: RenderContext) -> dict[str, str]:
    # A whole build on more than one core: the document pages in a forked process meanwhile.
    pending = None
    if ctx.only is None and workers_wanted() > 1:
        ctx.file_history()          # read git once, before the fork, for both processes
        pending = Forked(_documents_and_facets, ctx)
    out: dict[str, str] = {}
    out.update(home(ctx))
    out.update(procedures(ctx))
    if pending:
        pages, ctx.document_facets = pending.result()
        out.update(pages)
    else:
        out.update(documents(ctx))
    out.update(agencies(ctx))
    out.update(editor_pages(ctx))
    out.update(directories(ctx))
    out.update(compliance(ctx))
    out.update(search_page(ctx))
    if ctx.only is None:     # the preview leaves feeds and downloads to `portal build`
        out.update(render_feeds(ctx))
        out.update(open_data(ctx))
    out.update(thanks_page(ctx))
    out.update(glossary_page(ctx))
    out.update(redirect_pages(ctx))
    out.update(sitemap(ctx, out))
    return out


def _documents_and_facets(ctx: RenderContext) -> tuple[dict[str, str], dict]:
    return documents(ctx), ctx.document_facets


def paginated(ctx: RenderContext, path: str, template: str, slugs: list[str], **values) -> dict[str, str]:
    """A long listing as path (page 1), path-without-.md/trang-2.md, … with a pager on each."""
    size = urls.PER_PAGE
    chunks = [slugs[i:i + size] for i in range(0, len(slugs), size)] or [[]]
    paths = urls.listing_pages(path, len(slugs))
    # Preview: when no edited item moved between pages, only the pages that show one can change.
    only = ctx.only
    keep = (lambda chunk: True) if only is None or only.get("reordered", True) else \
        (lambda chunk: not only["edited"].isdisjoint(chunk))
    return {p: _render(template, p, ctx, slugs=chunk, total=len(slugs), pager={"n": n, "pages": paths}, **values)
            for n, (p, chunk) in enumerate(zip(paths, chunks, strict=False), 1) if keep(chunk)}


def home(ctx: RenderContext) -> dict[str, str]:
    """The home page: a search box, the common tasks (content/portal.yml home_tasks), the latest
    documents and news with their dates, online services, the directory and contacts."""
    path = "index.md"
    latest = ctx.sorted_documents(ctx.site.documents)[:6]
    tasks = []
    for task in ctx.config.home_tasks:
        target = urls.procedure_path(task.procedure) if task.procedure else f"thu-tuc/linh-vuc/{task.sector}.md"
        tasks.append({"label": task.label, "hint": task.hint, "href": ctx.html_link(path, target)})
    news = sorted((slug for slug, e in ctx.site.pages.items() if e.item.role == "news" and e.item.lang == "vi"),
                  key=lambda s: ctx.site.pages[s].item.date or ctx.site.pages[s].item.updated or ctx.as_of,
                  reverse=True)[:4]
    return {path: _render("home.md.j2", path, ctx, latest=latest, tasks=tasks, news=news,
                          jsonld=structured.home(ctx))}


def procedures(ctx: RenderContext) -> dict[str, str]:
    out = {}
    for slug, entry in ctx.site.procedures.items():
        if not ctx.wanted("procedure", slug):
            continue
        path = ctx.procedure_path(slug)
        bases = []
        for basis in entry.item.legal_basis:
            doc = ctx.cat.resolve_document(basis.number)
            bases.append((basis, doc))
        out[path] = _explained(
            ctx,
            path,
            _render(
                "procedure.md.j2",
                path,
                ctx,
                slug=slug,
                p=entry.item,
                entry=entry,
                bases=bases,
                jsonld=structured.government_service(ctx, slug),
            ),
        )
    # Withdrawn procedures keep their pages (archive duty) but leave the listings for an archive list.
    active = lambda slugs: ctx.sorted_procedures(s for s in slugs if not ctx.site.procedures[s].item.withdrawn)
    all_slugs = active(ctx.site.procedures)
    withdrawn = sorted((s for s, e in ctx.site.procedures.items() if e.item.withdrawn),
                       key=lambda s: (-ctx.site.procedures[s].item.withdrawn.date.toordinal(), s))
    out["thu-tuc/index.md"] = _render("procedures_index.md.j2", "thu-tuc/index.md", ctx, withdrawn=withdrawn)
    out.update(paginated(ctx, "thu-tuc/danh-muc.md", "procedure_list.md.j2", all_slugs,
                         title="Danh mục thủ tục hành chính",
                         intro="Danh mục toàn bộ thủ tục hành chính công bố trên Cổng, "
                               "kèm căn cứ pháp lý, thời hạn, nơi thực hiện và phí, lệ phí.",
                         full=True))
    for sector, slugs in ctx.cat.procedures_by_sector.items():
        path = f"thu-tuc/linh-vuc/{sector}.md"
        out.update(paginated(ctx, path, "procedure_list.md.j2", active(slugs),
                             title=f"Lĩnh vực {ctx.sector_name(sector)}", intro="", full=False))
    for level, slugs in ctx.cat.procedures_by_level.items():
        path = f"thu-tuc/cap/{level}.md"
        out.update(paginated(ctx, path, "procedure_list.md.j2", active(slugs),
                             title=f"Thủ tục hành chính {ctx.level_name(level).lower()}", intro="", full=False))
    return out


def documents(ctx: RenderContext) -> dict[str, str]:
    out = {}
    for slug, entry in ctx.site.documents.items():
        if not ctx.wanted("document", slug):
            continue
        path = ctx.document_path(slug)
        out[path] = _render("document.md.j2", path, ctx, slug=slug, d=entry.item, entry=entry, body=entry.body,
                            outgoing=ctx.cat.outgoing.get(slug, []), incoming=ctx.cat.incoming.get(slug, []),
                            citing=ctx.cat.procedures_citing.get(slug, []), banner=_status_banner(ctx, slug),
                            jsonld=structured.legislation(ctx, slug))
    groups = {
        "loai": (
            "Loại văn bản",
            lambda d: [d.type],
            lambda k: ctx.tax.document_types[k].name if k in ctx.tax.document_types else k,
        ),
        "nam": ("Năm ban hành", lambda d: [str(d.issued.year)], str),
        "co-quan-ban-hanh": (
            "Cơ quan ban hành",
            lambda d: [d.issuer],
            lambda k: ctx.tax.issuers[k].name if k in ctx.tax.issuers else k,
        ),
        "tinh-trang": ("Tình trạng hiệu lực", lambda d: [d.status], ctx.status_name),
        "linh-vuc": ("Lĩnh vực", lambda d: d.sectors, ctx.sector_name),
    }
    facets = {}
    for key, (label, keys_of, name_of) in groups.items():
        buckets: dict[str, list[str]] = defaultdict(list)
        for slug, entry in ctx.site.documents.items():
            for k in keys_of(entry.item):
                buckets[k].append(slug)
        ordered = sorted(buckets, reverse=True) if key == "nam" else sorted(buckets, key=lambda k: sort_key(name_of(k)))
        facets[key] = (label, [(k, name_of(k), len(buckets[k])) for k in ordered])
        for k, slugs in buckets.items():
            path = f"van-ban/{key}/{k}.md"
            if ctx.only is not None and path not in ctx.only.get("listing", ()):
                continue     # preview: only the listings the edited documents were or are in
            out.update(paginated(ctx, path, "document_list.md.j2", ctx.sorted_documents(slugs),
                                 title=f"{label}: {name_of(k)}"))
    ctx.document_facets = facets
    out["van-ban/index.md"] = _render("documents_index.md.j2", "van-ban/index.md", ctx, facets=facets,
                                      latest=ctx.sorted_documents(ctx.site.documents)[:20])
    return out


def _status_banner(ctx: RenderContext, slug: str) -> str:
    d = ctx.site.documents[slug].item
    enders = [e for e in ctx.cat.incoming.get(slug, [])
              if e.type in ctx.tax.relation_types and ctx.tax.relation_types[e.type].ends_target]
    if d.status == "expired":
        text = "Văn bản này đã hết hiệu lực toàn bộ"
        if d.expired:
            text += f" từ ngày {ctx.date(d.expired)}"
        if enders:
            text += ", " + "; ".join(
                f"{ctx.tax.relation_types[e.type].inverse_label.lower()} "
                f"[{ctx.document_label(e.source)}]({ctx.link(ctx.document_path(slug), ctx.document_path(e.source))})"
                for e in enders)
        return text + "."
    if d.status == "partly_expired":
        return "Văn bản này đã hết hiệu lực một phần." + (f" {d.status_note}" if d.status_note else "")
    if d.status == "not_yet_effective":
        return f"Văn bản này chưa có hiệu lực; có hiệu lực từ ngày {ctx.date(d.effective)}."
    if d.status == "unknown":
        return "Chưa xác định được tình trạng hiệu lực của văn bản này."
    return ""


def agencies(ctx: RenderContext) -> dict[str, str]:
    out = {}
    for slug, entry in ctx.site.agencies.items():
        if not ctx.wanted("agency", slug):
            continue
        path = ctx.agency_path(slug)
        by_sector: dict[str, list[str]] = defaultdict(list)
        for p in ctx.cat.procedures_by_agency.get(slug, []):
            by_sector[ctx.site.procedures[p].item.sector].append(p)
        out[path] = _render(
            "agency.md.j2",
            path,
            ctx,
            slug=slug,
            a=entry.item,
            entry=entry,
            by_sector=dict(sorted(by_sector.items())),
            children=ctx.cat.children.get(slug, []),
            jsonld={"@context": structured.CONTEXT} | structured.organization(ctx, slug),
        )
    roots = sorted(
        (s for s, e in ctx.site.agencies.items() if not e.item.parent or e.item.parent not in ctx.site.agencies),
        key=lambda s: sort_key(ctx.agency_name(s)),
    )
    out["co-quan/index.md"] = _render("agencies_index.md.j2", "co-quan/index.md", ctx, roots=roots)
    return out


def editor_pages(ctx: RenderContext) -> dict[str, str]:
    out = {}
    by_section: dict[str, list[str]] = defaultdict(list)
    for slug, entry in ctx.site.pages.items():
        by_section[entry.item.section].append(slug)
    for section_id, section in ctx.tax.sections.items():
        slugs = sorted(by_section.get(section_id, []),
                       key=lambda s: (ctx.site.pages[s].item.order, sort_key(ctx.site.pages[s].item.title)))
        index_slug = section.path if section.path in slugs else None
        for slug in slugs:
            if not ctx.wanted("page", slug):
                continue
            path = ctx.page_path(slug)
            siblings = [s for s in slugs if s != slug] if slug == index_slug else []
            page = _render("page.md.j2", path, ctx, slug=slug, pg=ctx.site.pages[slug].item, entry=ctx.site.pages[slug],
                           body=ctx.site.pages[slug].body, siblings=siblings, section=section)
            out[path] = page if ctx.site.pages[slug].item.lang != "vi" else _explained(ctx, path, page)
        if index_slug is None:
            path = f"{section.path}/index.md"
            out[path] = _render("section_index.md.j2", path, ctx, section=section, slugs=slugs)
    return out


def directories(ctx: RenderContext) -> dict[str, str]:
    out = {}
    path = "danh-ba-thu-dien-tu/index.md"
    agencies = sorted(ctx.site.agencies, key=lambda s: sort_key(ctx.agency_name(s)))
    out[path] = _render("email_directory.md.j2", path, ctx, agencies=agencies)

    path = "bieu-mau/index.md"
    forms: dict[str, list[tuple[str, object]]] = defaultdict(list)
    for slug in ctx.sorted_procedures(ctx.site.procedures):
        p = ctx.site.procedures[slug].item
        for case in p.dossier:
            for item in case.items:
                if item.form or item.form_name:
                    forms[p.sector].append((slug, item))
    out[path] = _render(
        "forms.md.j2", path, ctx, forms=dict(sorted(forms.items(), key=lambda kv: sort_key(ctx.sector_name(kv[0]))))
    )

    path = "du-an/index.md"
    projects = sorted(ctx.site.projects.values(),
                      key=lambda e: (list(PROJECT_STATUS).index(e.item.status or "chuan_bi"), sort_key(e.item.name)))
    out[path] = _render("projects.md.j2", path, ctx, projects=projects)

    consultations = sorted(ctx.site.consultations.items(), key=lambda kv: kv[1].item.deadline or kv[1].item.opened,
                           reverse=True)
    for slug, entry in consultations:
        path = f"gop-y/{slug}.md"
        out[path] = _render("consultation.md.j2", path, ctx, c=entry.item, body=entry.body)
    out["gop-y/index.md"] = _render("consultations_index.md.j2", "gop-y/index.md", ctx, consultations=consultations)
    return out


def sitemap(ctx: RenderContext, pages: dict[str, str]) -> dict[str, str]:
    path = "so-do-trang/index.md"
    return {path: _render("sitemap.md.j2", path, ctx, pages=pages)}


def open_data(ctx: RenderContext) -> dict[str, str]:
    files, listed = render_open_data(ctx)
    path = "du-lieu-mo/index.md"
    return files | {path: _render("open_data.md.j2", path, ctx, listed=listed)}


def thanks_page(ctx: RenderContext) -> dict[str, str]:
    """Where the satisfaction form lands (search/rating.py redirects here)."""
    if not (ctx.config and ctx.config.satisfaction_url and ctx.config.satisfaction_url.startswith("/")):
        return {}
    path = "cam-on-danh-gia/index.md"
    return {path: _render("thanks.md.j2", path, ctx)}


def search_page(ctx: RenderContext) -> dict[str, str]:
    """The shell of the results page: the search service fills the marker
    server-side, so results show without JavaScript."""
    if not (ctx.config and ctx.config.search_enabled):
        return {}
    path = "tim-kiem/index.md"
    return {path: _render("search.md.j2", path, ctx)}
