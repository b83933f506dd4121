"""Click's usage errors (an unknown option, a missing argument, a value not allowed, an unknown command),
its 'Aborted!' and Typer's words on installing shell completion, in the language in use.

Typer (0.27 and later) carries its own copy of Click, whose messages are English f-strings with no gettext
hook. coprotool's command classes (options.py) catch each usage error where it is raised and, in a run that is
not English, say it again from the exception's parts (the option's name, the suggestions, the parameter, the
value, the choices) in whole translated sentences, laid out as Click lays out its own: the usage line, how to
get help, then the error, with exit code 2. An English run gets Click's own exception untouched, so its
output stays byte for byte what the installed Typer prints.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from difflib import get_close_matches
from typing import IO, Any, NoReturn

import typer
from typer._click import exceptions as errors  # Typer's own Click: the classes its parser raises
from typer._click.types import IntRange
from typer._types import TyperChoice
from typer.core import TyperOption
from typer.models import TyperPath

from .. import i18n
from ..i18n import _, ngettext
from ..text import shown


def english() -> bool:
    """Whether this run speaks English, where Click's own words are kept as they are."""
    return i18n.current() == "en"


class Worded(errors.UsageError):
    """A usage error in coprotool's words and the language in use, shown as Click shows its own."""

    def show(self, file: IO[Any] | None = None) -> None:
        from .common import echo  # the one way text leaves coprotool (common imports options, which imports this)

        ctx = self.ctx
        if ctx is not None:
            hint = ""
            if ctx.command.get_help_option(ctx) is not None:
                command = f"{ctx.command_path} {ctx.help_option_names[0]}"
                hint = _("Try '%(command)s' for help.") % {"command": command} + "\n"
            echo(f"{ctx.get_usage()}\n{hint}", err=True)
        echo(_("Error: %(message)s") % {"message": self.format_message()}, err=True)


def _quoted(names: Sequence[str]) -> str:
    return " / ".join(f"'{name}'" for name in names)


def param_name(param: Any, ctx: Any) -> str:
    """How Click names a parameter in an error ('--format' / '-f', 'NAME'), with an option's environment
    variable said in the language in use."""
    if not isinstance(param, TyperOption):
        return str(param.get_error_hint(ctx))
    names = _quoted(param.opts or [param.human_readable_name])
    if param.show_envvar and param.envvar is not None:
        return _("%(names)s (env var: %(variable)s)") % {"names": names, "variable": f"'{param.envvar}'"}
    return names


def _find_option(command: Any, name: str) -> Any:
    for param in getattr(command, "params", []):
        if name in param.opts or name in getattr(param, "secondary_opts", []):
            return param
    return None


def _said(error: errors.UsageError, command: Any) -> str | None:
    """The error's message in the language in use, or None for one whose parts are not known here."""
    ctx = error.ctx
    if isinstance(error, errors.NoArgsIsHelpError):
        return None  # the help itself, already in the language in use
    if isinstance(error, errors.NoSuchOption):
        name = shown(error.option_name)
        if not error.possibilities:
            return _("No such option: %(name)s") % {"name": name}
        possible = ", ".join(sorted(error.possibilities))
        return _("No such option: %(name)s (Possible options: %(possibilities)s)") % {
            "name": name,
            "possibilities": possible,
        }
    if isinstance(error, errors.BadOptionUsage):
        option = _find_option(command, error.option_name)
        if option is None:
            return None
        name = repr(error.option_name)
        if getattr(option, "is_flag", False) or getattr(option, "count", False):
            return _("Option %(name)s does not take a value.") % {"name": name}
        if option.nargs != 1:
            return None  # an option taking several values at once: none in coprotool
        return _("Option %(name)s requires an argument.") % {"name": name}
    if isinstance(error, errors.MissingParameter):
        param = error.param
        if param is None or error.message or param.type.get_missing_message(param=param, ctx=ctx):
            return None  # an extra sentence in Click's words (a required choice's list): none in coprotool
        names = {"name": param_name(param, ctx)}
        kind = error.param_type or param.param_type_name
        if kind == "argument":
            return _("Missing argument %(name)s.") % names
        if kind == "option":
            return _("Missing option %(name)s.") % names
        return None
    if isinstance(error, errors.BadParameter):
        # The message itself comes from a parser of coprotool's or a type of this module: already in the
        # language in use.
        if error.param_hint is not None:
            hint = error.param_hint if isinstance(error.param_hint, str) else _quoted(error.param_hint)
        elif error.param is not None:
            hint = param_name(error.param, ctx)
        else:
            return _("Invalid value: %(message)s") % {"message": error.message}
        return _("Invalid value for %(name)s: %(message)s") % {"name": hint, "message": error.message}
    return None


def reworded(error: errors.UsageError, command: Any) -> errors.UsageError:
    """`error` in the language in use (raised while `command` parsed or ran); itself when English, or when
    its parts are not known here."""
    if english() or isinstance(error, Worded):
        return error
    said = _said(error, command)
    if said is None:
        return error
    out = Worded(said, error.ctx)
    out.exit_code = error.exit_code
    return out


@contextlib.contextmanager
def worded(command: Any) -> Iterator[None]:
    """Raise any usage error of the block in the language in use."""
    try:
        yield
    except errors.UsageError as error:
        out = reworded(error, command)
        if out is error:
            raise
        raise out from None


def extra_arguments(ctx: Any, extra: Sequence[str]) -> NoReturn:
    """Words left over after a command took its arguments."""
    words = " ".join(shown(word) for word in extra)
    raise Worded(
        ngettext(
            "Got unexpected extra argument(s) (%(arguments)s)",
            "Got unexpected extra argument(s) (%(arguments)s)",
            len(extra),
        )
        % {"arguments": words},
        ctx,
    )


def missing_command(ctx: Any) -> NoReturn:
    """The app given options and no command."""
    raise Worded(_("Missing command."), ctx)


@contextlib.contextmanager
def known_command(group: Any, ctx: Any, args: Sequence[str]) -> Iterator[None]:
    """Say a word where a command should be that names none (Click's plain UsageError, raised while `group`
    resolves `args`) in the language in use, with the commands it is close to. An option there is told as the
    unknown option it is, by `worded`."""
    try:
        yield
    except errors.UsageError as error:
        if english() or type(error) is not errors.UsageError or not args or group.get_command(ctx, args[0]):
            raise
        name = repr(args[0])
        close = get_close_matches(args[0], list(group.commands)) if group.suggest_commands else []
        if not close:
            raise Worded(_("No such command %(name)s.") % {"name": name}, ctx) from None
        said = ngettext(
            "No such command %(name)s. Did you mean %(commands)s?",
            "No such command %(name)s. Did you mean %(commands)s?",
            len(close),
        )
        raise Worded(said % {"name": name, "commands": ", ".join(map(repr, close))}, ctx) from None


def abort(closed: bool = False) -> NoReturn:
    """Click's 'Aborted!' (a confirmation refused; after a blank line when the input `closed`) in the
    language in use, exit code 1."""
    from .common import echo

    if closed:
        echo(err=True)
    echo(_("Aborted!"), err=True)
    raise typer.Exit(1)


class Choice(TyperChoice[Any]):
    """Typer's choice, saying a value it does not know in the language in use."""

    def get_invalid_choice_message(self, value: Any, ctx: Any) -> str:
        if english():
            return super().get_invalid_choice_message(value, ctx)
        choices = ", ".join(map(repr, self._normalized_mapping(ctx=ctx).values()))
        return _("%(value)s is not one of %(choices)s.") % {"value": repr(value), "choices": choices}


class WholeNumbers(IntRange):
    """Click's range of whole numbers, saying a value outside it (or not a number) in the language in use."""

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            return super().convert(value, param, ctx)
        except errors.BadParameter:
            if english():
                raise
            try:
                number = int(value)
            except (TypeError, ValueError):
                self.fail(_("%(value)s is not a valid whole number.") % {"value": repr(value)}, param, ctx)
            described = self._describe_range()
            self.fail(_("%(value)s is not in the range %(range)s.") % {"value": number, "range": described}, param, ctx)


class Paths(TyperPath):
    """Typer's path, saying a file it cannot read in the language in use (the one check coprotool's paths
    can fail: none asks that a path exist, or be a file or a folder only)."""

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            return super().convert(value, param, ctx)
        except errors.BadParameter:
            if english() or not self.readable or not (self.file_okay and self.dir_okay):
                raise
            path = os.path.realpath(value) if self.resolve_path else value
            if os.path.exists(path) and not os.access(path, os.R_OK):
                self.fail(_("%(name)s cannot be read.") % {"name": repr(typer.format_filename(value))}, param, ctx)
            raise


def worded_types(params: Sequence[Any]) -> None:
    """Give each parameter typed with Typer's choice or path, or Click's range of whole numbers, the kind that
    words its errors in the language in use (Typer makes them from the annotations: they are swapped once
    built)."""
    for param in params:
        kind = param.type
        if type(kind) is TyperChoice:
            param.type = Choice(kind.choices, case_sensitive=kind.case_sensitive)
        elif type(kind) is IntRange:
            param.type = WholeNumbers(kind.min, kind.max, kind.min_open, kind.max_open, kind.clamp)
        elif type(kind) is TyperPath:
            param.type = Paths(
                exists=kind.exists,
                file_okay=kind.file_okay,
                dir_okay=kind.dir_okay,
                writable=kind.writable,
                readable=kind.readable,
                resolve_path=kind.resolve_path,
                allow_dash=kind.allow_dash,
                path_type=kind.type,
            )


def _shell(value: Any) -> str:
    """The shell --install-completion or --show-completion is for: the one named, else the one running."""
    from typer import _completion_shared as completion

    return value if isinstance(value, str) else completion._get_shell_name() or ""


def _unsupported(shell: str) -> bool:
    from typer import _completion_shared as completion

    if shell in {s.value for s in completion.Shells}:
        return False
    from .common import echo

    echo(_("Shell %(shell)s is not supported.") % {"shell": shell}, err=True)
    return True


def completion_callback(original: Any, install: bool) -> Any:
    """--install-completion's (or --show-completion's) callback, saying what it did, or a shell it cannot
    serve, in the language in use (Typer's own, `original`, in English; the script itself is the same)."""

    def callback(ctx: Any, param: Any, value: Any) -> Any:
        if english() or not value or ctx.resilient_parsing:
            return original(ctx, param, value)
        shell = _shell(value)
        if _unsupported(shell):
            raise typer.Exit(1)
        if not install:
            return original(ctx, param, shell)
        from typer import _completion_shared as completion

        from .common import console, echo

        shell, path = completion.install(shell=shell)
        said = _("%(shell)s completion installed in %(path)s") % {"shell": shell, "path": path}
        console().print(said, style="green", soft_wrap=True)
        echo(_("Completion will take effect once you restart the terminal"))
        raise typer.Exit(0)

    return callback


def worded_completion(params: Sequence[Any]) -> None:
    """Give the app's --install-completion and --show-completion the callbacks that word them in the language
    in use."""
    from typer.completion import install_callback, show_callback

    for param in params:
        wrapped = getattr(param.callback, "__wrapped__", None)  # as Typer wraps a callback
        if wrapped in (install_callback, show_callback):
            param.callback = completion_callback(param.callback, install=wrapped is install_callback)
