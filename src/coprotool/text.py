"""The one sanitiser for text shown on a terminal or written as plain text.

Text from files (answers, CSV cells and headers, a catalogue), file names and typed input may hold
terminal escape sequences (clear the screen, set the window title, spoof a link, write the clipboard,
hide text), bidi overrides that reorder what is shown, or invisible characters. `safe_text` removes
escape sequences and invisible formatting characters and shows any other control character as '?'.
Newlines and tabs stay. The output helpers in cli/common.py apply it to everything they print.
"""

from __future__ import annotations

import html
import re

# An escape sequence, 7-bit or 8-bit: CSI (ESC [ or 0x9b) with its parameters; OSC, DCS, SOS, PM and
# APC strings up to their terminator (BEL, ESC \ or 0x9c), or to the end of the line when unterminated;
# any other two-character escape.
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\n]*?(?:\x07|\x1b\\|\x9c|(?=\n)|$)"
    r"|\x1b[ -/]*[0-~]?"
)
# Controls other than tab and newline, DEL, C1 controls, and lone surrogates (undecodable file names).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# Bidi controls (embeddings, overrides, isolates, marks) and zero-width or invisible characters.
_INVISIBLE = re.compile(r"[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]")
_ANY = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"
)


def safe_text(text: str) -> str:
    """`text` without escape sequences or invisible characters; other controls become '?'."""
    if not _ANY.search(text):
        return text  # the usual case: nothing to do
    text = _SEQUENCE.sub("", text.replace("\r\n", "\n"))
    text = _INVISIBLE.sub("", text)
    return _CONTROL.sub("?", text)


def is_safe(text: str) -> bool:
    """Whether `text` is already safe to show (nothing safe_text would change)."""
    return not _ANY.search(text)


_XML_INVALID = re.compile(r"[\ufffe\uffff]")  # the controls and lone surrogates safe_text already replaces


def xml_text(text: object) -> str:
    """`text` for XML or HTML content and attribute values (SVG titles, labels): escaped, and without
    anything that would make the file not well-formed XML or harm a terminal it is printed to."""
    return html.escape(_XML_INVALID.sub("", safe_text(str(text))), quote=True)
