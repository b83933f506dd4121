"""Scoring: principle scores and levels, the overall depth, and the grid cell. Pure functions."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from .errors import excerpt
from .i18n import _
from .model import PRINCIPLE_IDS, SCALE_MAX, Framework, GridPosition

# The depth rule, over the six principle levels (a principle not assessed counts as 0):
#   transformative: every principle at level 2 or more, and at least three at level 3;
#   intermediate:   at least three principles at level 2 or more;
#   descriptive:    anything less.
# Both thresholds only count levels upwards, so raising any answer can never lower the depth.
STRONG = 2
TRANSFORMATIVE_FULL = 3
INTERMEDIATE_STRONG = 3


class PrincipleScore(NamedTuple):
    principle: str
    score: float | None  # mean of the answered questions; None when none was answered
    level: int | None  # the mean rounded, halves up: the wedge's depth of colour
    answered: int
    asked: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "score": None if self.score is None else round(self.score, 2),
            "level": self.level,
            "answered": self.answered,
            "asked": self.asked,
        }


class Depth(NamedTuple):
    id: str
    reason: str  # why this depth, one sentence
    next_step: str | None  # what would reach the next depth, one sentence (None at the top)


DISAGREE_SPREAD = 2  # scores or votes this far apart mark a disagreement worth talking through


def disagrees(values: Sequence[float]) -> bool:
    """Whether scores or votes are spread DISAGREE_SPREAD or more apart."""
    # Rounded, so that mean scores such as 2.67 and 0.67 read as exactly 2 apart.
    return bool(values) and round(max(values) - min(values), 2) >= DISAGREE_SPREAD


def levels_of(scores: Mapping[str, PrincipleScore]) -> dict[str, int | None]:
    """Principle id -> level (None where not assessed): what the wedge and the depth rule read."""
    return {pid: s.level for pid, s in scores.items()}


def weakest(scores: Iterable[PrincipleScore], n: int) -> list[str]:
    """The one rule for "weakest": the n assessed principles with the lowest scores, ties in catalogue
    order, leaving out any already at the top level (full marks leave nothing to strengthen)."""
    assessed = [s for s in scores if s.score is not None and (s.level or 0) < SCALE_MAX]
    assessed.sort(key=lambda s: (s.score, PRINCIPLE_IDS.index(s.principle)))
    return [s.principle for s in assessed[:n]]


def level_of(mean: float) -> int:
    """Round a mean score to a level, halves rounding up (1.5 -> 2, 2.49 -> 2)."""
    return min(SCALE_MAX, math.floor(mean + 0.5 + 1e-9))


def score_principles(fw: Framework, answers: Mapping[str, int | None]) -> dict[str, PrincipleScore]:
    """Each principle's mean, level and coverage from question id -> value (or None, unanswered)."""
    out = {}
    for p in fw.principles:
        values = [v for q in p.questions if (v := answers.get(q.id)) is not None]
        mean = sum(values) / len(values) if values else None
        out[p.id] = PrincipleScore(p.id, mean, None if mean is None else level_of(mean), len(values), len(p.questions))
    return out


def depth_id(levels: Mapping[str, int | None]) -> str:
    """The depth the rule gives for principle id -> level (None or missing counts as 0)."""
    values = [levels.get(pid) or 0 for pid in PRINCIPLE_IDS]
    strong = sum(v >= STRONG for v in values)
    full = sum(v >= SCALE_MAX for v in values)
    if strong == len(PRINCIPLE_IDS) and full >= TRANSFORMATIVE_FULL:
        return "transformative"
    if strong >= INTERMEDIATE_STRONG:
        return "intermediate"
    return "descriptive"


def depth_of(fw: Framework, levels: Mapping[str, int | None]) -> Depth:
    """The depth, with one sentence on why and one on what would reach the next depth."""
    did = depth_id(levels)
    name = {p.id: p.name for p in fw.principles}
    values = {pid: levels.get(pid) or 0 for pid in PRINCIPLE_IDS}
    strong = [pid for pid in PRINCIPLE_IDS if values[pid] >= STRONG]
    below = [pid for pid in PRINCIPLE_IDS if values[pid] < STRONG]
    full = [pid for pid in PRINCIPLE_IDS if values[pid] >= SCALE_MAX]
    missing = [pid for pid in PRINCIPLE_IDS if levels.get(pid) is None]
    n = len(PRINCIPLE_IDS)
    note = f" ({_names(missing, name)} not assessed, so counted as 0)" if missing else ""
    if did == "transformative":
        reason = (
            f"All {n} principles are at level {STRONG} or more and {len(full)} are at level {SCALE_MAX}, "
            f"so the service practises co-production across the board."
        )
        return Depth(did, reason, None)
    to_full = max(0, TRANSFORMATIVE_FULL - len(full))
    next_t = f"bring {_names(below, name)} to level {STRONG} or more" if below else ""
    if to_full:
        more = f"raise {to_full} more principle{'s' if to_full > 1 else ''} to level {SCALE_MAX}"
        next_t = f"{next_t} and {more}" if next_t else more
    if did == "intermediate":
        if below:
            reason = (
                f"{len(strong)} of the {n} principles are at level {STRONG} or more (intermediate needs "
                f"{INTERMEDIATE_STRONG}); transformative needs all {n} there{note}."
            )
        else:
            reason = (
                f"All {n} principles are at level {STRONG} or more, but only {len(full)} at level {SCALE_MAX}; "
                f"transformative needs {TRANSFORMATIVE_FULL}."
            )
        return Depth(did, reason, f"To become transformative, {next_t}.")
    need = INTERMEDIATE_STRONG - len(strong)
    reason = (
        f"Only {len(strong)} of the {n} principles {'is' if len(strong) == 1 else 'are'} at level {STRONG} "
        f"or more; intermediate needs {INTERMEDIATE_STRONG}{note}."
    )
    closest = sorted(below, key=lambda pid: (-values[pid], PRINCIPLE_IDS.index(pid)))[:need]
    return Depth(did, reason, f"To become intermediate, bring {_names(closest, name)} to level {STRONG} or more.")


def _names(ids: list[str], name: Mapping[str, str]) -> str:
    words = [name[i] for i in ids]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def grid_position(fw: Framework, plan: str | None, deliver: str | None) -> GridPosition | None:
    """The grid square for who plans and who delivers; None until both are known."""
    if plan is None or deliver is None:
        return None
    return fw.grid.place(plan, deliver)


# -- answer values ---------------------------------------------------------------------------------
_SPACE = re.compile(r"\s+")


class BadValue(ValueError):
    """A value that is not on the scale; str() says what was expected."""


def label_index(fw: Framework) -> dict[str, int]:
    """Scale labels in every wording (case and spacing folded: 'Starting', 'A little', 'Dechrau') and the
    digits themselves, to values."""
    index = {_SPACE.sub(" ", label.strip().lower()): s.value for s in fw.scale for label in s.label.all}
    for s in fw.scale:
        index[str(s.value)] = s.value
    return index


def parse_value(raw: object, index: Mapping[str, int]) -> int | None:
    """A cell or typed answer as a scale value: a whole number on the scale or a label, any case.

    Blank is unanswered (None). '2.0' and ' 3 ' are read as 2 and 3; anything else raises BadValue.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise BadValue(_("%(cell)s is not on the scale") % {"cell": repr(raw)})
    if isinstance(raw, int):
        if raw in index.values():
            return raw
        raise BadValue(_("%(cell)s is off the scale") % {"cell": raw})
    if isinstance(raw, float):
        if raw.is_integer() and int(raw) in index.values():
            return int(raw)
        raise BadValue(_("%(cell)s is off the scale") % {"cell": f"{raw:g}"})
    text = _SPACE.sub(" ", str(raw).strip().lower())
    if not text:
        return None
    value = index.get(text)
    if value is not None:
        return value
    try:
        number = float(text)
    except ValueError:
        raise BadValue(_("'%(cell)s' is not a value or label on the scale") % {"cell": excerpt(raw)}) from None
    if number.is_integer() and int(number) in index.values():
        return int(number)
    raise BadValue(_("%(cell)s is off the scale") % {"cell": excerpt(raw)})


def expected(fw: Framework) -> str:
    """The scale as a person would type it: '0-3 or a label (Not yet, Starting, Mostly, Fully)'."""
    labels = ", ".join(s.label for s in fw.scale)
    return f"{fw.scale[0].value}-{fw.scale[-1].value} or a label ({labels})"


# -- lenses: who is looking (people who use services, staff, ...) ---------------------------------
DEFAULT_LENSES: tuple[str, ...] = ("People who use services", "Staff")
NO_LENS = "Prefer not to say"  # always offered; such votes count for the room but for no lens
LENS_GAP = 1  # lenses a level or more apart on a principle see the service differently


def lens_scores(
    fw: Framework, lenses: Sequence[str], lens_votes: Mapping[str, Mapping[str, Sequence[int]]]
) -> dict[str, dict[str, float | None]]:
    """Lens -> principle id -> score: the mean over the principle's questions of that lens's mean vote.

    A question a lens did not vote on does not count for that lens; a principle with none is None.
    """
    out: dict[str, dict[str, float | None]] = {}
    for lens in lenses:
        out[lens] = {}
        for p in fw.principles:
            means = [sum(votes) / len(votes) for q in p.questions if (votes := lens_votes.get(q.id, {}).get(lens))]
            out[lens][p.id] = sum(means) / len(means) if means else None
    return out


def lens_gaps(scores: Mapping[str, Mapping[str, float | None]]) -> dict[str, float | None]:
    """Principle id -> the largest difference between two lenses' scores (None unless two lenses scored it)."""
    pids: list[str] = []
    for by_principle in scores.values():
        pids += [pid for pid in by_principle if pid not in pids]
    out: dict[str, float | None] = {}
    for pid in pids:
        values = [s for by_principle in scores.values() if (s := by_principle.get(pid)) is not None]
        out[pid] = round(max(values) - min(values), 2) if len(values) >= 2 else None
    return out


def lenses_apart(gap: float | None) -> bool:
    """Whether a gap marks lenses that see a principle a level or more apart."""
    return gap is not None and gap >= LENS_GAP
