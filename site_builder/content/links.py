"""Internal links in what editors write, checked at `portal check` time against the portal's own
addresses (urls.py), so a broken link is reported as file:line before anything is built.

Checked: Markdown links and images `[…](target)`, reference definitions `[x]: target` and raw HTML
href/src, in the bodies of pages, documents and consultations and in every text field of the YAML
files. A target is a path relative to the page the text is published on (`contacts.md`,
`../thu-tuc/dang-ky-khai-sinh.md`), a site address (`/thu-tuc/dang-ky-khai-sinh/`) or the portal's
own full address; `#anchor` must name a heading of the target page. Links to other sites are the
nightly job's (`portal build --check-external`); the link check after mkdocs stays as the last net.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from .. import urls
from ..codes import C
from ..problems import Report
from ..text import slugify_heading
from .sources import yaml_strings

_MD_LINK = re.compile(r"!?\[(?:[^\]\\\n]|\\.)*\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_HTML_LINK = re.compile(r"""<(?:a|img|source)\b[^>]*?\s(?:href|src)\s*=\s*["']([^"']*)["']""", re.I)
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.M)
_ATTR_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
_FENCE = re.compile(r"^(```+|~~~+).*?^\1\s*$", re.M | re.S)
_CODE_SPAN = re.compile(r"`[^`\n]+`")
SKIP_SCHEMES = ("mailto:", "tel:", "sms:")

# Headings the templates write on every page of a kind (a superset: some appear only when the item has
# the field). tests/test_links.py holds this table to the templates.
TEMPLATE_ANCHORS = {
    "procedure": ("ma-thu-tuc", "so-quyet-dinh-cong-bo", "cap-thuc-hien", "loai-thu-tuc", "linh-vuc",
                  "trinh-tu-thuc-hien", "cach-thuc-thuc-hien", "thanh-phan-so-luong-ho-so",
                  "danh-sach-giay-to-can-chuan-bi", "doi-tuong-thuc-hien", "co-quan-thuc-hien",
                  "co-quan-co-tham-quyen", "dia-chi-tiep-nhan-ho-so", "co-quan-phoi-hop", "ket-qua-thuc-hien",
                  "can-cu-phap-ly", "yeu-cau-dieu-kien-thuc-hien", "dich-vu-cong-truc-tuyen", "tu-khoa", "mo-ta",
                  "lich-su-cap-nhat"),
    "document": ("lich-su-hieu-luc", "van-ban-lien-quan", "thu-tuc-hanh-chinh-can-cu-van-ban-nay", "toan-van",
                 "noi-dung-trich", "lich-su-cap-nhat"),
    "agency": ("chuc-nang-nhiem-vu", "lanh-dao", "can-bo-dau-moi-lien-he", "don-vi-truc-thuoc",
               "co-quan-truc-thuoc", "thu-tuc-hanh-chinh", "lich-su-cap-nhat"),
    "page": ("lich-su-cap-nhat",),
    "consultation": ("toan-van-du-thao", "gui-y-kien-gop-y"),
}


def check_addresses(site, report: Report) -> None:
    """Two items, or an item and a page the portal makes itself, must not share an address."""
    at = urls.Addresses(site)
    owners: dict[str, str] = dict.fromkeys(at.portal_paths(), "một trang do cổng tự tạo")
    items = [(at.page(s), e) for s, e in site.pages.items() if e.item.section in site.taxonomy.sections]
    items += [(f"gop-y/{s}.md", e) for s, e in site.consultations.items()]
    for path, entry in items:
        if path not in owners:
            owners[path] = entry.rel
            continue
        clash = [(entry.rel, owners[path])] + ([(owners[path], entry.rel)] if "/" in owners[path] else [])
        for rel, other in clash:          # both files are named: either can be the one to rename
            report.add(rel, None, C.SLUG_COLLISION, f"Trang này sẽ có địa chỉ {urls.url(path)}, trùng với {other}.",
                       "Đổi tên tệp (hoặc chuyên mục) để mỗi trang có một địa chỉ riêng.")


def check_links(site, report: Report, redirects: dict[str, str] | None = None, *, report_page: bool = True) -> None:
    at = urls.Addresses(site)
    pages = at.pages(report=report_page)
    check_addresses(site, report)
    sources = {rel: path for path, rel in pages.items() if rel}
    anchors = _Anchors(site, pages)
    old = {u.strip("/") for u in (redirects or {})}
    own = urlsplit(str(site.config.site_url)).netloc if site.config else None

    def check(rel: str, text: str, first_line: int | None, page_path: str) -> None:
        for offset, target in _targets(text):
            problem = _resolve(target, page_path, pages, anchors, site, old, own)
            if problem:
                line = first_line + offset if first_line else None
                report.add(rel, line, C.LINK_BROKEN, f"Liên kết '{target[:120]}' {problem}.",
                           "Sửa địa chỉ: ghi đường dẫn của trang trên cổng, ví dụ /thu-tuc/dang-ky-khai-sinh/ hoặc "
                           "../thu-tuc/dang-ky-khai-sinh.md (tính từ trang đang viết); #mục phải là một tiêu đề của "
                           "trang đó.")

    groups = (("procedure", site.procedures), ("document", site.documents), ("agency", site.agencies),
              ("page", site.pages), ("project", site.projects), ("consultation", site.consultations))
    for kind, group in groups:
        for entry in group.values():
            page_path = sources.get(entry.rel) or ("du-an/index.md" if kind == "project" else None)
            if page_path is None:
                continue
            if entry.body:
                check(entry.rel, entry.body, entry.body_line, page_path)
            for line, value in _linked_fields(entry):
                check(entry.rel, value, line, page_path)


def _linked_fields(entry) -> list[tuple[int | None, str]]:
    """(line, text) of the entry's YAML strings that may hold a link. Worked out once per parsed
    entry and kept with it (content/cache.py): walking 12,000 files' fields took most of the check."""
    if "_linked_fields" not in entry.__dict__:
        data = entry.doc.data if entry.doc.data is not None else entry.item.model_dump(mode="python")
        entry._linked_fields = [(entry.line(*loc), value) for loc, value in yaml_strings(data)
                                if "](" in value or "href" in value or "src" in value or "]:" in value]
    return entry._linked_fields


def _targets(text: str):
    """(0-based line, target) of every link in Markdown, outside code."""
    if "](" not in text and "]:" not in text and "href" not in text and "src" not in text:
        return
    cleaned = _FENCE.sub(lambda m: "\n" * m.group().count("\n"), text)
    cleaned = _CODE_SPAN.sub(lambda m: " " * len(m.group()), cleaned)
    for pattern in (_MD_LINK, _REF_DEF, _HTML_LINK):
        for m in pattern.finditer(cleaned):
            yield cleaned.count("\n", 0, m.start()), m.group(1)


def _resolve(target: str, page_path: str, pages: dict, anchors, site, old: set[str], own: str | None) -> str | None:
    """Why `target` (linked from generated page `page_path`) is broken, or None."""
    target = target.strip()
    if not target or target.startswith(SKIP_SCHEMES):
        return None
    parts = urlsplit(target)
    if parts.scheme in ("http", "https"):
        if parts.netloc != own:
            return None                      # another site: the nightly external check
    elif parts.scheme or parts.netloc:
        return None                          # javascript:, data: … are UNSAFE-HTML's; others are not ours
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    if not path:
        found = page_path
    elif path.startswith("/") or parts.scheme:
        found = _site_file(path.lstrip("/"), pages, site, old)
    else:
        base = PurePosixPath(page_path).parent.as_posix()
        found = _site_file(_normalise(f"{base}/{path}" if base != "." else path), pages, site, old)
    if found is None:
        return "trỏ tới một trang hoặc tệp không có trên cổng"
    if found == "":
        return None                          # a file or an old address: no anchors to check
    if fragment and not anchors.has(found, fragment):
        return f"trỏ tới mục #{fragment} không có trên trang đó"
    return None


def _normalise(path: str) -> str:
    out: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if out:
                out.pop()
        elif part not in ("", "."):
            out.append(part)
    return "/".join(out) + ("/" if path.endswith("/") else "")


def _site_file(rel: str, pages: dict, site, old: set[str]) -> str | None:
    """The generated page a site path names, "" for a file or an old address, None when nothing is there."""
    if rel.endswith(".md"):
        return rel if rel in pages else None
    stem = rel.rstrip("/")
    for candidate in ((f"{stem}.md", f"{stem}/index.md") if stem else ("index.md",)):
        if candidate in pages:
            return candidate
    if rel.endswith("/index.html"):
        return _site_file(rel[: -len("index.html")], pages, site, old)
    if rel in pages or stem in old:
        return ""
    tree = site.tree
    for prefix, folder in ((urls.FORMS + "/", "content/forms/"), (urls.FILES + "/", "content/files/")):
        if rel.startswith(prefix) and tree.has_file(folder + rel[len(prefix):]):
            return ""
    if tree.has_file("content/static/" + rel) or rel.startswith("assets/"):
        return ""
    return None


class _Anchors:
    """Headings of each page: the editor's own (bodies) plus what the template writes for its kind."""

    def __init__(self, site, pages: dict[str, str]):
        self.pages = pages
        self.by_rel = {e.rel: (kind, e) for kind, group in (("procedure", site.procedures),
                       ("document", site.documents), ("agency", site.agencies), ("page", site.pages),
                       ("consultation", site.consultations)) for e in group.values()}
        self.cache: dict[str, set[str] | None] = {}

    def has(self, path: str, fragment: str) -> bool:
        if path not in self.cache:
            self.cache[path] = self._of(path)
        known = self.cache[path]
        return known is None or fragment in known

    def _of(self, path: str) -> set[str] | None:
        rel = self.pages.get(path)
        if not rel or rel not in self.by_rel:
            return None                      # a listing: its headings come from data; the build checks them
        kind, entry = self.by_rel[rel]
        found = set(TEMPLATE_ANCHORS.get(kind, ()))
        for m in _HEADING.finditer(_FENCE.sub("", entry.body or "")):
            heading = m.group(1)
            explicit = _ATTR_ID.search(heading)
            found.add(explicit.group(1) if explicit else slugify_heading(_ATTR_ID.sub("", heading), "-"))
        return found

