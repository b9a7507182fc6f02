"""The portal's one URL scheme: where every item is published.

A generated page has two names:
- its *path*, the Markdown file in the generated tree ("thu-tuc/dang-ky-khai-sinh.md"), which mkdocs builds;
- its *URL*, the directory address mkdocs publishes it at ("/thu-tuc/dang-ky-khai-sinh/").

The renderer, the search units, archive redirects, the preview, `portal new` and the browser editor all
ask here; nothing else spells an address.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

PROCEDURES = "thu-tuc"
DOCUMENTS = "van-ban"
AGENCIES = "co-quan"
FORMS = "bieu-mau/tep"           # dossier forms, copied verbatim from content/forms/
FILES = "van-ban/tep"            # original files of legal documents, from content/files/
GLOSSARY = "thuat-ngu/index.md"
PER_PAGE = 100     # rows per listing page: a phone can load it, and an edit re-renders one page, not 8,000 rows
REPORT = "bao-cao-tuan-thu"
OPEN_DATA = "du-lieu-mo"
OPEN_DATA_SETS = ("thu-tuc", "van-ban", "co-quan", "tuan-thu")        # tuan-thu: with the compliance report
FEEDS = ("feeds/van-ban.xml", "feeds/thu-tuc.xml")
DOCUMENT_FACETS = ("loai", "nam", "co-quan-ban-hanh", "tinh-trang", "linh-vuc")
# Pages every portal has, whatever its content.
FIXED_PAGES = ("index.md", "thu-tuc/index.md", "van-ban/index.md", "co-quan/index.md", "bieu-mau/index.md",
               "danh-ba-thu-dien-tu/index.md", "du-an/index.md", "gop-y/index.md", "so-do-trang/index.md",
               f"{OPEN_DATA}/index.md")

# Source folders of the items that have a page of their own (see content/loading.py).
SOURCE_DIRS = {"procedure": "procedures", "document": "policies", "agency": "content/agencies",
               "page": "content/pages"}


def procedure_path(slug: str) -> str:
    return f"{PROCEDURES}/{slug}.md"


def document_path(slug: str, year: int | str) -> str:
    """Documents sit under their year of issue: numbers restart every year (Decree 30/2020 Art. 15)."""
    return f"{DOCUMENTS}/{year}/{slug}.md"


def agency_path(slug: str) -> str:
    return f"{AGENCIES}/{slug}.md"


def page_path(slug: str, section_path: str) -> str:
    """content/pages is one flat folder; a page lives in its section's folder. The page named like its
    section is the section's index, and a section prefix is dropped ("en-contacts" in "en" → en/contacts/)."""
    if slug == section_path:
        return f"{section_path}/index.md"
    name = slug.removeprefix(section_path + "-") or slug
    return f"{section_path}/{name}.md"


def document_facet_values(doc) -> dict[str, list[str]]:
    """The facet listings a document appears on: facet → values (type, year, issuer, status, sectors)."""
    return {"loai": [doc.type], "nam": [str(doc.issued.year)], "co-quan-ban-hanh": [doc.issuer],
            "tinh-trang": [doc.status], "linh-vuc": list(doc.sectors)}


def document_listing_paths(doc) -> set[str]:
    return {f"{DOCUMENTS}/{facet}/{v}.md" for facet, values in document_facet_values(doc).items() for v in values}


def listing_pages(path: str, count: int) -> list[str]:
    """A listing of `count` rows: path (page 1), then path-without-.md/trang-2.md, …"""
    pages = max(1, -(-count // PER_PAGE))
    return [path] + [f"{path[:-3]}/trang-{n}.md" for n in range(2, pages + 1)]


def agency_report_path(slug: str) -> str:
    """An agency's page of the compliance report: its gaps and exemptions."""
    return f"{REPORT}/co-quan/{slug}.md"


def form_path(rel: str) -> str:
    return f"{FORMS}/" + str(PurePosixPath(rel).relative_to("content/forms"))


# The directive's periodic reports (`portal report --publish`), kept with the content as downloads.
PERIODIC_REPORTS = "content/files/bao-cao"
_PERIODIC = re.compile(r"^bao-cao-cung-cap-thong-tin-(\d{4})(?:-h([12]))?\.(pdf|docx)$")


def periodic_report_name(period_key: str) -> str:
    """File stem of the report of a period key ("2024-H2", "2024"): bao-cao-cung-cap-thong-tin-2024-h2."""
    return f"bao-cao-cung-cap-thong-tin-{period_key.lower()}"


def parse_periodic_report(name: str) -> tuple[int, int | None, str] | None:
    """(year, half or None, extension) of a published report's file name, else None."""
    match = _PERIODIC.match(name)
    return (int(match.group(1)), int(match.group(2)) if match.group(2) else None, match.group(3)) if match else None


def file_path(rel: str) -> str:
    return f"{FILES}/" + str(PurePosixPath(rel).relative_to("content/files"))


def emblem_path(emblem: str) -> str:
    return "assets/bieu-trung" + PurePosixPath(emblem).suffix


def directory(path: str) -> str:
    """Site-relative directory of a generated page, without a leading slash ("thu-tuc/x.md" → "thu-tuc/x/")."""
    stem = path[:-3] if path.endswith(".md") else path
    if stem == "index":
        return ""
    return stem[: -len("index")] if stem.endswith("/index") else stem + "/"


def url(path: str) -> str:
    """Site-relative URL of a generated page: "thu-tuc/x.md" → "/thu-tuc/x/"."""
    return "/" + directory(path)


def absolute(site_url: str, path: str) -> str:
    """Absolute URL of a generated page on the portal's own address."""
    return site_url.rstrip("/") + url(path)


def relative(from_path: str, to_path: str) -> str:
    """Relative link between two generated files, as mkdocs resolves Markdown links.

    Pure string work: posixpath.relpath calls os.getcwd twice per link, which was a fifth
    of the render time at province scale."""
    src = from_path.split("/")[:-1]
    dst = to_path.split("/")
    common = 0
    while common < len(src) and common < len(dst) - 1 and src[common] == dst[common]:
        common += 1
    return "/".join([".."] * (len(src) - common) + dst[common:])


def html_relative(from_path: str, to_path: str) -> str:
    """Relative link for raw HTML in a page: mkdocs rewrites Markdown links, not HTML ones, so this
    goes from the page's published directory (thu-tuc/x/) to the published target."""
    target = directory(to_path) if to_path.endswith(".md") else to_path
    return relative(directory(from_path) + "index.html", target) or "./"


def url_of_source(rel: str, year: int | None = None) -> str | None:
    """The URL a content file with a page of its own is published at, from its path alone
    (archive redirects work on files that no longer exist); None for other files."""
    p = PurePosixPath(rel)
    if rel.startswith("procedures/") and p.suffix == ".yml":
        return url(procedure_path(p.stem))
    if rel.startswith("policies/") and p.suffix == ".md":
        return url(document_path(p.stem, year or p.parent.name))
    if rel.startswith("content/agencies/") and p.suffix == ".yml":
        return url(agency_path(p.stem))
    return None


class Addresses:
    """Item addresses on one loaded site: a document needs its year, a page its section."""

    def __init__(self, site):
        self.site = site

    def procedure(self, slug: str) -> str:
        return procedure_path(slug)

    def document(self, slug: str) -> str:
        return document_path(slug, self.site.documents[slug].item.issued.year)

    def agency(self, slug: str) -> str:
        return agency_path(slug)

    def page(self, slug: str) -> str:
        section = self.site.taxonomy.sections[self.site.pages[slug].item.section]
        return page_path(slug, section.path)

    def leaf_paths(self) -> set[str]:
        """The generated path of every item with a page of its own."""
        site = self.site
        return ({self.procedure(s) for s in site.procedures} | {self.document(s) for s in site.documents}
                | {self.agency(s) for s in site.agencies}
                | {self.page(s) for s, e in site.pages.items() if e.item.section in site.taxonomy.sections})

    def of_entry(self, kind: str, slug: str) -> str:
        return getattr(self, kind)(slug)

    def pages(self, *, report: bool = True) -> dict[str, str]:
        """Every generated file of the site → the content file it comes from ("" for what the portal makes
        itself). The renderer writes exactly these (tests/test_links.py holds the two together); `report`
        is whether the compliance report is on."""
        site = self.site
        out = dict.fromkeys(self.portal_paths(report=report), "")
        for group, path_of in ((site.procedures, self.procedure), (site.documents, self.document),
                               (site.agencies, self.agency)):
            out.update({path_of(slug): e.rel for slug, e in group.items()})
        for slug, e in site.pages.items():
            if e.item.section in site.taxonomy.sections:
                out[self.page(slug)] = e.rel
        out.update({f"gop-y/{slug}.md": e.rel for slug, e in site.consultations.items()})
        return out

    def portal_paths(self, *, report: bool = True) -> list[str]:
        """What the portal makes itself: fixed pages, section indexes, listings with their pages, feeds, data."""
        site, cfg = self.site, self.site.config
        out = list(FIXED_PAGES)
        indexes = {self.page(s) for s, e in site.pages.items() if e.item.section in site.taxonomy.sections}
        out += [f"{s.path}/index.md" for s in site.taxonomy.sections.values() if f"{s.path}/index.md" not in indexes]
        by: dict[str, int] = {f"{PROCEDURES}/danh-muc.md": 0}
        for e in site.procedures.values():
            for key in (f"{PROCEDURES}/danh-muc.md", f"{PROCEDURES}/linh-vuc/{e.item.sector}.md",
                        f"{PROCEDURES}/cap/{e.item.level}.md"):
                by[key] = by.get(key, 0) + (0 if e.item.withdrawn else 1)
        for e in site.documents.values():
            for path in document_listing_paths(e.item):
                by[path] = by.get(path, 0) + 1
        for path, count in by.items():
            out += listing_pages(path, count)
        out += FEEDS
        sets = OPEN_DATA_SETS if report else OPEN_DATA_SETS[:-1]
        out += [f"{OPEN_DATA}/{name}{ext}" for name in sets for ext in (".json", ".csv", ".schema.json")]
        if report:
            out += [f"{REPORT}/index.md", f"{REPORT}/quy-tac.md", f"{REPORT}/bieu-do.svg", f"{REPORT}/bao-cao.csv"]
            out += [agency_report_path(slug) for slug in site.agencies]
        if site.taxonomy.glossary:
            out.append(GLOSSARY)
        if cfg and cfg.search_enabled:
            out.append("tim-kiem/index.md")
        if cfg and cfg.satisfaction_url and cfg.satisfaction_url.startswith("/"):
            out.append("cam-on-danh-gia/index.md")
        return out
