"""The room's state machine: devices, their lenses, the open question, blind votes, the reveal.

Pure: no I/O. The web app and the facilitator's terminal share one Room under its lock; every
method that reads or changes the state takes the lock itself.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ..scoring import NO_LENS

Phase = Literal["waiting", "voting", "revealed", "finished"]
TOKEN_BYTES = 16  # 128 random bits for join, screen and device tokens (at least 64 are required)
MAX_DEVICES = 200
RATE = 5.0  # requests a second a device may keep up (a page polls about once a second)
BURST = 30  # requests a device may make at once before the rate applies


def new_token() -> str:
    """An unguessable token: 128 random bits, URL-safe."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def device_key(device_id: str) -> str:
    """What is kept of a device's id in files: a hash, so a saved file cannot be used to vote as it."""
    return hashlib.sha256(device_id.encode()).hexdigest()[:24]


class RoomError(Exception):
    """A request the room refuses; `status` is the HTTP status, str() one sentence for the person."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Device:
    key: str  # device_key() of its id
    lens: str | None = None
    allowance: float = BURST
    stamp: float = 0.0


@dataclass(frozen=True)
class OpenQuestion:
    id: str
    text: str
    plain: str
    title: str  # e.g. "Assets, question 1 of 4": no internal id for people


@dataclass
class Tally:
    """The votes on one question after the reveal: all together and by lens."""

    votes: list[int]
    by_lens: dict[str, list[int]]

    def counts(self, values: Sequence[int], scale: int) -> list[int]:
        return [sum(1 for v in values if v == n) for n in range(scale)]


@dataclass
class Room:
    """One workshop's room. Devices join with the join token; the screen reads with its own token."""

    lenses: list[str]
    scale: list[dict[str, Any]]  # [{"value": 0, "label": "Not yet"}, ...]
    max_devices: int = MAX_DEVICES
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
    finish: dict[str, Any] | None = None  # what the screen shows at the end (levels, depth)
    version: int = 0  # changes at each facilitator's move, so pages know to show the new step
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    # -- devices --------------------------------------------------------------------------------
    def join(self, device_id: str | None) -> tuple[str, bool]:
        """The device's id (a new one unless it already belongs here) and whether it is new."""
        with self.lock:
            if device_id and device_key(device_id) in self.devices:
                return device_id, False
            if len(self.devices) >= self.max_devices:
                raise RoomError(429, "The room is full: no more devices can join.")
            new_id = new_token()
            key = device_key(new_id)
            self.devices[key] = Device(key, stamp=self.clock())
            return new_id, True

    def _known(self, device_id: str | None) -> Device:
        found = self.devices.get(device_key(device_id)) if device_id else None
        if found is None:
            raise RoomError(403, "This device has not joined: open the join address again.")
        return found

    def device(self, device_id: str | None) -> Device:
        """The device with this id; 403 if there is none. Each call spends one request of its allowance."""
        with self.lock:
            found = self._known(device_id)
            now = self.clock()
            found.allowance = min(self.burst, found.allowance + (now - found.stamp) * self.rate)
            found.stamp = now
            if found.allowance < 1:
                raise RoomError(429, "Too many requests from this device: wait a moment.")
            found.allowance -= 1
            return found

    def choose_lens(self, device_id: str | None, lens: object) -> None:
        """A device picks its lens once (a lens name, or 'Prefer not to say')."""
        with self.lock:
            dev = self._known(device_id)
            name = self._lens_name(lens)
            if dev.lens is not None and dev.lens != name:
                raise RoomError(409, f"This device has already chosen: {dev.lens}.")
            if dev.lens is None:
                dev.lens = name

    def _lens_name(self, lens: object) -> str:
        if not isinstance(lens, str):
            raise RoomError(400, "'lens' should be one of the lens names.")
        for name in [*self.lenses, NO_LENS]:
            if lens.strip().lower() == name.lower():
                return name
        raise RoomError(400, f"'lens' should be one of: {', '.join([*self.lenses, NO_LENS])}.")

    # -- votes ----------------------------------------------------------------------------------
    def vote(self, device_id: str | None, question: object, value: object, lens: object = None) -> None:
        """Record or replace a device's vote on the open question (None: skip)."""
        with self.lock:
            dev = self._known(device_id)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < len(self.scale)
            ):
                raise RoomError(400, f"'value' should be a whole number from 0 to {len(self.scale) - 1}, or null.")
            if not isinstance(question, str):
                raise RoomError(400, "'question' should be the id of the open question.")
            if lens is not None:
                name = self._lens_name(lens)
                if dev.lens is not None and dev.lens != name:
                    raise RoomError(409, f"This device has already chosen: {dev.lens}.")
            if self.phase != "voting" or self.question is None or question != self.question.id:
                raise RoomError(409, "That question is not open for votes.")
            if lens is not None and dev.lens is None:
                dev.lens = name
            self.votes[dev.key] = value

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
                if value is not None:
                    by_lens.setdefault(self.devices[key].lens or NO_LENS, []).append(value)
            for lens, values in self.typed.items():
                by_lens.setdefault(lens, []).extend(values)
            order = [*self.lenses, NO_LENS]
            ordered = {lens: sorted(by_lens[lens]) for lens in order if by_lens.get(lens)}
            self.tally = Tally([v for values in ordered.values() for v in values], ordered)
            self.phase = "revealed"
            self.version += 1
            return self.tally

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

    def end(self, finish: dict[str, Any] | None = None) -> None:
        with self.lock:
            self.phase = "finished"
            self.question = None
            self.finish = finish
            self.version += 1

    # -- what is kept and what pages see ---------------------------------------------------------
    def saved(self) -> dict[str, Any]:
        """What a resume file keeps: tokens, device hashes with lenses, the open question's votes. No IPs."""
        with self.lock:
            return {
                "join_token": self.join_token,
                "screen_token": self.screen_token,
                "devices": {key: dev.lens for key, dev in self.devices.items()},
                "open_votes": dict(self.votes) if self.phase == "voting" else {},
                "question": self.question.id if self.question and self.phase == "voting" else None,
            }

    def restore(self, saved: Mapping[str, Any]) -> dict[str, int | None]:
        """Take back what saved() kept (from a resume file, so anything odd is dropped, not trusted);
        returns the open question's votes for open() to restore."""
        with self.lock:
            for name in ("join_token", "screen_token"):
                token = saved.get(name)
                if isinstance(token, str) and len(token) >= 16:  # never a weak token
                    setattr(self, name, token)
            devices = saved.get("devices")
            for key, lens in devices.items() if isinstance(devices, dict) else ():
                if isinstance(key, str) and len(self.devices) < self.max_devices:
                    self.devices[key] = Device(key, lens if lens in [*self.lenses, NO_LENS] else None)
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
            mine = self.votes.get(dev.key, None) if dev else None
            out["my_vote"] = mine
            out["voted"] = bool(dev and dev.key in self.votes)
            return out

    def screen(self) -> dict[str, Any]:
        """What the projector page shows: the same as a device sees, with the count and the end."""
        with self.lock:
            out = self._common()
            out["devices"] = len(self.devices)
            out["finish"] = self.finish
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
            "count": self.voted() if self.phase == "voting" else None,
            "tally": None,
        }
        if self.phase == "revealed" and self.tally is not None:
            n = len(self.scale)
            out["count"] = len(self.tally.votes)
            out["tally"] = {
                "counts": self.tally.counts(self.tally.votes, n),
                "by_lens": {lens: self.tally.counts(v, n) for lens, v in self.tally.by_lens.items()},
            }
        return out
