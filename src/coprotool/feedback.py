"""'You said, we did': one page for the people who took part in an assessment. Pure: builds the view.

What the room said (in plain words: where the service is strong, where it needs most work, the group's
notes), what was agreed, what has been done since (each action's latest review), and the date of the
next review. No votes, no lenses, nobody's name: nothing on the page says who said what.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import i18n
from .actions import STATUS_WORDS, Action, sentence
from .assessment import Result
from .i18n import _, ngettext
from .model import Framework
from .scoring import STRONG
from .wording import text, variant_for


@dataclass(frozen=True, slots=True)
class DoneView:
    action: str
    owner: str
    due: str
    status: str  # in words
    note: str | None  # what the latest review said
    reviewed: str | None  # when


@dataclass(frozen=True, slots=True)
class FeedbackView:
    title: str
    service: str
    date: str  # of the assessment
    said: tuple[str, ...]  # plain sentences
    notes: tuple[str, ...]  # the group's own notes, as they wrote them
    actions: tuple[DoneView, ...]
    next_review: str | None
    tool_version: str = ""


def build_feedback(
    result: Result, fw: Framework, actions: Sequence[Action], next_review: str | None, tool_version: str = ""
) -> FeedbackView:
    """The sheet for one service from its latest result and its actions (those agreed on or after it)."""
    a = result.assessment
    v = variant_for(i18n.current())  # the catalogue's words in the language in use
    service = a.service or _("this service")
    assessed = [(p, result.scores[p.id]) for p in fw.principles if result.scores[p.id].level is not None]
    said: list[str] = []
    strong = [text(p.name, v) for p, s in assessed if s.level is not None and s.level >= STRONG]
    weak = [text(fw.principle(pid).name, v) for pid in result.weakest]
    if strong:
        said.append(_("The service already does well on %(names)s.") % {"names": _and(strong)})
    if weak:
        said.append(_("It needs most work on %(names)s.") % {"names": _and(weak)})
    for p, s in assessed:
        assert s.level is not None
        said.append(f"{text(p.name, v)}: {fw.label(s.level, v).lower()}. {sentence(p.level(s.level, v))}")
    if result.disagreements:
        n = len(result.disagreements)
        said.append(
            ngettext(
                "You did not all agree on %(num)d question, and that was worth hearing.",
                "You did not all agree on %(num)d questions, and that was worth hearing.",
                n,
            )
            % {"num": n}
        )
    done = tuple(
        DoneView(
            x.action,
            x.owner,
            x.due,
            _(STATUS_WORDS[x.status]),
            next((r.note for r in reversed(x.reviews) if r.note), None),
            x.reviews[-1].date if x.reviews else None,
        )
        for x in actions
        if x.status != "dropped" or x.reviews
    )
    if next_review is None:
        upcoming = sorted(x.due for x in actions if x.is_open)
        next_review = upcoming[0] if upcoming else None
    return FeedbackView(
        title=_("You said, we did: %(service)s") % {"service": service},
        service=service,
        date=a.date,
        said=tuple(said),
        notes=tuple(f"{text(fw.principle(pid).name, v)}: {note}" for pid, note in a.notes.items()),
        actions=done,
        next_review=next_review,
        tool_version=tool_version,
    )


def _and(names: Sequence[str]) -> str:
    return i18n.and_list(names)
