"""Styled text without Rich: runs of (text, style), turned into a Rich Text only when colour is shown.

Plain output (piped, NO_COLOR, TERM=dumb) is written straight from `plain`, so the look-up path does not
import Rich at all there; a terminal gets the same runs in colour through `__rich__`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text


class Styled:
    __slots__ = ("runs",)

    def __init__(self, text: str = "", style: str = ""):
        self.runs: list[tuple[str, str]] = [(text, style)] if text else []

    def append(self, text: str, style: str = "") -> Styled:
        if text:
            self.runs.append((text, style or ""))
        return self

    def append_text(self, other: Styled) -> Styled:
        self.runs.extend(other.runs)
        return self

    def rstrip(self) -> Styled:
        """Drop trailing spaces (not newlines) from the end."""
        while self.runs:
            text, style = self.runs[-1]
            stripped = text.rstrip(" ")
            if stripped:
                self.runs[-1] = (stripped, style)
                break
            self.runs.pop()
        return self

    @property
    def plain(self) -> str:
        return "".join(text for text, _ in self.runs)

    def __str__(self) -> str:
        return self.plain

    def __rich__(self) -> Text:
        from rich.text import Text

        from ..text import safe_text

        out = Text()
        for text, style in self.runs:  # sanitised before Rich sees it: Rich drops a BEL, which can end a sequence
            out.append(safe_text(text), style=style or None)
        return out
