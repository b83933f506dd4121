"""The ladder of co-production as text: top rung first, as a ladder is drawn, grouped as TLAP groups it."""

from __future__ import annotations

from ..i18n import _
from ..model import Ladder
from ..view import PLACEMENT_TITLE, current_variant, placement_section
from ..wording import text
from .doc import Doc
from .styled import Styled


def ladder_view(ladder: Ladder, width: int, variant: str | None = None) -> Styled:
    """Every rung, top first, with its group and what it means, then how to use the ladder: its words in a
    variant (default: the language in use, Easy Read if the run asks), the page's own through gettext."""
    v = variant or current_variant()
    doc = Doc(width)
    doc.line(_("%(title)s, top rung first") % {"title": text(ladder.title, v)}, "bold")
    group = None
    for rung in reversed(ladder.rungs):
        if rung.group != group:
            group = rung.group
            shown = text(group, v)
            doc.heading(shown[:1].upper() + shown[1:])
        doc.row(
            [(f"{ladder.step(rung.id):>3}", "bold"), (text(rung.name, v), "bold"), (text(rung.meaning, v), "")],
            [3, max(14, *(len(text(r.name, v)) + 1 for r in ladder.rungs))],  # the longest name, whole
        )
    doc.heading(_("Using it"))
    doc.para(text(ladder.advice, v))
    doc.para(text(ladder.placement, v))
    doc.line()
    credits = (text(ladder.credit, v), text(ladder.wording, v), text(ladder.discussed_in, v))
    doc.para(" ".join(credits), indent=0, style="dim")
    return doc.text


# The placement's sentences belong to the one view of a result, which every renderer reads.
__all__ = ["PLACEMENT_TITLE", "ladder_view", "placement_section"]
