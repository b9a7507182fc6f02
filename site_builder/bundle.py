"""`portal bundle`: the deployable artifact CI publishes.

    <out>/site/            what the web server serves (nginx root)
    <out>/search-index/    what the search workers read (current -> gen-…)
    <out>/deploy/          nginx server block, systemd unit for the workers
    <out>/MANIFEST.json    commit, as-of date, build date, counts, SHA-256 of every file

The site is built strictly (links and anchors checked) and the index from the
same checked content; nothing is written to <out> unless both succeed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

DEPLOY_FILES = ("nginx/portal.conf", "portal-search.service")


def _commit(root: Path) -> str | None:
    try:
        return subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True,
                              timeout=30, check=True).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def write_manifest(out: Path, root: Path, as_of: dt.date, pages: int) -> dict:
    files = {}
    for path in sorted(p for p in out.rglob("*") if p.is_file() and p.name != "MANIFEST.json"):
        files[path.relative_to(out).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    manifest = {
        "commit": _commit(root),
        "as_of": as_of.isoformat(),
        "built": dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).isoformat() if epoch else None,
        "pages": pages,
        "index": os.readlink(out / "search-index" / "current") if (out / "search-index" / "current").is_symlink() else None,
        "files": files,
    }
    (out / "MANIFEST.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest


def copy_deploy(repo_deploy: Path, out: Path) -> None:
    for rel in DEPLOY_FILES:
        target = out / "deploy" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(repo_deploy / rel, target)
