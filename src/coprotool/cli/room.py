"""assess --room: the room's server beside the terminal's questions.

The server (uvicorn in a background thread) and this terminal share one Room under its lock. At each
question the devices vote blind while the terminal shows "N voted"; Enter reveals and the votes go to the
session as typed group votes do. Imported only with --room: Starlette, uvicorn and segno load here.
"""

from __future__ import annotations

import contextlib
import contextvars
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from .. import i18n
from ..room.state import MIN_LENS, PER_ADDRESS, OpenQuestion, Room
from ..session import Outcome, QuestionStep, Session
from ..text import safe_text
from ..wording import Text, text
from .common import log_file, unicode_ok

if TYPE_CHECKING:
    from rich.console import Console

    from ..assessment import Result
    from ..catalogue import Catalogue
    from ..room.server import RoomServer

# The one line the terminal shows at the end: the server stays up until Enter, so phones can open the sheet.
CLOSE_PROMPT = i18n.N_("Phones can now open 'you said, we did'. Enter closes the room> ")


class RoomOptions(NamedTuple):
    host: str | None  # None: the laptop's address on the local network
    port: int  # 0: a free port
    max_devices: int
    per_address: int = PER_ADDRESS  # devices one network address may join
    min_lens: int = MIN_LENS  # fewest votes a lens needs on a question to be shown on its own
    people: int | None = None  # how many people the facilitator says are present


def options_from(saved: dict[str, Any], given: RoomOptions | None) -> RoomOptions:
    """A resumed room's settings: from its resume file, or those given again with --room (the saved address
    where none is given), so `assess --resume FILE` carries on at the same join address."""

    def whole(name: str, low: int, high: int, default: int | None) -> int | None:
        value = saved.get(name)
        return value if type(value) is int and low <= value <= high else default

    host = saved.get("host") if isinstance(saved.get("host"), str) and 0 < len(saved["host"]) <= 100 else None
    port = whole("port", 1, 65535, 0) or 0
    if given is not None:
        return given._replace(host=given.host or host, port=given.port or port)
    return RoomOptions(
        host,
        port,
        whole("max_devices", 1, 5000, 200) or 200,
        whole("per_address", 1, 5000, PER_ADDRESS) or PER_ADDRESS,
        whole("min_lens", 2, 100, MIN_LENS) or MIN_LENS,
        whole("people", 1, 5000, None),
    )


class LiveRoom:
    """The running room as the terminal sees it."""

    def __init__(
        self, room: Room, server: RoomServer, join: str, screen: str, restored: dict[str, Any], people: int | None
    ) -> None:
        self.room = room
        self.people = people  # how many the facilitator says are present
        self.server = server
        self.join = join
        self.screen = screen
        self.restored = restored  # the open question's votes from before a restart, with its id

    def saved(self) -> dict[str, Any]:
        """What the resume file keeps of the room: its settings (the laptop's own address and port, never a
        participant's), the tokens, and each device's hash, lens and number."""
        out = self.room.saved()
        out.update(
            host=self.server.host,
            port=self.server.port,
            max_devices=self.room.max_devices,
            per_address=self.room.per_address,
            min_lens=self.room.min_lens,
        )
        if self.people:
            out["people"] = self.people
        return out

    def question(self, out: Console, session: Session, step: QuestionStep, ask: Any) -> Outcome:
        """Open the question to the devices; typed lines add votes; Enter reveals and records the votes."""
        room, q = self.room, step.question
        if room.phase != "voting" or room.question is None or room.question.id != q.id:
            votes = self.restored.get("open_votes") if self.restored.get("question") == q.id else None
            self.restored = {}
            n, total, _, _ = session.progress()
            title = _title(step.principle.name, n, total)
            room.open(OpenQuestion(q.id, q.text, q.plain or "", title), votes)
        if q.plain and q.plain != q.text:
            out.print("  " + i18n.gettext("In plain words: %(text)s") % {"text": q.plain}, style="dim", markup=False)
        while True:
            reply = self._ask_counting(out, ask)
            raw = reply.strip()
            lowered = raw.lower()
            if lowered in ("j", "join"):  # the join code and address again, once the intro has scrolled away
                _show_join(out, self)
                continue
            if _keyed(lowered, ("r", "remove")) is not None:
                self._remove(out, _keyed(lowered, ("r", "remove")) or "")
                continue
            if _keyed(lowered, ("p", "people")) is not None:
                self._people(out, _keyed(lowered, ("p", "people")) or "")
                continue
            if raw:
                typed = session.typed_votes(raw) if lowered not in _COMMANDS else None
                if typed is None:
                    if lowered in ("s", "skip"):
                        room.pause(i18n.N_("That question was skipped. The next one will appear here."))
                    return session.reply(raw)  # b, ?, q and skip work as in assess
                if isinstance(typed, Outcome):
                    return typed
                by_lens, _ = typed
                room.add_typed(by_lens)
                continue
            if not room.voted() and session.answered_value() is None:
                sure = ask(out, i18n.gettext("No votes yet: skip this question? y skips, Enter waits > "))
                if sure.strip().lower() in ("q", "quit"):
                    return session.reply("q")
                if sure.strip().lower() not in ("y", "yes", "s", "skip"):
                    continue
            tally = room.reveal()
            if not tally.votes:
                existing = session.answered_value()
                if existing is not None:  # back at a question voted on before: keep those votes
                    return session.reply(existing)
                room.pause(i18n.N_("No votes on that one. The next question will appear here."))
                return session.reply("s")
            # Only lenses with enough votes are kept by lens; the rest count for the room alone.
            outcome = session.record_votes(q.id, dict(tally.kept), lensed=True)
            medians = [
                f"{i18n.gettext(lens)} {m}" for lens, m in tally.medians().items()
            ]  # the default lenses named in the run's language
            if medians:
                out.print(
                    "  " + i18n.gettext("Middle answer: %(medians)s") % {"medians": "; ".join(medians)}, markup=False
                )
                gap = tally.gap_text()
                if gap:
                    out.print(f"  {gap[0].upper()}{gap[1:]}", style="bold", markup=False)
            if tally.hidden:
                hidden = i18n.ngettext(
                    "%(num)d vote from groups under %(least)d counted for the room only.",
                    "%(num)d votes from groups under %(least)d counted for the room only.",
                    tally.hidden,
                ) % {"num": tally.hidden, "least": room.min_lens}
                out.print(
                    f"  {hidden}",
                    style="dim",
                    markup=False,
                )
            return outcome

    def status(self) -> str:
        """The status line: votes on the open question, and devices joined against people present.
        Short, so that at 80 columns it never wraps and its update in place leaves no stale line."""
        with self.room.lock:
            voted, devices = self.room.voted(), len(self.room.devices)
        if self.people:
            joined = i18n.ngettext(
                "%(num)d device of %(people)d people joined", "%(num)d devices of %(people)d people joined", devices
            ) % {"num": devices, "people": self.people}
        else:
            joined = i18n.ngettext("%(num)d device joined", "%(num)d devices joined", devices) % {"num": devices}
        return i18n.gettext("%(voted)d voted") % {"voted": voted} + f" · {joined}> "

    def _remove(self, out: Console, number: str) -> None:
        if number.isdigit() and self.room.remove(int(number)):
            said = i18n.gettext("Device %(n)s removed: its vote goes with it; it can join again.") % {"n": number}
            out.print(f"  {said}", style="yellow")
        else:
            why = "  " + i18n.gettext("No device numbered %(n)s (each phone shows its number).") % {
                "n": safe_text(number[:20])
            }
            out.print(why, style="yellow", markup=False)

    def _people(self, out: Console, number: str) -> None:
        if number.isdigit() and 0 < int(number) <= 5000:
            self.people = int(number)
        else:
            out.print("  " + i18n.gettext("Type p and the number of people present, e.g. p 12."), style="yellow")

    def _ask_counting(self, out: Console, ask: Any) -> str:
        """The status line as the prompt; at a terminal it updates in place as votes and devices arrive."""
        stop = threading.Event()
        prompt = self.status()
        live = _is_tty()
        if live:

            def tick() -> None:
                shown = prompt  # what the terminal shows: a change before this thread runs is drawn too
                while not stop.is_set():
                    with self.room.changed:  # woken when a device joins or votes (half a second at most)
                        if self.status() == shown:
                            self.room.changed.wait(0.5)
                    if stop.wait(0.05):  # a burst of votes is shown as one redraw, at most 20 a second
                        break
                    now = self.status()
                    if now != shown:
                        shown = now
                        with contextlib.suppress(OSError, ValueError):
                            out.file.write("\r\x1b[2K" + now)
                            out.file.flush()

            # In this run's context: a new thread starts with none, so the redrawn line was in English.
            run = contextvars.copy_context().run
            threading.Thread(target=run, args=(tick,), name="coprotool-count", daemon=True).start()
        try:
            line: str = ask(out, prompt)
        finally:
            stop.set()
        return line

    def marks(self, drafts: Sequence[str], ask: Callable[[str], str]) -> list[str]:
        """Phones mark which drafted actions matter most to them; Enter closes the marking. Returns a line for
        each draft: how many marked it, and by lens where a lens has enough people to be shown alone."""
        from ..room.state import MAX_MARKS

        self.room.open_marks(drafts, MAX_MARKS)
        most = self.room.max_marks
        ask(
            i18n.ngettext(
                "Phones can now mark the actions that matter most (up to %(num)d each). Enter shows the marks> ",
                "Phones can now mark the actions that matter most (up to %(num)d each). Enter shows the marks> ",
                most,
            )
            % {"num": most}
        )
        tally = self.room.mark_tally()
        people = self.room.marked()
        self.room.pause(i18n.N_("The group is agreeing its actions. The end will appear here."))
        lines = []
        for t in tally:
            if not t["total"]:
                lines.append(i18n.gettext("Not marked."))
                continue
            lenses = ", ".join(f"{i18n.gettext(lens)} {n}" for lens, n in t["by_lens"].items() if n)
            said = {"num": t["total"], "people": people, "lenses": lenses}
            if lenses:
                lines.append(i18n.gettext("Marked by %(num)d of %(people)d (%(lenses)s).") % said)
            else:
                lines.append(i18n.gettext("Marked by %(num)d of %(people)d.") % said)
        return lines

    def between(self, message: str) -> None:
        """A step that is not a question (a note, the grid): devices wait with a message."""
        if self.room.phase != "waiting" or self.room.message != message:
            self.room.pause(message)

    def end(self, result: Result, cat: Catalogue, out: Console, ask: Callable[[Console, str], str]) -> None:
        """The pages show the end (the projector: the wedge and where lenses differ; phones: a link to the
        'you said, we did' page too); the server stays up until the facilitator presses Enter."""
        from .. import __version__
        from ..feedback import build_feedback
        from ..render.feedback import feedback_html
        from ..render.svg import wedge_svg
        from ..room.app import SHEET_HREF
        from ..scoring import levels_of
        from ..view import DEPTH_LABEL, gap_lines

        fw = cat.framework
        langs = i18n.order(i18n.chosen())  # the projector's language(s), as --lang says
        depths, gaps = [], []
        for lang in langs:
            with i18n.using(lang):
                depths.append(f"{i18n.gettext(DEPTH_LABEL)}: {text(fw.depth(result.depth.id).name, lang)}")
                gaps += gap_lines(fw, result.lenses)
        with i18n.using(langs[0]):
            service = result.assessment.service or i18n.gettext("The service")
            svg = wedge_svg(fw, levels_of(result.scores), i18n.gettext("%(service)s: the wedge") % {"service": service})
        agreed = [{"action": x.action, "owner": x.owner, "due": x.due} for x in result.assessment.actions]
        # each sheet in its own language, side by side for --lang both
        views = i18n.built_in_each(
            i18n.chosen(), lambda: build_feedback(result, fw, result.assessment.actions, None, __version__)
        )
        sheet = feedback_html(views, stylesheet=SHEET_HREF)
        self.room.end({"svg": svg, "depth": " / ".join(depths), "gaps": gaps, "agreed": agreed}, sheet)
        if not self.room.devices:
            return  # nobody joined: nothing to keep the server up for
        with contextlib.suppress(EOFError):  # input ended: the room closes now
            ask(out, i18n.gettext(CLOSE_PROMPT))


_COMMANDS = {"b", "back", "s", "skip", "?", "h", "help", "q", "quit"}


def _keyed(typed: str, keys: tuple[str, ...]) -> str | None:
    """What follows a key word ('r 3' -> '3'), or None when the line does not start with one of `keys`."""
    word, _, rest = typed.partition(" ")
    return rest.strip() if word in keys else None


def _title(name: str, n: int, total: int) -> Text:
    """ "Question 4 of 22 · Assets" in every language, so each phone shows its own, numbered as the terminal
    numbers it."""
    titles: dict[str, str] = {}
    for lang in i18n.LANGS:
        with i18n.using(lang):
            words = i18n.gettext("Question %(n)d of %(total)d · %(principle)s")
            titles[lang] = words % {"principle": text(name, lang), "n": n, "total": total}
    return Text(titles)


def _is_tty() -> bool:
    isatty = getattr(sys.stdin, "isatty", None)
    return bool(sys.stdin is not None and isatty and isatty())


@contextlib.contextmanager
def open_room(out: Console, cat: Catalogue, session: Session, options: RoomOptions) -> Iterator[LiveRoom]:
    """Start the server, show the join address (and QR code) and the projector's address; stop at the end."""
    from ..errors import CoprotoolError
    from ..room.app import create_app
    from ..room.server import RoomServer, lan_address
    from ..scoring import DEFAULT_LENSES

    a = session.assessment
    a.group = True
    if not a.lenses:
        a.lenses = list(DEFAULT_LENSES)
    scale = [{"value": s.value, "label": s.label} for s in cat.framework.scale]
    room = Room(
        list(a.lenses),
        scale,
        max_devices=options.max_devices,
        per_address=options.per_address,
        min_lens=options.min_lens,
    )
    saved = session.state.room or {}
    restored: dict[str, Any] = {}
    if saved:
        restored = {"question": saved.get("question"), "open_votes": room.restore(saved)}
    log = log_file("room")  # server errors go here, never to the facilitator's screen
    logged = str(log) if log else None
    host = options.host or lan_address()
    lost = ""  # why the address from before could not be had again
    try:
        server = RoomServer(host, options.port, logged)
    except CoprotoolError as exc:
        if not saved or not options.port:
            raise
        lost = str(exc)
        try:  # the port is taken: another on the same address
            server = RoomServer(host, 0, logged)
        except CoprotoolError:  # the address itself is gone (another network): the laptop's address now
            host = lan_address()
            server = RoomServer(host, 0, logged)
    with server:
        shown_host = f"[{host}]" if ":" in host else host
        join = f"http://{shown_host}:{server.port}/?t={room.join_token}"
        screen = f"http://{shown_host}:{server.port}/screen?t={room.screen_token}"
        server.start(create_app(room, join, lang=i18n.chosen()))  # the pages' first language, as --lang says
        live = LiveRoom(room, server, join, screen, restored, options.people)
        session.state.room_now = live.saved
        if lost:
            said = i18n.gettext(
                "The room's address from before cannot be had again (%(reason)s): phones must join again with the "
                "new address and code below."
            )
            out.print(
                "\n" + said % {"reason": lost},
                style="bold yellow",
                markup=False,
            )
        _announce(out, live, host, bool(saved) and not lost, len(room.devices))
        try:
            yield live
        finally:
            session.state.room_now = None
            session.state.room = live.saved()


def terminal_qr(text: str, border: int = 2) -> str:
    """A QR code for the terminal in its own colours (black on white, whatever the terminal's background),
    two modules a character with half blocks, so it scans on a light or a dark terminal."""
    from ..room.app import qr_code

    rows = [list(row) for row in qr_code(text).matrix_iter(scale=1, border=border)]
    if len(rows) % 2:
        rows.append([0] * len(rows[0]))
    lines = []
    for top, bottom in zip(rows[::2], rows[1::2], strict=True):
        # The upper half block: its foreground is the top module, its background the bottom one.
        cells = (f"\x1b[{30 if t else 97};{40 if b else 107}m\u2580" for t, b in zip(top, bottom, strict=True))
        lines.append("  " + "".join(cells) + "\x1b[0m\n")
    return "".join(lines)


def _show_join(out: Console, live: LiveRoom) -> None:
    """The join code and address: at the start and again with j (heading, code and address fit 80x24)."""
    joining = i18n.gettext("Join from a phone, tablet or laptop on the same network: scan the code or open")
    out.print(f"\n{joining}", style="bold")
    if _is_tty() and unicode_ok(out.file) and out.color_system is not None:
        out.file.write(terminal_qr(live.join))
    else:
        out.print("  " + i18n.gettext("(Scan the QR code on the projector page.)"), style="dim")
    out.print(f"  {live.join}", markup=False, highlight=False, soft_wrap=True)  # never broken across lines


def _announce(out: Console, live: LiveRoom, host: str, same: bool, rejoining: int) -> None:
    out.print("\n" + i18n.gettext("The room is open."), style="bold")
    _show_join(out, live)
    out.print(i18n.gettext("Projector page (this address only on the projector, not for the room):"), style="bold")
    out.print(f"  {live.screen}", markup=False, highlight=False, soft_wrap=True)
    if host.startswith("127."):
        out.print(
            "  "
            + i18n.gettext(
                "Only this laptop can reach 127.0.0.1: give --host the laptop's network address for phones."
            ),
            style="yellow",
        )
    if same and rejoining:
        carry = i18n.ngettext(
            "%(num)d device from before carries on at the same address.",
            "%(num)d devices from before carry on at the same address.",
            rejoining,
        )
        out.print("  " + carry % {"num": rejoining}, style="dim")
