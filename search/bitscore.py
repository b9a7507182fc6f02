"""Integer scores for every unit at once, held as bit planes (bit-sliced counters).

Plane i is a bitmap of the units whose score has bit i set. Adding `points` to all units of a
bitmap is a ripple-carry add over the planes: a few big-int operations, whatever the number of
units. Comparisons with a threshold are done the same way, so the best units are found without
looking at the others one by one.
"""

from __future__ import annotations

from .postings import has, ids

PLANES = 12      # scores up to 4095


class Scores:
    def __init__(self, everything: int, planes: int = PLANES):
        self.all = everything
        self.planes = [0] * planes

    def add(self, bitmap: int, points: int) -> None:
        if not bitmap or points <= 0:
            return
        points = min(points, (1 << len(self.planes)) - 1)
        bit = 0
        while points:
            if points & 1:
                carry = bitmap
                for i in range(bit, len(self.planes)):
                    plane = self.planes[i]
                    self.planes[i] = plane ^ carry
                    carry &= plane
                    if not carry:
                        break
                else:
                    self._saturate(carry)
            points >>= 1
            bit += 1

    def _saturate(self, overflow: int) -> None:
        for i in range(len(self.planes)):
            self.planes[i] |= overflow

    def at_least(self, threshold: int) -> int:
        """Bitmap of the units scoring at least `threshold`."""
        if threshold <= 0:
            return self.all
        greater, equal = 0, self.all
        for i in range(len(self.planes) - 1, -1, -1):
            plane = self.planes[i]
            if threshold >> i & 1:
                equal &= plane
            else:
                greater |= equal & plane
                equal &= ~plane & self.all
            if not equal and not greater:
                break
        return greater | equal

    def value(self, docnum: int) -> int:
        return sum(1 << i for i, plane in enumerate(self.planes) if has(plane, docnum))

    def values(self, docnums: list[int]) -> dict[int, int]:
        """Scores of a few units: one AND per plane instead of a test per unit and plane."""
        out = dict.fromkeys(docnums, 0)
        size = (max(self.all.bit_length(), max(docnums, default=0) + 1) + 7) // 8
        for i, plane in enumerate(self.planes):
            raw = plane.to_bytes(size, "little")
            for d in docnums:
                if raw[d >> 3] >> (d & 7) & 1:
                    out[d] += 1 << i
        return out

    def best(self, within: int, n: int) -> list[int]:
        """Up to n units of `within` with the highest scores, best first (ties in index order).

        A radix select from the top plane down: `greater` holds the units already known to be
        above the threshold being built, `equal` those that match it so far."""
        if not within:
            return []
        greater, equal = 0, within
        for i in range(len(self.planes) - 1, -1, -1):
            high = equal & self.planes[i]
            if greater.bit_count() + high.bit_count() >= n:
                equal = high                     # the threshold has bit i: keep the high ones
            else:
                greater |= high                  # all of these are in; look among the rest
                equal &= ~self.planes[i]
        chosen = ids(greater)
        if len(chosen) < n:
            chosen += ids(equal, limit=n - len(chosen))
        values = self.values(chosen)
        return sorted(chosen, key=lambda d: (-values[d], d))
