"""Interface strings in English and Welsh, through gettext.

English is the source language, written in the code and templates. Welsh lives in
`locale/cy/LC_MESSAGES/coprotool.po` inside the package, managed with Babel (see babel.cfg and the README's
"Translating" section). The .po file is compiled in memory the first time Welsh is used, so a clean clone
and the installed wheel behave alike with no build step; English never loads Babel at all.

The language in use is a context variable: the terminal sets it once, the room's server sets it for each
page it renders, so two phones in two languages never see each other's words.
"""

from __future__ import annotations

import contextlib
import gettext as _gettext
import io
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Literal, TypeVar

Lang = Literal["cy", "en"]
LANGS: tuple[Lang, ...] = ("cy", "en")  # every language shipped; Welsh first, as the Welsh Language Standards ask
CHOICES = ("cy", "en", "both")  # what --lang takes: "both" is Welsh then English
NAMES: dict[Lang, str] = {"cy": "Cymraeg", "en": "English"}  # each language named in itself
DOMAIN = "coprotool"
LOCALE = Path(__file__).parent / "locale"

_current: ContextVar[Lang] = ContextVar("coprotool_lang", default="en")
_choice: ContextVar[str] = ContextVar("coprotool_lang_choice", default="en")  # --lang as given: cy, en or both


def order(choice: str) -> tuple[Lang, ...]:
    """The languages a --lang choice shows, in order: "both" is Welsh first."""
    if choice == "both":
        return LANGS
    if choice in LANGS:
        return (choice,)
    raise ValueError(f"unknown language {choice!r}: use one of {', '.join(CHOICES)}")


def offered(choice: str) -> tuple[Lang, ...]:
    """Every language, in the order a --lang choice offers them: the chosen one first ("both": Welsh)."""
    first = order(choice)[0]
    return (first, *(lang for lang in LANGS if lang != first))


def po_path(lang: str) -> Path:
    """Where a language's catalogue is kept in the source tree (and in the wheel)."""
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def translations(lang: str) -> _gettext.NullTranslations:
    """The catalogue for one language; English is the source text itself."""
    # --lang's StrEnum and its plain string are one language but two cache keys (lru_cache keys a str subclass
    # apart): with both in use the two-entry cache thrashed, compiling the Welsh .po again at every question of
    # a room (about 0.15 s each).
    return _compiled(str(lang))


@lru_cache(maxsize=len(LANGS))
def _compiled(lang: str) -> _gettext.NullTranslations:
    if lang == "en":
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path(lang).open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries are left out, so an unchecked guess is never shown
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


def current() -> Lang:
    """The language strings are translated into now."""
    return _current.get()


@contextlib.contextmanager
def using(lang: Lang) -> Iterator[None]:
    """Translate into `lang` inside the block (this thread or task only)."""
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


_View = TypeVar("_View")


def in_each(views: Sequence[tuple[str, _View]], render: Callable[[_View], str]) -> list[str]:
    """Each (language, view) pair rendered in its own language, in the order given (Welsh first for both)."""
    parts = []
    for lang, view in views:
        with using(lang):  # type: ignore[arg-type]  # a shipped language, from i18n.order
            parts.append(render(view))
    return parts


def built_in_each(choice: str, build: Callable[[], _View]) -> list[tuple[Lang, _View]]:
    """`build()` once in each language a --lang choice shows ("both": Welsh, then English), each run in its
    own language: the views of a page or sheet that shows them side by side."""
    out = []
    for lang in order(choice):
        with using(lang):
            out.append((lang, build()))
    return out


def set_language(lang: Lang) -> None:
    """Translate into `lang` from now on in this context (the terminal's choice, for the whole run)."""
    _current.set(lang)


def choose(choice: str) -> None:
    """A command's --lang for the whole run: words in its first language; pages and results also in the
    second when it is "both"."""
    _current.set(order(choice)[0])
    _choice.set(choice)


def chosen() -> str:
    """The run's --lang (cy, en or both)."""
    return _choice.get()


def gettext(message: str) -> str:
    """`message` in the current language."""
    if not message:
        return message  # gettext("") would be the catalogue's header
    return translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for `n` in the current language (Welsh has six: zero, one, two, few, many, other)."""
    return translations(_current.get()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` in the current language, told apart from the same English in another `context`."""
    return translations(_current.get()).pgettext(context, message)


def and_list(names: Sequence[str]) -> str:
    """Names joined as a list in the current language: "A, B and C"; in Welsh "A, B a C" with the "ac" a vowel
    asks for and the aspirate mutation "a" makes (a Chatalyddion, ac Asedau)."""
    if len(names) <= 1:
        return "".join(names)
    head, last = ", ".join(names[:-1]), names[-1]
    if _current.get() != "cy":
        return f"{head} and {last}"
    if last[:1].lower() in "aeiouwyâêîôûŵŷ":
        return f"{head} ac {last}"
    first, rest = last[:1], last[1:]
    if first in "CPTcpt" and rest[:1].lower() != "h":
        last = first + ("h" if first.islower() or rest[:1].islower() else "H") + rest
    return f"{head} a {last}"


class Said(str):
    """A sentence that goes both to a person and into a file a machine reads (a rejected row's reason: on
    standard error, and in the --rejects CSV). Its value is the English, so files are the same whatever the
    language; `here` is its wording in the language in use when it was made. Made with `said`, shown with
    `worded`."""

    __slots__ = ("here",)
    here: str


def said(build: Callable[[], str]) -> Said:
    """The sentence `build` makes, in English and in the language in use (built twice only when that is not
    English). Inside `build`, pass any earlier `Said` through `worded` so it takes the right language."""
    here = build()
    if _current.get() == "en":
        english = here
    else:
        with using("en"):
            english = build()
    out = Said(english)
    out.here = here
    return out


def worded(text: str) -> str:
    """A sentence for a person: a `Said` in the language in use, any other text as it is."""
    if not isinstance(text, Said):
        return text
    return str.__str__(text) if _current.get() == "en" else text.here


def N_(message: str) -> str:  # the gettext convention: marks a string for extraction only
    """Mark a string for translation where it is defined; translate it with gettext() where it is shown."""
    return message


_ = gettext
