"""One run in a real pseudo-terminal: a person at a keyboard answers every question."""

from __future__ import annotations

import json
import os
import sys

import pytest

pexpect = pytest.importorskip("pexpect")


def test_assess_in_a_real_terminal(cat, tmp_path):
    env = dict(os.environ, COLUMNS="80", LINES="40", TERM="xterm", NO_COLOR="1", COPROTOOL_NO_CACHE="1")
    save = tmp_path / "result.json"
    child = pexpect.spawn(
        sys.executable,
        ["-m", "coprotool", "assess", "--save", str(save)],
        env=env,
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 80),
    )
    # Each reply follows its prompt and input() reads whole lines: pexpect's 50 ms pause before a send is idle.
    child.delaybeforesend = None
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
