"""mkdocs' build on every core, with the incremental page cache.

The same steps as `mkdocs.commands.build.build` (mkdocs 1.6.1, pinned): config, files and
navigation are set up once; the pages of the navigation are read in this process, since every
page's menu shows their titles. Then the pages are rendered with mkdocs' own per-page functions
(`_populate_page`, `_build_page`) in forked workers, each taking every n-th page, or taken from
the cache when their key is unchanged (page_cache.py). What a page's rendering logs, its anchors
and the plugin's per-page state come back to this process, which then does what mkdocs does after
the pages: anchor checks, `on_post_build`, strict mode. The output is the same bytes whatever the
number of workers or the state of the cache (tests/test_incremental.py).
"""

from __future__ import annotations

import logging
import multiprocessing
import sys
from pathlib import Path

from mkdocs import utils
from mkdocs.commands import build as mk
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from .. import heap
from ..cores import workers_wanted
from .html_links import links_and_ids, script_hashes
from .page_cache import PageCache, TargetMemo, fingerprint, page_key, source_digest

CONFIG_SKIPPED = {"config_file_path", "site_dir", "docs_dir", "plugins", "watch", "dev_addr", "strict", "theme"}
_JOB: dict | None = None      # what forked workers inherit


class PageFailed(Exception):
    """A page's rendering raised; the worker's exception as text, and the page."""

    def __init__(self, page: str, error: str):
        super().__init__(error)
        self.page = page


def _nav_outline(items) -> list:
    return [[item.title, getattr(item, "url", None), _nav_outline(item.children or [])] for item in items]


def _config_values(config) -> dict:
    theme = dict(config.theme)
    return {**{k: config[k] for k in config if k not in CONFIG_SKIPPED},
            "theme": {k: v for k, v in theme.items() if k != "dirs"}, "plugins": list(config.plugins)}


class _Records(logging.Handler):
    """What mkdocs logs while one page renders, to be logged again by the parent."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[list] = []

    def emit(self, record):
        if record.levelno >= logging.INFO:
            self.records.append([record.name, record.levelno, record.getMessage()])


def _render(indexes: list[int]) -> list[dict]:
    job = _JOB
    config, files, nav, env, pages, cache = (job[k] for k in ("config", "files", "nav", "env", "pages", "cache"))
    plugin, doc_files = config.plugins["portal"], job["doc_files"]
    logger = logging.getLogger("mkdocs")
    saved = logger.handlers[:], logger.propagate
    capture = _Records()
    logger.handlers[:] = [capture]
    logger.propagate = False
    out = []
    try:
        for i in indexes:
            page = pages[i]["page"]
            key, dest = pages[i]["key"], Path(page.file.abs_dest_path)
            record = cache.restore(key, dest) if cache else None
            reused = record is not None
            if record is None:
                capture.records = []
                try:
                    if not pages[i]["populated"]:
                        mk._populate_page(page, config, files)
                    mk._build_page(page, config, doc_files, nav, env, excluded=page.file.inclusion.is_excluded())
                except Exception as exc:  # the parent reports it with the page's name
                    return [{"failed": page.file.src_uri, "error": f"{type(exc).__name__}: {exc}",
                             "logs": capture.records}]
                record = {"logs": capture.records, "anchors": sorted(page.present_anchor_ids or ()),
                          "to_anchors": {f.src_uri: links for f, links in (page.links_to_anchors or {}).items()},
                          "state": plugin.page_state(page)}
                if dest.is_file():
                    html = dest.read_text(encoding="utf-8")
                    record["links"], record["ids"] = links_and_ids(html)
                    record["scripts"] = script_hashes(html)
                    if cache:
                        cache.store(key, dest, record)
            out.append({"index": i, "reused": reused, **record})
    finally:
        logger.handlers[:], logger.propagate = saved
    return out


def build(config, cache_dir: Path | None = None, workers: int | None = None) -> tuple[int, int, dict]:
    """`mkdocs build` for a loaded config, in parallel and with the page cache in `cache_dir`.
    Returns (pages, pages taken from the cache, {site-relative file: (its links, ids, inline script hashes)})."""
    global _JOB
    workers = workers or workers_wanted()
    counter = utils.CountHandler()
    counter.setLevel(logging.WARNING)
    if config.strict:
        logging.getLogger("mkdocs").addHandler(counter)
    try:
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        utils.clean_directory(config.site_dir)
        files = mk.get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        mk.set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        in_nav = {id(p) for p in nav.pages}
        for file in doc_files:
            if file.page is None:
                Page(None, file, config)
            if id(file.page) in in_nav:
                mk._populate_page(file.page, config, files)
        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files(inclusion=InclusionLevel.is_included)
        for template in config.theme.static_templates:
            mk._build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            mk._build_extra_template(template, files, config, nav)

        base = fingerprint(_config_values(config), list(config.theme.dirs), _nav_outline(nav.items))
        pages = []
        memo = TargetMemo(cache_dir)
        uris = files.src_uris        # what get_file_from_path looks up; the targets are normalised already
        for file in doc_files:
            markdown = file.content_string
            source = source_digest(file.src_uri, markdown)
            resolved = [(t, t in uris) for t in memo.targets(source, file.src_uri, markdown)]
            pages.append({"page": file.page, "populated": id(file.page) in in_nav,
                          "key": page_key(base, source, file.dest_uri, resolved)})
        cache = PageCache(cache_dir, base) if cache_dir else None
        _JOB = {"config": config, "files": files, "nav": nav, "env": env, "pages": pages, "cache": cache,
                "doc_files": doc_files}
        results = _run(len(pages), workers)
        _gather(results, pages, files, config)
        for file in doc_files:
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        if cache:
            cache.keep_only({p["key"] for p in pages})
        memo.save()
        config.plugins.on_post_build(config=config)
        if counts := counter.get_counts():
            raise Abort(f"Aborted with {', '.join(f'{v} {k.lower()}s' for k, v in counts)} in strict mode!")
        known = {pages[r["index"]]["page"].file.dest_uri: (r["links"], r["ids"], r["scripts"])
                 for r in results if "links" in r}
        return len(pages), sum(1 for r in results if r.get("reused")), known
    except Exception as exc:
        config.plugins.on_build_error(error=exc)
        if isinstance(exc, BuildError):
            raise Abort(str(exc)) from exc
        raise
    finally:
        _JOB = None
        logging.getLogger("mkdocs").removeHandler(counter)


def _run(count: int, workers: int) -> list[dict]:
    if workers <= 1 or count < 50:
        return _render(list(range(count)))
    shards = [list(range(start, count, workers * 4)) for start in range(workers * 4)]
    heap.settle()         # the workers then share the pages, nav and files without copying them
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return [r for part in pool.imap_unordered(_render, shards) for r in part]


def _gather(results: list[dict], pages: list[dict], files, config) -> None:
    """Workers' findings, in page order, as if this process had rendered every page."""
    plugin = config.plugins["portal"]
    failed = next((r for r in results if "failed" in r), None)
    by_index = {r["index"]: r for r in results if "index" in r}
    for i in sorted(by_index):
        record, page = by_index[i], pages[i]["page"]
        if "links" in record:     # the same few hundred strings on every page: keep one copy of each
            record["links"] = [sys.intern(x) for x in record["links"]]
            record["ids"] = [sys.intern(x) for x in record["ids"]]
            record["scripts"] = [sys.intern(x) for x in record["scripts"]]
        for name, level, message in record["logs"]:
            logging.getLogger(name).log(level, message)
        page.present_anchor_ids = set(record["anchors"])
        page.links_to_anchors = {target: links for src, links in record["to_anchors"].items()
                                 if (target := files.get_file_from_path(src)) is not None} or None
        plugin.restore_page_state(page, record["state"])
    if failed:
        for name, level, message in failed["logs"]:
            logging.getLogger(name).log(level, message)
        raise PageFailed(failed["failed"], failed["error"])
