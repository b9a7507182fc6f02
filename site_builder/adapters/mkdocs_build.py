"""A full mkdocs build of a portal root into a given folder (publish/ decides what to do with it)."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import tempfile
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from . import mkdocs_pages

DEFAULT_CONFIG = Path(__file__).resolve().parent / "mkdocs.default.yml"


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def config_file_for(root: Path) -> Path:
    """The portal's own mkdocs.yml, else the toolkit's defaults (fixture sites)."""
    own = root / "mkdocs.yml"
    return own if own.is_file() else DEFAULT_CONFIG


def load_portal_config(root: Path, site_dir: Path, *, strict: bool, empty_docs: list[Path]):
    """mkdocs' config for a portal root, building into `site_dir`. A root without its own mkdocs.yml
    uses the toolkit's defaults with content/static (or an empty folder, appended to `empty_docs`)."""
    overrides = {"site_dir": str(site_dir), "strict": strict}
    cfg_file = config_file_for(root)
    if cfg_file == DEFAULT_CONFIG:
        docs = root / "content" / "static"
        if not docs.is_dir():
            docs = Path(tempfile.mkdtemp(prefix="portal-docs-"))
            empty_docs.append(docs)
        overrides["docs_dir"] = str(docs)
    cfg = load_config(config_file=str(cfg_file), **overrides)
    cfg.plugins["portal"].config.root = str(root)
    return cfg


def build_site(root: Path, site_dir: Path, *, strict: bool = True, as_of: dt.date | None = None,
               checked=None, cache_dir: Path | None = None) -> tuple[bool, str, tuple]:
    """Build into `site_dir` (an empty folder). `checked` (from check.check) saves validating twice;
    pages unchanged since the build that filled `cache_dir` are taken from there.
    Returns (ok, message, (pages, pages reused, links, ids and inline script hashes per page));
    mkdocs' own warnings are in the message when it fails."""
    root, site_dir = root.resolve(), site_dir.resolve()
    empty_docs: list[Path] = []
    collector = _Collect()
    logging.getLogger("mkdocs").addHandler(collector)
    portal = None
    try:
        cfg = load_portal_config(root, site_dir, strict=strict, empty_docs=empty_docs)
        portal = cfg.plugins["portal"]
        portal.prechecked = checked
        if as_of:
            portal.config.as_of = as_of.isoformat()
        counts = mkdocs_pages.build(cfg, cache_dir)
    except mkdocs_pages.PageFailed as exc:
        portal.current = exc.page
        return False, f"Dựng trang bằng mkdocs thất bại{portal.where()}: {exc}", (0, 0, {})
    except (MkDocsException, SystemExit) as exc:
        details = "\n".join(dict.fromkeys(collector.messages))
        return False, f"Dựng trang bằng mkdocs thất bại: {exc}\n{details}".strip(), (0, 0, {})
    except Exception as exc:  # a theme or extension error: reported, never a traceback
        where = portal.where() if portal else ""
        return False, f"Dựng trang bằng mkdocs thất bại{where}: {type(exc).__name__}: {exc}", (0, 0, {})
    finally:
        logging.getLogger("mkdocs").removeHandler(collector)
        for folder in empty_docs:
            shutil.rmtree(folder, ignore_errors=True)
    return True, "", counts
