"""A cache of parsed catalogue files, so look-ups need not import or run the YAML parser.

One JSON file per catalogue folder, under the user's cache folder, holds each file's parsed data with
the modification time, size and inode it had; a changed file is parsed again. The data is still
validated on every load: only parsing is skipped. Types survive the round trip exactly (a mapping with
number keys stays one), so a warm load never answers differently from a cold one. The file is read
once and written at most once per load (`flush`), not once per catalogue file; a cache file that
cannot be read is ignored and written anew. COPROTOOL_NO_CACHE=1 turns the cache off.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from pathlib import Path
from typing import Any

CACHE_VERSION = 2
_PAIRS = "\x00"  # the one key of an object that stands for a mapping whose keys are not all text
_MAX_FILE = 64 * 1024 * 1024  # a cache file is never larger than this; a larger one is not ours

Stamp = tuple[int, int, int]


def cache_dir() -> Path | None:
    if os.environ.get("COPROTOOL_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "coprotool"


def stamp_of(st: os.stat_result) -> Stamp:
    """What must not change for a cached parse to stay valid."""
    return (st.st_mtime_ns, st.st_size, st.st_ino)


class ParseCache:
    """Parsed data of the files in one folder, keyed by path, valid while each file's stamp matches."""

    def __init__(self, folder: Path):
        root = cache_dir()
        self.folder = str(folder.resolve())
        self.path = None if root is None else root / f"catalogue-{zlib.crc32(self.folder.encode()):08x}.json"
        self.entries: dict[str, Any] = {}
        self.changed = False
        if self.path is not None:
            self.entries = self._read(self.path)

    def _read(self, path: Path) -> dict[str, Any]:
        try:
            with open(path, "rb") as fh:
                raw = fh.read(_MAX_FILE + 1)
            doc = json.loads(raw) if len(raw) <= _MAX_FILE else None
            if isinstance(doc, dict) and doc.get("version") == CACHE_VERSION and doc.get("folder") == self.folder:
                files = doc.get("files")
                if isinstance(files, dict):
                    return files
        except (OSError, ValueError, RecursionError):
            pass
        return {}  # none yet, or broken: every file is parsed again and flush() writes it anew

    def get(self, path: Path, stamp: Stamp) -> Any | None:
        """The cached data of `path`, or None when there is none or it is stale."""
        entry = self.entries.get(str(path))
        try:
            if entry is None or entry[0] != list(stamp):
                return None
            return decode(entry[1])
        except (TypeError, KeyError, IndexError, ValueError, RecursionError):
            return None

    def put(self, path: Path, stamp: Stamp, data: Any) -> None:
        """Keep the parsed data of `path`, written by the next flush()."""
        if self.path is not None:
            self.entries[str(path)] = [list(stamp), encode(data)]
            self.changed = True

    def flush(self) -> None:
        """Write the cache file if anything changed; a failure only means no cache next time."""
        if self.path is None or not self.changed:
            return
        self.changed = False
        text = json.dumps({"version": CACHE_VERSION, "folder": self.folder, "files": self.entries})
        from .tidy import hold, tidy

        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tidy(self.path.parent, f".{self.path.name}.")  # a killed earlier flush's leftover
            with open(tmp, "w", encoding="utf-8") as fh:
                hold(fh)  # held while written, so a later tidy knows it is live
                fh.write(text)
                fh.flush()
                os.replace(tmp, self.path)  # readers see the old file or the new one, never half of one
        except OSError:
            self.path = None
            with contextlib.suppress(OSError):
                tmp.unlink()


def encode(data: Any) -> Any:
    """Parsed YAML as JSON without loss: a mapping whose keys are not all text becomes {_PAIRS: pairs}."""
    kind = type(data)
    if kind is dict:
        for key in data:
            if type(key) is not str or key == _PAIRS:
                return {_PAIRS: [[k, encode(v)] for k, v in data.items()]}
        return {k: encode(v) for k, v in data.items()}
    if kind is list:
        return [encode(v) for v in data]
    return data


def decode(data: Any) -> Any:
    """The inverse of encode."""
    if isinstance(data, dict):
        if len(data) == 1 and _PAIRS in data:
            return {k: decode(v) for k, v in data[_PAIRS]}
        return {k: decode(v) for k, v in data.items()}
    if isinstance(data, list):
        return [decode(v) for v in data]
    return data
