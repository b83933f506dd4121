"""i18n-check: for translators, every interface string a shipped language lacks or gets wrong."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from .. import i18n
from ..i18n import N_
from .common import Commands, TextJson, echo, echo_json, handle_errors
from .options import choice, format_option

commands = Commands()


class CheckLang(StrEnum):
    """What --lang checks: each shipped language but English (the source text itself), or all of them."""

    cy = "cy"
    all = "all"


@commands.command(
    "i18n-check",
    examples=[
        (N_("For translators: what the Welsh catalogue still lacks"), "coprotool i18n-check --lang cy"),
        (N_("The same, for a script"), "coprotool i18n-check --format json"),
    ],
    help=N_(
        "For translators: list every interface string a shipped language lacks or gets "
        "wrong.\n\n"
        "A string with no translation, one marked fuzzy (a guess), a plural short of the "
        "language's forms, or a translation that drops or invents a placeholder is listed, and "
        "the command exits 1; it exits 0 when every language checked is complete. The strings "
        "are found in coprotool's own code and page templates; the translations are in "
        "src/coprotool/locale/LANG/LC_MESSAGES/coprotool.po (see docs/development.md)."
    ),
)
@handle_errors
def i18n_check(
    lang: Annotated[
        CheckLang,
        choice(
            "--lang",
            values=CheckLang,
            help=N_("The language to check; all is each shipped one but English"),
            default="all",
        ),
    ] = CheckLang.all,
    fmt: Annotated[TextJson, format_option(TextJson)] = TextJson.text,
) -> None:
    from ..i18n_check import gaps  # Babel loads here only, never for another command

    langs = [code for code in i18n.LANGS if code != "en"] if lang == CheckLang.all else [lang.value]
    found = {code: gaps(code) for code in langs}
    if fmt == TextJson.json:
        echo_json(
            [
                {"lang": code, "where": g.where, "message": g.message, "problem": g.problem}
                for code, listed in found.items()
                for g in listed
            ]
        )
    else:
        for code, listed in found.items():
            name = f"{i18n.NAMES[code]} ({code})"  # type: ignore[index]  # a shipped language, from i18n.LANGS
            if not listed:
                echo(f"{name}: every interface string has a translation.")
                continue
            count = f"{len(listed)} problem{'' if len(listed) == 1 else 's'}"
            echo(f"{name}: {count}, each with the file and line where the string is used:")
            for gap in listed:
                echo(f"  {gap}")
    if any(found.values()):
        raise typer.Exit(1)
