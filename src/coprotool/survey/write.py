"""Scored rows and rejected rows as CSV: formula-like cells neutralised, rows that read back the same."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from typing import IO, Any

from ..model import PRINCIPLE_IDS
from .headers import Layout
from .rows import Rejected, Scored

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
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
    """Rows as CSV through the csv module (the general path; `fastcsv` handles plain rows). Any field
    holding a CR or LF is quoted, so the output reads back to the same rows."""

    def __init__(self, write: Callable[[str], object], layout: Layout, safe: bool = True):
        self.layout = layout
        self.safe = safe
        self.writer = csv_writer(write)

    def header(self) -> None:
        cells = [c.header for c in self.layout.passthrough]
        # result_columns() are our own names: nothing to neutralise there.
        self.writer.writerow([*([neutralise(c) for c in cells] if self.safe else cells), *result_columns()])

    def write(self, row: Scored) -> None:
        fields = [neutralise(f) for f in row.fields] if self.safe else row.fields
        self.writer.writerow([*fields, *result_cells(row)])


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
