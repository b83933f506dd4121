"""`score FILE` writing CSV to standard output runs every cell and header through text.safe_text; CSV
written to a file keeps each cell exactly (formulas neutralised as always)."""

from __future__ import annotations

import csv
import io

import pytest

HOSTILE = [
    "\x1b]52;c;UFdORUQ=\x07",  # OSC 52: write the clipboard
    "\x1b]0;pwned\x07",  # set the window title
    "\x1b[2J",  # clear the screen
    "\x1b]8;;https://example.org\x07link\x1b]8;;\x07",  # OSC 8 link
    "\x9b31m",  # 8-bit CSI
    "\u202eevil",  # right-to-left override
]


def _survey(tmp_path, cat, cell: str):
    ids = [q.id for q in cat.framework.questions]
    path = tmp_path / "s.csv"
    header = [f"Team{cell}", *ids]
    rows = [[f"North{cell}", *["2"] * len(ids)], [f"South{cell}", *["1"] * len(ids)]]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header, *rows])
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize("cell", HOSTILE)
def test_no_escape_reaches_standard_output(cat, invoke, tmp_path, cell):
    path = _survey(tmp_path, cat, cell)
    for extra in ([], ["--group-by", f"Team{cell}"]):
        result = invoke("score", path, *extra)
        assert result.exit_code == 0, result.stderr
        out = result.stdout
        assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out and "\x07" not in out
        assert out.startswith("Team") and "North" in out


@pytest.mark.parametrize("cell", HOSTILE)
@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_on_standard_output_escapes_them_and_reads_back_the_same(cat, invoke, tmp_path, cell, fmt):
    import json

    path = _survey(tmp_path, cat, cell)
    result = invoke("score", path, "-f", fmt)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out and "\x07" not in out
    rows = json.loads(out) if fmt == "json" else [json.loads(line) for line in out.splitlines()]
    assert rows[0]["fields"] == {f"Team{cell}": f"North{cell}"}


def test_json_escapes_a_character_beyond_the_first_plane_as_a_pair():
    import json

    from coprotool.render.survey import json_text

    tag = "x\U000e0041y"  # a tag character: invisible, so escaped when it is not safe to show
    text = json_text({"a": tag}, escape_unsafe=True)
    assert json.loads(text) == {"a": tag}


@pytest.mark.parametrize("cell", HOSTILE)
def test_a_file_keeps_its_cells_exactly(cat, invoke, tmp_path, cell):
    path = _survey(tmp_path, cat, cell)
    target = tmp_path / "out.csv"
    assert invoke("score", path, "-o", target).exit_code == 0
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0][0] == f"Team{cell}" and rows[1][0] == f"North{cell}"
