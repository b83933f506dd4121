"""The results folder: every finished assessment kept in the user's data folder, listed and found by service.

The folder is the platform's usual place for an application's data (platformdirs: on Linux
~/.local/share/coprotool, or under $XDG_DATA_HOME), so results outlive the folder a workshop ran in.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .catalogue import normalise
from .errors import CoprotoolError

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
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{stem}.", suffix=".tmp", dir=folder)
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
        raise CoprotoolError(f"Cannot write in {folder}: too many files named {stem}; tidy the folder.")
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def keep(text: str, service: str | None, date: str) -> Path:
    """Write a finished result (YAML) to the results folder under a new name; returns its path."""
    return write_new(results_dir(), f"{slug(service)}-{date}", ".yaml", text)


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


def list_results(folder: Path | None = None) -> list[SavedResult]:
    """The results kept in the folder, by service then date; files that cannot be read are left out."""
    from .errors import DataError
    from .yamlio import load_file

    folder = folder or results_dir()
    found = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        try:
            data = load_file(path)
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
    return sorted(found, key=lambda r: (normalise(r.service or ""), r.date, r.path.name))


def for_service(service: str, folder: Path | None = None) -> list[SavedResult]:
    """The kept results of one service (names compared ignoring case and punctuation), oldest first."""
    wanted = normalise(service)
    return [r for r in list_results(folder) if normalise(r.service or "") == wanted]
