"""Reading input with a size cap, and writing output files atomically.

Reading: `read_capped` and `open_capped` count the bytes actually read, so a FIFO, /dev/zero or a
process substitution (whose size is 0) is stopped at the cap like a large file.

Writing: a temporary file in the same folder, then a rename, so an interrupted or failed write leaves
any old file whole. A rename only ever replaces a regular file (through a symbolic link, the file it
points to, and the link stays). What exists but is not a regular file is written in place only where
that is the point: a terminal, /dev/null, /dev/stdout, a pipe. Anything else (a disk, a socket, other
devices) is refused, with or without --force.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, BinaryIO, Literal

from .errors import CoprotoolError, DataError
from .i18n import _, ngettext
from .text import file_name

MAX_BYTES = 5 * 1024 * 1024  # the most coprotool reads from one answers or catalogue file

# Character devices that may be written in place: /dev/null, /dev/zero and /dev/full (major 1).
_HARMLESS_DEVICES = {(1, 3), (1, 5), (1, 7)}
_SPECIAL_ROOTS = ("/dev/", "/proc/")


def describe_size(limit: int) -> str:
    """A byte count in words: '5 MB', '128 KB', '100 bytes'."""
    if limit >= 1024 * 1024 and limit % (1024 * 1024) == 0:
        return f"{limit // (1024 * 1024)} MB"
    if limit >= 1024 and limit % 1024 == 0:
        return f"{limit // 1024} KB"
    return ngettext("%(num)d byte", "%(num)d bytes", limit) % {"num": limit}


def too_big(path: Path | str, limit: int) -> DataError:
    return DataError(
        path,
        _("is larger than the %(size)s coprotool reads") % {"size": describe_size(limit)},
        fix=_("check that this is the right file"),
    )


class NotRegular(DataError):
    """A file that had to be a regular file is a FIFO, a device, a socket or a folder."""


def open_capped(path: Path | str, limit: int = MAX_BYTES, regular_only: bool = False) -> BinaryIO:
    """Open any kind of file for binary reading; reading more than `limit` bytes raises a DataError.

    Opening failures (missing, a folder, no permission) are DataErrors too. With `regular_only`, anything
    but a regular file raises NotRegular, without waiting: a FIFO is opened without blocking and checked.
    """
    try:
        # open() without a context manager (SIM115): the file is handed to the caller, who closes it
        raw = _open_regular(path) if regular_only else open(path, "rb", buffering=0)  # noqa: SIM115
    except OSError as exc:
        raise _read_error(path, exc) from None
    return io.BufferedReader(_Capped(raw, limit, str(path)))


def _open_regular(path: Path | str) -> io.FileIO:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegular(
                path, _("is not a regular file (a pipe, a device or a folder)"), fix=_("remove it or move it")
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return io.FileIO(fd, "rb", closefd=True)
    except BaseException:
        os.close(fd)
        raise


def read_capped(path: Path | str, limit: int = MAX_BYTES, regular_only: bool = False) -> bytes:
    """The bytes of any kind of file (a FIFO, /dev/zero, a process substitution), at most `limit`;
    with `regular_only`, of a regular file only (see open_capped).

    Reads at most limit + 1 bytes; a longer file raises a DataError saying so.
    """
    with open_capped(path, limit, regular_only) as fh:
        try:
            return fh.read()
        except OSError as exc:
            raise _read_error(path, exc) from None


def read_rest_capped(stream: IO[bytes], limit: int, name: str) -> bytes:
    """The rest of a stream already open (standard input, a member of a zip), at most `limit` bytes
    counted as they are read; the stream is left open for its owner."""
    reader = _Capped(stream, limit, name, owns=False)
    parts: list[bytes] = []
    buffer = bytearray(1 << 20)
    while n := reader.readinto(buffer):
        parts.append(bytes(buffer[:n]))
    reader.close()
    return b"".join(parts)


class _Capped(io.RawIOBase):
    """A raw reader that counts the bytes it hands out and stops at the cap with a DataError."""

    def __init__(self, raw: io.RawIOBase | IO[bytes], limit: int, name: str, owns: bool = True):
        super().__init__()
        self.owns = owns  # close the stream under it when closed
        self.raw = raw
        self.limit = limit
        self.seen = 0
        self.label = name

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        # Ask for at most one byte past the cap: enough to know the file is too long.
        room = self.limit + 1 - self.seen
        view = memoryview(buffer)[: max(1, min(len(buffer), room))]
        data = self.raw.read(len(view))
        if not data:
            return 0
        view[: len(data)] = data
        self.seen += len(data)
        if self.seen > self.limit:
            raise too_big(self.label, self.limit)
        return len(data)

    def close(self) -> None:
        if not self.closed and self.owns:
            self.raw.close()
        super().close()


def _read_error(path: Path | str, exc: OSError) -> DataError:
    if isinstance(exc, FileNotFoundError):
        return DataError(path, _("does not exist"), fix=_("check the path"))
    if isinstance(exc, IsADirectoryError):
        return DataError(path, _("is a folder, not a file"), fix=_("give the path of a file"))
    if isinstance(exc, PermissionError):
        return DataError(path, _("cannot be read (permission denied)"))
    return DataError(path, _("cannot be read (%(reason)s)") % {"reason": exc.strerror or exc})


# -- writing -------------------------------------------------------------------------------------------
class Target:
    """Where an output goes: `path` as given, `real` the file a rename replaces, `in_place` when the
    target must be opened and written directly (a terminal, a pipe, /dev/null, /dev/stdout)."""

    __slots__ = ("exists", "folder", "in_place", "path", "real")

    def __init__(self, path: Path, real: Path, folder: Path, exists: bool, in_place: bool):
        self.path = path
        self.real = real
        self.folder = folder
        self.exists = exists
        self.in_place = in_place


def check_target(path: Path, force: bool) -> Path:
    """Refuse a path that cannot or should not be written (no folder, a folder, a device, an existing
    file without force); returns its folder."""
    return target(path, force).folder


def target(path: Path, force: bool) -> Target:
    """Decide how `path` is written, or raise a CoprotoolError saying why it is not."""
    try:
        link = os.lstat(path)
    except FileNotFoundError:
        link = None
    except OSError as exc:
        raise _write_error(path, exc) from None
    if link is None:
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise CoprotoolError(
                _("Cannot write %(file)s: the folder %(folder)s does not exist; create it or choose another path.")
                % {"file": file_name(path), "folder": file_name(folder)}
            )
        return Target(path, path, folder, exists=False, in_place=False)
    try:
        st = os.stat(path)
    except OSError:
        raise CoprotoolError(
            _("Cannot write %(file)s: it is a link to something that does not exist; give another path.")
            % {"file": file_name(path)}
        ) from None
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        raise CoprotoolError(_("Cannot write %(file)s: it is a folder; give a file name.") % {"file": file_name(path)})
    real = Path(os.path.realpath(path))
    special = (
        str(path.absolute()).startswith(_SPECIAL_ROOTS)
        or str(real).startswith(_SPECIAL_ROOTS)
        or _own_output(st)  # /dev/stdout redirected to a file: write there, never rename over it
    )
    if stat.S_ISREG(mode) and not special:
        if not force:
            raise CoprotoolError(
                _("%(file)s already exists; choose another name or add --force to replace it.")
                % {"file": file_name(path)}
            )
        return Target(path, real, real.parent, exists=True, in_place=False)
    if stat.S_ISREG(mode) or stat.S_ISFIFO(mode) or (stat.S_ISCHR(mode) and _writable_device(st)):
        return Target(path, real, real.parent, exists=True, in_place=True)
    if stat.S_ISBLK(mode) or stat.S_ISCHR(mode):
        said = _(
            "Cannot write %(file)s: it is a disk or other device; coprotool writes only to files, terminals, pipes "
            "and /dev/null (--force does not change this)."
        )
    else:
        said = _(
            "Cannot write %(file)s: it is not a regular file; coprotool writes only to files, terminals, pipes "
            "and /dev/null (--force does not change this)."
        )
    raise CoprotoolError(said % {"file": file_name(path)})


def _writable_device(st: os.stat_result) -> bool:
    """A character device that output may go to: /dev/null and friends, a terminal, or our own
    standard output or error (whatever device that is)."""
    if (os.major(st.st_rdev), os.minor(st.st_rdev)) in _HARMLESS_DEVICES:
        return True
    if os.major(st.st_rdev) in (4, 5, 136, 137, 138, 139, 140, 141, 142, 143):  # ttys, pseudo-terminals
        return True
    return _own_output(st)


def _own_output(st: os.stat_result) -> bool:
    """Whether `st` is the file our standard output or error goes to."""
    for fd in (1, 2):
        with contextlib.suppress(OSError):
            own = os.fstat(fd)
            if (own.st_dev, own.st_ino) == (st.st_dev, st.st_ino):
                return True
    return False


class AtomicWriter:
    """A context manager giving a text file that replaces `path` only if the block ends without error.

    Refuses an existing file unless force is set, and anything that is neither a file nor a place
    output is meant to go (see `target`).
    """

    def __init__(self, path: Path | str, force: bool = False, mode: int | None = None):
        self.path = Path(path)
        self.mode = mode  # the file's permissions; None: an existing file's, else the umask's
        self.tmp: str | None = None
        self.target = target(self.path, force)
        try:
            if self.target.in_place:
                # Appending: for our own redirected stdout, what was written before stays.
                self.file: IO[str] = open(self.path, "a", encoding="utf-8", newline="")  # noqa: SIM115
            else:
                from .tidy import hold, tidy

                prefix = f".{self.target.real.name}."
                tidy(self.target.folder, prefix)  # what a killed earlier write of this file left behind
                fd, self.tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=self.target.folder)
                hold(fd)  # held while written, so a later tidy knows it is live
                self.file = os.fdopen(fd, "w", encoding="utf-8", newline="")
        except OSError as exc:
            raise _write_error(self.path, exc) from None

    def __enter__(self) -> IO[str]:
        return self.file

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> Literal[False]:
        try:
            try:
                if exc_type is None:
                    self.file.flush()
                    if self.tmp is not None:
                        os.fsync(self.file.fileno())
            finally:
                self.file.close()  # also when the flush fails (a full disk): never leave it open
            if exc_type is None and self.tmp is not None:
                real = self.target.real
                mode = real.stat().st_mode & 0o777 if self.target.exists else 0o666 & ~_umask()
                os.chmod(self.tmp, mode if self.mode is None else self.mode)
                os.replace(self.tmp, real)
                self.tmp = None
        except OSError as err:
            raise _write_error(self.path, err) from None
        finally:
            if self.tmp is not None:
                _remove(self.tmp)
        return False


def write_atomic(path: Path | str, text: str, force: bool = True, mode: int | None = None) -> Path:
    """Write text to path atomically (see AtomicWriter); `mode` sets its permissions (0o600: the owner's only)."""
    writer = AtomicWriter(path, force, mode)
    with writer as fh:
        try:
            fh.write(text)
        except OSError as exc:
            raise _write_error(writer.path, exc) from None
    return writer.path


def _write_error(path: Path, exc: OSError) -> CoprotoolError:
    return CoprotoolError(
        _(
            "Cannot write %(file)s: %(reason)s; check the folder is writable and has space "
            "(any earlier file there is unchanged)."
        )
        % {"file": file_name(path), "reason": exc.strerror or str(exc)}
    )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


LOCK_WAIT = 10.0  # seconds a command waits for another to finish with a shared file


@contextlib.contextmanager
def locked(path: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold an OS lock on `path` (a lock file, created if need be) for the block: a second process waits
    for the first to finish its read-change-write, so neither loses the other's change. Where no OS
    lock can be taken (not POSIX) the block runs unlocked."""
    import time

    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    try:
        fh = open(path, "ab")  # noqa: SIM115 - closed below, after the lock is released
    except OSError as exc:
        raise _write_error(path, exc) from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError:
                if time.monotonic() > deadline:
                    seconds = round(wait)
                    said = ngettext(
                        "%(folder)s is busy: another coprotool command has held it for %(num)d second; "
                        "try again when it has finished.",
                        "%(folder)s is busy: another coprotool command has held it for %(num)d seconds; "
                        "try again when it has finished.",
                        seconds,
                    )
                    raise CoprotoolError(said % {"folder": path.parent, "num": seconds}) from None
                time.sleep(0.02)
        yield
    finally:
        fh.close()  # closing releases the lock
