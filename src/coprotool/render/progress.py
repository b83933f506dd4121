"""Progress over time in the terminal: small wedges side by side, then each principle's change."""

from __future__ import annotations

from collections.abc import Mapping

from ..i18n import _
from ..model import Framework
from ..progress import Comparison
from ..scoring import LENS_GAP
from .doc import Doc
from .styled import Styled
from .table import Cell, Column, table
from .wedge import wedge_grid

RADIUS = 4


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
    """The comparison in the language in use (i18n.current), its words from the compare view."""
    from ..view import LENS_NOTE, LENS_TITLE, build_compare_view, lens_lines

    view = build_compare_view(c, fw)
    doc = Doc(width)
    service = view.service or _("this service")
    doc.line(_("Progress: %(service)s") % {"service": service}, "bold")
    doc.line()
    cell_width = 4 * RADIUS + 1 + 3
    per_row = max(1, width // cell_width)
    for start in range(0, len(view.snapshots), per_row):
        group = view.snapshots[start : start + per_row]
        wedges = [_wedge_lines(snap.levels, fw, unicode) for snap in group]
        for r in range(len(wedges[0])):
            line = Styled()
            for w in wedges:
                line.append_text(w[r])
                line.append(" " * 3)
            line.rstrip()
            doc.append(line)
            doc.line()
        for caption in ([s.date for s in group], [s.depth for s in group]):  # under each wedge: date, depth
            captions = Styled("".join(said[: cell_width - 1].ljust(cell_width) for said in caption))
            captions.rstrip()
            doc.append(captions)
            doc.line()
        doc.line()
    names = ", ".join(name for _id, name, _colour in view.principles)
    doc.line(_("Clockwise from the top: %(names)s") % {"names": names}, "dim")
    doc.line()
    rows: list[list[Cell]] = [[(r.name, f"bold {r.colour}"), r.before, r.after, r.change] for r in view.rows]
    heads = [
        Column(_("Principle")),
        Column(view.first[:10], right=True),
        Column(view.last[:10], right=True),
        Column(_("Change")),
    ]
    doc.append(table(heads, rows, width, indent=0))
    doc.line()
    doc.para(view.depth_line, indent=0, style="bold")
    doc.para(view.grid_line, indent=0, style="bold")
    last_grid = view.snapshots[-1].grid
    if last_grid is not None and last_grid.note:
        doc.para(last_grid.note, indent=0, style="dim")
    if view.notes:
        doc.heading(_("The group's notes, %(first)s and %(last)s") % {"first": view.first, "last": view.last})
        for n in view.notes:
            if not n.changed:
                doc.hanging(
                    "•", _("%(principle)s (unchanged): %(note)s") % {"principle": n.principle, "note": n.before}
                )
                continue
            said = {"principle": n.principle, "date": view.first, "note": n.before or _("no note")}
            doc.hanging("•", _("%(principle)s, %(date)s: %(note)s") % said)
            doc.hanging(" ", f"{view.last}: {n.after or _('no note')}", indent=4)
    if any(snap.lenses for snap in c.snapshots):
        doc.heading(_(LENS_TITLE))
        for snap in c.snapshots:
            doc.line(snap.assessment.date, "bold")
            if not snap.lenses:
                doc.hanging("•", _("no votes kept by lens"))
            for text, apart in lens_lines(fw, snap.lenses, snap.gaps):
                doc.hanging("!" if apart else "•", text, style="bold" if apart else "")
        doc.para(_(LENS_NOTE) % {"gap": LENS_GAP}, indent=0, style="dim")
    for section in view.sections:  # the ladder: where each result placed the work
        doc.heading(section.title)
        for item in section.items:
            doc.hanging("•", item)
        for para in section.paragraphs:
            doc.para(para, indent=0, style="dim")
    return doc.text
