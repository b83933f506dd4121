"""The interactive assessment as a state machine: steps, answers, back, skip. No printing, no prompting.

The command line asks the current step's question and feeds the reply to `Session.reply`, which says
what happened; everything typed lives in `Session.assessment`, so it can be saved at any moment.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .assessment import Assessment, agreed
from .model import GRID_ROLES, Framework, Principle, Question
from .scoring import NO_LENS, BadValue, disagrees, excerpt, label_index, parse_value

MAX_TEXT = 2000  # longest note or name kept; more is cut, not refused
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")


def clean_text(text: str, limit: int = MAX_TEXT) -> str:
    """Typed text without control characters or runs of spaces, at most `limit` characters."""
    text = _CONTROL.sub("", text).replace("\t", " ")
    return " ".join(text.split())[:limit]


class Step(NamedTuple):
    kind: str  # "question", "note", "plan" or "deliver"
    principle: Principle | None
    question: Question | None = None


def steps_for(fw: Framework) -> list[Step]:
    """Every step of a run: each principle's questions then its note, then the two grid questions."""
    out = []
    for p in fw.principles:
        out += [Step("question", p, q) for q in p.questions]
        out.append(Step("note", p))
    out += [Step("plan", None), Step("deliver", None)]
    return out


class Outcome(NamedTuple):
    kind: str  # answered, skipped, back, help, quit, invalid, at_start
    message: str = ""


COMMANDS = {
    "b": "back",
    "back": "back",
    "s": "skip",
    "skip": "skip",
    "?": "help",
    "h": "help",
    "help": "help",
    "q": "quit",
    "quit": "quit",
}


class Session:
    """Where a run is. In group mode each question takes the room's votes, then the agreed value."""

    def __init__(self, fw: Framework, assessment: Assessment | None = None, position: int = 0):
        self.fw = fw
        self.assessment = assessment or Assessment()
        self.steps = steps_for(fw)
        self.position = max(0, min(position, len(self.steps)))
        self._index = label_index(fw)
        self.agreeing = False  # group mode: votes are in, the agreed value is next

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
        questions = [s for s in self.steps if s.kind == "question"]
        asked = sum(1 for s in self.steps[: self.position + 1] if s.kind == "question")
        step = self.current if not self.done else self.steps[-1]
        pids = [p.id for p in self.fw.principles]
        pnum = pids.index(step.principle.id) + 1 if step.principle else len(pids)
        return max(1, asked), len(questions), pnum, len(pids)

    def first_of_principle(self) -> bool:
        """True at the first question of a principle, where its meaning is shown."""
        step = self.current
        return step.kind == "question" and step.question is step.principle.questions[0]

    def reply(self, text: str) -> Outcome:
        """Apply what the user typed at the current step."""
        raw = text.strip()
        command = COMMANDS.get(raw.lower())
        step = self.current
        if command == "back":
            return self.back()
        if command in ("help", "quit"):
            return Outcome(command)
        if step.kind == "note":
            if command == "skip" or not raw:
                self.assessment.notes.pop(step.principle.id, None)
                return self._advance("skipped")
            self.assessment.notes[step.principle.id] = clean_text(raw)
            return self._advance("answered")
        if step.kind in ("plan", "deliver"):
            return self._grid(step.kind, raw, command)
        qid = step.question.id
        if self.group and not self.agreeing:
            return self._votes(qid, raw, command)
        if command == "skip" or (not raw and not self.agreeing):
            self.assessment.answers[qid] = None
            self.assessment.votes.pop(qid, None)
            self.assessment.lens_votes.pop(qid, None)
            return self._advance("skipped")
        if not raw:  # group mode, Enter at the agreed value: take the median of the votes
            value = agreed(self.assessment.votes[qid])
        else:
            try:
                value = parse_value(raw[:200], self._index)
            except BadValue as exc:
                return Outcome("invalid", str(exc))
        self.assessment.answers[qid] = value
        return self._advance("answered")

    def _votes(self, qid: str, raw: str, command: str | None) -> Outcome:
        """Group mode: the room's votes, typed together ('2 3 3 1')."""
        if command == "skip" or not raw:
            self.assessment.answers[qid] = None
            self.assessment.votes.pop(qid, None)
            return self._advance("skipped")
        lenses = self.assessment.lenses
        groups = raw[:500].split("/")
        if len(groups) > 1 and len(groups) > len(lenses) + 1:
            named = ", then ".join([*lenses, NO_LENS]) if lenses else "none (start with --lenses)"
            return Outcome("invalid", f"{len(groups)} groups of votes, but the lenses are {named}")
        try:
            by_group = [[parse_value(p, self._index) for p in re.split(r"[\s,;]+", g) if p] for g in groups]
        except BadValue as exc:
            return Outcome("invalid", f"{exc}; type one number per person, such as 2 3 3 1")
        votes = [v for g in by_group for v in g if v is not None]
        if not votes:
            return Outcome("invalid", "no votes")
        self.assessment.votes[qid] = votes
        if len(groups) > 1:  # '2 3 / 1 0': votes by lens, in the order of --lenses (then prefer not to say)
            names = [*lenses, NO_LENS]
            clean = [[v for v in g if v is not None] for g in by_group]
            self.assessment.lens_votes[qid] = {names[i]: g for i, g in enumerate(clean)}
        else:
            self.assessment.lens_votes.pop(qid, None)
        self.agreeing = True
        note = (
            f"the room disagrees (votes from {min(votes)} to {max(votes)}): worth talking through"
            if disagrees(votes)
            else "the room broadly agrees"
        )
        return Outcome(
            "votes", f"{len(votes)} vote{'s' if len(votes) != 1 else ''}: {' '.join(map(str, sorted(votes)))}; {note}"
        )

    def _grid(self, kind: str, raw: str, command: str | None) -> Outcome:
        if command == "skip" or not raw:
            setattr(self.assessment, kind, None)
            return self._advance("skipped")
        choices = {str(i + 1): role for i, role in enumerate(GRID_ROLES)}
        choices.update({role: role for role in GRID_ROLES})
        role = choices.get(raw.lower())
        if role is None:
            return Outcome("invalid", f"'{excerpt(raw)}' is not one of the choices")
        setattr(self.assessment, kind, role)
        return self._advance("answered")

    def _advance(self, kind: str) -> Outcome:
        self.position += 1
        self.agreeing = False
        return Outcome(kind)

    def back(self) -> Outcome:
        if self.agreeing:  # back from the agreed value to the votes of the same question
            self.agreeing = False
            return Outcome("back")
        if self.position == 0:
            return Outcome("at_start", "this is the first question")
        self.position -= 1
        return Outcome("back")

    def median(self) -> int | None:
        """Group mode, once votes are in: the value Enter takes."""
        votes = self.assessment.votes.get(self.current.question.id) if self.current.question else None
        return agreed(votes) if votes else None

    def answered_value(self) -> str | None:
        """The current step's recorded answer, shown as the default when going back."""
        step = self.current
        if step.kind == "question":
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
        if step.kind == "note":
            return self.assessment.notes.get(step.principle.id)
        role = getattr(self.assessment, step.kind)
        return None if role is None else str(GRID_ROLES.index(role) + 1)
