"""Writing output files atomically: a temporary file in the same folder, then a rename.

An interrupted or failed write leaves any old file whole. A target that exists but is not a regular
file (a terminal, /dev/null, a pipe) is written directly: it cannot be replaced by a rename.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from .errors import CoprotoolError


class AtomicWriter:
    """A context manager giving a text file that replaces `path` only if the block ends without error.

    Refuses an existing file unless force is set.
    """

    def __init__(self, path: Path | str, force: bool = False):
        self.path = Path(path)
        self.tmp: str | None = None
        folder = check_target(self.path, force)
        special = self.path.exists() and not stat.S_ISREG(self.path.stat().st_mode)
        try:
            if special:
                self.file = open(self.path, "w", encoding="utf-8", newline="")  # noqa: SIM115
            else:
                fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=folder)
                self.file = os.fdopen(fd, "w", encoding="utf-8", newline="")
        except OSError as exc:
            raise _error(self.path, exc) from None

    def __enter__(self):
        return self.file

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                self.file.flush()
                if self.tmp is not None:
                    os.fsync(self.file.fileno())
            self.file.close()
            if exc_type is None and self.tmp is not None:
                mode = self.path.stat().st_mode & 0o777 if self.path.exists() else 0o666 & ~_umask()
                os.chmod(self.tmp, mode)
                os.replace(self.tmp, self.path)
                self.tmp = None
        except OSError as err:
            raise _error(self.path, err) from None
        finally:
            if self.tmp is not None:
                _remove(self.tmp)
        return False


def check_target(path: Path, force: bool) -> Path:
    """Refuse a path that cannot or should not be written (no folder, a folder, an existing file without
    force); returns its folder. A terminal, /dev/null or a pipe may always be written."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CoprotoolError(
            f"Cannot write {path}: the folder {folder} does not exist; create it or choose another path."
        )
    if path.is_dir():
        raise CoprotoolError(f"Cannot write {path}: it is a folder; give a file name.")
    if path.exists() and not force and stat.S_ISREG(path.stat().st_mode):
        raise CoprotoolError(f"{path} already exists; choose another name or add --force to replace it.")
    return folder


def write_atomic(path: Path | str, text: str, force: bool = True) -> Path:
    """Write text to path atomically (see AtomicWriter)."""
    writer = AtomicWriter(path, force)
    with writer as fh:
        try:
            fh.write(text)
        except OSError as exc:
            raise _error(writer.path, exc) from None
    return writer.path


def _error(path: Path, exc: OSError) -> CoprotoolError:
    reason = exc.strerror or str(exc)
    return CoprotoolError(
        f"Cannot write {path}: {reason}; check the folder is writable and has space "
        "(any earlier file there is unchanged)."
    )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
