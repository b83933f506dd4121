"""What every command shares: the console, turning errors into one sentence, and registering commands
(their options and examples are made in options.py)."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn, ParamSpec, TextIO, TypeVar

import typer

from .. import i18n
from ..errors import CoprotoolError
from ..i18n import _
from ..text import escaped, file_name, is_safe, safe_text
from .options import Command, Example, examples_epilog
from .options import DataDir as DataDir  # made with the other shared options; commands import it from here

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.segment import Segment
    from rich.style import Style
    from rich.text import Text

    from ..catalogue import Catalogue
    from ..render.styled import Styled

P = ParamSpec("P")
R = TypeVar("R")
F = TypeVar("F", bound=Callable[..., Any])


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
        self.items: list[tuple[str | None, dict[str, Any], Callable[..., Any]]] = []

    def command(self, name: str | None = None, *, examples: Sequence[Example] = (), **kwargs: Any) -> Callable[[F], F]:
        """Add a command; its help ends with `examples` (what it does, the command line), one or two."""
        if examples:
            kwargs["epilog"] = examples_epilog(examples)

        def add(func: F) -> F:
            self.items.append((name, kwargs, func))
            return func

        return add

    def register(self, app: typer.Typer) -> None:
        for name, kwargs, func in self.items:
            app.command(name, cls=Command, **kwargs)(func)


def echo(message: str = "", err: bool = False, nl: bool = True) -> None:
    """Print text for people (stdout, or stderr with err): the one way plain text leaves coprotool, so
    nothing read from a file can reach the terminal as an escape sequence (see text.safe_text). On stderr
    (messages) invisible characters are shown as escapes rather than removed, so the user sees them."""
    typer.echo(safe_text(message, visible=err), err=err, nl=nl)


def each_language(gap: Callable[[], object] = echo) -> Iterator[i18n.Lang]:
    """The languages the run's --lang shows a view for people in, each in use in turn while the caller's loop
    body runs: both is Welsh, then `gap()` (a blank line), then English. Messages on standard error stay in
    the first language (the one i18n.choose set)."""
    for n, lang in enumerate(i18n.order(i18n.chosen())):
        if n:
            gap()
        with i18n.using(lang):
            yield lang


def note(message: str) -> None:
    """A dim line on stderr for people ("Saved to ..."), never wrapped inside a path."""
    console(stderr=True).print(message, style="dim", soft_wrap=True)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one sentence on stderr and exit non-zero."""
    echo(f"coprotool: {message}", err=True)
    raise typer.Exit(code)


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn the library's errors (and Ctrl-C) into one sentence on stderr and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except CoprotoolError as exc:
            fail(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            fail(_("interrupted."), 130)
        except BrokenPipeError:
            # The reader went away (`| head`): stop quietly, and keep Python's exit flush from failing.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0) from None
        except OSError as exc:
            # The system's own words for the error (strerror) stay as the system gives them.
            problem = {"problem": exc.strerror or str(exc), "file": file_name(exc.filename or "")}
            if exc.filename:
                fail(_("%(file)s: %(problem)s; check the path, the permissions and the free space.") % problem, 1)
            fail(_("%(problem)s; check the path, the permissions and the free space.") % problem, 1)
        except Exception as exc:  # the last guard: a bug, told in one sentence, the details in a file
            if type(exc).__module__.split(".")[0] in ("typer", "click"):
                raise  # Typer's own ways of ending (Exit, Abort, usage errors) carry their message and code
            log = crash_log(exc)
            if log:
                said = _(
                    "an unexpected error stopped this command (a bug in coprotool); the details are in %(file)s; "
                    "please report it."
                ) % {"file": file_name(log)}
            else:
                said = _(
                    "an unexpected error stopped this command (a bug in coprotool); no log file could be written; "
                    "please report it."
                )
            fail(said, 70)

    return wrapper


def crash_log(exc: BaseException) -> Path | None:
    """Write the traceback of `exc` to a new file in the user's log folder (or the temp folder)."""
    import datetime
    import tempfile
    import traceback

    from .. import __version__

    text = (
        f"coprotool {__version__}, Python {sys.version.split()[0]}, {datetime.datetime.now().isoformat()}\n"
        f"command: {' '.join(sys.argv)}\n\n" + "".join(traceback.format_exception(exc))
    )
    name = f"error-{datetime.datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}.log"
    for folder in (_log_dir(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            with open(path, "x", encoding="utf-8") as fh:
                fh.write(text)
            return path
        except OSError:
            continue
    return None


def log_file(stem: str) -> Path | None:
    """A new log file's path (not yet created) in the user's log folder, else the temp folder."""
    import datetime
    import tempfile

    name = f"{stem}-{datetime.datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}.log"
    for folder in (_log_dir(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            return folder / name
        except OSError:
            continue
    return None


def _log_dir() -> Path:
    try:
        from platformdirs import user_log_path

        return user_log_path("coprotool", appauthor=False)
    except ImportError:  # pragma: no cover - platformdirs is a dependency; this is the last guard's guard
        return Path.home() / ".cache" / "coprotool" / "log"


# Parsed catalogues a process may reuse, by resolved folder. Empty in a user's run (each command parses the
# catalogue it is given, as it always has); the test suite puts its one parsed catalogue here, so the many
# in-process CLI runs share it instead of parsing the same YAML again (about 0.1 s a run).
SHARED: dict[Path, Catalogue] = {}


def catalogue(data_dir: Path | None) -> Catalogue:
    from ..catalogue import Catalogue

    loaded = Catalogue(data_dir)  # checks the folder, as every run does
    return SHARED.get(loaded.data_dir.resolve(), loaded) if SHARED else loaded


def unicode_ok(stream: IO[str] | None = None) -> bool:
    """Whether the output can show the block characters (not on TERM=dumb or a non-UTF encoding)."""
    stream = stream or sys.stdout
    if os.environ.get("TERM") == "dumb":
        return False
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    return encoding in ("utf8", "utf16", "utf32", "")


def wants_colour(stream: IO[str] | None = None) -> bool:
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


def print_styled(build: Callable[[int, bool], Styled]) -> None:
    """Print what `build(width, unicode)` returns: in colour through Rich for a terminal, else as plain
    text without importing Rich at all."""
    if wants_colour():
        out = console()
        out.print(build(out.width, unicode_ok(out.file)), end="", soft_wrap=True)
    else:
        sys.stdout.write(safe_text(build(width(), unicode_ok()).plain))
        sys.stdout.flush()


def print_trimmed(out: Console, page: RenderableType) -> None:
    """Print a Rich page with no spaces at the ends of its lines: Rich fills every line of a table or a
    padded paragraph to the width, which is noise when the page is copied, piped or read aloud."""
    from rich.segment import Segment, Segments

    trimmed: list[Segment] = []
    for line in out.render_lines(page, out.options, pad=False):
        while line and not line[-1].control and not line[-1].text.rstrip(" "):
            line.pop()  # segments of spaces only (a cell's padding)
        if line and not line[-1].control:
            line[-1] = Segment(line[-1].text.rstrip(" "), line[-1].style)
        trimmed += [*line, Segment.line()]
    out.print(Segments(trimmed), end="")


def console(stderr: bool = False, file: TextIO | None = None, width: int | None = None) -> Console:
    """A Rich console for people (or, given a file, plain text into it at `width` columns). Rich itself
    honours NO_COLOR and drops colour when piped.

    Markup is off, so text in square brackets is shown as written; every segment of text is passed
    through text.safe_text as it is written (Rich's own colour codes are added after that).
    """
    from rich.console import Console
    from rich.segment import Segment
    from rich.style import Style

    class SafeConsole(Console):
        def render_str(self, text: str, **kwargs: Any) -> Text:
            # Sanitised before Rich sees it: Rich drops a BEL, which can end an escape sequence.
            return super().render_str(safe_text(text), **kwargs)

        def _render_buffer(self, buffer: Iterable[Segment]) -> str:
            return super()._render_buffer(_clean_segments(buffer, Segment, Style))

    plain = file is not None or os.environ.get("TERM") == "dumb"
    return SafeConsole(
        stderr=stderr,
        file=file,
        width=width,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
        color_system=None if plain else "auto",
    )


def _clean_segments(buffer: Iterable[Segment], segment: type[Segment], style: type[Style]) -> Iterator[Segment]:
    for seg in buffer:
        if seg.control:  # Rich's own cursor moves (the progress bar)
            yield seg
            continue
        text, st = seg.text, seg.style
        if st is not None and st.link and not is_safe(st.link):
            st = st + style(link=safe_text(st.link))
        yield segment(safe_text(text), st)


def json_text(data: object) -> str:
    """Data as indented JSON, exact (a JSON reader gets every character back) and safe on a terminal:
    besides the controls JSON always escapes, C1 controls, bidi and invisible characters are written
    as \\u escapes."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return escaped(text, json=True)


def echo_json(data: object) -> None:
    typer.echo(json_text(data))


def echo_yaml(data: Any) -> None:
    from ..assessment import dump_yaml

    echo(dump_yaml(data), nl=False)


def emit(data: object, fmt: Format) -> None:
    """Print data as JSON or YAML."""
    if fmt == Format.yaml:
        echo_yaml(data)
    else:
        echo_json(data)
