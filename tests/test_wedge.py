"""The wedge renderers on their own: the character grid, the terminal text and the SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprotool.model import PRINCIPLE_IDS, SCALE_MAX
from coprotool.render import wedge
from coprotool.render.svg import wedge_svg

LEVELS = st.dictionaries(st.sampled_from(PRINCIPLE_IDS), st.none() | st.integers(0, SCALE_MAX))


@given(LEVELS, st.booleans())
def test_every_cell_shows_its_principles_level_and_every_segment_its_numeral(levels, unicode):
    grid = wedge.wedge_grid(levels, radius=7, unicode=unicode)
    assert len(grid) == 15 and {len(row) for row in grid} == {29}
    fill = wedge.fill_chars(unicode)
    numerals = {}
    for row in grid:
        for cell in row:
            if cell.numeral:
                numerals[cell.principle] = cell.char
            elif cell.principle is not None and cell.level is not None:
                assert cell.level == levels.get(cell.principle) and cell.char == fill[cell.level]
    unassessed = "–" if unicode else "?"
    assert numerals == {pid: unassessed if levels.get(pid) is None else str(levels[pid]) for pid in PRINCIPLE_IDS}


def test_a_stronger_level_fills_more_of_its_segment():
    def filled(level):
        grid = wedge.wedge_grid({"assets": level}, radius=7)
        return sum(c.principle == "assets" and c.level is not None for row in grid for c in row)

    counts = [filled(level) for level in range(SCALE_MAX + 1)]
    assert filled(None) == 0 and counts == sorted(counts) and len(set(counts)) == len(counts)


def test_segments_run_clockwise_from_the_top():
    assert [pid for pid, *_ in wedge.segments({})] == list(PRINCIPLE_IDS)
    assert wedge.segment_at(0.1, -5) == 0  # straight up: the first
    assert wedge.segment_at(-0.1, -5) == len(PRINCIPLE_IDS) - 1  # just left of straight up: the last
    assert wedge.segment_at(0, 5) == len(PRINCIPLE_IDS) // 2  # straight down: half way round


@pytest.mark.parametrize(("colour", "text"), [("#ffffff", "#000000"), ("#000000", "#ffffff"), ("#ffd700", "#000000")])
def test_chips_read_on_their_colour(colour, text):
    assert wedge.readable_on(colour) == text and wedge.chip(colour) == f"bold {text} on {colour}"


def test_small_wedge_and_level_text():
    levels = {"assets": 3, "networks": 0}
    assert wedge.small_wedge(levels) == "█  · " + " "
    assert wedge.small_wedge(levels, unicode=False) == "#  . " + " "
    assert wedge.level_text(None) == "not assessed" and wedge.level_text(2) == "2/3"


def test_wedge_text_has_labels_beside_it_when_wide_and_says_which_is_which_when_narrow(cat):
    levels = {pid: i % (SCALE_MAX + 1) for i, pid in enumerate(PRINCIPLE_IDS)}
    wide = wedge.wedge_text(cat.framework, levels, width=100).plain
    narrow = wedge.wedge_text(cat.framework, levels, width=40).plain
    for p in cat.framework.principles:
        assert f"{p.name} {levels[p.id]}/3" in wide
    assert "Clockwise from the top" not in wide and "Clockwise from the top" in narrow
    assert all(len(line) <= 40 for line in narrow.splitlines())
    assert "0 Not yet" in wide or cat.framework.scale[0].label in wide


def test_the_svg_is_well_formed_names_every_principle_and_describes_itself(cat):
    levels = {"assets": 3, "networks": None, "mutuality": 0}
    svg = wedge_svg(cat.framework, levels, title="A & B <test>", ident="w1")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img" and root.get("aria-labelledby") == "w1-title w1-desc"
    assert root.find(f"{ns}title").text == "A & B <test>"
    desc = root.find(f"{ns}desc").text
    for p in cat.framework.principles:
        assert p.name in desc
    assert "not assessed" in desc and f"level 3 of {SCALE_MAX}" in desc
    sectors = [e.find(f"{ns}title").text for e in root.iter(f"{ns}path") if e.find(f"{ns}title") is not None]
    names = {p.id: p.name for p in cat.framework.principles}
    assert sorted(sectors) == sorted(  # a filled sector, named with its level, only where assessed
        [
            f"{names['assets']}: level 3 of 3, {cat.framework.scale[3].label}",
            f"{names['mutuality']}: level 0 of 3, {cat.framework.scale[0].label}",
        ]
    )

    def dashed(tree):
        return sum(bool(e.get("stroke-dasharray")) for e in tree.iter(f"{ns}path"))

    every = ET.fromstring(wedge_svg(cat.framework, dict.fromkeys(PRINCIPLE_IDS, 1), title="t"))
    assert dashed(root) - dashed(every) == len(PRINCIPLE_IDS) - 2  # a dashed outline for each one not assessed


def test_the_svg_caption_is_optional(cat):
    with_caption = ET.fromstring(wedge_svg(cat.framework, {}, title="Title here"))
    without = ET.fromstring(wedge_svg(cat.framework, {}, title="Title here", caption=False))
    texts = [e.text for e in with_caption.iter("{http://www.w3.org/2000/svg}text")]
    assert "Title here" in texts
    assert "Title here" not in [e.text for e in without.iter("{http://www.w3.org/2000/svg}text")]
    assert float(with_caption.get("height")) > float(without.get("height"))
