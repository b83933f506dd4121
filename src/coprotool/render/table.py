"""Tables that fit the terminal and never cut a value.

A table is laid out the first way that fits the width:
1. one line per row, every column as wide as its widest value;
2. prose columns (`wrap`) wrapped between words, never inside one;
3. columns from the right moved under their row, one line each, as "Heading: value".
Only prose ever wraps: a slug, a number, a file path or an address is always shown whole, and one too long
for any line stands alone on its own line, ready to copy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .doc import wrap
from .styled import Styled

Cell = str | tuple[str, str] | Styled  # text, (text, style), or styled text shown whole (a coloured wedge)


@dataclass(frozen=True)
class Column:
    heading: str
    right: bool = False  # numbers line up on the right
    wrap: bool = False  # prose: may wrap between words; any other value is kept whole on one line


def _plain(cell: Cell) -> str:
    if isinstance(cell, Styled):
        return cell.plain
    return cell if isinstance(cell, str) else cell[0]


def _styled(cell: Cell) -> Styled:
    if isinstance(cell, Styled):
        return cell
    text, style = (cell, "") if isinstance(cell, str) else cell
    return Styled(text, style)


def _width(cell: Cell) -> int:
    return max(len(line) for line in _plain(cell).split("\n"))


def _longest_word(text: str) -> int:
    return max((len(w) for w in text.split()), default=0)


def _fit(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], room: int, gap: int) -> list[int] | None:
    """Column widths within `room`, prose wrapped as needed; None when even that does not fit."""
    natural = [max([len(c.heading)] + [_width(r[i]) for r in rows]) for i, c in enumerate(columns)]
    spare = room - sum(natural) - gap * (len(columns) - 1)
    if spare >= 0:
        return natural
    least = [
        max([_longest_word(c.heading)] + [_longest_word(_plain(r[i])) for r in rows]) if c.wrap else natural[i]
        for i, c in enumerate(columns)
    ]
    widths = list(natural)
    while spare < 0:  # narrow the widest prose column a character at a time, so they wrap evenly
        can = [i for i in range(len(columns)) if widths[i] > least[i]]
        if not can:
            break
        widths[max(can, key=widths.__getitem__)] -= 1
        spare += 1
    return widths if spare >= 0 else None


def table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    width: int,
    indent: int = 2,
    gap: int = 2,
    spaced: bool = False,
) -> Styled:
    """`rows` under `columns`, laid out to fit `width` (see the module's docstring); `spaced` puts a blank
    line between rows, for rows of several lines each."""
    room = width - indent - 1  # the last column of a terminal is left free, as wrapping terminals need
    shown = len(columns)
    widths = _fit(columns, rows, room, gap)
    while widths is None and shown > 1:
        shown -= 1
        widths = _fit(columns[:shown], [r[:shown] for r in rows], room, gap)
    if widths is None:  # even the first column alone is wider than the terminal: keep it whole
        widths = [max([len(columns[0].heading)] + [_width(r[0]) for r in rows])]
    out = Styled()
    pad = " " * indent
    head: list[Cell] = [(c.heading, "bold") for c in columns[:shown]]
    for n, row in enumerate([head, *rows]):
        cells = [_cell_lines(cell, col, w) for cell, col, w in zip(row, columns, widths)]
        for i in range(max(len(lines) for lines in cells)):
            parts = [lines[i] if i < len(lines) else Styled() for lines in cells]
            _line(out, pad, parts, widths, columns, gap)
        if n:  # the moved columns of a row; the heading row has none
            _below(out, pad + "  ", columns[shown:], row[shown:], width)
            if spaced and n < len(rows):
                out.append("\n")
    return out


def _cell_lines(cell: Cell, col: Column, width: int) -> list[Styled]:
    """A cell's lines: its own lines (a name, then its slug), prose wrapped between words to `width`."""
    if isinstance(cell, Styled):
        return [cell]
    text, style = (cell, "") if isinstance(cell, str) else cell
    lines = []
    for part in text.split("\n"):
        lines += [Styled(p, style) for p in (wrap(part, width) if col.wrap and len(part) > width else [part])]
    return lines


def _line(
    out: Styled, pad: str, parts: Sequence[Cell], widths: Sequence[int], columns: Sequence[Column], gap: int
) -> None:
    line = Styled(pad)
    for i, (part, w, col) in enumerate(zip(parts, widths, columns)):
        text = _styled(part)
        fill = " " * (w - len(text.plain))
        if col.right:
            line.append(fill)
        line.append_text(text)
        if not col.right:
            line.append(fill)
        if i < len(widths) - 1:
            line.append(" " * gap)
    out.append_text(line.rstrip())
    out.append("\n")


def _below(out: Styled, pad: str, columns: Sequence[Column], cells: Sequence[Cell], width: int) -> None:
    """The columns moved under their row, as many to a line as fit ('6: 1.2  Depth: deep'); one too long
    for a line of its own wraps (prose) or puts its value alone on the next line."""
    room = width - len(pad) - 1
    line: Styled | None = None
    for col, cell in zip(columns, cells):
        size = len(col.heading) + 2 + len(_plain(cell))
        if line is not None and len(line.plain) + 2 + size <= room:
            line.append("  ")
        else:
            if line is not None:
                out.append(pad).append_text(line).append("\n")
                line = None
            if size > room:
                _moved(out, pad, col, cell, width)
                continue
            line = Styled()
        line.append(col.heading + ":", "dim").append(" ").append_text(_styled(cell))
    if line is not None:
        out.append(pad).append_text(line).append("\n")


def _moved(out: Styled, pad: str, col: Column, cell: Cell, width: int) -> None:
    """One column moved under its row: 'Heading: value', the value on a line of its own if need be."""
    label = f"{col.heading}: "
    text = _plain(cell)
    room = width - len(pad) - 1
    if col.wrap and not isinstance(cell, Styled) and len(label) + len(text) > room:
        style = "" if isinstance(cell, str) else cell[1]
        lines = wrap(label + text, room)
        out.append(pad + lines[0][: len(label)], "dim").append(lines[0][len(label) :] + "\n", style)
        for part in lines[1:]:
            out.append(pad + part + "\n", style)
        return
    out.append(pad + label.rstrip(), "dim")
    out.append("\n" + pad if len(label) + len(text) > room else " ")
    out.append_text(_styled(cell)).append("\n")
