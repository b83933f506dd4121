"""Read YAML and JSON files safely: size-capped, UTF-8, no tags, no aliases, no duplicate keys, bounded depth."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .depth import MAX_DEPTH, check_json_depth, check_yaml_depth
from .errors import DataError
from .files import MAX_BYTES, read_capped


def read_text(path: Path, max_bytes: int = MAX_BYTES, regular_only: bool = False) -> str:
    """Read a UTF-8 text file of at most max_bytes (counted as read, whatever kind of file it is, or
    only a regular file with `regular_only`), turning every OS and decoding failure into a DataError."""
    raw = read_capped(path, max_bytes, regular_only)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(
            path,
            f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            fix="save it as UTF-8",
        ) from None


MAX_DIGITS = 4300  # longest whole number read (Python's own limit for turning text into a number)

_NO_TAGS = "remove the tag; coprotool reads plain data only"


def parse_yaml(text: str, path: Path | str) -> Any:
    """Parse one YAML document into plain data (dicts, lists, text, numbers, booleans, None).

    Nesting deeper than MAX_DEPTH is refused on the raw text before the parser sees it (so the sentence
    is ours whatever the parser does, and 50,000 `[` cost no more than a short file), and again, exactly,
    as the data is built. Built from the parser's events, without recursion and refusing as it goes: any
    tag (the standard `!!` ones too), anchors and aliases, a key given twice, a list or mapping used as a
    key, and numbers too long to read. Dates stay text: the fields that hold one check it.
    """
    import yaml

    check_yaml_depth(text, path)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        return _build(loader, path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise DataError(path, f"{line}{problem}", fix="fix the YAML syntax there") from None
    finally:
        loader.dispose()


def _build(loader: Any, path: Path | str) -> Any:
    import yaml
    from yaml.nodes import ScalarNode

    def fail(event: Any, problem: str, fix: str) -> DataError:
        return DataError(path, f"line {event.start_mark.line + 1}: {problem}", fix=fix)

    # Each open collection: [the dict or list, the pending key (dicts), the key's line].
    stack: list[list[Any]] = []
    result: Any = None
    documents = 0
    while True:
        event = loader.get_event()
        kind = type(event)
        if kind is yaml.StreamEndEvent:
            return result
        if kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise fail(event, "holds more than one YAML document (a second '---')", "keep one document per file")
            continue
        if kind in (yaml.StreamStartEvent, yaml.DocumentEndEvent):
            continue
        if kind is yaml.AliasEvent or getattr(event, "anchor", None) is not None:
            raise fail(event, "uses YAML anchors and aliases (& and *)", "write the data out in full")
        if getattr(event, "tag", None) is not None:
            tag = str(event.tag).replace("tag:yaml.org,2002:", "!!")
            raise fail(event, f"YAML tags such as '{tag}' are not allowed", _NO_TAGS)
        if kind is yaml.ScalarEvent:
            value: Any = _scalar(loader, event, ScalarNode, fail)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if len(stack) >= MAX_DEPTH:
                raise fail(
                    event,
                    f"lists and mappings nest more than {MAX_DEPTH} levels deep",
                    "check that this is the right file",
                )
            stack.append([{} if kind is yaml.MappingStartEvent else [], _NO_KEY, 0])
            continue
        else:  # the end of a mapping or sequence: it is now a value of the one around it
            value = stack.pop()[0]
        if not stack:
            result = value
            continue
        top = stack[-1]
        container = top[0]
        if isinstance(container, list):
            container.append(value)
        elif top[1] is _NO_KEY:
            if isinstance(value, (dict, list)):
                raise fail(event, "a key is a list or mapping", "keys must be plain text or numbers")
            if value in container:
                raise fail(event, f"the key '{value}' appears twice in the same mapping", "keep one of them")
            top[1] = value
        else:
            container[top[1]] = value
            top[1] = _NO_KEY


_NO_KEY = object()
_PLAIN_TYPES = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:timestamp",  # dates stay text
    "tag:yaml.org,2002:merge",  # '<<' is an ordinary key here
    "tag:yaml.org,2002:value",
}


def _scalar(loader: Any, event: Any, node_type: Any, fail: Any) -> Any:
    """A scalar's value: quoted is always text; plain is resolved like YAML 1.1 (null, bool, numbers)."""
    value = event.value
    if event.style or (value and value[0] not in loader.yaml_implicit_resolvers):
        return value  # quoted, a block scalar, or plain text no implicit type can start with
    tag = loader.resolve(node_type, value, (True, False))
    if tag in _PLAIN_TYPES:
        return event.value
    node = node_type(tag, event.value, event.start_mark, event.end_mark)
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return loader.construct_yaml_bool(node)
    if tag == "tag:yaml.org,2002:int":
        digits = sum(ch.isdigit() for ch in event.value)
        if digits > MAX_DIGITS:
            raise fail(
                event, f"a number has {digits:,} digits, more than the {MAX_DIGITS:,} coprotool reads", "shorten it"
            )
        return loader.construct_yaml_int(node)
    return loader.construct_yaml_float(node)


def parse_json(text: str, path: Path | str) -> Any:
    """Parse JSON into plain data, refusing nesting deeper than MAX_DEPTH (checked before parsing),
    a key given twice in one object, and numbers too long to read."""
    check_json_depth(text, path)

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                raise DataError(
                    path,
                    f"line {_json_key_line(text, key)}: the key '{key}' appears twice in the same object",
                    fix="keep one of them",
                )
            out[key] = value
        return out

    def whole(digits: str) -> int:
        if len(digits.lstrip("-")) > MAX_DIGITS:
            raise DataError(
                path, f"a number has {len(digits.lstrip('-')):,} digits, more than the {MAX_DIGITS:,} coprotool reads"
            )
        return int(digits)

    try:
        return json.loads(text, object_pairs_hook=pairs, parse_int=whole)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise DataError(path, f"{where}: {exc.msg}", fix="fix the JSON there") from None


def _json_key_line(text: str, key: str) -> int:
    """The line of the second place `key` is used as a key (where the repeat most likely is)."""
    import re

    spots = [m.start() for m in re.finditer(re.escape(json.dumps(key)) + r"\s*:", text)]
    spot = spots[1] if len(spots) > 1 else (spots[0] if spots else 0)
    return text.count("\n", 0, spot) + 1


def load_file(path: Path, regular_only: bool = False) -> Any:
    """Load a .json file as JSON and anything else as YAML (with `regular_only`, a regular file only:
    files.NotRegular for a FIFO or a device, which is never opened for reading)."""
    text = read_text(path, regular_only=regular_only)
    if not text.strip():
        raise DataError(path, "is empty", fix="fill it in, or give another file")
    if path.suffix.lower() == ".json":
        return parse_json(text, path)
    return parse_yaml(text, path)
