"""Document sets of index terms: what the ranker scores with.

Ranking needs, for each query term, the set of units that contain it (set operations run in C).
Whoosh hands postings out one at a time through Python calls; here a term's ids are read a block
at a time from each segment, and the sets of the commonest terms stay cached per generation
(bounded by the number of ids held, so a worker's memory stays flat).
"""

from __future__ import annotations

import math
from itertools import accumulate
import threading
from collections import OrderedDict

EMPTY: frozenset = frozenset()
CACHE_IDS = 400_000   # ids kept per worker (a frozenset costs ~60 bytes an id): about 25 MB
CACHE_FROM = 2_000    # only lists at least this long are worth keeping: short ones read fast


class Postings:
    def __init__(self, searcher):
        self._leaves = [(sub.reader(), offset) for sub, offset in searcher.leaf_searchers()]
        self.size = sum(r.doc_count_all() for r, _ in self._leaves)
        self._cache: OrderedDict = OrderedDict()
        self._held = 0
        self._lock = threading.Lock()

    def docs(self, field: str, term: str) -> frozenset:
        key = (field, term)
        with self._lock:
            found = self._cache.get(key)
            if found is not None:
                self._cache.move_to_end(key)
                return found
        ids = frozenset(self._read(field, term))
        if len(ids) >= CACHE_FROM:
            with self._lock:
                if key not in self._cache:
                    self._cache[key] = ids
                    self._held += len(ids)
                    while self._held > CACHE_IDS and len(self._cache) > 1:
                        _, old = self._cache.popitem(last=False)
                        self._held -= len(old)
        return ids

    def frequency(self, field: str, term: str) -> int:
        return sum(r.doc_frequency(field, term) for r, _ in self._leaves)

    def known(self, field: str, term: str) -> bool:
        return any(r.doc_frequency(field, term) for r, _ in self._leaves)

    def expand(self, field: str, prefix: str, limit: int = 3000) -> list[str]:
        """Terms of a field that start with `prefix` (at most `limit` looked at per segment)."""
        out: set[str] = set()
        for reader, _ in self._leaves:
            for i, term in enumerate(reader.expand_prefix(field, prefix)):
                if i >= limit:
                    break
                out.add(term.decode("utf-8") if isinstance(term, bytes) else term)
        return sorted(out)

    def idf(self, count: int) -> float:
        return math.log(1 + self.size / (1 + count))

    def _read(self, field: str, term: str) -> list[int]:
        out: list[int] = []
        for reader, offset in self._leaves:
            if not reader.doc_frequency(field, term):
                continue
            matcher = reader.postings(field, term)
            if hasattr(matcher, "_read_data") and hasattr(matcher, "_next_block"):
                # whoosh3 block postings: a block at a time, its delta-coded ids summed in C
                # (Whoosh decodes them in a Python generator, one call per posting).
                while matcher.is_active():
                    if matcher._data is None:
                        matcher._read_data()
                    if matcher._byteids:
                        out.extend(i + offset for i in matcher._data[0])
                    else:
                        ids = accumulate(matcher._data[0], initial=offset)
                        next(ids)
                        out.extend(ids)
                    if matcher._lastblock:
                        break
                    matcher._next_block()
            else:      # postings stored inline with the term (short lists)
                out.extend(i + offset for i in matcher.all_ids())
        return out
