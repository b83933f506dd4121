"""A cache of parsed catalogue files, so look-ups need not import or run the YAML parser.

One JSON file per catalogue folder under the user's cache folder holds each file's parsed data with
the size and modification time it had; a changed file is parsed again. The data is still validated
on every load: only parsing is skipped. COPROTOOL_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path
from typing import Any

CACHE_VERSION = 1


def cache_dir() -> Path | None:
    if os.environ.get("COPROTOOL_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "coprotool"


class ParseCache:
    """Parsed data of the files in one folder, keyed by name, valid while size and mtime match."""

    def __init__(self, folder: Path):
        root = cache_dir()
        self.path: Path | None = None
        self.entries: dict[str, list[Any]] = {}
        if root is None:
            return
        key = str(folder.resolve())
        self.path = root / f"catalogue-{zlib.crc32(key.encode()):08x}.json"
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("version") == CACHE_VERSION and data.get("folder") == key:
                self.entries = data["files"]
        except (OSError, ValueError, KeyError, AttributeError):
            self.entries = {}
        self.folder = key

    def get(self, path: Path, stamp: tuple[int, int]) -> Any:
        entry = self.entries.get(str(path))
        if entry and entry[0] == stamp[0] and entry[1] == stamp[1]:
            return entry[2]
        return None

    def put(self, path: Path, stamp: tuple[int, int], data: object) -> None:
        if self.path is None:
            return
        self.entries[str(path)] = [stamp[0], stamp[1], data]
        try:
            from .files import write_atomic

            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(
                self.path,
                json.dumps({"version": CACHE_VERSION, "folder": self.folder, "files": self.entries}, default=str),
            )
        except Exception:
            self.path = None
