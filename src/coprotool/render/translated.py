"""Jinja2 pages in Welsh, English, or both side by side: the gettext calls every page template uses.

Templates write `{{ _("English text") }}` and `{% trans %}...{% endtrans %}`; what they get is the current
language's text (i18n.current). In a page rendered for both languages each string comes back as the Welsh
and the English, each marked with its language so a screen reader speaks it right, Welsh first. In an
attribute, a template writes `{{ _("...")|striptags }}` to get "Cymraeg / English" as plain text.

Imported only where pages are made (the room and the report): it loads Jinja2's markup library.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .. import i18n

if TYPE_CHECKING:
    from jinja2 import Environment

_both: ContextVar[bool] = ContextVar("coprotool_both", default=False)
PAIR = Markup('<span lang="cy">{}</span><span class="sep" aria-hidden="true"> / </span><span lang="en">{}</span>')


@lru_cache(maxsize=1)
def package_environment() -> Environment:
    """The one Jinja2 environment for the package's own templates (report, compare, feedback, ballot):
    autoescaped, strict about undefined names, and translated."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("coprotool", "templates"),
        autoescape=select_autoescape(["html"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    install(env)
    return env


def install(env: Environment) -> None:
    """Give a Jinja2 environment the {% trans %} tag and the _()/gettext()/ngettext() calls."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals["pgettext"] = _pgettext


@contextmanager
def rendering(choice: str) -> Iterator[str]:
    """Render inside the block in one language ("cy", "en") or both ("both"); yields the page's lang code."""
    langs = i18n.order(choice)
    token = _both.set(len(langs) > 1)
    try:
        with i18n.using(langs[0]):
            yield langs[0]
    finally:
        _both.reset(token)


def _text(value: str) -> Markup:
    """Text made safe for an element's content (a lens name the facilitator typed may pass through _() too).
    Quotes are left as they are, so "group's" reads as written; in an attribute, templates add |striptags,
    which escapes them."""
    return Markup(html.escape(value, quote=False))


def _each(call: Any) -> Markup:
    if not _both.get():
        return _text(call())
    texts = []
    for lang in i18n.LANGS:
        with i18n.using(lang):
            texts.append(call())
    if texts[0] == texts[1]:  # a name or a number: once is enough
        return _text(texts[0])
    return PAIR.format(*map(_text, texts))


def _gettext(message: str) -> Markup:
    return _each(lambda: i18n.gettext(message))


def _ngettext(singular: str, plural: str, n: int) -> Markup:
    return _each(lambda: i18n.ngettext(singular, plural, n))


def _pgettext(context: str, message: str) -> Markup:
    return _each(lambda: i18n.pgettext(context, message))
