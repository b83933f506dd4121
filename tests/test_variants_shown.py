"""The grid's and the ladder's wordings where people see them: `assess` (its result and its ladder step),
`report`, the ladder itself, in Welsh, Easy Read and Easy Read Welsh; scripts' JSON stays the same."""

from __future__ import annotations

import html
import json

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from coprotool import i18n
from coprotool.render.ladder import ladder_view
from coprotool.session import NoteStep, aspect_of, rung_of, steps_for
from coprotool.view import grid_view
from coprotool.wording import language_of

# Planned together, delivered by communities: a square the catalogue leaves unnamed, so it has a note too.
PLACED = {
    "service": "Riverside",
    "date": "2026-11-20",
    "answers": {"assets.1": 2, "networks.1": 1},
    "grid": {"plan": "together", "deliver": "communities"},
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


@pytest.fixture
def placed(tmp_path):
    path = tmp_path / "placed.yaml"
    path.write_text(yaml.safe_dump(PLACED, sort_keys=False), encoding="utf-8")
    return path


def _shown(cat, variant: str) -> dict[str, str]:
    """The grid and ladder texts the placement above shows, in one variant, each on one line."""
    fw, ladder = cat.framework, cat.ladder
    pos = fw.grid.place("together", "communities")
    return {
        "square": pos.name.get(variant),
        "meaning": pos.meaning.get(variant),
        "note": pos.note.get(variant),
        "planning": ladder.aspects[0].get(variant),
        "consultation": ladder.rung("consultation").name.get(variant),
        "doing for": ladder.rung("consultation").group.get(variant),
        "placement": ladder.placement.get(variant),
    }


def _flat(text: str) -> str:
    """Output with its wrapping and the table's cells undone, so a sentence can be found whole."""
    return " ".join(text.replace("|", " ").split())


@pytest.mark.parametrize(
    ("options", "variant"),
    [((), "en"), (("--lang", "cy"), "cy"), (("--easy",), "en-easy"), (("--lang", "cy", "--easy"), "cy-easy")],
)
def test_assess_shows_the_grid_and_the_ladder_in_the_chosen_wording(cat, invoke, placed, options, variant):
    result = invoke("assess", "--answers", placed, *options, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = _flat(result.stdout)
    shown = _shown(cat, variant)
    for what, words in shown.items():
        if what != "consultation":  # a rung's name sits in a table cell, with its step beside it
            assert " ".join(words.split()) in out, (what, words)
    assert f"{shown['consultation']} (" in out
    if variant != "en":  # and not the standard English it stands for
        for what, words in _shown(cat, "en").items():
            if words != shown[what]:
                assert " ".join(words.split()) not in out, (what, words)


# The Easy Read page (html with --easy) keeps to a few pages and shows neither grid nor ladder.
@pytest.mark.parametrize(
    ("fmt", "options", "variant"),
    [("markdown", ("--lang", "cy"), "cy"), ("html", ("--lang", "cy"), "cy"), ("markdown", ("--easy",), "en-easy"),
     ("markdown", ("--lang", "cy", "--easy"), "cy-easy")],
)  # fmt: skip
def test_the_report_shows_the_grid_and_the_ladder_in_the_chosen_wording(
    cat, invoke, placed, tmp_path, fmt, options, variant
):
    saved = tmp_path / "saved.yaml"
    assert invoke("assess", "--answers", placed, "--save", saved).exit_code == 0
    result = invoke("report", saved, "--format", fmt, *options)
    assert result.exit_code == 0, result.output
    out = _flat(html.unescape(result.stdout))
    shown, english = _shown(cat, variant), _shown(cat, "en")
    for what in ("square", "note", "planning", "placement"):
        assert " ".join(shown[what].split()) in out, what
        assert " ".join(english[what].split()) not in out, what
    if variant == "cy":
        assert "Ymgynghori (gris 4 o 7, gwneud dros bobl)" in out


def test_json_keeps_the_ids_and_the_standard_english_in_every_language(invoke, placed):
    runs = [invoke("assess", "--answers", placed, "-f", "json", *o) for o in ((), ("--lang", "cy"), ("--easy",))]
    assert all(r.exit_code == 0 for r in runs)
    assert runs[0].stdout == runs[1].stdout == runs[2].stdout
    data = json.loads(runs[0].stdout)
    assert data["grid"] == {"plan": "together", "deliver": "communities", "cell": "co-opted"}
    assert [p["aspect"] for p in data["ladder"]] == ["Planning", "Delivery"]


@pytest.mark.parametrize(
    ("lang", "variant"), [("en", "en"), ("cy", "cy")],
)  # fmt: skip
def test_the_ladder_is_drawn_in_the_language_in_use(cat, lang, variant):
    with i18n.using(lang):
        drawn = _flat(ladder_view(cat.ladder, 100).plain)
    for r in cat.ladder.rungs:
        assert f"{r.name.get(variant)} {' '.join(r.meaning.get(variant).split())}" in drawn
    assert " ".join(cat.ladder.advice.get(variant).split()) in drawn
    assert cat.ladder.credit.get(variant).split()[0] in drawn


def test_the_ladder_drawn_for_easy_read_welsh(cat):
    drawn = _flat(ladder_view(cat.ladder, 100, "cy-easy").plain)
    assert "Gwneud gyda phobl" in drawn and "7 Cydgynhyrchu Mae cydgynhyrchu yn golygu" in drawn
    assert "Begin at the top rung" not in drawn


def _lines(cat, *ladder: str) -> str:
    """Name, keywords, 2 at every question and grid step, Enter at each note; then the ladder replies."""
    steps = ["" if isinstance(s, NoteStep) else "2" for s in steps_for(cat.framework)]
    return "\n".join(["Svc", "", *steps, *ladder]) + "\n"


def test_the_ladder_step_speaks_welsh_and_takes_welsh_names(cat, invoke, tmp_path):
    save = tmp_path / "r.json"
    # The part of the work and the rung by their Welsh names; Enter keeps the top rung.
    result = invoke("assess", "--lang", "cy", "--save", save, input=_lines(cat, "Cynllunio", "Ymgynghori", "", ""))
    assert result.exit_code == 0, result.output
    out = _flat(result.output)
    assert "Ysgol cydgynhyrchu" in out  # the prompts around it are the interface's, through gettext
    assert "7 Cydgynhyrchu, 6 Cyd-ddylunio, 5 Ymgysylltu" in out
    assert "1 Cynllunio, 2 Darparu, 3 Adolygu" in out
    assert "Dechreuwch ar y gris uchaf" in out and "Begin at the top rung" not in out
    assert "Pwy sy'n cynllunio ac yn dylunio'r gwasanaeth?" in out  # the grid's questions and choices too
    assert "3 Pobl a chymunedau" in out and "Professionals alone" not in out
    placed = json.loads(save.read_text())["ladder"]
    assert placed == [{"aspect": "Planning", "now": "consultation", "should": "co-production", "reason": None}]


def test_the_ladder_step_in_easy_read(cat, invoke, tmp_path):
    result = invoke("assess", "--easy", "--save", tmp_path / "r.json", input=_lines(cat, "?", ""))
    assert result.exit_code == 0, result.output
    out = _flat(result.output)
    assert "1 Making the plans, 2 Doing the work, 3 Checking how it went" in out
    assert "Start at the top step." in out and "Begin at the top rung" not in out
    assert "Co-production means staff and people are equal." in out  # ? shows the ladder in Easy Read
    assert "Who makes the plans for the service?" in out and "1 Only staff" in out


# -- typed in any wording, kept by id ------------------------------------------------------------------
_CASES = (str, str.upper, str.lower, lambda s: f"  {s} ", lambda s: s.replace(" ", "  "))


@settings(max_examples=50, deadline=None)  # 7 rungs, 3 parts, 5 variants, 5 spellings; busy CPUs: no deadline
@given(data=st.data())
def test_a_rung_or_a_part_of_the_work_typed_in_any_wording_is_kept_by_its_id(cat, data):
    ladder = cat.ladder
    rung = data.draw(st.sampled_from(ladder.rungs))
    variant = data.draw(st.sampled_from(cat.framework.variants))
    case = data.draw(st.sampled_from(_CASES))
    assert rung_of(case(rung.name.get(variant)), ladder) == rung.id
    aspect = data.draw(st.sampled_from(ladder.aspects))
    kept = aspect_of(case(aspect.get(variant)), ladder)
    assert kept == str(aspect) and type(kept) is str  # the standard English, as a plain string, pools


@settings(max_examples=50, deadline=None)  # 9 squares in 5 variants; busy CPUs: no deadline
@given(data=st.data())
def test_every_square_is_shown_whole_in_every_variant(cat, data):
    fw = cat.framework
    pos = data.draw(st.sampled_from(fw.grid.positions))
    variant = data.draw(st.sampled_from(fw.variants))
    shown = grid_view(fw, pos, variant)
    cell = fw.grid.square(pos)
    assert shown.name == cell.name.get(variant) and shown.meaning == cell.meaning.get(variant)
    assert (shown.note is None) == (pos.note is None)
    if pos.note is not None:
        assert shown.note == pos.note.get(variant)
    assert language_of(variant) != "cy" or shown.meaning != str(cell.meaning)  # Welsh is never the English


def test_help_at_the_grid_step_explains_the_squares_in_the_run_s_language(cat, invoke, tmp_path):
    from coprotool.session import GridStep

    replies = []
    for step in steps_for(cat.framework):
        if isinstance(step, GridStep) and step.role == "plan":
            replies.append("?")  # help first, then the answer
        replies.append("" if isinstance(step, NoteStep) else "2")
    typed = "\n".join(["Svc", "", *replies, ""]) + "\n"
    result = invoke("assess", "--lang", "cy", "--save", tmp_path / "r.json", input=typed)
    assert result.exit_code == 0, result.output
    out = _flat(result.output)
    assert "Hunandrefnus: Mae cymunedau'n cynllunio ac yn rhedeg eu cymorth eu hunain" in out
    assert "Y catalog biau'r grid cynllunio a darparu" in out
    assert "Self-organised" not in out and "The plan/deliver grid is the catalogue's" not in out


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_compare_in_welsh_shows_the_squares_and_the_placements_in_welsh(cat, invoke, placed, tmp_path, fmt):
    later = tmp_path / "later.yaml"
    later.write_text(
        yaml.safe_dump({**PLACED, "date": "2027-03-01", "grid": {"plan": "together", "deliver": "together"}}),
        encoding="utf-8",
    )
    result = invoke("compare", placed, later, "--lang", "cy", "--format", fmt)
    assert result.exit_code == 0, result.output
    out = _flat(html.unescape(result.stdout))
    assert "Cynllunio: now" not in out and "Planning:" not in out
    assert "Ymgynghori" in out and "Cyd-ddylunio" in out and "Cydgynhyrchu" in out  # the rungs, in Welsh
    assert "Consultation" not in out
    assert "Wedi'i gydgynhyrchu" in out  # the later square's name
    assert "Co-produced" not in out and "Planned together, delivered by communities" not in out


def test_a_drafted_action_names_the_part_of_the_work_in_the_run_s_language(cat):
    from coprotool import actions
    from coprotool.assessment import evaluate, parse_assessment

    result = evaluate(cat, parse_assessment(PLACED, "test", cat.framework))
    with i18n.using("cy"):
        welsh = [d for d in actions.draft(result, cat) if "Cynllunio" in d.why]
    assert welsh and "Ymgynghori" in welsh[0].why and "Cyd-ddylunio" in welsh[0].why
    assert any("Planning at Consultation" in d.why for d in actions.draft(result, cat))
