"""Rich layouts for the look-up commands: a principle, the principles and their questions.

The catalogue's own texts (names, meanings, levels, questions, the scale) are shown in the wording of the
language in use, where the data gives one; the page's words are translated through gettext.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from ..i18n import _, current
from ..model import Framework, Principle
from ..wording import text, variant_for

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

    v = variant_for(current())
    title = Text()
    title.append(text(p.name, v), style=f"bold {p.colour}")
    title.append(f"  ({text(p.colour_name, v)})", style="dim")
    if p.aliases:
        title.append("  " + _("also called: %(names)s") % {"names": ", ".join(p.aliases)}, style="dim")
    parts: list[RenderableType] = [
        title,
        para(text(p.meaning, v), 0),
        Text(""),
        para(text(p.explanation, v), 0),
        heading(_("What each level looks like (our words)")),
    ]
    levels = Table.grid(padding=(0, 1))
    levels.add_column(justify="right", style="bold")
    levels.add_column(ratio=1)
    for n, level in enumerate(p.levels):
        levels.add_row(f"  {n} {fw.label(n, v)}", text(level, v))
    parts += [levels, heading(_("Questions for a workshop"))]
    questions = Table.grid(padding=(0, 1))
    questions.add_column(style="bold", no_wrap=True)
    questions.add_column(ratio=1)
    for q in p.questions:
        questions.add_row(f"  {q.id}", q.wording(v))
    example = _("%(example)s (see: coprotool show %(slug)s)") % {
        "example": text(p.example.text, v),
        "slug": p.example.case_study,
    }
    parts += [questions, heading(_("An example") if p.example.text.has(v) else _("An example (in English)"))]
    parts.append(para(example))
    parts.append(source_line(fw, _("introduction")))
    return Group(*parts)


def principles_view(fw: Framework) -> Group:
    from rich.console import Group
    from rich.table import Table

    v = variant_for(current())
    parts: list[RenderableType] = []
    for p in fw.principles:
        head = Text()
        head.append(text(p.name, v), style=f"bold {p.colour}")
        head.append(f"  [{p.id}]  {text(p.meaning, v)}")
        parts.append(head)
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True, style="bold")
        table.add_column(ratio=1)
        for q in p.questions:
            table.add_row(f"  {q.id}", q.wording(v))
        parts += [table, Text("")]
    scale = "  ".join(f"{s.value} = {text(s.label, v)}" for s in fw.scale)
    parts.append(Text(_("Answer each question on the scale: %(scale)s") % {"scale": scale}, style="bold"))
    parts.append(source_line(fw, _("critical learning questions")))
    return Group(*parts)
