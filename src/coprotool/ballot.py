"""A paper ballot: the workshop's questions in Easy Read, numbered, with the picture scale, to print.

For anyone who would rather not, or cannot, vote on a phone. No name is asked for, so a paper vote is as
private as a phone's. The "who are you" boxes are the room's lenses in the room's order, then "prefer not
to say": the facilitator types each question's paper votes at the room's prompt by lens, in that order
('2 3 / 1 / 0'), and they are counted with the phones' votes under the same rule (a lens with too few
votes counts for the whole room only). Pure: builds what the page shows, prints nothing.
"""

from __future__ import annotations

from typing import NamedTuple

from .model import Framework, ScalePoint
from .wording import Text


class BallotItem(NamedTuple):
    number: int  # what the paper says and what is typed in later: "question 3"
    question: str  # the question's id, for the room's entry of paper votes (not printed)
    principle: Text  # the principle's name
    meaning: Text | None  # what the name means, at the first question of each principle
    text: Text


class Ballot(NamedTuple):
    service: str | None
    variants: tuple[str, ...]  # the wordings shown, one per language, in order (Welsh first for both)
    per_page: int
    scale: tuple[ScalePoint, ...]
    lenses: tuple[str, ...]
    items: tuple[BallotItem, ...]
    translation: Text | None  # who translated, shown when Welsh is on the paper

    @property
    def pages(self) -> tuple[tuple[BallotItem, ...], ...]:
        """The items, `per_page` to a sheet."""
        n = self.per_page
        return tuple(self.items[i : i + n] for i in range(0, len(self.items), n))


def build_ballot(
    fw: Framework,
    langs: tuple[str, ...] = ("en",),
    *,
    quick: bool = False,
    per_page: int = 1,
    service: str | None = None,
    lenses: tuple[str, ...] = (),
) -> Ballot:
    """The ballot for the whole set of questions, or one headline question per principle with `quick`."""
    if per_page not in (1, 2):
        raise ValueError("a ballot has one or two questions to a page")
    items: list[BallotItem] = []
    for p in fw.principles:
        asked = (p.headline,) if quick else p.questions
        for i, q in enumerate(asked):
            items.append(BallotItem(len(items) + 1, q.id, p.name, p.meaning if i == 0 else None, q.text))
    if lenses:  # "prefer not to say" last, as the room's typed votes take them: '2 3 / 1 0 / 2'
        from .scoring import NO_LENS

        lenses = (*lenses, NO_LENS)
    variants = tuple(f"{lang}-easy" for lang in langs)
    translation = fw.credits.translation if any(lang != "en" for lang in langs) else None
    return Ballot(service, variants, per_page, fw.scale, lenses, tuple(items), translation)
