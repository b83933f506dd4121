"""assess --room: the room's server beside the terminal's questions.

The server (uvicorn in a background thread) and this terminal share one Room under its lock. At each
question the devices vote blind while the terminal shows "N voted"; Enter reveals and the votes go to the
session as typed group votes do. Imported only with --room: Starlette, uvicorn and segno load here.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from .. import i18n
from ..room.state import MIN_LENS, PER_ADDRESS, OpenQuestion, Room
from ..session import Outcome, QuestionStep, Session
from ..wording import Text, text
from .common import log_file, unicode_ok

if TYPE_CHECKING:
    from rich.console import Console

    from ..assessment import Result
    from ..catalogue import Catalogue
    from ..room.server import RoomServer

FINISH_GRACE = 2.5  # seconds the pages get to show the end before the server stops


class RoomOptions(NamedTuple):
    host: str | None  # None: the laptop's address on the local network
    port: int  # 0: a free port
    max_devices: int
    per_address: int = PER_ADDRESS  # devices one network address may join
    min_lens: int = MIN_LENS  # fewest votes a lens needs on a question to be shown on its own
    people: int | None = None  # how many people the facilitator says are present


class LiveRoom:
    """The running room as the terminal sees it."""

    def __init__(self, room: Room, server: RoomServer, join: str, screen: str, restored: dict[str, Any]) -> None:
        self.room = room
        self.server = server
        self.join = join
        self.screen = screen
        self.restored = restored  # the open question's votes from before a restart, with its id

    def saved(self) -> dict[str, Any]:
        """What the resume file keeps of the room (never an address)."""
        out = self.room.saved()
        out["port"] = self.server.port
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
            out.print(f"  In plain words: {q.plain}", style="dim", markup=False)
        while True:
            reply = self._ask_counting(out, ask)
            raw = reply.strip()
            if raw:
                typed = session.typed_votes(raw) if raw.lower() not in _COMMANDS else None
                if typed is None:
                    if raw.lower() in ("s", "skip"):
                        room.pause("That question was skipped. The next one will appear here.")
                    return session.reply(raw)  # b, ?, q and skip work as in assess
                if isinstance(typed, Outcome):
                    return typed
                by_lens, _ = typed
                room.add_typed(by_lens)
                continue
            tally = room.reveal()
            if not tally.votes:
                existing = session.answered_value()
                if existing is not None:  # back at a question voted on before: keep those votes
                    return session.reply(existing)
                room.pause("No votes on that one. The next question will appear here.")
                return session.reply("s")
            # Only lenses with enough votes are kept by lens; the rest count for the room alone.
            outcome = session.record_votes(q.id, dict(tally.kept), lensed=True)
            medians = [f"{lens} {m}" for lens, m in tally.medians().items()]
            if medians:
                out.print("  Middle answer: " + "; ".join(medians), markup=False)
                gap = tally.gap_text()
                if gap:
                    out.print(f"  {gap[0].upper()}{gap[1:]}", style="bold", markup=False)
            if tally.hidden:
                plural = "s" if tally.hidden != 1 else ""
                out.print(
                    f"  {tally.hidden} vote{plural} from groups under {room.min_lens} counted for the room only.",
                    style="dim",
                    markup=False,
                )
            return outcome

    def _ask_counting(self, out: Console, ask: Any) -> str:
        """The prompt with the count; at a terminal the count updates in place as votes arrive."""

        def prompt(n: int) -> str:
            return f"{n} voted · Enter reveals · or type votes for people without a device (e.g. 2 3 / 1)> "

        stop = threading.Event()
        live = _is_tty()
        if live:

            def tick() -> None:
                shown = self.room.voted()
                while not stop.wait(0.5):
                    n = self.room.voted()
                    if n != shown:
                        shown = n
                        with contextlib.suppress(OSError, ValueError):
                            out.file.write("\r\x1b[2K" + prompt(n))
                            out.file.flush()

            threading.Thread(target=tick, name="coprotool-count", daemon=True).start()
        try:
            line: str = ask(out, prompt(self.room.voted()))
        finally:
            stop.set()
        return line

    def between(self, message: str) -> None:
        """A step that is not a question (a note, the grid): devices wait with a message."""
        if self.room.phase != "waiting" or self.room.message != message:
            self.room.pause(message)

    def end(self, result: Result, cat: Catalogue) -> None:
        """The pages show the end (the projector: the wedge and where lenses differ), then the server stops."""
        from ..render.svg import wedge_svg
        from ..scoring import levels_of
        from ..view import gap_lines

        fw = cat.framework
        depth = fw.depth(result.depth.id).name
        gaps = gap_lines(fw, result.lenses)
        svg = wedge_svg(fw, levels_of(result.scores), f"{result.assessment.service or 'The service'}: the wedge")
        self.room.end({"svg": svg, "depth": f"Depth: {depth}", "gaps": gaps})
        if self.room.devices:
            time.sleep(FINISH_GRACE)


_COMMANDS = {"b", "back", "s", "skip", "?", "h", "help", "q", "quit"}


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
    host = options.host or lan_address()
    port = options.port
    log = log_file("room")  # server errors go here, never to the facilitator's screen
    logged = str(log) if log else None
    server: RoomServer | None = None
    if not port and isinstance(saved.get("port"), int):  # the same address as before, if it is free
        with contextlib.suppress(CoprotoolError):
            server = RoomServer(host, saved["port"], logged)
    server = server or RoomServer(host, port, logged)
    with server:
        shown_host = f"[{host}]" if ":" in host else host
        join = f"http://{shown_host}:{server.port}/?t={room.join_token}"
        screen = f"http://{shown_host}:{server.port}/screen?t={room.screen_token}"
        server.start(create_app(room, join))
        live = LiveRoom(room, server, join, screen, restored)
        session.state.room_now = live.saved
        _announce(out, live, host, saved, len(room.devices))
        try:
            yield live
        finally:
            session.state.room_now = None
            session.state.room = live.saved()


def _announce(out: Console, live: LiveRoom, host: str, saved: dict[str, Any], rejoining: int) -> None:
    out.print("\nThe room is open. Join from a phone, tablet or laptop on the same network:", style="bold")
    out.print(f"  {live.join}", markup=False, highlight=False, soft_wrap=True)  # never broken across lines
    if _is_tty() and unicode_ok(out.file):
        import io

        import segno

        buffer = io.StringIO()
        segno.make(live.join, error="m").terminal(out=buffer, compact=True)
        out.file.write(buffer.getvalue())
    out.print("Projector page (this address only on the projector, not for the room):", style="bold")
    out.print(f"  {live.screen}", markup=False, highlight=False, soft_wrap=True)
    if host.startswith("127."):
        out.print(
            "  Only this laptop can reach 127.0.0.1: give --host the laptop's network address for phones.",
            style="yellow",
        )
    if saved and rejoining:
        out.print(f"  {rejoining} device(s) from before can rejoin with the same address.", style="dim")
