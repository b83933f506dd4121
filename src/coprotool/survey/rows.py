"""Scoring rows: each principle's cells read on the scale, averaged and levelled; a bad cell rejects its row.

One path for every row and every output. A survey column holds a handful of distinct strings, so each
column decodes a cell value once (a dict per column), and each principle scores a pattern of cells once (a
dict per principle); a row then costs a look-up per principle. Each pattern's result carries its CSV
text, so writing a row is a join. `runs` does this for a batch of rows a step at a time, each step one
pass over the batch (`map` over a list), which is where the time goes when a file has a million rows.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from itertools import islice, repeat
from operator import attrgetter, itemgetter
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


class Rank(float):
    """A principle's score as a candidate for weakest, knowing its principle. Ranks compare as numbers,
    and `min` returns the first of equal ones, so over ranks in the catalogue's order it gives the rule of
    scoring.weakest: the lowest score first, ties in order."""

    principle: str

    def __new__(cls, score: float, principle: str) -> Rank:
        rank = super().__new__(cls, score)
        rank.principle = principle
        return rank


UNRANKED = Rank(math.inf, "")  # a principle that cannot be weakest: not assessed, or at the top level
_PRINCIPLE = attrgetter("principle")


class _Pattern(NamedTuple):
    """One principle's result for one pattern of cells. A batch reads the first four fields of many
    patterns at once, so `score`, which only `score` needs, comes last."""

    text: str  # 'score,level,' as CSV cells, each with its comma
    answered: int
    level: int | None
    rank: Rank
    score: PrincipleScore


class _Bad(NamedTuple):
    """A cell that is not on the scale: the column and the reason, for the rejected row."""

    column: str
    reason: str
    pos: int  # the column's number, from 0


Getter = Callable[[Sequence[str]], tuple[str, ...]]
Levels = tuple["int | None", ...]


class _Depths(dict[Levels, str]):
    """Depth by the principles' levels, worked out the first time a set of levels is seen (a few hundred
    at most), so a batch's depths are one `map` over this dict; each with its comma, for a line of CSV."""

    def __missing__(self, levels: Levels) -> str:
        depth = self[levels] = depth_id(dict(zip(PRINCIPLE_IDS, levels))) + ","
        return depth


Decoded = dict[str, "int | _Bad | None"]
Column = tuple[str, int, "Decoded"]  # a question column's short header, its number, and its cells decoded


class _Principle(NamedTuple):
    id: str
    order: int
    decoded: list[Column]  # per column: its short header, its number and the values decoded so far
    asked: int
    # Each result made so far, by (sum, count) of the answers: many patterns share one ('1,2,' and '2,1,').
    results: dict[tuple[int, int], _Pattern]


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
            principle = _Principle(p.id, i, decoded, len(p.questions), {})
            self._principles.append((_getter([c.pos for c in cols]), {}, principle))
        self._lookups = [(get, memo) for get, memo, _principle in self._principles]
        self._depths = _Depths()  # depth depends on the levels alone
        self._coverage = [f"{n}/{self.asked}," for n in range(self.asked + 1)]

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
        texts, counts, levels, ranks, scores = zip(*patterns)
        depth = self._depths[levels][:-1]
        weak = min(ranks).principle or None
        answered = sum(counts)
        results = f"{''.join(texts)}{answered}/{self.asked},{depth},{weak or ''}"
        return Scored(line, list(self.pass_get(row)), scores, depth, weak, answered, self.asked, results)

    def runs(self, rows: list[list[str]], heads: list[str] | None = None) -> Iterator[list[str] | None]:
        """Each row of a batch as a line of CSV text, in order, in runs: a list of lines for rows that
        score, or None for one row the caller gives to `score` (its width differs, it holds a NUL byte, or
        a cell is not on the scale). A line is the row's head (from `heads`: its pass-through cells as
        CSV, from the caller), then the result columns, then LF. A pattern not seen before is learnt, in
        row order, only as the run holding it is asked for: a caller that stops at a bad row has decoded
        nothing after it."""
        width = self.width
        slow = {i for i, row in enumerate(rows) if len(row) != width} if set(map(len, rows)) != {width} else set()
        if slow:
            blank = [""] * width  # stands in for a row of the wrong width while the batch is looked up
            rows = [blank if i in slow else row for i, row in enumerate(rows)]
        # Per principle, each row's pattern, or None when it is new.
        found = [list(map(memo.get, map(get, rows))) for get, memo in self._lookups]
        new = {i for patterns in found if None in patterns for i, p in enumerate(patterns) if p is None}
        start = 0
        for i in sorted(new | slow):
            if i not in slow and "\x00" not in "".join(rows[i]):  # a cell with a NUL byte is never learnt
                learnt = self._patterns(rows[i])
                if not isinstance(learnt, _Bad):
                    for patterns, pattern in zip(found, learnt):
                        patterns[i] = pattern
                    continue
            if i > start:
                yield self._lines(found, heads, start, i)
            yield None
            start = i + 1
        if start < len(rows):
            yield self._lines(found, heads, start, len(rows))

    def _lines(self, found: list[list[_Pattern | None]], heads: list[str] | None, start: int, end: int) -> list[str]:
        """The lines of rows start to end, whose patterns are all known, a step at a time over them all."""
        # Per principle, its patterns' texts, counts, levels and ranks, each as a tuple over the rows
        # (zip(*patterns) turns the rows' patterns into their fields; `score` is left unread).
        texts, counts, levels, ranks = zip(*[islice(zip(*patterns[start:end]), 4) for patterns in found])
        coverage = map(self._coverage.__getitem__, map(sum, zip(*counts)))
        depths = map(self._depths.__getitem__, zip(*levels))
        weakest = map(_PRINCIPLE, map(min, zip(*ranks)))
        # Each piece but the last ends with its comma: a line is the pieces joined.
        if heads is None:
            return list(map("".join, zip(*texts, coverage, depths, weakest, repeat("\n"))))
        return list(map("".join, zip(heads[start:end], repeat(","), *texts, coverage, depths, weakest, repeat("\n"))))

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
        key = (sum(values), len(values))
        result = principle.results.get(key)
        if result is None:
            result = principle.results[key] = _result(principle, *key)
        return result

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


def _result(principle: _Principle, total: int, count: int) -> _Pattern:
    """A principle's result for answers adding up to `total` over `count` answered questions."""
    pid, asked = principle.id, principle.asked
    if not count:
        return _Pattern(",,", 0, None, UNRANKED, PrincipleScore(pid, None, None, 0, asked))
    mean = total / count
    score = PrincipleScore(pid, round(mean, 2), level_of(mean), count, asked)
    # The same rule as scoring.weakest: the lowest score first, ties in order, the top level left out.
    rank = UNRANKED if level_of(mean) >= SCALE_MAX else Rank(round(mean, 2), pid)
    return _Pattern(f"{score.score:g},{score.level},", count, score.level, rank, score)


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
