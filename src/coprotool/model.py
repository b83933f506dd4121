"""Typed models of the catalogue: principles, questions, case studies, resources."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple, TypeVar

from .errors import UnknownId
from .wording import ENGLISH, Text, language_of

_T = TypeVar("_T")


def _find(items: tuple[_T, ...], match: Callable[[_T], bool], what: str, wanted: object, known: tuple[str, ...]) -> _T:
    """The first item that matches, or UnknownId naming what was wanted and what there is."""
    for item in items:
        if match(item):
            return item
    raise UnknownId(what, wanted, known)


PRINCIPLE_IDS: tuple[str, ...] = (
    "assets",
    "capabilities",
    "mutuality",
    "networks",
    "blur_roles",
    "catalysts",
)
DEPTH_IDS: tuple[str, ...] = ("descriptive", "intermediate", "transformative")
GRID_ROLES: tuple[str, ...] = ("professionals", "together", "communities")
GRID_CELLS: tuple[str, ...] = (
    "traditional",
    "co-designed",
    "co-delivered",
    "co-produced",
    "co-opted",
    "self-organised",
)
RESOURCE_KINDS: tuple[str, ...] = ("research", "guidance", "multimedia")
# The ladder of co-production (Think Local Act Personal), bottom rung first.
LADDER_IDS: tuple[str, ...] = (
    "coercion",
    "educating",
    "informing",
    "consultation",
    "engagement",
    "co-design",
    "co-production",
)
SCALE_MAX = 3


class ScalePoint(NamedTuple):
    value: int
    label: Text
    meaning: Text


class Question(NamedTuple):
    id: str
    principle: str
    text: Text  # worded for everyone in the room; its variants (plain, Easy Read, Welsh) ride along
    hint: Text | None = None
    former: tuple[str, ...] = ()  # every earlier wording, so survey headers made from old templates still match
    headline: bool = False  # the one question `assess --quick` asks for its principle

    @property
    def plain(self) -> str | None:
        """The plain-English wording, when the data gives one."""
        return self.text.variants.get("en-plain")

    def wording(self, variant: str | bool = ENGLISH) -> str:
        """The question in a variant ('en', 'en-plain', 'en-easy', 'cy', ...); True means 'en-plain'."""
        if isinstance(variant, bool):  # the older call: wording(plain)
            variant = "en-plain" if variant else ENGLISH
        return self.text.get(variant)

    @property
    def wordings(self) -> tuple[str, ...]:
        """Every wording, current and former: a survey header made from any of them names this question."""
        return tuple(dict.fromkeys((*self.text.all, *self.former)))


class Example(NamedTuple):
    case_study: str
    text: Text  # in our words; a Welsh wording may ride along


class Principle(NamedTuple):
    id: str
    name: Text
    aliases: tuple[str, ...]
    colour: str
    colour_name: Text
    meaning: Text  # one line that explains the name
    explanation: Text
    levels: tuple[Text, Text, Text, Text]
    example: Example
    questions: tuple[Question, ...]

    @property
    def headline(self) -> Question:
        """The question marked `headline: true` in the data, or the first when none is marked."""
        return next((q for q in self.questions if q.headline), self.questions[0])

    def level(self, value: int, variant: str = ENGLISH) -> str:
        """What this principle looks like at level `value`, in a variant."""
        return self.levels[value].get(variant)


class DepthLevel(NamedTuple):
    id: str
    name: Text
    meaning: Text
    explanation: Text


# The grid's and the ladder's texts are `Text`s: their standard English, carrying their other wordings
# (plain, Easy Read, Welsh) as the questions' do; `wording.text(item, variant)` picks one.
class GridChoice(NamedTuple):
    id: str
    label: Text


class GridQuestion(NamedTuple):
    question: Text
    choices: tuple[GridChoice, ...]


class GridCell(NamedTuple):
    id: str
    name: Text
    meaning: Text


class GridPosition(NamedTuple):
    plan: str
    deliver: str
    cell: str  # the named cell, or for a square the catalogue leaves unnamed the nearest named one
    note: Text | None = None
    name: Text | None = None  # our name for a square the catalogue leaves unnamed
    meaning: Text | None = None  # our description of that square


class Grid(NamedTuple):
    plan: GridQuestion
    deliver: GridQuestion
    cells: tuple[GridCell, ...]
    positions: tuple[GridPosition, ...]

    def cell(self, cell_id: str) -> GridCell:
        return _find(self.cells, lambda c: c.id == cell_id, "grid cell", cell_id, tuple(c.id for c in self.cells))

    def square(self, pos: GridPosition) -> GridCell:
        """What a position is shown as: its named cell, or our name and meaning for an unnamed square
        (the id stays the nearest named cell's)."""
        cell = self.cell(pos.cell)
        return GridCell(cell.id, pos.name or cell.name, pos.meaning or cell.meaning)

    def place(self, plan: str, deliver: str) -> GridPosition:
        return _find(
            self.positions,
            lambda p: p.plan == plan and p.deliver == deliver,
            "grid position",
            f"{plan}/{deliver}",
            tuple(f"{p.plan}/{p.deliver}" for p in self.positions),
        )


class Source(NamedTuple):
    title: str
    authors: tuple[str, ...]
    publishers: tuple[str, ...]
    year: int


class Credits(NamedTuple):
    """What is the catalogue's and what is ours, said once in the data for every output to show."""

    ratings_basis: str  # short: what the case-study ratings rest on
    ratings: Text  # a sentence saying the ratings are our reading
    our_wording: Text  # a sentence saying which words are ours (levels, scale labels, hints)
    catalogue: Text  # a sentence crediting the catalogue with facts, figures and quotations
    depth_basis: str  # short: what a result's depth rests on (JSON's "depth_basis")
    depth_rule: Text  # a sentence saying the rule from scores to a depth is ours
    grid_basis: str  # short: what the grid's squares rest on (JSON's "grid_basis")
    grid: Text  # a sentence saying which grid squares the catalogue names and which names are ours
    translation: Text | None = None  # who translated the wordings, inviting review; needed with Welsh

    @property
    def statement(self) -> str:
        """Every sentence, for the foot of a report or result."""
        return self.said()

    def said(self, variant: str = ENGLISH) -> str:
        """Every sentence in a wording variant (each in English where the data gives no other)."""
        parts = (self.catalogue, self.our_wording, self.depth_rule, self.grid, self.ratings)
        return " ".join(" ".join(s.get(variant).split()) for s in parts)


class Framework(NamedTuple):
    """Everything in principles.yaml: the questions, the scale, depth and grid."""

    version: str
    source: Source
    credits: Credits
    scale: tuple[ScalePoint, ...]
    principles: tuple[Principle, ...]
    depth_levels: tuple[DepthLevel, ...]
    grid: Grid
    keywords: tuple[str, ...]
    variants: tuple[str, ...] = (ENGLISH,)  # the wordings this catalogue gives in full, 'en' first

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages this catalogue speaks in full, English first ('en', 'cy')."""
        return tuple(dict.fromkeys(language_of(v) for v in self.variants))

    def glossary(self, variant: str = ENGLISH) -> dict[str, str]:
        """What each principle's name and each depth word means, in a variant: a result explains the words
        it uses ("blur roles", "catalysts", "intermediate") where a reader first meets them."""
        out = {p.name.get(variant): p.meaning.get(variant) for p in self.principles}
        out.update({d.name.get(variant): d.meaning.get(variant) for d in self.depth_levels})
        return out

    def principle(self, pid: str) -> Principle:
        return _find(self.principles, lambda p: p.id == pid, "principle", pid, tuple(p.id for p in self.principles))

    def depth(self, did: str) -> DepthLevel:
        return _find(self.depth_levels, lambda d: d.id == did, "depth", did, tuple(d.id for d in self.depth_levels))

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for p in self.principles for q in p.questions)

    def label(self, value: int, variant: str = ENGLISH) -> str:
        known = tuple(str(s.value) for s in self.scale)
        return _find(self.scale, lambda s: s.value == value, "scale value", value, known).label.get(variant)


class Rating(NamedTuple):
    score: int
    reason: str


class Lesson(NamedTuple):
    lesson: str
    questions: tuple[str, ...]


class Figure(NamedTuple):
    figure: str
    about: str


class Link(NamedTuple):
    url: str
    label: str


class CaseStudy(NamedTuple):
    slug: str
    number: int
    name: str
    aliases: tuple[str, ...]
    location: str
    keywords: tuple[str, ...]
    summary: str
    ratings: dict[str, Rating]
    depth: str | None
    depth_note: str
    learning: tuple[Lesson, ...]
    going_further: tuple[str, ...]
    practices: dict[str, tuple[str, ...]]  # principle id -> steps another service could take
    evidence: tuple[str, ...]
    figures: tuple[Figure, ...]
    links: tuple[Link, ...]
    see_also: tuple[str, ...]  # exactly the catalogue's "Then see also" list
    related: tuple[str, ...] = ()  # other case studies the text mentions
    moving_towards: str | None = None  # a higher depth the catalogue says it is moving towards (SUN)
    # Who it works with, for next steps worded for any service: "as Homeless Health Peer Advocacy does with
    # people who have been homeless". "" where not given.
    works_with: str = ""

    @property
    def scores(self) -> dict[str, int]:
        return {pid: r.score for pid, r in self.ratings.items()}

    @property
    def depth_text(self) -> str:
        """The depth as the catalogue states it: 'intermediate, moving towards transformative', or 'not stated'."""
        if self.depth is None:
            return "not stated"
        return f"{self.depth}, moving towards {self.moving_towards}" if self.moving_towards else self.depth


class Resource(NamedTuple):
    id: str
    title: str
    author: str | None
    year: int | None
    kind: str
    description: str
    keywords: tuple[str, ...] = ()
    principles: tuple[str, ...] = ()
    url: str | None = None


class Rung(NamedTuple):
    id: str
    name: Text
    group: Text  # TLAP's grouping: doing to, doing for, doing with
    meaning: Text  # one line in our own words


class Ladder(NamedTuple):
    """Everything in ladder.yaml: the rungs, bottom first, and who the ladder is by."""

    title: Text
    credit: Text  # the credit the ladder's authors ask for
    discussed_in: Text  # where the sources discuss it
    wording: Text  # says which words are ours
    advice: Text  # how facilitators use it, in our words
    placement: Text  # says a placement is the room's own judgement
    rungs: tuple[Rung, ...]
    # Parts of the work a room may place one by one, offered by number; a placement keeps the standard
    # English of the one chosen, whatever wording the room read it in.
    aspects: tuple[Text, ...] = ()

    def rung(self, rid: str) -> Rung:
        return next(r for r in self.rungs if r.id == rid)

    def aspect(self, name: str) -> Text | None:
        """The ladder's aspect a placement names (it keeps the standard English), with its wordings."""
        return next((a for a in self.aspects if a == name), None)

    def step(self, rid: str) -> int:
        """1 for the bottom rung, up to len(rungs) for the top."""
        return [r.id for r in self.rungs].index(rid) + 1
