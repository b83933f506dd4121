"""The results folder: every finished assessment kept in the user's data folder, listed and found by service.

The folder is the platform's usual place for an application's data (platformdirs: on Linux
~/.local/share/coprotool, or under $XDG_DATA_HOME), so results outlive the folder a workshop ran in.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .catalogue import normalise
from .errors import CoprotoolError
from .i18n import N_, _, ngettext
from .text import file_name

APP = "coprotool"


def data_home() -> Path:
    """coprotool's folder in the user's data directory (not created here)."""
    from platformdirs import user_data_path  # imported only by the commands that keep or read results

    return user_data_path(APP, appauthor=False)


def results_dir() -> Path:
    return data_home() / "results"


def slug(service: str | None) -> str:
    """A file-name-safe form of a service name: 'Riverside Day Service' -> 'riverside-day-service'."""
    return re.sub(r"[^a-z0-9]+", "-", (service or "assessment").lower()).strip("-")[:40] or "assessment"


def write_new(folder: Path, stem: str, suffix: str, text: str, mode: int | None = None) -> Path:
    """Write text to a new file folder/stem+suffix (or stem-2, stem-3, ... when taken), never replacing one.

    The text is written in full to a temporary file first and then linked to its name, which fails if the
    name exists: a reader never sees half a file and nothing already there is replaced."""
    from .tidy import hold, tidy

    folder.mkdir(parents=True, exist_ok=True)
    tidy(folder, f".{stem}.")  # what a killed earlier write of this name left behind
    fd, tmp = tempfile.mkstemp(prefix=f".{stem}.", suffix=".tmp", dir=folder)
    hold(fd)  # held while written, so a later tidy knows it is live
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask() if mode is None else mode)
        for n in range(1, 1000):
            path = folder / f"{stem}{'' if n == 1 else f'-{n}'}{suffix}"
            try:
                os.link(tmp, path)
            except FileExistsError:
                continue
            return path
        said = _("Cannot write in %(folder)s: too many files named %(name)s; tidy the folder.")
        raise CoprotoolError(said % {"folder": file_name(folder), "name": stem})
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@dataclass(frozen=True)
class Kept:
    """Where a finished result was written; `refused` says why, when the results folder could not be."""

    path: Path
    refused: str | None = None


UNWRITABLE_FIX = N_("make it a folder you can write to, or finish with --save FILE")  # shown with _()


def keep(text: str, service: str | None, date: str, elsewhere: Sequence[Path] = ()) -> Kept:
    """Write a finished result (YAML) under a new name to the results folder or, when that folder cannot
    be written (read-only, or under a file), to the first of `elsewhere` that can be. Raises
    CoprotoolError, naming the results folder and the fix, when none can."""
    from .tidy import tidy

    stem = f"{slug(service)}-{date}"
    folder = results_dir()
    tidy(folder)  # the folder is coprotool's own: every leftover there is ours
    try:
        return Kept(write_new(folder, stem, ".yaml", text))
    except (OSError, CoprotoolError) as exc:
        said = _("the results folder %(folder)s cannot be written (%(reason)s)")
        refused = said % {"folder": file_name(folder), "reason": _reason(exc)}
    tried: list[str] = []
    for other in dict.fromkeys(p.absolute() for p in elsewhere):
        try:
            return Kept(write_new(other, stem, ".yaml", text), refused)
        except (OSError, CoprotoolError) as exc:
            tried.append(f"{file_name(other)} ({_reason(exc)})")
    if not tried:
        said = _("Cannot keep the result: %(refused)s; %(fix)s.")
        raise Unwritable(said % {"refused": refused, "fix": _(UNWRITABLE_FIX)}, refused)
    others = tried[0]
    for place in tried[1:]:
        others = _("%(first)s or %(second)s") % {"first": others, "second": place}
    said = _("Cannot keep the result: %(refused)s, nor could %(others)s; %(fix)s.")
    raise Unwritable(said % {"refused": refused, "others": others, "fix": _(UNWRITABLE_FIX)}, refused)


class Unwritable(CoprotoolError):
    """No folder could take a finished result; `refused` says why the results folder could not."""

    def __init__(self, message: str, refused: str) -> None:
        super().__init__(message)
        self.refused = refused


def _reason(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc)
    return (text[:1].lower() + text[1:]).rstrip(".")


@dataclass(frozen=True)
class SavedResult:
    service: str | None
    date: str
    depth: str | None
    path: Path

    def as_dict(self) -> dict[str, str | None]:
        return {"service": self.service, "date": self.date, "depth": self.depth, "path": str(self.path)}


def _text(value: object) -> str | None:
    if value is None:
        return None
    return str(value)


@dataclass(frozen=True)
class Listing:
    """The kept results, and the names in the folder that are not regular files (a FIFO, a device,
    a folder), skipped without being opened for reading."""

    results: list[SavedResult]
    skipped: list[Path]

    def skipped_note(self) -> str | None:
        """One sentence about what was skipped, or None."""
        if not self.skipped:
            return None
        names = ", ".join(file_name(p.name) for p in self.skipped[:5]) + (", ..." if len(self.skipped) > 5 else "")
        said = ngettext(
            "skipped %(num)d item in %(folder)s that is not a regular file (%(names)s); remove or move it.",
            "skipped %(num)d items in %(folder)s that are not a regular file (%(names)s); remove or move them.",
            len(self.skipped),
        )
        return said % {"num": len(self.skipped), "folder": file_name(self.skipped[0].parent), "names": names}


def list_results(folder: Path | None = None) -> Listing:
    """The results kept in the folder, by service then date; files that cannot be read are left out,
    and anything that is not a regular file is skipped (never opened for reading) and listed as such."""
    from .errors import DataError
    from .files import NotRegular
    from .yamlio import load_file

    folder = folder or results_dir()
    found = []
    skipped = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        try:
            data = load_file(path, regular_only=True)
        except NotRegular:
            skipped.append(path)
            continue
        except DataError:
            continue
        if not isinstance(data, dict):
            continue
        depth = data.get("depth")
        found.append(
            SavedResult(
                _text(data.get("service")), _text(data.get("date")) or "", _text(depth) if depth else None, path
            )
        )
    found.sort(key=lambda r: (normalise(r.service or ""), r.date, r.path.name))
    return Listing(found, skipped)


def for_service(service: str, folder: Path | None = None) -> Listing:
    """The kept results of one service (names compared ignoring case and punctuation), oldest first."""
    wanted = normalise(service)
    listing = list_results(folder)
    return Listing([r for r in listing.results if normalise(r.service or "") == wanted], listing.skipped)
