"""Results for a room: kept where `results` finds them even with --save, led by the gap between lenses,
the disagreements kept to the widest few, the first page of the report on one A4 sheet."""

from __future__ import annotations

import json
import random

import yaml

from coprotool.assessment import Assessment, evaluate
from coprotool.render.report import report_html
from coprotool.render.result import CONTINUE, summary_screen
from coprotool.view import WIDEST, build_view, lens_gap_list, lens_lead

PEOPLE, STAFF = "People who use services", "Staff"


def room_result(cat, seed: int = 3) -> Assessment:
    """A room where staff score every question higher than people who use the service, and votes spread."""
    rng = random.Random(seed)
    a = Assessment(service="Riverside Day Service", date="2026-12-03", group=True, lenses=[PEOPLE, STAFF])
    for q in cat.framework.questions:
        people = [rng.choice([0, 1, 1, 2]) for _ in range(4)]
        staff = [rng.choice([2, 3, 3]) for _ in range(4)]
        a.lens_votes[q.id] = {PEOPLE: people, STAFF: staff}
        a.votes[q.id] = people + staff
        a.answers[q.id] = 2
    return a


def test_the_summary_screen_leads_with_the_gap_between_lenses_and_still_fits_80x24(cat):
    view = build_view(evaluate(cat, room_result(cat)), cat, "0")
    text = summary_screen(view, 80, True).plain
    lines = text.splitlines()
    assert lines[1].startswith("Staff scored every principle higher than People who use")  # right under the title
    assert "apart (most on" in lines[2]
    assert len((text + CONTINUE).splitlines()) <= 23 and max(map(len, lines)) <= 80


def test_the_lead_names_the_lenses_and_which_is_higher(cat):
    fw = cat.framework
    both = {STAFF: {"assets": 3.0, "networks": 2.5}, PEOPLE: {"assets": 1.0, "networks": 1.0}}
    gaps = lens_gap_list(fw, both)
    assert [g.text for g in gaps] == [
        "Assets: Staff scored it 2.0 higher than People who use services",
        "Networks: Staff scored it 1.5 higher than People who use services",
    ]
    assert (
        lens_lead(gaps, 6)
        == "Staff scored 2 of 6 principles higher than People who use services: 1.5 to 2.0 apart (most on Assets)."
    )
    mixed = {STAFF: {"assets": 3.0, "networks": 0.0}, PEOPLE: {"assets": 1.0, "networks": 2.0}}
    assert lens_lead(lens_gap_list(fw, mixed), 6) == (
        "Where the lenses differ most: Assets: Staff scored it 2.0 higher than People who use services; "
        "1 more principle a level or more apart."
    )
    assert lens_lead([], 6) == ""


def test_where_the_room_disagreed_keeps_the_widest_few(cat):
    result = evaluate(cat, room_result(cat))
    assert len(result.disagreements) > WIDEST
    view = build_view(result, cat, "0")
    assert len(view.disagreements) == WIDEST and view.more_disagreements == len(result.disagreements) - WIDEST
    spreads = [max(d.votes) - min(d.votes) for d in view.disagreements]
    assert spreads == sorted(spreads, reverse=True) and spreads[0] == 3


def test_the_reports_first_page_leads_with_the_gap_and_fits_one_a4_page(cat, page, tmp_path):
    view = build_view(evaluate(cat, room_result(cat)), cat, "0")
    path = tmp_path / "report.html"
    path.write_text(report_html(view), encoding="utf-8")
    sheet = page(width=680, height=1009)  # A4 inside 15 mm margins at 96 dpi
    sheet.emulate_media(media="print")
    sheet.goto(path.as_uri())
    first = sheet.locator(".first")
    assert first.locator("p.lead").inner_text().startswith("Staff scored every principle higher")
    assert first.bounding_box()["height"] <= 1009
    assert first.locator(".disagree li").count() == WIDEST


def test_a_run_saved_with_save_is_kept_where_results_finds_it(invoke, tmp_path, monkeypatch, cat):
    monkeypatch.chdir(tmp_path)
    answers = []
    for p in cat.framework.principles:
        answers += ["2"] * len(p.questions) + [""]
    run = invoke("assess", "--save", "riverside.yaml", input="\n".join(["Riverside", "", *answers, "", "", ""]) + "\n")
    assert run.exit_code == 0, run.stderr
    assert yaml.safe_load((tmp_path / "riverside.yaml").read_text())["service"] == "Riverside"
    listed = invoke("results", "--format", "json")
    assert [r["service"] for r in json.loads(listed.stdout)] == ["Riverside"]


def test_next_steps_are_worded_for_any_service_and_name_the_case_study_as_an_example(cat):
    from coprotool.render.result import detail

    advocacy = next(c for c in cat.case_studies if c.slug == "homeless-health-peer-advocacy")
    assert advocacy.works_with == "people who have been homeless"
    assert not any("homeless" in step.lower() for steps in advocacy.practices.values() for step in steps)
    a = Assessment(
        service="Riverside Day Service", date="2026-12-03", keywords=["Peer Support", "Experts by Experience"]
    )
    a.answers = {q.id: 0 for q in cat.framework.questions}
    result = evaluate(cat, a)
    example = "as Homeless Health Peer Advocacy does with people who have been homeless"
    assert any(s.case_study == advocacy.slug and s.example == example for s in result.next_steps)
    text = " ".join(detail(build_view(result, cat, "0"), 100, True).plain.split())  # lines joined
    assert f"({example})" in text and "(from Homeless Health Peer Advocacy)" not in text


def test_a_lens_too_small_to_show_is_in_no_result_report_or_json(cat):
    """Two people who use services vote on a question: counted for the room, never shown as their lens."""
    from coprotool.render.report import report_markdown
    from coprotool.room.state import NO_LENS, Room
    from coprotool.session import SavedRun, Session

    fw = cat.framework
    room = Room([PEOPLE, STAFF], [{"value": s.value, "label": s.label} for s in fw.scale])
    room.add_typed({PEOPLE: [0, 1], STAFF: [3, 3, 2], NO_LENS: [1]})  # three outside Staff: Staff may show
    tally = room.reveal()
    assert tally.by_lens == {STAFF: [2, 3, 3]} and tally.kept == {STAFF: [2, 3, 3], NO_LENS: [0, 1, 1]}
    session = Session(fw, SavedRun(Assessment(lenses=[PEOPLE, STAFF], group=True)))
    session.record_votes("assets.1", dict(tally.kept), lensed=True)
    result = evaluate(cat, session.assessment)
    data = result.as_dict(fw, "0")
    assert data["votes"]["assets.1"] == {STAFF: [2, 3, 3], NO_LENS: [0, 1, 1]}  # the room's six votes, all kept
    assert data["lenses"][PEOPLE]["assets"] is None and data["lenses"][STAFF]["assets"] is not None
    view = build_view(result, cat, "0")
    assert "People who use services 0.5" not in report_markdown(view) and not view.lens_gaps
