"""Scored rows and group summaries for scripts and spreadsheets: JSON (a streamed array), JSON lines,
group CSV and workbooks. Machine outputs: the same bytes whatever the language."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..i18n import _
from ..model import PRINCIPLE_IDS
from ..text import is_safe
from .headers import Layout
from .rows import Scored
from .write import csv_writer, neutralise


def row_dict(row: Scored, layout: Layout) -> dict[str, Any]:
    """A row as the assessment JSON is shaped: scores per principle, depth, plus line and fields."""
    return {
        "line": row.line,
        "fields": {c.header: v for c, v in zip(layout.passthrough, row.fields)},
        "scores": {s.principle: s.as_dict() for s in row.scores},
        "coverage": {"answered": row.answered, "asked": row.asked},
        "depth": row.depth,
        "weakest": row.weakest,
    }


def json_text(data: object, escape_unsafe: bool = False) -> str:
    """`data` as JSON text; with `escape_unsafe` (for a terminal), every character text.safe_text would
    change is written as a \\u escape, so the JSON still reads back to the same values."""
    text = json.dumps(data, ensure_ascii=False)
    if not escape_unsafe or is_safe(text):
        return text
    return "".join(c if is_safe(c) else _u_escape(c) for c in text)


def _u_escape(c: str) -> str:
    n = ord(c)
    if n <= 0xFFFF:
        return f"\\u{n:04x}"
    high, low = divmod(n - 0x10000, 0x400)  # beyond the first plane: a surrogate pair, as JSON writes it
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


class JsonLinesOut:
    def __init__(self, out: TextIO, layout: Layout, escape_unsafe: bool = False):
        self.out, self.layout, self.escape = out, layout, escape_unsafe

    def write(self, row: Scored) -> None:
        self.out.write(json_text(row_dict(row, self.layout), self.escape) + "\n")

    def close(self) -> None:
        pass


class JsonOut:
    """A JSON array written as rows arrive, so it never sits in memory whole."""

    def __init__(self, out: TextIO, layout: Layout, escape_unsafe: bool = False):
        self.out, self.layout, self.first, self.escape = out, layout, True, escape_unsafe
        out.write("[")

    def write(self, row: Scored) -> None:
        self.out.write(("\n  " if self.first else ",\n  ") + json_text(row_dict(row, self.layout), self.escape))
        self.first = False

    def close(self) -> None:
        self.out.write("\n]\n" if not self.first else "]\n")


def groups_json(out: TextIO, groups: Iterable[dict[str, Any]], lines: bool) -> None:
    """Group summaries as an indented JSON array, or (`lines`) as JSON lines."""
    if lines:
        for g in groups:
            out.write(json.dumps(g, ensure_ascii=False) + "\n")
        return
    first = True
    out.write("[")
    for g in groups:
        out.write(("\n" if first else ",\n") + json.dumps(g, indent=2, ensure_ascii=False))
        first = False
    out.write("\n]\n" if not first else "]\n")


def group_header(column: str) -> list[str]:
    header = [column, "count"]
    for pid in PRINCIPLE_IDS:
        header += [f"{pid}_mean", f"{pid}_min", f"{pid}_max", f"{pid}_disagree"]
    return [*header, "depth"]


def group_cells(g: dict[str, Any]) -> list[Any]:
    """A group summary as a row of cells: numbers as numbers (None blank), the flag as yes or no."""
    row: list[Any] = [g["group"], g["count"]]
    for pid in PRINCIPLE_IDS:
        s = g["principles"][pid]
        row += [s["mean"], s["min"], s["max"], "yes" if s["disagree"] else "no"]
    return [*row, g["depth"]]


def group_csv(out: TextIO, groups: Iterable[dict[str, Any]], column: str, safe: bool = True, clean: Any = None) -> None:
    """Group summaries as CSV; `clean` (text.safe_text, for standard output) is applied to the names."""
    writer = csv_writer(out.write)
    header = group_header(clean(column) if clean else column)
    writer.writerow([neutralise(header[0]) if safe else header[0], *header[1:]])
    for g in groups:
        cells = ["" if v is None else f"{v:g}" if isinstance(v, float) else str(v) for v in group_cells(g)]
        cells[0] = clean(cells[0]) if clean else cells[0]
        cells[0] = neutralise(cells[0]) if safe else cells[0]
        writer.writerow(cells)


XLSX_ROWS = 1_048_576  # a worksheet's limit


def xlsx_cells(row: Scored) -> list[Any]:
    """A scored row as workbook cells: pass-through text, then numbers as numbers."""
    cells: list[Any] = list(row.fields)
    for s in row.scores:
        cells += [s.score, s.level]
    return [*cells, f"{row.answered}/{row.asked}", row.depth, row.weakest or ""]


def write_xlsx(header: list[str], rows: Iterable[list[Any]], sheet: str) -> bytes:
    """A workbook with one sheet: the header, then the rows; text always stored as text (never a formula),
    numbers as numbers. XlsxWriter's constant-memory mode keeps only one row in memory at a time."""
    import xlsxwriter  # type: ignore[import-untyped]  # no type information published

    from ..errors import CoprotoolError

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    try:
        ws = book.add_worksheet(sheet)
        bold = book.add_format({"bold": True})
        for j, h in enumerate(header):
            ws.write_string(0, j, h, bold)
        for i, row in enumerate(rows, start=1):
            if i >= XLSX_ROWS:
                raise CoprotoolError(
                    _("more than %(rows)s rows do not fit in one sheet of a workbook; write CSV instead (-o NAME.csv).")
                    % {"rows": f"{XLSX_ROWS - 1:,}"}
                )
            for j, v in enumerate(row):
                if v is None or v == "":
                    continue
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    ws.write_number(i, j, v)
                else:
                    ws.write_string(i, j, str(v))
        ws.freeze_panes(1, 0)
    finally:
        book.close()
    return buffer.getvalue()
