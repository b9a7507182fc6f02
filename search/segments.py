"""A generation written as shards, so the next one rewrites only what changed.

Units are split by their page into SHARDS groups; each group is one Whoosh segment (one immutable
`.seg` file). A new generation hard-links the segment of every shard whose units are unchanged
since the generation it replaces, writes the others (in parallel), and lists them all in a new
table of contents. Cold and incremental builds therefore give the same index: same shards, same
units in the same order. A generation stays a folder of its own; `current` still switches by
rename (index.py).
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import zlib
from importlib import metadata
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC

SHARDS = 16
MANIFEST = "search-shards.json"
NAME = "MAIN"                    # Whoosh's default index name: segment files are MAIN_<id>.seg
HERE = Path(__file__).resolve().parent


def _version() -> str:
    """What turns a unit into index terms: a change rebuilds every shard."""
    digest = hashlib.sha256(metadata.version("whoosh3").encode())
    for name in ("index.py", "analysis.py", "segments.py"):
        digest.update((HERE / name).read_bytes())
    return digest.hexdigest()


def shard_of(parent: str) -> int:
    return zlib.crc32(parent.encode("utf-8")) % SHARDS


def _split(documents: Path) -> list[list[str]]:
    shards: list[list[str]] = [[] for _ in range(SHARDS)]
    with open(documents, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                shards[shard_of(json.loads(line)["parent"])].append(line)
    return shards


def _write_shard(job: tuple[list[str], str]):
    """One shard as one segment in its own folder; returns the segment object."""
    from .index import schema, unit_document
    lines, folder = job
    ix = whoosh_index.create_in(folder, schema())
    writer = ix.writer(limitmb=128)
    for line in lines:
        writer.add_document(**unit_document(json.loads(line)))
    writer.commit(merge=False)
    (segment,) = TOC.read(FileStorage(folder), NAME).segments
    return segment


def _previous(previous: Path | None, version: str) -> tuple[list, dict]:
    """(shard entries, segments by id) of the generation being replaced, if it was built like this."""
    try:
        manifest = json.loads((previous / MANIFEST).read_text(encoding="utf-8"))
        if manifest["version"] != version or len(manifest["shards"]) != SHARDS:
            return [None] * SHARDS, {}
        segments = {s.segid: s for s in TOC.read(FileStorage(str(previous)), NAME).segments}
        return manifest["shards"], segments
    except (OSError, TypeError, ValueError, KeyError, whoosh_index.EmptyIndexError):
        return [None] * SHARDS, {}


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:                 # another file system: copy instead
        shutil.copyfile(source, target)


def write(documents: Path, folder: Path, previous: Path | None, procs: int) -> tuple[int, int]:
    """Write the index of `documents` into the empty `folder`; returns (shards written, reused)."""
    from .index import schema
    version = _version()
    shards = _split(documents)
    digests = [hashlib.sha256("".join(lines).encode("utf-8")).hexdigest() for lines in shards]
    old, old_segments = _previous(previous, version) if previous else ([None] * SHARDS, {})
    segments: list = [None] * SHARDS
    todo = []
    for i, lines in enumerate(shards):
        if not lines:
            continue
        entry = old[i]
        segment = old_segments.get(entry["segment"]) if entry and entry["digest"] == digests[i] else None
        source = previous / f"{NAME}_{segment.segid}.seg" if segment else None
        if source and source.is_file():
            _link(source, folder / source.name)
            segments[i] = segment
        else:
            todo.append(i)
    jobs = [(shards[i], str(folder / f".shard-{i}")) for i in todo]
    for _, path in jobs:
        os.mkdir(path)
    if len(jobs) > 1 and procs > 1:
        with multiprocessing.get_context("fork").Pool(min(procs, len(jobs))) as pool:
            written = pool.map(_write_shard, jobs, chunksize=1)
    else:
        written = [_write_shard(job) for job in jobs]
    for i, segment, (_, path) in zip(todo, written, jobs, strict=True):
        name = f"{NAME}_{segment.segid}.seg"
        os.rename(Path(path) / name, folder / name)
        shutil.rmtree(path)
        segments[i] = segment
    TOC(schema(), [s for s in segments if s is not None], 1).write(FileStorage(str(folder)), NAME)
    manifest = {"version": version, "written": len(todo), "shards": [
        {"digest": digests[i], "segment": s.segid} if s is not None else None for i, s in enumerate(segments)]}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return len(todo), sum(1 for s in segments if s is not None) - len(todo)


def counts(generation: Path) -> tuple[int, int]:
    """(shards written, shards reused) when `generation` was built."""
    try:
        manifest = json.loads((generation / MANIFEST).read_text(encoding="utf-8"))
        present = sum(1 for s in manifest["shards"] if s)
        return manifest["written"], present - manifest["written"]
    except (OSError, ValueError, KeyError, TypeError):
        return 0, 0
