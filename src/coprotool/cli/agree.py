"""The prompts that close and open a workshop: agreeing actions at the end of `assess`, and reviewing the
service's open actions at the start of its next one. Both are optional: Enter skips.

The drafting, checking and keeping are in `coprotool.actions`; here are only the questions. Every answer
is saved with the run at once (`save`), so a stopped run keeps what was agreed so far.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..actions import (
    DEFAULT_OWNER,
    MANY_OPEN,
    UNNAMED,
    Action,
    Draft,
    check_due,
    check_principle,
    check_text,
    draft,
    due_default,
    for_service,
    new_action,
    previous_scores,
    review_of,
)
from ..errors import InputError
from ..i18n import N_, _, ngettext
from ..session import COMMANDS, OutcomeKind
from ..view import current_variant
from ..wording import text
from .interactive import Stopped, _ask, _say

if TYPE_CHECKING:
    from rich.console import Console

    from ..assessment import Assessment, Result
    from ..catalogue import Catalogue
    from .room import LiveRoom

REVIEW_KEYS = {"d": "done", "p": "in_progress", "n": "not_started", "x": "dropped"}
REVIEW_PROMPT = N_("What happened? d done, p in progress, n not started, x dropped (Enter: leave it for now)> ")


def _typed(out: Console, prompt: str) -> str:
    """One reply; q saves and quits."""
    reply = _ask(out, prompt).strip()
    if COMMANDS.get(reply.lower()) == OutcomeKind.QUIT:
        raise Stopped
    return reply


# -- at the start: what happened since last time ------------------------------------------------------
def review(out: Console, cat: Catalogue, a: Assessment, save: Callable[[], None]) -> None:
    """Go through the service's open actions: what happened to each, with an optional note."""
    if not a.service or a.reviewed:
        return
    waiting = [x for x in for_service(a.service) if x.is_open]
    if not waiting:
        return
    before = previous_scores(a.service, cat.framework)
    names = {p.id: text(p.name, current_variant()) for p in cat.framework.principles}
    day = a.date
    out.print()
    since = ngettext(
        "Since last time: %(num)d open action for %(service)s.",
        "Since last time: %(num)d open actions for %(service)s.",
        len(waiting),
    ) % {"num": len(waiting), "service": a.service}
    _say(out, since, indent=0, style="bold")
    _say(out, _("Say what happened to each before the questions (Enter leaves one for now)."), indent=0, style="dim")
    for n, x in enumerate(waiting, 1):
        said = {"action": x.action, "principle": names.get(x.principle, x.principle), "owner": x.owner, "due": x.due}
        if x.due < day:
            line = _("%(action)s (%(principle)s; %(owner)s; due %(due)s, overdue)") % said
        else:
            line = _("%(action)s (%(principle)s; %(owner)s; due %(due)s)") % said
        _say(out, f"{n}. {line}")
        try:
            while True:
                reply = _typed(out, _(REVIEW_PROMPT)).lower()
                if not reply or reply in REVIEW_KEYS:
                    break
                _say(out, _("Type d, p, n or x, or press Enter."), style="yellow")
            if not reply:
                continue
            note = _note(out)
        except EOFError:
            return
        a.reviewed.append(review_of(x, REVIEW_KEYS[reply], note, before))
        save()


def _note(out: Console) -> str | None:
    while True:
        try:
            return check_text(_typed(out, _("A note on it? (Enter for none)> ")), "note", required=False)
        except InputError as exc:
            _say(out, str(exc), style="yellow")


# -- at the end: what we agree to do -------------------------------------------------------------------
def agree(out: Console, cat: Catalogue, result: Result, save: Callable[[], None], live: LiveRoom | None = None) -> None:
    """Draft up to three actions from the result; the group keeps, edits or drops each, and adds its own."""
    a = result.assessment
    drafts = draft(result, cat)
    out.print()
    _say(out, _("What we agree to do (optional: Enter skips)"), indent=0, style="bold")
    if a.actions:
        agreed = "; ".join(x.action for x in a.actions)
        _say(out, _("Agreed so far: %(actions)s") % {"actions": agreed}, indent=0, style="dim")
    try:
        chosen = _choose(out, cat, drafts, live) if drafts and not a.actions else []
        if chosen is None:
            return
        for d in chosen:
            made = _fill(out, cat, a, d.action, d.principle, d.why)
            if made is not None:
                a.actions.append(made)
                save()
        while True:
            text = _typed(out, _("Add an action of your own? Type it, or Enter to finish> "))
            if not text:
                break
            principle = _principle(out, cat)
            made = _fill(out, cat, a, text, principle, None, edit=False)
            if made is not None:
                a.actions.append(made)
                save()
    except EOFError:  # piped answers that end before this optional step: finish with what was agreed
        pass
    _close(out, a)


def _choose(out: Console, cat: Catalogue, drafts: list[Draft], live: LiveRoom | None) -> list[Draft] | None:
    """Show the drafts; the numbers to keep (None: the step is skipped)."""
    names = {p.id: text(p.name, current_variant()) for p in cat.framework.principles}
    _say(out, _("coprotool drafted these from the result; keep, edit or drop each, then add your own:"), indent=0)
    marks = live.marks([d.action for d in drafts], lambda prompt: _typed(out, prompt)) if live is not None else None
    for n, d in enumerate(drafts, 1):
        said = {"action": d.action, "principle": names[d.principle], "why": d.why}
        _say(out, _("%(action)s (for %(principle)s; why: %(why)s)") % said, mark=f"{n}.")
        if marks:
            _say(out, marks[n - 1], indent=5, style="dim")
    while True:
        reply = _typed(out, _("Keep which? Numbers such as 1 3, a for all, 0 for none (Enter skips this step)> "))
        if not reply:
            return None
        if reply.lower() in ("a", "all"):
            return list(drafts)
        parts = reply.replace(",", " ").split()
        if all(p.isdigit() and 0 <= int(p) <= len(drafts) for p in parts):
            return [drafts[int(p) - 1] for p in dict.fromkeys(parts) if p != "0"]
        _say(out, _("Type numbers from 1 to %(n)d, a for all, or 0 for none.") % {"n": len(drafts)}, style="yellow")


def _principle(out: Console, cat: Catalogue) -> str:
    ps = cat.framework.principles
    listed = ", ".join(f"{n} {text(p.name, current_variant())}" for n, p in enumerate(ps, 1))
    while True:
        reply = _typed(out, _("Which principle does it serve? %(listed)s> ") % {"listed": listed})
        if reply.isdigit() and 1 <= int(reply) <= len(ps):
            return ps[int(reply) - 1].id
        try:
            return check_principle(reply, cat.framework)
        except InputError as exc:
            _say(out, str(exc), style="yellow")


def _fill(
    out: Console, cat: Catalogue, a: Assessment, text: str, principle: str, why: str | None, edit: bool = True
) -> Action | None:
    """Ask the rest of an action: its wording, owner, with whom, by when, and how the group will know."""
    if edit:
        _say(out, _("Action: %(action)s") % {"action": text}, indent=0, style="bold")
        typed = _typed(out, _("Edit it? Type the group's wording, or Enter to keep it> "))
        text = typed or text
    default = _(DEFAULT_OWNER)
    owner = _typed(out, _("Who leads it? A role [Enter: %(owner)s]> ") % {"owner": default}) or default
    with_ = _typed(out, _("Who is it done with? For example people who use the service, carers (Enter: no one yet)> "))
    default = due_default(a.date)
    while True:
        due = _typed(out, _("By when? YYYY-MM-DD [Enter: %(date)s]> ") % {"date": default}) or default
        try:
            check_due(due, a.date)
            break
        except InputError as exc:
            _say(out, str(exc), style="yellow")
    measure = _typed(out, _("How will you know it worked? (Enter to leave it blank)> "))
    try:
        made = new_action(
            cat.framework,
            a.service or UNNAMED,
            action=text,
            principle=principle,
            owner=owner,
            due=due,
            agreed=a.date,
            why=why,
            with_=with_ or None,
            measure=measure or None,
        )
    except InputError as exc:
        _say(out, f"{exc} " + _("It was not kept."), style="yellow")
        return None
    said = _("Agreed: %(action)s (%(owner)s, by %(due)s).") % {
        "action": made.action,
        "owner": made.owner,
        "due": made.due,
    }
    _say(out, said, indent=0, style="green")
    return made


def _close(out: Console, a: Assessment) -> None:
    """Where the actions go, and the gentle warning over five open ones."""
    if not a.actions:
        return
    if not a.service:
        _say(out, _("This run has no service name, so its actions stay in its result only."), style="dim", indent=0)
        return
    closed = {r.id for r in a.reviewed if r.status in ("done", "dropped")}
    earlier = [x for x in for_service(a.service) if x.is_open and x.id not in closed]
    ids = {x.id for x in earlier}
    total = len(earlier) + sum(x.id not in ids for x in a.actions)
    if total > MANY_OPEN:
        from .actions import many_open

        _say(out, many_open(total), style="yellow", indent=0)
