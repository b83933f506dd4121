"""A small checked reader over parsed YAML: every error names the file, the field and the fix.

Each problem and fix is said in the language in use (i18n), as one clause with named placeholders: the
message reads "file: field 'x': problem; fix." in every language.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Literal, NoReturn, overload

from .errors import DataError, excerpt
from .i18n import N_, _, ngettext
from .wording import ENGLISH, VARIANTS, Text

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


_KINDS = {
    dict: N_("a mapping"),
    list: N_("a list"),
    str: N_("text"),
    bool: N_("true/false"),
    int: N_("a whole number"),
    float: N_("a number"),
    type(None): N_("empty"),
}
# What keys_among's callers say a key should be, so it can be said in each language.
_KEY_KINDS = {"a principle id": N_("a principle id")}


def _kind(value: Any) -> str:
    """What a value is, in words ("a list"), in the language in use."""
    kind = _KINDS.get(type(value))
    return _(kind) if kind else type(value).__name__


class Fields:
    """Reads the fields of one mapping, recording which were read so unknown ones can be reported."""

    def __init__(self, data: Any, path: str, where: str = "") -> None:
        self.path = path
        self.where = where
        if not isinstance(data, dict):
            self.fail(_("should be a mapping of fields, not %(kind)s") % {"kind": _kind(data)}, where or None)
        self.data: dict[Any, Any] = data  # YAML keys may be numbers
        self.read: set[str | int] = set()

    def at(self, key: str | int) -> str:
        if isinstance(key, int):
            return f"{self.where}[{key}]"
        return f"{self.where}.{key}" if self.where else key

    def fail(self, problem: str, field: str | None, fix: str | None = None) -> NoReturn:
        raise DataError(self.path, problem, field=field, fix=fix)

    def raw(self, key: str | int, required: bool = True) -> Any:
        self.read.add(key)
        if key not in self.data or self.data[key] is None:
            if required:
                self.fail(_("is missing"), self.at(key), fix=_("add a '%(key)s' field") % {"key": key})
            return None
        return self.data[key]

    # A required field is never None (a missing one fails), so each reader is typed twice: with
    # required=True (the default) it returns the value, with a plain bool it may return None.
    @overload
    def text(self, key: str | int, required: Literal[True] = ...) -> str: ...
    @overload
    def text(self, key: str | int, required: bool) -> str | None: ...
    def text(self, key: str | int, required: bool = True) -> str | None:
        value = self.raw(key, required)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(_non_empty(value), self.at(key))
        return value.strip()

    @overload
    def wording(self, key: str | int, required: Literal[True] = ..., need: tuple[str, ...] = ...) -> Text: ...
    @overload
    def wording(self, key: str | int, required: bool, need: tuple[str, ...] = ...) -> Text | None: ...
    def wording(self, key: str | int, required: bool = True, need: tuple[str, ...] = ()) -> Text | None:
        """A text in one or more variants: a string (standard English) or a mapping such as
        {en: ..., en-easy: ..., cy: ...}; `need` lists the variants this catalogue must give."""
        value = self.raw(key, required)
        if value is None:
            return None
        where = self.at(key)
        if isinstance(value, str):
            value = {ENGLISH: value}
        elif not isinstance(value, dict):
            said = {"kind": _kind(value)}
            self.fail(_("should be text, or a mapping of wordings by variant, not %(kind)s") % said, where)
        out: dict[str, str] = {}
        for variant, wording in value.items():
            if variant not in VARIANTS:
                shown = excerpt(variant)
                said = {"variant": repr(shown)}
                self.fail(
                    _("names the variant %(variant)s") % said,
                    f"{where}.{variant}",
                    _allowed_fix(str(variant), VARIANTS),
                )
            if not isinstance(wording, str) or not wording.strip():
                self.fail(_non_empty(wording), f"{where}.{variant}")
            out[variant] = wording.strip()
        for variant in need:
            if variant not in out:
                said = {"variant": repr(variant)}
                if variant == ENGLISH:
                    fix = _("add its standard English under 'en:'")
                else:
                    fix = _("add its %(variant)s wording under '%(key)s:'") % {**said, "key": variant}
                self.fail(_("has no %(variant)s wording") % said, where, fix=fix)
        if ENGLISH not in out:
            self.fail(_("has no standard English wording"), where, fix=_("add its standard English under 'en:'"))
        return Text(out)

    @overload
    def integer(self, key: str, lo: int | None = ..., hi: int | None = ..., required: Literal[True] = ...) -> int: ...
    @overload
    def integer(self, key: str, lo: int | None = ..., hi: int | None = ..., *, required: bool) -> int | None: ...
    def integer(self, key: str, lo: int | None = None, hi: int | None = None, required: bool = True) -> int | None:
        value = self.raw(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            said = {"kind": _kind(value), "value": repr(value)}
            self.fail(_("should be a whole number, not %(kind)s (%(value)s)") % said, self.at(key))
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            bounds = {"value": value, "lo": lo, "hi": hi}
            self.fail(
                _("is %(value)s, outside the range %(lo)s to %(hi)s") % bounds,
                self.at(key),
                fix=_("use a whole number from %(lo)s to %(hi)s") % bounds,
            )
        return value

    @overload
    def choice(self, key: str, allowed: tuple[str, ...], required: Literal[True] = ...) -> str: ...
    @overload
    def choice(self, key: str, allowed: tuple[str, ...], required: bool) -> str | None: ...
    def choice(self, key: str, allowed: tuple[str, ...], required: bool = True) -> str | None:
        value = self.raw(key, required)
        if value is None:
            return None
        if value not in allowed:
            shown = excerpt(value)
            self.fail(_not_known(shown), self.at(key), fix=_allowed_fix(str(value), allowed))
        return str(value)

    def date(self, key: str, required: bool = True) -> str | None:
        """A calendar date written YYYY-MM-DD (ISO 8601), checked to exist; returned as that text."""
        value = self.raw(key, required)
        if value is None:
            return None
        if isinstance(value, _dt.date):  # a parser that makes dates (yamlio keeps them as text)
            value = value.isoformat()[:10]
        if not isinstance(value, str) or not _ISO_DATE.match(value.strip()):
            said = {"value": repr(excerpt(value))}
            self.fail(
                _("is %(value)s, not a date written YYYY-MM-DD") % said, self.at(key), fix=_("write it like 2026-10-01")
            )
        value = value.strip()
        try:
            _dt.date.fromisoformat(value)
        except ValueError:
            said = {"value": value}
            self.fail(
                _("is %(value)s, a day that does not exist") % said, self.at(key), fix=_("check the month and the day")
            )
        return value

    def colour(self, key: str) -> str:
        value = self.text(key)
        if not _HEX.match(value):
            self.fail(
                _("is %(value)s, not a colour") % {"value": repr(value)}, self.at(key), fix=_("write it as #RRGGBB")
            )
        return value

    def items(self, key: str, required: bool = True, min_items: int = 0) -> list[Any]:
        value = self.raw(key, required)
        if value is None:
            value = []
        if not isinstance(value, list):
            self.fail(_("should be a list, not %(kind)s") % {"kind": _kind(value)}, self.at(key))
        if len(value) < min_items:
            said = {"num": len(value), "least": min_items}
            self.fail(
                ngettext(
                    "has %(num)d entry, fewer than %(least)d", "has %(num)d entries, fewer than %(least)d", len(value)
                )
                % said,
                self.at(key),
            )
        items: list[Any] = value
        return items

    def texts(self, key: str, required: bool = False, allowed: tuple[str, ...] | None = None) -> tuple[str, ...]:
        out: list[str] = []
        for i, value in enumerate(self.items(key, required)):
            where = f"{self.at(key)}[{i}]"
            if not isinstance(value, str) or not value.strip():
                self.fail(_non_empty(value), where)
            if allowed is not None and value not in allowed:
                self.fail(_not_known(value), where, fix=_allowed_fix(value, allowed))
            out.append(value.strip())
        return tuple(out)

    @overload
    def mapping(self, key: str, required: Literal[True] = ...) -> Fields: ...
    @overload
    def mapping(self, key: str, required: bool) -> Fields | None: ...
    def mapping(self, key: str, required: bool = True) -> Fields | None:
        value = self.raw(key, required)
        if value is None:
            return None
        return Fields(value, self.path, self.at(key))

    def records(self, key: str, required: bool = True, min_items: int = 0) -> list[Fields]:
        items = self.items(key, required, min_items)
        return [Fields(v, self.path, f"{self.at(key)}[{i}]") for i, v in enumerate(items)]

    def keys_among(self, allowed: tuple[str, ...], what: str) -> None:
        """Fail on the first key of this mapping that is not one of `allowed` (e.g. principle ids)."""
        for key in self.data:
            if key not in allowed:
                said = {"what": _(_KEY_KINDS.get(what, what)), "allowed": ", ".join(allowed)}
                self.fail(_("is not %(what)s") % said, self.at(str(key)), fix=_("use %(allowed)s") % said)

    def done(self, shown: tuple[str, ...] | None = None) -> None:
        """Fail on the first field nobody read; `shown` limits the fields the message lists."""
        unknown = [k for k in self.data if k not in self.read]
        if unknown:
            key = unknown[0]
            known = ", ".join(shown or sorted(map(str, self.read)))  # keys may be numbers (levels: {0: ...})
            fix = _("remove it or correct its name (known: %(known)s)") % {"known": known}
            self.fail(_("is not a known field"), self.at(str(key)), fix=fix)


MAX_LISTED = 12  # allowed values listed in a message; longer lists are cut with a count of the rest


def _non_empty(value: Any) -> str:
    return _("should be non-empty text, not %(kind)s") % {"kind": _kind(value)}


def _not_known(value: Any) -> str:
    return _("is %(value)s, not one of the known values") % {"value": repr(value)}


def _allowed_fix(value: str, allowed: tuple[str, ...]) -> str:
    """A near match if there is one, else the allowed values (the first MAX_LISTED of them)."""
    import difflib

    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
    if close:
        return _("did you mean %(value)s?") % {"value": repr(close[0])}
    if len(allowed) <= MAX_LISTED:
        return _("use one of: %(allowed)s") % {"allowed": ", ".join(allowed)}
    more = len(allowed) - MAX_LISTED
    return ngettext(
        "use one of: %(allowed)s (and %(num)d more)", "use one of: %(allowed)s (and %(num)d more)", more
    ) % {"allowed": ", ".join(allowed[:MAX_LISTED]), "num": more}
