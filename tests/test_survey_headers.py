"""survey.headers: a header names its question by id, by text, by the id written another way, or by a
group path naming the principle and the question's number."""

from __future__ import annotations

import pytest

from coprotool.survey.headers import Matcher


@pytest.fixture(scope="module")
def matcher(cat):
    return Matcher(cat.framework)


@pytest.mark.parametrize(
    ("header", "found"),
    [
        ("assets_1", ("assets.1", "name")),  # REDCap's variable names
        ("assets-1", ("assets.1", "name")),
        ("Assets 2", ("assets.2", "name")),
        ("blur_roles_3", ("blur_roles.3", "name")),
        ("grp_assets/asse_q1", ("assets.1", "path")),  # KoboToolbox's XML names
        ("grp_blur_roles/blur_q4", ("blur_roles.4", "path")),
        ("Assets/Q1", ("assets.1", "path")),
        ("Blur roles/Q2", ("blur_roles.2", "path")),
        ("assets_9", None),  # no such question
        ("team", None),
        ("Q1", None),
        ("email_1", None),
        ("grp_info/q1", None),  # a group naming no principle
    ],
)
def test_named(matcher, header, found):
    assert matcher.named(header) == found


def test_the_id_itself_is_an_exact_match(matcher):
    assert matcher.exact("assets.1") == ("assets.1", "id") and matcher.exact("assets_1") is None


def test_a_cell_longer_than_any_heading_is_no_question(matcher, cat):
    # A question's wording padded past LONGEST_HEADER would still contain it; the matcher passes it over
    # instead of running its patterns over a cell that may be megabytes long.
    from coprotool.survey.headers import LONGEST_HEADER

    wording = str(cat.framework.principles[0].questions[0].text)
    assert matcher.contains(f"Q1. {wording}") == "assets.1"
    long_cell = f"Q1. {wording} " + "x" * LONGEST_HEADER
    assert matcher.exact(long_cell) is None
    assert matcher.named("assets_1" + " " * LONGEST_HEADER + "/q1") is None
    assert matcher.contains(long_cell) is None
    assert matcher.near(long_cell) is None
