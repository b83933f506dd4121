"""Which interface strings a shipped language lacks: every string the code and templates mark for translation,
found with Babel's extractor in the installed package, against that language's catalogue.

Used by the tests (and by anyone translating): a string with no Welsh, a Welsh plural short of its six forms,
or a translation that drops or invents a placeholder is listed, so Welsh is never the lesser language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import i18n

PACKAGE = Path(__file__).parent
# The same places babel.cfg names, relative to the package (the check also runs from the installed wheel).
METHODS = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
OPTIONS = {"**/templates/**.html": {"trim_blocks": "true", "lstrip_blocks": "true"}}
PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdfr]")


@dataclass(frozen=True)
class Gap:
    where: str  # file and line of the string's first use
    message: str
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message!r}: {self.problem}"


def source_strings() -> dict[str | tuple[str, str], str]:
    """Every marked string (a plural as (singular, plural)) with where it is first used."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    found: dict[str | tuple[str, str], str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        PACKAGE, METHODS, OPTIONS, keywords=DEFAULT_KEYWORDS
    ):
        key = message if isinstance(message, str) else (message[0], message[1])
        found.setdefault(key, f"{filename}:{lineno}")
    return found


def gaps(lang: str) -> list[Gap]:
    """What `lang`'s catalogue lacks or gets wrong, in the order the strings appear in the source."""
    from babel import Locale
    from babel.messages.pofile import read_po

    with i18n.po_path(lang).open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    # CLDR's plural categories (Welsh: zero, one, two, few, many, other). Not babel.messages.plurals, whose own
    # table gave Welsh five forms before Babel 2.13; the .po file's header is what gettext uses at run time.
    forms = len(Locale.parse(lang).plural_form.tags | {"other"})
    out: list[Gap] = []
    if catalog.num_plurals != forms:
        out.append(Gap(str(i18n.po_path(lang)), "Plural-Forms", f"has {catalog.num_plurals} forms; {lang} has {forms}"))
    for key, where in source_strings().items():
        singular = key if isinstance(key, str) else key[0]
        entry = catalog.get(singular)
        if entry is None or "fuzzy" in entry.flags:
            out.append(Gap(where, singular, "no translation" if entry is None else "only a guess (fuzzy)"))
            continue
        texts = [entry.string] if isinstance(entry.string, str) else list(entry.string or ())
        if isinstance(key, tuple) and len(texts) != forms:
            out.append(Gap(where, singular, f"{len(texts)} plural forms of {forms}"))
        if not all(texts):
            out.append(Gap(where, singular, "no translation" if not any(texts) else "a plural form is empty"))
            continue
        wanted = set(PLACEHOLDER.findall(" ".join([key] if isinstance(key, str) else key)))
        for text in texts:
            if set(PLACEHOLDER.findall(text)) != wanted:
                out.append(Gap(where, singular, f"placeholders {sorted(wanted)} are not kept in {text!r}"))
                break
    return out
