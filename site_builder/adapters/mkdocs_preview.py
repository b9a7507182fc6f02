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
import tempfile
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page

from .mkdocs_build import DEFAULT_CONFIG, config_file_for


class MkdocsPreview:
    def __init__(self, root: Path, site_dir: Path):
        self.root, self.site_dir = root.resolve(), site_dir.resolve()
        self.config = None
        self.plugin = None
        self.empty_docs: Path | None = None

    def full_build(self, checked, rendered) -> None:
        """A complete build into site_dir, keeping mkdocs' state for later single-page builds."""
        overrides = {"site_dir": str(self.site_dir), "strict": False}
        cfg_file = config_file_for(self.root)
        if cfg_file == DEFAULT_CONFIG:
            docs = self.root / "content" / "static"
            if not docs.is_dir():
                self.empty_docs = self.empty_docs or Path(tempfile.mkdtemp(prefix="portal-docs-"))
                docs = self.empty_docs
            overrides["docs_dir"] = str(docs)
        self.config = load_config(config_file=str(cfg_file), **overrides)
        self.plugin = self.config.plugins["portal"]
        self.plugin.config.root = str(self.root)
        self.plugin.prechecked, self.plugin.prerendered, self.plugin.preview = checked, rendered, True
        mkdocs_build.build(self.config)
        from ..security_headers import write_headers
        write_headers(self.site_dir)
        self.files, self.env, self.nav = self.plugin.state["files"], self.plugin.state["env"], self.plugin.nav

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
        for file in targets:
            # Links are resolved against all files, so build after every new file is known.
            mkdocs_build._populate_page(file.page, config, self.files)
            mkdocs_build._build_page(file.page, config, doc_files, self.nav, self.env)
            written.append(file.url)
        return written

    def close(self) -> None:
        if self.empty_docs:
            shutil.rmtree(self.empty_docs, ignore_errors=True)


def quiet_mkdocs() -> None:
    """Single-page rebuilds log nothing useful at INFO."""
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
