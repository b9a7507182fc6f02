"""The only bridge from the core to mkdocs: a plugin that adds generated pages.

`mkdocs serve` re-runs on_config on every rebuild, so saving a YAML file under
a watched folder re-validates and re-renders the portal live.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .. import urls
from ..check import check
from ..content.sanitize import clean_html
from ..render import CopyFile, has_english, nav_of, render_site
from .postbuild import fit_tables, fix_theme_markup, rewrite_sitemap, write_robots

FORM_PAGES = {"tim-kiem/index.md", "index.md"}   # the search page and the home page's search box (our templates)
NOT_IN_SITEMAP = {"/cam-on-danh-gia/"}           # the rating thank-you page is not content

log = logging.getLogger("mkdocs.plugins.portal")


class RenderOnce:
    """Template fragments that are the same for many pages, rendered once per key and build
    (theme/partials/nav.html). PORTAL_RENDER_EVERY_TIME=1 turns it off (the test compares)."""

    def __init__(self):
        self.done: dict[tuple, str] = {}
        self.off = os.environ.get("PORTAL_RENDER_EVERY_TIME") == "1"

    def __call__(self, kind: str, key: str, render):
        if self.off:
            return render()
        if (kind, key) not in self.done:
            self.done[(kind, key)] = render()
        return self.done[(kind, key)]

    def clear(self) -> None:
        self.done.clear()


class PortalPluginConfig(base.Config):
    root = c.Optional(c.Type(str))       # portal root; default: the folder of mkdocs.yml
    as_of = c.Optional(c.Type(str))      # YYYY-MM-DD; default: as_of in content/portal.yml


class PortalPlugin(BasePlugin[PortalPluginConfig]):
    checked = None
    prechecked = None   # set by `portal build`, which has already validated the content
    prerendered = None  # set by the preview, which has already rendered it
    preview = False     # the preview keeps mkdocs' files, nav and env to rebuild single pages
    state: dict | None = None

    def on_config(self, config):
        # Runs first on every (re)build: validate before mkdocs reads any page,
        # so bad content fails the build instead of publishing half a portal.
        root = Path(self.config.root or Path(config.config_file_path).parent)
        as_of = dt.date.fromisoformat(self.config.as_of) if self.config.as_of else None
        self.checked = self.prechecked or check(root, as_of)
        report = self.checked.report
        for problem in report.sorted():
            (log.error if problem.severity == "error" else log.info)(problem.format())
        if report.errors:
            raise PluginError("Nội dung cổng có lỗi: " + report.summary())
        portal = self.checked.site.config
        config.site_name = portal.portal_name
        config.site_url = portal.site_url
        config.extra["portal"] = portal.model_dump(mode="json")
        config.theme["logo"] = "assets/bieu-trung" + Path(portal.emblem).suffix
        config.theme["favicon"] = config.theme["logo"]
        if not config.nav:
            config.nav = nav_of(self.checked)
        config.extra["preview"] = self.preview      # the theme adds the live-reload script
        config.extra["has_english"] = has_english(self.checked)
        return config

    def on_files(self, files: Files, config) -> Files:
        in_nav = {path for item in nav_of(self.checked) for path in item.values()}
        self.sources = {path: rel for path, rel in urls.Addresses(self.checked.site).pages().items() if rel}
        rendered, self.prerendered = self.prerendered or render_site(self.checked), None
        for uri, content in rendered.items():
            if isinstance(content, CopyFile):
                files.append(File.generated(config, uri, abs_src_path=str(content.source)))
            else:
                # Leaves are reached from listing pages, not the nav; saying so
                # keeps mkdocs from logging thousands of "not in nav" lines.
                inclusion = InclusionLevel.UNDEFINED if uri in in_nav else InclusionLevel.NOT_IN_NAV
                files.append(File.generated(config, uri, content=content, inclusion=inclusion))
        self.checked = None   # the models are no longer needed; free them before mkdocs renders
        return files

    def on_env(self, env, config, files):
        env.globals["portal_render_once"] = RenderOnce()
        if self.preview:
            self.state = {"env": env, "files": files}
        return env

    def on_nav(self, nav, config, files):
        if self.preview:
            self.nav = nav
        return nav

    def on_page_markdown(self, markdown, page, config, files):
        self.current = page.file.src_uri          # named in the message if this page makes mkdocs fail
        return markdown

    def where(self) -> str:
        """The page mkdocs was building, and the content file it comes from."""
        page = getattr(self, "current", None)
        if not page:
            return ""
        source = getattr(self, "sources", {}).get(page)
        return f" (khi dựng trang {page}" + (f", từ tệp {source})" if source else ")")

    def on_page_content(self, html, page, config, files):
        # Every page's content goes through the allow-list (nh3); only the search boxes keep a form.
        # Then our own transform: tables that fit a phone (postbuild.py).
        return fit_tables(clean_html(html, allow_forms=page.file.src_uri in FORM_PAGES))

    def on_post_page(self, output, page, config):
        date = page.meta.get("lastmod") if page.meta else None
        if date:
            self.dates["/" + page.url] = str(date)[:10]
        return fix_theme_markup(output)

    def on_pre_build(self, config):
        self.dates: dict[str, str] = {}

    # What a page's rendering leaves in the plugin, carried from a build worker or the page cache.
    def page_state(self, page) -> dict:
        return {"lastmod": self.dates.get("/" + page.url)}

    def restore_page_state(self, page, state: dict) -> None:
        if state.get("lastmod"):
            self.dates["/" + page.url] = state["lastmod"]

    def on_post_build(self, config):
        site = Path(config.site_dir)
        missing = site / "404.html"          # rendered outside the page events
        if missing.is_file():
            missing.write_text(fix_theme_markup(missing.read_text(encoding="utf-8")), encoding="utf-8")
        rewrite_sitemap(site, self.dates, NOT_IN_SITEMAP)
        write_robots(site, config.site_url or "/")
