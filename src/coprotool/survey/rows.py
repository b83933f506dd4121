"""Scoring rows: each principle's cells read on the scale, averaged and levelled; a bad cell rejects its row.

One path for every row and every output. A survey column holds a handful of distinct strings, so each
column decodes a cell value once (a dict per column), and each principle scores a pattern of cells once (a
dict per principle); a row then costs a look-up per principle. Each pattern's result carries its CSV
text, so writing a row is a join.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import NamedTuple

from ..errors import excerpt
from ..i18n import _, ngettext, said, worded
from ..model import PRINCIPLE_IDS, SCALE_MAX, Framework
from ..scoring import BadValue, PrincipleScore, depth_id, level_of
from .coding import Coding
from .headers import Layout

MEMO_LIMIT = 50_000  # distinct values or patterns remembered per column or principle: memory stays flat


class Scored(NamedTuple):
    line: int
    fields: list[str]  # pass-through values, in column order
    scores: tuple[PrincipleScore, ...]  # in the catalogue's principle order
    depth: str
    weakest: str | None
    answered: int
    asked: int
    results: str = ""  # the result columns as CSV text (scores, levels, coverage, depth, weakest)


class Rejected(NamedTuple):
    line: int
    raw: list[str]  # the row exactly as read
    column: str
    reason: str
    pos: int = -1  # the bad cell's column number from 0; -1 for the whole row


class _Pattern(NamedTuple):
    """One principle's result for one pattern of cells (fields in the order a row gathers them)."""

    score: PrincipleScore
    level: int | None
    answered: int
    text: str  # 'score,level' as CSV cells
    rank: tuple[float, int, str]  # (score, order, id): the lowest is the weakest; unranked sorts last


UNRANKED = (math.inf, 0, "")  # a principle that cannot be weakest: not assessed, or at the top level


class _Bad(NamedTuple):
    """A cell that is not on the scale: the column and the reason, for the rejected row."""

    column: str
    reason: str
    pos: int  # the column's number, from 0


Getter = Callable[[Sequence[str]], tuple[str, ...]]
Decoded = dict[str, "int | _Bad | None"]
Column = tuple[str, int, "Decoded"]  # a question column's short header, its number, and its cells decoded


class _Principle(NamedTuple):
    id: str
    order: int
    decoded: list[Column]  # per column: its short header, its number and the values decoded so far
    asked: int


class RowScorer:
    """Scores raw rows for a layout."""

    def __init__(self, fw: Framework, layout: Layout, coding: Coding | None = None):
        self.coding = coding or Coding(fw)
        self.width = len(layout.columns)
        self.pass_get = _getter([c.pos for c in layout.passthrough])
        self.asked = sum(len(p.questions) for p in fw.principles)
        # Per principle: its cells' getter, its memo of patterns, and what a new pattern needs.
        self._principles: list[tuple[Getter, dict[tuple[str, ...], _Pattern], _Principle]] = []
        for i, p in enumerate(fw.principles):
            cols = [c for c in layout.questions if c.question and c.question.split(".")[0] == p.id]
            decoded: list[Column] = [(short(c.header), c.pos, {}) for c in cols]
            principle = _Principle(p.id, i, decoded, len(p.questions))
            self._principles.append((_getter([c.pos for c in cols]), {}, principle))
        self._lookups = [(get, memo) for get, memo, _principle in self._principles]
        self._depths: dict[tuple[int | None, ...], str] = {}  # depth depends on the levels alone

    def score(self, line: int, row: list[str], pad: bool = False) -> Scored | Rejected:
        """Score one row; a row whose field count differs from the header's is rejected (a workbook's
        short rows, `pad`, are filled with blanks)."""
        n = len(row)
        if n != self.width or "\x00" in "".join(row):
            if "\x00" in "".join(row):
                return Rejected(line, row, "", said(lambda: _("the row contains a NUL byte, so it is not plain text")))
            if not pad or n > self.width:
                return Rejected(line, row, "", _width_reason(n, self.width))
            row = row + [""] * (self.width - n)
        patterns = self._patterns(row)
        if isinstance(patterns, _Bad):
            return Rejected(line, row[:n], patterns.column, patterns.reason, patterns.pos)
        scores, levels, counts, texts, ranks = zip(*patterns)
        depth = self._depth(levels)
        weak = min(ranks)[2] or None
        answered = sum(counts)
        results = f"{','.join(texts)},{answered}/{self.asked},{depth},{weak or ''}"
        return Scored(line, list(self.pass_get(row)), scores, depth, weak, answered, self.asked, results)

    def results(self, row: list[str]) -> str | None:
        """The result columns' CSV text for a row of the header's width; None when the row is to be
        rejected (then `score` says why). The caller checks the pass-through cells for NUL bytes."""
        patterns = [memo.get(get(row)) for get, memo in self._lookups]
        if None in patterns:  # a pattern not seen yet (a cell with a NUL byte is never in a memo)
            if "\x00" in "".join(row):
                return None
            learnt = self._patterns(row)
            if isinstance(learnt, _Bad):
                return None
            patterns = learnt  # type: ignore[assignment]
        _scores, levels, counts, texts, ranks = zip(*patterns)
        return f"{','.join(texts)},{sum(counts)}/{self.asked},{self._depth(levels)},{min(ranks)[2]}"

    def _patterns(self, row: Sequence[str]) -> list[_Pattern] | _Bad:
        """Each principle's pattern for a row, scored once and remembered; the first bad cell instead."""
        patterns = []
        for get, memo, principle in self._principles:
            cells = get(row)
            found = memo.get(cells)
            if found is None:
                new = self._pattern(principle, cells)
                if isinstance(new, _Bad):
                    return new
                found = new
                if len(memo) < MEMO_LIMIT:
                    memo[cells] = found
            patterns.append(found)
        return patterns

    def _depth(self, levels: tuple[int | None, ...]) -> str:
        depth = self._depths.get(levels)
        if depth is None:
            depth = self._depths[levels] = depth_id(dict(zip(PRINCIPLE_IDS, levels)))
        return depth

    def _pattern(self, principle: _Principle, cells: tuple[str, ...]) -> _Pattern | _Bad:
        values = []
        for cell, (header, pos, known) in zip(cells, principle.decoded):
            if cell in known:
                value = known[cell]
            else:
                value = self._decode(cell, header, pos)
                if len(known) < MEMO_LIMIT:
                    known[cell] = value
            if isinstance(value, _Bad):
                return value
            if value is not None:
                values.append(value)
        pid, asked = principle.id, principle.asked
        if not values:
            return _Pattern(PrincipleScore(pid, None, None, 0, asked), None, 0, ",", UNRANKED)
        mean = sum(values) / len(values)
        score = PrincipleScore(pid, round(mean, 2), level_of(mean), len(values), asked)
        # The same rule as scoring.weakest: the lowest score first, ties in order, the top level left out.
        rank = UNRANKED if level_of(mean) >= SCALE_MAX else (round(mean, 2), principle.order, pid)
        return _Pattern(score, score.level, len(values), f"{score.score:g},{score.level}", rank)

    def _decode(self, cell: str, header: str, pos: int) -> int | _Bad | None:
        try:
            return self.coding.value(cell)
        except BadValue as exc:
            reason = exc.args[0] if exc.args else str(exc)
            expected = self.coding.expected
            return _Bad(
                header,
                said(
                    lambda: (
                        _("%(problem)s (expected %(expected)s, or blank)")
                        % {"problem": worded(reason), "expected": worded(expected)}
                    )
                ),
                pos,
            )


def _width_reason(n: int, width: int) -> str:
    def build() -> str:
        if n < width:
            text = ngettext(
                "the row has %(n)d field but the header has %(width)d (a line break or another delimiter inside "
                "an unquoted cell?)",
                "the row has %(n)d fields but the header has %(width)d (a line break or another delimiter inside "
                "an unquoted cell?)",
                n,
            )
        else:
            text = ngettext(
                "the row has %(n)d field but the header has %(width)d",
                "the row has %(n)d fields but the header has %(width)d",
                n,
            )
        return text % {"n": n, "width": width}

    return said(build)


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
