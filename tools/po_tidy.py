"""Rewrite a language's .po file in the form the repository keeps: entries sorted by message, no source
locations, lines wrapped at 120. Entries added by hand (at the end, say) land in their place, and a file
whose merge conflict was settled by keeping both sides comes out whole.

Run: python tools/po_tidy.py [LANG ...]   (default: cy)
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

LOCALE = Path(__file__).resolve().parent.parent / "src" / "coprotool" / "locale"


def tidy(lang: str) -> bool:
    """Rewrite `lang`'s catalogue in the kept form; True when it changed."""
    path = LOCALE / lang / "LC_MESSAGES" / "coprotool.po"
    before = path.read_bytes()
    catalog = read_po(io.BytesIO(before), locale=lang)
    out = io.BytesIO()
    write_po(out, catalog, sort_output=True, no_location=True, width=120)
    if out.getvalue() == before:
        return False
    path.write_bytes(out.getvalue())
    return True


if __name__ == "__main__":
    for lang in sys.argv[1:] or ["cy"]:
        print(f"{lang}: {'tidied' if tidy(lang) else 'already tidy'}")
