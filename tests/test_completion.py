"""Shell completion is on: the script installs, and the shell's request completes commands and option values."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

COPROTOOL = Path(sys.executable).parent / "coprotool"  # the installed script, as a shell runs it


def _complete(words: str, cword: int) -> list[str]:
    env = {**os.environ, "COMP_WORDS": words, "COMP_CWORD": str(cword), "_COPROTOOL_COMPLETE": "complete_bash"}
    run = subprocess.run([COPROTOOL], env=env, capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 0 and run.stderr == "", run.stderr
    return run.stdout.split()


def test_help_offers_completion(invoke):
    out = invoke("--help").stdout
    assert "--install-completion" in out and "--show-completion" in out


def test_the_bash_script_calls_back_into_coprotool():
    # Name the shell rather than let Typer guess it from the process tree, which differs under CI and pytest.
    env = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    run = subprocess.run(
        [COPROTOOL, "--show-completion", "bash"], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "_COPROTOOL_COMPLETE=complete_bash" in run.stdout and "complete -o default" in run.stdout


def test_commands_options_and_choices_complete():
    assert _complete("coprotool sh", 1) == ["show"]
    assert _complete("coprotool sc", 1) == ["score"]
    assert set(_complete("coprotool show --format ", 3)) == {"text", "json", "yaml"}
