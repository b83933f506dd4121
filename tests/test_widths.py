"""Every output fits the terminal: at 40, 80 and 120 columns no line is longer than the width (except one
holding nothing but an address or a path, which must stay whole to copy), and no slug is split."""

from __future__ import annotations

import functools
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprotool.render.table import Column, table

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
WIDTHS = [40, 80, 120]
MARKS = "→•-*+?!"


def _too_long(text: str, width: int) -> list[str]:
    """Lines wider than `width`, but for a lone address or path (after a list mark)."""
    long = []
    for line in text.splitlines():
        if len(line) <= width:
            continue
        words = line.strip().lstrip(MARKS).split()
        if len(words) == 1 and re.search(r"[/.@]", words[0]):
            continue
        long.append(line)
    return long


def _split_slugs(text: str, slugs: tuple[str, ...]) -> list[str]:
    """Slugs broken over two lines: found more often once each line break (and the indent after it) is gone."""
    joined = re.sub(r"[ \t]*\n[ \t]*", "", text)
    return [s for s in slugs if len(s) >= 8 and joined.count(s) > text.count(s)]


@functools.cache
def _slugs() -> tuple[str, ...]:
    from coprotool.catalogue import Catalogue

    return tuple(c.slug for c in Catalogue().case_studies)


def _fits(invoke, monkeypatch, width: int, *args: object) -> str:
    result = invoke(*args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.strip()
    assert not _too_long(text, width), _too_long(text, width)
    assert not _split_slugs(text, _slugs()), _split_slugs(text, _slugs())
    return text


@pytest.fixture
def in_examples(tmp_path, monkeypatch):
    for path in EXAMPLES.iterdir():
        shutil.copy(path, tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("width", WIDTHS)
def test_list_fits_and_keeps_every_slug_whole(invoke, monkeypatch, cat, width):
    slugs = [c.slug for c in cat.case_studies]
    text = _fits(invoke, monkeypatch, width, "list")
    words = set(text.split())
    assert set(slugs) <= words  # each slug on one line, whole, ready to copy into 'coprotool show'
    if width >= 80:
        assert len(text.splitlines()) < 30  # one screen of an 80x24 terminal, near enough
        assert all(len([ln for ln in text.splitlines() if f" {s} " in f"{ln} "]) == 1 for s in slugs)


@pytest.mark.parametrize("width", WIDTHS)
def test_list_long_keeps_names_and_keywords(invoke, monkeypatch, cat, width):
    text = invoke("list", "--long", env={"COLUMNS": str(width)}).stdout
    assert "Keywords" in text or width < 70
    assert "Shared Lives" in " ".join(text.split())


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "args",
    [
        ("show", "homeless-health-peer-advocacy"),
        ("show", "shared-lives"),
        ("show", "blur roles"),
        ("principles",),
        ("ladder",),
        ("resources", "--kind", "guidance"),
        # Welsh words are longer: the same pages in Cymraeg, and both languages one after the other
        ("show", "homeless-health-peer-advocacy", "--lang", "cy"),
        ("show", "sun", "--lang", "cy"),
        ("show", "blur roles", "--lang", "cy"),
        ("principles", "--lang", "cy"),
        ("ladder", "--lang", "cy"),
        ("resources", "--kind", "guidance", "--lang", "cy"),
        ("list", "--lang", "cy"),
        ("list", "--long", "--lang", "both"),
    ],
    ids=[
        "show long slug",
        "show",
        "show principle",
        "principles",
        "ladder",
        "resources",
        "show long slug cy",
        "show cy",
        "show principle cy",
        "principles cy",
        "ladder cy",
        "resources cy",
        "list cy",
        "list long both",
    ],
)
def test_look_ups_fit(invoke, monkeypatch, width, args):
    _fits(invoke, monkeypatch, width, *args)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("lang", "words"), [("en", ("Assets", "up 0.3")), ("cy", ("Asedau", "i fyny 0.3"))])
def test_compare_fits(invoke, monkeypatch, in_examples, width, lang, words):
    text = _fits(invoke, monkeypatch, width, "compare", "riverside.yaml", "riverside-later.yaml", "--lang", lang)
    assert all(word in text for word in words)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["en", "cy"])
def test_results_fit_with_each_path_whole(invoke, monkeypatch, in_examples, width, lang):
    from coprotool.results import keep

    for name in ("riverside.yaml", "riverside-later.yaml"):
        assert invoke("assess", "--answers", name, "--save", f"saved-{name}").exit_code == 0
        kept = keep((in_examples / f"saved-{name}").read_text(), "Riverside Day Service", name[:9]).path
    text = _fits(invoke, monkeypatch, width, "results", "--lang", lang)
    assert ("Dyfnder" in text) == (lang == "cy")
    assert max(len(line) for line in text.splitlines()) < 150 or width >= 150
    assert kept.name in text and str(kept.parent.name) in text
    assert any(line.strip().endswith(kept.name) and "/" in line for line in text.splitlines())


@pytest.mark.parametrize("width", WIDTHS)
def test_score_table_fits_and_cuts_no_value(invoke, monkeypatch, width):
    text = _fits(invoke, monkeypatch, width, "score", EXAMPLES / "survey.csv", "--format", "table")
    assert "2026/11/11 10:00:00" in text and "person1@example.org" in text  # values whole, never cut
    assert "…" not in text and "intermediate" in text
    assert "1 Assets, 2 Capabilities" in " ".join(text.split())  # short headings, and a legend that names them


@pytest.mark.parametrize(
    ("width", "expect"),
    [
        (80, ["Name   Where", "ruils  /a/b"]),  # one line per row when it fits
        (10, ["Name", "ruils", "  Where:", "  /a/b"]),  # else columns move under their row, values whole
    ],
)
def test_table_moves_columns_before_cutting(width, expect):
    out = table([Column("Name"), Column("Where")], [["ruils", "/a/b"]], width, indent=0, gap=2).plain
    assert out.splitlines() == expect


def test_table_wraps_prose_between_words_only():
    words = "a service run with the people who use it"
    out = table([Column("#", right=True), Column("About", wrap=True)], [["1", words]], 20, indent=0).plain
    assert len(out.splitlines()) > 2 and all(len(line) < 20 for line in out.splitlines())
    assert " ".join(out.split()[2:]) == "1 " + words  # every word kept, in order, none broken


def test_a_value_longer_than_the_terminal_stands_alone():
    path = "/a/very/long/path/to/a/kept/result.yaml"
    out = table([Column("Service"), Column("File")], [["Riverside", path]], 24, indent=0).plain
    assert path in out.splitlines()[-1] and out.splitlines()[-1].strip() == path


@pytest.mark.parametrize("width", WIDTHS)
def test_score_dry_run_shows_each_heading_whole(invoke, width):
    text = _fits(invoke, None, width, "score", EXAMPLES / "survey.csv", "--dry-run")
    heading = "How far do we keep track of whether those personal and community strengths are actually growing?"
    assert all(word in text.split() for word in heading.split())  # every word whole; none cut off
    assert "assets.3" in text.split()


@pytest.mark.parametrize("width", WIDTHS)
def test_score_group_table_shows_each_group_name_whole(invoke, tmp_path, width):
    long = "North East Community Mental Health Team"
    survey = tmp_path / "teams.csv"
    survey.write_text((EXAMPLES / "survey.csv").read_text(encoding="utf-8").replace(",North,", f",{long},"))
    text = _fits(invoke, None, width, "score", survey, "--group-by", "Team", "--format", "table")
    assert all(f" {word}" in text or f"{word} " in text for word in long.split()) and "…" not in text
    assert all(team in text for team in ("Central", "South")) and "1.2 (0-2) !" in text


WORD = st.text(alphabet="abcdefghij-./", min_size=1, max_size=14)
PROSE = st.lists(WORD, min_size=1, max_size=8).map(" ".join)


@settings(deadline=None)
@given(
    wraps=st.lists(st.booleans(), min_size=1, max_size=5),
    data=st.data(),
    width=st.integers(min_value=20, max_value=130),
)
def test_any_table_fits_and_keeps_every_word_whole(wraps, data, width):
    columns = [Column(f"H{i}", wrap=w) for i, w in enumerate(wraps)]
    rows = data.draw(st.lists(st.tuples(*(PROSE if w else WORD for w in wraps)).map(list), min_size=1, max_size=4))
    out = table(columns, rows, width).plain
    for line in out.splitlines():  # wider only when it holds one word too long for any line
        assert len(line) <= width or len(line.split()) <= 2, (line, width)
    words = out.split()
    for row in rows:
        for cell in row:
            assert all(word in words for word in cell.split()), (cell, out)  # each word whole, somewhere


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "args",
    [["--format", "table"], ["--dry-run"], ["--group-by", "Team", "--format", "table"]],
    ids=["table", "dry-run", "groups"],
)
def test_score_views_fit_in_welsh(invoke, width, args):
    text = _fits(invoke, None, width, "score", EXAMPLES / "survey.csv", *args, "--lang", "cy")
    words = " ".join(text.split())
    assert "…" not in text and any(w in words for w in ("Lletem", "Mae gan bob cwestiwn golofn."))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["en", "cy", "both"])
@pytest.mark.parametrize("args", [("principles",), ("show", "blur roles"), ("show", "assets")], ids=" ".join)
def test_principle_pages_end_their_lines_without_spaces(invoke, monkeypatch, width, lang, args):
    """Rich fills a table's or a paragraph's lines to the width; the principle pages trim that padding, in
    plain text and in colour alike, and still fit."""
    text = _fits(invoke, monkeypatch, width, *args, "--lang", lang)
    padded = [line for line in text.splitlines() if line != line.rstrip()]
    assert not padded, padded[:3]
    coloured = invoke(*args, "--lang", lang, env={"COLUMNS": str(width), "NO_COLOR": "", "FORCE_COLOR": "1"})
    assert "\x1b[" in coloured.stdout
    plain = re.sub(r"\x1b\[[0-9;]*m", "", coloured.stdout)
    assert plain.splitlines() == text.splitlines()
