"""Agreed actions: checking, the register (atomic, locked), the actions commands and their formats."""

from __future__ import annotations

import datetime as _dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coprotool import actions as act
from coprotool.errors import InputError

TODAY = _dt.date.today().isoformat()
LATER = (_dt.date.today() + _dt.timedelta(days=90)).isoformat()
PAST = (_dt.date.today() - _dt.timedelta(days=3)).isoformat()
ADD = ["actions", "add", "Riverside Day Service"]


def _add(invoke, text="Ask two people who use the service to co-chair planning", due=LATER, *more):
    return invoke(
        *ADD, "--action", text, "--principle", "blur_roles", "--owner", "service manager", "--due", due, *more
    )


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({"principle": "bluring"}, "'bluring' is not a principle; use one of: assets"),
        ({"due": "31/03/2027"}, "'31/03/2027' is not a date written YYYY-MM-DD"),
        ({"due": "2027-02-30"}, "'2027-02-30' is not a date written YYYY-MM-DD"),
        ({"due": PAST}, f"the date {PAST} is already past"),
        ({"action": "   "}, "the action is empty"),
        ({"action": "x" * 501}, "the action is 501 characters"),
    ],
)
def test_bad_fields_are_one_sentence_each(cat, fields, says):
    given = {"action": "Co-chair the planning meeting", "principle": "blur_roles", "due": LATER} | fields
    with pytest.raises(InputError) as err:
        act.new_action(cat.framework, "Riverside", agreed=TODAY, **given)
    assert says in str(err.value) and str(err.value).count(". ") <= 1


def test_a_principle_by_its_name_and_a_status_as_typed(cat):
    a = act.new_action(cat.framework, "R", action="Do it", principle="Blur roles", due=LATER, agreed=TODAY)
    assert a.principle == "blur_roles" and a.owner == act.DEFAULT_OWNER and len(a.id) == 6
    assert act.check_status("In progress") == act.check_status("in-progress") == "in_progress"


def test_cli_bad_input_saves_nothing(invoke):
    for args in (
        ["--principle", "nope"],
        ["--due", "tomorrow"],
        ["--due", PAST],
    ):
        base = ["--action", "Do it", "--principle", "assets", "--owner", "lead", "--due", LATER]
        for i in range(0, len(args), 2):
            base[base.index(args[i]) + 1] = args[i + 1]
        r = invoke(*ADD, *base)
        assert r.exit_code == 2 and r.stderr.count("\n") == 1 and r.stderr.startswith("coprotool: ")
    r = invoke(*ADD, "--action", "", "--principle", "assets", "--owner", "lead", "--due", LATER)
    assert r.exit_code == 2 and "the action is empty" in r.stderr
    assert not act.register_dir().exists() or not list(act.register_dir().glob("*.yaml"))
    r = invoke("actions", "update", "zzz999", "--status", "done")
    assert r.exit_code == 2 and "there is no action with the id 'zzz999'" in r.stderr


def test_add_list_update_and_json_fields(invoke):
    r = _add(
        invoke,
        "Co-chair the planning meeting",
        LATER,
        "--with",
        "people who use the service",
        "--measure",
        "4 meetings",
    )
    assert r.exit_code == 0, r.output
    aid = r.stdout.split()[1].rstrip(":")
    listed = json.loads(invoke("actions", "-f", "json").stdout)
    assert [a["id"] for a in listed] == [aid]
    assert tuple(listed[0]) == act.JSON_FIELDS
    assert listed[0]["with"] == "people who use the service" and listed[0]["status"] == "open"
    assert listed[0]["agreed"] == TODAY and listed[0]["reviews"] == []
    r = invoke("actions", "update", aid, "--status", "in-progress", "--note", "First meeting held", "--due", LATER)
    assert r.exit_code == 0 and "is now in progress" in r.stdout
    r = invoke("actions", "update", aid.upper(), "--status", "done")
    assert r.exit_code == 0
    assert json.loads(invoke("actions", "-f", "json").stdout) == []  # open only, by default
    every = json.loads(invoke("actions", "Riverside Day Service", "--all", "-f", "json").stdout)
    assert [(rv["status"], rv["note"]) for rv in every[0]["reviews"]] == [
        ("in_progress", "First meeting held"),
        ("done", None),
    ]
    assert every[0]["status"] == "done"
    r = invoke("actions", "update", aid, "--status", "finished")
    assert r.exit_code == 2 and "'finished' is not one of" in r.stderr
    r = invoke("actions", "update", aid, "--action", "x", "--status", "done")
    assert r.exit_code == 2 and "--action goes with 'coprotool actions add NAME'" in r.stderr


def test_the_same_action_added_twice_is_kept_once(invoke):
    _add(invoke)
    _add(invoke)
    assert len(json.loads(invoke("actions", "-f", "json").stdout)) == 1


def test_overdue_marked_and_filtered(invoke):
    path = act.register_path("Riverside")
    path.parent.mkdir(parents=True)
    late = act.Action("abc123", "Riverside", "Late one", "assets", "lead", PAST, "2020-01-01")
    fine = act.Action("def456", "Riverside", "On time", "assets", "lead", LATER, TODAY)
    act.add_actions("Riverside", [late, fine])
    r = invoke("actions")
    assert "OVERDUE: open, due " + PAST in " ".join(r.stdout.split())
    assert [a["id"] for a in json.loads(invoke("actions", "--overdue", "-f", "json").stdout)] == ["abc123"]
    both = invoke("actions", "--all", "--overdue")
    assert both.exit_code == 2 and "use either --all or --overdue, not both." in both.stderr
    md = invoke("actions", "-f", "markdown").stdout
    assert f"**{PAST} (overdue)**" in md and "| On time |" in md


def test_many_open_actions_get_a_gentle_warning(invoke):
    for n in range(6):
        r = _add(invoke, f"Action number {n}")
    assert "6 actions are open for this service" in r.stderr and r.exit_code == 0


def test_ics_reads_back_with_the_library(invoke, tmp_path):
    from icalendar import Calendar

    _add(invoke, "Co-chair the planning meeting", LATER, "--with", "carers")
    _add(invoke, "Open the budget to the group", LATER)
    out = tmp_path / "due.ics"
    r = invoke("actions", "-o", out)
    assert r.exit_code == 0 and "2 actions written" in r.stderr
    cal = Calendar.from_ical(out.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) == 2
    assert {str(e["summary"]) for e in events} == {
        "Due: Co-chair the planning meeting",
        "Due: Open the budget to the group",
    }
    assert all(e["dtstart"].dt == _dt.date.fromisoformat(LATER) for e in events)
    assert "With: carers" in "".join(str(e["description"]) for e in events)
    assert invoke("actions", "-o", out).exit_code == 1  # exists: --force to replace
    assert invoke("actions", "-o", out, "--force").exit_code == 0


def test_csv_and_xlsx(invoke, tmp_path):
    import csv

    from python_calamine import CalamineWorkbook

    _add(invoke, "=HYPERLINK(1) meeting", LATER)
    rows = list(csv.reader(invoke("actions", "-f", "csv").stdout.splitlines()))
    assert rows[0][:3] == ["id", "service", "action"] and rows[1][2] == "'=HYPERLINK(1) meeting"
    book = tmp_path / "a.xlsx"
    assert invoke("actions", "-o", book).exit_code == 0
    sheet = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("Actions").to_python()
    assert sheet[0][0] == "id" and sheet[1][2] == "=HYPERLINK(1) meeting"
    assert invoke("actions", "-o", tmp_path / "b.xlsx", "-f", "csv").exit_code == 2


def test_a_failed_change_writes_nothing(cat):
    act.add_actions(
        "R", [act.new_action(cat.framework, "R", action="Keep me", principle="assets", due=LATER, agreed=TODAY)]
    )
    before = act.register_path("R").read_bytes()

    def broken(actions):
        raise InputError("no")

    with pytest.raises(InputError):
        act.change_register("R", broken)
    assert act.register_path("R").read_bytes() == before
    assert [p.name for p in act.register_dir().iterdir() if p.name.endswith(".tmp")] == []


def test_two_commands_at_once_lose_nothing(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(Path(act.__file__).parents[1]))
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "coprotool",
                *ADD,
                "--action",
                f"Action {n}",
                "--principle",
                "assets",
                "--owner",
                "lead",
                "--due",
                LATER,
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for n in range(6)
    ]
    for p in procs:
        assert p.wait(timeout=60) == 0, p.stderr.read() if p.stderr else ""
        if p.stderr:
            p.stderr.close()
    kept = act.for_service("Riverside Day Service")
    assert sorted(a.action for a in kept) == [f"Action {n}" for n in range(6)]


def test_answers_file_carries_actions_into_the_register(invoke, tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "service: Riverside\n"
        f"date: {TODAY}\n"
        "answers: {assets.1: 1}\n"
        "actions:\n"
        "  - action: Ask two people who use the service to co-chair the monthly planning meeting\n"
        "    principle: blur_roles\n"
        "    owner: service manager\n"
        "    with: people who use the service\n"
        f"    due: {LATER}\n"
        "    measure: Both co-chairs attend at least four meetings\n"
    )
    r = invoke("assess", "-a", answers, "-f", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["actions"][0]["principle"] == "blur_roles"
    assert act.for_service("riverside")[0].action.startswith("Ask two people")
    assert invoke("assess", "-a", answers, "-f", "json").exit_code == 0  # scored again: kept once
    assert len(act.for_service("Riverside")) == 1
    answers.write_text(answers.read_text().replace("blur_roles", "blurring"))
    r = invoke("assess", "-a", answers)
    assert r.exit_code == 1 and "field 'actions[0].principle': 'blurring' is not a principle" in r.stderr


@pytest.mark.parametrize("mode", [["--quick", "--group"], ["--quick"]])
def test_quick_and_group_runs_agree_actions_too(invoke, mode):
    votes = "1 1" if "--group" in mode else "1"
    per_question = [votes, ""] if "--group" in mode else [votes]
    lines = per_question * 6 + ["2", "2", ""]  # six headline questions, the grid, the ladder skipped
    lines += ["1", "", "", "carers", "", "Carers plan two sessions", ""]  # keep draft 1; no action of our own
    r = invoke("assess", *mode, "--service", "Quick Service", "-f", "json", input="\n".join(lines) + "\n")
    assert r.exit_code == 0, r.output
    (agreed,) = json.loads(r.stdout)["actions"]
    assert agreed["with"] == "carers" and agreed["measure"] == "Carers plan two sessions"
    assert agreed["owner"] == act.DEFAULT_OWNER and agreed["due"] == act.due_default(TODAY)
    assert [a.id for a in act.for_service("Quick Service")] == [agreed["id"]]


def test_piped_answers_that_end_before_the_actions_step_finish_without_it(invoke):
    r = invoke("assess", "--quick", "--service", "Short", "-f", "json", input="2\n" * 8)  # six, then the grid
    assert r.exit_code == 0 and "actions" not in json.loads(r.stdout)
    assert act.for_service("Short") == []


def _result(cat, **extra):
    from coprotool.assessment import evaluate, parse_assessment

    data = {"service": "R", "answers": {"assets.1": 3, "networks.1": 0, "blur_roles.1": 1}} | extra
    return evaluate(cat, parse_assessment(data, "test", cat.framework))


def test_drafts_name_a_case_study_and_follow_the_result(cat):
    names = {c.name for c in cat.case_studies}
    plain = act.draft(_result(cat), cat)
    assert [d.principle for d in plain] == _result(cat).weakest and len(plain) <= act.MAX_DRAFTS
    assert all(d.example in names and f"see how {d.example}" in d.action for d in plain)
    assert all("lowest principles" in d.why for d in plain)
    lensed = _result(
        cat,
        lenses=["People who use services", "Staff"],
        votes={"assets.1": {"People who use services": [0, 0], "Staff": [3, 3]}},
        ladder={"now": "consultation", "should": "co-production"},
    )
    drafts = act.draft(lensed, cat)
    assert len(drafts) == 3
    assert "People who use services and Staff" in drafts[2].action or "apart" in drafts[2].why
    ladder = act.draft(_result(cat, ladder={"now": "consultation", "should": "co-production"}), cat)
    assert ladder[-1].principle == act.LADDER_PRINCIPLE and "one rung up the ladder, to Engagement" in ladder[-1].action
    assert "placed the work at Consultation" in ladder[-1].why


def test_a_register_that_is_not_a_file_is_one_sentence(invoke):
    path = act.register_path("Riverside Day Service")
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    r = _add(invoke, "Anything", LATER)
    assert r.exit_code == 1 and "is not a regular file" in r.stderr and r.stderr.count("\n") == 1
    assert invoke("actions").exit_code == 0  # listing skips it


def test_a_stopped_run_keeps_what_was_agreed_and_resumes(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lines = ["", ""] + ["2"] * 8 + ["", "1", "", "", "", "", "", "q"]  # no name; agree one draft, quit after
    r = invoke("assess", "--quick", input="\n".join(lines) + "\n")
    assert r.exit_code == 0 and "Continue with: coprotool assess --resume" in r.output
    (saved,) = tmp_path.glob("coprotool-resume-*.yaml")
    r = invoke("assess", "--resume", saved, "-f", "json", input="\n\n\n")
    assert r.exit_code == 0, r.output
    (agreed,) = json.loads(r.stdout)["actions"]
    assert agreed["service"] == act.UNNAMED and "Agreed so far" in r.stderr


def test_a_piped_run_reviews_adds_its_own_action_and_warns_over_five(invoke, cat):
    for n in range(6):
        act.add_actions(
            "Busy",
            [act.new_action(cat.framework, "Busy", action=f"Old {n}", principle="assets", due=LATER, agreed=TODAY)],
        )
    lines = ["z", "x", "No longer needed"] + [""] * 5  # review: a wrong key, dropped with a note; leave the rest
    lines += ["2"] * 8 + [""]  # six headline questions, the grid, the ladder skipped
    lines += ["0", "Run a carers' cafe", "9", "networks", "", "", "2020-01-01", "", "", ""]
    r = invoke("assess", "--quick", "--service", "Busy", "-f", "json", input="\n".join(lines) + "\n")
    assert r.exit_code == 0, r.output
    assert "Type d, p, n or x, or press Enter." in r.stderr
    assert "'9' is not a principle" in r.stderr and "is already past" in r.stderr
    assert "6 actions are open for this service" in r.stderr  # five left open, and the new one
    out = json.loads(r.stdout)
    assert [a["action"] for a in out["actions"]] == ["Run a carers' cafe"]
    assert out["reviewed"][0]["status"] == "dropped" and out["reviewed"][0]["note"] == "No longer needed"
    kept = {a.action: a for a in act.for_service("Busy")}
    assert sorted(a.status for a in kept.values()) == ["dropped"] + ["open"] * 6
    assert kept["Run a carers' cafe"].principle == "networks"


def test_empty_lists_in_every_format(invoke, tmp_path):
    assert "No actions." in invoke("actions", "-f", "markdown").stdout
    assert invoke("actions", "-f", "csv").stdout.startswith("id,service,action")
    assert "BEGIN:VCALENDAR" in invoke("actions", "-f", "ics").stdout
    out = tmp_path / "list.txt"
    assert invoke("actions", "--all", "-o", out).exit_code == 0 and "No actions" in out.read_text()
