"""The prompts of `coprotool assess`: drives a Session, saving the run after every answer.

Whatever ends a run early (q, Ctrl-C, SIGTERM, SIGHUP or a closed terminal, end of input, a failed write,
an unexpected error) the answers are kept first (in the resume file, or printed on stderr if no folder
can be written) and then one sentence says what happened and how to continue.
"""

from __future__ import annotations

import contextlib
import shlex
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from .. import i18n
from ..errors import CoprotoolError
from ..i18n import N_, _
from ..model import GRID_ROLES, Framework
from ..render.wedge import fill_chars
from ..scoring import BadValue, disagrees
from ..session import (
    MAX_NAME,
    GridStep,
    NoteStep,
    Outcome,
    OutcomeKind,
    QuestionStep,
    SavedRun,
    Session,
    clean_text,
    duration_text,
    minutes,
    parse_keywords,
    steps_for,
)
from ..text import file_name
from ..view import current_variant, question_label
from ..wording import text, variant_for
from .common import console, echo, note, unicode_ok
from .signals import SIGNAL_EXIT, Signalled, Stopping, stop_on_signals

if TYPE_CHECKING:
    from rich.console import Console

    from ..assessment import Assessment, Result
    from ..catalogue import Catalogue
    from ..resume import ResumeFile
    from .room import LiveRoom, RoomOptions

HELP_KEEPS = 10  # rows help leaves free above it: the question, its hint, the scale and two prompts
HELP_KEYS = N_("Enter skip · b back · ? help · q save and quit")  # translated where shown, as is ROOM_KEYS
# With --room Enter reveals the phones' votes; said the same way at the start and at every question.
ROOM_KEYS = N_(
    "Enter reveals the votes · s skip · b back · j join code · r N removes device N · ? help · q save and quit"
)
_QUIT = ("q", "quit")


class Stopped(Exception):
    """The user typed q: save and quit."""


class TerminalGone(Exception):
    """Reading or writing the terminal failed: the window was closed or the pipe went away."""


def run(
    cat: Catalogue,
    state: SavedRun,
    store: ResumeFile,
    *,
    ui_to_stderr: bool,
    ask_intro: bool,
    room: RoomOptions | None = None,
) -> Result:
    """Ask every remaining step, saving after each answer, then score the run and write its outputs.

    With `room`, devices vote at each question through the room's server (cli/room.py)."""
    out = console(stderr=ui_to_stderr)
    session = Session(cat.framework, state)
    keeper = _Keeper(session, store)
    with contextlib.suppress(AttributeError, ValueError, OSError):  # bytes that are not text: shown as '?'
        sys.stdin.reconfigure(errors="replace")  # type: ignore[union-attr]
    with stop_on_signals():
        try:
            try:
                if ask_intro:
                    keys = _(HELP_KEYS if room is None else ROOM_KEYS)
                    _intro(out, cat.framework, session.assessment, length=_length(session, keys))
                    keeper.save()
                elif not session.position:
                    _say(out, _length(session, _(HELP_KEYS if room is None else ROOM_KEYS)), indent=0)
                elif session.position and not session.done:
                    q, total, _pn, _pt = session.progress()
                    out.print(_("Resuming at question %(n)d of %(total)d.") % {"n": q, "total": total}, style="bold")
                from .agree import agree, review

                if not session.position:  # a new run: first, what happened to the last one's actions
                    review(out, cat, session.assessment, keeper.save)
                if room is None:
                    _steps(out, cat, session, keeper)
                    agree(out, cat, _evaluate(cat, session), keeper.save)
                    return _finish(cat, session, store)
                from .room import open_room

                with open_room(out, cat, session, room) as live:
                    _steps(out, cat, session, keeper, live)
                    agree(out, cat, _evaluate(cat, session), keeper.save, live)
                    result = _finish(cat, session, store)
                    live.end(result, cat, out, _ask)
                return result
            except Stopped:
                path = keeper.keep()
                if path is not None:
                    # soft_wrap: the command is never broken by a newline, so it copies whole
                    hint = _("Saved. Continue with: %(command)s") % {
                        "command": f"coprotool assess --resume {_arg(path)}"
                    }
                    out.print(hint, style="bold", soft_wrap=True, markup=False, highlight=False)
                raise typer.Exit(0) from None
            except KeyboardInterrupt:
                keeper.stop(N_("Interrupted"), SIGNAL_EXIT[signal.SIGINT])
            except Signalled as exc:
                keeper.stop(_why(exc.signum), SIGNAL_EXIT.get(exc.signum, 1))
            except EOFError:
                keeper.stop(N_("Input ended"), 1)
            except TerminalGone:  # reading the terminal failed: it hung up, as SIGHUP says
                keeper.stop(N_("The terminal closed"), SIGNAL_EXIT[signal.SIGHUP])
            except (BrokenPipeError, SystemExit):  # Rich exits on a broken pipe
                keeper.stop(N_("The terminal or output closed"), 1)
            except CoprotoolError as exc:
                keeper.stop(str(exc).rstrip("."), exc.exit_code, after_error=True)
            except Exception as exc:  # the last guard of a workshop: keep the answers, then say what broke
                from .common import crash_log

                log = crash_log(exc)
                what = f"{type(exc).__name__}: {exc}"
                if log:
                    why = _(
                        "An unexpected error stopped the assessment (%(what)s; a bug in coprotool, "
                        "the details are in %(file)s)"
                    ) % {"what": what, "file": file_name(log)}
                else:
                    why = _(
                        "An unexpected error stopped the assessment (%(what)s; a bug in coprotool, "
                        "no log file could be written)"
                    ) % {"what": what}
                keeper.stop(why, 70, after_error=True)
        except KeyboardInterrupt:  # arrived just as the run was stopping for another reason
            keeper.stop(N_("Interrupted"), SIGNAL_EXIT[signal.SIGINT])
        except Signalled as exc:
            keeper.stop(_why(exc.signum), SIGNAL_EXIT.get(exc.signum, 1))
    raise AssertionError("unreachable")  # pragma: no cover - every branch above returns or exits


def _why(signum: int) -> str:
    return N_("The terminal closed") if signum == signal.SIGHUP else N_("Stopped by a signal (SIGTERM)")


def _evaluate(cat: Catalogue, session: Session) -> Result:
    from ..assessment import evaluate

    return evaluate(cat, session.assessment)


def _finish(cat: Catalogue, session: Session, store: ResumeFile) -> Result:
    """Score the run, write its outputs, keep the result and its actions, then remove the resume file."""
    from .. import __version__
    from ..assessment import dump_yaml
    from ..results import keep
    from .outputs import write_outputs

    result = _evaluate(cat, session)
    outputs = session.state.outputs
    write_outputs(result, cat, outputs)
    from ..results import UNWRITABLE_FIX, Unwritable

    a = session.assessment  # kept with --save too, so 'coprotool results' finds every finished run
    # Where the results folder cannot be written, the result goes beside the resume file or into the
    # current folder, unless --save has already put it where the user asked.
    beside = [store.path.parent] if store.path is not None else []
    elsewhere = [*beside, Path(".")] if outputs.save is None else []
    try:
        kept = keep(dump_yaml(result.as_dict(cat.framework, __version__)), a.service, a.date, elsewhere)
    except Unwritable as exc:
        if outputs.save is None:
            raise
        said = _(
            "%(problem)s, so 'coprotool results' will not list this result; make it a folder you can write to "
            "(the result is saved in %(file)s)."
        )
        _tell("coprotool: " + said % {"problem": exc.refused, "file": file_name(outputs.save)})
    else:
        if kept.refused:
            where = file_name(kept.path)
            said = _("%(problem)s; %(fix)s; this result is kept in %(file)s instead.")
            _tell("coprotool: " + said % {"problem": kept.refused, "fix": _(UNWRITABLE_FIX), "file": where})
        else:
            note(_("Kept in %(file)s ('coprotool results' lists every kept result)") % {"file": file_name(kept.path)})
    from .outputs import keep_actions

    try:
        keep_actions(a)
    except (OSError, CoprotoolError) as exc:  # the data folder again: the actions are in the result itself
        reason = getattr(exc, "strerror", None) or str(exc).rstrip(".")
        said = _("the agreed actions could not be added to the register (%(reason)s); they are in the result.")
        _tell("coprotool: " + said % {"reason": reason})
    store.finish()
    return result


class _Keeper:
    """Saves the run after every answer, and keeps it when the run stops."""

    def __init__(self, session: Session, store: ResumeFile) -> None:
        self.session = session
        self.store = store
        self.blank = session.state.as_dict()  # a new run saves nothing until something is entered
        self.warned = False

    def save(self) -> None:
        if self.store.path is None and self.session.state.as_dict() == self.blank:
            return
        if self.store.save(self.session.state.as_dict()) is None and not self.warned:
            self.warned = True
            said = _("cannot save as you go (%(reason)s); carry on: the answers stay in memory.")
            _tell("coprotool: " + said % {"reason": self.store.failed})

    def keep(self) -> Path | None:
        """Write the run one last time; None if nothing was entered or no folder could be written (then the
        answers are printed on stderr)."""
        Stopping.active = True
        data = self.session.state.as_dict()
        if self.store.path is None and data == self.blank:
            return None
        path = self.store.save(data)
        self.store.close(remove_lock=True)
        if path is None:
            from ..assessment import dump_yaml

            said = _(
                "could not save a resume file (%(reason)s); here are your answers, "
                "to keep as a .yaml file and continue with --resume:"
            )
            _tell("coprotool: " + said % {"reason": self.store.failed} + "\n" + dump_yaml(data))
        return path

    def stop(self, why: str, code: int, after_error: bool = False) -> None:
        Stopping.active = True
        path = self.keep()
        if why == "Input ended" and Stopping.late == signal.SIGHUP:  # the end of input was the hang-up
            why, code = "The terminal closed", SIGNAL_EXIT[signal.SIGHUP]
        s = self.session
        said: dict[str, object] = {
            "why": _(why)
        }  # a reason marked with N_ (or a sentence already in the run's language)
        if not s.done and not after_error:
            q, total, _pn, _pt = s.progress()
            said |= {"num": q, "total": total}
        if path is not None:
            said |= {"file": file_name(path), "command": f"coprotool assess --resume {_arg(path)}"}
        _tell("\ncoprotool: " + _stopped(s.done, "num" in said, path is not None, self.nothing_entered()) % said)
        raise typer.Exit(code)

    def nothing_entered(self) -> bool:
        return self.store.path is None and self.session.state.as_dict() == self.blank


def _stopped(done: bool, where: bool, saved: bool, nothing: bool) -> str:
    """How a run that stopped ends, as one whole sentence in the run's language: why, at which question (when
    the run was answering), and where the answers are (or that nothing was entered)."""
    if saved and done:
        return _("%(why)s; your answers are saved in %(file)s; finish with: %(command)s")
    if saved and where:
        return _(
            "%(why)s at question %(num)d of %(total)d; your answers are saved in %(file)s; continue with: %(command)s"
        )
    if saved:
        return _("%(why)s; your answers are saved in %(file)s; continue with: %(command)s")
    if nothing and where:
        return _("%(why)s at question %(num)d of %(total)d; nothing had been entered, so nothing was saved.")
    if nothing:
        return _("%(why)s; nothing had been entered, so nothing was saved.")
    if where:
        return _("%(why)s at question %(num)d of %(total)d.")
    return _("%(why)s.")


def _tell(text: str) -> None:
    """One message on stderr; a closed terminal must not turn it into a second failure."""
    with contextlib.suppress(OSError, ValueError):
        echo(text, err=True)


def _arg(path: Path) -> str:
    """The path as one shell word to copy: quoted, and for a name with a line break, control or invisible
    character in it, written with the shell's $'...' escapes so it stays on one line and exact."""
    text = str(path)
    if file_name(text) == text:
        return shlex.quote(text)
    return "$'" + "".join(_ansi_c(ch) for ch in text) + "'"


def _ansi_c(ch: str) -> str:
    if ch in "\\'":
        return "\\" + ch
    if file_name(ch) == ch:
        return ch
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of an undecodable file name (surrogateescape)
        code -= 0xDC00
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _say(out: Console, text: str, indent: int = 2, style: str = "", mark: str = "") -> None:
    """Print a paragraph wrapped to the terminal, continuation lines indented under the first."""
    from ..render.doc import Doc

    doc = Doc(out.width)
    if mark:
        doc.hanging(mark, text, indent=indent, style=style)
    else:
        doc.para(text, indent=indent, style=style)
    out.print(doc.text, end="")


def _ask(out: Console, prompt: str) -> str:
    try:
        out.print(prompt, end="", style="bold", highlight=False, markup=False)
        out.file.flush()
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        raise TerminalGone from None
    if sys.stdin is None:  # started with standard input closed (`<&-`)
        raise EOFError
    try:
        line = input()
    except RuntimeError:  # input(): lost sys.stdin
        raise EOFError from None
    except OSError:
        raise TerminalGone from None
    return line[:10_000]


def _length(session: Session, keys: str = HELP_KEYS) -> str:
    """What the run asks and about how long a room takes over it."""
    fw = session.fw
    asked = sum(isinstance(s, QuestionStep) for s in session.steps)
    what = (
        _("A quick run: %(n)d questions, one for each principle,") % {"n": asked}
        if session.state.quick
        else _("%(n)d questions over %(p)d principles, each closed by a note,") % {"n": asked, "p": len(fw.principles)}
    )
    v = _variant(session)
    scale = ", ".join(f"{s.value} {fw.label(s.value, v)}" for s in fw.scale)
    said = _(
        "%(what)s then two on who plans and delivers the service: %(time)s for a room. "
        "Answer each on the scale %(scale)s. (%(keys)s)"
    ) % {"what": what, "time": duration_text(session.minutes), "scale": scale, "keys": keys}
    if not session.state.quick:
        quick = minutes(steps_for(fw, quick=True), quick=True)
        said += " " + _("Short of time? 'coprotool assess --quick' asks one question per principle (%(time)s).") % {
            "time": duration_text(quick)
        }
    return said


def _intro(out: Console, fw: Framework, a: Assessment, again: bool = False, length: str = "") -> None:
    if not again:
        out.print(_("Co-production assessment"), style="bold underline")
        _say(out, length, indent=0)
        out.print()
    keep = " " + (_("[Enter keeps %(value)s]") % {"value": a.service} if a.service else _("(Enter to leave blank)"))
    while True:
        name = clean_text(_ask(out, _("Service name") + f"{keep}: "))
        if name.lower() in _QUIT:  # q works at every prompt
            raise Stopped
        if len(name) <= MAX_NAME:
            break
        _say(
            out,
            _("That name is %(n)d characters; the most is %(most)d. Type a shorter one.")
            % {"n": len(name), "most": MAX_NAME},
            style="yellow",
        )
    if name:
        a.service = name
    if a.keywords and not again:
        return
    _say(
        out,
        _("Keywords help pick case studies close to your service. The catalogue's:")
        + " "
        + " · ".join(f"{n} {k}" for n, k in enumerate(fw.keywords, 1)),
        style="dim",
        indent=0,
    )
    keep = " " + (
        _("[Enter keeps %(value)s]") % {"value": "; ".join(a.keywords)} if a.keywords else _("(Enter for none)")
    )
    while True:
        typed = _ask(out, _("Keywords: numbers from the list, or words separated by ; or commas") + f"{keep}: ")
        if typed.strip().lower() in _QUIT:
            raise Stopped
        if not typed.strip() and a.keywords:
            return
        try:
            a.keywords = parse_keywords(typed, fw.keywords)
            break
        except BadValue as exc:
            said = _("%(problem)s. Type numbers from the list, or keywords.") % {"problem": exc}
            _say(out, said, style="yellow", indent=0)
    _warn_unknown(out, fw, a.keywords)


def _warn_unknown(out: Console, fw: Framework, keywords: list[str]) -> None:
    unknown = [k for k in keywords if k not in fw.keywords]
    if unknown:
        _say(
            out,
            _("Not in the catalogue's keywords, so they will not match case studies: %(words)s.")
            % {"words": ", ".join(unknown)},
            style="yellow",
            indent=0,
        )


def _steps(out: Console, cat: Catalogue, session: Session, keeper: _Keeper, live: LiveRoom | None = None) -> None:
    """Every remaining question, then the optional ladder step; b at the ladder goes back to the questions."""
    _loop(out, session, keeper, live)
    while not _ladder(out, cat, session, keeper):
        session.back()
        _loop(out, session, keeper, live)


def _loop(out: Console, session: Session, keeper: _Keeper, live: LiveRoom | None = None) -> None:
    fw = session.fw
    v = _variant(session)  # the catalogue's words in the run's language and reading level
    scale = "  ".join(f"{s.value} {fw.label(s.value, v)}" for s in fw.scale)
    keys = _(HELP_KEYS if live is None else ROOM_KEYS)
    shown: int | None = None  # the step whose question is on screen: help or a wrong answer only re-asks it
    while not session.done:
        step = session.current
        outcome: Outcome | None = None
        fresh = shown != session.position
        shown = session.position
        if live is not None and not isinstance(step, QuestionStep):
            live.between(N_("The group is talking it over. The next question will appear here."))
        if fresh and session.first_of_principle() and not session.agreeing:
            _principle_intro(out, session)
        existing = session.answered_value()
        keeps = _("[Enter keeps %(value)s]") % {"value": existing}
        default = f" {keeps}" if existing is not None and not isinstance(step, NoteStep) else ""
        if session.pending_note is not None:
            reply = _ask(out, _("Keep it as the note? (y keeps it; Enter leaves no note) > "))
        elif isinstance(step, QuestionStep) and session.agreeing:
            median = session.median()
            keep = (
                _("Enter keeps %(value)s") % {"value": existing}
                if existing is not None
                else _("Enter takes the median, %(median)s") % {"median": median}
            )
            q, total, _pn, _pt = session.progress()  # numbered as the question's heading (and the phones) number it
            asked = _("Agreed value for question %(n)d of %(total)d") % {"n": q, "total": total}
            reply = _ask(out, f"{asked} [{keep}]> ")
        elif isinstance(step, QuestionStep):
            if fresh:
                q, total, pnum, ptotal = session.progress()
                heading = _("Question %(n)d of %(total)d · %(principle)s (principle %(pn)d of %(pt)d)") % {
                    "n": q,
                    "total": total,
                    "principle": text(step.principle.name, v),
                    "pn": pnum,
                    "pt": ptotal,
                }
                out.print(f"\n{heading}", style=f"bold {step.principle.colour}", markup=False)
                _say(out, step.question.wording(v))
                if step.question.hint and not session.state.easy:  # the facilitator's hint is not Easy Read
                    _say(out, text(step.question.hint, v), style="dim")
                _say(out, f"{scale}   ({keys})", style="dim")
            if live is not None:
                outcome = live.question(out, session, step, _ask)
                reply = ""
            elif session.group:
                label = question_label(fw, step.question.id, v)
                votes = _("Votes for %(label)s, one per person (e.g. 2 3 3 1)") % {"label": label}
                reply = _ask(out, f"{votes}{default}> ")
            else:
                reply = _ask(out, f"{question_label(fw, step.question.id, v)}{default}> ")
        elif isinstance(step, NoteStep):
            name = text(step.principle.name, v)
            reply = _ask(
                out,
                "\n"
                + _("Any note on %(principle)s, the evidence the group gave? (Enter for none) > ")
                % {"principle": name},
            )
        else:
            grid = fw.grid.plan if step.role == "plan" else fw.grid.deliver
            if fresh:
                out.print(f"\n{text(grid.question, v)}", style="bold", markup=False)
                for i, choice in enumerate(grid.choices, 1):
                    out.print(f"  {i} {text(choice.label, v)}", markup=False)
            reply = _ask(out, _("Choose 1-%(n)d (Enter skips)") % {"n": len(GRID_ROLES)} + f"{default}> ")
        if outcome is None:
            if not reply.strip() and existing is not None and not isinstance(step, NoteStep):
                reply = existing
            outcome = session.reply(reply)
        if outcome.kind == OutcomeKind.QUIT:
            raise Stopped
        if outcome.kind == OutcomeKind.HELP:
            _help(out, session)
        elif outcome.kind == OutcomeKind.INVALID:
            _say(
                out,
                f"{outcome.message}. "
                + _("Type %(choices)s; Enter skips, b goes back, ? explains, q saves and quits.")
                % {"choices": _choices(session)},
                style="yellow",
            )
        elif outcome.kind == OutcomeKind.CONFIRM:
            _say(out, outcome.message + ".", style="yellow")
        elif outcome.kind == OutcomeKind.VOTES and isinstance(step, QuestionStep):
            split = disagrees(session.assessment.votes[step.question.id])
            _say(out, outcome.message, style="bold yellow" if split else "green")
        elif outcome.kind == OutcomeKind.AT_START:
            out.print("  " + _("This is the first question: back to the service's name and keywords."), style="yellow")
            _intro(out, fw, session.assessment, again=True)
        keeper.save()


def _ladder(out: Console, cat: Catalogue, session: Session, keeper: _Keeper) -> bool:
    """The optional ladder step (cli/ladder_step.py). False when the room goes back to the questions."""
    from .ladder_step import ladder_step

    return ladder_step(out, cat, session, keeper)


def _choices(session: Session) -> str:
    step = session.current
    if isinstance(step, GridStep):
        return _("1, 2 or 3")
    if isinstance(step, NoteStep):
        return _("a shorter note")
    v = _variant(session)
    labels = ", ".join(session.fw.label(s.value, v) for s in session.fw.scale)
    return _("0, 1, 2 or 3 (or a label: %(labels)s)") % {"labels": labels}


def _variant(session: Session) -> str:
    """The catalogue's wording this run shows: Easy Read (--easy), plain (--plain) or standard."""
    if session.state.plain and not session.state.easy:
        return variant_for(i18n.current(), plain=True)
    return current_variant()  # Easy Read when --easy set it for the run


def _principle_intro(out: Console, session: Session) -> None:
    step = session.current
    assert isinstance(step, QuestionStep)
    p = step.principle
    v = _variant(session)
    _q, _t, pnum, ptotal = session.progress()
    where = _("principle %(n)d of %(total)d") % {"n": pnum, "total": ptotal}
    out.print(f"\n{text(p.name, v).upper()}  {where}", style=f"bold {p.colour}", markup=False)
    _say(out, text(p.meaning, v))  # what the name means, where it first appears
    fill = fill_chars(unicode_ok(out.file))
    from ..view import LOOKS_LIKE

    _say(out, f"{_(LOOKS_LIKE)}:", style="dim")  # the level descriptions are ours, not the catalogue's
    for n in range(len(p.levels)):
        _say(out, f"{n} {session.fw.label(n, v)}: {p.level(n, v)}", style="dim", mark=fill[n] * 2)


def _help(out: Console, session: Session) -> None:
    step = session.current
    if isinstance(step, GridStep):
        grid = session.fw.grid
        out.print("  " + _("The grid places the service by who plans it and who delivers it:"), style="cyan")
        v = _variant(session)
        for cell in grid.cells:
            _say(out, f"{text(cell.name, v)}: {text(cell.meaning, v)}", indent=4)
        _say(out, " ".join(text(session.fw.credits.grid, v).split()), indent=4, style="dim")  # which names are ours
        return
    p = step.principle
    from ..render.doc import Doc

    # Help sits under the question it explains: it must leave that question and the prompt on screen.
    room = max(6, out.height - HELP_KEEPS)
    v = _variant(session)
    for about in (p.explanation.get(v), p.meaning.get(v)):
        doc = Doc(out.width)
        doc.para(f"{p.name.get(v)}: {about}", style="cyan")
        example = f"{p.example.text.get(v)} (coprotool show {p.example.case_study})"
        said = _("For example: %(example)s") if p.example.text.has(v) else _("For example (in English): %(example)s")
        doc.para(said % {"example": example}, style="cyan")
        if doc.text.plain.count("\n") <= room:
            break
    out.print(doc.text, end="")


def offer_unfinished(out: Console, cat: Catalogue, found: list[Path]) -> Path | None:
    """Mention unfinished assessments with the command to resume each; at a terminal, offer to pick one."""
    from ..errors import DataError
    from ..session import parse_run
    from ..yamlio import load_file

    listed: list[tuple[Path, str]] = []
    for path in found:
        try:
            saved = parse_run(load_file(path), str(path), cat.framework)
        except DataError:
            continue
        s = Session(cat.framework, saved)
        q, total, _pn, _pt = s.progress()
        service = saved.assessment.service or _("an unnamed service")
        if s.done:
            at = _("%(service)s (%(date)s, all questions answered)") % {
                "service": service,
                "date": saved.assessment.date,
            }
        else:
            at = _("%(service)s (%(date)s, at question %(num)d of %(total)d)") % {
                "service": service,
                "date": saved.assessment.date,
                "num": q,
                "total": total,
            }
        listed.append((path, at))
    if not listed:
        return None
    out.print(_("Unfinished assessments:"), style="bold")
    for n, (path, what) in enumerate(listed, 1):
        _say(out, f"{n}. {what}: coprotool assess --resume {_arg(path)}", indent=2)
    if not _interactive():
        return None
    while True:
        typed = _ask(
            out, _("Type a number to continue one (1-%(n)d), or Enter to start a new one: ") % {"n": len(listed)}
        ).strip()
        if typed.lower() in _QUIT:
            raise typer.Exit(0)
        if not typed:
            return None
        if typed.isdigit() and 1 <= int(typed) <= len(listed):
            return listed[int(typed) - 1][0]
        _say(out, _("Type a number from 1 to %(n)d, or press Enter.") % {"n": len(listed)}, style="yellow")


def _interactive() -> bool:
    isatty: Any = getattr(sys.stdin, "isatty", None)
    return bool(sys.stdin is not None and isatty and isatty())
