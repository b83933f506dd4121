"""A cheap text layout: wrapped paragraphs, hanging bullets and label columns in one Styled text.

Rich tables lay out every cell on every print; for the look-up path, wrapping with textwrap into a
single run of styled text is several times faster and gives the same 80-column page.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from .styled import Styled


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width`, broken only between words: never inside a word, nor at the hyphen of a
    slug (homeless-health-peer-advocacy), so each can be copied whole; a word longer than the width (a web
    address) stands alone on its line."""
    return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False, break_long_words=False)


class Doc:
    def __init__(self, width: int):
        self.width = max(30, width)
        self.text = Styled()

    def line(self, text: str = "", style: str = "") -> Doc:
        """One line; one too long for the width is wrapped, so plain output never overruns."""
        if len(text) >= self.width:
            return self.para(text, indent=0, style=style)
        self.text.append(text + "\n", style=style)
        return self

    def heading(self, title: str) -> Doc:
        self.text.append("\n")
        return self.line(title, "bold underline")

    def para(self, text: str, indent: int = 2, style: str = "") -> Doc:
        return self.hanging("", text, indent, style)

    def hanging(self, mark: str, text: str, indent: int = 2, style: str = "", mark_style: str = "") -> Doc:
        """A paragraph with `mark` in the margin and the text wrapped under itself."""
        lead = " " * indent + (mark + " " if mark else "")
        hang = " " * len(lead)
        lines = wrap(text, self.width - len(hang) - 1) or [""]
        for i, part in enumerate(lines):
            if i == 0 and mark:
                self.text.append(lead[: len(lead) - len(mark) - 1])
                self.text.append(mark, style=mark_style)
                self.text.append(" ")
            else:
                self.text.append(hang)
            self.text.append(part + "\n", style=style)
        return self

    def section(self, title: str, items: Iterable[str], mark: str = "•") -> Doc:
        """A heading and one hanging bullet per item; nothing at all when there are no items."""
        listed = list(items)
        if listed:
            self.heading(title)
            for item in listed:
                self.hanging(mark, item)
        return self

    def row(self, cells: list[tuple[str, str]], widths: list[int]) -> Doc:
        """Fixed-width columns of (text, style); the last column wraps under itself, or, when the
        terminal is too narrow for that, goes on the lines below."""
        used = sum(widths) + len(widths)
        last_text, last_style = cells[-1]
        narrow = self.width - used < 20
        if narrow:
            for (text, style), w in zip(cells[:-1], widths):
                self.text.append(text.ljust(w) + " ", style=style)
            self.text.rstrip().append("\n")
            return self.para(last_text, indent=4, style=last_style) if last_text.strip() else self
        rest = wrap(last_text, self.width - used - 1)
        for i, part in enumerate(rest or [""]):
            for (text, style), w in zip(cells[:-1], widths):
                self.text.append((text if i == 0 else "").ljust(w) + " ", style=style if i == 0 else "")
            self.text.append(part + "\n", style=last_style)
        return self

    def append(self, text: Styled) -> Doc:
        self.text.append_text(text)
        return self
