"""Writing a rendered tree to disk, all or nothing."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..render import CopyFile, Output


def write_tree(pages: Output, out: Path) -> None:
    """Write into a sibling temporary directory, then swap it into place, so
    an interrupted run never leaves a half-written tree behind."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    tmp.chmod(0o755)      # mkdtemp makes it private
    try:
        for rel, content in pages.items():
            target = tmp / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, CopyFile):
                shutil.copyfile(content.source, target)
            else:
                target.write_text(content, encoding="utf-8")
        swap_into_place(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def swap_into_place(new: Path, target: Path) -> None:
    """Replace `target` by `new` with renames only (same filesystem)."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{os.getpid()}")
        os.rename(target, old)
    os.rename(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
