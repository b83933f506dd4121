"""Resume files: an unfinished run written after every answer, by one process at a time.

A new run's file goes to the current folder, else to the data folder's `unfinished` folder, else to the
temporary folder; a new name never replaces a file that exists. While a run is going, a lock (an OS
lock on a hidden file beside the resume file) keeps a second `assess --resume` of the same file out.
A file read with --resume is written back in place, in the format it was read in.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import tempfile
from pathlib import Path
from typing import IO

from .errors import CoprotoolError
from .results import data_home, slug, write_new
from .text import file_name

PREFIX = "coprotool-resume-"
MODE = 0o600  # the owner's only: a room's resume file holds its join and projector tokens


class InUse(CoprotoolError):
    """The resume file is being written by another running assessment."""


def unfinished_dir() -> Path:
    return data_home() / "unfinished"


def folders() -> list[Path]:
    """Where a new resume file may go, in order of preference."""
    try:
        temporary = [Path(tempfile.gettempdir())]
    except OSError:  # "No usable temporary directory found": every candidate is full or read-only
        temporary = []
    return [Path("."), unfinished_dir(), *temporary]


def _lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def _lock(path: Path) -> IO[bytes] | None:
    """Take the lock for the resume file `path`: the open lock file, or None where no lock can be made
    (a read-only folder, or no OS locks). Raises InUse when another process holds it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        return None
    for _ in range(3):
        try:
            fh = open(_lock_path(path), "ab")  # noqa: SIM115 - held open for the run's lifetime
        except OSError:
            return None
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            raise InUse(
                f"{file_name(path)} is in use by another coprotool assess that is still running; "
                "finish or stop that one first."
            ) from None
        if _same_file(fh, _lock_path(path)):
            return fh
        fh.close()  # a tidy removed the stale lock file between our open and our lock: take the new one
    return None


def _same_file(fh: IO[bytes], path: Path) -> bool:
    try:
        return os.stat(path).st_ino == os.fstat(fh.fileno()).st_ino
    except OSError:
        return False


def in_use(path: Path) -> bool:
    """Whether another running assessment holds this resume file."""
    if not _lock_path(path).exists():
        return False
    try:
        fh = _lock(path)
    except InUse:
        return True
    _release(fh, path, remove=False)
    return False


def _release(fh: IO[bytes] | None, path: Path, remove: bool) -> None:
    if fh is None:
        return
    if remove:
        with contextlib.suppress(OSError):
            os.unlink(_lock_path(path))
    fh.close()


class ResumeFile:
    """The resume file of one run. `save` writes the run; `finish` removes it; `close` keeps it."""

    def __init__(self, path: Path | None = None, service: str | None = None) -> None:
        self.path = path  # None until a new run first has something to save
        self.service = service
        self.suffix = ".json" if path is not None and path.suffix.lower() == ".json" else ".yaml"
        self._lock: IO[bytes] | None = _lock(path) if path is not None else None
        self.failed: str | None = None  # why the last save did not reach a file

    @classmethod
    def resume(cls, path: Path) -> ResumeFile:
        """The file given to --resume, locked against a second run; raises InUse."""
        return cls(path)

    def save(self, data: dict[str, object]) -> Path | None:
        """Write the run atomically; on failure try the other folders under a new name. Returns where it is,
        or None if no folder could be written (then `failed` says why)."""
        from .assessment import dump
        from .files import write_atomic

        text = dump(data, f"x{self.suffix}")
        if self.path is not None:
            try:
                write_atomic(self.path, text, force=True, mode=MODE)
                self.failed = None
                return self.path
            except CoprotoolError as exc:
                self.failed = str(exc)
        stamp = f"{PREFIX}{slug(self.service or _service(data))}-{_dt.datetime.now():%Y%m%d-%H%M%S}"
        for folder in folders():
            if self.path is not None and folder.absolute() == self.path.parent.absolute():
                continue
            try:
                path = write_new(folder, stamp, self.suffix, text, mode=MODE)
            except (OSError, CoprotoolError) as exc:
                self.failed = f"Cannot write in {file_name(folder)}: {getattr(exc, 'strerror', None) or exc}"
                continue
            self._move_to(path)
            self.failed = None
            return path
        return None

    def _move_to(self, path: Path) -> None:
        old, old_lock = self.path, self._lock
        try:
            self._lock = _lock(path)
        except InUse:  # pragma: no cover - a name this process has just made is not locked by another
            self._lock = None
        self.path = path
        if old is not None and old_lock is not None:  # the stale copy is ours: tidy it
            with contextlib.suppress(OSError):
                old.unlink()
            _release(old_lock, old, remove=True)

    def finish(self) -> None:
        """The run is finished and its result kept: remove the resume file and its lock."""
        if self.path is not None:
            with contextlib.suppress(OSError):
                self.path.unlink()
        self.close(remove_lock=True)

    def close(self, remove_lock: bool = True) -> None:
        if self.path is not None:
            _release(self._lock, self.path, remove_lock)
        self._lock = None


def _service(data: dict[str, object]) -> str | None:
    service = data.get("service")
    return service if isinstance(service, str) else None


def find_unfinished() -> list[Path]:
    """Resume files in the current folder and the data folder that no running assessment holds (their
    hidden leftovers of a killed run, temporary and lock files that nobody holds, are tidied first)."""
    from .tidy import tidy

    tidy(Path("."), f".{PREFIX}", (".tmp", ".lock"))
    tidy(unfinished_dir(), ".", (".tmp", ".lock"))
    found: list[Path] = []
    for folder in (Path("."), unfinished_dir()):
        with contextlib.suppress(OSError):
            found += sorted(p for p in folder.glob(f"{PREFIX}*") if p.suffix.lower() in (".yaml", ".json"))
    return [p for p in found if p.is_file() and not in_use(p)]
