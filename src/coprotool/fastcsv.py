"""The fast path of `coprotool score` for CSV in and CSV out.

Most survey rows are plain: no quotes, the right number of fields, every answer valid. For those, a
line is split on the delimiter, each principle's cells are looked up in a memo of already-scored
patterns, and the output line is joined from pre-formatted pieces, with no per-cell parsing at all.
Anything else (quotes, a wrong field count, a new or bad pattern) goes through the general path in
`batch.RowScorer`, which is exact and reports errors. The per-layout loop is generated once (as
`collections.namedtuple` does) so that each row costs a handful of dictionary look-ups.
"""
from __future__ import annotations

import csv
from collections.abc import Callable
from itertools import chain
from typing import TextIO

from .batch import Layout, Rejected, RowScorer, Scored, Table
from .model import PRINCIPLE_IDS

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MEMO_LIMIT = 100_000


def _fragment(result: tuple) -> str:
    score, level, _answered, _asked = result
    return ("" if score is None else f"{score:g}") + "," + ("" if level is None else str(level))


class FastCsv:
    """Turns a line into an output line, or returns None when the general path must handle it."""

    def __init__(self, scorer: RowScorer, layout: Layout, safe: bool):
        self.scorer = scorer
        self.memos: list[dict] = [{} for _ in PRINCIPLE_IDS]
        self.depths: dict[tuple, str] = {}
        self.safe = safe
        self.loop = self._compile(layout)

    def _compile(self, layout: Layout) -> Callable:
        """Build `loop(lines, line_no, write, slow)`: writes plain lines, hands others to `slow`.

        `slow(text, line_no)` returns (lines it consumed beyond the first, stop?)."""
        delim = layout.delimiter
        width = len(layout.columns)
        cols = {pid: [c.index for c in layout.questions if c.question.split(".")[0] == pid] for pid in PRINCIPLE_IDS}
        memos = ", ".join(f"m{i}=m{i}" for i in range(6))
        body = [
            f"def loop(lines, line_no, write, slow, tick, {memos}, depths=depths, FS=FS, NAMES=NAMES):",
            "    scored = 0",
            "    for text in lines:",
            "        line_no += 1",
            "        if '\"' in text:",
            "            extra, stop = slow(text, line_no)",
            "            line_no += extra",
            "            if stop:",
            "                break",
            "            continue",
            f"        row = text.rstrip('\\r\\n').split({delim!r})",
            f"        if len(row) != {width}:",
            "            extra, stop = slow(text, line_no)",
            "            line_no += extra",
            "            if stop:",
            "                break",
            "            continue",
        ]
        for i, pid in enumerate(PRINCIPLE_IDS):
            key = "(" + "".join(f"row[{j}], " for j in cols[pid]) + ")"
            body.append(f"        r{i} = m{i}.get({key})")
        checks = " or ".join(f"r{i} is None" for i in range(6))
        body += [f"        tail = None if {checks} else depths.get(("
                 + "".join(f"r{i}[1], " for i in range(6)) + "))",
                 "        if tail is None:",
                 "            extra, stop = slow(text, line_no)",
                 "            line_no += extra",
                 "            if stop:",
                 "                break",
                 "            continue"]
        fields = []
        for k, c in enumerate(layout.passthrough):
            body.append(f"        p{k} = row[{c.index}]")
            if self.safe:
                body += [f"        if p{k}[:1] in FS:", f"            p{k} = \"'\" + p{k}"]
            fields.append(f"{{p{k}}}")
        if delim != "," and layout.passthrough:
            # A comma inside a field would need quoting in the comma-separated output.
            cond = " or ".join(f"',' in p{k}" for k in range(len(layout.passthrough)))
            body += [f"        if {cond}:", "            extra, stop = slow(text, line_no)", "            line_no += extra",
                     "            if stop:", "                break", "            continue"]
        pieces = fields + [f"{{r{i}[2]}}" for i in range(6)]
        answered = " + ".join(f"r{i}[4]" for i in range(6))
        weak = ", ".join(f"r{i}[3]" for i in range(6))
        body += [f"        write(f\"{','.join(pieces)},{{{answered}}}{{tail}}{{NAMES[min({weak}) & 7]}}\\n\")",
                 "        scored += 1",
                 "        if not scored & 16383:",
                 "            tick()",
                 "    return scored"]
        namespace = {f"m{i}": self.memos[i] for i in range(6)}
        namespace.update(depths=self.depths, FS=FORMULA_START, NAMES=[*PRINCIPLE_IDS, "", ""])
        exec("\n".join(body), namespace)  # noqa: S102 - code built above from column numbers only
        return namespace["loop"]

    def learn(self, raw: list[str], row: Scored) -> None:
        """Remember the pieces of a row the general path scored, so lines like it take the fast path."""
        for i, (_pid, get, _headers, _asked, _memo) in enumerate(self.scorer.principles):
            memo = self.memos[i]
            if len(memo) < MEMO_LIMIT:
                result = row.scores[i]
                # An int that sorts by score, then principle order; unscored sorts last and names nothing.
                weak = (1 << 30) + 7 if result[0] is None else round(result[0] * 100) * 8 + i
                memo[get(raw)] = (result[0], result[1], _fragment(result), weak, result[2])
        levels = tuple(r[1] for r in row.scores)
        if levels not in self.depths:
            self.depths[levels] = f"/{row.asked},{row.depth},"


def run_csv(table: Table, scorer: RowScorer, out: TextIO, safe: bool,
            on_reject: Callable[[Rejected], bool], tick: Callable[[], None] = lambda: None) -> int:
    """Score every row of `table` into `out` as CSV; returns the number scored.

    `on_reject` is told of each bad row and returns True to stop there.
    """
    from .render.batch import CsvOut

    general = CsvOut(out, table.layout, safe)  # writes the header row
    fast = FastCsv(scorer, table.layout, safe)
    delimiter = table.layout.delimiter
    # Lines in blocks: iterating a list is cheaper than asking the file for each line.
    lines = chain.from_iterable(iter(lambda: table.stream.readlines(1 << 16), []))
    scored = 0

    def score_row(line_no: int, row: list[str]) -> bool:
        nonlocal scored
        result = scorer.score(line_no, row)
        if isinstance(result, Rejected):
            return on_reject(result)
        general.write(result)
        if len(row) == scorer.width:
            fast.learn(row, result)
        scored += 1
        return False

    def slow(text: str, line_no: int) -> tuple[int, bool]:
        reader = csv.reader(chain((text,), lines), delimiter=delimiter)
        row = next(reader, None)  # a quoted field may span lines: the reader takes what it needs
        return reader.line_num - 1, bool(row) and score_row(line_no, row)

    for line_no, row in table.pending:
        if score_row(line_no, row):
            return scored
    fast_scored = fast.loop(lines, table.line, out.write, slow, tick)
    return scored + fast_scored
