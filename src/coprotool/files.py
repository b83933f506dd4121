"""Writing files atomically: a temporary file in the same folder, then a rename."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import CoprotoolError


def write_atomic(path: Path | str, text: str, force: bool = True) -> Path:
    """Write text to path so that an interruption leaves any old file whole.

    With force=False an existing file is refused rather than overwritten.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CoprotoolError(f"Cannot write {path}: the folder {folder} does not exist; create it or choose another path.")
    if path.is_dir():
        raise CoprotoolError(f"Cannot write {path}: it is a folder; give a file name.")
    if path.exists() and not force:
        raise CoprotoolError(f"{path} already exists; choose another name or add --force to replace it.")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise CoprotoolError(f"Cannot write {path}: {exc.strerror or exc}; check the folder is writable and has space.") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class AtomicWriter:
    """A text file written in place of `path` only when closed without error (else removed).

    Use as a context manager; refuses an existing file unless force is set.
    """

    def __init__(self, path: Path | str, force: bool = False):
        self.path = Path(path)
        folder = self.path.parent if str(self.path.parent) else Path(".")
        if not folder.is_dir():
            raise CoprotoolError(f"Cannot write {self.path}: the folder {folder} does not exist; create it or "
                                 "choose another path.")
        if self.path.is_dir():
            raise CoprotoolError(f"Cannot write {self.path}: it is a folder; give a file name.")
        if self.path.exists() and not force:
            raise CoprotoolError(f"{self.path} already exists; choose another name or add --force to replace it.")
        try:
            fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise CoprotoolError(f"Cannot write {self.path}: {exc.strerror or exc}; check the folder is writable.") from None
        self.file = os.fdopen(fd, "w", encoding="utf-8", newline="")

    def __enter__(self):
        return self.file

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                self.file.flush()
                os.fsync(self.file.fileno())
            self.file.close()
            if exc_type is None:
                os.chmod(self.tmp, 0o666 & ~_umask())
                os.replace(self.tmp, self.path)
                return False
        except OSError as err:
            _remove(self.tmp)
            raise CoprotoolError(f"Cannot write {self.path}: {err.strerror or err}; check the folder is writable "
                                 "and has space.") from None
        _remove(self.tmp)
        return False


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
