"""Units per index term, as bitmaps: what the ranker scores with.

A term's units are one Python int with bit d set for unit d. Intersections, unions and counts of
60,000-unit sets are then single C operations (microseconds), so every signal can be scored over
the whole candidate set (search/signals.py) instead of a pre-filtered few. Whoosh hands postings
out one call per posting; here a term's ids are read a block at a time from each segment, and
the bitmaps of recently used terms stay cached per generation (bounded in bytes).
"""

from __future__ import annotations

import math
import re
import threading
from collections import OrderedDict
from itertools import accumulate, compress

from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound

CACHE_BYTES = 32 * 2**20       # bitmaps kept per worker (half of it filled by warm())
_ONE = re.compile("1")
_AS_FLAGS = bytes.maketrans(b"01", b"\x00\x01")


class Postings:
    def __init__(self, searcher):
        self._leaves = [(sub.reader(), offset) for sub, offset in searcher.leaf_searchers()]
        self.size = sum(r.doc_count_all() for r, _ in self._leaves)     # bitmap width: every docnum
        # Units replaced by a later delta segment are deleted (segments.py): no bitmap holds them.
        dead = to_bits((d + offset for r, offset in self._leaves for d in getattr(r, "deleted_docs_set", ())),
                       self.size)
        self.all = ((1 << self.size) - 1) & ~dead
        self.count = self.all.bit_count()
        self._dead = bool(dead)
        self._cache: OrderedDict = OrderedDict()
        self._held = 0
        self._lock = threading.Lock()

    def bits(self, field: str, term: str, leaves=None) -> int:
        key = (field, term)
        with self._lock:
            found = self._cache.get(key)
            if found is not None:
                self._cache.move_to_end(key)
                return found
        bitmap = to_bits(self._read(field, term, leaves), self.size)
        if self._dead:
            bitmap &= self.all
        with self._lock:
            if key not in self._cache:
                self._cache[key] = bitmap
                self._held += bitmap.bit_length() // 8 + 32
                while self._held > CACHE_BYTES and len(self._cache) > 1:
                    _, old = self._cache.popitem(last=False)
                    self._held -= old.bit_length() // 8 + 32
        return bitmap

    def warm(self, searcher=None, fields=("t_body", "t_title", "t_body_bi"), share: float = 0.01) -> int:
        """Read the bitmaps of the commonest terms (in at least `share` of the units) into the
        cache: these long lists are the slow ones to read the first time. Returns how many.

        With `searcher` (a second searcher of the same index) the reads use its own files, so a
        background thread can warm while requests read through the first."""
        leaves = self._leaves if searcher is None else [(s.reader(), o) for s, o in searcher.leaf_searchers()]
        floor = max(1, int(share * self.size))
        done = 0
        for field in fields:
            common = {}
            for reader, _ in leaves:
                try:
                    for term, info in reader.iter_field(field):
                        common[term] = common.get(term, 0) + info.doc_frequency()
                except TermNotFound:
                    continue
            for term, count in sorted(common.items(), key=lambda kv: -kv[1]):
                if count < floor or self._held > CACHE_BYTES // 2:
                    break
                self.bits(field, term.decode("utf-8") if isinstance(term, bytes) else term, leaves)
                done += 1
        return done

    def frequency(self, field: str, term: str) -> int:
        return sum(_frequency(r, field, term) for r, _ in self._leaves)

    def known(self, field: str, term: str) -> bool:
        found = any(_frequency(r, field, term) for r, _ in self._leaves)
        return found and (not self._dead or bool(self.bits(field, term)))     # not only in deleted units

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
        return math.log(1 + self.count / (1 + count))

    def _read(self, field: str, term: str, leaves=None) -> list[int]:
        out: list[int] = []
        for reader, offset in leaves or self._leaves:
            if not _frequency(reader, field, term):
                continue
            matcher = reader.postings(field, term)
            if isinstance(matcher, FilterMatcher):      # deletions: masked by bits() instead, in C
                matcher = matcher.child
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


def _frequency(reader, field: str, term: str) -> int:
    try:
        return reader.doc_frequency(field, term)
    except TermNotFound:      # a field this generation's schema lacks: no units
        return 0


def to_bits(ids, size: int) -> int:
    raw = bytearray((size + 7) // 8)
    for i in ids:
        raw[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(raw, "little")


def ids(bitmap: int, limit: int | None = None) -> list[int]:
    """The set bits of a bitmap, in order (at most `limit`); the scan runs in C either way."""
    if not bitmap:
        return []
    digits = bin(bitmap)[:1:-1]           # bit 0 first
    if limit is not None or bitmap.bit_count() * 16 < len(digits):
        out = []
        for match in _ONE.finditer(digits):
            out.append(match.start())
            if limit is not None and len(out) >= limit:
                break
        return out
    return list(compress(range(len(digits)), digits.encode().translate(_AS_FLAGS)))


def select(values: list, bitmap: int):
    """The items of `values` (one per unit) whose unit is in the bitmap, in C: no list of ids."""
    digits = bin(bitmap)[:1:-1] if bitmap else ""
    return compress(values, digits.encode().translate(_AS_FLAGS))


def has(bitmap: int, docnum: int) -> bool:
    return bool(bitmap >> docnum & 1)
