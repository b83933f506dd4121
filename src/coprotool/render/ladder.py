"""The ladder of co-production as text: top rung first, as a ladder is drawn, grouped as TLAP groups it."""

from __future__ import annotations

from ..assessment import Placement
from ..model import Ladder
from .doc import Doc
from .styled import Styled


def ladder_view(ladder: Ladder, width: int) -> Styled:
    doc = Doc(width)
    doc.line(f"{ladder.title}, top rung first", "bold")
    group = None
    for rung in reversed(ladder.rungs):
        if rung.group != group:
            group = rung.group
            doc.heading(group.capitalize())
        doc.row([(f"{ladder.step(rung.id):>3}", "bold"), (rung.name, "bold"), (rung.meaning, "")], [3, 14])
    doc.heading("Using it")
    doc.para(ladder.advice)
    doc.para(ladder.placement)
    doc.line()
    doc.para(f"{ladder.credit} {ladder.wording} {ladder.discussed_in}", indent=0, style="dim")
    return doc.text


PLACEMENT_TITLE = "On the ladder of co-production"


def placement_lines(ladder: Ladder, placed: Placement) -> list[str]:
    """The room's placement as plain sentences, for every renderer (terminal, HTML, Markdown)."""
    top = len(ladder.rungs)

    def rung(rid: str) -> str:
        r = ladder.rung(rid)
        return f"{r.name} (rung {ladder.step(rid)} of {top}, {r.group})"

    lines = [f"Where the work stands now: {rung(placed.now)}.", f"Where it should stand: {rung(placed.should)}."]
    if placed.reason:
        lines.append(f"Why not higher: {placed.reason}")
    lines.append(ladder.placement)
    return lines
