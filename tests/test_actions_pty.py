"""Agreed actions in a real pseudo-terminal: one workshop agrees two actions, the next one reviews them."""

from __future__ import annotations

import datetime as _dt
import json
import os
import sys

import pytest

pexpect = pytest.importorskip("pexpect")

SERVICE = "Riverside Day Service"
LATER = (_dt.date.today() + _dt.timedelta(days=200)).isoformat()
DEFAULT_DUE = (_dt.date.today() + _dt.timedelta(days=91)).isoformat()


def _spawn(tmp_path, *args):
    env = dict(
        os.environ,
        COLUMNS="100",
        LINES="40",
        TERM="xterm",
        NO_COLOR="1",
        COPROTOOL_NO_CACHE="1",
        XDG_DATA_HOME=str(tmp_path / "data-home"),
        XDG_STATE_HOME=str(tmp_path / "state-home"),
    )
    return pexpect.spawn(
        sys.executable,
        ["-m", "coprotool", "assess", *args],
        env=env,
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 100),
    ), env


def _questions(child, fw, value):
    for p in fw.principles:
        for q in p.questions:
            child.expect_exact(f"{p.name}, question {q.id.split('.')[1]}> ")
            child.sendline(value(p.id))
        child.expect("Any note on")
        child.sendline("")
    for _ in range(2):
        child.expect("Choose 1-3")
        child.sendline("2")
    child.expect_exact("(Enter skips)> ")  # the ladder step
    child.sendline("")


def test_agree_two_actions_then_review_them_next_time(cat, tmp_path, invoke):
    fw = cat.framework
    child, env = _spawn(tmp_path)
    child.expect("Service name")
    child.sendline(SERVICE)
    child.expect("Keywords")
    child.sendline("")
    _questions(child, fw, lambda pid: "1" if pid in ("blur_roles", "networks") else "3")
    child.expect("What we agree to do")
    child.expect("coprotool drafted these")
    child.expect_exact("Keep which?")
    child.expect_exact("(Enter skips this step)> ")
    child.sendline("1 2")
    # The first draft kept as worded: the owner by default, with whom asked, the date offered.
    child.expect_exact("Edit it? Type the group's wording, or Enter to keep it> ")
    child.sendline("")
    child.expect_exact("[Enter: service manager]> ")
    child.sendline("")
    child.expect_exact("(Enter: no one yet)> ")
    child.sendline("people who use the service")
    child.expect_exact(f"[Enter: {DEFAULT_DUE}]> ")
    child.sendline("")
    child.expect_exact("(Enter to leave it blank)> ")
    child.sendline("Two co-chairs by March")
    child.expect("Agreed: ")
    # The second draft edited, with a date typed wrongly once.
    child.expect_exact("Enter to keep it> ")
    child.sendline("Invite carers to plan the summer programme")
    child.expect_exact("[Enter: service manager]> ")
    child.sendline("team leader")
    child.expect_exact("(Enter: no one yet)> ")
    child.sendline("carers")
    child.expect_exact("]> ")
    child.sendline("31/12/2027")
    child.expect("is not a date written YYYY-MM-DD")
    child.expect_exact("]> ")
    child.sendline(LATER)
    child.expect_exact("(Enter to leave it blank)> ")
    child.sendline("")
    child.expect_exact("Add an action of your own? Type it, or Enter to finish> ")
    child.sendline("")
    child.expect("Co-production wedge: Riverside Day Service")
    child.expect("Enter: the full result")
    child.sendline("")
    child.expect("What we agreed")
    child.expect("Invite carers to plan the summer programme")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    # The next workshop of the same service opens with those two actions.
    child, _ = _spawn(tmp_path)
    child.expect("Service name")
    child.sendline(SERVICE)
    child.expect("Keywords")
    child.sendline("")
    child.expect(f"Since last time: 2 open actions for {SERVICE}")
    child.expect_exact("(Enter: leave it for now)> ")
    child.sendline("d")
    child.expect_exact("A note on it? (Enter for none)> ")
    child.sendline("Co-chairs started in January")
    child.expect("Invite carers to plan the summer programme")
    child.expect_exact("(Enter: leave it for now)> ")
    child.sendline("p")
    child.expect_exact("A note on it? (Enter for none)> ")
    child.sendline("")
    _questions(child, fw, lambda pid: "2")
    child.expect_exact("(Enter skips this step)> ")
    child.sendline("")  # nothing new agreed this time
    child.expect("Enter: the full result")
    child.sendline("")
    child.expect("Since last time")
    child.expect(
        r"Now:\s+done\.\s+Co-chairs\s+started\s+in\s+January\.\s+(Networks|Blur\s+roles):\s+up\s+1\.0\s+\(1\.0\s+to\s+2\.0\)"
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    listed = invoke("actions", "--all", "--format", "json")  # in this process: the same data home as the runs
    assert listed.exit_code == 0 and env["XDG_DATA_HOME"] == os.environ["XDG_DATA_HOME"]
    actions = {a["action"]: a for a in json.loads(listed.stdout)}
    assert len(actions) == 2
    carers = actions["Invite carers to plan the summer programme"]
    assert carers["owner"] == "team leader" and carers["with"] == "carers" and carers["due"] == LATER
    assert carers["status"] == "in_progress" and [r["status"] for r in carers["reviews"]] == ["in_progress"]
    (first,) = (a for a in actions.values() if a is not carers)
    assert first["principle"] in ("blur_roles", "networks") and first["with"] == "people who use the service"
    assert first["due"] == DEFAULT_DUE and first["measure"] == "Two co-chairs by March"
    assert first["status"] == "done"
    assert first["reviews"] == [
        {"date": _dt.date.today().isoformat(), "status": "done", "note": "Co-chairs started in January"}
    ]
