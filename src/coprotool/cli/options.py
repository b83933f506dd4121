"""What --help shows: the placeholders for what to type, the options every command words the same way, and
the command class that ends each help with its examples.

Every option that takes a value is made here (`option`, `choice`, `number`, `argument`, or one of the
shared ones below), so a placeholder says what to type (FILE, NAME, 0-3), never a Python type, and one
idea has one word in every command. tests/test_help.py walks every command's help and holds it to this.
"""

from __future__ import annotations

import inspect
import re
import shlex
import textwrap
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from ..i18n import N_, _
from . import usage

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

# What each output format is for, said the same way by every --format ("json or yaml for scripts").
FORMAT_USES = {
    "text": N_("%(formats)s for people"),
    "table": N_("%(formats)s for people"),
    "csv": N_("%(formats)s for spreadsheets"),
    "json": N_("%(formats)s for scripts"),
    "jsonl": N_("%(formats)s for scripts"),
    "yaml": N_("%(formats)s for scripts"),
    "html": N_("%(formats)s for a page to share or print"),
    "markdown": N_("%(formats)s for a document or wiki"),
    "ics": N_("%(formats)s for a calendar"),
}

# Help texts are English where they are written (N_), as Typer keeps them, and put into the language in use
# when a help is shown (`shown`, called by the command classes below): the modules that define commands are
# imported once, so a text translated there would stay in the language of whichever run imported it first.
# A text made from pieces (a choice's default, --format's uses) keeps how to make it again in that language.
_COMPOSED: dict[str, Callable[[], str]] = {}


def composed(build: Callable[[], str]) -> str:
    """A help text `build` makes from translated pieces: made in English now, for Typer to keep, and made
    again in the language in use whenever it is shown."""
    from .. import i18n

    with i18n.using("en"):
        english = build()
    _COMPOSED[inspect.cleandoc(english)] = build  # Typer keeps help texts cleaned, so they are found that way
    return english


def shown(text: str) -> str:
    """A help text as Typer keeps it (in English), in the language in use."""
    build = _COMPOSED.get(text)
    return build() if build else _(text)


ENV_NOTE = re.compile(r"\[env var: ([^\]]*)\]")  # Click's note after an option's help, as it words it

# Click's and Typer's own help texts, which coprotool's command classes show in the language in use too.
FRAMEWORK_HELP = (
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)


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

    def said() -> str:
        if not default:
            return shown(help).rstrip(".") + "."
        return _("%(help)s (default: %(default)s).") % {"help": shown(help).rstrip("."), "default": default}

    full = help if help.endswith(".") and not default else composed(said)
    return option(*names, meta=choices(values), help=full, **kwargs)


def format_option(values: type[StrEnum], default: str = "text", help: str = "") -> Any:
    """-f/--format, its help said from FORMAT_USES: 'text for people; json or yaml for scripts.'"""
    uses: dict[str, list[str]] = {}
    for v in values:
        uses.setdefault(FORMAT_USES[v.value], []).append(v.value)

    def said() -> str:
        def either(names: list[str]) -> str:
            text = names[0]
            for name in names[1:]:
                text = _("%(first)s or %(second)s") % {"first": text, "second": name}
            return text

        return "; ".join(_(use) % {"formats": either(names)} for use, names in uses.items())

    return choice("--format", "-f", values=values, help=help or composed(said), default=default)


def _whole(low: int, high: int) -> Callable[[object], int]:
    """A parser of whole numbers from `low` to `high` that says what to type when given anything else."""

    def parse(value: object) -> int:
        text = str(value).strip()
        if not (text.lstrip("-").isdigit() and low <= int(text) <= high):
            raise typer.BadParameter(_("give a whole number from %(low)d to %(high)d.") % {"low": low, "high": high})
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
    said = N_("%(what)s: English, Cymraeg, or both (Welsh first); set %(variable)s=cy to make Welsh the default")
    help = composed(lambda: _(said) % {"what": shown(what), "variable": LANG_ENV})
    return choice("--lang", values=Lang, default="en", help=help, envvar=LANG_ENV)


def force_flag(what: str) -> Any:
    """--force: the one word for 'replace a file that is already there'; `what` names the file ("the
    --output file")."""
    return flag("--force", help=composed(lambda: _("Replace %(what)s if it already exists.") % {"what": shown(what)}))


def output_option(what: str = N_("Write to this file")) -> Any:
    """-o/--output FILE: where a command writes instead of standard output."""
    said = composed(lambda: _("%(what)s (default: standard output).") % {"what": shown(what)})
    return option("--output", "-o", meta=FILE, help=said)


DataDir = Annotated[
    Path | None,
    option(
        "--data-dir",
        meta=DIR,
        help=N_("Catalogue folder to read instead of the one that ships with coprotool."),
        envvar="COPROTOOL_DATA_DIR",
    ),
]


# Examples: (what it does, the command line), shown at the end of a command's help, run by tests/test_help.py
# in a folder holding the files of examples/.
Example = tuple[str, str]
EXAMPLES_HEADING = N_("Examples:")


def examples_epilog(examples: Sequence[Example]) -> str:
    """The examples as the epilog text the help command class lays out."""
    for _what, line in examples:
        if not line.startswith("coprotool "):
            raise ValueError(f"an example starts with 'coprotool ': {line!r}")
        shlex.split(line)  # a quoting mistake fails at start-up in every test, not in a reader's shell
    return "\n".join(f"# {what}\n{line}" for what, line in examples)


def first_sentence(text: str) -> str:
    """A command's one line in the list of commands: the first sentence of its help's first paragraph (as
    Click makes it, so English reads the same; here for any language)."""
    words = text.partition("\n\n")[0].split()
    for i, word in enumerate(words):
        if word.endswith(".") and (i == len(words) - 1 or not words[i + 1][0].islower()):
            return " ".join(words[: i + 1])
    return " ".join(words)


class _Help:
    """What every coprotool help shows in the language in use: its words (see `shown`), the headings, and the
    examples at the end, each kept as written under its one-line comment."""

    help: str | None
    epilog: str | None
    get_params: Callable[[Any], list[Any]]
    collect_usage_pieces: Callable[[Any], list[str]]

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), _("Usage: "))

    def format_help_text(self, ctx: Any, formatter: Any) -> None:
        if self.help:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(shown(inspect.cleandoc(self.help)).partition("\f")[0])

    def option_rows(self, ctx: Any) -> list[tuple[str, str]]:
        """Each option's line: its names, and its help (then Click's notes, as [env var: ...]) in the language
        in use."""
        rows = []
        for p in self.get_params(ctx):
            record = p.get_help_record(ctx) if p.param_type_name == "option" else None
            if record:
                names, said = record
                if p.help and said.startswith(p.help):
                    said = shown(p.help) + said[len(p.help) :]
                # Click's note of an option's variable, in the language in use too (its own words, from gettext's
                # global domain, stay English; an unknown wording of a newer Click is left as it is)
                said = ENV_NOTE.sub(lambda m: "[" + _("env var: %(variable)s") % {"variable": m[1]} + "]", said)
                rows.append((names, said))
        return rows

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        if not self.epilog:
            return
        formatter.write_paragraph()
        formatter.write_text(_(EXAMPLES_HEADING))
        width = max(formatter.width - formatter.current_indent - 4, 30)
        with formatter.indentation():
            pad = " " * formatter.current_indent
            for line in self.epilog.splitlines():
                if line.startswith("# "):  # the comment wraps; a command line never does, so it copies whole
                    for part in textwrap.wrap(_(line[2:]), width):
                        formatter.write(f"{pad}# {part}\n")
                else:
                    formatter.write(f"{pad}{line}\n")


class Command(_Help, TyperCommand):
    """Every coprotool command's class (see Commands.register): an argument is named by its placeholder
    alone (FILE, FILE..., [NAME]), in the usage line and in the list of arguments; its usage errors are in
    the language in use (see usage.py)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        usage.worded_types(self.params)

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        with usage.worded(self):
            return super().make_context(info_name, args, parent, **extra)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if usage.english() or ctx.allow_extra_args or ctx.resilient_parsing:
            return super().parse_args(ctx, args)
        ctx.allow_extra_args = True  # words left over are said by usage.extra_arguments, in the run's language
        try:
            rest = super().parse_args(ctx, args)
        finally:
            ctx.allow_extra_args = False
        if rest:
            usage.extra_arguments(ctx, rest)
        return rest

    def _argument(self, p: Any) -> str:
        piece = (p.metavar or (p.name or "").upper()) + ("..." if p.nargs != 1 else "")
        return piece if p.required else f"[{piece}]"

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        return pieces + [self._argument(p) for p in self.get_params(ctx) if p.param_type_name == "argument"]

    def get_short_help_str(self, limit: int = 45) -> str:
        return first_sentence(shown(inspect.cleandoc(self.help))) if self.help else ""

    def format_options(self, ctx: Any, formatter: Any) -> None:
        params = self.get_params(ctx)
        args = [(self._argument(p), shown(p.help or "")) for p in params if p.param_type_name == "argument"]
        for title, records in ((_("Arguments"), args), (_("Options"), self.option_rows(ctx))):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)


class Group(_Help, TyperGroup):
    """The app's class: each command's first sentence whole (wrapped, never cut off with '...'), examples
    at the end, and usage errors in the language in use (see usage.py)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        usage.worded_types(self.params)

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        usage.worded_completion(self.params)  # here, as Typer adds the completion options once the group is made
        with usage.worded(self):
            return super().make_context(info_name, args, parent, **extra)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        with usage.known_command(self, ctx, args):
            return super().resolve_command(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        if not usage.english() and not ctx._protected_args and not self.invoke_without_command:
            usage.missing_command(ctx)  # Typer's own check, the first thing its invoke does
        try:
            with usage.worded(self):
                return super().invoke(ctx)
        except EOFError:  # as Typer ends a run whose input closed, in the language in use
            usage.abort(closed=True)
        except typer.Abort:
            usage.abort()

    def format_options(self, ctx: Any, formatter: Any) -> None:
        with formatter.section(_("Options")):
            formatter.write_dl(self.option_rows(ctx))
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=1000)))
        if rows:
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)
