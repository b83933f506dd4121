"""The optional last step of `assess`: the room places the work on the ladder of co-production, one aspect
of the work at a time (planning, delivery, review, or parts it names), each with its own rungs and reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..assessment import Placement
from ..i18n import _
from ..scoring import BadValue
from ..session import COMMANDS, MAX_TEXT, OutcomeKind, Session, aspect_of, clean_text, rung_of
from ..wording import text
from .interactive import Stopped, _ask, _Keeper, _say, _variant

if TYPE_CHECKING:
    from rich.console import Console

    from ..catalogue import Catalogue
    from ..model import Ladder

_BACK = object()  # b at a rung prompt: back to choosing the aspect


def ladder_step(out: Console, cat: Catalogue, session: Session, keeper: _Keeper) -> bool:
    """Where the room puts each aspect of the work now, and where it should stand, starting from the top and
    stepping down only for a stated reason. Enter at the first prompt (or the end of piped input) skips the
    step. False when the room goes back to the questions."""
    if not cat.ladder_path.exists():
        return True
    ladder = cat.ladder
    v = _variant(session)  # the ladder's words in the run's language and reading level, as the questions'
    a = session.assessment
    out.print()
    heading = _("%(title)s (optional: Enter skips; ? shows what each rung means)") % {"title": text(ladder.title, v)}
    _say(out, heading, indent=0, style="bold")
    _say(out, ", ".join(f"{ladder.step(r.id)} {text(r.name, v)}" for r in reversed(ladder.rungs)))
    _say(out, _("Where does the work stand? %(advice)s") % {"advice": text(ladder.advice, v)}, style="dim")
    placed = list(a.ladder)
    if placed:
        _say(out, _("Placed so far: %(placed)s") % {"placed": _summary(ladder, placed, v)})
    offered = [*(text(x, v) for x in ladder.aspects), _("the work as a whole")]
    listed = ", ".join(f"{i} {name}" for i, name in enumerate(offered, 1))
    _say(out, _("Parts of the work: %(parts)s; or name one.") % {"parts": listed})
    choices = _("1-%(n)d or a name") % {"n": len(offered)}
    while True:
        first = not placed
        if first:
            prompt = _("Which part of the work first? %(choices)s (Enter skips)> ") % {"choices": choices}
        else:
            prompt = _("Another part of the work? %(choices)s (Enter finishes)> ") % {"choices": choices}
        try:
            typed = _ask(out, prompt)
        except EOFError:
            break  # piped answers that end before or during this optional step: finish with what is placed
        command = COMMANDS.get(typed.strip().lower())
        if command == OutcomeKind.QUIT:
            raise Stopped
        if command == OutcomeKind.HELP:
            _show_ladder(out, ladder, v)
            continue
        if command == OutcomeKind.BACK:
            if first:
                return False
            placed.pop()  # the last aspect placed is taken back
            a.ladder = tuple(placed)
            keeper.save()
            continue
        if not typed.strip() or command == OutcomeKind.SKIPPED:
            break
        try:
            aspect = aspect_of(typed, ladder)
        except BadValue as exc:
            said = {"problem": str(exc), "n": len(offered)}
            _say(out, _("%(problem)s. Type a number from 1 to %(n)d or a name.") % said, style="yellow")
            continue
        try:
            got = _place(out, ladder, aspect, v)
        except EOFError:
            break
        if got is None:
            continue  # back, or nothing chosen: ask for the part of the work again
        placed = [p for p in placed if p.aspect_name.casefold() != got.aspect_name.casefold()] + [got]
        a.ladder = tuple(placed)
        keeper.save()
    if placed:
        _say(out, text(ladder.placement, v), style="dim")
    return True


def _place(out: Console, ladder: Ladder, aspect: str | None, v: str) -> Placement | None:
    """One aspect's rungs: where it stands now, where it should stand (Enter: the top) and, below the top,
    why, the ladder's words in variant `v`. None when the room goes back or leaves it unplaced."""
    top = ladder.rungs[-1]
    asking, now, should = "now", "", ""
    while True:
        typed = _ask(out, _prompt(asking, ladder, aspect, v))
        command = COMMANDS.get(typed.strip().lower())
        if command == OutcomeKind.QUIT:
            raise Stopped
        if command == OutcomeKind.HELP:
            _show_ladder(out, ladder, v)
            continue
        if command == OutcomeKind.BACK:
            if asking == "now":
                return None
            asking = "now" if asking == "should" else "should"
            continue
        if asking == "reason":
            reason = clean_text(typed)
            if reason and len(reason) <= MAX_TEXT:
                return Placement(now, should, reason, aspect)
            if not reason:
                why = _("The ladder steps down only for a stated reason: type it, or b to choose another rung.")
            else:
                why = _("That is too long: type it, or b to choose another rung.")
            _say(out, why, style="yellow")
            continue
        if not typed.strip() or command == OutcomeKind.SKIPPED:
            if asking == "now":
                return None
            return Placement(now, top.id, None, aspect)
        try:
            rung = rung_of(typed, ladder)
        except BadValue as exc:
            said = {"problem": str(exc), "n": len(ladder.rungs)}
            _say(out, _("%(problem)s. Type a number from 1 to %(n)d or a rung's name.") % said, style="yellow")
            continue
        if asking == "now":
            now, asking = rung, "should"
        elif rung == top.id:
            return Placement(now, rung, None, aspect)
        else:
            should, asking = rung, "reason"


def _prompt(asking: str, ladder: Ladder, aspect: str | None, v: str) -> str:
    """The prompt for where an aspect stands now, where it should stand, or why below the top, the ladder's
    words in variant `v`. The work as a whole has sentences of its own: in Welsh "y gwaith cyfan" changes the
    words around it ("Ble mae'r gwaith cyfan", not "Ble mae y gwaith cyfan")."""
    top = ladder.rungs[-1]
    known = ladder.aspect(aspect) if aspect else None
    said = {
        "what": text(known, v) if known is not None else (aspect or ""),
        "n": len(ladder.rungs),
        "step": ladder.step(top.id),
        "top": text(top.name, v),
    }
    if asking == "now":
        if not aspect:
            return _("Where does the work as a whole stand now? 1-%(n)d or a name> ") % said
        return _("Where does %(what)s stand now? 1-%(n)d or a name> ") % said
    if asking == "should":
        if not aspect:
            return _("Where should the work as a whole stand? [Enter keeps %(step)d %(top)s, the top]> ") % said
        return _("Where should %(what)s stand? [Enter keeps %(step)d %(top)s, the top]> ") % said
    if not aspect:
        return _("Why should the work as a whole stand below %(top)s? > ") % said
    return _("Why should %(what)s stand below %(top)s? > ") % said


def _summary(ladder: Ladder, placed: list[Placement], v: str) -> str:
    from ..view import placement_summary

    return placement_summary(ladder, placed, v)


def _show_ladder(out: Console, ladder: Ladder, v: str) -> None:
    from ..render.ladder import ladder_view

    out.print(ladder_view(ladder, out.width, v), end="", markup=False)
