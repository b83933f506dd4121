"""The ladder of co-production as text: top rung first, as a ladder is drawn, grouped as TLAP groups it."""

from __future__ import annotations

from ..model import Ladder
from ..view import PLACEMENT_TITLE, placement_section
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


# The placement's sentences belong to the one view of a result, which every renderer reads.
__all__ = ["PLACEMENT_TITLE", "ladder_view", "placement_section"]
