"""Sorted spans with O(log n) "which spans touch this range" lookups."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


class SpanTable(Generic[T]):
    """Spans ``(start, end, item)`` sorted by start, overlaps allowed.

    ``max_ends[i]`` is the largest end among the first ``i + 1`` spans; it
    never decreases, so the first span that can reach past an offset is a
    binary search away.  A lookup costs O(log n + spans near the range).
    """

    __slots__ = ("starts", "ends", "items", "max_ends")

    def __init__(self, spans: Iterable[tuple[int, int, T]]) -> None:
        rows = sorted(spans, key=lambda row: (row[0], row[1]))
        self.starts: list[int] = [row[0] for row in rows]
        self.ends: list[int] = [row[1] for row in rows]
        self.items: list[T] = [row[2] for row in rows]
        self.max_ends: list[int] = []
        high = -1
        for end in self.ends:
            high = max(high, end)
            self.max_ends.append(high)

    def __len__(self) -> int:
        return len(self.starts)

    def overlapping(self, start: int, end: int) -> list[int]:
        """Indexes of the spans sharing at least one character with ``[start, end)``."""
        lo = bisect.bisect_right(self.max_ends, start)
        hi = bisect.bisect_left(self.starts, end)
        ends = self.ends
        return [i for i in range(lo, hi) if ends[i] > start]

    def covering(self, offset: int) -> list[int]:
        """Indexes of the spans containing ``offset``."""
        return self.overlapping(offset, offset + 1)

