"""The portal's one URL scheme: where every item is published.

A generated page has two names:
- its *path*, the Markdown file in the generated tree ("thu-tuc/dang-ky-khai-sinh.md"), which mkdocs builds;
- its *URL*, the directory address mkdocs publishes it at ("/thu-tuc/dang-ky-khai-sinh/").

The renderer, the search units, archive redirects, the preview, `portal new` and the browser editor all
ask here; nothing else spells an address.
"""

from __future__ import annotations

from pathlib import PurePosixPath

PROCEDURES = "thu-tuc"
DOCUMENTS = "van-ban"
AGENCIES = "co-quan"
FORMS = "bieu-mau/tep"           # dossier forms, copied verbatim from content/forms/
FILES = "van-ban/tep"            # original files of legal documents, from content/files/
GLOSSARY = "thuat-ngu/index.md"

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


def document_listing_paths(doc) -> set[str]:
    """The facet listings a document appears on (type, year, issuer, status, sectors)."""
    return {f"{DOCUMENTS}/loai/{doc.type}.md", f"{DOCUMENTS}/nam/{doc.issued.year}.md",
            f"{DOCUMENTS}/co-quan-ban-hanh/{doc.issuer}.md", f"{DOCUMENTS}/tinh-trang/{doc.status}.md",
            *(f"{DOCUMENTS}/linh-vuc/{s}.md" for s in doc.sectors)}


def form_path(rel: str) -> str:
    return f"{FORMS}/" + str(PurePosixPath(rel).relative_to("content/forms"))


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
