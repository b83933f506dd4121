"""Model look-ups: a miss raises UnknownId (one sentence naming what exists), never a bare StopIteration."""

from __future__ import annotations

import pytest

from coprotool.errors import CoprotoolError, NotFound, UnknownId


@pytest.mark.parametrize(
    ("look_up", "words"),
    [
        (lambda fw: fw.principle("kindness"), ["no principle 'kindness'", "assets, capabilities", "catalysts."]),
        (lambda fw: fw.depth("deep"), ["no depth 'deep'", "descriptive, intermediate, transformative."]),
        (lambda fw: fw.grid.cell("co-owned"), ["no grid cell 'co-owned'", "traditional, co-designed"]),
        (lambda fw: fw.grid.place("nobody", "together"), ["no grid position 'nobody/together'", "together/together"]),
        (lambda fw: fw.label(7), ["no scale value '7'", "0, 1, 2, 3."]),
    ],
    ids=["principle", "depth", "grid cell", "grid position", "scale label"],
)
def test_a_miss_is_a_named_error_listing_what_exists(cat, look_up, words):
    with pytest.raises(UnknownId) as caught:
        look_up(cat.framework)
    message = str(caught.value)
    assert message.startswith("There is no ")
    for word in words:
        assert word in message
    # One hierarchy: the CLI's handler for CoprotoolError shows it as one sentence.
    assert isinstance(caught.value, NotFound) and isinstance(caught.value, CoprotoolError)
    assert caught.value.suggestions


def test_a_hit_returns_the_item(cat):
    fw = cat.framework
    assert fw.principle("networks").name.lower() == "networks"
    assert fw.depth("transformative").id == "transformative"
    assert fw.grid.cell("co-produced").id == "co-produced"
    assert fw.grid.place("together", "together").cell == "co-produced"
    assert fw.label(0) == fw.scale[0].label


def test_a_wanted_id_with_control_characters_is_shown_safely(cat):
    with pytest.raises(UnknownId, match=r"no principle 'bad\?\[31m'"):
        cat.framework.principle("bad\x1b[31m")
