"""filters: what `list` and `resources` keep, and the one sentence for a value they do not know."""

from __future__ import annotations

import pytest

from coprotool.errors import InputError
from coprotool.filters import filter_case_studies, filter_resources, keyword_matcher, principle_id


@pytest.mark.parametrize("text", ["networks", "Networks", "NETWORKS", " networks "])
def test_a_principle_by_id_in_any_case(cat, text):
    assert principle_id(cat, text) == "networks"


def test_a_principle_by_name_and_alias(cat):
    for p in cat.framework.principles:
        assert principle_id(cat, p.name) == p.id
        for alias in p.aliases:
            assert principle_id(cat, alias) == p.id


def test_an_unknown_principle_lists_the_ids(cat):
    with pytest.raises(InputError) as err:
        principle_id(cat, "kindness")
    assert "'kindness' is not a principle" in str(err.value)
    assert all(p.id in str(err.value) for p in cat.framework.principles)


def test_a_keyword_matches_whole_or_in_part(cat):
    word = cat.framework.keywords[0]
    match = keyword_matcher(cat, word[: max(4, len(word) // 2)])
    assert match([word]) and not match([])


def test_a_misspelt_keyword_suggests_near_ones_and_a_far_one_lists_them_all(cat):
    word = max(cat.framework.keywords, key=len).lower()
    typo = word[0] + word[2] + word[1] + word[3:]  # two letters swapped
    with pytest.raises(InputError, match=f"did you mean '{word}'"):
        keyword_matcher(cat, typo)
    with pytest.raises(InputError, match="the keywords are:"):
        keyword_matcher(cat, "zzzzqqqq")


def test_no_filter_keeps_every_case_study_in_order(cat):
    assert filter_case_studies(cat) == list(cat.case_studies)


def test_by_principle_strongest_first_at_or_over_the_minimum(cat):
    found = filter_case_studies(cat, principle="networks", min_rating=3)
    assert found and all(c.ratings["networks"].score >= 3 for c in found)
    assert [c.number for c in found] == sorted(c.number for c in found)  # all at 3: catalogue order
    every = filter_case_studies(cat, principle="networks", min_rating=0)
    scores = [c.ratings["networks"].score for c in every]
    assert len(every) == len(cat.case_studies) and scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("depth", ["transformative", "Intermediate", "descriptive"])
def test_by_depth(cat, depth):
    found = filter_case_studies(cat, depth=depth)
    assert all(c.depth == depth.lower() for c in found)
    assert len(found) == sum(c.depth == depth.lower() for c in cat.case_studies)


@pytest.mark.parametrize("none", ["none", "Not stated", "null"])
def test_without_a_depth(cat, none):
    assert filter_case_studies(cat, depth=none) == [c for c in cat.case_studies if c.depth is None]


def test_an_unknown_depth_names_the_choices(cat):
    with pytest.raises(InputError, match="'deep' is not a depth; use descriptive, intermediate, transformative"):
        filter_case_studies(cat, depth="deep")


def test_filters_combine(cat):
    word = cat.framework.keywords[0]
    both = filter_case_studies(cat, keyword=word, principle="assets", min_rating=2)
    by_word = filter_case_studies(cat, keyword=word)
    assert {c.slug for c in both} == {c.slug for c in by_word if c.ratings["assets"].score >= 2}


def test_resources_by_kind_principle_and_keyword(cat):
    kinds = {r.kind for r in cat.resources}
    for kind in kinds:
        assert filter_resources(cat, kind=kind.upper()) == [r for r in cat.resources if r.kind == kind]
    assert all("networks" in r.principles for r in filter_resources(cat, principle="Networks"))
    assert filter_resources(cat) == list(cat.resources)
    tagged = [r for r in cat.resources if r.keywords]
    if tagged:
        word = tagged[0].keywords[0]
        assert tagged[0] in filter_resources(cat, keyword=word)


def test_an_unknown_resource_kind_names_the_kinds(cat):
    with pytest.raises(InputError, match="'podcast' is not a kind of resource; use "):
        filter_resources(cat, kind="podcast")
