"""Exceptions that carry one sentence a person can act on."""

from __future__ import annotations

from .i18n import N_, _
from .text import file_name, shown


def excerpt(raw: object, limit: int = 40) -> str:
    """What the user typed, for a message that quotes it: on one line, invisible characters shown as
    escapes (`\\u200b`), long text cut (see text.shown). Only ordinary spaces are trimmed: a value
    rejected for a trailing U+2028 must not look like one that is fine."""
    return shown(str(raw).strip(" \t\r\n"), limit)


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
        shown_path = file_name(self.path)
        where = _("%(file)s: field '%(field)s'") % {"file": shown_path, "field": field} if field else shown_path
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
        said = (
            _(_UNKNOWN[what]) if what in _UNKNOWN else f"There is no {what} %(wanted)s; the known ones are: %(known)s."
        )
        super().__init__(said % {"wanted": repr(excerpt(wanted)), "known": ", ".join(known)}, known)


# One whole sentence for each kind of id, so each language can word it (Welsh nouns differ in gender).
_UNKNOWN = {
    "principle": N_("There is no principle %(wanted)s; the known ones are: %(known)s."),
    "depth": N_("There is no depth %(wanted)s; the known ones are: %(known)s."),
    "grid cell": N_("There is no grid cell %(wanted)s; the known ones are: %(known)s."),
    "grid position": N_("There is no grid position %(wanted)s; the known ones are: %(known)s."),
    "scale value": N_("There is no scale value %(wanted)s; the known ones are: %(known)s."),
}
