"""An assessment (what a group answered) and its result (scores, depth, grid, suggestions).

Reads answers files and writes saved results; a saved result is itself a valid answers file.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .catalogue import Catalogue
from .i18n import _
from .model import GRID_ROLES, LADDER_IDS, PRINCIPLE_IDS, Framework, GridPosition, Ladder
from .scoring import (
    NO_LENS,
    BadValue,
    Depth,
    PrincipleScore,
    depth_of,
    disagrees,
    expected,
    grid_position,
    label_index,
    lens_gaps,
    lens_scores,
    level_of,
    levels_of,
    parse_value,
    score_principles,
)
from .suggest import NextStep, ResourceSuggestion, Suggestion, next_steps, suggest, suggest_resources, weakest
from .validate import Fields

if TYPE_CHECKING:
    from .actions import Action, Reviewed

FORMAT = "coprotool-assessment"
FORMAT_VERSION = 1
# Fields a saved result carries that are derived again on load, so reading them back changes nothing.
_DERIVED = (
    "scores",
    "depth",
    "grid_cell",
    "suggestions",
    "resources",
    "tool_version",
    "data_version",
    "next_steps",
    "disagreements",
    "weakest",
    "gaps",
)


WHOLE_WORK = "The work as a whole"  # the aspect of a placement that names none (files from before aspects)
MAX_ASPECT = 80  # longest name of an aspect of the work


@dataclass(frozen=True)
class Placement:
    """Where the room put one aspect of the work (planning, delivery, review...) on the ladder of
    co-production: now, where it should stand, and why it should stand below the top rung (the room's own
    judgement; no rule derives it from scores). The source's advice is to step down only for the aspect
    that has a reason, so each aspect has its own rungs and reason."""

    now: str  # a rung id
    should: str
    reason: str | None = None
    aspect: str | None = None  # the part of the work the room chose; None: the work as a whole

    @property
    def aspect_name(self) -> str:
        return self.aspect or WHOLE_WORK

    def as_dict(self) -> dict[str, Any]:
        return {"aspect": self.aspect, "now": self.now, "should": self.should, "reason": self.reason}


@dataclass
class Assessment:
    """What a group said: answers by question id (None = skipped), notes by principle, grid answers."""

    service: str | None = None
    date: str = field(default_factory=lambda: _dt.date.today().isoformat())
    keywords: list[str] = field(default_factory=list)
    answers: dict[str, int | None] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    plan: str | None = None
    deliver: str | None = None
    votes: dict[str, list[int]] = field(default_factory=dict)  # question id -> the room's votes
    lenses: list[str] = field(default_factory=list)  # who was looking, e.g. people who use services, staff
    # question id -> lens (or NO_LENS) -> that lens's votes; the room's votes are these together
    lens_votes: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    group: bool = False  # answered by a room voting at each question
    ladder: tuple[Placement, ...] = ()  # the optional last step: the room's places on the ladder, by aspect
    actions: list[Action] = field(default_factory=list)  # agreed at the end of this run
    reviewed: list[Reviewed] = field(default_factory=list)  # earlier actions, reviewed at the start

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "service": self.service,
            "date": self.date,
            "keywords": list(self.keywords),
            "answers": dict(self.answers),
            "notes": dict(self.notes),
        }
        out["grid"] = {"plan": self.plan, "deliver": self.deliver}
        if self.ladder:
            out["ladder"] = [p.as_dict() for p in self.ladder]
        if self.lenses:
            out["lenses"] = list(self.lenses)
        if self.group or self.votes:
            out["group"] = self.group
            out["votes"] = {
                qid: {lens: list(v) for lens, v in self.lens_votes[qid].items()} if qid in self.lens_votes else list(v)
                for qid, v in self.votes.items()
            }
        if self.reviewed:
            out["reviewed"] = [r.as_dict() for r in self.reviewed]
        if self.actions:
            out["actions"] = [a.as_dict() for a in self.actions]
        return out


def agreed(votes: list[int]) -> int:
    """The room's value when nobody says otherwise: the median, halves rounding up."""
    ordered = sorted(votes)
    mid = len(ordered) // 2
    median = ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
    return level_of(median)


def disagreements(fw: Framework, a: Assessment) -> list[dict[str, Any]]:
    """The questions on which the room's votes differed by DISAGREE_SPREAD or more, in question order."""
    out = []
    for q in fw.questions:
        votes = a.votes.get(q.id)
        if votes and disagrees(votes):
            out.append(
                {
                    "question": q.id,
                    "text": q.text,
                    "votes": list(votes),
                    "spread": max(votes) - min(votes),
                    "agreed": a.answers.get(q.id),
                }
            )
    return out


@dataclass
class Result:
    assessment: Assessment
    scores: dict[str, PrincipleScore]
    depth: Depth
    grid: GridPosition | None
    weakest: list[str]
    suggestions: list[Suggestion]
    resources: list[ResourceSuggestion]
    next_steps: list[NextStep]
    disagreements: list[dict[str, Any]]
    lenses: dict[str, dict[str, float | None]] = field(default_factory=dict)  # lens -> principle id -> score
    gaps: dict[str, float | None] = field(default_factory=dict)  # principle id -> largest gap between lenses
    ladder: Ladder | None = None  # the catalogue's ladder, given when the assessment has a placement

    def as_dict(self, fw: Framework, tool_version: str) -> dict[str, Any]:
        out = self.assessment.as_dict()
        out["scores"] = {pid: s.as_dict() for pid, s in self.scores.items()}
        out["depth"] = self.depth.id
        out["depth_reason"] = self.depth.reason
        out["depth_next"] = self.depth.next_step
        out["depth_basis"] = fw.credits.depth_basis  # the rule from scores to a depth is ours
        if self.grid is None:
            out["grid_cell"] = None
        else:
            cell = fw.grid.square(self.grid)
            out["grid_cell"] = {
                "id": cell.id,  # for a square the catalogue leaves unnamed, the nearest named cell
                "name": cell.name,
                "meaning": cell.meaning,
                "note": self.grid.note,
                "named_in_catalogue": self.grid.name is None,
            }
        out["grid_basis"] = fw.credits.grid_basis
        out["grid"]["cell"] = None if self.grid is None else self.grid.cell  # where the answers place it
        out["weakest"] = list(self.weakest)
        out["suggestions"] = [s.as_dict() for s in self.suggestions]
        out["resources"] = [r.as_dict() for r in self.resources]
        out["next_steps"] = [s.as_dict() for s in self.next_steps]
        out["disagreements"] = list(self.disagreements)
        if self.lenses:
            out["lenses"] = {
                lens: {pid: None if s is None else round(s, 2) for pid, s in by.items()}
                for lens, by in self.lenses.items()
            }
            out["gaps"] = dict(self.gaps)
        for r in out.get("reviewed", []):  # beside each reviewed action, its principle's score now
            r["score_now"] = self.scores[r["principle"]].score
        if self.ladder is not None and "ladder" in out:
            out["ladder_note"] = self.ladder.placement  # says the placement is the room's own
        out["explanations"] = fw.glossary()  # the principles' names and the depth words, in a sentence each
        out["tool_version"] = tool_version
        out["data_version"] = fw.version
        return out


_RESULT_ONLY = ("depth_reason", "depth_next", "depth_basis", "grid_basis", "explanations", "ladder_note")
# A resume file's place and output files (session.SavedRun reads them); a plain answers reader skips them.
_RUN_KEYS = ("progress", "outputs")


def evaluate(cat: Catalogue, a: Assessment) -> Result:
    """Score an assessment against the catalogue. Reads the case studies only if suggestions are due."""
    fw = cat.framework
    scores = score_principles(fw, a.answers)
    depth = depth_of(fw, levels_of(scores))
    weak = weakest(scores)
    suggestions = suggest(fw, cat.case_studies, scores, a.keywords) if weak else []
    resources = suggest_resources(cat.resources, weak, a.keywords) if weak else []
    steps = next_steps(cat.case_studies, scores, a.keywords) if weak else []
    by_lens = lens_scores(fw, a.lenses, a.lens_votes) if a.lenses else {}
    return Result(
        a,
        scores,
        depth,
        grid_position(fw, a.plan, a.deliver),
        weak,
        suggestions,
        resources,
        steps,
        disagreements(fw, a),
        by_lens,
        lens_gaps(by_lens),
        cat.ladder if a.ladder and cat.ladder_path.exists() else None,
    )


def parse_assessment(data: object, path: str, fw: Framework) -> Assessment:
    """An answers file (or a saved result, or a resume file) as an Assessment, checked against fw."""
    f = Fields(data, path)
    fmt = f.raw("format", required=False)
    if fmt is not None and fmt != FORMAT:
        fix = _("an answers file has format '%(format)s' or none") % {"format": FORMAT}
        f.fail(_("is %(value)s") % {"value": repr(fmt)}, "format", fix=fix)
    version = f.raw("format_version", required=False)
    if version is not None:
        if not isinstance(version, int) or isinstance(version, bool):
            f.fail(_("should be a whole number"), "format_version")
        if version > FORMAT_VERSION:
            f.fail(
                _("is %(version)d, newer than this coprotool reads (%(newest)d)")
                % {"version": version, "newest": FORMAT_VERSION},
                "format_version",
                fix=_("upgrade coprotool to read it"),
            )
        if version < 1:
            said = {"version": version, "newest": FORMAT_VERSION}
            f.fail(_("is %(version)d; versions start at 1") % said, "format_version", fix=_("use %(newest)d") % said)
    for key in _DERIVED + _RESULT_ONLY + _RUN_KEYS:
        f.raw(key, required=False)
    a = Assessment()
    a.service = f.text("service", required=False)
    date = f.date("date", required=False)
    if date is not None:
        a.date = date
    a.keywords = list(f.texts("keywords"))
    index = label_index(fw)
    ids = [q.id for q in fw.questions]
    answers = f.mapping("answers", required=False)
    if answers is not None:
        for qid, raw in answers.data.items():
            qid = str(qid)
            if qid not in ids:
                close = difflib.get_close_matches(qid, ids, n=1)
                if close:
                    fix = _("did you mean '%(id)s'?") % {"id": close[0]}
                else:
                    fix = _("see 'coprotool principles' for the question ids")
                f.fail(_("is not a question in this catalogue"), f"answers.{qid}", fix=fix)
            try:
                a.answers[qid] = parse_value(raw, index)
            except BadValue as exc:
                fix = _("use %(expected)s, or null to leave it unanswered") % {"expected": expected(fw)}
                f.fail(str(exc), f"answers.{qid}", fix=fix)
            answers.read.add(qid)
    a.lenses = _lenses(f)
    votes = f.mapping("votes", required=False)
    if votes is not None:
        for qid, raw in votes.data.items():
            qid = str(qid)
            where = f"votes.{qid}"
            if qid not in ids:
                fix = _("see 'coprotool principles' for the ids")
                f.fail(_("is not a question in this catalogue"), where, fix=fix)
            if isinstance(raw, dict):
                a.lens_votes[qid] = by_lens = {}
                for lens, lens_raw in raw.items():
                    if lens not in a.lenses and lens != NO_LENS:
                        f.fail(
                            _("names the lens %(lens)s, which is not under 'lenses'") % {"lens": repr(str(lens))},
                            f"{where}.{lens}",
                            fix=_("add it to 'lenses', or use one of: %(lenses)s")
                            % {"lenses": ", ".join([*a.lenses, NO_LENS])},
                        )
                    by_lens[lens] = _votes(f, lens_raw, f"{where}.{lens}", index, fw, allow_empty=True)
                values = [v for lens_values in by_lens.values() for v in lens_values]
                if not values:
                    fix = _("give at least one lens a vote, or remove the question")
                    f.fail(_("has no votes"), where, fix=fix)
            else:
                values = _votes(f, raw, where, index, fw)
            a.votes[qid] = values
            if a.answers.get(qid) is None:  # votes alone: the room's value is their median
                a.answers[qid] = agreed(values)
            votes.read.add(qid)
    group = f.raw("group", required=False)
    if group is not None and not isinstance(group, bool):
        f.fail(_("should be true or false"), "group")
    a.group = bool(group)
    notes = f.mapping("notes", required=False)
    if notes is not None:
        notes.keys_among(PRINCIPLE_IDS, "a principle id")
        for pid in notes.data:
            text = notes.text(pid, required=False)
            if text:
                a.notes[pid] = text
    grid = f.mapping("grid", required=False)
    if grid is not None:
        a.plan = grid.choice("plan", GRID_ROLES, required=False)
        a.deliver = grid.choice("deliver", GRID_ROLES, required=False)
        grid.raw("cell", required=False)  # derived from plan and deliver in a saved result; worked out again
        grid.done()
    a.ladder = _placements(f)
    from .actions import parse_actions, parse_reviewed

    a.actions = parse_actions(f, "actions", fw, a.service, a.date)
    a.reviewed = parse_reviewed(f, "reviewed")
    f.done(shown=("service", "date", "keywords", "answers", "lenses", "votes", "notes", "grid", "ladder", "actions"))
    return a


def _placements(f: Fields) -> tuple[Placement, ...]:
    """The ladder step's answers, one placement per aspect of the work:
    `ladder: [{aspect: Planning, now: consultation, should: co-design, reason: ...}, ...]`. The form of files
    made before aspects, `ladder: {now: ..., should: ..., reason: ...}`, is one placement of the whole work."""
    raw = f.raw("ladder", required=False)
    if raw is None:
        return ()
    if isinstance(raw, dict):
        lf = f.mapping("ladder")
        return (_placement(lf, aspect_allowed=False),)
    if not isinstance(raw, list):
        f.fail(
            _("should be a list of placements, one per aspect of the work"),
            "ladder",
            fix=_("write each as {aspect: Planning, now: consultation, should: co-production, reason: null}"),
        )
    out: list[Placement] = []
    seen: set[str] = set()
    for lf in f.records("ladder", min_items=1):
        placed = _placement(lf, aspect_allowed=True)
        key = placed.aspect_name.casefold()
        if key in seen:
            said = {"aspect": repr(placed.aspect_name)}
            lf.fail(_("places %(aspect)s twice") % said, lf.at("aspect"), fix=_("give each aspect of the work once"))
        seen.add(key)
        out.append(placed)
    return tuple(out)


def _placement(lf: Fields, aspect_allowed: bool) -> Placement:
    aspect = lf.text("aspect", required=False) if aspect_allowed else None
    if aspect is not None and len(aspect) > MAX_ASPECT:
        said = {"most": MAX_ASPECT}
        lf.fail(
            _("is longer than %(most)d characters") % said, lf.at("aspect"), fix=_("name the aspect in a few words")
        )
    now = lf.choice("now", LADDER_IDS)
    should = lf.choice("should", LADDER_IDS)
    reason = lf.text("reason", required=False)
    lf.raw("note", required=False)  # written into a saved result before aspects; said again on load
    lf.done()
    if should != LADDER_IDS[-1] and not reason:
        lf.fail(
            _("places the work below %(top)s with no reason") % {"top": LADDER_IDS[-1]},
            lf.at("reason"),
            fix=_("say why it should stand lower: the ladder starts from the top and steps down only for a reason"),
        )
    return Placement(now, should, reason, aspect)


def _lenses(f: Fields) -> list[str]:
    """The lenses of an answers file: a list of names (or, in a saved result, lens -> scores)."""
    raw = f.raw("lenses", required=False)
    if raw is None:
        return []
    names = list(raw) if isinstance(raw, dict) else raw
    if not isinstance(names, list):
        f.fail(_("should be a list of lens names such as [People who use services, Staff]"), "lenses")
    out: list[str] = []
    for i, name in enumerate(names):
        if not isinstance(name, str) or not name.strip():
            f.fail(_("should be non-empty text"), f"lenses[{i}]")
        name = name.strip()
        if name in out or name.lower() == NO_LENS.lower():
            f.fail(
                _("repeats %(name)s") % {"name": repr(name)}
                if name in out
                else _("is %(name)s, which is always offered") % {"name": repr(NO_LENS)},
                f"lenses[{i}]",
                fix=_("remove it"),
            )
        out.append(name)
    return out


def _votes(
    f: Fields, raw: object, where: str, index: dict[str, int], fw: Framework, allow_empty: bool = False
) -> list[int]:
    """A list of votes such as [2, 3, 3, 1], each checked against the scale."""
    if not isinstance(raw, list) or not (raw or allow_empty):
        f.fail(_("should be a list of votes such as [2, 3, 3, 1]"), where)
    assert isinstance(raw, list)
    try:
        values = [parse_value(v, index) for v in raw]
    except BadValue as exc:
        f.fail(str(exc), where, fix=_("use %(expected)s for each vote") % {"expected": expected(fw)})
    out = [v for v in values if v is not None]
    if len(out) != len(values):
        f.fail(_("has an empty vote"), where, fix=_("remove it"))
    return out


def load_assessment(path: Path, fw: Framework) -> Assessment:
    from .yamlio import load_file

    return parse_assessment(load_file(path), str(path), fw)


def dump(data: Any, path: Path | str) -> str:
    """Serialise for a file: JSON for .json, YAML otherwise."""
    if str(path).lower().endswith(".json"):
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return dump_yaml(data)


def dump_yaml(data: Any) -> str:
    """Data as YAML, exact and safe to show on a terminal: text holding a control, bidi or invisible
    character is double-quoted, and those characters are written as \\u escapes."""
    import yaml

    from .text import escaped, is_safe

    class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = None if is_safe(value) else '"'
        return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style=style)

    Dumper.add_multi_representer(str, text)  # str subclasses too (wording.Text, a text with its variants)
    out = yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100)
    # Every text holding such a character is double-quoted, where a \\u escape means that character.
    return escaped(out)
