"""Per-group summaries of scored rows (--group-by): count, and per principle mean, spread, disagreement."""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Iterator
from typing import Any

from ..model import PRINCIPLE_IDS
from ..scoring import depth_id, disagrees, level_of
from .headers import fold
from .rows import Scored


class GroupStats:
    """Running count, mean, min and max of each principle's score for one group, in one small array
    (about 250 bytes a group, so 100,000 groups fit in tens of megabytes)."""

    __slots__ = ("count", "name", "stats")

    def __init__(self, name: str):
        self.name = name
        self.count = 0
        # Per principle: answered count, total, lowest, highest (lowest/highest NaN until one is seen).
        self.stats = array("d", [0.0, 0.0, math.nan, math.nan] * len(PRINCIPLE_IDS))

    def add(self, row: Scored) -> None:
        self.count += 1
        stats = self.stats
        for i, s in enumerate(row.scores):
            score = s.score
            if score is None:
                continue
            k = 4 * i
            stats[k] += 1
            stats[k + 1] += score
            if not stats[k + 2] <= score:  # NaN compares false: the first score sets it
                stats[k + 2] = score
            if not stats[k + 3] >= score:
                stats[k + 3] = score

    def summary(self) -> dict[str, Any]:
        """The group's count, and per principle its mean, level, lowest, highest and whether it disagrees."""
        principles = {}
        levels: dict[str, int | None] = {}
        for i, pid in enumerate(PRINCIPLE_IDS):
            n, total, low, high = self.stats[4 * i : 4 * i + 4]
            mean = total / n if n else None
            levels[pid] = None if mean is None else level_of(mean)
            principles[pid] = {
                "mean": None if mean is None else round(mean, 2),
                "level": levels[pid],
                "min": None if mean is None else low,
                "max": None if mean is None else high,
                "responses": int(n),
                "disagree": mean is not None and disagrees([low, high]),
            }
        return {"group": self.name, "count": self.count, "principles": principles, "depth": depth_id(levels)}


def summarise_groups(rows: Iterable[Scored], field: int) -> Iterator[dict[str, Any]]:
    """One summary per value of pass-through field number `field` (case and spacing folded), by name.
    Memory grows with the number of groups only; summaries are built one at a time."""
    groups: dict[str, GroupStats] = {}
    for row in rows:
        name = row.fields[field].strip() if field < len(row.fields) else ""
        key = fold(name)
        stats = groups.get(key)
        if stats is None:
            stats = groups[key] = GroupStats(name)
        stats.add(row)
    for key in sorted(groups):
        yield groups.pop(key).summary()
