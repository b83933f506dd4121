"""Scoring rows: each principle's cells read on the scale, averaged, levelled; a bad cell rejects its row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import NamedTuple

from ..errors import excerpt
from ..model import PRINCIPLE_IDS, Framework
from ..scoring import BadValue, PrincipleScore, depth_id, level_of, weakest
from .coding import Coding
from .headers import Layout


class Scored(NamedTuple):
    line: int
    fields: list[str]  # pass-through values, in column order
    scores: tuple[PrincipleScore, ...]  # in the catalogue's principle order
    depth: str
    weakest: str | None
    answered: int
    asked: int


class Rejected(NamedTuple):
    line: int
    raw: list[str]  # the row exactly as read
    column: str
    reason: str


Getter = Callable[[Sequence[str]], tuple[str, ...]]


class RowScorer:
    """Scores raw rows for a layout, memoising each principle's result on its raw cells."""

    def __init__(self, fw: Framework, layout: Layout, coding: Coding | None = None):
        self.fw = fw
        self.layout = layout
        self.coding = coding or Coding(fw)
        self.width = len(layout.columns)
        self.pass_get = _getter([c.pos for c in layout.passthrough])
        self.principles: list[tuple[str, Getter, list[str], int, dict[tuple[str, ...], PrincipleScore]]] = []
        for p in fw.principles:
            cols = [c for c in layout.questions if c.question and c.question.split(".")[0] == p.id]
            self.principles.append(
                (p.id, _getter([c.pos for c in cols]), [c.header for c in cols], len(p.questions), {})
            )
        self.asked = sum(len(p.questions) for p in fw.principles)
        self._depths: dict[tuple[int | None, ...], str] = {}  # depth depends on the levels alone

    def score(self, line: int, row: list[str], pad: bool = False) -> Scored | Rejected:
        """Score one row; a row whose field count differs from the header's is rejected (a workbook's
        short rows, `pad`, are filled with blanks)."""
        n = len(row)
        if any("\x00" in cell for cell in row):
            return Rejected(line, row, "", "the row contains a NUL byte, so it is not plain text")
        if n != self.width:
            if not pad or n > self.width:
                return Rejected(
                    line,
                    row,
                    "",
                    f"the row has {n} field{'s' if n != 1 else ''} but the header has {self.width}"
                    + (" (a line break or another delimiter inside an unquoted cell?)" if n < self.width else ""),
                )
            row = row + [""] * (self.width - n)
        results = []
        answered = 0
        for pid, get, headers, asked, memo in self.principles:
            cells = get(row)
            result = memo.get(cells)
            if result is None:
                scored = self._principle(pid, cells, headers, asked)
                if isinstance(scored, Rejected):
                    return scored._replace(line=line, raw=row[:n])
                result = scored
                if len(memo) < 50_000:  # bounded, so memory stays flat on unusual data
                    memo[cells] = result
            results.append(result)
            answered += result.answered
        levels = tuple(r.level for r in results)
        depth = self._depths.get(levels)
        if depth is None:
            depth = self._depths[levels] = depth_id(dict(zip(PRINCIPLE_IDS, levels)))
        weak = weakest(results, 1)
        return Scored(
            line, list(self.pass_get(row)), tuple(results), depth, weak[0] if weak else None, answered, self.asked
        )

    def _principle(self, pid: str, cells: tuple[str, ...], headers: list[str], asked: int) -> PrincipleScore | Rejected:
        values = []
        for cell, header in zip(cells, headers):
            try:
                value = self.coding.value(cell)
            except BadValue as exc:
                return Rejected(0, [], short(header), f"{exc} (expected {self.coding.expected}, or blank)")
            if value is not None:
                values.append(value)
        if not values:
            return PrincipleScore(pid, None, None, 0, asked)
        mean = sum(values) / len(values)
        return PrincipleScore(pid, round(mean, 2), level_of(mean), len(values), asked)


def _getter(indexes: list[int]) -> Getter:
    """A function returning a tuple of those cells (itemgetter, which returns a bare value for one)."""
    if not indexes:
        return lambda row: ()
    if len(indexes) == 1:
        i = indexes[0]
        return lambda row: (row[i],)
    return itemgetter(*indexes)  # a tuple for two or more indexes


def short(text: str, n: int = 40) -> str:
    text = excerpt(" ".join(text.split()), 200)
    return text if len(text) <= n else text[: n - 1] + "…"
