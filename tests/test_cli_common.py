"""The command boundary: every failure becomes one sentence and an exit code; colour only where it belongs."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
import typer

from coprotool.cli.common import console, handle_errors, wants_colour
from coprotool.errors import DataError, InputError


@pytest.mark.parametrize(
    ("error", "code", "message"),
    [
        (DataError("a.yaml", "is empty", fix="fill it in"), 1, "coprotool: a.yaml: is empty; fill it in.\n"),
        (InputError("--min takes 0 to 3."), 2, "coprotool: --min takes 0 to 3.\n"),
        (KeyboardInterrupt(), 130, "coprotool: interrupted.\n"),
        (
            PermissionError(13, "Permission denied", "/root/x.csv"),
            1,
            "coprotool: /root/x.csv: Permission denied; check the path, the permissions and the free space.\n",
        ),
        (OSError(28, "No space left on device"), 1, "coprotool: No space left on device; check the path"),
    ],
    ids=["data", "input", "ctrl-c", "os error with a file", "os error without one"],
)
def test_errors_become_one_sentence_and_an_exit_code(capsys, error, code, message):
    @handle_errors
    def command() -> None:
        raise error

    with pytest.raises(typer.Exit) as caught:
        command()
    assert caught.value.exit_code == code
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1


def test_a_reader_that_goes_away_ends_quietly():
    code = (
        "from coprotool.cli.common import handle_errors\n"
        "import typer\n"
        "@handle_errors\n"
        "def command():\n"
        "    raise BrokenPipeError(32, 'Broken pipe')\n"
        "try:\n"
        "    command()\n"
        "except typer.Exit as stop:\n"
        "    print('not shown: stdout now goes nowhere')\n"
        "    raise SystemExit(stop.exit_code)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert (run.returncode, run.stdout, run.stderr) == (0, "", "")


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("env", "stream", "colour"),
    [
        ({}, _Tty(), True),
        ({}, io.StringIO(), False),  # piped: plain
        ({"NO_COLOR": "1"}, _Tty(), False),
        ({"TERM": "dumb"}, _Tty(), False),
        ({"FORCE_COLOR": "1"}, io.StringIO(), True),
    ],
    ids=["terminal", "pipe", "NO_COLOR", "TERM=dumb", "FORCE_COLOR"],
)
def test_colour_only_for_a_terminal_unless_forced(monkeypatch, env, stream, colour):
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert wants_colour(stream) is colour


def test_the_console_cleans_text_and_links_but_keeps_its_own_codes(monkeypatch):
    from rich.control import Control
    from rich.text import Text

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")  # so Rich writes its own escape codes into the StringIO
    out = console()
    out.file = io.StringIO()
    line = Text("evil\x1b[2J text")
    line.stylize("link https://example.org/\x1b[3J")
    out.print(line)
    out.control(Control.home())
    written = out.file.getvalue()
    assert "\x1b[2J" not in written and "\x1b[3J" not in written  # what came from data is cleaned
    assert "evil text" in written and "https://example.org/" in written
    assert "\x1b]8;" in written and written.endswith("\x1b[H")  # Rich's own link and cursor codes pass
