"""Progress over time in the terminal: small wedges side by side, then each principle's change."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..model import Framework
from ..progress import Comparison, Snapshot
from ..scoring import levels_of
from .doc import Doc
from .styled import Styled
from .table import Cell, Column, table
from .wedge import wedge_grid

RADIUS = 4
# What each small wedge is captioned with, line by line: the date, then the depth.
_CAPTIONS: tuple[Callable[[Snapshot], str], ...] = (lambda s: s.assessment.date, lambda s: s.depth)


def _wedge_lines(levels: Mapping[str, int | None], fw: Framework, unicode: bool) -> list[Styled]:
    colours = {p.id: p.colour for p in fw.principles}
    lines = []
    for row in wedge_grid(levels, RADIUS, unicode):
        line = Styled()
        for cell in row:
            line.append(cell.char, style=colours.get(cell.principle, "") if cell.principle else "")
        lines.append(line)
    return lines


def comparison_view(c: Comparison, fw: Framework, width: int, unicode: bool) -> Styled:
    doc = Doc(width)
    service = c.snapshots[-1].assessment.service or "this service"
    doc.line(f"Progress: {service}", "bold")
    doc.line()
    cell_width = 4 * RADIUS + 1 + 3
    per_row = max(1, width // cell_width)
    for start in range(0, len(c.snapshots), per_row):
        group = c.snapshots[start : start + per_row]
        wedges = [_wedge_lines(levels_of(snap.scores), fw, unicode) for snap in group]
        for r in range(len(wedges[0])):
            line = Styled()
            for w in wedges:
                line.append_text(w[r])
                line.append(" " * 3)
            line.rstrip()
            doc.append(line)
            doc.line()
        for caption in _CAPTIONS:
            captions = Styled("".join(caption(snap)[: cell_width - 1].ljust(cell_width) for snap in group))
            captions.rstrip()
            doc.append(captions)
            doc.line()
        doc.line()
    doc.line("Clockwise from the top: " + ", ".join(p.name for p in fw.principles), "dim")
    doc.line()
    changes = c.changes()
    first, last = c.snapshots[0].assessment.date, c.snapshots[-1].assessment.date
    rows: list[list[Cell]] = []
    for p in fw.principles:
        ch = changes[p.id]
        before = "-" if ch["before"] is None else f"{ch['before']:.1f}"
        after = "-" if ch["after"] is None else f"{ch['after']:.1f}"
        if ch["delta"] is None:
            delta = "not comparable"
        elif ch["delta"] > 0:
            delta = f"up {ch['delta']:.1f}"
        elif ch["delta"] < 0:
            delta = f"down {-ch['delta']:.1f}"
        else:
            delta = "no change"
        rows.append([(p.name, f"bold {p.colour}"), before, after, delta])
    heads = [Column("Principle"), Column(first[:10], right=True), Column(last[:10], right=True), Column("Change")]
    doc.append(table(heads, rows, width, indent=0))
    from ..view import build_compare_view

    view = build_compare_view(c, fw)
    doc.line()
    doc.para(view.depth_line, indent=0, style="bold")
    doc.para(view.grid_line, indent=0, style="bold")
    last_grid = view.snapshots[-1].grid
    if last_grid is not None and last_grid.note:
        doc.para(last_grid.note, indent=0, style="dim")
    if view.notes:
        doc.heading(f"The group's notes, {view.first} and {view.last}")
        for n in view.notes:
            if not n.changed:
                doc.hanging("•", f"{n.principle} (unchanged): {n.before}")
                continue
            doc.hanging("•", f"{n.principle}, {view.first}: {n.before or 'no note'}")
            doc.hanging(" ", f"{view.last}: {n.after or 'no note'}", indent=4)
    if any(snap.lenses for snap in c.snapshots):
        from ..view import LENS_NOTE, LENS_TITLE, lens_lines

        doc.heading(LENS_TITLE)
        for snap in c.snapshots:
            doc.line(snap.assessment.date, "bold")
            if not snap.lenses:
                doc.hanging("•", "no votes kept by lens")
            for text, apart in lens_lines(fw, snap.lenses, snap.gaps):
                doc.hanging("!" if apart else "•", text, style="bold" if apart else "")
        doc.para(LENS_NOTE, indent=0, style="dim")
    if c.ladder is not None:
        from ..view import PLACEMENT_TITLE, placement_summary

        doc.heading(PLACEMENT_TITLE)
        for snap in c.snapshots:
            placed = snap.assessment.ladder
            summary = placement_summary(c.ladder, placed) if placed else "not placed"
            doc.hanging("•", f"{snap.assessment.date}: {summary}")
        doc.para(c.ladder.placement, indent=0, style="dim")
    return doc.text
