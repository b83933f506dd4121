"""Wordings of one text: the standard English, plain English, Easy Read English and Welsh.

A text in the data (a question, a level description, a scale label, a depth word, a principle's name
and its meaning) is either a string, which is its standard English, or a mapping from variant to
wording. Every variant says the same thing with the same id, so answers pool by id whatever wording
the person read. A `Text` is a `str` (its standard English, so code that knows nothing of variants
keeps working) that also carries its other wordings; `text(item, variant)` picks one.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar
from types import MappingProxyType

ENGLISH = "en"
WELSH = "cy"
LANGUAGES: tuple[str, ...] = (ENGLISH, WELSH)
# Every variant a catalogue may give, in the order SCHEMA.md lists them.
VARIANTS: tuple[str, ...] = ("en", "en-plain", "en-easy", "cy", "cy-easy")
# Where a variant a text lacks is looked for next. A language never falls back to another
# language: a missing Welsh wording is an error in a catalogue that ships Welsh (see `required`).
FALLBACK: dict[str, tuple[str, ...]] = {
    "en": (),
    "en-plain": ("en",),
    "en-easy": ("en-plain", "en"),
    "cy": (),
    "cy-easy": ("cy",),
}
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "cy": "Cymraeg"}

# Easy Read for the whole run (assess --easy, report --easy), as i18n keeps the language: a context
# variable, so what the views are built from follows it without every call passing it along.
_easy: ContextVar[bool] = ContextVar("coprotool_easy", default=False)


def set_easy(on: bool) -> None:
    """Show the catalogue's Easy Read wordings from now on in this context."""
    _easy.set(on)


def easy_reading() -> bool:
    """Whether Easy Read wordings are asked for in this context."""
    return _easy.get()


def variant_for(lang: str = ENGLISH, *, easy: bool = False, plain: bool = False) -> str:
    """The variant for a language and a reading level: ('cy', easy=True) -> 'cy-easy'."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    if easy:
        return f"{lang}-easy"
    if plain and lang == ENGLISH:
        return "en-plain"
    return lang


def language_of(variant: str) -> str:
    """'cy-easy' -> 'cy'."""
    return variant.split("-", 1)[0]


class Text(str):
    """A text's standard English wording (the string itself) with all its wordings by variant."""

    variants: Mapping[str, str]

    def __new__(cls, variants: Mapping[str, str]) -> Text:
        self = super().__new__(cls, variants[ENGLISH])
        self.variants = MappingProxyType(dict(variants))
        return self

    def __reduce__(self) -> tuple[type[Text], tuple[dict[str, str]]]:
        return (Text, (dict(self.variants),))

    def get(self, variant: str) -> str:
        """The wording for `variant`, else the nearest it falls back to, else the standard English."""
        for v in (variant, *FALLBACK.get(variant, ())):
            if v in self.variants:
                return self.variants[v]
        return str(self.variants[ENGLISH])

    def has(self, variant: str) -> bool:
        """Whether this variant is given, or reached through its fallbacks within its language."""
        return any(v in self.variants for v in (variant, *FALLBACK.get(variant, ())))

    @property
    def all(self) -> tuple[str, ...]:
        """Every wording once, standard English first: for matching a survey header to its question."""
        return tuple(dict.fromkeys(self.variants[v] for v in VARIANTS if v in self.variants))


def text(item: str, variant: str = ENGLISH) -> str:
    """`item` in `variant`: a `Text` picks its wording, a plain string is English only."""
    return item.get(variant) if isinstance(item, Text) else item


def english(value: str) -> Text:
    """A text known only in standard English."""
    return value if isinstance(value, Text) else Text({ENGLISH: value})
