"""The optional last step of `assess`: the room places the work on the ladder of co-production, one aspect
of the work at a time (planning, delivery, review, or parts it names), each with its own rungs and reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..assessment import Placement
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
    _say(out, f"{text(ladder.title, v)} (optional: Enter skips; ? shows what each rung means)", indent=0, style="bold")
    _say(out, ", ".join(f"{ladder.step(r.id)} {text(r.name, v)}" for r in reversed(ladder.rungs)))
    _say(out, f"Where does the work stand? {text(ladder.advice, v)}", style="dim")
    placed = list(a.ladder)
    if placed:
        _say(out, "Placed so far: " + _summary(ladder, placed, v))
    offered = [*(text(x, v) for x in ladder.aspects), "the work as a whole"]
    _say(out, "Parts of the work: " + ", ".join(f"{i} {name}" for i, name in enumerate(offered, 1)) + "; or name one.")
    choices = f"1-{len(offered)} or a name"
    while True:
        first = not placed
        if first:
            prompt = f"Which part of the work first? {choices} (Enter skips)> "
        else:
            prompt = f"Another part of the work? {choices} (Enter finishes)> "
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
            _say(out, f"{exc}. Type a number from 1 to {len(offered)} or a name.", style="yellow")
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
    known = None if aspect is None else ladder.aspect(aspect)
    what = (aspect if known is None else text(known, v)) if aspect else "the work as a whole"
    top_name = text(top.name, v)
    asking, now, should = "now", "", ""
    while True:
        if asking == "now":
            prompt = f"Where does {what} stand now? 1-{len(ladder.rungs)} or a name> "
        elif asking == "should":
            prompt = f"Where should {what} stand? [Enter keeps {ladder.step(top.id)} {top_name}, the top]> "
        else:
            prompt = f"Why should {what} stand below {top_name}? > "
        typed = _ask(out, prompt)
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
            why = "the ladder steps down only for a stated reason" if not reason else "that is too long"
            _say(out, f"{why.capitalize()}: type it, or b to choose another rung.", style="yellow")
            continue
        if not typed.strip() or command == OutcomeKind.SKIPPED:
            if asking == "now":
                return None
            return Placement(now, top.id, None, aspect)
        try:
            rung = rung_of(typed, ladder)
        except BadValue as exc:
            _say(out, f"{exc}. Type a number from 1 to {len(ladder.rungs)} or a rung's name.", style="yellow")
            continue
        if asking == "now":
            now, asking = rung, "should"
        elif rung == top.id:
            return Placement(now, rung, None, aspect)
        else:
            should, asking = rung, "reason"


def _summary(ladder: Ladder, placed: list[Placement], v: str) -> str:
    from ..view import placement_summary

    return placement_summary(ladder, placed, v)


def _show_ladder(out: Console, ladder: Ladder, v: str) -> None:
    from ..render.ladder import ladder_view

    out.print(ladder_view(ladder, out.width, v), end="", markup=False)
