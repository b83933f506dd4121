"""Exceptions that carry one sentence a person can act on."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def excerpt(raw: object, limit: int = 40) -> str:
    """What the user typed, safe to print: control characters shown as '?', long text cut."""
    text = _CONTROL.sub("?", str(raw).strip())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class CoprotoolError(Exception):
    """Base class: str(err) is the whole message shown to the user."""

    exit_code = 1


class DataError(CoprotoolError):
    """A data file (catalogue, answers, resume) is missing, malformed or invalid."""

    def __init__(self, path: object, problem: str, field: str | None = None, fix: str | None = None) -> None:
        self.path = str(path)
        self.field = field
        self.problem = problem
        self.fix = fix
        where = f"{self.path}: field '{field}'" if field else self.path
        text = f"{where}: {problem}"
        if fix:
            text += f"; {fix}"
        super().__init__(text if text.endswith((".", "?", "!")) else text + ".")


class InputError(CoprotoolError):
    """Bad input from the command line or a prompt."""

    exit_code = 2


class NotFound(CoprotoolError):
    """A look-up found nothing; `suggestions` holds the closest names."""

    def __init__(self, message: str, suggestions: tuple[str, ...] = ()) -> None:
        self.suggestions = suggestions
        super().__init__(message)


class UnknownId(NotFound):
    """A model look-up by id (a principle, a depth, a grid cell) that names nothing in the catalogue."""

    def __init__(self, what: str, wanted: object, known: tuple[str, ...]) -> None:
        self.what = what
        self.wanted = wanted
        super().__init__(f"There is no {what} {excerpt(wanted)!r}; the known ones are: {', '.join(known)}.", known)
