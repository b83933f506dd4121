"""Writers for batch results: CSV, JSON (streamed array), JSON lines, and tables for people."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from ..model import PRINCIPLE_IDS, Framework
from ..survey.headers import Layout
from ..survey.rows import Scored
from ..survey.write import csv_writer, neutralise
from ..text import is_safe
from .doc import Doc
from .styled import Styled


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


def rows_table(
    rows: Iterable[Scored], layout: Layout, fw: Framework, unicode: bool, width: int, limit_fields: int = 2
) -> Styled:
    """The scored rows for people: line, a small wedge, each principle's score under its number in the wedge's
    order (a legend names them), depth, then a few pass-through columns; laid out to fit `width` whole."""
    from .table import Cell, Column, table
    from .wedge import fill_chars

    fill = fill_chars(unicode)
    shown = layout.passthrough[:limit_fields]
    columns = [Column("Line", right=True), Column("Wedge")]
    columns += [Column(str(n), right=True) for n in range(1, len(fw.principles) + 1)]
    columns += [Column("Depth")] + [Column(c.header, wrap=True) for c in shown]
    body: list[list[Cell]] = []
    for row in rows:
        wedge = Styled()
        for sc, p in zip(row.scores, fw.principles):
            wedge.append(fill[sc.level], p.colour)
        cells: list[Cell] = [str(row.line), wedge]
        cells += [
            ("-" if sc.score is None else f"{sc.score:.1f}", p.colour) for sc, p in zip(row.scores, fw.principles)
        ]
        body.append([*cells, row.depth, *(row.fields[i] for i in range(len(shown)))])
    doc = Doc(width).append(table(columns, body, width, indent=0)).line()
    names = ", ".join(f"{n} {p.name}" for n, p in enumerate(fw.principles, start=1))
    doc.para(f"Scores 0-3 by principle: {names}.", indent=0, style="dim")
    return doc.text


def mapping_view(title: str, rows: Sequence[tuple[int, str, str]], width: int) -> Styled:
    """--dry-run: the file, then each of its columns (number and whole heading) and what it answers."""
    from .table import Cell, Column, table

    body: list[list[Cell]] = [[str(n), header, target] for n, header, target in rows]
    columns = [Column("#", right=True), Column("Column in the file", wrap=True), Column("Answers", wrap=True)]
    return Doc(width).para(title, indent=0).append(table(columns, body, width, indent=2)).text


def _num(x: float) -> str:
    """A score in at most three characters: 2.33 -> 2.3, 3.0 -> 3."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


def groups_table(groups: list[dict[str, Any]], fw: Framework, unicode: bool, column: str, width: int = 80) -> Styled:
    """The workshop view: a column per group, headed by its whole name (as many side by side as the terminal
    holds), and a row per principle with the group's mean and its lowest-highest; '!' where it disagrees."""
    from .table import Cell, Column, table
    from .wedge import fill_chars

    fill = fill_chars(unicode)
    labels = [("Wedge", ""), ("Responses", ""), *((p.name, f"bold {p.colour}") for p in fw.principles), ("Depth", "")]

    def cells(g: dict[str, Any]) -> list[Cell]:
        wedge = Styled()
        for p in fw.principles:
            wedge.append(fill[g["principles"][p.id]["level"]], p.colour)
        out: list[Cell] = [wedge, str(g["count"])]
        for p in fw.principles:
            sc = g["principles"][p.id]
            mark = " !" if sc["disagree"] else ""
            out.append("-" if sc["mean"] is None else f"{sc['mean']:.1f} ({_num(sc['min'])}-{_num(sc['max'])}){mark}")
        return [*out, g["depth"]]

    names = [g["group"] or "(blank)" for g in groups]
    columns = [cells(g) for g in groups]
    first = max(len(column), *(len(label) for label, _ in labels))
    room = width - 1 - first
    doc = Doc(width).line(f"By {column}", "bold")
    start = 0
    while start < len(groups):  # as many groups side by side as fit; always at least one
        end, used = start, 0
        while end < len(groups):
            need = 2 + max(min(len(names[end]), 16), *(len(c) if isinstance(c, str) else 6 for c in columns[end]))
            if end > start and used + need > room:
                break
            used, end = used + need, end + 1
        heads = [Column(column), *(Column(n, wrap=True) for n in names[start:end])]  # a long name wraps
        rows: list[list[Cell]] = [
            [label, *(columns[g][i] for g in range(start, end))] for i, label in enumerate(labels)
        ]
        doc.append(table(heads, rows, width, indent=0)).line()
        start = end
    doc.para(
        "Each cell: the group's mean score, then its lowest and highest. '!' marks a principle the "
        "group disagrees on (a spread of 2 or more): a conversation worth having.",
        indent=0,
        style="dim",
    )
    return doc.text


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
                    f"more than {XLSX_ROWS - 1:,} rows do not fit in one sheet of a workbook; "
                    "write CSV instead (-o NAME.csv)."
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
