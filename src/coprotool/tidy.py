"""Hidden leftovers of a run that was killed mid-write (kill -9, a power cut), removed once nobody holds them.

Every temporary file coprotool writes (`.NAME.xxxx.tmp`, renamed over NAME when complete) is held with an OS
lock while it is written, and so is every resume file's `.NAME.lock`. A process that dies loses its locks,
so a leftover nobody can lock any more belongs to no live process and can go. A leftover younger than
STALE_AFTER is left alone as well: a file is created a moment before its lock is taken.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import IO

STALE_AFTER = 60.0  # seconds


def hold(fh: IO[bytes] | IO[str] | int) -> None:
    """Take this process's lock on a temporary or lock file it has just made (no wait: nobody else has it)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        return
    with contextlib.suppress(OSError):
        fcntl.flock(fh if isinstance(fh, int) else fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def tidy(folder: Path, prefix: str = ".", suffixes: tuple[str, ...] = (".tmp",)) -> list[Path]:
    """Remove the hidden files in `folder` named `prefix`...`suffix` that no live process holds and that
    are older than STALE_AFTER; returns what was removed. Never fails: tidying is a courtesy."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX: no way to tell a live writer's file
        return []
    removed: list[Path] = []
    try:
        names = [e.name for e in os.scandir(folder) if e.name.startswith(prefix) and e.name.endswith(suffixes)]
    except OSError:
        return removed
    now = time.time()
    for name in names:
        if not name.startswith("."):
            continue  # only hidden files are ours to tidy
        path = folder / name
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            continue
        try:
            st = os.fstat(fd)
            if not _regular(st.st_mode) or now - st.st_mtime < STALE_AFTER:
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # a live process holds it
            with contextlib.suppress(OSError):
                if os.stat(path, follow_symlinks=False).st_ino == st.st_ino:  # still the file we locked
                    os.unlink(path)
                    removed.append(path)
        finally:
            os.close(fd)
    return removed


def _regular(mode: int) -> bool:
    import stat

    return stat.S_ISREG(mode)
