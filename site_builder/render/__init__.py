"""Render a checked site into a tree of Markdown pages (plus files to copy).

The output is plain Markdown with front matter, built only from the content
model: no mkdocs import here. Adapters hand the tree to mkdocs (virtual files
for live preview) or write it to disk (`portal generate --out`).

URL scheme (directory URLs, Vietnamese slugs without diacritics):
  index.md                         home
  thu-tuc/…                        procedures, listings by sector/level, catalogue
  van-ban/…                        legal documents, listings by type/year/issuer/status
  co-quan/…                        agencies
  bieu-mau/, danh-ba-thu-dien-tu/, du-an/, gop-y/, so-do-trang/
  <section path>/…                 editors' pages by section (content/taxonomy/sections.yml)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..check import Checked
from .context import RenderContext
from .pages import render_all


@dataclass(frozen=True)
class CopyFile:
    """A file copied verbatim into the site (forms, original documents, emblem)."""

    source: Path


Output = dict[str, "str | CopyFile"]


def render_site(checked: Checked, only: dict[str, set[str]] | None = None) -> Output:
    """All pages, or (preview) the listing pages plus the leaf pages named in `only`."""
    ctx = RenderContext(checked)
    ctx.only = only
    pages = render_all(ctx)
    out: Output = dict(sorted(pages.items()))
    if only is None:       # the preview does not copy files again
        for rel_path, source in ctx.copies.items():
            out[rel_path] = CopyFile(source)
    return out


def nav_of(checked: Checked) -> list[dict[str, str]]:
    """Top navigation: listing pages only (leaves stay out of the nav: with
    thousands of leaves in it mkdocs builds take minutes and gigabytes)."""
    return RenderContext(checked).nav()


def has_english(checked: Checked) -> bool:
    """Whether the portal has English pages (the header shows a language switch only then)."""
    return any(e.item.lang == "en" for e in checked.site.pages.values())
