"""Plain dicts of catalogue objects for JSON and YAML output (stable keys, lists not tuples)."""

from __future__ import annotations

from typing import Any

from .model import CaseStudy, Framework, Ladder, Principle, Resource


def case_study_dict(c: CaseStudy, fw: Framework) -> dict[str, Any]:
    return {
        "slug": c.slug,
        "number": c.number,
        "name": c.name,
        "aliases": list(c.aliases),
        "location": c.location,
        "depth": c.depth,
        "moving_towards": c.moving_towards,  # a higher depth the catalogue says it is moving towards, or None
        "depth_text": c.depth_text,
        "depth_note": c.depth_note,
        "ratings": {pid: r.score for pid, r in c.ratings.items()},
        "rating_reasons": {pid: r.reason for pid, r in c.ratings.items()},
        "ratings_basis": fw.credits.ratings_basis,
        "keywords": list(c.keywords),
        "summary": c.summary,
        "learning": [{"lesson": lesson.lesson, "questions": list(lesson.questions)} for lesson in c.learning],
        "going_further": list(c.going_further),
        "practices": {pid: list(steps) for pid, steps in c.practices.items()},
        "works_with": c.works_with or None,
        "evidence": list(c.evidence),
        "figures": [{"figure": f.figure, "about": f.about} for f in c.figures],
        "see_also": list(c.see_also),
        "related": list(c.related),
        "links": [{"url": link.url, "label": link.label} for link in c.links],
    }


def principle_dict(p: Principle, fw: Framework) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "aliases": list(p.aliases),
        "colour": p.colour,
        "colour_name": p.colour_name,
        "meaning": p.meaning,
        "explanation": p.explanation,
        "levels": {str(n): text for n, text in enumerate(p.levels)},
        "example": {"case_study": p.example.case_study, "text": p.example.text},
        "questions": [{"id": q.id, "text": q.text, "hint": q.hint} for q in p.questions],
        "wording": fw.credits.our_wording,
    }


def scale_list(fw: Framework) -> list[dict[str, Any]]:
    return [{"value": s.value, "label": s.label, "meaning": s.meaning} for s in fw.scale]


def ladder_dict(ladder: Ladder) -> dict[str, Any]:
    return {
        "title": ladder.title,
        "credit": ladder.credit,
        "discussed_in": ladder.discussed_in,
        "advice": ladder.advice,
        "placement": ladder.placement,
        "wording": ladder.wording,
        "aspects": list(ladder.aspects),
        "rungs": [  # bottom to top
            {"step": i, "id": r.id, "name": r.name, "group": r.group, "meaning": r.meaning}
            for i, r in enumerate(ladder.rungs, 1)
        ],
    }


def resource_dict(r: Resource) -> dict[str, Any]:
    return {
        "id": r.id,
        "title": r.title,
        "author": r.author,
        "year": r.year,
        "kind": r.kind,
        "description": r.description,
        "keywords": list(r.keywords),
        "principles": list(r.principles),
        "url": r.url,
    }
