"""--help in Welsh: with --lang cy (or both) on the command line, or COPROTOOL_LANG=cy, every help coprotool
writes is Welsh (what each command and option does, the examples' comments, the headings); English help
stays as it was, in the same process too."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command

from coprotool import i18n
from coprotool.cli import build_app, command_of, language, main
from coprotool.cli.options import FRAMEWORK_HELP, shown

SRC = Path(__file__).resolve().parents[1] / "src"
ROOT = get_command(build_app())
COMMANDS = {name: ROOT.commands[name] for name in sorted(ROOT.commands)}


def _run_main(monkeypatch, capsys, *args: str, env: dict[str, str] | None = None) -> str:
    """coprotool's own entry point, as a user runs it: the language is read before the app is built."""
    monkeypatch.setattr(sys, "argv", ["coprotool", *args])
    for key, value in (env or {}).items():
        monkeypatch.setenv(key, value)
    with pytest.raises(SystemExit) as ended:
        main()
    assert ended.value.code == 0
    return capsys.readouterr().out


def _flat(text: str) -> str:
    return " ".join(text.split())


def _english_pieces(command: Any) -> list[str]:
    """The English help a command shows: its help, each argument's and option's, each example's comment."""
    pieces = [command.help or ""]
    pieces += [p.help for p in command.params if getattr(p, "help", None)]
    pieces += [line[2:] for line in (command.epilog or "").splitlines() if line.startswith("# ")]
    return [piece for piece in pieces if piece]


@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_every_help_is_welsh_with_lang_cy(monkeypatch, capsys, name):
    args = [*name.split(), "--help"] if name else ["--help"]
    english = _run_main(monkeypatch, capsys, *args)
    i18n.choose("en")
    command = COMMANDS[name] if name else ROOT
    if any("--lang" in p.opts for p in command.params):
        welsh = _run_main(monkeypatch, capsys, *args, "--lang", "cy")
    else:  # the app itself and template take no --lang: COPROTOOL_LANG says it
        welsh = _run_main(monkeypatch, capsys, *args, env={"COPROTOOL_LANG": "cy"})
    assert welsh.startswith("Defnydd: coprotool") and english.startswith("Usage: coprotool")
    assert "\nDewisiadau:\n" in welsh and "\nEnghreifftiau:\n" in welsh
    assert not re.search(r"^(Usage|Options|Arguments|Commands|Examples):", welsh, re.M)
    assert "env var" not in _flat(welsh)
    assert ("[env var: COPROTOOL" in _flat(english)) == ("[newidyn amgylchedd: COPROTOOL" in _flat(welsh))
    flat = _flat(welsh)
    for piece in _english_pieces(command):
        assert _flat(piece) not in flat, piece  # no help coprotool marked is left in English
    # the example command lines are the same in both, to copy as they are
    assert [line for line in english.splitlines() if line.strip().startswith("coprotool ")] == [
        line for line in welsh.splitlines() if line.strip().startswith("coprotool ")
    ]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_option_help_has_its_own_welsh(name):
    command = COMMANDS[name]
    with i18n.using("cy"):
        for p in command.params:
            if getattr(p, "help", None) and p.help not in FRAMEWORK_HELP:
                assert shown(p.help) != p.help, (name, p.opts, p.help)
            if getattr(p, "help", None):
                assert shown(p.help).strip(), (name, p.opts)
        assert command.get_short_help_str() != _short_english(command)


def _short_english(command: Any) -> str:
    with i18n.using("en"):
        return command.get_short_help_str()


def test_both_shows_help_in_welsh_and_cy_comes_from_the_environment(monkeypatch, capsys):
    both = _run_main(monkeypatch, capsys, "ballot", "--help", "--lang", "both")
    i18n.choose("en")
    env = _run_main(monkeypatch, capsys, "ballot", "--help", env={"COPROTOOL_LANG": "cy"})
    i18n.choose("en")
    said = _run_main(monkeypatch, capsys, "ballot", "--lang=cy", "--help", env={"COPROTOOL_LANG": "en"})
    assert both == env == said
    assert "Ysgrifennu papur pleidleisio print bras" in _flat(both)
    assert "Ysgrifennu dros y ffeil --output os yw’n bodoli eisoes." in _flat(both)
    assert "Dangos y neges hon a gadael." in both


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        (["assess", "--help"], {}, "en"),
        (["assess", "--lang", "cy"], {}, "cy"),
        (["assess", "--lang=both"], {}, "both"),
        (["assess"], {"COPROTOOL_LANG": "cy"}, "cy"),
        (["assess", "--lang", "en"], {"COPROTOOL_LANG": "cy"}, "en"),
        (["assess", "--lang", "cy", "--lang", "en"], {}, "en"),  # the last one counts, as Click reads it
        (["assess", "--lang", "xx"], {"COPROTOOL_LANG": "cy"}, "cy"),  # --lang refuses it, in Welsh
        (["assess", "--lang", "xx"], {}, "en"),
        (["assess", "--", "--lang", "cy"], {}, "en"),
        (["assess", "--lang"], {}, "en"),
    ],
)
def test_the_language_is_read_from_the_command_line_then_the_environment(args, env, expected):
    assert language(args, env) == expected


def test_a_welsh_app_in_a_test_leaves_english_help_english(invoke, runner):
    with i18n.using("cy"):
        welsh = runner.invoke(build_app(), ["results", "--help"]).stdout
    assert "Rhestru’r asesiadau gorffenedig" in _flat(welsh)
    english = invoke("results", "--help").stdout
    assert english.startswith("Usage:") and "Defnydd" not in english
    assert i18n.current() == "en"


def test_welsh_help_through_the_installed_entry_point():
    env = {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "80", "COPROTOOL_LANG": "cy"}
    done = subprocess.run(
        [sys.executable, "-m", "coprotool", "results", "--help"], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.startswith("Defnydd: coprotool results")
    assert "Rhestru’r asesiadau gorffenedig" in _flat(done.stdout)
    assert "Iaith y rhestr a’i negeseuon" in _flat(done.stdout)


@pytest.mark.parametrize("columns", [40, 80, 120])
@pytest.mark.parametrize("name", ["", "assess", "score", "actions", "show", "list"])
def test_welsh_help_fits_the_terminal(monkeypatch, capsys, name, columns):
    # Click wraps help to the terminal, never narrower than 50 columns; Welsh words are longer than English ones.
    args = [*name.split(), "--help"]
    text = _run_main(monkeypatch, capsys, *args, env={"COLUMNS": str(columns), "COPROTOOL_LANG": "cy"})
    assert text.startswith("Defnydd:")
    for line in text.splitlines():
        if line.strip().startswith(("coprotool ", "Defnydd: coprotool")) or re.match(r"\s*-", line):
            continue  # command lines are never wrapped (in English too); an option's names stand on their own
        assert len(line) <= max(columns, 50), line


def test_the_list_of_commands_in_welsh_cuts_no_sentence(monkeypatch, capsys):
    text = _run_main(monkeypatch, capsys, "--help", env={"COPROTOOL_LANG": "cy"})
    commands = text.split("\nGorchmynion:\n")[1].split("\nEnghreifftiau:\n")[0]
    assert "..." not in commands
    assert "assess Rhedeg yr holiadur cydgynhyrchu a dangos y lletem, y dyfnder a beth i ddysgu" in _flat(commands)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--help", "--lang", "cy"], (None, ["--help"])),  # the app takes no --lang: it only says the language
        (["--lang=cy", "--help"], (None, ["--help"])),
        (["--version"], (None, ["--version"])),
        (["assess", "--lang", "cy"], ("assess", ["assess", "--lang", "cy"])),
        (["--lang", "cy", "assess"], ("assess", ["assess", "--lang", "cy"])),  # the command's, moved after it
        (["--lang=cy", "actions", "add", "x"], ("actions", ["actions", "add", "x", "--lang=cy"])),
        (["--lang", "cy", "-q", "show", "a", "--", "-b"], ("show", ["-q", "show", "a", "--lang", "cy", "--", "-b"])),
        (["--", "show"], ("show", ["--", "show"])),
    ],
)
def test_the_command_is_found_past_lang(args, expected):
    assert command_of(args) == expected


def test_the_apps_own_help_takes_lang_on_the_command_line(monkeypatch, capsys):
    welsh = _run_main(monkeypatch, capsys, "--help", "--lang", "cy")
    assert welsh.startswith("Defnydd: coprotool [OPTIONS] COMMAND [ARGS]...")
    assert "Gweld pa mor bell y mae gwasanaeth iechyd neu ofal cymdeithasol yn ymarfer cydgynhyrchu" in _flat(welsh)
    i18n.choose("en")
    assert _run_main(monkeypatch, capsys, "--help", "--lang", "en").startswith("Usage: coprotool")


def test_lang_before_the_command_is_the_commands(monkeypatch, capsys):
    welsh = _run_main(monkeypatch, capsys, "--lang", "cy", "show", "assets")
    assert "Asedau" in welsh and "Assets" not in welsh
    i18n.choose("en")
    assert "Assets" in _run_main(monkeypatch, capsys, "--lang=en", "show", "assets")
