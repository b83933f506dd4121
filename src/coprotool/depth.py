"""How deeply lists and mappings nest, measured on the raw text before any parser sees it.

A parser may refuse deep nesting in its own words (libyaml does, at about 1,000 levels) or run out of
stack; checking the text first keeps the limit, and the sentence, ours whatever the parser does.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import DataError
from .i18n import N_, _

MAX_DEPTH = 50  # deepest nesting of lists and mappings read; real files use fewer than 10

_FIX = N_("check that this is the right file")  # translated where shown
# Each refusal whole, so each language can word it: YAML nests mappings, JSON objects.
_TOO_DEEP = {
    "mappings": N_("line %(line)d: lists and mappings nest more than %(most)d levels deep"),
    "objects": N_("line %(line)d: lists and objects nest more than %(most)d levels deep"),
}

# YAML, read a line at a time. Only what can open a level matters: indentation, the block indicators
# `- `, `? ` and `: ` at the start of a line, and `[` or `{` where a value starts. Quoted text, comments,
# block scalars (| and >) and the inside of plain text are skipped, so brackets in words do not count.
_COMPACT = re.compile(r"[-?:](?:[ \t]+|$)")
_SPECIAL = re.compile(r"[\[{'\"|>]")  # what can open a flow collection, a quoted scalar or a block scalar
_KEY = re.compile(r":(?:[ \t]|$)")
_SPACE = re.compile(r"[ \t]*")
_PLAIN_BLOCK = re.compile(r"[^:#]*")  # plain text in block context runs to a ':' or '#'
_PLAIN_FLOW = re.compile(r"[^:#,\[\]{}]*")  # and in a flow collection to an indicator too
_PROPERTY = re.compile(r"[^ \t,\[\]{}]*")  # a tag, anchor or alias
_DOUBLE_END = re.compile(r'(?:[^"\\]|\\.)*"')


def check_yaml_depth(text: str, path: Path | str) -> None:
    """Refuse YAML whose lists and mappings could nest more than MAX_DEPTH levels deep.

    The count is an upper bound (a line's indentation levels, its block indicators and the flow
    brackets open there), close to the real depth for any file a person writes. Cost is one pass.
    """
    if _quick_yaml_bound(text) <= MAX_DEPTH:
        return
    levels: list[tuple[int, bool]] = []  # each open block level: its indentation, and whether it is a list
    flow = 0  # open [ and { brackets
    base = 0  # the block depth where the open flow collection began
    quote = ""  # the quote of a quoted scalar still open at the end of the line before
    block_scalar = -1  # the indentation a block scalar's text is deeper than, or -1
    for number, line in enumerate(text.splitlines(), start=1):
        pos = 0
        node = True
        if quote:
            pos = _quote_end(line, 0, quote)
            if pos < 0:
                continue
            quote, node = "", False
        elif flow == 0:
            content = line.lstrip(" ")
            indent = len(line) - len(content)
            if block_scalar >= 0 and (not content.strip() or indent > block_scalar):
                continue
            block_scalar = -1
            if not content.strip() or content.startswith("#"):
                continue
            if content.startswith(("---", "...")) and content[3:4] in ("", " ", "\t"):
                levels.clear()
                pos = indent + 3
            else:
                pos = _open_block_levels(line, indent, levels)
            base = len(levels)
            if base > MAX_DEPTH:
                raise _too_deep(path, number, "mappings")
            if not _SPECIAL.search(line, pos):
                continue  # plain keys and text: nothing on the line can open a level or start a quote
        end = len(line)
        while pos < end:
            pos = _past(_SPACE, line, pos)
            if pos >= end:
                break
            ch = line[pos]
            if ch == "#" and (pos == 0 or line[pos - 1] in " \t"):
                break  # a comment
            if flow and ch in "]}":
                flow -= 1
                pos += 1
                node = False
            elif ch in "[{" and (node or flow):
                flow += 1
                pos += 1
                node = True
                if base + flow > MAX_DEPTH:
                    raise _too_deep(path, number, "mappings")
            elif (flow and ch == ",") or (
                ch == ":" and (pos + 1 >= end or line[pos + 1] in " \t,[]{}" or (flow and not node))
            ):
                pos += 1  # a value follows
                node = True
            elif node and ch in "'\"":
                pos = _quote_end(line, pos + 1, ch)
                if pos < 0:
                    quote = ch
                    break
                node = False
            elif node and ch in "!&*":
                pos = _past(_PROPERTY, line, pos + 1)
                node = ch != "*"
            elif node and not flow and ch in "|>":
                block_scalar = len(line) - len(line.lstrip(" "))
                break
            elif node and flow and ch in "?-" and line[pos + 1 : pos + 2] in ("", " ", "\t"):
                pos += 1
            else:  # plain text: skip to the next character that could matter
                plain = _PLAIN_FLOW if flow else _PLAIN_BLOCK
                pos = max(pos + 1, _past(plain, line, pos))
                node = False


def _past(pattern: re.Pattern[str], line: str, pos: int) -> int:
    """Where a run of `pattern` (which may be empty) starting at `pos` ends."""
    match = pattern.match(line, pos)
    return match.end() if match else pos


def _open_block_levels(line: str, indent: int, levels: list[tuple[int, bool]]) -> int:
    """Update the open block levels for a line starting at `indent`; return where its content starts.

    A level is closed by a line less indented, or by one as indented that is not part of it. A list may
    sit at the same indentation as the key it belongs to, so one indentation holds at most a mapping and
    a list. Each `- ` or `? ` after the first opens a level at its own column, and so does a key after them.
    """
    match = _COMPACT.match(line, indent)
    is_list = bool(match) and line[indent] == "-"
    while levels and levels[-1][0] > indent:
        levels.pop()
    if levels and levels[-1][0] == indent:
        if levels[-1][1] != is_list:
            if is_list:
                levels.append((indent, True))  # a list as the value of the key above
            else:
                levels.pop()  # the list ended; the mapping around it goes on, or a new one starts
                if not levels or levels[-1] != (indent, False):
                    levels.append((indent, False))
    else:
        levels.append((indent, is_list))
    pos = match.end() if match else indent
    while match and (more := _COMPACT.match(line, pos)):
        levels.append((pos, line[pos] == "-"))
        pos = more.end()
    if match and _KEY.search(line, pos):
        levels.append((pos, False))
    return pos


def _quick_yaml_bound(text: str) -> int:
    """A cheap bound on the depth of YAML: every bracket, the widest indentation, the most block indicators
    on one line. Nearly every real file is well under the limit by this count and needs nothing more."""
    brackets = text.count("[") + text.count("{")
    if brackets > MAX_DEPTH:
        return brackets
    # Block levels have distinct indentations but for a list under its key, so two for each column at most.
    widest = max((len(m.group()) for m in re.finditer(r"^[ \t]*(?:[-?:](?:[ \t]+|$))*", text, re.MULTILINE)), default=0)
    return brackets + 2 * widest + 3


def _quote_end(line: str, pos: int, quote: str) -> int:
    """Where a quoted scalar that is open at `pos` ends on this line (just past the quote), or -1."""
    if quote == '"':
        match = _DOUBLE_END.match(line, pos)
        return match.end() if match else -1
    while True:
        pos = line.find("'", pos)
        if pos < 0:
            return -1
        if line[pos + 1 : pos + 2] != "'":
            return pos + 1
        pos += 2  # '' is a quote inside the text


def check_json_depth(text: str, path: Path | str, limit: int = MAX_DEPTH) -> None:
    """Refuse JSON whose lists and objects nest more than `limit` levels deep (brackets in strings do not count)."""
    if text.count("[") + text.count("{") <= limit:
        return  # too few brackets to nest that deep
    depth = 0
    outside = re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', text)
    for match in re.finditer(r"[\[\]{}]", outside):
        depth += 1 if match.group() in "[{" else -1
        if depth > limit:
            line = outside.count("\n", 0, match.start()) + 1
            raise _too_deep(path, line, "objects", limit)


def _too_deep(path: Path | str, line: int, kinds: str, limit: int = MAX_DEPTH) -> DataError:
    return DataError(path, _(_TOO_DEEP[kinds]) % {"line": line, "most": limit}, fix=_(_FIX))
