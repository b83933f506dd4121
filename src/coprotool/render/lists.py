"""The catalogue's lists, case studies and resources, as plain styled text (no Rich, so they start fast)."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import CaseStudy, Framework, Resource
from .doc import Doc
from .styled import Styled
from .table import Cell, Column, table
from .wedge import fill_chars, small_wedge


def case_study_lines(
    studies: Sequence[CaseStudy], fw: Framework, unicode: bool, width: int, long: bool = False
) -> Styled:
    """The case studies one line each (slug, wedge, depth), to fit one screen; `long` adds each one's name
    (the slug under it) and keywords, over several lines."""
    colours = [p.colour for p in fw.principles]
    rows: list[list[Cell]] = []
    for c in studies:
        strip = Styled()
        for ch, colour in zip(small_wedge(c.scores, unicode), colours):
            strip.append(ch, colour)
        name = f"{c.name}\n{c.slug}" if long else c.slug
        rows.append(
            [str(c.number), name, strip, c.depth_text if c.depth else "-", *([", ".join(c.keywords)] if long else [])]
        )
    columns = [Column("#", right=True), Column("Case study", wrap=long), Column("Wedge"), Column("Depth", wrap=True)]
    if long:
        columns.append(Column("Keywords", wrap=True))
    doc = Doc(width)
    doc.append(table(columns, rows, width, indent=1, spaced=long))
    doc.line()
    fill = fill_chars(unicode)
    doc.para("Wedge: " + ", ".join(p.name for p in fw.principles), indent=0, style="dim")
    strength = "  ".join(f"{fill[n]} {n}" for n in range(4))
    count = f"{len(studies)} case stud{'y' if len(studies) == 1 else 'ies'}"
    doc.para(f"Strength: {strength}. {count}; one in full: coprotool show SLUG", indent=0, style="dim")
    doc.para(" ".join(fw.credits.ratings.split()), indent=0, style="dim")
    return doc.text


def resources_view(resources: Sequence[Resource], width: int) -> Styled:
    """The reading lists: each resource's title (its author and year, and its address, under it), its kind
    and what it is."""
    rows: list[list[Cell]] = []
    for r in resources:
        by = ", ".join(str(x) for x in (r.author, r.year) if x)
        rows.append(["\n".join(x for x in (r.title, by, r.url) if x), r.kind, r.description])
    columns = [Column("Resource", wrap=True), Column("Kind"), Column("What it is", wrap=True)]
    doc = Doc(width).append(table(columns, rows, width, indent=1, spaced=True))
    return doc.line(f"{len(resources)} resource{'s' if len(resources) != 1 else ''}.", "dim").text
