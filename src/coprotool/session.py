"""The interactive assessment as a state machine: steps, answers, back, skip. No printing, no prompting.

The command line asks the current step's question and feeds the reply to `Session.reply`, which says
what happened. Everything a run needs to carry on (the answers, the position and the output files asked
for) is one record, `SavedRun`, so it can be written after every answer and read back by `--resume`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from .assessment import MAX_ASPECT, Assessment, agreed, parse_assessment
from .catalogue import normalise
from .errors import excerpt
from .i18n import _, ngettext
from .model import GRID_ROLES, Framework, Ladder, Principle, Question
from .scoring import NO_LENS, BadValue, disagrees, label_index, parse_value
from .text import file_name
from .validate import Fields

MAX_TEXT = 2000  # longest note kept; a longer one is refused and asked again
MAX_NAME = 200  # longest service name
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")


def clean_text(text: str) -> str:
    """Typed text without control characters or runs of spaces."""
    text = _CONTROL.sub("", text).replace("\t", " ")
    return " ".join(text.split())


# -- steps ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class QuestionStep:
    """One of a principle's questions, answered 0-3 (in group mode: the room's votes, then the agreed value)."""

    principle: Principle
    question: Question


@dataclass(frozen=True)
class NoteStep:
    """The note closing a principle: the evidence the group gave, free text."""

    principle: Principle


@dataclass(frozen=True)
class GridStep:
    """One of the two grid questions: who plans the service, or who delivers it."""

    role: Literal["plan", "deliver"]


Step = QuestionStep | NoteStep | GridStep


def steps_for(fw: Framework, quick: bool = False) -> list[Step]:
    """Every step of a run, in order: each principle's questions then its note, then the two grid questions.
    A quick run asks only each principle's headline question (chosen in the data), without notes.

    A saved position is an index into this list, so new kinds of step go at the end."""
    out: list[Step] = []
    for p in fw.principles:
        if quick:
            out.append(QuestionStep(p, p.headline))
            continue
        out += [QuestionStep(p, q) for q in p.questions]
        out.append(NoteStep(p))
    out += [GridStep("plan"), GridStep("deliver")]
    return out


# Minutes a room takes over each kind of step, from workshops run with the tool: a full run of 22
# questions, 6 notes and the grid took 1.5 to 2.5 hours. A quick run is a show of hands per principle.
MINUTES = {"question": 4.0, "quick question": 2.0, "note": 3.0, "grid": 1.5}


def minutes(steps: list[Step], quick: bool = False) -> int:
    """About how long a room takes over these steps, rounded to five minutes."""
    per_question = MINUTES["quick question" if quick else "question"]
    total = sum(
        per_question if isinstance(s, QuestionStep) else MINUTES["note"] if isinstance(s, NoteStep) else MINUTES["grid"]
        for s in steps
    )
    return max(5, 5 * round(total / 5))


def duration_text(total: int) -> str:
    """'about 15 minutes', 'about 1 hour 50 minutes', in the language in use."""
    hours, mins = divmod(total, 60)
    hours_said = ngettext("%(num)d hour", "%(num)d hours", hours) % {"num": hours}
    mins_said = ngettext("%(num)d minute", "%(num)d minutes", mins) % {"num": mins}
    if hours and mins:
        return _("about %(hours)s %(minutes)s") % {"hours": hours_said, "minutes": mins_said}
    return _("about %(time)s") % {"time": hours_said if hours else mins_said}


def principle_of(step: Step) -> Principle | None:
    return None if isinstance(step, GridStep) else step.principle


# -- outcomes ---------------------------------------------------------------------------------------
class OutcomeKind(StrEnum):
    ANSWERED = "answered"
    SKIPPED = "skipped"
    VOTES = "votes"  # group mode: the votes are in, the agreed value is asked next
    BACK = "back"
    AT_START = "at_start"  # back at the first question
    CONFIRM = "confirm"  # a note that looks like the next answer: asked to confirm
    HELP = "help"
    QUIT = "quit"
    INVALID = "invalid"


@dataclass(frozen=True)
class Outcome:
    kind: OutcomeKind
    message: str = ""


COMMANDS = {
    "b": OutcomeKind.BACK,
    "back": OutcomeKind.BACK,
    "s": OutcomeKind.SKIPPED,
    "skip": OutcomeKind.SKIPPED,
    "?": OutcomeKind.HELP,
    "h": OutcomeKind.HELP,
    "help": OutcomeKind.HELP,
    "q": OutcomeKind.QUIT,
    "quit": OutcomeKind.QUIT,
}
_YES = ("y", "yes")


# -- the saved run ----------------------------------------------------------------------------------
@dataclass
class Outputs:
    """The files a run was asked to write at the end; kept in the resume file so a resumed run writes them."""

    save: Path | None = None
    svg: Path | None = None
    html: Path | None = None
    force: bool = False

    def named(self) -> list[tuple[str, Path]]:
        """(option name, path) for each output asked for: ('save', Path('r.yaml'))."""
        return [(name, path) for name, path in (("save", self.save), ("svg", self.svg), ("html", self.html)) if path]

    def clash(self, resume: Path | None = None) -> str | None:
        """A sentence if two outputs (or an output and the resume file) name one file, else None."""
        seen: dict[str, str] = {}
        named = [(f"--{name}", path) for name, path in self.named()]
        for option, path in [*named, *([("the resume file", resume)] if resume else [])]:
            key = os.path.realpath(path)
            if key in seen and key != os.devnull:
                return f"{seen[key]} and {option} both name {file_name(path)}; give each output its own file."
            seen[key] = option
        return None

    def over(self, earlier: Outputs) -> Outputs:
        """These options, with any not given taken from an earlier run's."""
        return Outputs(
            self.save or earlier.save, self.svg or earlier.svg, self.html or earlier.html, self.force or earlier.force
        )

    def as_dict(self) -> dict[str, Any]:
        # Absolute, so a run resumed from another folder writes where the first run was asked to.
        out: dict[str, Any] = {name: str(path.absolute()) for name, path in self.named()}
        if self.force:
            out["force"] = True
        return out


@dataclass
class SavedRun:
    """Everything an interactive run carries on from: what was answered, where it got to, what to write."""

    assessment: Assessment = field(default_factory=Assessment)
    position: int = 0  # index into steps_for(fw, quick)
    outputs: Outputs = field(default_factory=Outputs)
    # assess --room: what lets devices rejoin as themselves (tokens, hashed device ids, lenses; no addresses)
    room: dict[str, Any] | None = None
    room_now: Callable[[], dict[str, Any]] | None = field(default=None, compare=False, repr=False)
    quick: bool = False  # assess --quick: one headline question per principle
    plain: bool = False  # assess --plain: questions in their plain-language wording
    easy: bool = False  # assess --easy: questions and result in their Easy Read wording

    def as_dict(self) -> dict[str, Any]:
        out = self.assessment.as_dict()
        out["progress"] = self.position
        for name in ("quick", "plain", "easy"):
            if getattr(self, name):
                out[name] = True
        outputs = self.outputs.as_dict()
        if outputs:
            out["outputs"] = outputs
        room = self.room_now() if self.room_now else self.room
        if room:
            out["room"] = room
        return out


RUN_KEYS = ("progress", "outputs", "room", "quick", "plain", "easy")


def parse_run(data: object, path: str, fw: Framework) -> SavedRun:
    """A resume file (or any answers file, which starts at the first question) as a SavedRun."""
    rest = dict(data) if isinstance(data, dict) else data
    run_fields: dict[str, Any] = {}
    if isinstance(rest, dict):
        run_fields = {key: rest.pop(key) for key in RUN_KEYS if key in rest}
    a = parse_assessment(rest, path, fw)
    f = Fields(run_fields, path)
    position = f.integer("progress", 0, 10_000, required=False) or 0
    outputs = Outputs()
    given = f.mapping("outputs", required=False)
    if given is not None:
        outputs.save, outputs.svg, outputs.html = (
            Path(p) if (p := given.text(name, required=False)) else None for name in ("save", "svg", "html")
        )
        force = given.raw("force", required=False)
        if force is not None and not isinstance(force, bool):
            f.fail("should be true or false", "outputs.force")
        outputs.force = bool(force)
        given.done()
    flags = {}
    for name in ("quick", "plain", "easy"):
        value = f.raw(name, required=False)
        if value is not None and not isinstance(value, bool):
            f.fail("should be true or false", name)
        flags[name] = bool(value)
    room = f.mapping("room", required=False)
    return SavedRun(
        a,
        position,
        outputs,
        room.data if room is not None else None,
        quick=flags["quick"],
        plain=flags["plain"],
        easy=flags["easy"],
    )


# -- what people type ---------------------------------------------------------------------------------
def parse_keywords(typed: str, known: tuple[str, ...] | list[str]) -> list[str]:
    """Keywords as typed: numbers pick from `known` (1-based); ';' separates; else commas do, except inside a
    known keyword ('Information, Advice and Guidance' stays whole). Known keywords take their catalogue
    spelling. Raises BadValue for a number that is not in the list."""
    text = clean_text(typed)
    if not text:
        return []
    numbers = [p for p in re.split(r"[\s,;]+", text) if p]
    if all(p.isdigit() for p in numbers):
        picked = []
        for p in numbers:
            if not 1 <= int(p) <= len(known):
                raise BadValue(f"{p} is not one of the keyword numbers (1-{len(known)})")
            picked.append(known[int(p) - 1])
        return list(dict.fromkeys(picked))
    by_name = {normalise(k): k for k in known}
    if ";" in text:
        parts = [p.strip() for p in text.split(";")]
    else:
        pieces = [p.strip() for p in text.split(",")]
        parts, i = [], 0
        while i < len(pieces):  # the longest run of pieces that is one known keyword, else one piece
            j = next((j for j in range(len(pieces), i + 1, -1) if normalise(", ".join(pieces[i:j])) in by_name), i + 1)
            parts.append(", ".join(pieces[i:j]))
            i = j
    return list(dict.fromkeys(by_name.get(normalise(p), p) for p in parts if p))


def rung_of(typed: str, ladder: Ladder) -> str:
    """A rung of the ladder from what was typed: its step (1 is the bottom rung), its id or its name.
    Raises BadValue for anything else."""
    text = clean_text(typed)
    if text.isdigit() and 1 <= int(text) <= len(ladder.rungs):
        return ladder.rungs[int(text) - 1].id
    for r in ladder.rungs:  # a name in any wording: a Welsh room may type "Ymgynghori"
        if normalise(text) in {normalise(w) for w in (r.id, *r.name.all)}:
            return r.id
    raise BadValue(_("'%(typed)s' is not a rung of the ladder") % {"typed": excerpt(text)})


def aspect_of(typed: str, ladder: Ladder) -> str | None:
    """The aspect of the work a room names at the ladder step: a number picks one of the ladder's aspects
    (the number after them: the work as a whole, None), a name of one takes its spelling, any other text is
    the room's own name for it. Raises BadValue for a number out of range or a name that is too long."""
    text = clean_text(typed)
    if text.isdigit():
        n = int(text)
        if 1 <= n <= len(ladder.aspects):
            return ladder.aspects[n - 1]
        if n == len(ladder.aspects) + 1:
            return None
        raise BadValue(_("%(n)d is not one of the numbers offered") % {"n": n})
    if len(text) > MAX_ASPECT:
        raise BadValue(_("that name is longer than %(most)d characters") % {"most": MAX_ASPECT})
    # One of the ladder's aspects, named in any wording, is kept in its standard English, so placements pool.
    return next((str(a) for a in ladder.aspects if normalise(text) in {normalise(w) for w in a.all}), text)


def split_votes(raw: str, index: dict[str, int]) -> list[int]:
    """The room's votes as typed: numbers or labels, multi-word ones too ('2 3 not yet', 'Mostly, Not yet').

    Commas and ';' separate; within a part, the longest run of words that is a value or label is one vote."""
    votes: list[int] = []
    for part in re.split(r"[,;]", raw):
        words = part.split()
        i = 0
        while i < len(words):
            for j in range(len(words), i, -1):
                try:
                    value = parse_value(" ".join(words[i:j]), index)
                except BadValue:
                    continue
                if value is not None:
                    votes.append(value)
                    i = j
                    break
            else:
                parse_value(words[i], index)  # raises BadValue naming the word
                i += 1  # pragma: no cover - parse_value raised above
    return votes


# -- the run ------------------------------------------------------------------------------------------
class Session:
    """Where a run is. In group mode each question takes the room's votes, then the agreed value."""

    def __init__(self, fw: Framework, state: SavedRun | None = None):
        self.fw = fw
        self.state = state or SavedRun()
        self.steps = steps_for(fw, self.state.quick)
        self.state.position = max(0, min(self.state.position, len(self.steps)))
        self._index = label_index(fw)
        self.agreeing = False  # group mode: votes are in, the agreed value is next
        self.pending_note: str | None = None  # a note waiting for confirmation

    @property
    def assessment(self) -> Assessment:
        return self.state.assessment

    @property
    def position(self) -> int:
        return self.state.position

    @position.setter
    def position(self, value: int) -> None:
        self.state.position = value

    @property
    def group(self) -> bool:
        return self.assessment.group

    @property
    def done(self) -> bool:
        return self.position >= len(self.steps)

    @property
    def current(self) -> Step:
        return self.steps[self.position]

    def progress(self) -> tuple[int, int, int, int]:
        """(question number, questions in all, principle number, principles in all) at this step."""
        total = sum(isinstance(s, QuestionStep) for s in self.steps)
        asked = sum(isinstance(s, QuestionStep) for s in self.steps[: self.position + 1])
        principle = principle_of(self.current if not self.done else self.steps[-1])
        pids = [p.id for p in self.fw.principles]
        pnum = pids.index(principle.id) + 1 if principle else len(pids)
        return max(1, asked), total, pnum, len(pids)

    def first_of_principle(self) -> bool:
        """True at the first question of a principle, where its meaning is shown."""
        step = self.current
        if not isinstance(step, QuestionStep):
            return False
        before = self.steps[self.position - 1] if self.position else None
        return not isinstance(before, QuestionStep) or before.principle.id != step.principle.id

    @property
    def minutes(self) -> int:
        """About how long the whole run takes a room."""
        return minutes(self.steps, self.state.quick)

    def reply(self, text: str) -> Outcome:
        """Apply what the user typed at the current step."""
        raw = text.strip()
        command = COMMANDS.get(raw.lower())
        step = self.current
        if isinstance(step, NoteStep) and self.pending_note is not None:
            return self._confirm_note(step, raw)
        if command == OutcomeKind.BACK:
            return self.back()
        if command in (OutcomeKind.HELP, OutcomeKind.QUIT):
            return Outcome(command)
        if isinstance(step, NoteStep):
            return self._note(step, raw, command)
        if isinstance(step, GridStep):
            return self._grid(step.role, raw, command)
        qid = step.question.id
        if self.group and not self.agreeing:
            return self._votes(qid, raw, command)
        if command == OutcomeKind.SKIPPED or (not raw and not self.agreeing):
            self._forget(qid)
            return self._advance(OutcomeKind.SKIPPED)
        value: int | None
        if not raw:  # group mode, Enter at the agreed value: take the median of the votes
            value = agreed(self.assessment.votes[qid])
        else:
            try:
                value = parse_value(raw[:200], self._index)
            except BadValue as exc:
                return Outcome(OutcomeKind.INVALID, str(exc))
        self.assessment.answers[qid] = value
        return self._advance(OutcomeKind.ANSWERED)

    def _note(self, step: NoteStep, raw: str, command: OutcomeKind | None) -> Outcome:
        pid = step.principle.id
        if command == OutcomeKind.SKIPPED or not raw:
            self.assessment.notes.pop(pid, None)
            return self._advance(OutcomeKind.SKIPPED)
        note = clean_text(raw)
        if len(note) > MAX_TEXT:
            return Outcome(
                OutcomeKind.INVALID,
                f"that note is {len(note):,} characters; the most a note keeps is {MAX_TEXT:,}, so shorten it",
            )
        if raw.lower() in self._index:  # a lone digit or label: most likely the next question's answer
            self.pending_note = note
            return Outcome(
                OutcomeKind.CONFIRM,
                f"keep '{excerpt(note)}' as the note on {step.principle.name}? Type y to keep it; Enter or n "
                "leaves no note",
            )
        self.assessment.notes[pid] = note
        return self._advance(OutcomeKind.ANSWERED)

    def _confirm_note(self, step: NoteStep, raw: str) -> Outcome:
        note, self.pending_note = self.pending_note, None
        if raw.lower() in _YES and note is not None:
            self.assessment.notes[step.principle.id] = note
            return self._advance(OutcomeKind.ANSWERED)
        if raw.lower() in ("", "n", "no"):
            self.assessment.notes.pop(step.principle.id, None)
            return self._advance(OutcomeKind.SKIPPED)
        return self.reply(raw)  # something else: that is the note (or a command)

    def _votes(self, qid: str, raw: str, command: OutcomeKind | None) -> Outcome:
        """Group mode: the room's votes, typed together ('2 3 3 1', or labels: 'mostly, not yet')."""
        if command == OutcomeKind.SKIPPED or not raw:
            self._forget(qid)
            return self._advance(OutcomeKind.SKIPPED)
        typed = self.typed_votes(raw)
        if isinstance(typed, Outcome):
            return typed
        by_lens, lensed = typed
        return self.record_votes(qid, by_lens, lensed)

    def typed_votes(self, raw: str) -> Outcome | tuple[dict[str, list[int]], bool]:
        """Votes as typed ('2 3 3 1', or by lens '2 3 / 1 0' in the order of the lenses, then prefer not to
        say): lens -> votes (NO_LENS when no lens was typed) and whether lenses were typed; or INVALID."""
        lenses = self.assessment.lenses
        groups = raw[:500].split("/")
        if len(groups) > 1 and len(groups) > len(lenses) + 1:
            named = ", then ".join([*lenses, NO_LENS]) if lenses else "none (start with --lenses)"
            return Outcome(OutcomeKind.INVALID, f"{len(groups)} groups of votes, but the lenses are {named}")
        try:
            by_group = [split_votes(g, self._index) for g in groups]
        except BadValue as exc:
            return Outcome(OutcomeKind.INVALID, f"{exc}; type one number or label per person, such as 2 3 3 1")
        if not any(by_group):
            return Outcome(OutcomeKind.INVALID, "no votes")
        if len(groups) == 1:
            return {NO_LENS: by_group[0]}, False
        names = [*lenses, NO_LENS]
        return {names[i]: g for i, g in enumerate(by_group)}, True

    def record_votes(self, qid: str, by_lens: dict[str, list[int]], lensed: bool) -> Outcome:
        """The room's votes on a question are in (typed, or revealed from devices): the agreed value is next."""
        votes = [v for g in by_lens.values() for v in g]
        self.assessment.votes[qid] = votes
        if lensed:  # kept by lens, in the order of the lenses (then prefer not to say)
            self.assessment.lens_votes[qid] = dict(by_lens)
        else:
            self.assessment.lens_votes.pop(qid, None)
        self.agreeing = True
        note = (
            f"the room disagrees (votes from {min(votes)} to {max(votes)}): worth talking through"
            if disagrees(votes)
            else "the room broadly agrees"
        )
        plural = "s" if len(votes) != 1 else ""
        return Outcome(OutcomeKind.VOTES, f"{len(votes)} vote{plural}: {' '.join(map(str, sorted(votes)))}; {note}")

    def _forget(self, qid: str) -> None:
        self.assessment.answers[qid] = None
        self.assessment.votes.pop(qid, None)
        self.assessment.lens_votes.pop(qid, None)

    def _grid(self, role: Literal["plan", "deliver"], raw: str, command: OutcomeKind | None) -> Outcome:
        if command == OutcomeKind.SKIPPED or not raw:
            setattr(self.assessment, role, None)
            return self._advance(OutcomeKind.SKIPPED)
        choices = {str(i + 1): r for i, r in enumerate(GRID_ROLES)}
        choices.update({r: r for r in GRID_ROLES})
        chosen = choices.get(raw.lower())
        if chosen is None:
            return Outcome(OutcomeKind.INVALID, f"'{excerpt(raw)}' is not one of the choices")
        setattr(self.assessment, role, chosen)
        return self._advance(OutcomeKind.ANSWERED)

    def _advance(self, kind: OutcomeKind) -> Outcome:
        self.position += 1
        self.agreeing = False
        return Outcome(kind)

    def back(self) -> Outcome:
        if self.agreeing:  # back from the agreed value to the votes of the same question
            self.agreeing = False
            return Outcome(OutcomeKind.BACK)
        if self.position == 0:
            return Outcome(OutcomeKind.AT_START, "this is the first question")
        self.position -= 1
        return Outcome(OutcomeKind.BACK)

    def median(self) -> int | None:
        """Group mode, once votes are in: the value Enter takes."""
        step = self.current
        votes = self.assessment.votes.get(step.question.id) if isinstance(step, QuestionStep) else None
        return agreed(votes) if votes else None

    def answered_value(self) -> str | None:
        """The current step's recorded answer, shown as the default when going back."""
        step = self.current
        if isinstance(step, QuestionStep):
            if self.group and not self.agreeing:
                qid = step.question.id
                by_lens = self.assessment.lens_votes.get(qid)
                if by_lens:
                    names = [*self.assessment.lenses, NO_LENS]
                    return " / ".join(" ".join(map(str, by_lens.get(n, []))) for n in names if n in by_lens)
                votes = self.assessment.votes.get(qid)
                return " ".join(map(str, votes)) if votes else None
            value = self.assessment.answers.get(step.question.id)
            return None if value is None else str(value)
        if isinstance(step, NoteStep):
            return self.assessment.notes.get(step.principle.id)
        role = getattr(self.assessment, step.role)
        return None if role is None else str(GRID_ROLES.index(role) + 1)
