"""Progress over time: saved results of one service compared, first to last. Pure functions."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from .assessment import Assessment, load_assessment
from .model import PRINCIPLE_IDS, Framework, Ladder
from .scoring import PrincipleScore, depth_id, grid_position, lens_gaps, lens_scores, levels_of, score_principles


class Snapshot(NamedTuple):
    path: str
    assessment: Assessment
    scores: dict[str, PrincipleScore]
    depth: str
    lenses: dict[str, dict[str, float | None]]  # lens -> principle id -> score (empty without lenses)
    gaps: dict[str, float | None]
    grid_cell: str | None = None  # where the plan/deliver answers place the service, if both were given
    grid_note: str | None = None  # said where the catalogue leaves that square unnamed


class Comparison(NamedTuple):
    snapshots: list[Snapshot]  # in date order
    ladder: Ladder | None = None  # the catalogue's ladder, given when a result has a ladder placement

    @property
    def services(self) -> list[str]:
        """The distinct service names (case and spacing folded), in order of appearance."""
        seen: dict[str, str] = {}
        for s in self.snapshots:
            name = s.assessment.service or ""
            seen.setdefault(" ".join(name.lower().split()), name)
        return list(seen.values())

    def changes(self) -> dict[str, dict[str, float | None]]:
        first, last = self.snapshots[0], self.snapshots[-1]
        out = {}
        for pid in PRINCIPLE_IDS:
            before, after = first.scores[pid].score, last.scores[pid].score
            delta = None if before is None or after is None else round(after - before, 2)
            out[pid] = {"before": _r(before), "after": _r(after), "delta": delta}
        return out

    def as_dict(self, fw: Framework | None = None) -> dict[str, Any]:
        """JSON's view; with the framework, it also says what the depth and grid rest on (our rule, our names)."""
        basis = {} if fw is None else {"depth_basis": fw.credits.depth_basis, "grid_basis": fw.credits.grid_basis}
        return {
            "service": self.snapshots[-1].assessment.service,
            "results": [
                {
                    "file": s.path,
                    "date": s.assessment.date,
                    "depth": s.depth,
                    "scores": {pid: sc.as_dict() for pid, sc in s.scores.items()},
                    "ladder": [p.as_dict() for p in s.assessment.ladder] or None,
                    **(
                        {
                            "lenses": {lens: {k: _r(v) for k, v in by.items()} for lens, by in s.lenses.items()},
                            "gaps": dict(s.gaps),
                        }
                        if s.lenses
                        else {}
                    ),
                    "grid_cell": s.grid_cell,
                    "notes": dict(s.assessment.notes),
                }
                for s in self.snapshots
            ],
            "changes": self.changes(),
            "depth": {"before": self.snapshots[0].depth, "after": self.snapshots[-1].depth},
            "grid_cell": {"before": self.snapshots[0].grid_cell, "after": self.snapshots[-1].grid_cell},
            **({"ladder_note": self.ladder.placement} if self.ladder is not None else {}),
            **basis,
        }


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def snapshot(fw: Framework, path: Path) -> Snapshot:
    a = load_assessment(path, fw)
    scores = score_principles(fw, a.answers)
    by_lens = lens_scores(fw, a.lenses, a.lens_votes) if a.lenses else {}
    place = grid_position(fw, a.plan, a.deliver)
    return Snapshot(
        str(path),
        a,
        scores,
        depth_id(levels_of(scores)),
        by_lens,
        lens_gaps(by_lens),
        None if place is None else place.cell,
        None if place is None else place.note,
    )


def compare_results(fw: Framework, paths: Sequence[Path], ladder: Ladder | None = None) -> Comparison:
    """Load saved results and put them in date order (files with the same date keep the order given).
    `ladder` names the rungs of any ladder placements the results hold."""
    snaps = [snapshot(fw, Path(p)) for p in paths]
    snaps.sort(key=lambda s: _dt.date.fromisoformat(s.assessment.date))  # checked YYYY-MM-DD on load
    placed = any(s.assessment.ladder for s in snaps)
    return Comparison(snaps, ladder if placed else None)
