"""survey.coding: how a cell becomes a point on the scale, or unanswered, or a bad value."""

from __future__ import annotations

import pytest

from coprotool.scoring import BadValue
from coprotool.survey.coding import Coding


@pytest.fixture
def coding(cat):
    return Coding(cat.framework)


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("2", 2),
        ("Mostly", 2),
        ("  fully ", 3),
        ("2 - Mostly", 2),
        ("Mostly (2)", 2),
        ("(0) Not yet", 0),
        # A label with its translation, either way round (a bilingual Microsoft Forms export).
        ("Gan amlaf / Mostly", 2),
        ("Not yet / Ddim eto", 0),
        # A label as a form's value name (KoboToolbox, ODK).
        ("not_yet", 0),
        ("not-yet", 0),
        ("mostly", 2),
        # Unanswered, in English and Welsh.
        ("", None),
        ("N/A", None),
        ("Not Answered", None),
        ("No answer", None),
        ("Prefer not to say", None),
        ("Don't know", None),
        ("Heb ateb", None),
        ("Gwell gennyf beidio â dweud", None),
        ("Ddim yn gwybod", None),
    ],
)
def test_cells_on_the_scale(coding, cell, value):
    assert coding.value(cell) == value
    assert coding.value(" " * 1000 + cell) == value  # padding is not length


@pytest.mark.parametrize(
    ("cell", "says"),
    [
        ("2 - Fully", "its number 2 and its label (Fully, 3) disagree"),
        ("Fully (1)", "its number 1 and its label (Fully, 3) disagree"),
        ("Fully / Starting", "is not a value or label on the scale"),
        ("7", "is off the scale"),
        ("maybe", "is not a value or label on the scale"),
        # A cell longer than any label (a note pasted into a question column) is no value, however it ends.
        ("2 - " + "a long note " * 90, "is not a value or label on the scale"),
    ],
    ids=lambda v: v[:20] if isinstance(v, str) else v,
)
def test_bad_cells(coding, cell, says):
    with pytest.raises(BadValue, match=r".*") as info:
        coding.value(cell)
    assert says in str(info.value)


def test_a_file_numbered_from_one_is_pointed_to_values_1_to_4(coding):
    with pytest.raises(BadValue) as info:
        coding.value("Fully (4)")
    assert "score it with --values 1-4" in str(info.value)


def test_a_number_that_cannot_be_from_one_suggests_nothing(coding):
    with pytest.raises(BadValue) as info:
        coding.value("Starting (3)")
    assert "--values" not in str(info.value)


def test_inexact_readings_are_kept_to_be_named(coding):
    coding.value("not_yet")
    coding.value("Gan amlaf / Mostly")
    assert coding.inexact == {
        "a label written as a form's value name": ("not_yet", "Not yet"),
        "a label with its translation": ("Gan amlaf / Mostly", "Mostly"),
    }


def test_disagreeing_cells_are_rejected_with_their_line(invoke, tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("team,assets.1,assets.2\nA,2 - Fully,1\nB,Fully (1),2\nC,3 - Fully,2\n", encoding="utf-8")
    result = invoke("score", path, "-f", "jsonl")
    assert result.exit_code == 1
    assert "s.csv:2: assets.1: '2 - Fully': its number 2 and its label (Fully, 3) disagree" in result.stderr
    assert "s.csv:3: assets.1: 'Fully (1)'" in result.stderr and "scored 1 row, rejected 2" in result.stderr
