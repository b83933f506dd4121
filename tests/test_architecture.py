"""House rules, checked: the library core never imports the CLI or Rich; light modules stay light."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

import coprotool

PACKAGE = Path(coprotool.__file__).parent
# The pure core: data, scoring, suggestions, batch. No printing, no prompting, no terminal libraries.
CORE = [
    "model",
    "catalogue",
    "validate",
    "yamlio",
    "cache",
    "errors",
    "files",
    "lookup",
    "filters",
    "export",
    "scoring",
    "suggest",
    "assessment",
    "session",
    "resume",
    "results",
    "template",
    "progress",
    "room/state",
    "actions",
    "feedback",
]
# The whole survey package is core, every module in it (a new one is checked without being listed).
SURVEY = sorted(f"survey/{p.stem}" for p in (PACKAGE / "survey").glob("*.py"))
CORE += SURVEY
# Renderers that build text for people without needing Rich (it is used only when colour is shown).
RICH_FREE_RENDER = [
    "render/doc",
    "render/table",
    "render/lists",
    "render/results",
    "render/styled",
    "render/wedge",
    "render/casestudy",
    "render/result",
    "render/progress",
    "render/svg",
    "render/report",
    "render/actions",
    "render/feedback",
]


def _imports(module: str) -> set[str]:
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.level and node.module:
            names.add("." + node.module.split(".")[0])
    return names


def test_core_never_imports_typer_click_rich_or_the_cli():
    for module in CORE:
        found = _imports(module) & {"typer", "click", "rich", ".cli", ".render", "starlette", "uvicorn", "jinja2"}
        assert not found, f"{module}.py imports {found}"


def test_the_survey_package_is_core_and_has_the_whole_run():
    assert {"survey/open", "survey/rows", "survey/run", "survey/write"} <= set(SURVEY)
    assert set(SURVEY) <= set(CORE)


def test_a_whole_survey_run_loads_no_cli_terminal_or_renderer(tmp_path):
    """`score_survey` reads, scores and writes a file with no CLI, Rich, Typer or renderer in the process."""
    (tmp_path / "s.csv").write_text("Team,assets.1,assets.2\nA,2,x\nB,3,1\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from coprotool.catalogue import Catalogue\n"
        "from coprotool.survey import Hooks, OutputOptions, ScoreRequest, score_survey\n"
        f"out = OutputOptions(Path({str(tmp_path / 'o.json')!r}), 'json', group_by='Team')\n"
        f"s = score_survey(ScoreRequest({str(tmp_path / 's.csv')!r}, output=out), Catalogue(None).framework)\n"
        "print(s.scored, s.rejected, sorted({type(n).__name__ for n in s.notices}))\n"
        "heavy = ('rich', 'typer', 'click', 'coprotool.cli', 'coprotool.render')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    env = {**os.environ, "COPROTOOL_NO_CACHE": "1"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert done.stdout.splitlines() == ["1 1 ['BadRow', 'Note']", "[]"], done.stderr
    assert (tmp_path / "o.json").read_text(encoding="utf-8").startswith("[\n{")


def test_plain_renderers_do_not_import_rich_at_module_level():
    for module in RICH_FREE_RENDER:
        tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
        top = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
        names = {(n.module or "") if isinstance(n, ast.ImportFrom) else n.names[0].name for n in top}
        assert not any(name.startswith("rich") for name in names), module


@pytest.mark.parametrize("args", [["show", "sun"], ["list"]], ids=["show", "list"])
def test_a_plain_look_up_does_not_load_rich_or_yaml(tmp_path, args):
    code = (
        f"import sys; from coprotool.cli import main; sys.argv = ['coprotool', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('rich', 'yaml', 'pandas', 'platformdirs') if m in sys.modules), file=sys.stderr)"
    )
    # Once to fill the parse cache, once to look.
    for _ in range(2):
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "XDG_CACHE_HOME": str(tmp_path)},
        )
    assert out.stderr.strip().splitlines()[-1] == "[]", out.stderr


def test_command_modules_depend_one_way():
    """assess drives the interactive run, which writes outputs; nothing imports back up that chain."""
    assert ".assess" not in _imports("cli/interactive") and ".assess" not in _imports("cli/outputs")
    assert ".interactive" not in _imports("cli/outputs")


def test_platformdirs_is_imported_only_when_results_are_kept_or_read():
    tree = ast.parse((PACKAGE / "results.py").read_text(encoding="utf-8"))
    top = {n.module for n in tree.body if isinstance(n, ast.ImportFrom)} | {
        a.name for n in tree.body if isinstance(n, ast.Import) for a in n.names
    }
    assert "platformdirs" not in top


def test_the_web_stack_loads_only_for_the_room(tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text("answers: {assets.1: 2}\n")
    code = (
        "import sys; from coprotool.cli import main\n"
        f"sys.argv = ['coprotool', 'assess', '--answers', {str(answers)!r}, '--format', 'json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('starlette', 'uvicorn', 'segno', 'httptools', 'coprotool.room.app')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)"
    )
    env = {**os.environ, "COPROTOOL_NO_CACHE": "1"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert done.stderr.strip().splitlines()[-1] == "[]"


HEAVY = (
    "python_calamine",
    "rapidfuzz",
    "xlsxwriter",
    "rich",
    "jinja2",
    "starlette",
    "uvicorn",
    "segno",
    "icalendar",
    "babel",
)


@pytest.mark.parametrize("args", [["--help"], ["show", "sun"], ["score", "--help"]])
def test_start_up_does_not_import_the_workbook_fuzzy_or_server_libraries(tmp_path, args):
    code = (
        f"import sys; from coprotool.cli import main; sys.argv = ['coprotool', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "XDG_CACHE_HOME": str(tmp_path)},
    )
    found = out.stderr.strip().splitlines()[-1]
    # `--help` is drawn by Typer through Rich; everything else heavy must stay out.
    assert found in ("[]", "['rich']"), out.stderr


def test_scoring_a_csv_does_not_import_the_workbook_readers(tmp_path):
    (tmp_path / "s.csv").write_text("assets.1\n2\n", encoding="utf-8")
    code = (
        f"import sys; from coprotool.cli import main; sys.argv = ['coprotool', 'score', {str(tmp_path / 's.csv')!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('python_calamine', 'xlsxwriter') if m in sys.modules), file=sys.stderr)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    assert out.stderr.strip().splitlines()[-1] == "[]", out.stderr


# Output leaves coprotool through cli/common.py only (echo, fail, note, console, print_styled, echo_json),
# where text.safe_text cleans it: nothing read from a file can reach a terminal as an escape sequence.
_RAW_OUTPUT = {
    ("typer", "echo"),
    ("click", "echo"),
    ("sys.stdout", "write"),
    ("sys.stderr", "write"),
}


def _raw_output_calls(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in ("print", "Console"):
            found.append(f"{func.id}() at line {node.lineno}")
        elif isinstance(func, ast.Attribute):
            owner = ast.unparse(func.value)
            if (owner, func.attr) in _RAW_OUTPUT or func.attr == "Console":
                found.append(f"{owner}.{func.attr}() at line {node.lineno}")
    return found


def test_output_goes_through_the_one_sanitiser():
    offenders = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel == "cli/common.py":
            continue
        calls = _raw_output_calls(ast.parse(path.read_text(encoding="utf-8")))
        if rel == "cli/__init__.py":  # --version prints a constant
            calls = [c for c in calls if not c.startswith("typer.echo")]
        if calls:
            offenders[rel] = calls
    assert offenders == {}


@pytest.mark.parametrize(("command", "loads"), [("assess", False), ("compare", False), ("report", True)])
def test_jinja2_loads_only_when_a_report_is_written(tmp_path, command, loads):
    answers = tmp_path / "a.yaml"
    answers.write_text("answers: {assets.1: 2}\ndate: 2026-01-01\n")
    args = {
        "assess": ["assess", "--answers", str(answers)],
        "compare": ["compare", str(answers), str(answers)],
        "report": ["report", str(answers)],
    }[command]
    code = (
        f"import sys; from coprotool.cli import main; sys.argv = ['coprotool', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('jinja2' in sys.modules, file=sys.stderr)"
    )
    env = {**os.environ, "COPROTOOL_NO_CACHE": "1", "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert done.stderr.strip().splitlines()[-1] == str(loads), done.stderr
