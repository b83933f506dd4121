"""The room's state machine: devices, their lenses, the open question, blind votes, the reveal.

Pure: no I/O. The web app and the facilitator's terminal share one Room under its lock; every
method that reads or changes the state takes the lock itself. Refusals are domain errors (NotJoined,
Refused, ...); the web layer alone turns them into HTTP answers.

Privacy: a lens with fewer than `min_lens` votes on a question is never shown on its own; its votes count
in the room's total only (see private_tally).
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ..i18n import _
from ..scoring import NO_LENS

Phase = Literal["waiting", "voting", "revealed", "marking", "finished"]
TOKEN_BYTES = 16  # 128 random bits for join, screen and device tokens (at least 64 are required)
MAX_DEVICES = 200
PER_ADDRESS = 3  # devices one network address may join (a phone that rejoins, a shared tablet: raise it)
MIN_LENS = 3  # the fewest votes a lens needs on a question to be shown on its own
MIN_LENS_FLOOR = 2  # below this a lens's votes could be read off one by one
MAX_MARKS = 2  # drafted actions a device may mark as mattering most to it
RATE = 5.0  # requests a second a device may keep up (a page polls about once a second)
BURST = 30  # requests a device may make at once before the rate applies


def new_token() -> str:
    """An unguessable token: 128 random bits, URL-safe."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def device_key(device_id: str) -> str:
    """What is kept of a device's id in files: a hash, so a saved file cannot be used to vote as it."""
    return hashlib.sha256(device_id.encode()).hexdigest()[:24]


class RoomError(Exception):
    """A request the room refuses; str() is one sentence for the person."""


class BadInput(RoomError):
    """A value or body that is not what the room takes (the state is unchanged)."""


class NotJoined(RoomError):
    """The device has no valid identity here (never joined, or removed by the facilitator)."""


class NotNow(RoomError):
    """Stale: the question is no longer open, or the device already chose another lens."""


class Full(RoomError):
    """No more devices may join (the room, or this network address)."""


class TooFast(RoomError):
    """The device is over its request allowance."""


@dataclass
class Device:
    key: str  # device_key() of its id
    lens: str | None = None
    allowance: float = BURST
    stamp: float = 0.0
    number: int = 0  # shown on the phone and the terminal, so the facilitator can remove one
    address: str | None = None  # in memory only, never written: for the limit per network address


@dataclass(frozen=True)
class OpenQuestion:
    id: str
    text: str
    plain: str
    title: str  # e.g. "Question 4 of 22 · Assets": numbered as the terminal numbers it; no internal id


def median(values: Sequence[int]) -> float:
    """The middle vote (the mean of the two middle ones for an even count)."""
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def number_text(value: float) -> str:
    """2.0 -> '2', 2.5 -> '2.5'."""
    return f"{value:g}"


@dataclass
class Tally:
    """The votes on one question after the reveal: all together, and by each lens that may be shown.

    `by_lens` holds only lenses shown on their own; `kept` is what the session records: the shown lenses
    and every other vote pooled under NO_LENS (counted for the room, for no lens)."""

    votes: list[int]
    by_lens: dict[str, list[int]]
    kept: dict[str, list[int]]

    @property
    def hidden(self) -> int:
        """Votes not shown under any lens."""
        return len(self.votes) - sum(len(v) for v in self.by_lens.values())

    def counts(self, values: Sequence[int], scale: int) -> list[int]:
        return [sum(1 for v in values if v == n) for n in range(scale)]

    def medians(self) -> dict[str, str]:
        return {lens: number_text(median(v)) for lens, v in self.by_lens.items()}

    def gap(self) -> dict[str, Any] | None:
        """The two lenses furthest apart by their middle answers (None with fewer than two lenses shown):
        {"high": lens, "high_median": "3", "low": lens, "low_median": "1", "apart": "2"}."""
        if len(self.by_lens) < 2:
            return None
        ranked = sorted(self.by_lens, key=lambda lens: -median(self.by_lens[lens]))
        high, low = median(self.by_lens[ranked[0]]), median(self.by_lens[ranked[-1]])
        return {
            "high": ranked[0],
            "high_median": number_text(high),
            "low": ranked[-1],
            "low_median": number_text(low),
            "apart": number_text(high - low),
        }

    def gap_text(self) -> str | None:
        """The gap in words: 'Staff 3, People who use services 1: 2 apart'."""
        gap = self.gap()
        if gap is None:
            return None
        if gap["apart"] == "0":
            return _("every group's middle answer is the same")
        # The default lenses in the run's language. Lens names are looked up by variable, not subscript: Babel
        # before 2.13 would take _(gap["high"]) for the message "high".
        high, low = gap["high"], gap["low"]
        named = {**gap, "high": _(high), "low": _(low)}
        return _("%(high)s %(high_median)s, %(low)s %(low_median)s: %(apart)s apart") % named


def private_tally(by_lens: Mapping[str, Sequence[int]], order: Sequence[str], least: int) -> Tally:
    """The tally with no lens shown on its own that has fewer than `least` votes.

    The room's total includes every vote, so the votes left out of the shown lenses must not be a small
    group either (it could be read off by subtraction): while they number 1 to least-1, the smallest shown
    lens joins them."""
    ranked = {lens: sorted(by_lens[lens]) for lens in [*order, NO_LENS] if by_lens.get(lens)}
    every = [v for values in ranked.values() for v in values]
    shown = {lens: v for lens, v in ranked.items() if lens != NO_LENS and len(v) >= least}
    while shown and 0 < len(every) - sum(len(v) for v in shown.values()) < least:
        smallest = min(shown, key=lambda lens: len(shown[lens]))
        del shown[smallest]
    pooled = sorted(v for lens, values in ranked.items() if lens not in shown for v in values)
    kept = dict(shown)
    if pooled:
        kept[NO_LENS] = pooled
    return Tally(sorted(every), shown, kept)


@dataclass
class Room:
    """One workshop's room. Devices join with the join token; the screen reads with its own token."""

    lenses: list[str]
    scale: list[dict[str, Any]]  # [{"value": 0, "label": "Not yet"}, ...]
    max_devices: int = MAX_DEVICES
    per_address: int = PER_ADDRESS
    min_lens: int = MIN_LENS
    rate: float = RATE
    burst: float = BURST
    clock: Callable[[], float] = time.monotonic
    join_token: str = field(default_factory=new_token)
    screen_token: str = field(default_factory=new_token)
    phase: Phase = "waiting"
    message: str = "Waiting for the first question."
    question: OpenQuestion | None = None
    devices: dict[str, Device] = field(default_factory=dict)  # device_key -> Device
    votes: dict[str, int | None] = field(default_factory=dict)  # device_key -> vote (None: skipped)
    typed: dict[str, list[int]] = field(default_factory=dict)  # lens -> votes typed at the terminal
    tally: Tally | None = None
    finish: dict[str, Any] | None = None  # what the screen and phones show at the end (wedge, depth, gaps)
    sheet: str | None = field(default=None, repr=False)  # the 'you said, we did' page phones open at the end
    version: int = 0  # changes at each facilitator's move, so pages know to show the new step
    numbered: int = 0  # the last device number given
    drafts: list[str] = field(default_factory=list)  # the drafted actions devices mark (phase "marking")
    marks: dict[str, list[int]] = field(default_factory=dict)  # device_key -> the drafts it marked
    max_marks: int = MAX_MARKS
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    # Notified (under the lock) when a device joins, votes or is removed: the terminal's count waits on it.
    changed: threading.Condition = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.min_lens = max(MIN_LENS_FLOOR, self.min_lens)
        self.changed = threading.Condition(self.lock)

    # -- devices --------------------------------------------------------------------------------
    def join(self, device_id: str | None, address: str | None = None) -> tuple[str, bool]:
        """The device's id (a new one unless it already belongs here) and whether it is new.

        `address` (the client's network address, kept in memory only) limits how many devices one
        address may join, so one laptop cannot fill the room."""
        with self.lock:
            if device_id and device_key(device_id) in self.devices:
                return device_id, False
            if len(self.devices) >= self.max_devices:
                raise Full("The room is full: no more devices can join.")
            if address is not None and sum(d.address == address for d in self.devices.values()) >= self.per_address:
                raise Full(
                    "This device's network address has joined the most devices it may: use the page already "
                    "open, or ask the facilitator."
                )
            new_id = new_token()
            key = device_key(new_id)
            self.numbered += 1
            self.devices[key] = Device(key, stamp=self.clock(), number=self.numbered, address=address)
            self.changed.notify_all()
            return new_id, True

    def remove(self, number: int) -> bool:
        """The facilitator removes a device by its number: its vote on the open question goes with it."""
        with self.lock:
            for key, dev in self.devices.items():
                if dev.number == number:
                    del self.devices[key]
                    self.votes.pop(key, None)
                    self.changed.notify_all()
                    return True
            return False

    def _known(self, device_id: str | None) -> Device:
        found = self.devices.get(device_key(device_id)) if device_id else None
        if found is None:
            raise NotJoined("This device has not joined: open the join address again.")
        return found

    def device(self, device_id: str | None) -> Device:
        """The device with this id (NotJoined if none). Each call spends one request of its allowance."""
        with self.lock:
            found = self._known(device_id)
            now = self.clock()
            found.allowance = min(self.burst, found.allowance + (now - found.stamp) * self.rate)
            found.stamp = now
            if found.allowance < 1:
                raise TooFast("Too many requests from this device: wait a moment.")
            found.allowance -= 1
            return found

    def choose_lens(self, device_id: str | None, lens: object) -> None:
        """A device picks its lens once (a lens name, or 'Prefer not to say')."""
        with self.lock:
            dev = self._known(device_id)
            name = self._lens_name(lens)
            if dev.lens is not None and dev.lens != name:
                raise NotNow(f"This device has already chosen: {dev.lens}.")
            if dev.lens is None:
                dev.lens = name

    def _lens_name(self, lens: object) -> str:
        if isinstance(lens, str) and len(lens) <= 200:
            for name in [*self.lenses, NO_LENS]:
                if lens.strip().lower() == name.lower():
                    return name
        raise BadInput(f"'lens' should be one of: {', '.join([*self.lenses, NO_LENS])}.")

    # -- votes ----------------------------------------------------------------------------------
    def vote(self, device_id: str | None, question: object, value: object, lens: object = None) -> None:
        """Record or replace a device's vote on the open question (None: skip)."""
        with self.lock:
            dev = self._known(device_id)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < len(self.scale)
            ):
                raise BadInput(f"'value' should be a whole number from 0 to {len(self.scale) - 1}, or null.")
            if not isinstance(question, str) or len(question) > 200:
                raise BadInput("'question' should be the id of the open question.")
            name = self._lens_name(lens) if lens is not None else None
            if name is not None and dev.lens is not None and dev.lens != name:
                raise NotNow(f"This device has already chosen: {dev.lens}.")
            if self.phase != "voting" or self.question is None or question != self.question.id:
                raise NotNow("That question is not open for votes.")
            if name is not None and dev.lens is None:
                dev.lens = name
            self.votes[dev.key] = value
            self.changed.notify_all()

    def voted(self) -> int:
        """How many have voted on the open question (devices that voted or skipped, and typed votes)."""
        with self.lock:
            return len(self.votes) + sum(len(v) for v in self.typed.values())

    def add_typed(self, by_lens: Mapping[str, Sequence[int]]) -> None:
        """Votes typed at the terminal for people without a device, by lens (NO_LENS when not said)."""
        with self.lock:
            for lens, values in by_lens.items():
                self.typed.setdefault(lens, []).extend(values)

    # -- the facilitator's moves (only the terminal calls these) ----------------------------------
    def open(self, question: OpenQuestion, votes: Mapping[str, int | None] | None = None) -> None:
        """Open a question for votes; `votes` restores device votes saved before a restart."""
        with self.lock:
            self.phase = "voting"
            self.question = question
            self.votes = dict(votes or {})
            self.typed = {}
            self.tally = None
            self.version += 1

    def reveal(self) -> Tally:
        """Close the open question's votes and work out the tally, all together and by lens."""
        with self.lock:
            by_lens: dict[str, list[int]] = {}
            for key, value in self.votes.items():
                if value is not None and key in self.devices:
                    by_lens.setdefault(self.devices[key].lens or NO_LENS, []).append(value)
            for lens, values in self.typed.items():
                by_lens.setdefault(lens, []).extend(values)
            self.tally = private_tally(by_lens, self.lenses, self.min_lens)
            self.phase = "revealed"
            self.version += 1
            return self.tally

    # -- marking drafted actions -------------------------------------------------------------------
    def open_marks(self, drafts: Sequence[str], most: int = MAX_MARKS) -> None:
        """Devices mark which drafted actions matter most to them (at most `most` each)."""
        with self.lock:
            self.phase = "marking"
            self.question = None
            self.drafts = list(drafts)
            self.marks = {}
            self.max_marks = max(1, min(most, len(self.drafts)))
            self.version += 1

    def mark(self, device_id: str | None, picks: object) -> None:
        """Record or replace a device's marks: a list of draft numbers (0-based), at most max_marks."""
        with self.lock:
            dev = self._known(device_id)
            if self.phase != "marking":
                raise NotNow("Marking is not open now.")
            if (
                not isinstance(picks, list)
                or len(picks) > self.max_marks
                or any(type(p) is not int or not 0 <= p < len(self.drafts) for p in picks)
            ):
                raise BadInput(f"Choose at most {self.max_marks} of the {len(self.drafts)} actions.")
            self.marks[dev.key] = sorted(set(picks))

    def marked(self) -> int:
        """How many devices have marked."""
        with self.lock:
            return len(self.marks)

    def mark_tally(self) -> list[dict[str, Any]]:
        """Each draft's marks: in all, and by each lens that may be shown on its own (the same rule as
        votes: a lens with fewer than min_lens marking devices counts in the total only)."""
        with self.lock:
            people: dict[str, list[int]] = {}
            for key in self.marks:
                lens = self.devices[key].lens if key in self.devices else None
                people.setdefault(lens or NO_LENS, []).append(1)
            shown = list(private_tally(people, self.lenses, self.min_lens).by_lens)
            out = []
            for n in range(len(self.drafts)):
                who = [
                    self.devices[k].lens or NO_LENS
                    for k, picks in self.marks.items()
                    if n in picks and k in self.devices
                ]
                out.append({"total": len(who), "by_lens": {lens: who.count(lens) for lens in shown}})
            return out

    def pause(self, message: str) -> None:
        """Between questions (a note, the grid): devices wait and see the message."""
        with self.lock:
            self.phase = "waiting"
            self.message = message
            self.question = None
            self.votes = {}
            self.typed = {}
            self.tally = None
            self.version += 1

    def end(self, finish: dict[str, Any] | None = None, sheet: str | None = None) -> None:
        """The end: what pages show (`finish`) and the 'you said, we did' page (HTML) phones may open."""
        with self.lock:
            self.phase = "finished"
            self.question = None
            self.finish = finish
            self.sheet = sheet
            self.version += 1

    # -- what is kept and what pages see ---------------------------------------------------------
    def saved(self) -> dict[str, Any]:
        """What a resume file keeps: tokens, device hashes with lenses and numbers, the open question's
        votes. No addresses."""
        with self.lock:
            return {
                "join_token": self.join_token,
                "screen_token": self.screen_token,
                "devices": {key: dev.lens for key, dev in self.devices.items()},
                "numbers": {key: dev.number for key, dev in self.devices.items()},
                "open_votes": dict(self.votes) if self.phase == "voting" else {},
                "question": self.question.id if self.question and self.phase == "voting" else None,
            }

    def restore(self, saved: Mapping[str, Any]) -> dict[str, int | None]:
        """Take back what saved() kept (from a resume file, so anything odd is dropped, not trusted);
        returns the open question's votes for open() to restore."""
        with self.lock:
            for name in ("join_token", "screen_token"):
                token = saved.get(name)
                if isinstance(token, str) and 16 <= len(token) <= 200:  # never a weak token
                    setattr(self, name, token)
            devices = saved.get("devices")
            numbers = saved.get("numbers")
            numbers = numbers if isinstance(numbers, dict) else {}
            for key, lens in devices.items() if isinstance(devices, dict) else ():
                if isinstance(key, str) and len(self.devices) < self.max_devices:
                    number = numbers.get(key)
                    if type(number) is not int or number < 1:
                        number = self.numbered + 1
                    self.numbered = max(self.numbered, number)
                    self.devices[key] = Device(key, lens if lens in [*self.lenses, NO_LENS] else None, number=number)
            votes = saved.get("open_votes")
            return {
                k: v
                for k, v in (votes.items() if isinstance(votes, dict) else ())
                if k in self.devices and (v is None or (type(v) is int and 0 <= v < len(self.scale)))
            }

    def state_for(self, device_id: str | None) -> dict[str, Any]:
        """GET /api/state for one device."""
        with self.lock:
            dev = self.devices.get(device_key(device_id)) if device_id else None
            out = self._common()
            out["lens"] = dev.lens if dev else None
            out["number"] = dev.number if dev else None
            mine = self.votes.get(dev.key, None) if dev else None
            out["my_vote"] = mine
            out["voted"] = bool(dev and dev.key in self.votes)
            out["my_marks"] = self.marks.get(dev.key) if dev and self.phase == "marking" else None
            return out

    def screen(self) -> dict[str, Any]:
        """What the projector page shows: the same as a device sees, with the count of devices."""
        with self.lock:
            out = self._common()
            out["devices"] = len(self.devices)
            return out

    def _common(self) -> dict[str, Any]:
        q = self.question
        out: dict[str, Any] = {
            "phase": self.phase,
            "version": self.version,
            "message": self.message if self.phase == "waiting" else None,
            "question": None if q is None else {"id": q.id, "text": q.text, "plain": q.plain, "title": q.title},
            "scale": self.scale,
            "lenses": [*self.lenses, NO_LENS],
            "min_lens": self.min_lens,
            "count": self.voted() if self.phase == "voting" else len(self.marks) if self.phase == "marking" else None,
            "tally": None,
            "finish": self.finish if self.phase == "finished" else None,
            "sheet": self.phase == "finished" and self.sheet is not None,
            "drafts": list(self.drafts) if self.phase == "marking" else None,
            "max_marks": self.max_marks,
        }
        if self.phase == "revealed" and self.tally is not None:
            n = len(self.scale)
            out["count"] = len(self.tally.votes)
            out["tally"] = {
                "counts": self.tally.counts(self.tally.votes, n),
                "by_lens": {lens: self.tally.counts(v, n) for lens, v in self.tally.by_lens.items()},
                "medians": self.tally.medians(),
                "gap": self.tally.gap(),
                "hidden": self.tally.hidden,
            }
        return out
