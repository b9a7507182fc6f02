"""Reading the index: one open generation per worker, following `current` when a build swaps it."""

from __future__ import annotations

import ctypes
import json
import os
import threading
import weakref
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index

from .index import META
from .postings import Postings, ids

ENDED = ("expired", "suspended", "obsolete")


class IndexUnavailable(RuntimeError):
    pass


@dataclass
class Generation:
    path: str
    ix: object
    searcher: object
    meta: dict
    dates: list              # docnum → ISO date (sort by date)
    postings: Postings       # units per term, for the ranker
    articles: int            # bitmap of the units that are articles of a document (share its parent)
    parent_ids: list         # docnum → small int naming its parent (counting pages is hashing ints)
    documents: int           # bitmap of the legal documents' own units (the pages articles belong to)
    unit_of_parent: list     # parent int → one of its article units (its facets are the page's)
    ended: int               # bitmap of documents no longer in force (ranked a little lower)


class IndexHandle:
    """The open index of one worker; follows `current` when a build swaps it."""

    def __init__(self, root: Path, warm: bool = False):
        self.root = Path(root)
        self.warm = warm          # workers read the commonest terms in the background after opening
        self._gen: Generation | None = None
        self._lock = threading.Lock()

    def get(self) -> Generation:
        target = os.path.realpath(self.root / "current")
        gen = self._gen
        if gen is None or gen.path != target:
            with self._lock:
                gen = self._gen
                if gen is None or gen.path != target:
                    gen = open_generation(self.root)
                    if self.warm:
                        threading.Thread(target=_warm, args=(gen,), daemon=True).start()
                    old, self._gen = self._gen, gen
                    if old is not None:
                        old.searcher.close()
                        # When the last request still using it finishes, hand the freed heap back to
                        # the system: without this each swap left a worker ~50 MB bigger (fragmentation).
                        weakref.finalize(old, _return_free_memory)
        return gen


def _warm(gen: Generation) -> None:
    try:
        with gen.ix.searcher() as own:      # its own files: requests keep reading through gen.searcher
            gen.postings.warm(own)
    except Exception:       # a generation swapped out and closed meanwhile: nothing to warm
        pass


def _return_free_memory() -> None:
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):      # not glibc: nothing to do
        pass


def check_index(root: Path) -> None:
    """Raise IndexUnavailable, with a clear message, unless the index opens."""
    open_generation(Path(root)).searcher.close()


def open_generation(root: Path) -> Generation:
    """Open `root/current`; a missing or corrupt index raises IndexUnavailable
    (the service refuses to start instead of serving errors)."""
    current = root / "current"
    if not current.exists():
        raise IndexUnavailable(f"Không tìm thấy chỉ mục tìm kiếm tại {current}. "
                               "Chạy 'portal index' (hoặc 'portal build') trước.")
    path = os.path.realpath(current)
    try:
        return _load(path)
    except Exception as exc:  # corrupt or partial copy
        raise IndexUnavailable(f"Chỉ mục tìm kiếm tại {current} bị hỏng ({type(exc).__name__}: {exc}). "
                               "Chạy lại 'portal index'.") from exc


def _load(path: str) -> Generation:
    ix = whoosh_index.open_dir(path)
    searcher = ix.searcher()
    meta = json.loads(Path(path, META).read_text(encoding="utf-8"))
    reader = searcher.reader()
    size = reader.doc_count_all()
    # Facets are counted from the bitmaps of their values (postings.py); only what ranking and
    # paging need per unit is read here, once per generation.
    column = reader.column_reader("date")
    dates = [column[i] for i in range(size)]
    column = reader.column_reader("parent")
    numbering: dict[str, int] = {}
    parent_ids = [numbering.setdefault(column[i], len(numbering)) for i in range(size)]
    post = Postings(searcher)
    articles = post.bits("part", "article")
    documents = post.bits("f_kind", "van-ban") & ~articles
    unit_of_parent = [0] * len(numbering)
    for docnum in ids(post.all):            # live units only: a deleted one is an older version
        unit_of_parent[parent_ids[docnum]] = docnum
    ended = 0
    for status in ENDED:
        ended |= post.bits("f_status", status)
    return Generation(path, ix, searcher, meta, dates, post, articles, parent_ids, documents,
                      unit_of_parent, ended)
