"""The ladder of co-production as text: top rung first, as a ladder is drawn, grouped as TLAP groups it."""

from __future__ import annotations

from ..model import Ladder
from ..view import PLACEMENT_TITLE, current_variant, placement_section
from ..wording import text
from .doc import Doc
from .styled import Styled


def ladder_view(ladder: Ladder, width: int, variant: str | None = None) -> Styled:
    """The ladder, its words in a variant (default: the language in use, Easy Read if the run asks)."""
    v = variant or current_variant()
    doc = Doc(width)
    doc.line(f"{text(ladder.title, v)}, top rung first", "bold")
    group = None
    for rung in reversed(ladder.rungs):
        if rung.group != group:
            group = rung.group
            doc.heading(text(group, v).capitalize())
        doc.row(
            [(f"{ladder.step(rung.id):>3}", "bold"), (text(rung.name, v), "bold"), (text(rung.meaning, v), "")], [3, 14]
        )
    doc.heading("Using it")
    doc.para(text(ladder.advice, v))
    doc.para(text(ladder.placement, v))
    doc.line()
    credits = (text(ladder.credit, v), text(ladder.wording, v), text(ladder.discussed_in, v))
    doc.para(" ".join(credits), indent=0, style="dim")
    return doc.text


# The placement's sentences belong to the one view of a result, which every renderer reads.
__all__ = ["PLACEMENT_TITLE", "ladder_view", "placement_section"]
