"""One run in a real pseudo-terminal: a person at a keyboard answers every question."""

from __future__ import annotations

import json
import os
import sys

import pytest

pexpect = pytest.importorskip("pexpect")


def _assess(tmp_path, *args: str):
    """`coprotool assess ARGS` in a real 80x40 terminal, in English unless ARGS say otherwise."""
    env = dict(os.environ, COLUMNS="80", LINES="40", TERM="xterm", NO_COLOR="1", COPROTOOL_NO_CACHE="1")
    env.pop("COPROTOOL_LANG", None)
    return pexpect.spawn(
        sys.executable,
        ["-m", "coprotool", "assess", *args],
        env=env,
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 80),
    )


def test_assess_in_a_real_terminal(cat, tmp_path):
    save = tmp_path / "result.json"
    child = _assess(tmp_path, "--save", str(save))
    child.expect("Service name")
    child.sendline("Terminal Test")
    child.expect("Keywords")
    child.sendline("Peer Support")
    fw = cat.framework
    answered = 0
    for p in fw.principles:
        for q in p.questions:
            child.expect(f"Question {answered + 1} of {len(fw.questions)}")
            child.expect_exact(f"{p.name}, question {q.id.split('.')[1]}> ")
            child.sendline("3" if p.id != "networks" else "1")
            answered += 1
        child.expect("Any note on")
        child.sendline("")
    child.expect("Who plans")
    child.expect("Choose 1-3")
    child.sendline("2")
    child.expect("Who delivers")
    child.expect("Choose 1-3")
    child.sendline("2")
    # The optional ladder step, one part of the work at a time: a rung now, then where it should stand (from
    # the top), with the reason; then another part, or Enter to finish.
    child.expect("The ladder of co-production")
    child.expect_exact("Which part of the work first? 1-4 or a name (Enter skips)> ")
    child.sendline("1")
    child.expect_exact("Where does Planning stand now? 1-7 or a name> ")
    child.sendline("partnership")
    child.expect("is not a rung of the ladder")
    child.expect_exact("or a name> ")
    child.sendline("4")
    child.expect_exact("Where should Planning stand? [Enter keeps 7 Co-production, the top]> ")
    child.sendline("b")  # back to where it stands now
    child.expect_exact("or a name> ")
    child.sendline("Engagement")
    child.expect_exact("the top]> ")
    child.sendline("co-design")
    child.expect_exact("Why should Planning stand below Co-production? > ")
    child.sendline("")
    child.expect("steps down only for a stated reason")
    child.sendline("Budgets are set by the cabinet")
    child.expect_exact("Another part of the work? 1-4 or a name (Enter finishes)> ")
    child.sendline("")
    child.expect("the room's own judgement")
    child.expect("What we agree to do")  # the optional actions step: Enter skips it
    child.expect_exact("(Enter skips this step)> ")
    child.sendline("")
    child.expect("Co-production wedge: Terminal Test")
    child.expect_exact("Depth (our rule): Intermediate")
    child.expect("Enter: the full result")  # the summary screen first; the detail on a key press
    child.sendline("")
    child.expect("To grow Networks")
    child.expect("On the ladder of co-production")
    child.expect("Part of the work")
    child.expect("Planning +Engagement")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    data = json.loads(save.read_text())
    assert data["scores"]["networks"]["level"] == 1 and data["grid_cell"]["id"] == "co-produced"
    assert data["ladder"] == [
        {"aspect": "Planning", "now": "engagement", "should": "co-design", "reason": "Budgets are set by the cabinet"}
    ]


def test_the_ladder_step_in_welsh_in_a_real_terminal(cat, tmp_path):
    # assess --lang cy: the ladder step's prompts, choices and hints in Welsh at a real keyboard; what is saved
    # is the same ids and names whatever the language.
    from coprotool.wording import text

    ladder = cat.ladder
    top, planning = text(ladder.rungs[-1].name, "cy"), text(ladder.aspects[0], "cy")
    save = tmp_path / "result.json"
    child = _assess(tmp_path, "--quick", "--lang", "cy", "--save", str(save))
    child.expect("Enw’r gwasanaeth")
    child.sendline("Prawf")
    child.expect("Geiriau allweddol")
    child.sendline("")
    for n in range(1, 7):
        child.expect(f"Cwestiwn {n} o 6")
        child.expect_exact("> ")
        child.sendline("2")
    for _ in range(2):  # who plans, who delivers
        child.expect("Dewiswch 1-3")
        child.sendline("2")
    child.expect_exact(f"{text(ladder.title, 'cy')} (dewisol: Enter yn neidio;")  # the line wraps after it
    child.expect_exact("Pa ran o’r gwaith yn gyntaf? 1-4 neu enw (Enter yn neidio)> ")
    child.sendline("1")
    child.expect_exact(f"Ble mae {planning} ar yr ysgol nawr? 1-7 neu enw> ")
    child.sendline("partneriaeth")
    child.expect_exact("Dydy ‘partneriaeth’ ddim yn ris ar yr ysgol.")
    child.expect_exact("neu enw> ")
    child.sendline("?")  # the whole ladder, in Welsh
    child.expect_exact("y gris uchaf yn gyntaf")
    child.expect_exact("Sut i’w defnyddio")
    child.expect_exact("neu enw> ")
    child.sendline("4")
    child.expect_exact(f"Ble dylai {planning} fod? [Enter yn cadw 7 {top}, y gris uchaf]> ")
    child.sendline("6")
    child.expect_exact(f"Pam dylai {planning} fod yn is na’r gris uchaf, {top}? > ")
    child.sendline("")
    child.expect_exact("Dim ond am reswm a nodir y mae’r ysgol yn camu i lawr")
    child.sendline("Mae’r gyllideb wedi’i phennu")
    child.expect_exact("Rhan arall o’r gwaith? 1-4 neu enw (Enter yn gorffen)> ")
    child.sendline("")
    child.expect_exact(" ".join(text(ladder.placement, "cy").split()[:4]))
    child.sendline("")  # the optional actions step: Enter skips it
    child.expect("Lletem cydgynhyrchu: Prawf")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    data = json.loads(save.read_text())
    assert data["ladder"] == [
        {"aspect": "Planning", "now": "consultation", "should": "co-design", "reason": "Mae’r gyllideb wedi’i phennu"}
    ]
