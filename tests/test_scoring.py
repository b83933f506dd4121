"""Scoring, depth, grid and suggestions: tables and properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprotool.assessment import Assessment, evaluate
from coprotool.model import PRINCIPLE_IDS
from coprotool.scoring import BadValue, depth_id, depth_of, label_index, level_of, parse_value, score_principles
from coprotool.suggest import suggest, weakest

LEVELS = st.one_of(st.none(), st.integers(0, 3))


@pytest.mark.parametrize(
    ("mean", "level"),
    [
        (0, 0),
        (0.49, 0),
        (0.5, 1),
        (1.0, 1),
        (1.49, 1),
        (1.5, 2),
        (2.5, 3),
        (2 + 1 / 3, 2),
        (2 + 2 / 3, 3),
        (3, 3),
    ],
)
def test_level_rounds_halves_up(mean, level):
    assert level_of(mean) == level


@pytest.mark.parametrize(
    ("levels", "depth"),
    [
        (dict.fromkeys(PRINCIPLE_IDS, 3), "transformative"),
        (
            {"assets": 3, "capabilities": 3, "mutuality": 3, "networks": 2, "blur_roles": 2, "catalysts": 2},
            "transformative",
        ),
        (
            {"assets": 3, "capabilities": 3, "mutuality": 2, "networks": 2, "blur_roles": 2, "catalysts": 2},
            "intermediate",
        ),
        (
            {"assets": 3, "capabilities": 3, "mutuality": 3, "networks": 3, "blur_roles": 3, "catalysts": 1},
            "intermediate",
        ),
        (
            {"assets": 2, "capabilities": 2, "mutuality": 2, "networks": 0, "blur_roles": 0, "catalysts": 0},
            "intermediate",
        ),
        (
            {"assets": 3, "capabilities": 3, "mutuality": 1, "networks": 1, "blur_roles": 1, "catalysts": 1},
            "descriptive",
        ),
        (
            {"assets": 3, "capabilities": 3, "mutuality": 3, "networks": 3, "blur_roles": 3, "catalysts": None},
            "intermediate",
        ),
        ({}, "descriptive"),
    ],
)
def test_depth_rule_table(levels, depth):
    assert depth_id(levels) == depth


def test_scores_are_means_with_coverage_and_unanswered_is_not_zero(cat):
    fw = cat.framework
    answers = {"assets.1": 3, "assets.2": 2, "assets.3": None, "capabilities.1": 0}
    scores = score_principles(fw, answers)
    assert scores["assets"].score == 2.5 and scores["assets"].level == 3
    assert (scores["assets"].answered, scores["assets"].asked) == (2, 3)
    assert scores["capabilities"].score == 0 and scores["capabilities"].level == 0
    assert scores["networks"].score is None and scores["networks"].level is None
    assert scores["networks"].answered == 0


def test_depth_explains_itself_and_the_next_step(cat):
    fw = cat.framework
    d = depth_of(
        fw, {"assets": 2, "capabilities": 2, "mutuality": 2, "networks": 1, "blur_roles": 0, "catalysts": None}
    )
    assert d.id == "intermediate"
    assert "3 of the 6" in d.reason and "Catalysts not assessed" in d.reason
    assert d.next_step.startswith("To become transformative") and "Networks" in d.next_step
    top = depth_of(fw, dict.fromkeys(PRINCIPLE_IDS, 3))
    assert top.id == "transformative" and top.next_step is None
    low = depth_of(fw, {})
    assert low.next_step.startswith("To become intermediate")


# Hypothesis's default 100 examples: the depth turns on how many principles reach each level, six values of five
# kinds, which 100 examples (and Hypothesis's shrinking towards the edges) cover many times over.
@settings(deadline=None)
@given(st.fixed_dictionaries(dict.fromkeys(PRINCIPLE_IDS, LEVELS)), st.sampled_from(PRINCIPLE_IDS), st.integers(1, 3))
def test_raising_a_level_never_lowers_the_depth(levels, pid, up):
    order = ["descriptive", "intermediate", "transformative"]
    before = depth_id(levels)
    raised = dict(levels, **{pid: min(3, (levels[pid] or 0) + up)})
    assert order.index(depth_id(raised)) >= order.index(before)


@settings(deadline=None)  # the suite's number of examples, as above
@given(st.data())
def test_raising_an_answer_never_lowers_depth_or_scores(cat, data):
    fw = cat.framework
    ids = [q.id for q in fw.questions]
    answers = data.draw(st.fixed_dictionaries(dict.fromkeys(ids, LEVELS)))
    qid = data.draw(st.sampled_from(ids))
    new = data.draw(st.integers(answers[qid] or 0, 3))
    if answers[qid] is None:
        return
    raised = dict(answers, **{qid: new})
    s1, s2 = score_principles(fw, answers), score_principles(fw, raised)
    order = ["descriptive", "intermediate", "transformative"]
    d1 = depth_id({p: s.level for p, s in s1.items()})
    d2 = depth_id({p: s.level for p, s in s2.items()})
    assert order.index(d2) >= order.index(d1)
    for p in PRINCIPLE_IDS:
        assert (s2[p].score or 0) >= (s1[p].score or 0)
        if s1[p].score is not None:
            assert 0 <= s1[p].score <= 3 and s1[p].level == level_of(s1[p].score)
            assert 0 <= s1[p].answered <= s1[p].asked


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("2", 2),
        (" 3 ", 3),
        ("2.0", 2),
        (2, 2),
        (0.0, 0),
        ("Mostly", 2),
        ("  not   YET ", 0),
        ("fully", 3),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_parse_value_accepts(cat, raw, value):
    assert parse_value(raw, label_index(cat.framework)) == value


@pytest.mark.parametrize("raw", ["-1", "4", "NaN", "nan", "three", "2.5", "inf", True, 7, 1.5, "1e400"])
def test_parse_value_refuses(cat, raw):
    with pytest.raises(BadValue):
        parse_value(raw, label_index(cat.framework))


@given(st.text(max_size=30))
def test_parse_value_never_raises_anything_but_badvalue(text):
    from coprotool.catalogue import Catalogue

    index = {"0": 0, "1": 1, "2": 2, "3": 3, "not yet": 0, "starting": 1, "mostly": 2, "fully": 3}
    try:
        value = parse_value(text, index)
    except BadValue:
        return
    assert value in (None, 0, 1, 2, 3)
    del Catalogue


def test_grid_places_each_pair(cat):
    fw = cat.framework
    a = Assessment(plan="together", deliver="together")
    assert evaluate(cat, a).grid.cell == "co-produced"
    assert evaluate(cat, Assessment(plan="professionals", deliver="professionals")).grid.cell == "traditional"
    assert evaluate(cat, Assessment(plan="communities", deliver="communities")).grid.cell == "self-organised"
    assert evaluate(cat, Assessment(plan="together")).grid is None
    assert len({(p.plan, p.deliver) for p in fw.grid.positions}) == 9


def test_suggestions_target_the_weakest_principles(cat):
    fw = cat.framework
    answers = {q.id: 3 for q in fw.questions}
    for q in fw.principle("networks").questions:
        answers[q.id] = 0
    for q in fw.principle("blur_roles").questions:
        answers[q.id] = 1
    scores = score_principles(fw, answers)
    assert weakest(scores) == ["networks", "blur_roles"]
    found = suggest(fw, cat.case_studies, scores)
    assert [s.principle for s in found][:1] == ["networks"]
    for s in found:
        c = cat.case_study(s.case_study)
        assert c.ratings[s.principle].score == s.rating >= 2
        assert s.reason == c.ratings[s.principle].reason
    strongest = max(c.ratings["networks"].score for c in cat.case_studies)
    assert all(s.rating == strongest for s in found if s.principle == "networks")


def test_keywords_break_ties_and_results_are_deterministic(cat):
    fw = cat.framework
    answers = {q.id: (0 if q.principle == "networks" else 3) for q in fw.questions}
    scores = score_principles(fw, answers)
    plain = suggest(fw, cat.case_studies, scores)
    banking = suggest(fw, cat.case_studies, scores, ["Time Banking"])
    assert plain == suggest(fw, cat.case_studies, scores)
    top = [s for s in banking if s.principle == "networks"]
    with_kw = [s for s in top if "Time Banking" in s.shared_keywords]
    if with_kw:  # among equally strong case studies, the keyword match comes first
        rating = with_kw[0].rating
        same = [s for s in top if s.rating == rating]
        assert same[0].shared_keywords


def test_no_answers_means_no_scores_and_no_suggestions(cat):
    result = evaluate(cat, Assessment())
    assert all(s.score is None for s in result.scores.values())
    assert result.suggestions == [] and result.depth.id == "descriptive"


def test_weakest_is_one_rule_that_leaves_out_the_top_level(cat, invoke, tmp_path):
    """assess, score and the report share scoring.weakest: principles already at level 3 are never weakest."""
    import csv
    import io
    import json

    from coprotool.assessment import Assessment, evaluate
    from coprotool.scoring import weakest as rule

    fw = cat.framework
    all_full = score_principles(fw, {q.id: 3 for q in fw.questions})
    assert rule(all_full.values(), 2) == []
    near_full = score_principles(fw, {q.id: (2 if q.principle == "networks" else 3) for q in fw.questions})
    assert rule(near_full.values(), 2) == ["networks"]
    # 2.5 rounds to level 3, so it is left out even though it is the lowest score.
    answers = {q.id: 3 for q in fw.questions} | {"catalysts.1": 2, "catalysts.2": 2}
    mixed = score_principles(fw, answers)
    assert mixed["catalysts"].score == 2.5 and mixed["catalysts"].level == 3
    assert rule(mixed.values(), 1) == []
    assert evaluate(cat, Assessment(answers={q.id: 3 for q in fw.questions})).weakest == []
    ids = [q.id for q in fw.questions]
    path = tmp_path / "full.csv"
    path.write_text(",".join(ids) + "\n" + ",".join("3" for _ in ids) + "\n", encoding="utf-8")
    row = next(csv.DictReader(io.StringIO(invoke("score", path).stdout)))
    assert row["weakest"] == ""
    assert json.loads(invoke("score", path, "-f", "json").stdout)[0]["weakest"] is None
