"""Read YAML and JSON files safely: size-capped, UTF-8, no tags, no aliases."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

from .errors import DataError
from .files import MAX_BYTES, read_capped


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """Read a UTF-8 text file of at most max_bytes (counted as read, whatever kind of file it is),
    turning every OS and decoding failure into a DataError."""
    raw = read_capped(path, max_bytes)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(
            path,
            f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            fix="save it as UTF-8",
        ) from None


def _loader() -> type[yaml.SafeLoader]:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str, path: Path | str) -> Any:
    import yaml

    try:
        data = yaml.load(text, Loader=_loader())
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        line = f"line {mark.line + 1}: " if mark else ""
        raise DataError(
            path,
            f"{line}YAML tags such as '{_tag(exc)}' are not allowed",
            fix="remove the tag; coprotool reads plain data only",
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise DataError(path, f"{line}{problem}", fix="fix the YAML syntax there") from None
    _refuse_shared(data, path)
    return data


def _tag(exc: Exception) -> str:
    text = str(exc)
    start = text.find("tag '")
    if start >= 0:
        end = text.find("'", start + 5)
        return text[start + 5 : end].replace("tag:yaml.org,2002:", "!!")
    return "!tag"


def _refuse_shared(data: Any, path: Path | str) -> None:
    """Refuse YAML anchors/aliases: a shared object means an alias, and nested aliases can expand
    exponentially once walked (the 'billion laughs'). Walks each object once, so it stays fast."""
    seen: set[int] = set()
    stack = [data]
    while stack:
        obj = stack.pop()
        if isinstance(obj, (dict, list)):
            if id(obj) in seen:
                raise DataError(path, "uses YAML anchors and aliases (& and *)", fix="write the data out in full")
            seen.add(id(obj))
            stack.extend(obj.values() if isinstance(obj, dict) else obj)


def load_file(path: Path) -> Any:
    """Load a .json file as JSON and anything else as YAML."""
    text = read_text(path)
    if not text.strip():
        raise DataError(path, "is empty", fix="fill it in, or give another file")
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            where = f"line {exc.lineno}, column {exc.colno}"
            raise DataError(path, f"{where}: {exc.msg}", fix="fix the JSON there") from None
    return parse_yaml(text, path)
