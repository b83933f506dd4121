"""Typed models of the catalogue: principles, questions, case studies, resources."""
from __future__ import annotations

from dataclasses import dataclass, field

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
SCALE_MAX = 3


@dataclass(frozen=True, slots=True)
class ScalePoint:
    value: int
    label: str
    meaning: str


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    principle: str
    text: str
    hint: str | None = None


@dataclass(frozen=True, slots=True)
class Example:
    case_study: str
    text: str


@dataclass(frozen=True, slots=True)
class Principle:
    id: str
    name: str
    aliases: tuple[str, ...]
    colour: str
    colour_name: str
    meaning: str
    explanation: str
    levels: tuple[str, str, str, str]
    example: Example
    questions: tuple[Question, ...]


@dataclass(frozen=True, slots=True)
class DepthLevel:
    id: str
    name: str
    meaning: str
    explanation: str


@dataclass(frozen=True, slots=True)
class GridChoice:
    id: str
    label: str


@dataclass(frozen=True, slots=True)
class GridQuestion:
    question: str
    choices: tuple[GridChoice, ...]


@dataclass(frozen=True, slots=True)
class GridCell:
    id: str
    name: str
    meaning: str


@dataclass(frozen=True, slots=True)
class GridPosition:
    plan: str
    deliver: str
    cell: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Grid:
    plan: GridQuestion
    deliver: GridQuestion
    cells: tuple[GridCell, ...]
    positions: tuple[GridPosition, ...]

    def cell(self, cell_id: str) -> GridCell:
        return next(c for c in self.cells if c.id == cell_id)

    def place(self, plan: str, deliver: str) -> GridPosition:
        return next(p for p in self.positions if p.plan == plan and p.deliver == deliver)


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    authors: tuple[str, ...]
    publishers: tuple[str, ...]
    year: int


@dataclass(frozen=True, slots=True)
class Framework:
    """Everything in principles.yaml: the questions, the scale, depth and grid."""

    version: str
    source: Source
    scale: tuple[ScalePoint, ...]
    principles: tuple[Principle, ...]
    depth_levels: tuple[DepthLevel, ...]
    grid: Grid
    keywords: tuple[str, ...]

    def principle(self, pid: str) -> Principle:
        return next(p for p in self.principles if p.id == pid)

    def depth(self, did: str) -> DepthLevel:
        return next(d for d in self.depth_levels if d.id == did)

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for p in self.principles for q in p.questions)

    def label(self, value: int) -> str:
        return next(s.label for s in self.scale if s.value == value)


@dataclass(frozen=True, slots=True)
class Rating:
    score: int
    reason: str


@dataclass(frozen=True, slots=True)
class Lesson:
    lesson: str
    questions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Figure:
    figure: str
    about: str


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    label: str


@dataclass(frozen=True, slots=True)
class CaseStudy:
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
    evidence: tuple[str, ...]
    figures: tuple[Figure, ...]
    links: tuple[Link, ...]
    see_also: tuple[str, ...]

    @property
    def scores(self) -> dict[str, int]:
        return {pid: r.score for pid, r in self.ratings.items()}


@dataclass(frozen=True, slots=True)
class Resource:
    id: str
    title: str
    author: str | None
    year: int | None
    kind: str
    description: str
    keywords: tuple[str, ...] = field(default_factory=tuple)
    principles: tuple[str, ...] = field(default_factory=tuple)
    url: str | None = None
