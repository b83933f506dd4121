"""Agreed actions: what a group will do after an assessment, kept per service and reviewed next time.

Pure apart from the register's file I/O: the model (`Action`, `Review`), checking what people type or
files say (one sentence for each kind of bad input), drafting up to three actions from a result, and
the register (one YAML file per service in the data folder, read and written under a lock, replaced
atomically, so two commands at once never lose each other's change). Nothing here prints.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .catalogue import normalise
from .errors import InputError, excerpt
from .i18n import N_, _
from .model import PRINCIPLE_IDS, Framework
from .validate import Fields

if TYPE_CHECKING:
    from .assessment import Result
    from .catalogue import Catalogue

STATUSES = ("open", "in_progress", "done", "dropped")  # an action's status
# What a review says of an action; "not started" leaves it open.
REVIEW_STATUSES = ("done", "in_progress", "not_started", "dropped")
REVIEW_TO_STATUS = {"done": "done", "in_progress": "in_progress", "not_started": "open", "dropped": "dropped"}
STATUS_WORDS = {  # English; pages for people translate them where shown (i18n)
    "open": N_("open"),
    "in_progress": N_("in progress"),
    "done": N_("done"),
    "dropped": N_("dropped"),
    "not_started": N_("not started"),
}
OPEN = ("open", "in_progress")
DEFAULT_OWNER = N_("service manager")  # a role, never a person's name, unless the group gives one; kept in the
# language the action was agreed in, and shown in the reader's where it is this English default
MAX_DRAFTS = 3
LADDER_PRINCIPLE = "blur_roles"  # the ladder is about who decides: moving up it is blurring roles
UNNAMED = "this service"  # the service of actions agreed in a run that has no service name
MANY_OPEN = 5  # more open actions than this: a gentle warning
MAX_FIELD = 500  # longest text kept in a field
REGISTER = "coprotool-actions"
JSON_FIELDS = (
    "id",
    "service",
    "action",
    "principle",
    "why",
    "owner",
    "with",
    "due",
    "measure",
    "status",
    "agreed",
    "reviews",
)


@dataclass(frozen=True)
class Review:
    """One look back at an action: when, what it said (a REVIEW_STATUSES value, or an action status set by
    `actions update`), and an optional note."""

    date: str
    status: str
    note: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"date": self.date, "status": self.status, "note": self.note}


@dataclass(frozen=True)
class Action:
    """One agreed action (its `as_dict` is the JSON every output uses)."""

    id: str
    service: str
    action: str
    principle: str
    owner: str
    due: str  # YYYY-MM-DD
    agreed: str  # the date of the run (or command) that agreed it
    why: str | None = None
    with_: str | None = None  # who it is done with, as the group said; never assumed
    measure: str | None = None
    status: str = "open"
    reviews: tuple[Review, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    def overdue(self, today: str) -> bool:
        return self.is_open and self.due < today

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "service": self.service,
            "action": self.action,
            "principle": self.principle,
            "why": self.why,
            "owner": self.owner,
            "with": self.with_,
            "due": self.due,
            "measure": self.measure,
            "status": self.status,
            "agreed": self.agreed,
            "reviews": [r.as_dict() for r in self.reviews],
        }

    def reviewed(self, review: Review) -> Action:
        """This action with a review added and its status following what the review said."""
        status = REVIEW_TO_STATUS.get(review.status, review.status)
        return replace(self, status=status, reviews=(*self.reviews, review))


def today() -> str:
    return _dt.date.today().isoformat()


def action_id(service: str, agreed: str, text: str) -> str:
    """A short id from what the action is: the same action agreed again (an answers file scored twice)
    keeps its id, so it is not added twice."""
    return hashlib.sha256(f"{normalise(service)}|{agreed}|{normalise(text)}".encode()).hexdigest()[:6]


# -- checking ----------------------------------------------------------------------------------------
def one_line(text: object) -> str:
    """Text as kept: one line, no control characters, runs of spaces folded."""
    from .session import clean_text

    return clean_text(str(text))


# What check_text says of each field, as whole sentences (each language words them its own way).
_EMPTY = {
    "service": N_("the service's name (actions are kept with a service) is empty; say it in a few words."),
    "action": N_("the action is empty; say it in a few words."),
    "owner": N_("the owner is empty; say it in a few words."),
}
_LONG = {
    "service": N_(
        "the service's name (actions are kept with a service) is %(num)s characters; the most kept is %(most)d, "
        "so shorten it."
    ),
    "action": N_("the action is %(num)s characters; the most kept is %(most)d, so shorten it."),
    "owner": N_("the owner is %(num)s characters; the most kept is %(most)d, so shorten it."),
    "why": N_("the why is %(num)s characters; the most kept is %(most)d, so shorten it."),
    "with": N_("who it is done with is %(num)s characters; the most kept is %(most)d, so shorten it."),
    "measure": N_("the measure is %(num)s characters; the most kept is %(most)d, so shorten it."),
    "note": N_("the note is %(num)s characters; the most kept is %(most)d, so shorten it."),
}


def check_text(value: object, what: str, required: bool = True) -> str | None:
    """Typed text for a field (`what`: a key of _LONG), or None for an optional one left empty. Raises
    InputError."""
    text = one_line(value) if value is not None else ""
    if not text:
        if required:
            raise InputError(_(_EMPTY[what]))
        return None
    if len(text) > MAX_FIELD:
        raise InputError(_(_LONG[what]) % {"num": f"{len(text):,}", "most": MAX_FIELD})
    return text


def check_principle(value: object, fw: Framework) -> str:
    """A principle from its id or name ('blur_roles', 'Blur roles'). Raises InputError."""
    wanted = normalise(str(value or ""))
    for p in fw.principles:
        names = (normalise(n) for n in p.name.all)  # its name in any wording, Welsh too
        if wanted in (normalise(p.id), *names, *(normalise(a) for a in p.aliases)):
            return p.id
    known = ", ".join(p.id for p in fw.principles)
    raise InputError(
        _("'%(typed)s' is not a principle; use one of: %(known)s.") % {"typed": excerpt(value), "known": known}
    )


def check_due(value: object, agreed: str) -> str:
    """A due date: written YYYY-MM-DD, a real day, and not before the day it is agreed. Raises InputError."""
    text = str(value or "").strip()
    try:
        day = _dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise InputError(
            _("'%(typed)s' is not a date written YYYY-MM-DD, such as 2027-03-31.") % {"typed": excerpt(text)}
        )
    if text < agreed:
        said = _("the date %(date)s is already past (the action is agreed on %(agreed)s); give a later one.")
        raise InputError(said % {"date": text, "agreed": agreed})
    return text


def check_status(value: object, allowed: tuple[str, ...] = STATUSES) -> str:
    """A status as typed ('in progress', 'in-progress', 'In_Progress'). Raises InputError."""
    text = "_".join(str(value or "").strip().lower().replace("-", " ").split())
    if text not in allowed:
        known = ", ".join(s.replace("_", "-") for s in allowed)
        raise InputError(
            _("'%(typed)s' is not a status; use one of: %(known)s.") % {"typed": excerpt(value), "known": known}
        )
    return text


def new_action(
    fw: Framework,
    service: str | None,
    *,
    action: object,
    principle: object,
    owner: object = DEFAULT_OWNER,
    due: object,
    agreed: str,
    why: object = None,
    with_: object = None,
    measure: object = None,
) -> Action:
    """An action from what was typed or given, every field checked; raises InputError naming the first fault."""
    name = check_text(service, "service")
    assert name is not None
    text = check_text(action, "action")
    assert text is not None
    return Action(
        id=action_id(name, agreed, text),
        service=name,
        action=text,
        principle=check_principle(principle, fw),
        owner=check_text(owner, "owner") or DEFAULT_OWNER,
        due=check_due(due, agreed),
        agreed=agreed,
        why=check_text(why, "why", required=False),
        with_=check_text(with_, "with", required=False),
        measure=check_text(measure, "measure", required=False),
    )


# -- reading from files ------------------------------------------------------------------------------
def parse_actions(f: Fields, key: str, fw: Framework, service: str | None, agreed: str) -> list[Action]:
    """`actions:` in an answers file (or a saved result): each field checked, errors naming file and field."""
    out: list[Action] = []
    for r in f.records(key, required=False):

        def checked(name: str, check: Callable[[object], str | None], r: Fields = r) -> str | None:
            try:
                return check(r.raw(name, required=False))
            except InputError as exc:
                message = str(exc).rstrip(".")
                r.fail(message[0].lower() + message[1:], r.at(name))

        name = service or UNNAMED  # kept in the register only under a service's name
        text = checked("action", lambda v: check_text(v, "action"))
        assert text is not None
        a = Action(
            id=action_id(name, agreed, text),
            service=name,
            action=text,
            principle=checked("principle", lambda v: check_principle(v, fw)) or "",
            owner=checked("owner", lambda v: check_text(v, "owner", required=False)) or DEFAULT_OWNER,
            due=checked("due", lambda v: check_due(v, agreed)) or "",
            agreed=agreed,
            why=checked("why", lambda v: check_text(v, "why", required=False)),
            with_=checked("with", lambda v: check_text(v, "with", required=False)),
            measure=checked("measure", lambda v: check_text(v, "measure", required=False)),
        )
        for derived in ("id", "service", "agreed", "status", "reviews"):
            r.raw(derived, required=False)  # written into a saved result; worked out again
        r.done(shown=("action", "principle", "why", "owner", "with", "due", "measure"))
        out.append(a)
    return out


def parse_action(r: Fields) -> Action:
    """One action as the register keeps it (every field as `Action.as_dict` writes it)."""
    reviews = []
    for rv in r.records("reviews", required=False):
        reviews.append(
            Review(
                rv.date("date") or "",
                rv.choice("status", tuple(dict.fromkeys(REVIEW_STATUSES + STATUSES))),
                rv.text("note", required=False),
            )
        )
        rv.done()
    a = Action(
        id=r.text("id"),
        service=r.text("service"),
        action=r.text("action"),
        principle=r.choice("principle", PRINCIPLE_IDS),
        owner=r.text("owner"),
        due=r.date("due") or "",
        agreed=r.date("agreed") or "",
        why=r.text("why", required=False),
        with_=r.text("with", required=False),
        measure=r.text("measure", required=False),
        status=r.choice("status", STATUSES),
        reviews=tuple(reviews),
    )
    r.done()
    return a


# -- the register: one file per service in the data folder ---------------------------------------------
def register_dir() -> Path:
    from .results import data_home

    return data_home() / "actions"


def register_path(service: str, folder: Path | None = None) -> Path:
    from .results import slug

    return (folder or register_dir()) / f"{slug(service)}.yaml"


def read_register(path: Path) -> list[Action]:
    """The actions in one register file (none if it does not exist)."""
    from .yamlio import load_file

    if not path.exists():
        return []
    if not path.is_file():  # a FIFO or a device would block or harm: never read, never written over
        from .errors import CoprotoolError
        from .text import file_name

        said = _("%(file)s is not a regular file; move it away so actions can be kept there.")
        raise CoprotoolError(said % {"file": file_name(path)})
    f = Fields(load_file(path), str(path))
    fmt = f.raw("format", required=False)
    if fmt is not None and fmt != REGISTER:
        f.fail(f"is {fmt!r}", "format", fix=f"a register of actions has format '{REGISTER}'")
    f.raw("service", required=False)
    out = [parse_action(r) for r in f.records("actions", required=False)]
    f.done()
    return out


def _register_text(service: str, actions: Sequence[Action]) -> str:
    from .assessment import dump_yaml

    return dump_yaml({"format": REGISTER, "service": service, "actions": [a.as_dict() for a in actions]})


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold the register folder's lock: one command at a time reads, changes and writes a register."""
    from .files import locked

    folder.mkdir(parents=True, exist_ok=True)
    with locked(folder / ".lock"):
        yield


def change_register(
    service: str, change: Callable[[list[Action]], list[Action]], folder: Path | None = None
) -> list[Action]:
    """Read a service's register, apply `change` and write the result whole, all under the lock; returns
    the actions written. If `change` raises, nothing is written."""
    from .files import write_atomic

    path = register_path(service, folder)
    with _locked(path.parent):
        actions = change(read_register(path))
        write_atomic(path, _register_text(service, actions), force=True)
    return actions


def all_actions(folder: Path | None = None) -> list[Action]:
    """Every register's actions, by service then due date."""
    folder = folder or register_dir()
    out: list[Action] = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        if path.is_file():  # never opened for reading: a FIFO or a device named like a register
            out += read_register(path)
    return sorted(out, key=lambda a: (normalise(a.service), a.due, a.agreed, a.id))


def for_service(service: str, folder: Path | None = None) -> list[Action]:
    """One service's actions (its name compared ignoring case and punctuation), by due date."""
    wanted = normalise(service)
    return [a for a in all_actions(folder) if normalise(a.service) == wanted]


def select(service: str | None, every: bool, overdue: bool, day: str, folder: Path | None = None) -> list[Action]:
    """The actions `coprotool actions` lists: one service's or all; open ones, every one, or only overdue."""
    if every and overdue:
        raise InputError(_("use either --all or --overdue, not both."))
    found = for_service(service, folder) if service else all_actions(folder)
    if overdue:
        return [a for a in found if a.overdue(day)]
    return found if every else [a for a in found if a.is_open]


def merge(existing: Sequence[Action], new: Sequence[Action]) -> list[Action]:
    """The register with new actions added; an action already there (same id) is left as it is."""
    have = {a.id for a in existing}
    return [*existing, *(a for a in new if a.id not in have)]


def add_actions(service: str, new: Sequence[Action], folder: Path | None = None) -> list[Action]:
    return change_register(service, lambda old: merge(old, new), folder)


def find(action_id_: str, folder: Path | None = None) -> Action:
    """The action with this id in any register. Raises InputError for an unknown id."""
    wanted = action_id_.strip().lower()
    for a in all_actions(folder):
        if a.id == wanted:
            return a
    said = _("there is no action with the id '%(id)s'; 'coprotool actions --all' lists them.")
    raise InputError(said % {"id": excerpt(action_id_)})


def update_action(
    action_id_: str,
    status: str,
    note: str | None = None,
    due: str | None = None,
    *,
    on: str | None = None,
    folder: Path | None = None,
) -> Action:
    """Record a review of one action (its status, an optional note, a new due date); returns it as saved."""
    day = on or today()
    found = find(action_id_, folder)
    status = check_status(status, tuple(dict.fromkeys(STATUSES + REVIEW_STATUSES)))
    kept_note = check_text(note, "note", required=False)
    new_due = check_due(due, day) if due is not None else None
    done: list[Action] = []

    def change(actions: list[Action]) -> list[Action]:
        out = []
        for a in actions:
            if a.id == found.id:
                a = a.reviewed(Review(day, status, kept_note))
                if new_due:
                    a = replace(a, due=new_due)
                done.append(a)
            out.append(a)
        if not done:  # removed meanwhile by another command
            raise InputError(
                _("the action '%(id)s' is no longer in the register; nothing was changed.") % {"id": found.id}
            )
        return out

    change_register(found.service, change, folder)
    return done[0]


def apply_reviews(service: str, reviews: Mapping[str, Review], folder: Path | None = None) -> list[Action]:
    """Record what a run's review said of each action (by id); actions not named are left as they are."""
    if not reviews:
        return for_service(service, folder)
    return change_register(service, lambda old: [a.reviewed(reviews[a.id]) if a.id in reviews else a for a in old])


# -- drafting: up to three actions from a result --------------------------------------------------------
@dataclass(frozen=True)
class Draft:
    """An action coprotool proposes; the group keeps, edits or drops it."""

    action: str
    principle: str
    why: str
    example: str | None = None  # the case study it draws on, by name


def draft(result: Result, cat: Catalogue) -> list[Draft]:
    """Up to three drafted actions: for the lowest principles, the widest gap between lenses, and the
    ladder placement; each worded for any service, naming the case study it draws on as an example. In the
    language in use (i18n.current): the case studies' own words stay in English."""
    from . import i18n
    from .scoring import lenses_apart
    from .wording import text as worded

    fw = cat.framework
    lang = i18n.current()
    out: list[Draft] = []
    for pid in result.weakest:
        step = next((s for s in result.next_steps if s.principle == pid), None)
        p = fw.principle(pid)
        name = worded(p.name, lang)
        score = result.scores[pid].score
        why = _("%(principle)s is among the lowest principles in this assessment (score %(score).1f of 3).") % {
            "principle": name,
            "score": score,
        }
        if step is not None:
            text = _("%(step)s For example, see how %(study)s does it.") % {
                "step": sentence(step.text),
                "study": step.name,
            }
            out.append(Draft(text, pid, why, step.name))
        else:
            study = cat.case_study(p.example.case_study).name
            text = _(
                "Choose one thing to try that would move %(principle)s up a level, and learn how %(study)s does it."
            ) % {
                "principle": name,
                "study": study,
            }
            out.append(Draft(text, pid, why, study))
    gaps = {pid: g for pid, g in result.gaps.items() if lenses_apart(g) and g is not None}
    if gaps:
        pid = max(gaps, key=lambda k: (gaps[k], -PRINCIPLE_IDS.index(k)))
        p = fw.principle(pid)
        study = cat.case_study(p.example.case_study).name
        lenses = [_(lens) for lens in result.lenses if result.lenses[lens].get(pid) is not None]
        name = worded(p.name, lang)
        if len(lenses) >= 2:
            said = _(
                "Hold a conversation on %(principle)s where %(who)s each say what they see and why; agree one change "
                "together. For example, look at %(study)s."
            ) % {"principle": name, "who": i18n.and_list(lenses[:2]), "study": study}
        else:
            said = _(
                "Hold a conversation on %(principle)s where each lens says what it sees and why; agree one change "
                "together. For example, look at %(study)s."
            ) % {"principle": name, "study": study}
        why = _("The lenses scored %(principle)s %(gap).1f apart: they see it differently.") % {
            "principle": name,
            "gap": gaps[pid],
        }
        out.append(Draft(said, pid, why, study))
    ladder = result.ladder
    # the first aspect of the work the room wants higher on the ladder than it stands
    placed = None
    if ladder is not None:
        placed = next((x for x in result.assessment.ladder if ladder.step(x.now) < ladder.step(x.should)), None)
    if ladder is not None and placed is not None:
        now, should = ladder.step(placed.now), ladder.step(placed.should)
        if now < should:
            up = ladder.rungs[now]  # the rung above where the work stands now (steps count from 1)
            p = fw.principle(LADDER_PRINCIPLE)
            study = cat.case_study(p.example.case_study).name
            said = _(
                "Take the work one rung up the ladder, to %(rung)s: %(meaning)s "
                "For example, see how %(study)s shares decisions."
            ) % {
                "rung": worded(up.name, lang),
                "meaning": sentence(worded(up.meaning, lang)),
                "study": study,
            }
            known = ladder.aspect(placed.aspect) if placed.aspect else None  # one of the ladder's: in its wording
            why = _("The room placed %(aspect)s at %(now)s and wants it at %(should)s.") % {
                "aspect": worded(known, lang) if known is not None else placed.aspect or _("the work"),
                "now": worded(ladder.rung(placed.now).name, lang),
                "should": worded(ladder.rung(placed.should).name, lang),
            }
            out.append(Draft(said, p.id, why, study))
    return out[:MAX_DRAFTS]


def sentence(text: str) -> str:
    """Text ending as a sentence does."""
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


# -- reviews at the next assessment --------------------------------------------------------------------
@dataclass(frozen=True)
class Reviewed:
    """An action as the next run reviewed it, with its principle's score when it was agreed (the last
    kept result of the service), so the result can show how that score moved."""

    id: str
    action: str
    principle: str
    due: str
    status: str  # a REVIEW_STATUSES value
    note: str | None = None
    before: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "action": self.action,
            "principle": self.principle,
            "due": self.due,
            "status": self.status,
            "note": self.note,
            "score_before": self.before,
        }


def parse_reviewed(f: Fields, key: str) -> list[Reviewed]:
    out = []
    for r in f.records(key, required=False):
        before = r.raw("score_before", required=False)
        if before is not None and (isinstance(before, bool) or not isinstance(before, int | float)):
            r.fail("should be a number", r.at("score_before"))
        out.append(
            Reviewed(
                r.text("id"),
                r.text("action"),
                r.choice("principle", PRINCIPLE_IDS),
                r.date("due") or "",
                r.choice("status", REVIEW_STATUSES),
                r.text("note", required=False),
                None if before is None else float(before),
            )
        )
        r.raw("score_now", required=False)  # written into a saved result; worked out again
        r.done()
    return out


@dataclass
class Agreed:
    """What a run agreed and reviewed, carried by the run (and its resume file) until it is kept."""

    actions: list[Action] = field(default_factory=list)
    reviewed: list[Reviewed] = field(default_factory=list)


def record_run(service: str | None, actions: Sequence[Action], reviewed: Sequence[Reviewed]) -> None:
    """Keep a finished run's actions and reviews in the service's register, in one locked write."""
    if not service or not (actions or reviewed):
        return
    day = today()
    by_id = {r.id: Review(day, r.status, r.note) for r in reviewed}

    def change(old: list[Action]) -> list[Action]:
        return merge([a.reviewed(by_id[a.id]) if a.id in by_id else a for a in old], actions)

    change_register(service, change)


def moved(before: float | None, after: float | None) -> str:
    """How a score moved, in words: 'up 0.7 (1.0 to 1.7)', 'no change (2.0)', 'not comparable'."""
    if before is None or after is None:
        return _("not comparable")
    delta = round(after - before, 2)
    said = {"delta": abs(delta), "before": before, "after": after}
    if delta > 0:
        return _("up %(delta).1f (%(before).1f to %(after).1f)") % said
    if delta < 0:
        return _("down %(delta).1f (%(before).1f to %(after).1f)") % said
    return _("no change (%(after).1f)") % said


def previous_scores(service: str, fw: Framework) -> dict[str, float | None]:
    """Each principle's score in the service's last kept result (empty if none can be read): what a
    reviewed action's principle scored when it was last assessed."""
    from .assessment import load_assessment
    from .errors import DataError
    from .results import for_service as kept_for
    from .scoring import score_principles

    kept = kept_for(service).results
    if not kept:
        return {}
    try:
        a = load_assessment(kept[-1].path, fw)
    except DataError:
        return {}
    return {pid: s.score for pid, s in score_principles(fw, a.answers).items()}


def review_of(a: Action, status: str, note: str | None, before: Mapping[str, float | None]) -> Reviewed:
    """What the next run said of an action, with its principle's score from before."""
    return Reviewed(a.id, a.action, a.principle, a.due, status, note, before.get(a.principle))


def due_default(agreed: str, days: int = 91) -> str:
    """The date offered when a group gives none: about three months on."""
    return (_dt.date.fromisoformat(agreed) + _dt.timedelta(days=days)).isoformat()
