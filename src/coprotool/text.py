"""The one sanitiser for text shown on a terminal or written as plain text.

Text from files (answers, CSV cells and headers, a catalogue), file names and typed input may hold
terminal escape sequences (clear the screen, set the window title, spoof a link, write the clipboard,
hide text), bidi overrides that reorder what is shown, or invisible characters (zero-width, tag
characters, soft hyphens, fillers, line separators). `safe_text` removes escape sequences, removes the
invisible characters (or, for messages, shows them as `\\u200b`) and shows any other control character
as '?'. Newlines and tabs stay. `shown` puts a value or file name on one line for a message that quotes
it. The output helpers in cli/common.py apply `safe_text` to everything they print.
"""

from __future__ import annotations

import html
import re
from pathlib import PurePath

# An escape sequence, 7-bit or 8-bit: CSI (ESC [ or 0x9b) with its parameters; OSC, DCS, SOS, PM and
# APC strings up to their terminator (BEL, ESC \ or 0x9c); any other two-character escape. A string with
# no terminator loses only its introducer and first word: Rich drops a BEL from the text it is given, so
# `ESC ] 0 ; T BEL Bravo` can arrive as `ESC ] 0 ; T Bravo`, and the words after it must still be shown.
_STRING = r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])"
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    rf"|{_STRING}(?:[^\n\x07\x1b\x9c\x90\x98\x9d\x9e\x9f]*+(?:\x07|\x1b\\|\x9c)|\S*+)"
    r"|\x1b[ -/]*[0-~]?"
)
# Controls other than tab and newline, DEL, C1 controls, and lone surrogates (undecodable file names).
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff"
# Characters that show nothing, or move or break the text around them: the soft hyphen, the combining
# grapheme joiner, Hangul and Khmer fillers, Mongolian variation selectors, zero-width characters and
# bidi marks, line and paragraph separators, bidi embeddings, overrides and isolates, invisible
# operators, the byte order mark, interlinear annotations, and the Unicode format characters (Cf)
# elsewhere: Arabic and Syriac marks, musical and hieroglyph formatting, tag characters (U+E0000 block)
# and the supplementary variation selectors. Emoji variation selectors (U+FE00-FE0F) stay.
_INVISIBLES = (
    "\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e007f\U000e0100-\U000e01ef"
)
_CONTROL = re.compile(f"[{_CONTROLS}]")
_INVISIBLE = re.compile(f"[{_INVISIBLES}]")
_ANY = re.compile(f"[{_CONTROLS}{_INVISIBLES}]")
_BREAKS = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def safe_text(text: str, *, visible: bool = False) -> str:
    """`text` without escape sequences; other controls become '?'. Invisible characters are removed,
    or with `visible` shown as escapes (`\\u200b`), as a message that quotes a user's value needs."""
    if not _ANY.search(text):
        return text  # the usual case: nothing to do
    text = _SEQUENCE.sub("", text.replace("\r\n", "\n"))
    text = _INVISIBLE.sub(_escape if visible else "", text)
    return _CONTROL.sub("?", text)


def shown(value: object, limit: int | None = None) -> str:
    """A value or file name on one line, for a message that quotes it: line breaks and tabs shown as
    `\\n`, `\\r`, `\\t`, so nothing in it can start a line of its own; invisible characters shown as
    escapes (`\\u200b`); every other control character, ESC included, as '?', so no escape sequence can
    start and the rest of it shows as typed. Cut to `limit` characters with '…'."""
    text = str(value)
    if _ANY.search(text) or "\n" in text or "\t" in text:
        text = "".join(_BREAKS.get(ch, ch) for ch in text) if "\n" in text or "\r" in text or "\t" in text else text
        text = _CONTROL.sub("?", _INVISIBLE.sub(_escape, text))
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def file_name(path: str | PurePath) -> str:
    """A file or folder name for a message: on one line, with nothing hidden (see `shown`)."""
    return shown(path)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def escaped(text: str, *, json: bool = False) -> str:
    """`text` with every character safe_text would change written as a backslash escape, for JSON or a
    double-quoted YAML string: exact for a reader, safe on a terminal. JSON writes a character beyond
    U+FFFF as two escapes (a surrogate pair), YAML as one `\\U` escape."""
    if is_safe(text):
        return text
    if json:
        return _ANY.sub(lambda m: "".join(f"\\u{unit:04x}" for unit in _utf16(m.group())), text)
    return _ANY.sub(_escape, text)


def _utf16(ch: str) -> tuple[int, ...]:
    data = ch.encode("utf-16-be", "surrogatepass")
    return tuple(int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2))


def is_safe(text: str) -> bool:
    """Whether `text` is already safe to show (nothing safe_text would change)."""
    return not _ANY.search(text)


_XML_INVALID = re.compile(r"[\ufffe\uffff]")  # the controls and lone surrogates safe_text already replaces


def xml_text(text: object) -> str:
    """`text` for XML or HTML content and attribute values (SVG titles, labels): escaped, and without
    anything that would make the file not well-formed XML or harm a terminal it is printed to."""
    return html.escape(_XML_INVALID.sub("", safe_text(str(text))), quote=True)
