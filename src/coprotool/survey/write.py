"""Scored rows and rejected rows as CSV: formula-like cells neutralised, rows that read back the same."""

from __future__ import annotations

import contextlib
import csv
import gc
import re
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any

from ..model import PRINCIPLE_IDS
from .headers import Layout
from .open import ScoreRun
from .read import Broken, Record
from .rows import Rejected, Scored

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_QUOTED = re.compile('[,"\r\n]')  # what makes the csv module quote a field
# In pass-through cells joined with commas and rows joined with LF (both counted apart): what sends a run
# the slow way: a quote, a CR or a NUL; and, when formulas are neutralised, a cell starting with = + - @
# or tab. Plain substring tests: a regular expression over a whole run takes many times longer, and a
# character that is not there at all (most often) is the quickest test.
_CARE = ('"', "\r", "\x00")
_FORMULA_STARTS = [(start, "," + start, "\n" + start) for start in "=+-@\t"]
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise(value: str) -> str:
    """Stop a spreadsheet reading a cell as a formula: prefix a quote to = + - @ tab or CR at the start,
    unless the cell is a plain number such as -2.5."""
    if value and value[0] in FORMULA_START and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def result_columns() -> list[str]:
    cols = []
    for pid in PRINCIPLE_IDS:
        cols += [f"{pid}_score", f"{pid}_level"]
    return [*cols, "coverage", "depth", "weakest"]


def result_cells(row: Scored) -> list[str]:
    """The scores, levels, coverage, depth and weakest principle of a row, as CSV cells."""
    tail = []
    for s in row.scores:
        tail += ["" if s.score is None else f"{s.score:g}", "" if s.level is None else str(s.level)]
    return [*tail, f"{row.answered}/{row.asked}", row.depth, row.weakest or ""]


class CsvOut:
    """Rows as CSV, as the csv module writes them: a field holding a comma, a quote, a CR or an LF is
    quoted, so the output reads back to the same rows. Other rows are joined as they are (the result
    columns come as text already), which is the same bytes, sooner."""

    def __init__(
        self,
        write: Callable[[str], object],
        layout: Layout,
        safe: bool = True,
        clean: Callable[[str], str] | None = None,
    ):
        """`safe`: neutralise formulas; `clean`: the terminal sanitiser, for CSV written to standard output."""
        self.layout = layout
        self.safe = safe
        self.clean = clean
        self._write = write
        self.writer = csv_writer(write)

    def _cells(self, cells: Sequence[str]) -> list[str]:
        clean = self.clean
        if clean is not None:
            cells = [clean(c) for c in cells]
        return [neutralise(c) for c in cells] if self.safe else list(cells)

    def columns(self) -> list[str]:
        """The result columns' names (our own: nothing to neutralise there)."""
        return result_columns()

    def header(self) -> None:
        self.writer.writerow([*self._cells([c.header for c in self.layout.passthrough]), *self.columns()])

    def write(self, row: Scored) -> None:
        fields = self._cells(row.fields)
        if not row.results or any(map(_QUOTED.search, fields)):
            self.writer.writerow([*fields, *result_cells(row)])
        else:
            self._write(",".join([*fields, row.results]) + "\n")


def write_csv(
    run: ScoreRun,
    out: Callable[[str], object],
    safe: bool,
    on_reject: Callable[[Rejected], bool],
    tick: Callable[[], None] = lambda: None,
    clean: Callable[[str], str] | None = None,
) -> int:
    """Score every row of an open survey into `out` as CSV; the number of rows scored. Each bad row goes
    to `on_reject`, which returns True to stop there. `clean` (text.safe_text, for standard output) is
    applied to every cell and header.

    Rows come in batches, and the run's one scorer gives each batch's result text in runs (`runs`). A
    run whose pass-through cells need no quoting or neutralising is written as joined text, a batch at a
    time; any other row goes through `score` and `CsvOut`. Both give the same bytes (tests/test_golden.py)."""
    run.require_questions()
    writer = CsvOut(out, run.layout, safe, clean)
    writer.header()
    scorer, pass_get = run.scorer, run.scorer.pass_get
    plain = _Plain(len(run.layout.passthrough) - 1, safe, clean)
    scored = 0

    def one(rec: Record | Broken) -> bool:
        """Score and write one record the slow way (or reject it); True to stop."""
        nonlocal scored
        result = run.score_record(rec)
        if isinstance(result, Rejected):
            return on_reject(result)
        writer.write(result)
        scored += 1
        return False

    with _cycle_collector_paused():
        for batch in run.batches():
            if isinstance(batch, Broken):
                if one(batch):
                    break
                continue
            rows, lines, at = batch.rows, batch.lines, 0
            heads = list(map(",".join, map(pass_get, rows))) if plain.commas >= 0 else None
            for run_lines in scorer.runs(rows, heads):
                if run_lines is None:
                    if one(Record(lines[at], rows[at], 1)):
                        return scored
                    at += 1
                    continue
                end = at + len(run_lines)
                if heads is None or plain.all(heads[at:end]):
                    out("".join(run_lines))
                    scored += len(run_lines)
                else:  # row by row: those whose cells need care go through `score` and `CsvOut`
                    for i, line in zip(range(at, end), run_lines):
                        if plain.all([heads[i]]):
                            out(line)
                            scored += 1
                        elif one(Record(lines[i], rows[i], 1)):  # a NUL byte in a pass-through cell rejects it
                            return scored
                at = end
            tick()
        return scored


@contextlib.contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while rows are scored. A batch makes thousands of short-lived
    tuples and lists, none in a reference cycle (reference counting frees them all), and the collector
    would walk them again and again: at a million rows that was a fifth of the time."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class _Plain:
    """Whether rows' pass-through cells, joined, are what the csv module would write: no quote, CR, LF or
    NUL, no comma inside a cell, nothing the sanitiser changes and, when formulas are neutralised, no cell
    starting with = + - @ or tab. Checked over a whole run at once."""

    def __init__(self, commas: int, safe: bool, clean: Callable[[str], str] | None):
        self.commas = commas  # in each row's joined cells; -1 when there are no pass-through cells
        self.safe = safe
        self.clean = clean

    def all(self, heads: list[str]) -> bool:
        text = "\n".join(heads)
        return (
            text.count(",") == self.commas * len(heads)
            and text.count("\n") == len(heads) - 1
            and not any(care in text for care in _CARE)
            and not (self.safe and _formula_start(text))
            and (self.clean is None or self.clean(text) == text)
        )


def _formula_start(text: str) -> bool:
    """Whether a cell of these joined rows starts with = + - @ or tab."""
    if text.startswith(FORMULA_START):
        return True
    return any(char in text and (comma in text or line in text) for char, comma, line in _FORMULA_STARTS)


class _LfSink:
    """Hands the csv module's rows on with LF endings. The writer is set to end rows with CRLF so that it
    quotes any field holding a CR or an LF (it quotes only the line terminator's characters)."""

    def __init__(self, write: Callable[[str], object]):
        self._write = write

    def write(self, line: str) -> object:
        return self._write(line[:-2] + "\n")


def csv_writer(write: Callable[[str], object], delimiter: str = ",") -> Any:
    """A csv writer whose rows end with LF and read back to the same fields."""
    return csv.writer(_LfSink(write), delimiter=delimiter, lineterminator="\r\n")


def write_rejects(out: IO[str], layout: Layout, delimiter: str, safe: bool) -> Callable[[Rejected], None]:
    """A function writing each rejected row, unchanged but for formula protection, with its reason."""
    writer = csv_writer(out.write, delimiter or ",")
    header = [c.header for c in layout.columns] + ["coprotool_error"]
    writer.writerow([neutralise(h) for h in header] if safe else header)

    def add(r: Rejected) -> None:
        column = f"{r.column}: " if r.column else ""
        cells = [*r.raw, f"line {r.line}: {column}{r.reason}"]
        writer.writerow([neutralise(c) for c in cells] if safe else cells)

    return add
