"""Run a full mkdocs build of a portal root into a directory, atomically."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from ..output import swap_into_place

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


def build_site(root: Path, target: Path, *, strict: bool = True, as_of: dt.date | None = None,
               checked=None, verify=None) -> tuple[bool, str]:
    """`checked` (from pipeline.check) saves validating the content twice; `verify(built_dir)` returns
    problems (e.g. broken links) that stop the new build from replacing the old one."""
    root, target = root.resolve(), target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    # A build killed before its swap leaves its temporary folder behind; the next build removes it.
    for stale in target.parent.glob(f".{target.name}-build-*"):
        shutil.rmtree(stale, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-build-", dir=target.parent))
    tmp.chmod(0o755)      # mkdtemp makes it private; the web server must read the published site
    empty_docs = None
    collector = _Collect()
    logging.getLogger("mkdocs").addHandler(collector)
    started = time.perf_counter()
    try:
        overrides = {"site_dir": str(tmp), "strict": strict}
        cfg_file = config_file_for(root)
        if cfg_file == DEFAULT_CONFIG:
            docs = root / "content" / "static"
            if not docs.is_dir():
                empty_docs = Path(tempfile.mkdtemp(prefix="portal-docs-"))
                docs = empty_docs
            overrides["docs_dir"] = str(docs)
        cfg = load_config(config_file=str(cfg_file), **overrides)
        portal = cfg.plugins["portal"]
        portal.config.root = str(root)
        portal.prechecked = checked
        if as_of:
            portal.config.as_of = as_of.isoformat()
        build(cfg)
    except (MkDocsException, SystemExit) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        details = "\n".join(dict.fromkeys(collector.messages))
        return False, (f"Dựng trang thất bại: {exc}\n{details}\n"
                       f"Thư mục {target} cũ được giữ nguyên.").strip()
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(collector)
        if empty_docs:
            shutil.rmtree(empty_docs, ignore_errors=True)
    from ..security_headers import write_headers
    write_headers(tmp)            # the CSP hashes the theme's inline scripts of this very build
    if verify:
        problems = verify(tmp)
        if problems:
            shutil.rmtree(tmp, ignore_errors=True)
            shown = "\n".join(problems[:50]) + (f"\n… và {len(problems) - 50} lỗi khác." if len(problems) > 50 else "")
            return False, (f"Kiểm tra liên kết: {len(problems)} liên kết hỏng.\n{shown}\n"
                           f"Thư mục {target} cũ được giữ nguyên.")
    swap_into_place(tmp, target)
    pages = sum(1 for _ in target.rglob("index.html"))
    return True, f"Đã dựng {pages} trang vào {target} trong {time.perf_counter() - started:.1f} giây."
