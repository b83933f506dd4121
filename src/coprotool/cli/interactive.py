"""The prompts of `coprotool assess`: drives a Session, saves a resume file on Ctrl-C or end of input."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

import typer

from ..assessment import Assessment, dump_yaml
from ..catalogue import normalise
from ..errors import CoprotoolError
from ..model import GRID_ROLES, Framework
from ..render.wedge import fill_chars
from ..scoring import disagrees
from ..session import Session, clean_text, steps_for
from .common import console, echo, unicode_ok

HELP_KEYS = "Enter skip · b back · ? help · q save and quit"


class Stopped(Exception):
    """The user stopped (q, Ctrl-C or end of input); the answers are saved."""


def run(fw: Framework, a: Assessment, resume_path: Path | None, ui_to_stderr: bool, ask_intro: bool) -> None:
    """Ask every remaining step. On q, Ctrl-C or end of input, save and exit."""
    out = console(stderr=ui_to_stderr)
    session = Session(fw, a, a.progress or 0)
    try:
        if ask_intro:
            _intro(out, fw, a)
        elif session.position:
            q, total, _, _ = session.progress()
            out.print(f"Resuming at question {q} of {total}.", style="bold")
        _loop(out, session)
    except (KeyboardInterrupt, EOFError) as exc:
        path = _save_resume(session, resume_path)
        why = "Interrupted" if isinstance(exc, KeyboardInterrupt) else "Input ended"
        _stopped(session, path, why)
        raise typer.Exit(130 if isinstance(exc, KeyboardInterrupt) else 1) from None
    except Stopped:
        path = _save_resume(session, resume_path)
        out.print(f"Saved. Continue with: coprotool assess --resume {path}", style="bold")
        raise typer.Exit(0) from None


def _say(out, text: str, indent: int = 2, style: str = "", mark: str = "") -> None:
    """Print a paragraph wrapped to the terminal, continuation lines indented under the first."""
    from ..render.doc import Doc

    doc = Doc(out.width)
    doc.hanging(mark, text, indent=indent, style=style) if mark else doc.para(text, indent=indent, style=style)
    out.print(doc.text, end="")


def _ask(out, prompt: str) -> str:
    out.print(prompt, end="", style="bold", highlight=False, markup=False)
    out.file.flush()
    line = input()
    return line[:10_000]


def _intro(out, fw: Framework, a: Assessment) -> None:
    out.print("Co-production assessment", style="bold underline")
    _say(
        out,
        f"{len(fw.questions)} questions over {len(fw.principles)} principles, then two on who plans and "
        f"delivers the service. Answer each on the scale "
        + ", ".join(f"{s.value} {s.label}" for s in fw.scale)
        + f". ({HELP_KEYS})",
        indent=0,
    )
    out.print()
    name = clean_text(_ask(out, "Service name (Enter to leave blank): "), 200)
    if name:
        a.service = name
    if not a.keywords:
        _say(
            out,
            "Keywords help pick case studies close to your service, for example: "
            + ", ".join(fw.keywords[:6])
            + " ('coprotool list' shows them all).",
            style="dim",
            indent=0,
        )
        typed = clean_text(_ask(out, "Keywords, separated by commas (Enter for none): "), 500)
        a.keywords = [k.strip() for k in typed.split(",") if k.strip()]
        known = {normalise(k) for k in fw.keywords}
        unknown = [k for k in a.keywords if normalise(k) not in known]
        if unknown:
            _say(
                out,
                f"Not in the catalogue's keywords, so they will not match case studies: {', '.join(unknown)}.",
                style="yellow",
                indent=0,
            )


def _loop(out, session: Session) -> None:
    fw = session.fw
    scale = "  ".join(f"{s.value} {s.label}" for s in fw.scale)
    while not session.done:
        step = session.current
        if session.first_of_principle():
            _principle_intro(out, session)
        existing = session.answered_value()
        default = f" [Enter keeps {existing}]" if existing is not None and step.kind != "note" else ""
        if step.kind == "question" and session.agreeing:
            median = session.median()
            keep = f"Enter keeps {existing}" if existing is not None else f"Enter takes the median, {median}"
            reply = _ask(out, f"Agreed value for {step.question.id} [{keep}]> ")
        elif step.kind == "question":
            q, total, pnum, ptotal = session.progress()
            out.print(
                f"\nQuestion {q} of {total} · {step.principle.name} (principle {pnum} of {ptotal})",
                style=f"bold {step.principle.colour}",
            )
            _say(out, step.question.text)
            if step.question.hint:
                _say(out, step.question.hint, style="dim")
            _say(out, f"{scale}   ({HELP_KEYS})", style="dim")
            if session.group:
                reply = _ask(out, f"Votes for {step.question.id}, one per person (e.g. 2 3 3 1){default}> ")
            else:
                reply = _ask(out, f"{step.question.id}{default}> ")
        elif step.kind == "note":
            reply = _ask(out, f"\nAny note on {step.principle.name}, the evidence the group gave? (Enter for none) > ")
        else:
            grid = fw.grid.plan if step.kind == "plan" else fw.grid.deliver
            out.print(f"\n{grid.question}", style="bold")
            for i, choice in enumerate(grid.choices, 1):
                out.print(f"  {i} {choice.label}", markup=False)
            reply = _ask(out, f"Choose 1-{len(GRID_ROLES)} (Enter skips){default}> ")
        if not reply.strip() and existing is not None and step.kind != "note":
            reply = existing
        outcome = session.reply(reply)
        if outcome.kind == "quit":
            raise Stopped
        if outcome.kind == "help":
            _help(out, session)
        elif outcome.kind == "invalid":
            _say(
                out,
                f"{outcome.message}. Type {_choices(session)}; Enter skips, b goes back, "
                "? explains, q saves and quits.",
                style="yellow",
            )
        elif outcome.kind == "votes":
            split = disagrees(session.assessment.votes[step.question.id])
            _say(out, outcome.message, style="bold yellow" if split else "green")
        elif outcome.kind == "at_start":
            out.print("  This is the first question.", style="yellow")


def _choices(session: Session) -> str:
    if session.current.kind in ("plan", "deliver"):
        return "1, 2 or 3"
    labels = ", ".join(s.label for s in session.fw.scale)
    return f"0, 1, 2 or 3 (or a label: {labels})"


def _principle_intro(out, session: Session) -> None:
    p = session.current.principle
    _, _, pnum, ptotal = session.progress()
    out.print(f"\n{p.name.upper()}  principle {pnum} of {ptotal}", style=f"bold {p.colour}")
    _say(out, p.meaning)
    fill = fill_chars(unicode_ok(out.file))
    for n, picture in enumerate(p.levels):
        _say(out, f"{n} {session.fw.scale[n].label}: {picture}", style="dim", mark=fill[n] * 2)


def _help(out, session: Session) -> None:
    step = session.current
    if step.principle is None:
        grid = session.fw.grid
        out.print("  The grid places the service by who plans it and who delivers it:", style="cyan")
        for cell in grid.cells:
            _say(out, f"{cell.name}: {cell.meaning}", indent=4)
        return
    p = step.principle
    _say(out, f"{p.name}: {p.explanation}", style="cyan")
    _say(out, f"For example: {p.example.text} (coprotool show {p.example.case_study})", style="cyan")


@contextlib.contextmanager
def keep_if_interrupted(fw: Framework, a: Assessment, resume_path: Path | None):
    """After the last question: a Ctrl-C still saves every answer to a resume file."""
    try:
        yield
    except KeyboardInterrupt:
        session = Session(fw, a, len(steps_for(fw)))
        path = _save_resume(session, resume_path)
        _stopped(session, path, "Interrupted")
        raise typer.Exit(130) from None


def _save_resume(session: Session, resume_path: Path | None) -> Path | None:
    """Write the answers so far; falls back to the temp folder, then to printing them on stderr."""
    from ..files import write_atomic
    from .assess import resume_name

    a = session.assessment
    a.progress = session.position
    text = dump_yaml(a.as_dict())
    candidates = [resume_path] if resume_path else [resume_name(a.service)]
    candidates.append(Path(tempfile.gettempdir()) / candidates[0].name)
    for path in candidates:
        try:
            write_atomic(path, text)
            return path
        except CoprotoolError:
            continue
    echo("coprotool: could not save a resume file; here are your answers:\n" + text, err=True, nl=False)
    return None


def _stopped(session: Session, path: Path | None, why: str) -> None:
    q, total, _, _ = session.progress() if not session.done else (0, 0, 0, 0)
    where = f" at question {q} of {total}" if q else ""
    if path is None:
        echo(f"\ncoprotool: {why}{where}.", err=True)
        return
    echo(
        f"\ncoprotool: {why}{where}; your answers are saved in {path}; continue with: coprotool assess --resume {path}",
        err=True,
    )
