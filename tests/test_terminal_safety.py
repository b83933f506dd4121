"""Nothing read from a file reaches the terminal raw: every escape sequence, through every output path.

Escapes are planted in one place (an answers file, a CSV cell or header, catalogue text, a file name) and
the command that shows it is run; the bytes written to stdout and stderr must hold none of them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from coprotool.text import is_safe, safe_text

ESCAPES = {
    "clear screen": "\x1b[2J",
    "window title": "\x1b]0;title\x07",
    "hyperlink": "\x1b]8;;http://evil.example\x1b\\",
    "clipboard": "\x1b]52;c;ZXZpbA==\x07",
    "hidden text": "\x1b[8m",
    "bidi override": "\u202e",
    "zero width": "\u200b",
    "C1 CSI": "\x9b31m",
    "tag characters": "\U000e0041\U000e0042",
    "soft hyphen": "\u00ad",
    "Hangul filler": "\u3164",
    "line separator": "\u2028",
}
# What must never appear in the bytes written (Rich's own colour codes use other sequences).
FORBIDDEN = [
    b"\x1b[2J",
    b"\x1b]",
    b"\x1b[8m",
    b"\x07",
    *(ch.encode() for ch in "\x9b\u202e\u200b\U000e0041\u00ad\u3164\u2028"),
]
ESC = b"\x1b"


def _answers(tmp: Path, esc: str, name: str = "evil.yaml") -> Path:
    doc = {
        "service": f"Sun{esc}rise",
        "keywords": [f"Peer{esc} Support"],
        "answers": {"assets.1": 2, "networks.1": "Mostly"},
        "notes": {"assets": f"a note {esc} here", "networks": f"n{esc}"},
        "grid": {"plan": "together", "deliver": "together"},
    }
    path = tmp / name
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def _csv(tmp: Path, text: str, name: str = "survey.csv") -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def _catalogue(data: Path, esc: str) -> None:
    p = data / "principles.yaml"
    doc = yaml.safe_load(p.read_text(encoding="utf-8"))
    doc["principles"][0]["name"]["en"] = f"Assets{esc}"  # the standard English of a text given in variants
    doc["principles"][0]["meaning"]["en"] = f"Meaning {esc} here"
    p.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    c = data / "case_studies" / "sun.yaml"
    doc = yaml.safe_load(c.read_text(encoding="utf-8"))
    doc["name"] = f"Service{esc} User Network"
    doc["summary"] = f"Summary {esc} text"
    c.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    r = data / "resources.yaml"
    doc = yaml.safe_load(r.read_text(encoding="utf-8"))
    doc["resources"][0]["title"] = f"Title {esc} here"
    r.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _file_name(esc: str) -> str:
    return "bad" + esc.replace("/", "_") + ".csv"


# Each path: (tmp, data copy, escape) -> the command's arguments.
PATHS: dict[str, Callable[[Path, Path, str], list[str]]] = {
    "assess --answers": lambda t, d, e: ["assess", "--answers", str(_answers(t, e))],
    "show -f yaml": lambda t, d, e: ["show", "sun", "-f", "yaml", "--data-dir", str(d)],
    "report markdown": lambda t, d, e: ["report", str(_answers(t, e)), "-f", "markdown"],
    "report html": lambda t, d, e: ["report", str(_answers(t, e))],
    "compare": lambda t, d, e: ["compare", str(_answers(t, e)), str(_answers(t, e, "b.yaml"))],
    "score table cell": lambda t, d, e: ["score", str(_csv(t, f"who,assets.1\nr{e}1,2\n")), "-f", "table"],
    "score group": lambda t, d, e: ["score", str(_csv(t, f"who,assets.1\nr{e}1,2\n")), "-f", "table", "-g", "who"],
    "score dry-run header": lambda t, d, e: ["score", str(_csv(t, f"who{e},assets.1\nr1,2\n")), "--dry-run"],
    "score rejection": lambda t, d, e: ["score", str(_csv(t, f"who,assets.1\nr1,2{e}\n")), "-f", "table"],
    "score file name": lambda t, d, e: ["score", str(_csv(t, "who,assets.1\nr1,9\n", _file_name(e)))],
    "missing file name": lambda t, d, e: ["assess", "--answers", str(t / _file_name(e))],
    "save file name": lambda t, d, e: [
        "assess",
        "--answers",
        str(_answers(t, "")),
        "--save",
        str(t / _file_name(e).replace(".csv", ".yaml")),
    ],
    "show principle": lambda t, d, e: ["show", "assets", "--data-dir", str(d)],
    "show case study": lambda t, d, e: ["show", "sun", "--data-dir", str(d)],
    "list": lambda t, d, e: ["list", "--data-dir", str(d)],
    "principles": lambda t, d, e: ["principles", "--data-dir", str(d)],
    "resources": lambda t, d, e: ["resources", "--data-dir", str(d)],
}


@pytest.fixture(scope="module")
def evil_data(tmp_path_factory) -> Iterator[Callable[[str], Path]]:
    """A copy of the catalogue with `esc` planted in its text, made and parsed once per escape (the CLI runs
    share the parse, as they share the shipped catalogue's: see the `cat` fixture)."""
    import shutil

    from coprotool.catalogue import Catalogue, default_data_dir
    from coprotool.cli.common import SHARED

    made: dict[str, Path] = {}

    def get(esc: str) -> Path:
        if esc not in made:
            folder = tmp_path_factory.mktemp("data") / "data"
            shutil.copytree(default_data_dir(), folder)
            _catalogue(folder, esc)
            parsed = Catalogue(folder)
            parsed.validate()
            SHARED[parsed.data_dir.resolve()] = parsed
            made[esc] = folder
        return made[esc]

    yield get
    for folder in made.values():
        SHARED.pop(folder.resolve(), None)


def _run(runner, tmp_path: Path, evil_data, path: str, esc: str, colour: bool):
    from coprotool.cli import app

    data = evil_data(esc) if "--data-dir" in PATHS[path](tmp_path, tmp_path, "") else tmp_path
    args = PATHS[path](tmp_path, data, esc)
    env = {"FORCE_COLOR": "1", "NO_COLOR": None} if colour else {}
    return runner.invoke(app, args, env=env, color=colour, catch_exceptions=False)


# Each path is run with every escape planted at once, each between two letters, which shows the path goes
# through the sanitiser; the answers-file path, which reaches most of the renderers, is also run with each
# escape on its own, so that one escape's rule never hides another's gap. (The sanitiser itself meets each
# escape alone below.)
EVERY = "x".join(ESCAPES.values())


def _cases(paths) -> list:
    whole = [pytest.param(path, EVERY, id=f"{path}-every escape") for path in paths]
    return whole + [pytest.param("assess --answers", e, id=f"assess --answers-{k}") for k, e in ESCAPES.items()]


@pytest.mark.parametrize(("path", "esc"), _cases(PATHS))
def test_no_escape_reaches_plain_output(runner, tmp_path, evil_data, path, esc):
    result = _run(runner, tmp_path, evil_data, path, esc, colour=False)
    written = result.stdout_bytes + result.stderr_bytes
    assert "Traceback" not in result.output
    assert ESC not in written and not any(bad in written for bad in FORBIDDEN), written[-400:]


@pytest.mark.parametrize(("path", "esc"), _cases(["assess --answers", "show case study", "principles"]))
def test_no_escape_reaches_coloured_output(runner, tmp_path, evil_data, path, esc):
    result = _run(runner, tmp_path, evil_data, path, esc, colour=True)
    written = result.stdout_bytes + result.stderr_bytes
    assert ESC in result.stdout_bytes  # the colour path really ran
    assert not any(bad in written for bad in FORBIDDEN), written[-400:]


def test_json_output_stays_exact_and_safe(invoke, tmp_path):
    esc = "".join(ESCAPES.values())
    result = invoke("assess", "--answers", _answers(tmp_path, esc), "-f", "json")
    assert result.exit_code == 0
    assert not any(bad in result.stdout_bytes for bad in [ESC, *FORBIDDEN])
    assert json.loads(result.stdout)["service"] == f"Sun{esc}rise"  # the data is exact


# -- Rich markup is never interpreted ---------------------------------------------------------------
def test_brackets_in_a_file_name_are_shown_as_written(invoke, tmp_path):
    (tmp_path / "d[" / "b]").mkdir(parents=True)
    for name in ("out[x].yaml", "d[/b]/x.yaml", "[bold]x[_bold].yaml"):
        result = invoke("assess", "--answers", _answers(tmp_path, ""), "--save", tmp_path / name)
        assert result.exit_code == 0, result.output
        assert f"Saved to {tmp_path / name}" in " ".join(result.stderr.split())


def test_brackets_in_catalogue_text_are_shown_as_written(runner, data_copy):
    from coprotool.cli import app

    p = data_copy / "principles.yaml"
    doc = yaml.safe_load(p.read_text(encoding="utf-8"))
    doc["principles"][0]["name"]["en"] = "Assets [draft]"
    p.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for colour in (False, True):
        env = {"FORCE_COLOR": "1", "NO_COLOR": None} if colour else {}
        for args in (["principles"], ["show", "assets"]):
            result = runner.invoke(app, [*args, "--data-dir", str(data_copy)], env=env, color=colour)
            assert result.exit_code == 0, result.output
            assert "Assets [draft]" in result.stdout or "ASSETS [DRAFT]" in result.stdout, (args, colour)


# -- the sanitiser itself ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain text\nwith\ttab", "plain text\nwith\ttab"),
        ("a\x1b[2Jb", "ab"),
        ("a\x1b[1;31mb\x1b[0m", "ab"),
        ("a\x1b]0;title\x07b", "ab"),
        ("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),
        ("a\x1b]52;c;ZXZpbA==\x07b", "ab"),
        ("a\x1b]0;no end\nnext", "a end\nnext"),  # an unterminated string loses its first word only
        ("Alpha \x1b]0;T Bravo Charlie", "Alpha  Bravo Charlie"),  # as Rich leaves it after dropping the BEL
        ("a\x1b]0;T\x1b[2Jb c", "a c"),
        ("a\x1bPdcs\x1b\\b", "ab"),
        ("a\x1b(Bb", "ab"),
        ("a\x1b", "a"),
        ("a\x9b31mb", "ab"),
        ("a\x9d0;t\x9cb", "ab"),
        ("a\u202eb\u2066c\u2069", "abc"),
        ("a\u200bb\u200dc\u2060d\ufeff", "abcd"),
        ("tag\U000e0041\U000e007f soft\u00ad fill\u3164\uffa0\u115f line\u2028para\u2029", "tag soft fill linepara"),
        ("a\x00b\x07c\x7fd\x85e", "a?b?c?d?e"),
        ("line\r\nnext\rover", "line\nnext?over"),
        ("bad \udcff byte", "bad ? byte"),
        ("Zoë → ☂ 中文 👍", "Zoë → ☂ 中文 👍"),
    ],
)
def test_safe_text(raw, shown):
    assert safe_text(raw) == shown
    assert is_safe(shown)
    assert safe_text(shown) == shown


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Mostly\u200b", "Mostly\\u200b"),
        ("tag\U000e0041", "tag\\U000e0041"),
        ("a\u2028b\u00adc", "a\\u2028b\\u00adc"),
        ("a\x1b]0;t\x07b\x1b[2Jc\x00", "abc?"),
        ("plain", "plain"),
    ],
)
def test_safe_text_can_show_invisible_characters(raw, shown):
    assert safe_text(raw, visible=True) == shown


@pytest.mark.parametrize(
    ("raw", "one_line"),
    [
        ("bad\nname.yaml", "bad\\nname.yaml"),
        ("a\r\nb\tc", "a\\r\\nb\\tc"),
        ("x\u2028y\u200b", "x\\u2028y\\u200b"),
        ("esc\x1b[2J\x1b]0;t\x07.csv", "esc?[2J?]0;t?.csv"),
        ("Zoë ☂.yaml", "Zoë ☂.yaml"),
    ],
)
def test_a_quoted_value_or_file_name_stays_on_one_line_and_hides_nothing(raw, one_line):
    from pathlib import Path

    from coprotool.errors import excerpt
    from coprotool.text import file_name, shown

    assert shown(raw) == file_name(raw) == one_line
    assert file_name(Path(raw)) == one_line or "/" in raw
    assert excerpt(raw, limit=1000) == one_line
    assert "\n" not in shown(raw) and is_safe(shown(raw))


def test_a_rejected_value_shows_the_invisible_character_that_made_it_wrong(invoke, tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text('service: Svc\nanswers:\n  networks.1: "Mostly\\u200b"\n', encoding="utf-8")
    result = invoke("assess", "--answers", path)
    assert result.exit_code == 1
    assert "'Mostly\\u200b' is not a value or label on the scale" in result.stderr


def test_a_newline_in_a_file_name_does_not_start_a_line_of_its_own(invoke, tmp_path):
    for name in ("bad\nname.yaml", "coprotool: fake\nline.yaml"):
        path = tmp_path / name
        missing = invoke("assess", "--answers", path)
        assert missing.exit_code != 0 and missing.stderr.count("\n") == 1, missing.stderr
        assert name.replace("\n", "\\n") in missing.stderr
        path.write_text("service: [unclosed\n", encoding="utf-8")
        broken = invoke("assess", "--answers", path)
        assert broken.exit_code == 1 and broken.stderr.count("\n") == 1, broken.stderr


def test_text_after_a_bel_terminated_sequence_is_kept_on_a_terminal(invoke, tmp_path, runner):
    import datetime

    from coprotool.cli import app

    path = tmp_path / "answers.yaml"
    doc = {"service": "Alpha \x1b]0;T\x07 Bravo Charlie", "answers": {"assets.1": 2}}
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    env = {"FORCE_COLOR": "1", "NO_COLOR": None}
    for colour in (True, False):
        result = runner.invoke(app, ["assess", "--answers", str(path)], env=env if colour else {}, color=colour)
        assert result.exit_code == 0, result.output
        first = result.stdout.splitlines()[0]
        assert "Alpha" in first and "Bravo Charlie" in first, (colour, first)
        assert datetime.date.today().isoformat() in first, (colour, first)
        assert not any(bad in result.stdout_bytes for bad in FORBIDDEN)


def test_safe_text_is_safe_on_anything():
    from hypothesis import given
    from hypothesis import strategies as st

    @given(st.text())
    def check(text: str) -> None:
        out = safe_text(text)
        assert is_safe(out) and safe_text(out) == out

    check()


# -- markup outputs: SVG always well-formed, Markdown never passes HTML through ----------------------
def test_svg_is_well_formed_whatever_the_service_is_called(invoke, tmp_path):
    import xml.etree.ElementTree as ET

    answers = _answers(tmp_path, "\x01\x08\x1b[2J\ufffe<&>\"'")
    out = tmp_path / "wedge.svg"
    result = invoke("assess", "--answers", answers, "--svg", out)
    assert result.exit_code == 0, result.output
    root = ET.fromstring(out.read_bytes())  # raises on anything that is not well-formed XML
    assert any("<&>" in (el.text or "") for el in root.iter())


def test_markdown_report_escapes_html_from_answers_and_catalogue(invoke, tmp_path, data_copy):
    tag = "<img src=x onerror=alert(1)>"
    p = data_copy / "principles.yaml"
    doc = yaml.safe_load(p.read_text(encoding="utf-8"))
    doc["principles"][0]["name"]["en"] = f"Assets {tag}"
    doc["principles"][0]["levels"][2]["en"] = f"Level two {tag}"
    doc["depth_levels"][0]["name"]["en"] = f"Descriptive {tag}"
    p.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    c = data_copy / "case_studies" / "shared-lives.yaml"
    doc = yaml.safe_load(c.read_text(encoding="utf-8"))
    doc["location"] = f"Here {tag}"
    c.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    answers = _answers(tmp_path, tag)
    result = invoke("report", answers, "-f", "markdown", "--data-dir", data_copy)
    assert result.exit_code == 0, result.output
    assert "<img" not in result.stdout and "&lt;img" in result.stdout


def test_yaml_output_stays_exact_and_safe(invoke, tmp_path):
    esc = "".join(ESCAPES.values())
    saved = tmp_path / "saved.yaml"
    result = invoke("assess", "--answers", _answers(tmp_path, esc), "--save", saved)
    assert result.exit_code == 0, result.output
    raw = saved.read_bytes()
    assert not any(bad in raw for bad in [ESC, *FORBIDDEN])
    assert yaml.safe_load(raw)["service"] == f"Sun{esc}rise"  # the data is exact
    shown = invoke("assess", "--answers", saved, "-f", "json")
    assert json.loads(shown.stdout)["service"] == f"Sun{esc}rise"  # and reads back the same
