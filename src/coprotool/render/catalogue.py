"""Rich layouts for the look-up commands: a case study, a principle, the lists."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from ..model import Framework, Principle

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
        heading("What each level looks like (our words)"),
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
