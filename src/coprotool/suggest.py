"""Suggestions: case studies and resources that are strong where a service is weak. Pure functions."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from .catalogue import normalise
from .model import CaseStudy, Framework, Resource
from .scoring import PrincipleScore
from .scoring import weakest as weakest_of

WEAKEST = 2  # how many weak principles get suggestions
PER_PRINCIPLE = 3  # case studies suggested for each
RESOURCES_PER_PRINCIPLE = 2
MIN_RATING = 2  # a case study must be at least this strong on the principle to be suggested


class Suggestion(NamedTuple):
    principle: str
    case_study: str  # slug
    name: str
    rating: int
    reason: str  # why it is strong on the principle
    question: str | None  # one of its reflective questions
    shared_keywords: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "principle": self.principle,
            "case_study": self.case_study,
            "name": self.name,
            "rating": self.rating,
            "reason": self.reason,
            "question": self.question,
            "shared_keywords": list(self.shared_keywords),
        }


class ResourceSuggestion(NamedTuple):
    principle: str
    resource: str  # id
    title: str
    description: str
    url: str | None
    author: str | None = None
    year: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "principle": self.principle,
            "resource": self.resource,
            "title": self.title,
            "author": self.author,
            "year": self.year,
            "description": self.description,
            "url": self.url,
        }


def weakest(scores: Mapping[str, PrincipleScore], n: int = WEAKEST) -> list[str]:
    """The n weakest principles of an assessment, by the one rule in `scoring.weakest`."""
    return weakest_of(scores.values(), n)


def suggest(
    fw: Framework,
    studies: Sequence[CaseStudy],
    scores: Mapping[str, PrincipleScore],
    keywords: Sequence[str] = (),
) -> list[Suggestion]:
    """For each weak principle, the case studies rated highest on it, then sharing most keywords."""
    wanted = {normalise(k) for k in keywords}
    out = []
    for pid in weakest(scores):
        for c in _ranked(studies, pid, wanted)[:PER_PRINCIPLE]:
            out.append(
                Suggestion(
                    pid,
                    c.slug,
                    c.name,
                    c.ratings[pid].score,
                    c.ratings[pid].reason,
                    _question_for(c, fw, pid),
                    _shared(c.keywords, wanted),
                )
            )
    return out


def _ranked(studies: Sequence[CaseStudy], pid: str, wanted: set[str]) -> list[CaseStudy]:
    """Case studies strong on a principle: by rating there, then keywords shared, then catalogue order."""
    return sorted(
        (c for c in studies if c.ratings[pid].score >= MIN_RATING),
        key=lambda c: (-c.ratings[pid].score, -len(_shared(c.keywords, wanted)), c.number),
    )


class NextStep(NamedTuple):
    principle: str
    case_study: str  # slug of the case study it is drawn from
    name: str
    text: str
    works_with: str = ""  # who the case study works with ("people who have been homeless"), or ""

    @property
    def example(self) -> str:
        """The case study as an example, not a setting to copy: 'as Homeless Health Peer Advocacy does with
        people who have been homeless'."""
        return f"as {self.name} does" + (f" with {self.works_with}" if self.works_with else "")

    def as_dict(self) -> dict[str, Any]:
        return {
            "principle": self.principle,
            "case_study": self.case_study,
            "name": self.name,
            "text": self.text,
            "example": self.example,
        }


STEPS_PER_PRINCIPLE = 3


def next_steps(
    studies: Sequence[CaseStudy], scores: Mapping[str, PrincipleScore], keywords: Sequence[str] = ()
) -> list[NextStep]:
    """For each weak principle, up to three steps drawn from the strongest case studies there: the first
    step of each in rank order, then second steps, so the advice comes from more than one service."""
    wanted = {normalise(k) for k in keywords}
    out = []
    for pid in weakest(scores):
        ranked = [c for c in _ranked(studies, pid, wanted) if c.practices.get(pid)]
        picked: list[NextStep] = []
        for round_ in range(2):
            for c in ranked:
                steps = c.practices[pid]
                if round_ < len(steps) and len(picked) < STEPS_PER_PRINCIPLE:
                    picked.append(NextStep(pid, c.slug, c.name, steps[round_], c.works_with))
        out += picked
    return out


def suggest_resources(
    resources: Sequence[Resource], principles: Sequence[str], keywords: Sequence[str] = ()
) -> list[ResourceSuggestion]:
    """For each principle, the related resources sharing most keywords (catalogue order breaks ties)."""
    wanted = {normalise(k) for k in keywords}
    out = []
    for pid in principles:
        related = [r for r in resources if pid in r.principles]
        related.sort(key=lambda r: -len(_shared(r.keywords, wanted)))  # stable: keeps catalogue order
        for r in related[:RESOURCES_PER_PRINCIPLE]:
            out.append(ResourceSuggestion(pid, r.id, r.title, r.description, r.url, r.author, r.year))
    return out


def _shared(keywords: Sequence[str], wanted: set[str]) -> tuple[str, ...]:
    return tuple(k for k in keywords if normalise(k) in wanted)


_WORD = re.compile(r"[a-z]{4,}")
# Words every principle's text uses: they say nothing about which principle a question is about.
_COMMON = {
    "people",
    "peopl",
    "service",
    "servic",
    "their",
    "which",
    "where",
    "there",
    "about",
    "other",
    "these",
    "those",
    "would",
    "could",
    "should",
    "what",
    "with",
    "from",
    "that",
    "this",
    "have",
    "your",
    "more",
    "they",
    "them",
    "into",
    "than",
    "such",
    "work",
    "worki",
    "does",
    "make",
    "help",
    "helpi",
    "support",
    "suppor",
    "using",
    "used",
    "every",
    "everyo",
}


def _stems(text: str) -> set[str]:
    """Word stems (the first six letters) of the longer, telling words of a text."""
    return {w[:6] for w in _WORD.findall(text.lower())} - _COMMON


def _question_for(c: CaseStudy, fw: Framework, pid: str) -> str | None:
    """The reflective question of the case study that best fits the principle: the one sharing most word
    stems with the principle's name, aliases, meaning, explanation and workshop questions."""
    p = fw.principle(pid)
    vocab = _stems(" ".join((p.name, *p.aliases, p.meaning, p.explanation, *(q.text for q in p.questions))))
    best, best_hits = None, -1
    for lesson in c.learning:
        for q in lesson.questions:
            hits = len(vocab & _stems(q))
            if hits > best_hits:
                best, best_hits = q, hits
    return best
