"""The incremental build cache (build/cache/pages/): a page's finished HTML, keyed by its inputs.

A page's key hashes the build fingerprint (toolkit and dependency versions, the theme's files,
mkdocs' config, the navigation) with the page's own Markdown, its address and whether each
relative link in it resolves. A page whose key is unchanged is not rendered again: its HTML and
what rendering it reported (warnings, anchors, sitemap date, links) are taken from here. The
cache keeps exactly the pages of the last build; CI keeps the folder between runs.
No mkdocs import: the adapter hands in plain values.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
import shutil
from importlib import metadata
from pathlib import Path

PACKAGES = ("vn-portal", "mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "nh3")
TOOLKIT = Path(__file__).resolve().parent.parent
# What turns a page's Markdown into its HTML (the render stage shows up in the Markdown itself).
TOOLKIT_SOURCES = ("adapters", "theme", "content/sanitize.py", "text.py")
_LINK = re.compile(r"\]\(\s*<?([^)>\s]+)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$|(?:href|src)\s*=\s*[\"']([^\"']+)", re.M)


def _stable(value):
    """JSON-able and free of memory addresses (functions in mdx_configs, plugin objects)."""
    if isinstance(value, dict):
        return {str(k): _stable(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_stable(v) for v in value]
        return sorted(items, key=json.dumps) if isinstance(value, (set, frozenset)) else items
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    text = str(value)
    return type(value).__name__ if " at 0x" in text else text


def _hash_tree(digest, path: Path) -> None:
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        if file.suffix in (".pyc",):
            continue
        digest.update(file.as_posix().encode())
        digest.update(file.read_bytes())


def fingerprint(config_values: dict, theme_dirs: list[str], nav: list) -> str:
    """Everything every page depends on. Themes inside installed packages count by version."""
    digest = hashlib.sha256()
    for name in PACKAGES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(name.encode())
    for rel in TOOLKIT_SOURCES:
        _hash_tree(digest, TOOLKIT / rel)
    for folder in theme_dirs:
        path = Path(folder)
        if "site-packages" not in path.parts and not path.is_relative_to(TOOLKIT):
            _hash_tree(digest, path)
    digest.update(json.dumps(_stable(config_values), ensure_ascii=False, sort_keys=True).encode())
    digest.update(json.dumps(_stable(nav), ensure_ascii=False).encode())
    return digest.hexdigest()


def link_targets(src_uri: str, markdown: str) -> list[str]:
    """Relative link targets of a page's Markdown, as docs-relative paths (an over-approximation:
    whatever looks like a relative link counts, since whether it resolves changes the HTML)."""
    base = posixpath.dirname(src_uri)
    out = set()
    for match in _LINK.finditer(markdown):
        target = next(g for g in match.groups() if g)
        target = target.split("#", 1)[0].split("?", 1)[0]
        if not target or target.startswith("/") or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target):
            continue
        out.add(posixpath.normpath(posixpath.join(base, target)))
    return sorted(out)


def source_digest(src_uri: str, markdown: str) -> str:
    """A page's own input, hashed once: the page key and the link-target memo both use it."""
    return hashlib.sha256(f"{src_uri}\0{markdown}".encode("utf-8", "surrogatepass")).hexdigest()


def page_key(fingerprint_: str, source: str, dest_uri: str, resolved: list[tuple[str, bool]]) -> str:
    """`source` is source_digest(src_uri, markdown)."""
    digest = hashlib.sha256(fingerprint_.encode())
    for part in (source, dest_uri, json.dumps(resolved)):
        digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class TargetMemo:
    """link_targets by source digest, kept in `root`/targets.json between builds: scanning the
    Markdown of 12,000 pages for links takes seconds, and a warm build has all but a few unchanged.
    JSON, not pickle: CI restores this folder from a cache it does not fully trust."""

    def __init__(self, root: Path | None):
        self.file = root / "targets.json" if root else None
        self.old: dict[str, list[str]] = {}
        self.new: dict[str, list[str]] = {}
        if self.file:
            try:
                loaded = json.loads(self.file.read_text(encoding="utf-8"))
                if isinstance(loaded, dict):
                    self.old = {k: v for k, v in loaded.items()
                                if isinstance(v, list) and all(isinstance(t, str) for t in v)}
            except (OSError, ValueError):
                pass

    def targets(self, source: str, src_uri: str, markdown: str) -> list[str]:
        found = self.old.get(source)
        if found is None:
            found = link_targets(src_uri, markdown)
        self.new[source] = found
        return found

    def save(self) -> None:
        """Keep the entries of this build's pages only."""
        if not self.file:
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_name(f".{self.file.name}.{os.getpid()}")
        tmp.write_text(json.dumps(self.new, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.file)


class PageCache:
    """Files under `root`/<fingerprint>/: <key>.html (the bytes written to the site) and <key>.json
    (the rest). One folder per fingerprint, so the preview's pages (with the reload script) and the
    published ones do not push each other out; the least recently used folders beyond FAMILIES go."""

    FAMILIES = 3

    def __init__(self, root: Path, fingerprint_: str):
        self.root, self.folder = root, root / fingerprint_[:16]

    def _paths(self, key: str) -> tuple[Path, Path]:
        shard = self.folder / key[:2]
        return shard / f"{key}.html", shard / f"{key}.json"

    def restore(self, key: str, dest: Path) -> dict | None:
        """Copy the cached HTML to `dest` and return its record, or None on a miss."""
        html, meta = self._paths(key)
        try:
            record = json.loads(meta.read_text(encoding="utf-8"))
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(html, dest)
        except (OSError, ValueError):
            return None
        return record

    def store(self, key: str, built: Path, record: dict) -> None:
        html, meta = self._paths(key)
        html.parent.mkdir(parents=True, exist_ok=True)
        for target, write in ((html, lambda t: shutil.copyfile(built, t)),
                              (meta, lambda t: t.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8"))):
            tmp = target.with_name(f".{target.name}.{os.getpid()}")
            write(tmp)
            os.replace(tmp, target)

    def keep_only(self, keys: set[str]) -> None:
        """Drop entries of pages this build no longer has (a folder holds one build)."""
        if not self.folder.is_dir():
            return
        os.utime(self.folder)
        families = sorted((d for d in self.root.iterdir() if d.is_dir()), key=lambda d: -d.stat().st_mtime)
        for old in families[self.FAMILIES:]:
            shutil.rmtree(old, ignore_errors=True)
        for shard in self.folder.iterdir():
            if not shard.is_dir():
                continue
            for file in shard.iterdir():
                if file.name.split(".", 1)[0] not in keys:
                    file.unlink(missing_ok=True)
