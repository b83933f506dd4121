"""actions, actions add/update and feedback in Welsh: the terminal list, a Markdown export and every message
follow --lang (both: Welsh, then English); json, csv and ics stay the same bytes in every language."""

from __future__ import annotations

import datetime as _dt

import pytest

from coprotool import actions as act
from coprotool import i18n

TODAY = _dt.date.today().isoformat()
LATER = (_dt.date.today() + _dt.timedelta(days=90)).isoformat()
PAST = (_dt.date.today() - _dt.timedelta(days=3)).isoformat()


@pytest.fixture
def listed():
    late = act.Action("abc123", "Riverside", "Late one", "networks", "lead", PAST, "2020-01-01", with_="carers")
    fine = act.Action("def456", "Riverside", "On time", "blur_roles", "lead", LATER, TODAY, measure="two co-chairs")
    act.add_actions("Riverside", [late, fine])


def test_the_list_in_welsh(invoke, listed):
    shown = " ".join(invoke("actions", "--lang", "cy").stdout.split())
    for words in (
        "Late one (Rhwydweithiau)",
        "Perchennog: lead, gyda carers.",
        f"YN HWYR: ar agor, erbyn {PAST}.",
        "On time (Cymylu rolau)",
        f"Ar agor, erbyn {LATER}.",
        "Sut byddwn ni’n gwybod: two co-chairs",
    ):
        assert words in shown, words
    for english in ("Owner", "OVERDUE", "due ", "Networks", "How we will know", "Open,"):
        assert english not in shown, english


def test_the_list_in_both_welsh_first(invoke, listed):
    shown = invoke("actions", "--lang", "both").stdout
    assert shown.index("Perchennog:") < shown.index("Owner:")
    assert shown.endswith(invoke("actions").stdout)  # the English as it was


def test_markdown_follows_the_language(invoke, listed):
    welsh = invoke("actions", "-f", "markdown", "--lang", "cy").stdout
    assert welsh.startswith("# Camau a gytunwyd\n") and "| Cam | Egwyddor | Perchennog |" in welsh
    assert f"**{PAST} (yn hwyr)**" in welsh and "| ar agor |" in welsh and "Agreed actions" not in welsh
    both = invoke("actions", "-f", "markdown", "--lang", "both").stdout
    assert both.index("# Camau a gytunwyd") < both.index("# Agreed actions")


@pytest.mark.parametrize("fmt", ["json", "csv", "ics"])
def test_machine_formats_are_the_same_bytes_in_every_language(invoke, listed, fmt):
    outputs = {lang: invoke("actions", "-f", fmt, "--lang", lang).stdout for lang in ("en", "cy", "both")}
    assert outputs["en"] == outputs["cy"] == outputs["both"] and "Late one" in outputs["en"]


def test_add_and_update_say_so_in_welsh(invoke):
    added = invoke(
        "actions", "add", "Riverside", "--action", "Meet monthly", "-p", "networks", "--due", LATER, "--lang", "cy"
    )
    assert added.exit_code == 0 and added.stdout.startswith("Ychwanegwyd ") and f"(erbyn {LATER})." in added.stdout
    aid = added.stdout.split()[1].rstrip(":")
    done = invoke("actions", "update", aid, "--status", "done", "--lang", "cy")
    assert done.stdout == f"Mae {aid} bellach: wedi’i wneud (erbyn {LATER}).\n"
    english = invoke("actions", "update", aid, "--status", "in-progress")
    assert english.stdout == f"{aid} is now in progress (due {LATER}).\n"


@pytest.mark.parametrize(
    ("args", "welsh"),
    [
        (["actions", "--all", "--overdue"], "defnyddiwch naill ai --all neu --overdue, nid y ddau."),
        (["actions", "update", "zzz999", "--status", "done"], "does dim cam â’r id 'zzz999'"),
        (["actions", "add", "R", "--action", "x", "-p", "bluring", "--due", LATER], "nid yw 'bluring' yn egwyddor"),
        (
            ["actions", "add", "R", "--action", "x", "-p", "assets", "--due", "31/03/2027"],
            "nid yw '31/03/2027' yn ddyddiad",
        ),
        (
            ["actions", "add", "R", "--action", "x", "-p", "assets", "--due", PAST],
            f"mae’r dyddiad {PAST} wedi mynd heibio",
        ),
        (["actions", "add", "R", "--action", "x" * 501, "-p", "assets", "--due", LATER], "mae’r cam yn 501 nod"),
        (["actions", "add", "R", "--action", "x", "-p", "assets"], "mae cam angen --due:"),
        (["actions", "update", "abc"], "dywedwch beth ddigwyddodd gyda --status"),
        (["actions", "--due", LATER], "mae --due yn mynd gyda ‘coprotool actions add ENW’"),
        (["feedback", "Nobody"], "does dim canlyniad wedi’i gadw ar gyfer 'Nobody'"),
    ],
)
def test_a_mistake_is_said_in_welsh(invoke, args, welsh):
    done = invoke(*args, "--lang", "cy")
    assert done.exit_code != 0 and welsh in done.stderr, done.stderr
    assert done.stderr.startswith("coprotool: ")


def test_an_empty_list_and_a_file_written_in_welsh(invoke, listed, tmp_path):
    assert invoke("actions", "Nowhere", "--lang", "cy").stdout.startswith("Does dim camau ar agor ar gyfer Nowhere.")
    out = tmp_path / "a.md"
    done = invoke("actions", "-o", out, "--lang", "cy")
    assert "Ysgrifennwyd 2 gam i " in done.stderr  # dau gam: the soft mutation after two
    assert out.read_text(encoding="utf-8").startswith("# Camau a gytunwyd")


def test_many_open_counted_in_welsh():
    from coprotool.cli.actions import many_open

    with i18n.using("cy"):
        assert many_open(6).startswith("Mae 6 cham ar agor")  # chwe cham: the aspirate mutation
        assert many_open(7).startswith("Mae 7 cam ar agor")
    assert many_open(6).startswith("6 actions are open for this service.")


def test_drafted_actions_in_welsh(cat):
    from pathlib import Path

    from coprotool.assessment import evaluate, load_assessment

    example = Path(__file__).parent.parent / "examples" / "riverside.yaml"
    result = evaluate(cat, load_assessment(example, cat.framework))
    english = act.draft(result, cat)
    with i18n.using("cy"):
        welsh = act.draft(result, cat)
    assert [d.principle for d in welsh] == [d.principle for d in english]  # the same drafts, worded in Welsh
    assert all("ymhlith yr egwyddorion isaf" in d.why or "safbwyntiau" in d.why or "ystafell" in d.why for d in welsh)
    assert any(n in welsh[0].why for n in ("Rhwydweithiau", "Cilyddiaeth", "Cymylu rolau", "Asedau"))
    assert "is among the lowest principles" in english[0].why


@pytest.mark.parametrize(
    ("before", "after", "welsh", "english"),
    [
        (1.0, 1.7, "i fyny 0.7 (1.0 i 1.7)", "up 0.7 (1.0 to 1.7)"),
        (2.0, 1.0, "i lawr 1.0 (2.0 i 1.0)", "down 1.0 (2.0 to 1.0)"),
        (2.0, 2.0, "dim newid (2.0)", "no change (2.0)"),
        (None, 2.0, "dim modd cymharu", "not comparable"),
    ],
)
def test_how_a_score_moved_in_each_language(before, after, welsh, english):
    with i18n.using("cy"):
        assert act.moved(before, after) == welsh
    assert act.moved(before, after) == english


def test_the_default_owner_and_a_welsh_principle_name(invoke):
    added = invoke("actions", "add", "Riverside", "--action", "Meet", "-p", "Rhwydweithiau", "--due", LATER)
    assert added.exit_code == 0, added.output  # a principle by its Welsh name too
    welsh = " ".join(invoke("actions", "--lang", "cy").stdout.split())
    assert "Meet (Rhwydweithiau)" in welsh and "Perchennog: rheolwr y gwasanaeth." in welsh
    assert "Owner: service manager." in " ".join(invoke("actions").stdout.split())
    in_welsh = invoke("actions", "add", "Riverside", "--action", "Talk", "-p", "assets", "--due", LATER, "--lang", "cy")
    assert in_welsh.exit_code == 0
    stored = {a.action: a.owner for a in act.for_service("Riverside")}
    assert stored == {"Meet": "service manager", "Talk": "rheolwr y gwasanaeth"}  # kept as agreed, in its language


def test_the_room_names_the_default_lenses_in_welsh():
    from coprotool.room.state import private_tally

    lenses = {"Staff": [3, 3, 3], "People who use services": [1, 1, 1]}
    tally = private_tally(lenses, ["People who use services", "Staff"], 1)
    with i18n.using("cy"):
        said = tally.gap_text() or ""
    assert said.endswith(": 2 o wahaniaeth") and "Pobl sy’n defnyddio gwasanaethau 1" in said
    assert (tally.gap_text() or "").endswith(": 2 apart")


@pytest.mark.parametrize(
    ("args", "english", "welsh"),
    [
        ((), "No open actions.", "Does dim camau ar agor."),
        (("Nowhere",), "No open actions for Nowhere.", "Does dim camau ar agor ar gyfer Nowhere."),
        (("--all",), "No actions.", "Dim camau."),
        (("Nowhere", "--all"), "No actions for Nowhere.", "Does dim camau ar gyfer Nowhere."),
        (("--overdue",), "No overdue actions.", "Does dim camau yn hwyr."),
        (("Nowhere", "--overdue"), "No overdue actions for Nowhere.", "Does dim camau yn hwyr ar gyfer Nowhere."),
    ],
)
def test_each_empty_list_says_so_then_how_actions_are_added(invoke, args, english, welsh):
    how_en = "Actions are agreed at the end of 'coprotool assess', or added with 'coprotool actions add NAME'."
    how_cy = "Mae camau’n cael eu cytuno ar ddiwedd ‘coprotool assess’"

    def said(*more: str) -> str:
        return " ".join(invoke("actions", *args, *more).stdout.split())  # as one line, whatever the width

    assert said().startswith(f"{english} {how_en}")
    assert said("--lang", "cy").startswith(f"{welsh} {how_cy}")
