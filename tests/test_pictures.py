"""The picture scale: well-formed SVG, one drawing per answer, told apart without colour."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from coprotool.render.pictures import no_vote_pictures, scale_picture, scale_pictures

NS = "{http://www.w3.org/2000/svg}"


def _filled(svg: str) -> str:
    """What the drawing fills: its filled group's shapes, as text (the amount, not a colour)."""
    root = ET.fromstring(svg)
    group = next(g for g in root.iter(f"{NS}g") if g.get("fill") == "currentColor")
    return "".join(ET.tostring(child, encoding="unicode") for child in group)


def test_each_answer_has_its_own_picture_and_none_relies_on_colour():
    pictures = [*scale_pictures(4), *no_vote_pictures()]
    assert len(set(pictures)) == 6
    for svg in pictures:
        root = ET.fromstring(svg)  # well-formed
        assert root.get("aria-hidden") == "true"  # the words beside it are what a screen reader says
        colours = {el.get(attr) for el in root.iter() for attr in ("fill", "stroke") if el.get(attr)}
        assert colours <= {"currentColor", "none"}, colours  # follows the text colour, prints in black


def test_the_amount_filled_grows_with_the_answer():
    fills = [_filled(scale_picture(v, 3)) for v in range(4)]
    assert fills[0] == ""  # nothing filled at "not yet"
    assert "<ns0:circle" in fills[3] or "circle" in fills[3]  # the whole circle at "fully"
    assert " 0,1 " in fills[1] and " 1,1 " in fills[2]  # a third, then two thirds (the long way round)


@pytest.mark.parametrize(("value", "top"), [(-1, 3), (4, 3), (0, 0)])
def test_a_value_off_the_scale_is_refused(value, top):
    with pytest.raises(ValueError, match="is not on a scale"):
        scale_picture(value, top)
