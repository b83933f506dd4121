"""What every command shares: --data-dir, --format, the console, and turning errors into one sentence."""

from __future__ import annotations

import functools
import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import CoprotoolError

DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Catalogue folder to read instead of the one that ships with coprotool.",
        envvar="COPROTOOL_DATA_DIR",
        show_default=False,
    ),
]


class Format(StrEnum):
    text = "text"
    json = "json"
    yaml = "yaml"


class TextJson(StrEnum):
    text = "text"
    json = "json"


class Commands:
    """The commands of one module, added to an app on demand: start-up builds only what it runs."""

    def __init__(self) -> None:
        self.items: list[tuple[str | None, dict, object]] = []

    def command(self, name: str | None = None, **kwargs):
        def add(func):
            self.items.append((name, kwargs, func))
            return func

        return add

    def register(self, app: typer.Typer) -> None:
        for name, kwargs, func in self.items:
            app.command(name, **kwargs)(func)


def fail(message: str, code: int = 1) -> None:
    """Print one sentence on stderr and exit non-zero."""
    typer.echo(f"coprotool: {message}", err=True)
    raise typer.Exit(code)


def handle_errors(func):
    """Turn the library's errors (and Ctrl-C) into one sentence on stderr and an exit code."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except CoprotoolError as exc:
            fail(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            fail("interrupted.", 130)
        except BrokenPipeError:
            # The reader went away (`| head`): stop quietly, and keep Python's exit flush from failing.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0) from None
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            fail(f"{where}{exc.strerror or exc}; check the path, the permissions and the free space.", 1)

    return wrapper


def catalogue(data_dir: Path | None):
    from ..catalogue import Catalogue

    return Catalogue(data_dir)


def unicode_ok(stream=None) -> bool:
    """Whether the output can show the block characters (not on TERM=dumb or a non-UTF encoding)."""
    stream = stream or sys.stdout
    if os.environ.get("TERM") == "dumb":
        return False
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    return encoding in ("utf8", "utf16", "utf32", "")


def wants_colour(stream=None) -> bool:
    """Colour for people: a terminal, unless NO_COLOR or TERM=dumb; FORCE_COLOR forces it (as in Rich)."""
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def width() -> int:
    """The terminal's width, or COLUMNS, or 80."""
    import shutil

    return shutil.get_terminal_size((80, 24)).columns


def print_styled(build) -> None:
    """Print what `build(width, unicode)` returns: in colour through Rich for a terminal, else as plain
    text without importing Rich at all."""
    if wants_colour():
        out = console()
        out.print(build(out.width, unicode_ok(out.file)), end="", soft_wrap=True)
    else:
        sys.stdout.write(build(width(), unicode_ok()).plain)
        sys.stdout.flush()


def console(stderr: bool = False):
    """A Rich console for people. Rich itself honours NO_COLOR and drops colour when piped."""
    from rich.console import Console

    kwargs = {}
    if os.environ.get("TERM") == "dumb":
        kwargs["color_system"] = None
    return Console(stderr=stderr, highlight=False, emoji=False, soft_wrap=False, **kwargs)


def echo_json(data: object) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def echo_yaml(data: object) -> None:
    from ..assessment import dump_yaml

    typer.echo(dump_yaml(data), nl=False)


def emit(data: object, fmt: Format) -> None:
    """Print data as JSON or YAML."""
    if fmt == Format.yaml:
        echo_yaml(data)
    else:
        echo_json(data)
