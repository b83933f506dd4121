"""Lenses: votes kept by who gave them, scored per lens, and the gap between lenses."""

from __future__ import annotations

import json

import pytest
import yaml

from coprotool.assessment import Assessment, evaluate, parse_assessment
from coprotool.scoring import NO_LENS, lens_gaps, lens_scores, lenses_apart
from coprotool.session import SavedRun, Session

PEOPLE, STAFF = "People who use services", "Staff"


def test_the_issue_example_scores_half_and_three_with_a_gap_of_two_and_a_half(cat):
    data = {"lenses": [PEOPLE, STAFF], "votes": {"assets.1": {PEOPLE: [1, 0], STAFF: [3, 3]}}}
    a = parse_assessment(data, "x.yaml", cat.framework)
    result = evaluate(cat, a).as_dict(cat.framework, "t")
    assert result["lenses"][PEOPLE]["assets"] == 0.5
    assert result["lenses"][STAFF]["assets"] == 3
    assert result["gaps"]["assets"] == 2.5
    assert result["gaps"]["networks"] is None
    assert result["votes"]["assets.1"] == {PEOPLE: [1, 0], STAFF: [3, 3]}
    assert result["answers"]["assets.1"] == 2  # the room's median of 0 1 3 3


def test_a_lens_score_is_a_mean_of_means_not_a_rounded_median(cat):
    fw = cat.framework
    votes = {"assets.1": {PEOPLE: [0, 1]}, "assets.2": {PEOPLE: [2, 2, 3]}, "assets.3": {STAFF: [3]}}
    scores = lens_scores(fw, [PEOPLE, STAFF], votes)
    assert scores[PEOPLE]["assets"] == pytest.approx((0.5 + 7 / 3) / 2)
    assert scores[STAFF]["assets"] == 3
    assert scores[PEOPLE]["capabilities"] is None


@pytest.mark.parametrize(("gap", "apart"), [(None, False), (0.0, False), (0.99, False), (1.0, True), (2.5, True)])
def test_lenses_are_marked_apart_from_one_level(gap, apart):
    assert lenses_apart(gap) is apart


def test_gaps_need_two_lenses_and_take_the_largest_difference():
    scores = {"a": {"x": 1.0, "y": None}, "b": {"x": 2.5, "y": 2.0}, "c": {"x": 0.25, "y": None}}
    assert lens_gaps(scores) == {"x": 2.25, "y": None}
    assert lens_gaps({}) == {}


def test_a_saved_result_with_lenses_loads_back_the_same(cat, tmp_path):
    data = {"lenses": [PEOPLE, STAFF], "votes": {"assets.1": {PEOPLE: [1], STAFF: [3], NO_LENS: [2]}}}
    fw = cat.framework
    first = evaluate(cat, parse_assessment(data, "x", fw)).as_dict(fw, "t")
    again = evaluate(cat, parse_assessment(json.loads(json.dumps(first)), "y", fw)).as_dict(fw, "t")
    assert again == first
    assert first["votes"]["assets.1"][NO_LENS] == [2]


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"votes": {"assets.1": {STAFF: [1]}}}, "votes.assets.1.Staff", "not under 'lenses'"),
        ({"lenses": [STAFF], "votes": {"assets.1": {STAFF: [9]}}}, "votes.assets.1.Staff", "off the scale"),
        ({"lenses": [STAFF], "votes": {"assets.1": {STAFF: []}}}, "votes.assets.1", "has no votes"),
        ({"lenses": [STAFF], "votes": {"assets.1": {STAFF: "2"}}}, "votes.assets.1.Staff", "list of votes"),
        ({"lenses": "Staff"}, "lenses", "list of lens names"),
        ({"lenses": [STAFF, STAFF]}, "lenses[1]", "repeats"),
        ({"lenses": [STAFF, ""]}, "lenses[1]", "non-empty"),
        ({"lenses": ["prefer not to say"]}, "lenses[0]", "always offered"),
    ],
)
def test_lens_votes_are_validated_on_load(cat, tmp_path, invoke, data, field, words):
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data))
    result = invoke("assess", "--answers", path)
    assert result.exit_code == 1
    assert f"field '{field}'" in result.stderr and words in result.stderr
    assert "Traceback" not in result.stderr


def test_typed_group_votes_carry_lenses_in_the_order_given(cat):
    a = Assessment(group=True, lenses=[PEOPLE, STAFF])
    s = Session(cat.framework, SavedRun(a))
    outcome = s.reply("1 0 / 3 3")
    assert outcome.kind == "votes"
    assert a.lens_votes["assets.1"] == {PEOPLE: [1, 0], STAFF: [3, 3]}
    assert a.votes["assets.1"] == [1, 0, 3, 3]
    s.reply("")  # the median
    s.back()
    s.back()
    assert s.answered_value() == "1 0 / 3 3"
    assert s.reply("2 / 2 / 1").kind == "votes"  # a third group: prefer not to say
    assert a.lens_votes["assets.1"] == {PEOPLE: [2], STAFF: [2], NO_LENS: [1]}
    assert s.reply("").kind == "answered"
    assert s.reply("1 2 3").kind == "votes"  # no lenses typed: plain votes
    assert "assets.2" not in a.lens_votes


@pytest.mark.parametrize(("typed", "words"), [("1 / 2 / 3 / 0", "4 groups"), ("/", "no votes"), ("1 / 9", "off")])
def test_typed_lens_votes_that_do_not_fit_are_refused(cat, typed, words):
    a = Assessment(group=True, lenses=[PEOPLE, STAFF])
    outcome = Session(cat.framework, SavedRun(a)).reply(typed)
    assert outcome.kind == "invalid" and words in outcome.message
    assert a.votes == {} and a.lens_votes == {}


def test_assess_group_with_lenses_end_to_end(invoke, cat):
    steps = len(cat.framework.questions)
    typed = ["1 0 / 3 3", ""] + [""] * (steps - 1 + 6 + 2)
    result = invoke(
        "assess",
        "--group",
        "--service",
        "X",
        "--lenses",
        f"{PEOPLE}, {STAFF},",
        "--format",
        "json",
        input="\n".join(typed) + "\n",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["lenses"][PEOPLE]["assets"] == 0.5 and data["gaps"]["assets"] == 2.5


@pytest.mark.parametrize("value", [",", " , ", ",".join(f"L{i}" for i in range(9))])
def test_bad_lenses_option_is_refused(invoke, value):
    result = invoke("assess", "--lenses", value)
    assert result.exit_code == 2 and "--lenses takes" in result.stderr


LENS_FILE = {
    "service": "Riverside",
    "date": "2026-01-01",
    "lenses": [PEOPLE, STAFF],
    "votes": {"assets.1": {PEOPLE: [1, 0], STAFF: [3, 3]}, "networks.1": {PEOPLE: [2], STAFF: [2, 3]}},
}
LENS_LINES = [
    "How each lens sees it",
    "  Each lens's score is the mean of its votes. Marked '!': lenses 1 level or",
    "  more apart, where the people who use the service and the people who run it",
    "  may see it differently.",
    "  • ! Apart: Assets: People who use services 0.5, Staff 3.0; 2.5 apart, a level",
    "    or more",
    "  • Networks: People who use services 2.0, Staff 2.5; 0.5 apart",
]


def lens_file(tmp_path, name="l.yaml", date="2026-01-01"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump({**LENS_FILE, "date": date}))
    return path


def test_the_result_shows_each_lens_and_marks_the_gap(invoke, tmp_path):
    out = invoke("assess", "--answers", lens_file(tmp_path)).stdout.splitlines()
    start = out.index(LENS_LINES[0])
    assert out[start : start + len(LENS_LINES)] == LENS_LINES


def test_the_report_shows_each_lens_in_html_and_markdown(invoke, tmp_path):
    saved = tmp_path / "saved.yaml"
    assert invoke("assess", "--answers", lens_file(tmp_path), "--save", saved).exit_code == 0
    invoke("report", saved, "-o", tmp_path / "r.html")
    html = (tmp_path / "r.html").read_text()
    assert "How each lens sees it</h" in html
    assert "! Apart: Assets: People who use services 0.5, Staff 3.0; 2.5 apart, a level or more" in html
    invoke("report", saved, "-o", tmp_path / "r.md", "--format", "markdown")
    md = (tmp_path / "r.md").read_text()
    assert "## How each lens sees it" in md and "! Apart: Assets: People who use services 0.5" in md


def test_compare_shows_each_lens_then_and_now(invoke, tmp_path):
    first = lens_file(tmp_path, "a.yaml", "2026-01-01")
    later = tmp_path / "b.yaml"
    later.write_text(yaml.safe_dump({"service": "Riverside", "date": "2026-06-01", "answers": {"assets.1": 2}}))
    text = invoke("compare", later, first).stdout
    assert "How each lens sees it\n2026-01-01\n  ! Assets: People who use services 0.5, Staff 3.0" in text
    assert "2026-06-01\n  • no votes kept by lens" in text
    data = json.loads(invoke("compare", first, later, "--format", "json").stdout)
    assert data["results"][0]["gaps"]["assets"] == 2.5 and "lenses" not in data["results"][1]
