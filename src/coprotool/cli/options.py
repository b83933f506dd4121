"""What --help shows: the placeholders for what to type, the options every command words the same way, and
the command class that ends each help with its examples.

Every option that takes a value is made here (`option`, `choice`, `number`, `argument`, or one of the
shared ones below), so a placeholder says what to type (FILE, NAME, 0-3), never a Python type, and one
idea has one word in every command. tests/test_help.py walks every command's help and holds it to this.
"""

from __future__ import annotations

import shlex
import textwrap
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

# The placeholders, one word for each kind of thing to type.
FILE = "FILE"  # a file to read or to write
DIR = "DIR"  # a folder
NAME = "NAME"  # a service, a case study, a sheet: a name as people say it
TEXT = "TEXT"  # free words (a note, a list of lenses)
WORD = "WORD"  # one keyword, or part of one
COLUMN = "COLUMN"  # a survey file's column heading
MAPPING = "FROM=TO"  # one thing mapped to another ('A1=0', 'HEADER=assets.1')
N = "N"  # a whole number
PORT = "PORT"  # a network port, 1-65535
ADDRESS = "ADDRESS"  # a network address (an IP or a host name)
ENCODING = "ENCODING"  # a text encoding (utf-8, cp1252)
CHAR = "CHAR"  # one character
DATE = "DATE"  # a calendar date, YYYY-MM-DD
ID = "ID"  # an id coprotool printed (an action's)
PLACEHOLDERS = frozenset({FILE, DIR, NAME, TEXT, WORD, COLUMN, MAPPING, N, PORT, ADDRESS, ENCODING, CHAR, DATE, ID})

# What each output format is for, said the same way by every --format.
FORMAT_USES = {
    "text": "for people",
    "table": "for people",
    "csv": "for spreadsheets",
    "json": "for scripts",
    "jsonl": "for scripts",
    "yaml": "for scripts",
    "html": "for a page to share or print",
    "markdown": "for a document or wiki",
    "ics": "for a calendar",
}


def option(*names: str, meta: str, help: str, **kwargs: Any) -> Any:
    """An option that takes a value, shown as `--name META`; say any default in `help` ("default: ...")."""
    return typer.Option(*names, metavar=meta, help=help, show_default=False, **kwargs)


def flag(*names: str, help: str, **kwargs: Any) -> Any:
    """An on/off option."""
    return typer.Option(*names, help=help, show_default=False, **kwargs)


def argument(meta: str, help: str, **kwargs: Any) -> Any:
    """A positional argument, shown as META in the usage line and the list of arguments."""
    return typer.Argument(metavar=meta, help=help, show_default=False, **kwargs)


def choices(values: type[StrEnum]) -> str:
    """The placeholder of a choice: its values, `text|json|yaml`."""
    return "|".join(v.value for v in values)


def choice(*names: str, values: type[StrEnum], help: str, default: str | None = None, **kwargs: Any) -> Any:
    """An option taking one of `values`, shown as `--name a|b|c`; `default` is said after the help."""
    said = f" (default: {default})" if default else ""
    return option(*names, meta=choices(values), help=help.rstrip(".") + said + ".", **kwargs)


def format_option(values: type[StrEnum], default: str = "text", help: str = "") -> Any:
    """-f/--format, its help said from FORMAT_USES: 'text for people; json or yaml for scripts.'"""
    uses: dict[str, list[str]] = {}
    for v in values:
        uses.setdefault(FORMAT_USES[v.value], []).append(v.value)
    said = "; ".join(f"{' or '.join(names)} {use}" for use, names in uses.items())
    return choice("--format", "-f", values=values, help=help or said, default=default)


def _whole(low: int, high: int) -> Callable[[object], int]:
    """A parser of whole numbers from `low` to `high` that says what to type when given anything else."""

    def parse(value: object) -> int:
        text = str(value).strip()
        if not (text.lstrip("-").isdigit() and low <= int(text) <= high):
            raise typer.BadParameter(f"give a whole number from {low} to {high}.")
        return int(text)

    return parse


def number(*names: str, low: int, high: int, help: str, meta: str | None = None, **kwargs: Any) -> Any:
    """A whole-number option from `low` to `high`, shown as `--name low-high` (or `meta`)."""
    return option(*names, meta=meta or f"{low}-{high}", help=help, parser=_whole(low, high), **kwargs)


class Lang(StrEnum):
    """--lang: every command that shows people words takes the same three."""

    en = "en"
    cy = "cy"
    both = "both"


LANG_ENV = "COPROTOOL_LANG"  # a Welsh speaker sets it once rather than typing --lang cy on every command


def lang_option(what: str) -> Any:
    """--lang en|cy|both: the language of `what`; both is Welsh first (the Welsh Language Standards' order).
    COPROTOOL_LANG gives the default for every command."""
    return choice(
        "--lang",
        values=Lang,
        default="en",
        help=f"{what}: English, Cymraeg, or both (Welsh first); set {LANG_ENV}=cy to make Welsh the default",
        envvar=LANG_ENV,
    )


def force_flag(what: str) -> Any:
    """--force: the one word for 'replace a file that is already there'."""
    return flag("--force", help=f"Replace {what} if it already exists.")


def output_option(what: str = "Write to this file") -> Any:
    """-o/--output FILE: where a command writes instead of standard output."""
    return option("--output", "-o", meta=FILE, help=f"{what} (default: standard output).")


DataDir = Annotated[
    Path | None,
    option(
        "--data-dir",
        meta=DIR,
        help="Catalogue folder to read instead of the one that ships with coprotool.",
        envvar="COPROTOOL_DATA_DIR",
    ),
]


# Examples: (what it does, the command line), shown at the end of a command's help, run by tests/test_help.py
# in a folder holding the files of examples/.
Example = tuple[str, str]
EXAMPLES_HEADING = "Examples:"


def examples_epilog(examples: Sequence[Example]) -> str:
    """The examples as the epilog text the help command class lays out."""
    for _, line in examples:
        if not line.startswith("coprotool "):
            raise ValueError(f"an example starts with 'coprotool ': {line!r}")
        shlex.split(line)  # a quoting mistake fails at start-up in every test, not in a reader's shell
    return "\n".join(f"# {what}\n{line}" for what, line in examples)


class _Examples:
    """The examples at the end of a help, kept as written, each under its one-line comment."""

    epilog: str | None

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        if not self.epilog:
            return
        formatter.write_paragraph()
        formatter.write_text(EXAMPLES_HEADING)
        width = max(formatter.width - formatter.current_indent - 4, 30)
        with formatter.indentation():
            pad = " " * formatter.current_indent
            for line in self.epilog.splitlines():
                if line.startswith("# "):  # the comment wraps; a command line never does, so it copies whole
                    for part in textwrap.wrap(line[2:], width):
                        formatter.write(f"{pad}# {part}\n")
                else:
                    formatter.write(f"{pad}{line}\n")


class Command(_Examples, TyperCommand):
    """Every coprotool command's class (see Commands.register): an argument is named by its placeholder
    alone (FILE, FILE..., [NAME]), in the usage line and in the list of arguments."""

    def _argument(self, p: Any) -> str:
        piece = (p.metavar or (p.name or "").upper()) + ("..." if p.nargs != 1 else "")
        return piece if p.required else f"[{piece}]"

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        return pieces + [self._argument(p) for p in self.get_params(ctx) if p.param_type_name == "argument"]

    def format_options(self, ctx: Any, formatter: Any) -> None:
        params = self.get_params(ctx)
        args = [(self._argument(p), getattr(p, "help", None) or "") for p in params if p.param_type_name == "argument"]
        opts = [p.get_help_record(ctx) for p in params if p.param_type_name == "option"]
        for title, records in (("Arguments", args), ("Options", [r for r in opts if r])):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)


class Group(_Examples, TyperGroup):
    """The app's class: each command's first sentence whole (wrapped, never cut off with '...'), and
    examples at the end."""

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=1000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)
