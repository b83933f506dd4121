"""assess --quick (one headline question per principle), --plain wording, time guidance, help that fits."""

from __future__ import annotations

import json
import os
import sys

import pytest
import yaml

from coprotool.session import duration_text, minutes, steps_for


@pytest.fixture(autouse=True)
def _in_tmp(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)


def _feed(*lines: str) -> str:
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("total", "text"), [(15, "about 15 minutes"), (110, "about 1 hour 50 minutes"), (120, "about 2 hours")]
)
def test_durations_read_as_people_say_them(total, text):
    assert duration_text(total) == text


@pytest.mark.parametrize(
    ("total", "welsh"), [(15, "tua 15 munud"), (110, "tua 1 awr a 50 munud"), (120, "tua 2 awr"), (60, "tua 1 awr")]
)
def test_durations_are_said_in_welsh_in_a_welsh_run(total, welsh):
    from coprotool import i18n

    with i18n.using("cy"):
        assert duration_text(total) == welsh


def test_a_quick_run_takes_about_a_quarter_of_an_hour_and_a_full_one_nearly_two(cat):
    fw = cat.framework
    assert minutes(steps_for(fw, quick=True), quick=True) == 15
    assert 90 <= minutes(steps_for(fw)) <= 150  # what rooms took: 1.5 to 2.5 hours


def test_quick_asks_one_headline_question_per_principle_and_says_how_long(cat, invoke):
    fw = cat.framework
    result = invoke("assess", "--quick", "-f", "json", input=_feed("Quick Team", "", *["2"] * 6, "2", "2"))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    asked = {qid for qid, v in data["answers"].items() if v is not None}
    assert asked == {p.headline.id for p in fw.principles}
    assert "Question 6 of 6" in result.stderr and "Question 7" not in result.stderr
    assert "about 15 minutes" in result.stderr and "Any note on" not in result.stderr
    assert data["scores"]["mutuality"]["answered"] == 1 and data["grid_cell"]["id"] == "co-produced"


def test_the_full_run_says_how_long_and_offers_the_quick_one(cat, invoke):
    result = invoke("assess", "--service", "Named", input=_feed("q"))
    assert "about 1 hour 50 minutes" in result.stdout and "coprotool assess --quick" in result.stdout


def test_a_quick_run_resumes_as_a_quick_run(cat, invoke, tmp_path):
    fw = cat.framework
    first = invoke("assess", "--quick", input=_feed("Quick Team", "", "3", "3", "q"))
    assert first.exit_code == 0, first.output
    saved = next(tmp_path.glob("coprotool-resume-*.yaml"))
    data = yaml.safe_load(saved.read_text())
    assert data["quick"] is True and data["progress"] == 2
    done = invoke("assess", "--resume", saved, "-f", "json", input=_feed("1", "1", "1", "1", "1", "1"))
    assert done.exit_code == 0, done.output
    assert "Question 3 of 6" in done.stderr
    answers = json.loads(done.stdout)["answers"]
    assert {q for q, v in answers.items() if v is not None} == {p.headline.id for p in fw.principles}


def test_plain_shows_the_plain_wording(cat, invoke):
    q = cat.framework.questions[0]
    plain = invoke("assess", "--plain", "--service", "P", input=_feed("q"))
    normal = invoke("assess", "--service", "P", input=_feed("q"))
    flat = lambda text: " ".join(text.split())  # noqa: E731
    assert flat(q.plain) in flat(plain.stdout) and flat(q.text) not in flat(plain.stdout)
    assert flat(q.text) in flat(normal.stdout)


def test_quick_and_plain_do_not_go_with_an_answers_file(invoke, tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("answers: {}\n")
    refused = invoke("assess", "--answers", path, "--quick")
    assert refused.exit_code == 2 and "--quick" in refused.stderr


def test_help_fits_the_screen_it_is_asked_on(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    env = dict(os.environ, COLUMNS="80", LINES="24", TERM="xterm", NO_COLOR="1", COPROTOOL_NO_CACHE="1")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "coprotool", "assess", "--service", "Help Test"],
        env=env,
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=30,
        dimensions=(24, 80),
    )
    child.expect_exact("Assets, question 1> ")
    child.sendline("?")
    child.expect_exact("Assets, question 1> ")
    after = child.before.replace("\r", "").strip("\n").split("\n")[1:]  # what '?' printed, the echo dropped
    # the question, its hint and scale (about 6 rows) stay on a 24-row screen above the help
    assert 3 <= len(after) <= 24 - 8, after
    assert not any("principle 1 of 6" in line for line in after)  # the introduction is not printed again
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
