"""Scored rows and rejected rows as CSV: formula-like cells neutralised, rows that read back the same."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Sequence
from typing import IO, Any

from ..model import PRINCIPLE_IDS
from .headers import Layout
from .open import ScoreRun
from .read import Record
from .rows import Rejected, Scored

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_QUOTED = re.compile('[,"\r\n]')  # what makes the csv module quote a field
# Joined pass-through cells that the csv module would write as they are: no quote, CR or LF (commas are
# counted apart); and, when formulas are neutralised, no cell starting with = + - @ tab or CR.
_PLAIN = re.compile('[^"\r\n]*')
_PLAIN_SAFE = re.compile('(?:[^=+\\-@\t\r,"\n][^,"\r\n]*)?(?:,(?:[^=+\\-@\t\r,"\n][^,"\r\n]*)?)*')
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

    Every row is read by the run's one scorer. A row whose patterns the scorer already knows (most rows:
    answers repeat) is written straight from its result text; any other row goes through `score`, which
    learns its patterns, and `CsvOut`. Both give the same bytes (tests/test_golden.py)."""
    run.require_questions()
    writer = CsvOut(out, run.layout, safe, clean)
    unchanged = (lambda text: True) if clean is None else (lambda text: clean(text) == text)
    writer.header()
    scorer, width, pass_get = run.scorer, run.scorer.width, run.scorer.pass_get
    # Pass-through cells joined as they are, unless one needs quoting or (when safe) neutralising.
    plain = _PLAIN_SAFE if safe else _PLAIN
    n_commas = len(run.layout.passthrough) - 1
    scored = 0
    for rec in run.records():
        if isinstance(rec, Record) and len(rec.fields) == width:
            results = scorer.results(rec.fields)
            if results is not None:
                head = ",".join(pass_get(rec.fields))
                if n_commas < 0 or (
                    head.count(",") == n_commas and "\x00" not in head and plain.fullmatch(head) and unchanged(head)
                ):
                    out(f"{head},{results}\n" if n_commas >= 0 else f"{results}\n")
                    scored += 1
                    if scored % 4096 == 0:
                        tick()
                    continue
        result = run.score_record(rec)
        if isinstance(result, Rejected):
            if on_reject(result):
                break
            continue
        writer.write(result)
        scored += 1
        if scored % 4096 == 0:
            tick()
    return scored


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
