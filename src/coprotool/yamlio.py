"""Read YAML and JSON files safely: size-capped, UTF-8, no tags, no aliases, no duplicate keys, bounded depth.

Every refusal names the file, the line where there is one, the problem and the fix, in the language in use
(i18n); the parser's own words (PyYAML's problem, the JSON decoder's message) stay as it gives them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .depth import MAX_DEPTH, check_json_depth, check_yaml_depth
from .errors import DataError
from .files import MAX_BYTES, read_capped
from .i18n import _


def read_text(path: Path, max_bytes: int = MAX_BYTES, regular_only: bool = False) -> str:
    """Read a UTF-8 text file of at most max_bytes (counted as read, whatever kind of file it is, or
    only a regular file with `regular_only`), turning every OS and decoding failure into a DataError."""
    raw = read_capped(path, max_bytes, regular_only)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        said = {"byte": f"0x{raw[exc.start]:02x}", "offset": exc.start}
        raise DataError(
            path, _("is not UTF-8 text (byte %(byte)s at offset %(offset)d)") % said, fix=_("save it as UTF-8")
        ) from None


MAX_DIGITS = 4300  # longest whole number read (Python's own limit for turning text into a number)


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
        problem = getattr(exc, "problem", None) or _("not valid YAML")
        if mark:
            said = {"line": mark.line + 1, "column": mark.column + 1, "problem": problem}
            problem = _("line %(line)d, column %(column)d: %(problem)s") % said
        raise DataError(path, problem, fix=_("fix the YAML syntax there")) from None
    finally:
        loader.dispose()


def _build(loader: Any, path: Path | str) -> Any:
    import yaml
    from yaml.nodes import ScalarNode

    def fail(event: Any, problem: str, fix: str) -> DataError:
        said = {"line": event.start_mark.line + 1, "problem": problem}
        return DataError(path, _("line %(line)d: %(problem)s") % said, fix=fix)

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
                raise fail(
                    event, _("holds more than one YAML document (a second '---')"), _("keep one document per file")
                )
            continue
        if kind in (yaml.StreamStartEvent, yaml.DocumentEndEvent):
            continue
        if kind is yaml.AliasEvent or getattr(event, "anchor", None) is not None:
            raise fail(event, _("uses YAML anchors and aliases (& and *)"), _("write the data out in full"))
        if getattr(event, "tag", None) is not None:
            tag = str(event.tag).replace("tag:yaml.org,2002:", "!!")
            said = {"tag": tag}
            raise fail(
                event,
                _("YAML tags such as '%(tag)s' are not allowed") % said,
                _("remove the tag; coprotool reads plain data only"),
            )
        if kind is yaml.ScalarEvent:
            value: Any = _scalar(loader, event, ScalarNode, fail)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if len(stack) >= MAX_DEPTH:
                raise fail(
                    event,
                    _("lists and mappings nest more than %(most)d levels deep") % {"most": MAX_DEPTH},
                    _("check that this is the right file"),
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
                raise fail(event, _("a key is a list or mapping"), _("keys must be plain text or numbers"))
            if value in container:
                said = {"key": value}
                raise fail(
                    event, _("the key '%(key)s' appears twice in the same mapping") % said, _("keep one of them")
                )
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
            raise fail(event, _too_long(digits), _("shorten it"))
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
                said = {"line": _json_key_line(text, key), "key": key}
                raise DataError(
                    path,
                    _("line %(line)d: the key '%(key)s' appears twice in the same object") % said,
                    fix=_("keep one of them"),
                )
            out[key] = value
        return out

    def whole(digits: str) -> int:
        if len(digits.lstrip("-")) > MAX_DIGITS:
            raise DataError(path, _too_long(len(digits.lstrip("-"))))
        return int(digits)

    try:
        return json.loads(text, object_pairs_hook=pairs, parse_int=whole)
    except json.JSONDecodeError as exc:
        said = {"line": exc.lineno, "column": exc.colno, "problem": exc.msg}
        raise DataError(
            path, _("line %(line)d, column %(column)d: %(problem)s") % said, fix=_("fix the JSON there")
        ) from None


def _too_long(digits: int) -> str:
    """A number with more digits than Python turns into a number, said with its count."""
    said = {"digits": f"{digits:,}", "most": f"{MAX_DIGITS:,}"}
    return _("a number has %(digits)s digits, more than the %(most)s coprotool reads") % said


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
        raise DataError(path, _("is empty"), fix=_("fill it in, or give another file"))
    if path.suffix.lower() == ".json":
        return parse_json(text, path)
    return parse_yaml(text, path)
