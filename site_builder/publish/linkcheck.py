"""Link check of a built site: every internal link and anchor must resolve.

Run by `portal build --strict` on the new build before it replaces the old one,
so a broken link never reaches the live site. External links are checked only
on request (`--check-external`, for a nightly job: the network is slow and
other sites break without us).

Regexes, not an HTML parser: a few milliseconds per page, so 12,000 pages take
seconds; the markup is our own templates' and mkdocs-material's.
"""

from __future__ import annotations

import concurrent.futures as cf
import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from html import unescape as html_unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..adapters.html_links import links_and_ids

_SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:")
# Served by the search workers, not files: /tim-kiem/ has a static shell; these have none.
DYNAMIC = ("/api/", "/healthz", "/_preview/")


@dataclass(frozen=True)
class Broken:
    page: str          # site-relative URL of the page with the link
    link: str
    reason: str
    source: str = ""   # the content file the page is built from, when there is one

    def format(self) -> str:
        where = f"{self.source} (trang /{self.page})" if self.source else f"/{self.page}"
        return f"{where}: liên kết hỏng '{self.link}' ({self.reason})"


def _page_url(site: Path, html: Path) -> str:
    rel = html.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def _target(site: Path, page_dir: str, href: str, own_hosts: set[str]) -> tuple[str | None, str, str | None]:
    """(site-relative path or None if external, fragment, external URL)."""
    if ":" not in href and not href.startswith("//") and href.isprintable() and href[:1] > " ":
        # A plain relative or site path (most links: the menu's, on every page): split by hand,
        # as urlsplit would, without its cost on 750,000 links at province scale.
        path, _, fragment = href.partition("#")
        path = path.partition("?")[0]
        if not path:
            return page_dir, fragment, None
        resolved = path.lstrip("/") if path.startswith("/") else _normalise(page_dir + path)
        return unquote(resolved), fragment, None
    parts = urlsplit(href)
    if parts.scheme in ("http", "https"):
        if parts.netloc not in own_hosts:
            return None, "", href
        path = parts.path
    elif parts.scheme or parts.netloc:
        return None, "", None
    else:
        path = parts.path
    if not path:
        return page_dir, parts.fragment, None          # "#anchor" on the same page
    if path.startswith("/"):
        resolved = path.lstrip("/")
    else:
        resolved = _normalise(page_dir + path)
    return unquote(resolved), parts.fragment, None


def _normalise(path: str) -> str:
    out: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if out:
                out.pop()
        elif part != ".":
            out.append(part)
    return "/".join(out)


def _file_for(site: Path, rel: str, present: set[str]) -> Path | None:
    """The file a site-relative link serves, looked up in the site's file list (no disk access)."""
    if "//" in rel or any(part in (".", "..") for part in rel.split("/")):
        trailing = rel.endswith("/")
        rel = "/".join(part for part in _normalise(rel).split("/") if part)
        rel = rel + "/" if trailing and rel else rel
    for candidate in ((rel + "index.html",) if rel == "" or rel.endswith("/") else (rel, rel + "/index.html")):
        if candidate in present:
            return site / candidate
    return None


def site_files(site: Path) -> set[str]:
    """Every file of a built site, site-relative with "/"."""
    out = set()
    for folder, _, names in os.walk(site):
        prefix = os.path.relpath(folder, site).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        out.update(prefix + name for name in names)
    return out


def check_site(site: Path, site_url: str | None = None, external: bool = False,
               timeout: float = 10.0, sources: dict[str, str] | None = None,
               known: dict[str, tuple[list[str], list[str]]] | None = None) -> list[Broken]:
    """Every broken internal link of a built site; `sources` names the content file of each page URL.
    `known` gives (links, ids) of pages by site-relative file path, read when they were rendered;
    other files are read here."""
    sources = sources or {}
    site = site.resolve()
    own_hosts = {urlsplit(site_url).netloc} if site_url else set()
    ids: dict[Path, set[str]] = {}
    broken: list[Broken] = []
    external_links: dict[str, str] = {}
    present = site_files(site)
    resolved: dict[str, Path | None] = {}     # the menu's links recur on every page
    known = known or {}

    def parsed(path: Path) -> tuple[list[str], list[str]]:
        found = known.get(path.relative_to(site).as_posix())
        return found if found is not None else links_and_ids(path.read_text(encoding="utf-8", errors="replace"))

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = set(parsed(path)[1])
        return ids[path]

    for rel_html in sorted(f for f in present if f.endswith(".html")):
        html = site / rel_html
        page = _page_url(site, html)
        page_dir = page if page.endswith("/") or page == "" else (page.rsplit("/", 1)[0] + "/" if "/" in page else "")
        for href in parsed(html)[0]:
            href = html_unescape(href)
            if not href or href.startswith(_SKIP_SCHEMES):
                continue
            rel, fragment, ext = _target(site, page_dir, href, own_hosts)
            if ext:
                external_links.setdefault(ext, page)
                continue
            if rel is None or ("/" + rel).startswith(DYNAMIC):
                continue
            target = resolved[rel] if rel in resolved else resolved.setdefault(rel, _file_for(site, rel, present))
            if target is None:
                broken.append(Broken(page, href, "không có trang hoặc tệp này", sources.get(page, "")))
            elif fragment and target.suffix == ".html" and unquote(fragment) not in ids_of(target):
                broken.append(Broken(page, href, f"trang không có mục #{fragment}", sources.get(page, "")))
    if external:
        broken += _check_external(external_links, timeout)
    return broken


def _check_external(links: dict[str, str], timeout: float) -> list[Broken]:
    def probe(url: str) -> str | None:
        request = urllib.request.Request(url, method="HEAD", headers={"User-Agent": "portal-linkcheck"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return None if response.status < 400 else f"HTTP {response.status}"
        except urllib.error.HTTPError as exc:
            if exc.code in (403, 405):         # many servers refuse HEAD or robots; not a broken link
                return None
            return f"HTTP {exc.code}"
        except (urllib.error.URLError, OSError) as exc:
            return f"không kết nối được: {getattr(exc, 'reason', exc)}"

    with cf.ThreadPoolExecutor(max_workers=8) as pool:
        results = dict(zip(links, pool.map(probe, links), strict=False))
    return [Broken(links[url], url, reason) for url, reason in sorted(results.items()) if reason]
