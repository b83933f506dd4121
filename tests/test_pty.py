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
    child.expect("Co-production wedge: Terminal Test")
    child.expect("Depth: Intermediate")
    child.expect("Enter: the full result")  # the summary screen first; the detail on a key press
    child.sendline("")
    child.expect("To grow Networks")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    data = json.loads(save.read_text())
    assert data["scores"]["networks"]["level"] == 1 and data["grid_cell"]["id"] == "co-produced"
