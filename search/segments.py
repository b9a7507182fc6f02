"""A generation as base shards plus small delta segments, so the next one writes only what changed.

Cold: units are split by their page into SHARDS groups; each group is one Whoosh segment (one
immutable `.seg` file), written in parallel. Incremental: every segment of the generation being
replaced is hard-linked, the units of changed or removed pages are marked deleted (Whoosh keeps
deletions in the table of contents, never in a segment file) and the changed pages' units are
written as one small delta segment. When deltas pile up (more than MAX_DELTAS, or more than
MAX_DEAD deleted units) the build compacts: shards again, reusing each base shard whose units are
unchanged. Readers see the same live units either way (postings.py masks deleted ones); between
compactions an edited page's units come after the others in index order, which decides only
exact ties in ranking. A generation stays a folder of its own; `current` switches by rename.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
import shutil
import zlib
from importlib import metadata
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC

SHARDS = 16
MAX_DELTAS = 8                   # delta segments before a compaction
MAX_DEAD = 3000                  # deleted units kept before a compaction
MANIFEST = "search-shards.json"
NAME = "MAIN"                    # Whoosh's default index name: segment files are MAIN_<id>.seg
HERE = Path(__file__).resolve().parent
# Units are exported with sorted keys, so a unit's own "parent" is the first one on its line
# (the keys before it hold no objects with such a key); reading it needs no JSON parse.
_PARENT = re.compile(r'"parent": "((?:[^"\\]|\\.)*)"')


def _version() -> str:
    """What turns a unit into index terms: a change rebuilds every shard."""
    digest = hashlib.sha256(metadata.version("whoosh3").encode())
    for name in ("index.py", "analysis.py", "segments.py"):
        digest.update((HERE / name).read_bytes())
    return digest.hexdigest()


def shard_of(parent: str) -> int:
    return zlib.crc32(parent.encode("utf-8")) % SHARDS


def _pages(documents: Path) -> dict[str, list[str]]:
    """The exported units grouped by page, in export order (a page's units are contiguous)."""
    pages: dict[str, list[str]] = {}
    with open(documents, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                found = _PARENT.search(line)
                parent = found.group(1) if found else json.loads(line)["parent"]
                pages.setdefault(parent, []).append(line)
    return pages


def _digest(lines: list[str]) -> str:
    return hashlib.sha1("".join(lines).encode("utf-8")).hexdigest()


def _write_shard(job: tuple[list[str], str]):
    """Units as one segment in its own folder; returns the segment object."""
    from .index import schema, unit_document
    lines, folder = job
    ix = whoosh_index.create_in(folder, schema())
    writer = ix.writer(limitmb=128)
    for line in lines:
        writer.add_document(**unit_document(json.loads(line)))
    writer.commit(merge=False)
    (segment,) = TOC.read(FileStorage(folder), NAME).segments
    return segment


def _write_segments(groups: list[list[str]], folder: Path, procs: int) -> list:
    jobs = [(lines, str(folder / f".part-{i}")) for i, lines in enumerate(groups)]
    for _, path in jobs:
        os.mkdir(path)
    if len(jobs) > 1 and procs > 1:
        with multiprocessing.get_context("fork").Pool(min(procs, len(jobs))) as pool:
            written = pool.map(_write_shard, jobs, chunksize=1)
    else:
        written = [_write_shard(job) for job in jobs]
    for segment, (_, path) in zip(written, jobs, strict=True):
        name = f"{NAME}_{segment.segid}.seg"
        os.rename(Path(path) / name, folder / name)
        shutil.rmtree(path)
    return written


def _previous(previous: Path | None, version: str) -> tuple[dict, dict]:
    """(manifest, segments by id) of the generation being replaced, if it was built like this."""
    try:
        manifest = json.loads((previous / MANIFEST).read_text(encoding="utf-8"))
        if manifest["version"] != version or len(manifest["shards"]) != SHARDS or "pages" not in manifest:
            return {}, {}
        segments = {s.segid: s for s in TOC.read(FileStorage(str(previous)), NAME).segments}
        if any(not (previous / f"{NAME}_{s}.seg").is_file() for s in segments):
            return {}, {}
        return manifest, segments
    except (OSError, TypeError, ValueError, KeyError, whoosh_index.EmptyIndexError):
        return {}, {}


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:                 # another file system: copy instead
        shutil.copyfile(source, target)


def write(documents: Path, folder: Path, previous: Path | None, procs: int) -> dict:
    """Write the index of `documents` into the empty `folder`; returns what was written (counts())."""
    version = _version()
    pages = _pages(documents)
    digests = {parent: _digest(lines) for parent, lines in pages.items()}
    old, old_segments = _previous(previous, version) if previous else ({}, {})
    if old:
        changed = [p for p in pages if old["pages"].get(p, [None])[0] != digests[p]]
        gone = [p for p in old["pages"] if p not in pages]
        dead = old.get("dead", 0) + sum(old["pages"][p][3] for p in [*changed, *gone] if p in old["pages"])
        if len(old.get("deltas", [])) < MAX_DELTAS and dead <= MAX_DEAD:
            return _delta(pages, digests, changed, gone, dead, old, old_segments, previous, folder, version)
    return _shards(pages, digests, old, old_segments, previous, folder, version, procs)


def _shards(pages, digests, old, old_segments, previous, folder, version, procs) -> dict:
    """Every page in its shard; a base shard whose units are unchanged is linked, not written."""
    groups: list[list[str]] = [[] for _ in range(SHARDS)]
    where: dict[str, list] = {}
    for parent, lines in pages.items():
        i = shard_of(parent)
        where[parent] = [digests[parent], i, len(groups[i]), len(lines)]
        groups[i].extend(lines)
    shard_digests = [_digest(lines) for lines in groups]
    segments: list = [None] * SHARDS
    todo = []
    for i, lines in enumerate(groups):
        if not lines:
            continue
        entry = old["shards"][i] if old else None
        segment = old_segments.get(entry["segment"]) if entry and entry["digest"] == shard_digests[i] else None
        if segment is not None:
            segment._deleted = None          # same units as when it was written: none is stale
            _link(previous / f"{NAME}_{segment.segid}.seg", folder / f"{NAME}_{segment.segid}.seg")
            segments[i] = segment
        else:
            todo.append(i)
    for i, segment in zip(todo, _write_segments([groups[i] for i in todo], folder, procs), strict=True):
        segments[i] = segment
    for entry in where.values():
        entry[1] = segments[entry[1]].segid
    shards = [{"digest": shard_digests[i], "segment": s.segid} if s is not None else None
              for i, s in enumerate(segments)]
    live = [s for s in segments if s is not None]
    return _finish(folder, version, live, shards, [], where, 0,
                   {"segments": len(todo), "reused": len(live) - len(todo), "units": sum(len(groups[i]) for i in todo)})


def _delta(pages, digests, changed, gone, dead, old, old_segments, previous, folder, version) -> dict:
    """The previous segments with the stale units deleted, plus one segment of the changed pages."""
    where = {p: old["pages"][p] for p in pages if p not in changed}
    for parent in [*changed, *gone]:
        if parent in old["pages"]:
            _, segid, start, count = old["pages"][parent]
            for docnum in range(start, start + count):
                old_segments[segid].delete_document(docnum)
    kept = [s for s in old_segments.values() if s.doc_count() > 0]
    lines = [line for parent in changed for line in pages[parent]]
    new = _write_segments([lines], folder, 1) if lines else []
    start = 0
    for parent in changed:
        where[parent] = [digests[parent], new[0].segid, start, len(pages[parent])]
        start += len(pages[parent])
    for segment in kept:
        _link(previous / f"{NAME}_{segment.segid}.seg", folder / f"{NAME}_{segment.segid}.seg")
    ids = {s.segid for s in kept}
    shards = [s if s and s["segment"] in ids else None for s in old["shards"]]
    deltas = [d for d in old.get("deltas", []) if d in ids] + [s.segid for s in new]
    dead -= sum(s.deleted_count() for s in old_segments.values() if s.doc_count() == 0)
    return _finish(folder, version, kept + new, shards, deltas, where, dead,
                   {"segments": len(new), "reused": len(kept), "units": len(lines), "pages": len(changed),
                    "removed": len(gone)})


def _finish(folder, version, segments, shards, deltas, where, dead, written) -> dict:
    from .index import schema
    # Segment order is index order: base shards first, then the deltas oldest first.
    order = {s["segment"]: i for i, s in enumerate(shards) if s}
    order.update({d: SHARDS + i for i, d in enumerate(deltas)})
    segments = sorted(segments, key=lambda s: order[s.segid])
    TOC(schema(), segments, 1).write(FileStorage(str(folder)), NAME)
    manifest = {"version": version, "written": written, "shards": shards, "deltas": deltas, "dead": dead,
                "pages": where}
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False) + "\n", encoding="utf-8")
    return written


def counts(generation: Path) -> dict:
    """What building `generation` wrote: {"segments", "reused", "units"} and, for a delta, "pages"."""
    try:
        written = json.loads((generation / MANIFEST).read_text(encoding="utf-8"))["written"]
        return written if isinstance(written, dict) else {}
    except (OSError, ValueError, KeyError, TypeError):
        return {}
