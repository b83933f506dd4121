"""The ladder of co-production: its data, `coprotool ladder`, and the room's placement in answers and results."""

from __future__ import annotations

import json

import pytest
import yaml

from coprotool.catalogue import Catalogue
from coprotool.errors import DataError
from coprotool.model import LADDER_IDS

LADDER_TEXT = """\
The ladder of co-production, top rung first

Doing with
  7 Co-production  People who use services and people who work in them are
                   equal partners, sharing power and decisions from the first
                   plans through to delivery.
  6 Co-design      People help shape the service from their own experience,
                   though they may not share in running it.

Doing for
  5 Engagement     People take part and can sway some choices, but the
                   organisation keeps the power to decide.
  4 Consultation   People are asked for their views, but those in charge choose
                   whether to act on them.
  3 Informing      People are told what has been decided and why, once the
                   decisions are made.

Doing to
  2 Educating      People are taught about a service and how to use it, but are
                   not asked what they think.
  1 Coercion       Decisions are made for people, who have no say in them.

Using it
  Begin at the top rung and ask how much of this work can truly be shared.
  Place each part of the work on its own (planning, delivery and review, for
  example): where there is a real reason people cannot be equal partners in one
  part, move down for that part only, and say openly what the reason is.
  Where the work stands on the ladder is the room's own judgement. coprotool
  does not work it out from the scores: no published rule links the two.

The ladder of co-production is by Think Local Act Personal (TLAP), developed
with the National Co-production Advisory Group. The rung names and their order
are TLAP's; the line describing each rung is coprotool's own. Kate Sibthorp, a
member of the National Co-production Advisory Group, discusses it in her post
"Which rung on the ladder of co-production are you on?" (Co-production Week
blog, 3 July 2018).
"""


def test_ladder_command_shows_the_seven_rungs_exactly(invoke):
    result = invoke("ladder")
    assert result.exit_code == 0
    assert result.stdout == LADDER_TEXT


def test_ladder_json_lists_the_rungs_bottom_to_top_with_the_credit(invoke):
    data = json.loads(invoke("ladder", "--format", "json").stdout)
    assert [r["name"] for r in data["rungs"]] == [
        "Coercion",
        "Educating",
        "Informing",
        "Consultation",
        "Engagement",
        "Co-design",
        "Co-production",
    ]
    assert [r["step"] for r in data["rungs"]] == list(range(1, 8))
    assert [r["group"] for r in data["rungs"]] == ["doing to"] * 2 + ["doing for"] * 3 + ["doing with"] * 2
    assert "Think Local Act Personal" in data["credit"] and "National Co-production Advisory Group" in data["credit"]
    assert "room's own" in data["placement"]
    assert data["aspects"] == ["Planning", "Delivery", "Review"]
    assert yaml.safe_load(invoke("ladder", "--format", "yaml").stdout) == data


def test_rungs_are_described_in_neutral_words(cat):
    """Each rung says what happens, not anyone's motive: no source says people are taught 'so they will accept
    it' or 'made to take' anything."""
    meanings = " ".join(r.meaning for r in cat.ladder.rungs)
    for loaded in ("so they will accept", "made to take", "accept it"):
        assert loaded not in meanings
    assert "for that part only" in cat.ladder.advice  # the source: step down "for that aspect" of the work


def _edit(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["rungs"].reverse(), ["ladder.yaml", "'rungs'", "from the bottom up", "coercion, educating"]),
        (lambda d: d.pop("credit"), ["'credit'", "missing"]),
        (lambda d: d["rungs"][0].update(colour="red"), ["'rungs[0].colour'", "not a known field"]),
        (lambda d: d["rungs"][6].pop("meaning"), ["'rungs[6].meaning'", "missing"]),
        (
            lambda d: d.update(aspects=[{"en": "Planning", "cy": "Cynllunio"}, {"en": "Review", "cy": "cynllunio"}]),
            ["'aspects'", "appears twice"],
        ),
        (lambda d: d.update(aspects="Planning"), ["'aspects'", "a list"]),
    ],
)
def test_ladder_file_is_validated_on_load(data_copy, invoke, change, words):
    _edit(data_copy / "ladder.yaml", change)
    with pytest.raises(DataError) as err:
        Catalogue(data_copy).validate()
    for w in words:
        assert w in str(err.value)
    result = invoke("ladder", "--data-dir", data_copy)
    assert result.exit_code == 1 and result.stdout == "" and result.stderr.count("\n") == 1


def test_a_catalogue_without_a_ladder_says_so(data_copy, invoke):
    (data_copy / "ladder.yaml").unlink()
    Catalogue(data_copy).validate()  # the ladder is optional
    result = invoke("ladder", "--data-dir", data_copy)
    assert result.exit_code == 1
    assert "ladder.yaml: is missing" in result.stderr and "Traceback" not in result.output


PLACED = {
    "service": "Riverside",
    "date": "2026-11-20",
    "answers": {"assets.1": 2, "networks.1": 1},
    "ladder": [
        {
            "aspect": "Planning",
            "now": "consultation",
            "should": "co-design",
            "reason": "Budgets are set by the cabinet",
        },
        {"aspect": "Delivery", "now": "informing", "should": "co-production"},
    ],
}
# The form of files made before aspects: one placement, for the work as a whole (a saved result added note).
OLD = {"now": "consultation", "should": "co-design", "reason": "Budgets are set by the cabinet", "note": "x"}


def _answers(tmp_path, name="a.yaml", **changes):
    data = json.loads(json.dumps(PLACED))
    data.update(changes)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_placements_travel_into_the_result_and_back(invoke, tmp_path):
    path = _answers(tmp_path)
    data = json.loads(invoke("assess", "--answers", path, "-f", "json").stdout)
    assert data["ladder"] == [
        {
            "aspect": "Planning",
            "now": "consultation",
            "should": "co-design",
            "reason": "Budgets are set by the cabinet",
        },
        {"aspect": "Delivery", "now": "informing", "should": "co-production", "reason": None},
    ]
    assert "room's own judgement" in data["ladder_note"]
    saved = tmp_path / "saved.yaml"
    assert invoke("assess", "--answers", path, "--save", saved).exit_code == 0
    again = json.loads(invoke("assess", "--answers", saved, "-f", "json").stdout)  # a saved result reads back
    assert again["ladder"] == data["ladder"]


def test_an_old_single_placement_still_loads_as_the_work_as_a_whole(invoke, tmp_path):
    path = _answers(tmp_path, ladder=OLD)
    result = invoke("assess", "--answers", path, "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["ladder"] == [
        {"aspect": None, "now": "consultation", "should": "co-design", "reason": "Budgets are set by the cabinet"}
    ]
    out = invoke("assess", "--answers", path).stdout
    row = next(line for line in out.splitlines() if line.strip().startswith("The work as a"))
    assert "Consultation" in row and "Co-design" in row


def test_placements_show_side_by_side_in_the_result_and_the_reports(invoke, tmp_path):
    path = _answers(tmp_path)
    out = invoke("assess", "--answers", path).stdout
    assert "On the ladder of co-production" in out
    head = next(line for line in out.splitlines() if "Part of the work" in line)
    for heading in ("Stands now", "Should stand", "Why not higher"):
        assert heading in head  # one row per aspect under one set of headings
    planning = next(line for line in out.splitlines() if line.strip().startswith("Planning"))
    assert "Consultation" in planning and "Co-design" in planning and "Budgets" in planning
    delivery = next(line for line in out.splitlines() if line.strip().startswith("Delivery"))
    assert "Informing" in delivery and "Co-production" in delivery
    text = " ".join(out.split())
    assert "the room's own judgement" in text and "Why not higher" in text
    saved = tmp_path / "saved.yaml"
    invoke("assess", "--answers", path, "--save", saved)
    html = " ".join(invoke("report", saved, "-f", "html").stdout.split()).replace("&#x27;", "'").replace("&#39;", "'")
    # in the report's appendix, as one of the view's further sections, a table with a row per aspect
    assert "<h3>On the ladder of co-production</h3>" in html and '<th scope="col">Part of the work</th>' in html
    assert '<th scope="row">Planning</th><td>Consultation (rung 4 of 7, doing for)</td>' in html
    assert '<th scope="row">Delivery</th>' in html and "the room's own judgement" in html
    md = invoke("report", saved, "--format", "markdown").stdout
    assert "### On the ladder of co-production" in md and "| Part of the work | Stands now |" in md
    assert "| Planning | Consultation (rung 4 of 7, doing for) | Co-design (rung 6 of 7, doing with) |" in md


def test_no_placement_no_ladder_section(invoke, tmp_path):
    path = _answers(tmp_path)
    data = yaml.safe_load(path.read_text())
    del data["ladder"]
    path.write_text(yaml.safe_dump(data))
    assert "On the ladder" not in invoke("assess", "--answers", path).stdout
    assert "ladder" not in json.loads(invoke("assess", "--answers", path, "-f", "json").stdout)


def test_compare_shows_each_placement(invoke, tmp_path):
    first = _answers(tmp_path, "first.yaml")
    later = _answers(tmp_path, "later.yaml", date="2027-03-01", ladder={"now": "co-design", "should": "co-production"})
    text = " ".join(invoke("compare", first, later).stdout.split())
    assert "On the ladder of co-production" in text
    assert (
        "2026-11-20: Planning: now Consultation; should stand at Co-design (Budgets are set by the cabinet). "
        "Delivery: now Informing; should stand at Co-production." in text
    )
    assert "2027-03-01: The work as a whole: now Co-design; should stand at Co-production." in text
    assert "room's own judgement" in text
    data = json.loads(invoke("compare", first, later, "-f", "json").stdout)
    assert [[p["now"] for p in r["ladder"]] for r in data["results"]] == [["consultation", "informing"], ["co-design"]]
    assert "room's own" in data["ladder_note"]
    assert "coprotool's own" in data["depth_basis"] and "unnamed" in data["grid_basis"]  # our rules, named


@pytest.mark.parametrize(
    ("ladder", "words"),
    [
        ({"now": "partnership", "should": "co-production"}, ["'ladder.now'", "'partnership'", "co-design"]),
        ({"now": "consultation"}, ["'ladder.should'", "missing"]),
        ({"now": "consultation", "should": "engagement"}, ["'ladder.reason'", "no reason", "steps down only"]),
        ({"now": "consultation", "should": "co-production", "mood": "good"}, ["'ladder.mood'", "not a known"]),
        ({"aspect": "Planning", "now": "consultation", "should": "co-production"}, ["'ladder.aspect'", "not a known"]),
        ("co-design", ["'ladder'", "a list of placements"]),
        ([], ["'ladder'", "fewer than 1"]),
        (
            [{"aspect": "Planning", "now": "informing", "should": "co-production"}, {"now": "x", "should": "y"}],
            ["'ladder[1].now'", "'x'"],
        ),
        (
            [{"aspect": "Review", "now": "informing", "should": "co-design"}],
            ["'ladder[0].reason'", "no reason"],
        ),
        (
            [
                {"aspect": "Planning", "now": "informing", "should": "co-production"},
                {"aspect": "planning", "now": "engagement", "should": "co-production"},
            ],
            ["'ladder[1].aspect'", "twice"],
        ),
        ([{"aspect": "x" * 81, "now": "informing", "should": "co-production"}], ["'ladder[0].aspect'", "80"]),
    ],
)
def test_placement_in_an_answers_file_is_validated(invoke, tmp_path, ladder, words):
    result = invoke("assess", "--answers", _answers(tmp_path, ladder=ladder))
    assert result.exit_code == 1
    for w in words:
        assert w in result.stderr
    assert "Traceback" not in result.output


def test_the_top_rung_needs_no_reason(invoke, tmp_path):
    path = _answers(tmp_path, ladder=[{"aspect": "Review", "now": "engagement", "should": "co-production"}])
    data = json.loads(invoke("assess", "--answers", path, "-f", "json").stdout)
    assert data["ladder"][0]["reason"] is None


def test_no_rule_maps_scores_to_a_rung(invoke, tmp_path):
    low = _answers(tmp_path, "low.yaml", answers={"assets.1": 0})
    high = _answers(tmp_path, "high.yaml", answers=dict.fromkeys(("assets.1", "networks.1", "catalysts.1"), 3))
    placed = [json.loads(invoke("assess", "--answers", p, "-f", "json").stdout)["ladder"] for p in (low, high)]
    assert placed[0] == placed[1]  # the rungs are what the room said, whatever the scores


def test_template_mentions_the_ladder_and_stays_valid(invoke, tmp_path):
    text = invoke("template", "--format", "yaml").stdout
    assert "# ladder:" in text and "aspect: Planning" in text and ", ".join(LADDER_IDS) in text
    path = tmp_path / "t.yaml"
    path.write_text(text)
    assert invoke("assess", "--answers", path, "-f", "json").exit_code == 0
    head, _, tail = text.partition("# ladder:")
    uncommented = head + "ladder:\n" + "\n".join(line.replace("# ", "", 1) for line in tail.splitlines()[1:])
    path.write_text(uncommented)  # the example, uncommented, is a valid placement
    result = invoke("assess", "--answers", path, "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["ladder"][0]["aspect"] == "Planning"


# -- the optional last step of `assess` --------------------------------------------------------------
def _lines(cat, *ladder: str) -> str:
    """Name, keywords, 2 at every question and grid step, Enter at each note; then the ladder replies."""
    from coprotool.session import NoteStep, steps_for

    steps = ["" if isinstance(s, NoteStep) else "2" for s in steps_for(cat.framework)]
    return "\n".join(["Svc", "", *steps, *ladder]) + "\n"


def _run(invoke, tmp_path, text):
    save = tmp_path / "r.json"
    result = invoke("assess", "--save", save, input=text)
    return result, (json.loads(save.read_text()) if save.exists() else None)


_STOPPED: list[str] = []  # a resume file's text: a run that answered everything and stopped at the ladder


def _stopped_at_the_ladder(cat, invoke, tmp_path, monkeypatch):
    if not _STOPPED:
        monkeypatch.chdir(tmp_path)
        result = invoke("assess", input=_lines(cat, "q"))
        assert result.exit_code == 0, result.output
        _STOPPED.append(next(tmp_path.glob("coprotool-resume-*.yaml")).read_text(encoding="utf-8"))
    path = tmp_path / "stopped.yaml"
    path.write_text(_STOPPED[0], encoding="utf-8")
    return path


def _p(aspect, now, should="co-production", reason=None):
    return {"aspect": aspect, "now": now, "should": should, "reason": reason}


@pytest.mark.parametrize(
    ("replies", "expected"),
    [
        (("",), None),  # an empty line skips the step
        ((), None),  # piped answers that end before it: finished without it
        (("s",), None),
        (("1", "4", ""), [_p("Planning", "consultation")]),  # Enter keeps the top; the end of input finishes
        (("1", "4", "", ""), [_p("Planning", "consultation")]),  # Enter at "another part?" finishes
        (("4", "Co-design", "7", ""), [_p(None, "co-design")]),  # the work as a whole
        (("Budget setting", "2", "", ""), [_p("Budget setting", "educating")]),  # the room's own name for it
        (("delivery", "3", ""), [_p("Delivery", "informing")]),  # a name offered, in any case
        (
            ("1", "3", "6", "", "People's own plans are not yet shared", "2", "5", "", ""),  # two parts side by side
            [
                _p("Planning", "informing", "co-design", "People's own plans are not yet shared"),
                _p("Delivery", "engagement"),
            ],
        ),
        (("1", "3", "5", "b", "b", "2", "", ""), [_p("Planning", "educating")]),  # b steps back a prompt at a time
        (("2", "b", "1", "3", "", ""), [_p("Planning", "informing")]),  # b at "now": choose another part
        (("1", "3", "", "1", "5", "", ""), [_p("Planning", "engagement")]),  # placing a part again replaces it
        (("1", "3", "", "2", "4", "", "b", ""), [_p("Planning", "informing")]),  # b at "another part?" takes one back
        (("9", "1", "1", ""), [_p("Planning", "coercion")]),
        (("?", "2", "2", ""), [_p("Delivery", "educating")]),
    ],
)
def test_ladder_step_through_the_cli(cat, invoke, tmp_path, monkeypatch, replies, expected):
    # Each case carries on a run stopped at the ladder step, as a room does after a break: the walk to it
    # (every question, through the same CLI) is made once, and the cases below it walk in full.
    save = tmp_path / "r.json"
    resume = _stopped_at_the_ladder(cat, invoke, tmp_path, monkeypatch)
    result = invoke("assess", "--resume", resume, "--save", save, input="".join(f"{r}\n" for r in replies))
    data = json.loads(save.read_text()) if save.exists() else None
    assert result.exit_code == 0, result.output
    if expected is None:
        assert "ladder" not in data
        assert "On the ladder of co-production" not in result.stdout
    else:
        assert data["ladder"] == expected
        assert "room's own judgement" in data["ladder_note"]
        assert "On the ladder of co-production" in result.stdout
    assert "The ladder of co-production (optional" in result.output
    assert "Where does the work stand?" in result.output


def test_ladder_step_help_and_mistakes_are_explained(cat, invoke, tmp_path):
    result, _ = _run(invoke, tmp_path, _lines(cat, "?", "9", "1", "nine", "2", ""))
    out = " ".join(result.output.split())
    assert "Doing with 7 Co-production" in out  # ? shows the whole ladder
    assert "9 is not one of the numbers offered. Type a number from 1 to 4 or a name." in out
    assert "'nine' is not a rung of the ladder. Type a number from 1 to 7 or a rung's name." in out
    assert "Parts of the work: 1 Planning, 2 Delivery, 3 Review, 4 the work as a whole; or name one." in out
    assert "Which part of the work first? 1-4 or a name (Enter skips)> " in out
    assert "Where does Planning stand now?" in out


def test_back_from_the_ladder_returns_to_the_last_question(cat, invoke, tmp_path):
    result, data = _run(invoke, tmp_path, _lines(cat, "b", "3", ""))
    assert result.exit_code == 0, result.output
    assert data["grid"]["deliver"] == "communities"  # the last grid answer, changed on the way back
    assert "ladder" not in data


def test_quit_at_the_ladder_keeps_the_run_and_resume_asks_it(cat, invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("assess", input=_lines(cat, "1", "3", "", "q"))
    assert result.exit_code == 0
    resume = next(tmp_path.glob("coprotool-resume-*.yaml"))
    save = tmp_path / "r.json"
    again = invoke("assess", "--resume", resume, "--save", save, input="2\n5\n\n\n")
    assert again.exit_code == 0, again.output
    assert "Placed so far: Planning: now Informing" in " ".join(again.output.split())  # kept on disk
    assert json.loads(save.read_text())["ladder"] == [_p("Planning", "informing"), _p("Delivery", "engagement")]


def test_no_ladder_file_no_ladder_step(cat, invoke, tmp_path, data_copy):
    (data_copy / "ladder.yaml").unlink()
    save = tmp_path / "r.json"
    result = invoke("assess", "--data-dir", data_copy, "--save", save, input=_lines(cat))
    assert result.exit_code == 0, result.output
    assert "The ladder of co-production" not in result.output and "ladder" not in json.loads(save.read_text())


def test_a_too_long_reason_is_refused_and_asked_again(cat, invoke, tmp_path):
    result, data = _run(invoke, tmp_path, _lines(cat, "1", "3", "4", "why " * 600, "Short reason"))
    assert "That is too long: type it, or b to choose another rung." in " ".join(result.output.split())
    assert data["ladder"][0]["reason"] == "Short reason"


def test_an_old_placement_in_a_resumed_run_is_kept_with_enter(cat, invoke, tmp_path):
    from coprotool.session import steps_for

    path = tmp_path / "given.yaml"  # a run stopped at the ladder step, with a placement in the old form
    given = {"ladder": {"now": "engagement", "should": "co-production"}, "progress": len(steps_for(cat.framework))}
    path.write_text(yaml.safe_dump({"service": "Svc", **given}))
    save = tmp_path / "r.json"
    result = invoke("assess", "--resume", path, "--save", save, input="\n")
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "Placed so far: The work as a whole: now Engagement; should stand at Co-production." in out
    assert "Another part of the work?" in out and "(Enter finishes)> " in out
    assert json.loads(save.read_text())["ladder"] == [_p(None, "engagement")]


def test_compare_says_when_a_result_was_not_placed(invoke, tmp_path):
    first = _answers(tmp_path, "first.yaml")
    data = yaml.safe_load(first.read_text())
    del data["ladder"]
    data["date"] = "2026-01-01"
    earlier = tmp_path / "earlier.yaml"
    earlier.write_text(yaml.safe_dump(data))
    text = " ".join(invoke("compare", earlier, first).stdout.split())
    assert "2026-01-01: not placed" in text and "2026-11-20: Planning: now Consultation" in text
