"""Rich layouts for the look-up commands: a case study, a principle, the lists."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text

from ..model import CaseStudy, Framework, Principle, Resource
from .doc import Doc
from .styled import Styled
from .table import Cell, Column, table
from .wedge import fill_chars, small_wedge

if TYPE_CHECKING:
    from rich.console import Group, RenderableType
    from rich.padding import Padding


def heading(title: str) -> Text:
    return Text(f"\n{title}", style="bold underline")


def para(text: str, indent: int = 2) -> Padding:
    from rich.padding import Padding

    return Padding(Text(" ".join(text.split())), (0, 0, 0, indent))


def source_line(fw: Framework, where: str) -> Text:
    from rich.text import Text

    from .casestudy import source_text

    return Text("\n" + source_text(fw, where), style="dim")


def principle_view(p: Principle, fw: Framework) -> Group:
    from rich.console import Group
    from rich.table import Table

    title = Text()
    title.append(p.name, style=f"bold {p.colour}")
    title.append(f"  ({p.colour_name})", style="dim")
    if p.aliases:
        title.append(f"  also called: {', '.join(p.aliases)}", style="dim")
    parts: list[RenderableType] = [
        title,
        para(p.meaning, 0),
        Text(""),
        para(p.explanation, 0),
        heading("What each level looks like"),
    ]
    levels = Table.grid(padding=(0, 1))
    levels.add_column(justify="right", style="bold")
    levels.add_column(ratio=1)
    for n, text in enumerate(p.levels):
        levels.add_row(f"  {n} {fw.scale[n].label}", text)
    parts += [levels, heading("Questions for a workshop")]
    questions = Table.grid(padding=(0, 1))
    questions.add_column(style="bold", no_wrap=True)
    questions.add_column(ratio=1)
    for q in p.questions:
        questions.add_row(f"  {q.id}", q.text)
    parts += [questions, heading("An example"), para(f"{p.example.text} (see: coprotool show {p.example.case_study})")]
    parts.append(source_line(fw, "introduction"))
    return Group(*parts)


def wedge_legend(fw: Framework, unicode: bool) -> Text:
    fill = fill_chars(unicode)
    text = Text("Wedge, left to right: ", style="dim")
    for i, p in enumerate(fw.principles):
        text.append(p.name, style=f"bold {p.colour}")
        text.append(", " if i < len(fw.principles) - 1 else "", style="dim")
    text.append("\nStrength: " + "  ".join(f"{fill[n]} {n}" for n in range(4)), style="dim")
    return text


def case_study_lines(studies: Sequence[CaseStudy], fw: Framework, unicode: bool, width: int) -> Styled:
    """The case studies one line each (slug, wedge, depth), to fit one screen; `case_study_table` is the
    long form with names and keywords."""
    colours = [p.colour for p in fw.principles]
    rows: list[list[Cell]] = []
    for c in studies:
        strip = Styled()
        for ch, colour in zip(small_wedge(c.scores, unicode), colours):
            strip.append(ch, colour)
        rows.append([str(c.number), c.slug, strip, c.depth_text if c.depth else "-"])
    columns = [Column("#", right=True), Column("Case study"), Column("Wedge"), Column("Depth", wrap=True)]
    doc = Doc(width)
    doc.append(table(columns, rows, width, indent=1))
    doc.line()
    fill = fill_chars(unicode)
    doc.para("Wedge: " + ", ".join(p.name for p in fw.principles), indent=0, style="dim")
    strength = "  ".join(f"{fill[n]} {n}" for n in range(4))
    count = f"{len(studies)} case stud{'y' if len(studies) == 1 else 'ies'}"
    doc.para(f"Strength: {strength}. {count}; one in full: coprotool show SLUG", indent=0, style="dim")
    doc.para(" ".join(fw.credits.ratings.split()), indent=0, style="dim")
    return doc.text


def case_study_table(studies: Sequence[CaseStudy], fw: Framework, unicode: bool, width: int = 80) -> Group:
    """The case studies in a table; narrower terminals drop the keywords, then the full names."""
    from rich.console import Group
    from rich.table import Table

    colours = [p.colour for p in fw.principles]
    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 1))
    table.add_column("#", justify="right")
    table.add_column("Case study", ratio=3, overflow="fold")
    table.add_column("Wedge", no_wrap=True)
    table.add_column("Depth", max_width=16)  # wraps 'intermediate, moving towards transformative'
    if width >= 70:
        table.add_column("Keywords", ratio=2)
    for c in studies:
        strip = Text()
        for ch, colour in zip(small_wedge(c.scores, unicode), colours):
            strip.append(ch, style=colour)
        name = Text(c.name) if width >= 50 else Text(c.slug)
        if width >= 50:
            name.append(f"\n{c.slug}", style="dim")
        cells: list[str | Text] = [str(c.number), name, strip, c.depth_text if c.depth else "-"]
        if width >= 70:
            cells.append(", ".join(c.keywords))
        table.add_row(*cells)
    count = Text(
        f"{len(studies)} case stud{'y' if len(studies) == 1 else 'ies'}. Show one with: coprotool show SLUG\n"
        f"{' '.join(fw.credits.ratings.split())}",
        style="dim",
    )
    return Group(table, Text(""), wedge_legend(fw, unicode), count)


def principles_view(fw: Framework) -> Group:
    from rich.console import Group
    from rich.table import Table

    parts: list[RenderableType] = []
    for p in fw.principles:
        head = Text()
        head.append(f"{p.name}", style=f"bold {p.colour}")
        head.append(f"  [{p.id}]  {p.meaning}")
        parts.append(head)
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True, style="bold")
        table.add_column(ratio=1)
        for q in p.questions:
            table.add_row(f"  {q.id}", q.text)
        parts += [table, Text("")]
    scale = "  ".join(f"{s.value} = {s.label}" for s in fw.scale)
    parts.append(Text(f"Answer each question on the scale: {scale}", style="bold"))
    parts.append(source_line(fw, "critical learning questions"))
    return Group(*parts)


def resources_table(resources: Sequence[Resource]) -> Group:
    from rich.console import Group
    from rich.table import Table

    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 1))
    table.add_column("Resource", ratio=3)
    table.add_column("Kind", no_wrap=True)
    table.add_column("What it is", ratio=4)
    for r in resources:
        title = Text(r.title, style="bold")
        by = ", ".join(str(x) for x in (r.author, r.year) if x)
        if by:
            title.append(f"\n{by}", style="dim")
        if r.url:
            title.append(f"\n{r.url}", style="dim")
        table.add_row(title, r.kind, r.description)
    return Group(table, Text(f"{len(resources)} resource{'s' if len(resources) != 1 else ''}.", style="dim"))
