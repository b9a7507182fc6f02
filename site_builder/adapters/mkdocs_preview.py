"""The preview's HTML side: one full mkdocs build, then single pages rebuilt in
place from mkdocs' own files, navigation and template environment, kept in memory.

mkdocs has no public API for building one page; `_populate_page` and `_build_page`
are what `mkdocs build` itself calls per page (mkdocs is pinned to 1.6.1, and the
preview test fails if they change). A new page gets a File and Page of its own; a
change that would alter the navigation (new sector or section) rebuilds everything.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import MkDocsException
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page

from . import mkdocs_pages
from .mkdocs_build import load_portal_config


class MkdocsPreview:
    def __init__(self, root: Path):
        self.root = root.resolve()
        self.config = None
        self.plugin = None
        self.empty_docs: list[Path] = []

    def full_build(self, checked, rendered, site_dir: Path, cache_dir: Path | None = None) -> tuple[bool, str]:
        """A complete build into `site_dir`, keeping mkdocs' state for later single-page builds.
        Pages unchanged since the last build that used `cache_dir` come from there."""
        try:
            self.config = load_portal_config(self.root, site_dir.resolve(), strict=False, empty_docs=self.empty_docs)
            self.plugin = self.config.plugins["portal"]
            self.plugin.prechecked, self.plugin.prerendered, self.plugin.preview = checked, rendered, True
            mkdocs_pages.build(self.config, cache_dir)
        except mkdocs_pages.PageFailed as exc:
            self.plugin.current = exc.page
            return False, f"Dựng trang bằng mkdocs thất bại{self.plugin.where()}: {exc}"
        except (MkDocsException, SystemExit) as exc:
            return False, f"Dựng trang bằng mkdocs thất bại: {exc}"
        except Exception as exc:  # a theme or extension error: reported, never a traceback
            return False, f"Dựng trang bằng mkdocs thất bại: {type(exc).__name__}: {exc}"
        self.files, self.env, self.nav = self.plugin.state["files"], self.plugin.state["env"], self.plugin.nav
        return True, ""

    def moved_to(self, site_dir: Path) -> None:
        """The built folder was renamed into place: later single pages are written there."""
        self.config.site_dir = str(site_dir.resolve())
        for file in self.files:
            file.dest_dir = self.config.site_dir
            file.__dict__.pop("abs_dest_path", None)     # a cached property of mkdocs' File

    def apply(self, pages: dict[str, str], removed: set[str]) -> list[str]:
        """Rebuild the given generated pages; returns the URLs written."""
        config = self.config
        written = []
        for uri in sorted(removed):
            file = self.files.get_file_from_path(uri)
            if file is not None:
                self.files.remove(file)
                Path(file.abs_dest_path).unlink(missing_ok=True)
        targets = []
        for uri, markdown in pages.items():
            file = self.files.get_file_from_path(uri)
            if file is None:
                file = File.generated(config, uri, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV)
                self.files.append(file)
                Page(None, file, config)
            else:
                file.content_string = markdown
            targets.append(file)
        doc_files = self.files.documentation_pages()
        once = self.env.globals.get("portal_render_once")
        if once is not None:
            once.clear()          # an edit may change what the shared fragments show
        for file in targets:
            # Links are resolved against all files, so build after every new file is known.
            mkdocs_build._populate_page(file.page, config, self.files)
            mkdocs_build._build_page(file.page, config, doc_files, self.nav, self.env)
            written.append(file.url)
        return written

    def close(self) -> None:
        for folder in self.empty_docs:
            shutil.rmtree(folder, ignore_errors=True)


def quiet_mkdocs() -> None:
    """Single-page rebuilds log nothing useful at INFO."""
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
