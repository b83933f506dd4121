"""The README and docs/*.md show what the tool really prints (cog writes it), and their examples use real options."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
PAGES = [README, *sorted((ROOT / "docs").glob("*.md"))]  # the README and the docs it links to
pytestmark = pytest.mark.skipif(not (ROOT / "examples").is_dir(), reason="the README's examples lie in a checkout")


def test_the_docs_are_all_there():
    names = {p.name for p in PAGES}
    assert {"guide.md", "room.md", "survey.md", "speed.md", "development.md"} <= names
    linked = set(re.findall(r"\]\(docs/([a-z]+\.md)\)", README.read_text(encoding="utf-8")))
    assert linked == names - {"README.md"}  # the README links to every page in docs/, and to none missing


def test_the_readme_outputs_are_what_the_tool_prints():
    # On a difference: run `cog -I docs -r README.md docs/*.md` and commit the result (docs/development.md says so).
    run = subprocess.run(
        [sys.executable, "-m", "cogapp", "-I", str(ROOT / "docs"), "--check", "--diff", *map(str, PAGES)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def _readme_commands() -> list[list[str]]:
    """Every `coprotool ...` line in the sh blocks and inline code of the README and docs/, split as a shell would."""
    text = "\n".join(page.read_text(encoding="utf-8") for page in PAGES)
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S) + re.findall(r"(?<!`)`(coprotool [^`\n]+)`", text)
    commands = []
    for block in blocks:
        for line in block.splitlines():
            for part in re.split(r"&&|\|", line):
                words = shlex.split(part, comments=True)
                words = words[: words.index(">")] if ">" in words else words
                if words[:1] == ["coprotool"] and words[1:2] != ["..."] and words[1:] not in commands:
                    commands.append(words[1:])
    return commands


COMMANDS = _readme_commands() if README.is_file() else []


@pytest.mark.parametrize("words", COMMANDS, ids=[" ".join(w)[:60] for w in COMMANDS])
def test_each_readme_example_names_a_real_command_and_real_options(invoke, words):
    from coprotool.cli import command_of

    command, _args = command_of(words)  # as coprotool finds it: past a --lang before the command
    help_text = invoke(*([command] if command else []), "--help").stdout
    assert "Usage:" in help_text, f"'coprotool {command}' is not a command"
    for word in words:
        if word.startswith("--"):
            option = word.split("=", 1)[0]
            assert re.search(rf"{re.escape(option)}\b", help_text), f"{option} is not in 'coprotool {command} --help'"
