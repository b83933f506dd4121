"""Showing a result to people: the summary screen first, the full detail on a key press.

On a terminal (output and input both a terminal) the summary fits one 80x24 screen and the detail
follows when someone presses Enter; piped, or with `--full`, everything is printed at once.
"""

from __future__ import annotations

import functools
import sys
from typing import TYPE_CHECKING

from .common import console, print_styled

if TYPE_CHECKING:
    from ..assessment import Result
    from ..catalogue import Catalogue


def interactive() -> bool:
    """Whether a person is at a terminal to press a key: both standard input and output are terminals."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def show_result(result: Result, cat: Catalogue, full: bool = False) -> None:
    """Print a result for people: summary first, then the detail (at once when piped or full)."""
    from .. import __version__, i18n
    from ..render.result import CONTINUE, detail, result_text, summary_screen
    from ..view import build_view, views_in

    if i18n.chosen() == "both":  # Welsh, then English, one after the other
        for lang, each in views_in(result, cat, "both", __version__):
            with i18n.using(lang):
                print_styled(functools.partial(result_text, each))
        return
    view = build_view(result, cat, __version__)
    if full or not interactive():
        print_styled(lambda width, unicode: result_text(view, width, unicode))
        return
    print_styled(lambda width, unicode: summary_screen(view, width, unicode))
    out = console()
    out.print(i18n.gettext(CONTINUE), style="dim", end=" ", markup=False, highlight=False)
    out.file.flush()
    try:
        reply = input()
    except EOFError:
        out.print()
        return
    if reply.strip().lower() in ("q", "quit"):
        return
    print_styled(lambda width, unicode: detail(view, width, unicode))
