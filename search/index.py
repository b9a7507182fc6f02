"""Writing the index: the Whoosh schema, one document per search unit, immutable generations.

Fields per search unit:
  t_title / t_body       folded words (search/analysis.py): "duong thuy" finds "đường thủy"
  t_body_bi              folded word pairs of the whole unit, title included: a multi-syllable
                         word or phrase is one posting-list look-up instead of a positional check
  numkeys, code          document numbers ("64/2007", "nd:64", "64/2007/nd-cp") and procedure codes
  rel, t_rel             documents: relation types and "amends>63/2010" keys; the words of the titles
                         of the documents it amends, replaces, guides (search/signals.py)
  f_*                    facet codes; stored fields for display
No positions are stored (phrase=False): pair terms do the work of phrases.

A build writes a new generation folder; `activate` points `current` at it by renaming a symlink,
so readers never see a partial index. Publishing activates a generation only when the site built
with it succeeded too (site_builder/publish/release.py).
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from .analysis import bigrams, number_keys, terms

# Text is analysed once in Python and handed to Whoosh as space-separated terms: running
# Whoosh's filter chain three times per field was most of the build time.
TERMS = SpaceSeparatedTokenizer()
BIGRAM_CHARS = 6000   # word pairs over the whole unit (units are short): phrase look-ups
FACETS = ("kind", "sector", "level", "agency", "online", "doctype", "issuer", "status", "year")
META = "search-meta.json"


def schema() -> Schema:
    facet_fields = {f"f_{name}": KEYWORD(stored=True, commas=True, scorable=False) for name in FACETS}
    return Schema(
        id=ID(stored=True, unique=True), parent=ID(stored=True, sortable=True), kind=STORED, url=STORED,
        title=STORED, subtitle=STORED, body=STORED, number=STORED, date=ID(stored=True, sortable=True),
        code=ID(stored=True), numkeys=KEYWORD(commas=True, lowercase=True, scorable=True),
        t_title=TEXT(analyzer=TERMS, phrase=False, field_boost=3.0),
        t_body=TEXT(analyzer=TERMS, phrase=False),
        t_body_bi=TEXT(analyzer=TERMS, phrase=False, field_boost=1.5),
        rel=KEYWORD(commas=True, scorable=False), t_rel=TEXT(analyzer=TERMS, phrase=False), part=ID(),
        **facet_fields,
    )


def unit_document(unit: dict) -> dict:
    """The Whoosh document of one search unit (site_builder/publish/search_units.py)."""
    facets = unit.get("facets", {})
    keywords = " ".join(unit.get("keywords") or [])
    text = " ".join([unit["title"], keywords, unit.get("subtitle") or "", unit["body"]])
    title_text = " ".join([unit["title"], keywords, unit.get("number") or "", unit.get("code") or ""])
    doc = {
        "id": unit["id"], "parent": unit["parent"], "kind": unit["kind"], "url": unit["url"], "title": unit["title"],
        "subtitle": unit.get("subtitle") or "", "body": unit["body"], "number": unit.get("number") or "",
        "date": unit.get("date") or "", "code": unit.get("code") or "",
        "numkeys": ",".join(number_keys(unit.get("number"))),
        "t_title": " ".join(terms(title_text)),
        "t_body": " ".join(terms(text)), "t_body_bi": " ".join(bigrams(terms(text[:BIGRAM_CHARS]))),
    }
    if unit["id"] != unit["parent"]:
        doc["part"] = "article"     # one result per page: counted with its document (search/rank.py)
    relations = unit.get("relations") or []
    if relations:
        keys = set()
        for r in relations:
            keys.add(r["type"])
            for key in number_keys(r["target"]):
                keys.update({f"{r['type']}>{key}", f"any>{key}"})
        doc["rel"] = ",".join(sorted(keys))
        doc["t_rel"] = " ".join(terms(" ".join(r["text"] for r in relations)))
    for name in FACETS:
        value = facets.get(name)
        if value:
            doc[f"f_{name}"] = ",".join(value) if isinstance(value, list) else str(value)
    return doc


def build_generation(documents: Path, meta: Path, root: Path, *, procs: int | None = None) -> Path:
    """Write a new generation under `root` from the exported units; `current` is not touched.
    Shards unchanged since the current generation are reused from it (segments.py)."""
    from . import segments
    root.mkdir(parents=True, exist_ok=True)
    gen = root / f"gen-{time.time_ns()}"
    tmp = root / f".building-{os.getpid()}-{time.time_ns()}"
    tmp.mkdir()
    current = root / "current"
    previous = Path(os.path.realpath(current)) if current.is_symlink() and current.exists() else None
    try:
        segments.write(documents, tmp, previous, procs or min(2, os.cpu_count() or 1))
        shutil.copyfile(meta, tmp / META)
        os.rename(tmp, gen)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return gen


def build_index(documents: Path, meta: Path, root: Path) -> Path:
    """Build a generation and make it current at once (`portal index`, benchmarks)."""
    gen = build_generation(documents, meta, root)
    activate(root, gen)
    return gen


def activate(root: Path, gen: Path) -> None:
    """Point `root/current` at `gen` (a symlink replaced by rename), then drop the generations
    that are neither it nor the one it replaces (workers may still read that one for a moment)."""
    previous = current_generation(root)
    link = root / f".current-{os.getpid()}"
    if link.is_symlink():
        link.unlink()
    os.symlink(gen.name, link)
    os.replace(link, root / "current")
    prune(root, keep={gen.name, previous} - {None})


def current_generation(root: Path) -> str | None:
    """Name of the generation `current` points at, if any."""
    link = root / "current"
    return os.readlink(link) if link.is_symlink() else None


def discard(gen: Path) -> None:
    """Remove a generation that was built but never activated."""
    shutil.rmtree(gen, ignore_errors=True)


def prune(root: Path, keep: set[str]) -> None:
    for old in root.glob("gen-*"):
        if old.is_dir() and old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)
    for stale in root.glob(".building-*"):       # left by a killed build
        if stale.is_dir() and not _alive(stale.name):
            shutil.rmtree(stale, ignore_errors=True)


def _alive(name: str) -> bool:
    try:
        pid = int(name.split("-")[1])
        os.kill(pid, 0)
    except (IndexError, ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True
