"""Usage errors (an unknown option or command, a missing argument, a value not allowed, words left over) in
the run's language: Welsh with --lang cy, --lang both or COPROTOOL_LANG=cy, and English exactly as Typer's Click
wrote it before (the golden texts below were taken from main before the change), exit code 2 in both."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
import typer
import typer.completion

from coprotool import i18n
from coprotool.cli import command_of, language
from coprotool.cli.options import Group

SRC = Path(__file__).resolve().parents[1] / "src"

ROOT = "Usage: coprotool [OPTIONS] COMMAND [ARGS]...\nTry 'coprotool -h' for help.\n\n"
SHOW = "Usage: coprotool show [OPTIONS] NAME\nTry 'coprotool show -h' for help.\n\n"


def _head(command: str, pieces: str) -> str:
    return f"Usage: coprotool {command} [OPTIONS]{pieces}\nTry 'coprotool {command} -h' for help.\n\n"


# (English command line, its stderr today; the Welsh command line, what its error says in Welsh)
CASES = [
    (
        ["compare", "--lnag", "x"],
        _head("compare", " FILE...") + "Error: No such option: --lnag (Possible options: --lang)\n",
        ["compare", "--lang", "cy", "--lnag", "x"],
        "Gwall: Does dim dewisiad o’r enw --lnag (Dewisiadau posibl: --lang)",
    ),
    (
        ["list", "--lon"],
        _head("list", "") + "Error: No such option: --lon (Possible options: --lang, --long, --min)\n",
        ["list", "--lang", "cy", "--lon"],
        "Gwall: Does dim dewisiad o’r enw --lon (Dewisiadau posibl: --lang, --long, --min)",
    ),
    (
        ["show", "-z", "x"],
        SHOW + "Error: No such option: -z\n",
        ["show", "--lang", "cy", "-z", "x"],
        "Gwall: Does dim dewisiad o’r enw -z",
    ),
    (
        ["show"],
        SHOW + "Error: Missing argument 'NAME'.\n",
        ["show", "--lang", "cy"],
        "Gwall: Mae’r ymresymiad 'NAME' ar goll.",
    ),
    (
        ["show", "--lang", "fr", "x"],
        SHOW
        + "Error: Invalid value for '--lang' (env var: 'COPROTOOL_LANG'): 'fr' is not one of 'en', 'cy', 'both'.\n",
        ["COPROTOOL_LANG=cy", "show", "--lang", "fr", "x"],
        "Gwall: Gwerth annilys ar gyfer '--lang' (newidyn amgylchedd: 'COPROTOOL_LANG'): nid yw 'fr' yn un o 'en', "
        "'cy', 'both'.",
    ),
    (
        ["list", "--format", "xml"],
        _head("list", "") + "Error: Invalid value for '--format' / '-f': 'xml' is not one of 'text', 'json', 'yaml'.\n",
        ["COPROTOOL_LANG=cy", "list", "--format", "xml"],
        "Gwall: Gwerth annilys ar gyfer '--format' / '-f': nid yw 'xml' yn un o 'text', 'json', 'yaml'.",
    ),
    (
        ["ballot", "--per-page", "abc"],
        _head("ballot", "") + "Error: Invalid value for '--per-page': give a whole number from 1 to 2.\n",
        ["ballot", "--lang", "both", "--per-page", "abc"],  # both: standard error in the first language, Welsh
        "Gwall: Gwerth annilys ar gyfer '--per-page': rhowch rif cyfan o 1 i 2.",
    ),
    (
        ["score", "--header-row", "abc", "x.csv"],
        _head("score", " FILE") + "Error: Invalid value for '--header-row': 'abc' is not a valid int range.\n",
        ["score", "--lang", "cy", "--header-row", "abc", "x.csv"],
        "Gwall: Gwerth annilys ar gyfer '--header-row': nid yw 'abc' yn rhif cyfan dilys.",
    ),
    (
        ["score", "--header-row", "0", "x.csv"],
        _head("score", " FILE") + "Error: Invalid value for '--header-row': 0 is not in the range x>=1.\n",
        ["score", "--lang", "cy", "--header-row", "0", "x.csv"],
        "Gwall: Gwerth annilys ar gyfer '--header-row': nid yw 0 yn yr ystod x>=1.",
    ),
    (
        ["shwo"],
        ROOT + "Error: No such command 'shwo'. Did you mean 'show'?\n",
        ["shwo", "--lang", "cy"],
        "Gwall: Does dim gorchymyn o’r enw 'shwo'. Ai 'show' oedd gennych mewn golwg?",
    ),
    (
        ["resuts"],
        ROOT + "Error: No such command 'resuts'. Did you mean 'results', 'resources'?\n",
        ["COPROTOOL_LANG=cy", "resuts"],
        "Gwall: Does dim gorchymyn o’r enw 'resuts'. Ai un o’r rhain oedd gennych mewn golwg: 'results', 'resources'?",
    ),
    (
        ["xyzzy"],
        ROOT + "Error: No such command 'xyzzy'.\n",
        ["COPROTOOL_LANG=cy", "xyzzy"],
        "Gwall: Does dim gorchymyn o’r enw 'xyzzy'.",
    ),
    (
        ["--bogus"],
        ROOT + "Error: No such option: --bogus\n",
        ["--lang", "cy", "--bogus"],
        "Gwall: Does dim dewisiad o’r enw --bogus",
    ),
    (
        ["--lang", "en", "shwo"],  # a --lang before the command is the command's
        ROOT + "Error: No such command 'shwo'. Did you mean 'show'?\n",
        ["--lang", "cy", "shwo"],
        "Gwall: Does dim gorchymyn o’r enw 'shwo'. Ai 'show' oedd gennych mewn golwg?",
    ),
    (
        ["--"],
        ROOT + "Error: Missing command.\n",
        ["COPROTOOL_LANG=cy", "--"],
        "Gwall: Mae’r gorchymyn ar goll.",
    ),
    (
        ["compare", "--output"],
        "Error: Option '--output' requires an argument.\n",
        ["compare", "--lang", "cy", "--output"],
        "Gwall: Mae angen gwerth ar ôl y dewisiad '--output'.",
    ),
    (
        ["show", "--force=1", "x"],
        "Error: Option '--force' does not take a value.\n",
        ["show", "--lang", "cy", "--force=1", "x"],
        "Gwall: Nid yw’r dewisiad '--force' yn cymryd gwerth.",
    ),
    (
        ["show", "a", "b"],
        SHOW + "Error: Got unexpected extra argument(s) (b)\n",
        ["show", "--lang", "cy", "a", "b"],
        "Gwall: Cafwyd ymresymiad ychwanegol annisgwyl (b)",
    ),
    (
        ["show", "a", "b", "c"],
        SHOW + "Error: Got unexpected extra argument(s) (b c)\n",
        ["show", "--lang", "cy", "a", "b", "c"],
        "Gwall: Cafwyd ymresymiadau ychwanegol annisgwyl (b c)",
    ),
]

# Every English word of Click's that these errors show; none is left in a Welsh run.
ENGLISH = [
    "Usage:",
    "Try '",
    "for help",
    "Error:",
    "No such",
    "Possible options",
    "Missing",
    "Invalid value",
    "env var",
    "is not",
    "not a valid",
    "Did you mean",
    "requires",
    "does not take",
    "Got unexpected",
]


def _run(invoke, words: list[object]):
    """The command line as coprotool's main() runs it (language first, then the command), in this process;
    a word COPROTOOL_LANG=cy sets that variable."""
    env = dict(str(word).split("=", 1) for word in words if str(word).startswith("COPROTOOL_LANG="))
    args = [str(word) for word in words if not str(word).startswith("COPROTOOL_LANG=")]
    i18n.choose(language(args, env))
    _command, args = command_of(args)
    return invoke(*args, env=env)


@pytest.mark.parametrize(("english", "golden", "welsh", "said"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_a_usage_error_in_english_and_in_welsh(invoke, english, golden, welsh, said):
    before = _run(invoke, english)
    assert (before.exit_code, before.stderr, before.stdout) == (2, golden, "")
    after = _run(invoke, welsh)
    assert after.exit_code == 2 and after.stdout == ""
    assert said in after.stderr
    if golden.startswith("Usage:"):  # laid out as Click lays it out: the usage line, how to get help, the error
        command = golden.split("'")[1]
        usage_line = golden.splitlines()[0].replace("Usage:", "Defnydd:")
        assert after.stderr == f"{usage_line}\nRhowch gynnig ar '{command}' am gymorth.\n\n{said}\n"
    else:
        assert after.stderr == said + "\n"
    for words in ENGLISH:
        assert words not in after.stderr, words


def test_aborted_in_the_runs_language():
    # No coprotool command ends with Click's Abort today (each prompt ends its own way at the end of input), so
    # a command of its own shows what the app's class does with one, and with input that closes mid-command.
    app = typer.Typer(cls=Group, add_completion=False)

    @app.callback()
    def _root() -> None: ...

    @app.command()
    def stop() -> None:
        raise typer.Abort()

    @app.command()
    def closed() -> None:
        raise EOFError

    from typer.testing import CliRunner

    runner = CliRunner()
    for name, english, welsh in (
        ("stop", "Aborted!\n", "Wedi’i atal!\n"),
        ("closed", "\nAborted!\n", "\nWedi’i atal!\n"),
    ):
        done = runner.invoke(app, [name])
        assert (done.exit_code, done.stderr) == (1, english)
        with i18n.using("cy"):
            done = runner.invoke(app, [name])
        assert (done.exit_code, done.stderr) == (1, welsh)


def test_in_a_terminal_the_error_looks_the_same_in_welsh():
    # Typer draws a "╭─ Error ─" panel only for an app with rich markup; coprotool's has none, so in a real
    # terminal the error is the same lines as piped, in Welsh too.
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "80", "COPROTOOL_LANG": "cy", "TERM": "xterm"}
    child = pexpect.spawn(sys.executable, ["-m", "coprotool", "show"], env=env, encoding="utf-8", timeout=20)
    out = child.read()
    child.close()
    assert child.exitstatus == 2
    assert out.replace("\r\n", "\n") == (
        "Defnydd: coprotool show [OPTIONS] NAME\nRhowch gynnig ar 'coprotool show -h' am gymorth.\n\n"
        "Gwall: Mae’r ymresymiad 'NAME' ar goll.\n"
    )


@pytest.mark.parametrize(
    ("shell", "code", "english", "welsh"),
    [
        (
            "bash",
            0,
            "bash completion installed in {home}/.bash_completions/coprotool.sh\n"
            "Completion will take effect once you restart the terminal\n",
            "Gosodwyd cwblhau awtomatig bash yn {home}/.bash_completions/coprotool.sh\n"
            "Bydd y cwblhau awtomatig yn gweithio unwaith y byddwch yn ailgychwyn y derfynell\n",
        ),
        # Typer says this on standard output; in Welsh it is on standard error, as every message of coprotool's
        ("tcsh", 1, "Shell tcsh is not supported.\n", ""),
    ],
)
def test_install_completion_says_what_it_did_in_the_runs_language(
    invoke, monkeypatch, tmp_path, shell, code, english, welsh
):
    from typer import _completion_shared

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(_completion_shared, "_get_shell_name", lambda: shell)
    for words, expected in (
        (["--install-completion"], english),
        (["COPROTOOL_LANG=cy", "--install-completion"], welsh),
    ):
        done = _run(invoke, words)
        assert (done.exit_code, done.stdout) == (code, expected.format(home=tmp_path))
    assert done.stderr == ("" if code == 0 else "Nid yw’r gragen tcsh yn cael ei chefnogi.\n")
    if shell == "bash":
        assert (tmp_path / ".bashrc").read_text().count("source ") == 1


def test_show_completion_for_a_shell_it_cannot_serve_in_the_runs_language(invoke, monkeypatch):
    from typer import _completion_shared

    monkeypatch.setattr(_completion_shared, "_get_shell_name", lambda: "tcsh")
    monkeypatch.setattr(typer.completion, "_get_shell_name", lambda: "tcsh")
    english = _run(invoke, ["--show-completion"])
    assert (english.exit_code, english.stderr) == (1, "Shell tcsh not supported.\n")
    welsh = _run(invoke, ["COPROTOOL_LANG=cy", "--show-completion"])
    assert (welsh.exit_code, welsh.stdout, welsh.stderr) == (1, "", "Nid yw’r gragen tcsh yn cael ei chefnogi.\n")
    monkeypatch.setattr(_completion_shared, "_get_shell_name", lambda: "bash")
    monkeypatch.setattr(typer.completion, "_get_shell_name", lambda: "bash")
    script = _run(invoke, ["COPROTOOL_LANG=cy", "--show-completion"])
    assert script.exit_code == 0 and script.stdout == _run(invoke, ["--show-completion"]).stdout  # for the shell


def test_a_file_it_cannot_read_in_the_runs_language(invoke, monkeypatch, tmp_path):
    shut = tmp_path / "shut.yaml"
    shut.write_text("answers: {}\n")
    # coprotool runs as root here, which reads every file: the system's answer is made "no" for this run only
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)
    english = _run(invoke, ["report", shut])
    welsh = _run(invoke, ["report", "--lang", "cy", shut])
    said = f"Error: Invalid value for 'FILE': Path '{shut}' is not readable.\n"
    assert (english.exit_code, english.stderr) == (2, _head("report", " FILE") + said)
    assert welsh.exit_code == 2
    assert welsh.stderr.endswith(f"Gwall: Gwerth annilys ar gyfer 'FILE': ni ellir darllen '{shut}'.\n")
