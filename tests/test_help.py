"""Every command's --help: placeholders that say what to type, one word for each idea, and examples that
work when copied (each is run here, in a folder holding the files of examples/)."""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.main import get_command

from coprotool.cli import build_app
from coprotool.cli.options import EXAMPLES_HEADING, PLACEHOLDERS

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ROOT = get_command(build_app())


def _walk(group: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command and subcommand, by its words on the command line ('actions', 'add')."""
    for name, command in sorted(group.commands.items()):
        yield (*path, name), command
        if hasattr(command, "commands"):
            yield from _walk(command, (*path, name))


# Commands that landed just before the shared helpers, in the middle of being moved over to them.
ADOPTING: set[str] = set()  # none now
COMMANDS = {" ".join(path): command for path, command in _walk(ROOT) if path[0] not in ADOPTING}
NAMES = sorted(COMMANDS)
# A placeholder is a word from options.PLACEHOLDERS, a choice (text|json), or a range of numbers (0-3).
PLACEHOLDER = re.compile(r"(?:[a-z0-9-]+(?:\|[a-z0-9-]+)+|\d+-\d+)$")
# What a Python type or a parser's internals look like in a help text.
LEAKS = re.compile(
    r"<[a-z][\w \[\]|,]*>|\{[a-z_]+\}|list\[|\bx<=|<=x|int range|\b(?:INTEGER|PATH|BOOLEAN|FLOAT)\b|\[default: [^\]]*;"
)


def _help(invoke, *args: str) -> str:
    result = invoke(*args, "--help")
    assert result.exit_code == 0, result.output
    return result.stdout


def _examples(text: str) -> list[str]:
    """The command lines under the help's Examples heading."""
    _, heading, tail = text.partition(f"\n{EXAMPLES_HEADING}\n")
    assert heading, "no examples"
    lines = [line.strip() for line in tail.splitlines() if line.strip()]
    assert all(line.startswith(("#", "coprotool ")) for line in lines), lines
    return [line for line in lines if line.startswith("coprotool ")]


@pytest.mark.parametrize("name", ["", *NAMES])
def test_help_shows_no_python_types(invoke, name):
    text = _help(invoke, *name.split())
    assert not LEAKS.findall(text), LEAKS.findall(text)
    assert text.startswith("Usage: coprotool ")
    assert all(len(line) <= 80 for line in text.splitlines())  # the runner's terminal is 80 columns


@pytest.mark.parametrize("name", NAMES)
def test_every_value_has_a_placeholder_that_says_what_to_type(name):
    for param in COMMANDS[name].params:
        if getattr(param, "is_flag", False) or param.hidden:
            continue
        meta = param.metavar
        assert meta in PLACEHOLDERS or (meta and PLACEHOLDER.match(meta)), f"{name} {param.name}: {meta!r}"


def test_one_word_for_each_idea():
    """The same option name means the same thing, and has the same short form, in every command."""
    seen: dict[str, tuple[str, tuple[str, ...], str | None]] = {}
    for name in NAMES:
        for param in COMMANDS[name].params:
            if param.param_type_name != "option" or param.hidden:
                continue
            long = next(o for o in param.opts if o.startswith("--"))
            short = tuple(sorted(o for o in param.opts if not o.startswith("--")))
            if long in seen:
                first, first_short, first_meta = seen[long]
                assert short == first_short, f"{long}: {short} in {name}, {first_short} in {first}"
                same_kind = param.metavar == first_meta or ("|" in str(param.metavar) and "|" in str(first_meta))
                assert same_kind, f"{long}: {param.metavar} in {name}, {first_meta} in {first}"
            else:
                seen[long] = (name, short, param.metavar)
    assert "--overwrite" not in seen  # replacing a file is --force everywhere; --overwrite is a hidden old name
    for name in NAMES:
        opts = {o for p in COMMANDS[name].params for o in p.opts}
        if "-o" in opts:
            assert "--force" in opts, f"{name} writes a file with -o but cannot be told to replace it"


@pytest.mark.parametrize("name", ["", *NAMES])
def test_every_help_ends_with_one_or_two_examples(invoke, name):
    text = _help(invoke, *name.split())
    found = _examples(text)
    assert 1 <= len(found) <= 2
    assert all(line.split()[1] == name.split()[0] for line in found) if name else found
    tail = text.rstrip().splitlines()[-1].strip()
    assert tail in found  # the help ends with them


def _every_example() -> list[str]:
    # Read while the tests are collected, in every worker: each help comes from the one command built above
    # (CliRunner would build the whole app again for each, about 0.1 s a time).
    from unittest import mock

    import typer.testing

    runner = typer.testing.CliRunner()
    found = []
    with mock.patch.object(typer.testing, "_get_command", return_value=ROOT):
        for name in ["", *NAMES]:
            args = [*name.split(), "--help"]
            found += _examples(runner.invoke(typer.Typer(), args, env={"COLUMNS": "80"}).stdout)
    return found


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="examples/ lies in a checkout, not an install")
@pytest.mark.parametrize("line", _every_example())
def test_every_example_works_as_shown(invoke, tmp_path, monkeypatch, line):
    for path in EXAMPLES.iterdir():
        shutil.copy(path, tmp_path)
    monkeypatch.chdir(tmp_path)
    args = shlex.split(line)[1:]
    redirect = args.index(">") if ">" in args else None
    if redirect is not None:
        args, target = args[:redirect], args[redirect + 1]
    result = invoke(*args)
    assert result.exit_code == 0, f"{line}\n{result.output}"
    assert result.stdout.strip() or any(tmp_path.iterdir())
    if redirect is not None:
        Path(target).write_text(result.stdout)
    written = {p.name for p in tmp_path.iterdir()} - {p.name for p in EXAMPLES.iterdir()}
    for option in ("-o", "--output", "--html", "--save", "--svg"):
        if option in args:
            assert args[args.index(option) + 1] in written, f"{line}: nothing written"


def test_the_old_overwrite_still_replaces_for_one_release(invoke, tmp_path):
    a, b = (shutil.copy(EXAMPLES / n, tmp_path) for n in ("riverside.yaml", "riverside-later.yaml"))
    out = tmp_path / "p.json"
    out.write_text("old")
    refused = invoke("compare", a, b, "-f", "json", "-o", out)
    assert refused.exit_code != 0 and "--force" in refused.stderr
    kept = invoke("compare", a, b, "-f", "json", "-o", out, "--overwrite")
    assert kept.exit_code == 0 and "--overwrite is now --force" in kept.stderr and out.read_text() != "old"
    assert invoke("compare", a, b, "-f", "json", "-o", out, "--force").exit_code == 0


@pytest.mark.parametrize("value", ["7", "-1", "x", "1.5"])
def test_a_number_out_of_range_says_what_to_type(invoke, value):
    result = invoke("list", "--min", value)
    assert result.exit_code == 2 and "give a whole number from 0 to 3" in result.stderr
    assert not re.search(r"<=|\bint\b|integer", result.stderr)


def test_the_port_is_1_to_65535(invoke):
    result = invoke("assess", "--room", "--port", "0")
    assert result.exit_code == 2 and "from 1 to 65535" in result.stderr


def test_the_app_uses_the_help_classes():
    assert isinstance(build_app(), typer.Typer)
    assert all(type(c).__name__ in ("Command", "Group") for c in COMMANDS.values())


def test_the_list_of_commands_cuts_no_sentence(invoke):
    text = _help(invoke)
    commands = text.split("\nCommands:\n")[1].split(f"\n{EXAMPLES_HEADING}\n")[0]
    assert "..." not in commands and "scale." in commands  # each first sentence whole, wrapped


def test_examples_fit_80_columns(invoke):
    for name in ["", *NAMES]:
        assert all(len(line) + 2 <= 80 for line in _examples(_help(invoke, *name.split()))), name  # indented 2
