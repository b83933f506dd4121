"""The coprotool command line: commands are grouped by theme in the modules beside this one.

`main` builds an app holding only the command it is asked to run, so start-up stays light; the
module attribute `app` (used by tests and by `--help`) holds them all.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Mapping
from typing import Annotated

import typer

from .. import __version__
from ..i18n import N_

HELP = N_(
    "See how far a health or social care service practises co-production, and what to do next.\n\n"
    "Built on the People Powered Health Co-production Catalogue (Nesta, nef and Innovation Unit, 2012).\n\n"
    "Each command's --help ends with examples; the files they name (riverside.yaml, survey.csv) are in the "
    "examples folder of coprotool's source."
)
# Command name -> the module that defines it; the order of first appearance is the order in --help.
MODULES = {
    "assess": "assess",
    "template": "assess",
    "score": "score",
    "report": "report",
    "compare": "report",
    "ballot": "ballot",
    "results": "results",
    "actions": "actions",
    "feedback": "actions",
    "show": "lookup",
    "list": "lookup",
    "principles": "lookup",
    "questions": "lookup",
    "resources": "lookup",
    "ladder": "lookup",
    "i18n-check": "translations",
}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"coprotool {__version__}")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help=N_("Show the version and exit.")),
    ] = None,
) -> None:
    """See how far a health or social care service practises co-production, and what to do next."""


EXAMPLES = [
    (
        N_("Score a workshop's answers file (made with 'coprotool template')"),
        "coprotool assess --answers riverside.yaml",
    ),
    (N_("Read one of the catalogue's case studies"), "coprotool show shared-lives"),
]


def build_app(command: str | None = None) -> typer.Typer:
    """The Typer app with the module of `command` (or, for None or an unknown name, every command)."""
    from .options import Group, examples_epilog

    app = typer.Typer(
        name="coprotool",
        cls=Group,
        help=HELP,
        epilog=examples_epilog(EXAMPLES),
        no_args_is_help=True,
        add_completion=True,  # --install-completion and --show-completion for bash, zsh, fish, PowerShell
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_root)
    wanted = [MODULES[command]] if command in MODULES else list(dict.fromkeys(MODULES.values()))
    for name in wanted:
        importlib.import_module(f"{__name__}.{name}").commands.register(app)
    return app


def __getattr__(name: str) -> typer.Typer:
    if name == "app":
        app = build_app()
        globals()["app"] = app
        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def language(args: list[str], env: Mapping[str, str]) -> str:
    """The run's --lang, read before the app is built so that its help (and any message before the command
    chooses) is in that language: the last --lang on the command line, else COPROTOOL_LANG, else English.
    A value that is not a language is passed over here (the command's own --lang refuses it, in the language
    the rest of the command line or COPROTOOL_LANG chose)."""
    from .. import i18n

    given = [env.get("COPROTOOL_LANG", "")]
    for n, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and n + 1 < len(args):
            given.append(args[n + 1])
        elif arg.startswith("--lang="):
            given.append(arg.partition("=")[2])
    return next((lang for lang in reversed(given) if lang in i18n.CHOICES), "en")


def command_of(args: list[str]) -> tuple[str | None, list[str]]:
    """The command a command line names (its first word that is not an option, nor --lang's value), and the
    arguments to run it with. The app itself takes no --lang: given before a command (`coprotool --lang cy
    show sun`), it is the command's and is moved after it (before any `--`); given with no command
    (`coprotool --help --lang cy`), it has said the help's language and is left out."""
    lang: list[str] = []  # --lang and its value, given before the command
    before: list[str] = []  # the other options before it
    n = 0
    while n < len(args):
        arg = args[n]
        if arg == "--":
            return (args[n + 1] if n + 1 < len(args) else None), args
        if arg == "--lang":
            lang += args[n : n + 2]
            n += 2
            continue
        if arg.startswith("--lang="):
            lang.append(arg)
        elif not arg.startswith("-"):
            if not lang:
                return arg, args
            rest = args[n:]
            cut = rest.index("--") if "--" in rest else len(rest)
            return arg, [*before, *rest[:cut], *lang, *rest[cut:]]
        else:
            before.append(arg)
        n += 1
    return None, before


def main() -> None:
    """Entry point: build the app for the command given and run it."""
    from .. import i18n

    i18n.choose(language(sys.argv[1:], os.environ))
    command, args = command_of(sys.argv[1:])
    build_app(command)(args=args, prog_name="coprotool")  # as the examples say it, also as `python -m coprotool`
