"""The coprotool command line: commands are grouped by theme in the modules beside this one."""
from __future__ import annotations

import os
import sys
from typing import Annotated, Optional

import typer

from .. import __version__

app = typer.Typer(
    name="coprotool",
    help="See how far a health or social care service practises co-production, and what to do next.\n\n"
    "Built on the People Powered Health Co-production Catalogue (Nesta, nef and Innovation Unit, 2012).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"coprotool {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Show the version and exit.")] = None,
) -> None:
    """See how far a health or social care service practises co-production, and what to do next."""


from . import assess as _assess  # noqa: E402,F401  (registers commands)
from . import lookup as _lookup  # noqa: E402,F401
from . import score as _score  # noqa: E402,F401


def main() -> None:
    """Entry point: run the app, and leave quietly when the reader closes the pipe (`| head`)."""
    try:
        app()
    except BrokenPipeError:
        # Python flushes stdout at exit; point it at devnull so that flush cannot fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
