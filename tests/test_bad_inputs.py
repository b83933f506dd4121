"""The corpus of bad inputs (tests/corpus/cases.yaml), and interruptions, output failures and terminals."""

from __future__ import annotations

import builtins
import os
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

CORPUS = Path(__file__).parent / "corpus"
CASES = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
ANSI = re.compile(r"\x1b\[")


def _make(kind: str, tmp: Path) -> None:
    if kind == "huge_yaml":
        (tmp / "huge.yaml").write_text("answers:\n" + "  # padding\n" * 600_000, encoding="utf-8")
    elif kind == "big_field_csv":
        (tmp / "bigfield.csv").write_text('note,assets.1\n"' + "x" * 4_900_000 + '",2\n', encoding="utf-8")
    elif kind == "huge_field_csv":
        text = 'note,assets.1\nfine,1\n"' + "x\n" * 4_500_000 + '",2\n'
        (tmp / "hugefield.csv").write_text(text, encoding="utf-8")
    elif kind == "deep_yaml":
        (tmp / "deep.yaml").write_text("answers: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    elif kind == "deep_catalogue":
        (tmp / "data" / "case_studies" / "sun.yaml").write_text("slug: " + "[" * 50_000, encoding="utf-8")
    elif kind == "deep_json":
        (tmp / "deep.json").write_text('{"answers": ' * 990 + "1" + "}" * 990, encoding="utf-8")
    elif kind == "bigint_yaml":
        (tmp / "bigint.yaml").write_text("answers:\n  assets.1: " + "7" * 5000 + "\n", encoding="utf-8")
    elif kind == "bigint_json":
        (tmp / "bigint.json").write_text('{"answers": {"assets.1": ' + "7" * 5000 + "}}", encoding="utf-8")
    elif kind == "zero_catalogue":
        principles = tmp / "data" / "principles.yaml"
        principles.unlink()
        principles.symlink_to("/dev/zero")
    elif kind == "long_header_csv":
        header = ",".join(f"column {i} with a long name" for i in range(6000)) + ",assets.1"
        assert len(header) > 128 * 1024
        (tmp / "longheader.csv").write_text(header + "\n" + "," * 6000 + "2\n", encoding="utf-8")
    elif kind == "endless_line_csv":
        with (tmp / "endless.csv").open("w", encoding="utf-8") as f:
            f.write("team,assets.1\n")
            for _ in range(9):
                f.write("y" * 1024 * 1024)
    elif kind == "two_file_zip":
        import zipfile

        with zipfile.ZipFile(tmp / "two.zip", "w") as z:
            z.writestr("a.csv", "assets.1\n1\n")
            z.writestr("b.csv", "assets.1\n2\n")
    elif kind == "broken_xlsx":
        import zipfile

        with zipfile.ZipFile(tmp / "broken.xlsx", "w") as z:
            z.writestr("[Content_Types].xml", "<not-quite")
            z.writestr("xl/workbook.xml", "<nope")
    else:
        raise AssertionError(kind)


def _break_data(data: Path, changes: dict) -> None:
    for name, change in changes.items():
        path = data / name
        if change is None:
            path.unlink()
        elif isinstance(change, str):
            path.write_text(change, encoding="utf-8")
        else:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
            target = doc
            for key in change["edit"][:-1]:
                target = target[key]
            target[change["edit"][-1]] = change["value"]
            path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_bad_input(case, invoke, tmp_path, request):
    # A copy of the catalogue only for the cases that name one ({data}), not for every case.
    data_copy = request.getfixturevalue("data_copy") if any("{data}" in str(a) for a in case["args"]) else None
    if case.get("make"):
        _make(case["make"], tmp_path)
    if case.get("data"):
        _break_data(data_copy, case["data"])
    args = [str(a).format(corpus=CORPUS, tmp=tmp_path, data=data_copy) for a in case["args"]]
    result = invoke(*args)
    assert result.exit_code == case["exit"], result.output
    assert "Traceback" not in result.output
    err = result.stderr
    for words in case["says"]:
        assert words in err, f"{words!r} not in {err!r}"
    lines = [line for line in err.splitlines() if not line.startswith("coprotool: warning:")]
    assert len(lines) == case.get("lines", 1), err
    for words in case.get("stdout", []):
        assert words in result.stdout


def test_the_tag_never_ran(invoke, tmp_path, monkeypatch):
    ran = []
    monkeypatch.setattr(os, "system", lambda *a: ran.append(a) or 0)
    invoke("assess", "--answers", CORPUS / "answers_tag.yaml")
    assert ran == []


def test_alias_bomb_is_refused_quickly(invoke):
    import time

    start = time.perf_counter()
    result = invoke("assess", "--answers", CORPUS / "answers_bomb.yaml")
    assert result.exit_code == 1 and time.perf_counter() - start < 2


# Every way YAML nests, each deep enough that libyaml (PyYAML 6.0.4 and later) refuses it in its own words
# ("exceeded maximum nesting depth") if it is ever asked to read it: the limit is ours, checked first.
DEEP_YAML = {
    "flow lists": "answers: " + "[" * 5000 + "]" * 5000,
    "flow mappings": "answers: " + "{a: " * 5000 + "1" + "}" * 5000,
    "flow lists over many lines": "answers:\n" + "  [\n" * 5000,
    "block lists on one line": "answers:\n  " + "- " * 5000 + "x",
    "explicit keys on one line": "? " * 5000 + "x",
    "indentation": "".join(" " * i + "k:\n" for i in range(1200)) + " " * 1200 + "v",
    "tags before every bracket": "answers: " + "!x [" * 5000,
    "anchors before every bracket": "answers: " + "&a {b: " * 5000,
}


@pytest.mark.parametrize("text", DEEP_YAML.values(), ids=DEEP_YAML.keys())
def test_deep_yaml_gets_our_sentence_whatever_the_parser_would_say(text, invoke, tmp_path):
    (tmp_path / "deep.yaml").write_text(text, encoding="utf-8")
    result = invoke("assess", "--answers", tmp_path / "deep.yaml")
    assert result.exit_code == 1, result.output
    assert "lists and mappings nest more than 50 levels deep; check that this is the right file" in result.stderr
    assert "exceeded maximum nesting depth" not in result.stderr


def test_brackets_in_quotes_block_text_and_words_do_not_count():
    from coprotool.depth import MAX_DEPTH, check_yaml_depth
    from coprotool.yamlio import parse_yaml

    text = (
        "quoted: '[[[[[[[[[[' \n"
        'double: "{{{{{{{{{{\\"[[[[[["\n'
        "words: see [[[[[[[[[[ and {{{{{{{{{{\n"
        "block: |\n" + "  [[[[[[[[[[{{{{{{{{{{\n" * 10 + "# [[[[[[[[[[[[[[[[[[[[[[[[[[\n"
        "end: [1, [2, {a: [3]}]]\n"
    )
    assert text.count("[") + text.count("{") > MAX_DEPTH  # so the full count runs, not the quick one
    check_yaml_depth(text, "ok.yaml")
    assert parse_yaml(text, "ok.yaml")["end"] == [1, [2, {"a": [3]}]]


def _nested(depth: int, kinds: list[str], leaf: str) -> object:
    value: object = leaf
    for level in range(depth):
        value = [value] if kinds[level % len(kinds)] == "list" else {"k": value}
    return value


@given(
    depth=st.integers(min_value=1, max_value=120),
    kinds=st.lists(st.sampled_from(["list", "mapping"]), min_size=1, max_size=4),
    flow=st.sampled_from([None, True, False]),
    indent=st.integers(min_value=2, max_value=4),
    leaf=st.text(alphabet="ab :#-?[]{},'\"|>!&*\n\\", max_size=12),
)
@settings(deadline=None)
def test_the_raw_text_count_never_misses_a_deep_file_nor_refuses_a_shallow_one(depth, kinds, flow, indent, leaf):
    from coprotool.depth import MAX_DEPTH, check_yaml_depth
    from coprotool.errors import DataError

    text = yaml.safe_dump(_nested(depth, kinds, leaf), default_flow_style=flow, indent=indent, width=10_000)
    try:
        check_yaml_depth(text, "x.yaml")
    except DataError:
        assert depth > MAX_DEPTH - 5, text  # an upper bound, a few levels generous at most
    else:
        assert depth <= MAX_DEPTH, text


# -- prompts: end of input, Ctrl-C, long answers, control characters ---------------------------------
def _steps(cat) -> int:
    from coprotool.session import steps_for

    return 2 + len(steps_for(cat.framework))  # name and keywords, then every step


def _typed(cat, value: str) -> list[str]:
    """Name, keywords, then `value` at every question and grid step and Enter at each note."""
    from coprotool.session import NoteStep, steps_for

    return ["Svc", ""] + ["" if isinstance(s, NoteStep) else value for s in steps_for(cat.framework)]


def _stops(cat) -> list[int]:
    """Where a run is stopped: before anything, at the name, at the keywords, at the first step of each kind
    (question, note, grid), one after it and at the last. A sample, not every prompt: each prompt of a kind
    ends through the same code, and every prompt takes a whole run (the loop over all of them was 20 s)."""
    from coprotool.session import steps_for

    first: dict[type, int] = {}
    for i, step in enumerate(steps_for(cat.framework)):
        first.setdefault(type(step), 2 + i)
    assert len(first) == 3  # questions, notes and the grid
    return sorted({0, 1, 2, *first.values(), *(i + 1 for i in first.values()), _steps(cat) - 1})


def test_end_of_input_at_each_kind_of_prompt_keeps_what_was_typed(cat, invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for stop in _stops(cat):
        lines = _typed(cat, "2")[:stop]
        result = invoke("assess", input="\n".join(lines) + ("\n" if lines else ""))
        assert result.exit_code == 1, (stop, result.output)
        if stop == 0:  # nothing typed: nothing to keep, and no empty resume file
            assert "nothing had been entered, so nothing was saved" in result.stderr
            assert not list(tmp_path.glob("coprotool-resume-*"))
            continue
        assert "Input ended" in result.stderr and "--resume" in result.stderr
        saved = sorted(tmp_path.glob("coprotool-resume-*.yaml"))[-1]
        data = yaml.safe_load(saved.read_text())
        assert data["format_version"] == 1 and data["progress"] == max(0, stop - 2)
        saved.unlink()


def test_ctrl_c_at_each_kind_of_prompt_keeps_what_was_typed(cat, invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    real_input = builtins.input
    for stop in _stops(cat):
        calls = {"n": 0}

        def fake_input(prompt="", stop=stop, calls=calls):
            calls["n"] += 1
            if calls["n"] > stop:
                raise KeyboardInterrupt
            return real_input(prompt)

        monkeypatch.setattr(builtins, "input", fake_input)
        result = invoke("assess", input="\n".join(_typed(cat, "3")) + "\n")
        assert result.exit_code == 130 and "Interrupted" in result.stderr, stop
        if stop == 0:
            assert not list(tmp_path.glob("coprotool-resume-*"))
            continue
        saved = sorted(tmp_path.glob("coprotool-resume-*.yaml"))[-1]
        assert yaml.safe_load(saved.read_text())["progress"] == max(0, stop - 2)
        saved.unlink()
    monkeypatch.setattr(builtins, "input", real_input)


def test_resume_file_in_an_unwritable_folder_falls_back_to_temp(cat, invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    from coprotool import files

    real = files.AtomicWriter.__init__
    calls = {"n": 0}

    def refuse_first(self, path, force=False, mode=None):
        calls["n"] += 1
        if calls["n"] == 1:
            raise files.CoprotoolError("Cannot write here: Permission denied.")
        real(self, path, force, mode)

    monkeypatch.setattr(files.AtomicWriter, "__init__", refuse_first)
    result = invoke("assess", input="Svc\n\n2\n")
    assert result.exit_code == 1
    saved = re.search(r"saved in (\S+);", result.stderr).group(1)
    assert Path(saved).parent != tmp_path and yaml.safe_load(Path(saved).read_text())["answers"] == {"assets.1": 2}
    Path(saved).unlink()


def test_long_answers_and_control_characters(cat, invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # name, keywords; a huge answer and one of control characters (both refused, and asked again);
    # then the three assets questions and the note.
    steps = ["Svc\x1b[31m red", ""] + ["x" * 100_000, "\x07\x1b[2J2"] + ["2"] * 3 + ["note\x00 with\x1b[0m junk"]
    result = invoke("assess", "-f", "json", input="\n".join(steps + [""] * 40) + "\n")
    assert result.exit_code == 0, result.output
    assert "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" not in result.stderr  # long input is cut in messages
    import json

    data = json.loads(result.stdout)
    assert data["service"] == "Svc[31m red" and "\x1b" not in data["service"]
    assert data["notes"]["assets"] == "note with[0m junk"
    assert "?[2J2" in result.stderr  # control characters are shown harmlessly


# -- output failures leave existing files as they were ------------------------------------------------
def test_interrupted_write_leaves_the_old_file(invoke, tmp_path, monkeypatch):
    target = tmp_path / "result.yaml"
    target.write_text("the old result\n")
    from coprotool import files

    def boom(src, dst):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(files.os, "replace", boom)
    result = invoke("assess", "--answers", CORPUS / "answers_ok.yaml", "--save", target, "--force")
    assert result.exit_code == 1
    assert "Read-only file system" in result.stderr and "earlier file there is unchanged" in result.stderr
    assert target.read_text() == "the old result\n"
    assert [p.name for p in tmp_path.iterdir()] == ["result.yaml"]  # no temporary file left behind


def test_unwritable_folder(invoke, tmp_path, monkeypatch):
    from coprotool import files

    def denied(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkstemp", denied)
    result = invoke("score", CORPUS / "csv_labels.csv", "-o", tmp_path / "out.csv")
    assert result.exit_code == 1 and "Permission denied" in result.stderr
    assert not (tmp_path / "out.csv").exists()


def test_existing_outputs_are_not_overwritten_without_force(invoke, tmp_path):
    for args in (
        ["assess", "--answers", CORPUS / "answers_ok.yaml", "--save"],
        ["assess", "--answers", CORPUS / "answers_ok.yaml", "--svg"],
        ["score", CORPUS / "csv_labels.csv", "-o"],
        ["show", "sun", "--svg"],
    ):
        target = tmp_path / "precious.txt"
        target.write_text("keep me")
        result = invoke(*args, target)
        assert result.exit_code == 1 and "already exists" in result.stderr and "--force" in result.stderr
        assert target.read_text() == "keep me"


# -- terminals: NO_COLOR, TERM=dumb, piped, 40 columns ---------------------------------------------
COMMANDS = [
    ["show", "sun"],
    ["show", "networks"],
    ["list"],
    ["principles"],
    ["resources"],
    ["assess", "--answers", str(CORPUS / "answers_ok.yaml")],
    ["template"],
    ["score", str(CORPUS / "csv_labels.csv"), "-f", "table"],
    ["score", str(CORPUS / "csv_labels.csv"), "-f", "table", "-g", "respondent"],
]


@pytest.mark.parametrize("columns", ["40", "80"])
@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a[:2]) for a in COMMANDS])
def test_every_command_reads_in_a_dumb_narrow_terminal(runner, args, columns):
    from coprotool.cli import app

    env = {"COLUMNS": columns, "TERM": "dumb", "NO_COLOR": "1"}
    result = runner.invoke(app, args, env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.strip() and not ANSI.search(out)
    assert "█" not in out and "▒" not in out  # ASCII fills on a dumb terminal
    if args[0] != "template":  # the template is a file to save, not a screen
        # A web address is never split (it must copy whole), so a line holding one may run long.
        long_address = re.compile(r"https?://\S{" + str(int(columns) // 2) + ",}")
        lines = [line for line in out.splitlines() if not long_address.search(line)]
        assert max(len(line) for line in lines) <= int(columns) + 1
    if args[:2] == ["show", "sun"]:
        assert "#" in out and "+" in out  # strength as ASCII fill: # is 3, + is 2
        if columns == "40":  # no room for labels beside the wedge: a key says which segment is which
            assert "Clockwise from the top" in out


def test_colour_only_when_wanted(runner):
    from coprotool.cli import app

    coloured = runner.invoke(
        app, ["show", "sun"], env={"FORCE_COLOR": "1", "NO_COLOR": None, "TERM": "xterm"}, color=True
    )
    assert ANSI.search(coloured.stdout)
    plain = runner.invoke(app, ["show", "sun"], env={"NO_COLOR": "1"})
    assert not re.search(r"\x1b\[[0-9;]*38;", plain.stdout)  # no colour codes with NO_COLOR
    assert "█" in plain.stdout  # the strength still shows as fill


def test_closed_pipe_is_quiet(tmp_path):
    import subprocess
    import sys

    for cmd in ("list", "show shared-lives", "principles", "resources"):
        out = subprocess.run(
            f"'{sys.executable}' -m coprotool {cmd} | head -1", shell=True, capture_output=True, text=True
        )
        assert out.stdout.strip() and out.stderr == "", (cmd, out.stderr)
