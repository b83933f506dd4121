"""The interactive assessment, driven through CliRunner with typed input, and --answers files."""

from __future__ import annotations

import builtins
import json
import subprocess
import sys

import pytest
import yaml

from coprotool.session import GridStep, NoteStep, QuestionStep, Session, Step, steps_for


def kind(step: Step) -> str:
    if isinstance(step, GridStep):
        return step.role
    return "note" if isinstance(step, NoteStep) else "question"


def replies(cat, answer="2", note="", plan="2", deliver="2"):
    """One reply per step, in order: every question gets `answer`, notes `note`, then the grid."""
    out = []
    for step in steps_for(cat.framework):
        out.append({"question": answer, "note": note, "plan": plan, "deliver": deliver}[kind(step)])
    return out


def feed(*parts) -> str:
    lines = []
    for part in parts:
        lines += part if isinstance(part, list) else [part]
    return "\n".join(lines) + "\n"


@pytest.fixture(autouse=True)
def _in_tmp(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)


def test_full_run_prints_wedge_scores_depth_grid_and_suggestions(cat, invoke):
    result = invoke("assess", input=feed("Riverside Day Service", "Peer Support", replies(cat, "2")))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Co-production wedge: Riverside Day Service" in out
    assert "Question 1 of 22" in out and "principle 1 of 6" in out
    assert "Depth (our rule): Intermediate" in out and "To become transformative" in out
    assert "Co-produced" in out
    assert "To grow Assets" in out and "More on any case study: coprotool show" in out
    assert "Assets 2.0" in out  # the wedge's label carries the score
    assert "▓" in out  # level 2 fill: strength reads without colour


def test_json_output_keeps_prompts_off_stdout(cat, invoke):
    answers = replies(cat, "3")
    result = invoke("assess", "--format", "json", "--service", "X", input=feed(answers))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["depth"] == "transformative"
    assert data["scores"]["assets"] == {"score": 3.0, "level": 3, "answered": 3, "asked": 3}
    assert data["grid_cell"]["id"] == "co-produced" and data["grid"]["cell"] == "co-produced"
    assert data["grid_cell"]["named_in_catalogue"] is True
    assert "coprotool's own" in data["depth_basis"] and "unnamed" in data["grid_basis"]
    assert "Question 1 of" in result.stderr


def test_our_rules_are_named_as_ours_in_every_output(invoke, tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(
        "service: X\nanswers: {assets.1: 2, capabilities.1: 2, mutuality.1: 2}\n"
        "grid: {plan: together, deliver: communities}\n"
    )
    data = json.loads(invoke("assess", "--answers", path, "--format", "json").stdout)
    assert data["grid_cell"]["id"] != "co-produced" and data["grid_cell"]["named_in_catalogue"] is False
    assert data["grid_cell"]["name"] == "Planned together, delivered by communities"
    assert data["depth_basis"] and data["grid_basis"]
    text = " ".join(invoke("assess", "--answers", path, "--full").stdout.split())
    assert "Depth (our rule): Intermediate" in text and "Depth (our rule, from your scores): Intermediate" in text
    assert "gives no rule for reaching one from scores" in text and "the name is ours" in text
    assert "What this level looks like (our words)" in text and "Co-produced" not in text
    for fmt in ("html", "markdown"):
        report = invoke("report", path, "--format", fmt).stdout
        assert "Depth (our rule, from your scores): Intermediate" in report, fmt
        assert "(our words)" in report and "the name is ours" in report, fmt
    saved = tmp_path / "saved.yaml"
    invoke("assess", "--answers", path, "--save", saved)
    assert json.loads(invoke("assess", "--answers", saved, "--format", "json").stdout)["depth"] == "intermediate"


def test_back_skip_help_and_invalid_answers(cat, invoke):
    rest = replies(cat, "1")
    # assets.1: 3, then back and change it to 0; assets.2: invalid twice, then help, then skip.
    typed = feed("", "", "3", "b", "0", "7", "x", "?", "s", rest[2:])
    result = invoke("assess", "--format", "json", input=typed)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["answers"]["assets.1"] == 0
    assert data["answers"]["assets.2"] is None
    assert data["scores"]["assets"]["answered"] == 2
    err = result.stderr
    assert "7 is off the scale" in err and "'x' is not a value or label" in err
    assert "For example:" in err  # ? explains the principle with a case study
    assert "[Enter keeps 3]" in err  # going back shows the earlier answer


def test_labels_are_accepted_at_the_prompt(cat, invoke):
    result = invoke("assess", "-f", "json", input=feed("", "", replies(cat, "mostly")))
    assert json.loads(result.stdout)["scores"]["networks"]["level"] == 2


def test_quit_saves_and_resume_finishes(cat, invoke, tmp_path):
    first = replies(cat, "3")[:4]  # three assets questions and the note
    result = invoke("assess", input=feed("Team A", "", first, "1", "q"))
    assert result.exit_code == 0
    saved = list(tmp_path.glob("coprotool-resume-team-a-*.yaml"))
    assert len(saved) == 1 and "--resume" in result.stdout
    data = yaml.safe_load(saved[0].read_text())
    assert data["answers"]["assets.1"] == 3 and data["answers"]["capabilities.1"] == 1
    assert data["progress"] == 5 and data["service"] == "Team A"
    rest = replies(cat, "2")[5:]
    done = invoke("assess", "--resume", saved[0], "-f", "json", input=feed(rest))
    assert done.exit_code == 0, done.output
    final = json.loads(done.stdout)
    assert final["service"] == "Team A"
    assert final["answers"]["assets.1"] == 3 and final["answers"]["capabilities.1"] == 1
    assert final["answers"]["catalysts.1"] == 2 and "progress" not in final
    assert "Resuming at question 5" in done.stderr


def test_end_of_input_saves_what_was_typed(cat, invoke, tmp_path):
    result = invoke("assess", input=feed("Team B", "", "2", "3"))
    assert result.exit_code == 1
    assert "Input ended at question 3 of 22" in result.stderr
    assert "coprotool assess --resume" in result.stderr
    saved = next(tmp_path.glob("coprotool-resume-team-b-*.yaml"))
    assert yaml.safe_load(saved.read_text())["answers"] == {"assets.1": 2, "assets.2": 3}


@pytest.mark.parametrize("at", [0, 1, 2, 5, 20, 30])
def test_ctrl_c_at_any_prompt_saves_and_exits_130(cat, invoke, tmp_path, monkeypatch, at):
    calls = {"n": 0}
    real_input = builtins.input

    def fake_input(prompt=""):
        calls["n"] += 1
        if calls["n"] > at:
            raise KeyboardInterrupt
        return real_input(prompt)

    monkeypatch.setattr(builtins, "input", fake_input)
    result = invoke("assess", input=feed("Team C", "", replies(cat, "1")))
    assert result.exit_code == 130
    assert "Traceback" not in result.output
    saved = list(tmp_path.glob("coprotool-resume-*.yaml"))
    if at == 0:  # Ctrl-C at the first prompt: nothing entered, no resume file
        assert "Interrupted" in result.stderr and "nothing was saved" in result.stderr and not saved
        return
    assert "Interrupted" in result.stderr and "--resume" in result.stderr
    assert len(saved) == 1
    data = yaml.safe_load(saved[0].read_text())
    typed_steps = steps_for(cat.framework)[: max(0, at - 2)]  # two intro prompts come first
    expected = sum(isinstance(step, QuestionStep) for step in typed_steps)
    assert len([v for v in data["answers"].values() if v is not None]) == expected  # nothing typed is lost


def test_answers_file_runs_without_prompts(cat, invoke, tmp_path):
    answers = {q.id: "Fully" for q in cat.framework.questions}
    answers["networks.1"] = None
    path = tmp_path / "a.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "service": "Filed",
                "answers": answers,
                "keywords": ["Time Banking"],
                "grid": {"plan": "professionals", "deliver": "together"},
            }
        )
    )
    result = invoke("assess", "--answers", path, "-f", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["scores"]["networks"]["answered"] == data["scores"]["networks"]["asked"] - 1
    assert data["depth"] == "transformative" and data["grid_cell"]["id"] == "co-delivered"
    for key in ("scores", "depth", "grid_cell", "suggestions", "tool_version", "data_version"):
        assert key in data


def test_saved_result_is_a_valid_answers_file(cat, invoke, tmp_path):
    for suffix in ("yaml", "json"):
        target = tmp_path / f"result.{suffix}"
        first = invoke(
            "assess",
            "--service",
            "S",
            "--save",
            target,
            "-f",
            "json",
            input=feed(replies(cat, "1", note="we ran a survey")),
        )
        assert first.exit_code == 0 and target.exists()
        again = invoke("assess", "--answers", target, "-f", "json")
        assert again.exit_code == 0
        a, b = json.loads(first.stdout), json.loads(again.stdout)
        assert a["scores"] == b["scores"] and a["notes"] == b["notes"] and a["suggestions"] == b["suggestions"]
        assert a["notes"]["assets"] == "we ran a survey"


def test_save_refuses_to_overwrite_before_asking(cat, invoke, tmp_path):
    target = tmp_path / "result.yaml"
    target.write_text("precious")
    result = invoke("assess", "--save", target, input="")
    assert result.exit_code == 1 and "already exists" in result.stderr and "--force" in result.stderr
    assert target.read_text() == "precious"
    assert "Question" not in result.output


def test_svg_of_an_assessment(cat, invoke, tmp_path):
    svg = tmp_path / "w.svg"
    result = invoke("assess", "--service", "S & <T>", "--svg", svg, input=feed(replies(cat, "2")))
    assert result.exit_code == 0
    text = svg.read_text()
    assert "S &amp; &lt;T&gt;" in text and "<script" not in text


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ({"answers": {"assets.9": 2}}, ["answers.assets.9", "not a question", "did you mean"]),
        ({"answers": {"assets.1": 5}}, ["answers.assets.1", "5 is off the scale"]),
        ({"answers": {"assets.1": "lots"}}, ["answers.assets.1", "'lots'"]),
        ({"answers": {}, "grid": {"plan": "mayor"}}, ["grid.plan", "'mayor'"]),
        ({"format_version": 99}, ["format_version", "newer than this coprotool reads"]),
        ({"answers": {}, "extra": 1}, ["'extra'", "not a known field"]),
    ],
)
def test_bad_answers_files_are_explained(invoke, tmp_path, content, words):
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(content))
    result = invoke("assess", "--answers", path)
    assert result.exit_code == 1
    for w in words:
        assert w in result.stderr
    assert str(path) in result.stderr


def test_template_fills_in_to_a_valid_answers_file(cat, invoke, tmp_path):
    text = invoke("template", "--format", "yaml").stdout
    assert "# " in text and "assets.1: null" in text
    filled = text.replace("assets.1: null", "assets.1: 3").replace("plan: null", "plan: together")
    path = tmp_path / "t.yaml"
    path.write_text(filled)
    data = json.loads(invoke("assess", "--answers", path, "-f", "json").stdout)
    assert data["answers"]["assets.1"] == 3 and data["grid"]["plan"] == "together"


def test_template_csv_headers(cat, invoke):
    ids = invoke("template", "--format", "csv").stdout.strip().split(",")
    assert ids[2] == "assets.1" and len(ids) == 2 + len(cat.framework.questions)
    text = invoke("template", "--format", "csv", "--headers", "text").stdout
    assert cat.framework.questions[0].text in text


def test_session_core_back_and_progress(cat):
    s = Session(cat.framework)
    assert s.reply("b").kind == "at_start"
    assert s.reply("2").kind == "answered"
    assert s.progress()[:2] == (2, 22)
    assert s.reply("b").kind == "back" and s.answered_value() == "2"
    assert s.reply("nope").kind == "invalid"
    assert s.reply("q").kind == "quit"


def test_piped_stdin_in_a_real_process(cat, tmp_path):
    typed = feed("Piped", "", replies(cat, "2"))
    out = subprocess.run(
        [sys.executable, "-m", "coprotool", "assess", "-f", "json"],
        input=typed,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["service"] == "Piped"


def test_ctrl_c_after_the_last_question_still_keeps_the_answers(cat, invoke, tmp_path, monkeypatch):
    import coprotool.assessment as assessment

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(assessment, "evaluate", interrupted)
    result = invoke("assess", "--save", tmp_path / "r.yaml", input=feed("Late", "", replies(cat, "2")))
    assert result.exit_code == 130 and "--resume" in result.stderr
    saved = next(tmp_path.glob("coprotool-resume-late-*.yaml"))
    data = yaml.safe_load(saved.read_text())
    assert len([v for v in data["answers"].values() if v == 2]) == len(cat.framework.questions)
    monkeypatch.undo()
    done = invoke("assess", "--resume", saved, "-f", "json", input="")
    assert done.exit_code == 0 and json.loads(done.stdout)["service"] == "Late"


def test_grid_help_says_which_square_names_are_ours(cat, invoke):
    from coprotool.session import GridStep, NoteStep, steps_for

    steps = steps_for(cat.framework)
    first_grid = next(i for i, s in enumerate(steps) if isinstance(s, GridStep))
    before = ["" if isinstance(s, NoteStep) else "2" for s in steps[:first_grid]]
    result = invoke("assess", input="\n".join(["Svc", "", *before, "?", "2", "3", ""]) + "\n")
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "The grid places the service by who plans it and who delivers it" in out
    assert "the names and descriptions of the other three are coprotool's own" in out
