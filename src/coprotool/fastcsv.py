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
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import TextIO

from .batch import FORMULA_START, CsvOut, Layout, Rejected, RowScorer, Scored, Table
from .model import PRINCIPLE_IDS

MEMO_LIMIT = 100_000
MAX_LINE = 100_000  # longer lines go to the csv module, which enforces its field size limit


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

        def otherwise_slow(condition: str) -> list[str]:
            """Lines that hand the current line to the general path when `condition` holds."""
            return [
                f"        if {condition}:",
                "            extra, stop = slow(text, line_no)",
                "            line_no += extra",
                "            if stop:",
                "                break",
                "            continue",
            ]

        body = [
            f"def loop(lines, line_no, write, slow, tick, {memos}, depths=depths, FS=FS, NAMES=NAMES):",
            "    scored = 0",
            "    for text in lines:",
            "        line_no += 1",
            *otherwise_slow(f"'\"' in text or '\\x00' in text or len(text) > {MAX_LINE}"),
            f"        row = text.rstrip('\\r\\n').split({delim!r})",
            *otherwise_slow(f"len(row) != {width}"),
        ]
        for i, pid in enumerate(PRINCIPLE_IDS):
            key = "(" + "".join(f"row[{j}], " for j in cols[pid]) + ")"
            body.append(f"        r{i} = m{i}.get({key})")
        checks = " or ".join(f"r{i} is None" for i in range(6))
        body += [
            f"        tail = None if {checks} else depths.get((" + "".join(f"r{i}[1], " for i in range(6)) + "))",
            *otherwise_slow("tail is None"),
        ]
        fields = []
        for k, c in enumerate(layout.passthrough):
            body.append(f"        p{k} = row[{c.index}]")
            if self.safe:
                body += [f"        if p{k}[:1] in FS:", f'            p{k} = "\'" + p{k}']
            fields.append(f"{{p{k}}}")
        if delim != "," and layout.passthrough:
            # A comma inside a field would need quoting in the comma-separated output.
            cond = " or ".join(f"',' in p{k}" for k in range(len(layout.passthrough)))
            body += otherwise_slow(cond)
        pieces = fields + [f"{{r{i}[2]}}" for i in range(6)]
        answered = " + ".join(f"r{i}[4]" for i in range(6))
        weak = ", ".join(f"r{i}[3]" for i in range(6))
        body += [
            f'        write(f"{",".join(pieces)},{{{answered}}}{{tail}}{{NAMES[min({weak}) & 7]}}\\n")',
            "        scored += 1",
            "        if not scored & 16383:",
            "            tick()",
            "    return scored",
        ]
        namespace = {f"m{i}": self.memos[i] for i in range(6)}
        namespace.update(depths=self.depths, FS=FORMULA_START, NAMES=[*PRINCIPLE_IDS, "", ""])
        exec("\n".join(body), namespace)
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


class CsvScorer:
    """Scores lines of CSV text into CSV output: the fast loop, and the general path beside it."""

    def __init__(self, scorer: RowScorer, layout: Layout, safe: bool):
        self.scorer = scorer
        self.fast = FastCsv(scorer, layout, safe)
        self.general = CsvOut(None, layout, safe)
        self.delimiter = layout.delimiter

    def run(
        self,
        lines: Iterator[str],
        line_no: int,
        write: Callable[[str], object],
        on_reject: Callable[[Rejected], bool],
        tick: Callable[[], None] = lambda: None,
        pending: Iterable[tuple[int, list[str]]] = (),
    ) -> int:
        """Score `lines` (the physical lines after line `line_no`); returns how many rows scored."""
        scorer, fast, general = self.scorer, self.fast, self.general
        general.bind(write)
        scored = 0

        def score_row(at: int, row: list[str]) -> bool:
            nonlocal scored
            result = scorer.score(at, row)
            if isinstance(result, Rejected):
                return on_reject(result)
            general.write(result)
            if len(row) == scorer.width:
                fast.learn(row, result)
            scored += 1
            return False

        def slow(text: str, at: int) -> tuple[int, bool]:
            reader = csv.reader(chain((text,), lines), delimiter=self.delimiter)
            row = next(reader, None)  # a quoted field may span lines: the reader takes what it needs
            return reader.line_num - 1, bool(row) and score_row(at, row)

        for at, row in pending:
            if score_row(at, row):
                return scored
        fast_scored = fast.loop(lines, line_no, write, slow, tick)
        return scored + fast_scored


def run_csv(
    table: Table,
    scorer: RowScorer,
    out: TextIO,
    safe: bool,
    on_reject: Callable[[Rejected], bool],
    tick: Callable[[], None] = lambda: None,
    workers: int = 1,
) -> int:
    """Score every row of `table` into `out` as CSV; returns the number scored.

    `on_reject` is told of each bad row (in order) and returns True to stop there. With workers > 1,
    blocks of whole records are scored in parallel processes and written back in order.
    """
    CsvOut(out, table.layout, safe).header()
    if workers > 1 and _can_fork():
        return _run_parallel(table, scorer, out, safe, on_reject, tick, workers)
    # Lines in blocks: iterating a list is cheaper than asking the file for each line.
    lines = chain.from_iterable(iter(lambda: table.stream.readlines(1 << 16), []))
    return CsvScorer(scorer, table.layout, safe).run(lines, table.line, out.write, on_reject, tick, table.pending)


# -- parallel --------------------------------------------------------------------------------------
BLOCK_LINES = 4_000
_STATE: dict = {}  # set in the parent before the workers fork; each worker builds its own memos


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _blocks(stream: TextIO, first_line: int) -> Iterator[tuple[int, list[str]]]:
    """(line number before the block, lines) with every block made of whole records: a block ends only
    where the count of quote characters so far is even, so no quoted field is cut in two."""
    block, quotes = [], 0
    start = first_line
    for text in chain.from_iterable(iter(lambda: stream.readlines(1 << 16), [])):
        block.append(text)
        quotes += text.count('"')
        if len(block) >= BLOCK_LINES and not quotes % 2:
            yield start, block
            start += len(block)
            block = []
    if block:
        yield start, block


def _work(job: tuple[int, list[str]]) -> tuple[str, list[Rejected], int]:
    start, lines = job
    worker = _STATE.get("worker")
    if worker is None:
        worker = _STATE["worker"] = CsvScorer(
            RowScorer(_STATE["fw"], _STATE["layout"]), _STATE["layout"], _STATE["safe"]
        )
    parts: list[str] = []
    rejects: list[Rejected] = []
    scored = worker.run(iter(lines), start, parts.append, lambda r: rejects.append(r) or False)
    return "".join(parts), rejects, scored


def _run_parallel(
    table: Table,
    scorer: RowScorer,
    out: TextIO,
    safe: bool,
    on_reject: Callable[[Rejected], bool],
    tick: Callable[[], None],
    workers: int,
) -> int:
    import multiprocessing
    from collections import deque

    # Rows read while looking at the header are scored here, first, in order.
    scored = CsvScorer(scorer, table.layout, safe).run(iter(()), table.line, out.write, on_reject, tick, table.pending)
    _STATE.update(fw=scorer.fw, layout=table.layout, safe=safe)
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(workers) as pool:
        window: deque = deque()
        blocks = _blocks(table.stream, table.line)
        stop = False
        for job in blocks:
            window.append(pool.apply_async(_work, (job,)))
            if len(window) > workers:  # a bounded number in flight keeps memory flat
                stop, count = _drain(window.popleft().get(), out, on_reject)
                scored += count
                tick()
                if stop:
                    break
        while window and not stop:
            stop, count = _drain(window.popleft().get(), out, on_reject)
            scored += count
        if stop:
            pool.terminate()
    _STATE.clear()
    return scored


def _drain(
    result: tuple[str, list[Rejected], int], out: TextIO, on_reject: Callable[[Rejected], bool]
) -> tuple[bool, int]:
    """Write a finished block and report its bad rows in order; (stop?, rows scored)."""
    text, rejects, count = result
    out.write(text)
    stop = False
    for r in rejects:
        stop = on_reject(r) or stop
    return stop, count
