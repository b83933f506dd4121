"""Nothing a workshop says is lost: saved as you go, signals, closed terminals, failed writes, resume files.

The pseudo-terminal tests run the real command in a real pty (pexpect), as a facilitator would.
"""

from __future__ import annotations

import builtins
import contextlib
import json
import os
import re
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from coprotool.session import NoteStep, QuestionStep, steps_for
from coprotool.view import question_label

pexpect = pytest.importorskip("pexpect")


@pytest.fixture(autouse=True)
def _in_tmp(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)


def _env(tmp_path: Path) -> dict[str, str]:
    return dict(
        os.environ,
        COLUMNS="80",
        LINES="40",
        TERM="xterm",
        NO_COLOR="1",
        COPROTOOL_NO_CACHE="1",
        XDG_DATA_HOME=str(tmp_path / "data-home"),
    )


def _spawn(tmp_path: Path, *args: str):
    return pexpect.spawn(
        sys.executable,
        ["-m", "coprotool", *args],
        env=_env(tmp_path),
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 80),
    )


def _answer(child, cat, start: int, count: int, value: str = "2") -> int:
    """Answer `count` questions from step `start` (notes left empty); returns the next step's index."""
    steps = steps_for(cat.framework)
    i = start
    while count:
        step = steps[i]
        if isinstance(step, QuestionStep):
            child.expect_exact(f"{question_label(cat.framework, step.question.id)}> ")
            child.sendline(value)
            count -= 1
        else:
            child.expect("Any note on")
            child.sendline("")
        i += 1
    return i


def _finish(child, cat, start: int) -> None:
    steps = steps_for(cat.framework)
    questions = sum(isinstance(s, QuestionStep) for s in steps[start:])
    i = _answer(child, cat, start, questions)
    for step in steps[i:]:
        if isinstance(step, NoteStep):
            child.expect("Any note on")
            child.sendline("")
        else:
            child.expect("Choose 1-3")
            child.sendline("2")
    child.expect("Where does the work stand")  # the optional ladder step: Enter skips it
    child.sendline("")
    child.expect("Keep which?")  # the optional actions step: Enter skips it too
    child.sendline("")


def _resume_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("coprotool-resume-*") if not p.name.endswith(".lock"))


def _keywords(child) -> None:
    child.expect("Keywords")
    child.sendline("")


# -- the "done means", through a real terminal ------------------------------------------------
def test_close_the_terminal_after_ten_answers_then_resume_finish_and_list(cat, tmp_path):
    child = _spawn(tmp_path, "assess")
    child.expect("Service name")
    child.sendline("Hall Lane")
    _keywords(child)
    after = _answer(child, cat, 0, 10, "3")
    child.expect("> ")  # the eleventh question is on screen
    child.close(force=True)  # the window closes: the terminal hangs up
    # SIGHUP, or the end of input the closing terminal gives just before it (exit 129 or 1)
    assert child.exitstatus in (129, 1) or child.signalstatus == signal.SIGHUP
    saved = _resume_files(tmp_path)
    assert len(saved) == 1
    data = yaml.safe_load(saved[0].read_text())
    assert data["service"] == "Hall Lane" and list(data["answers"].values()) == [3] * 10
    assert data["progress"] == after

    child = _spawn(tmp_path, "assess")
    child.expect("Unfinished assessments")
    child.expect("Type a number to continue one")
    assert f"coprotool assess --resume {saved[0].name}" in " ".join(child.before.split()).replace("- ", "-")
    child.sendline("1")
    child.expect("Resuming at question 11 of 22")
    _finish(child, cat, after)
    child.expect("Kept in ")
    child.expect("Enter: the full result")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert _resume_files(tmp_path) == []  # finished: the resume file is gone
    assert not list(tmp_path.glob(".coprotool-resume-*.lock"))

    listed = subprocess.run(
        [sys.executable, "-m", "coprotool", "results", "--format", "json"],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        check=True,
    )
    kept = json.loads(listed.stdout)
    assert [r["service"] for r in kept] == ["Hall Lane"] and kept[0]["depth"] in ("intermediate", "transformative")
    assert yaml.safe_load(Path(kept[0]["path"]).read_text())["answers"]["assets.1"] == 3


@pytest.mark.parametrize(("sig", "code", "says"), [(signal.SIGTERM, 143, "SIGTERM"), (signal.SIGHUP, 129, "closed")])
def test_sigterm_and_sighup_keep_the_answers(cat, tmp_path, sig, code, says):
    child = _spawn(tmp_path, "assess", "--service", "Signals")
    _answer(child, cat, 0, 2, "1")
    child.expect_exact("Assets, question 3> ")
    child.kill(sig)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == code
    assert says in child.before and "Traceback" not in child.before
    (saved,) = _resume_files(tmp_path)
    assert yaml.safe_load(saved.read_text())["answers"] == {"assets.1": 1, "assets.2": 1}


def test_saved_after_every_answer_even_if_killed_outright(cat, tmp_path):
    child = _spawn(tmp_path, "assess", "--service", "Power Cut")
    _answer(child, cat, 0, 3, "2")
    child.expect("Any note on")
    child.kill(signal.SIGKILL)  # a power cut: no handler runs
    child.expect(pexpect.EOF)
    child.close()
    (saved,) = _resume_files(tmp_path)
    assert yaml.safe_load(saved.read_text())["answers"] == {"assets.1": 2, "assets.2": 2, "assets.3": 2}


def test_one_writer_per_resume_file(cat, tmp_path, invoke):
    first = invoke("assess", "--service", "Shared", input="2\n2\nq\n")
    (saved,) = _resume_files(tmp_path)
    assert first.exit_code == 0
    child = _spawn(tmp_path, "assess", "--resume", str(saved))
    child.expect("Resuming at question 3")
    child.expect_exact("Assets, question 3> ")
    second = invoke("assess", "--resume", saved, input="3\n")
    assert second.exit_code == 1
    assert "in use by another coprotool assess that is still running" in second.stderr
    assert "Resuming" not in second.output  # refused before any question
    child.sendline("3")
    child.expect("Any note on")
    child.sendline("q")
    child.expect("Saved. Continue with")
    child.expect(pexpect.EOF)
    child.close()
    assert yaml.safe_load(saved.read_text())["answers"]["assets.3"] == 3  # the second run wrote nothing


# -- failures after the questions --------------------------------------------------------------------
def _all_replies(cat, value: str = "2") -> str:
    lines = []
    for step in steps_for(cat.framework):
        lines.append("" if isinstance(step, NoteStep) else value)
    return "\n".join(lines) + "\n"


def test_a_full_disk_at_the_final_write_keeps_every_answer(cat, invoke, tmp_path):
    result = invoke("assess", "--service", "Full Disk", "--save", "/dev/full", input=_all_replies(cat, "3"))
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr and "Traceback" not in result.output
    path = re.search(r"your answers are saved in (\S+); finish with: coprotool assess --resume", result.stderr)
    assert path, result.stderr
    data = yaml.safe_load(Path(path.group(1)).read_text())
    assert data["answers"]["catalysts.3"] == 3 and data["progress"] == len(steps_for(cat.framework))
    assert data["outputs"] == {"save": "/dev/full"}
    # Resumed, with --save given again, it writes there instead and tidies the resume file.
    done = invoke("assess", "--resume", path.group(1), "--save", tmp_path / "ok.yaml", input="")
    assert done.exit_code == 0, done.output
    assert yaml.safe_load((tmp_path / "ok.yaml").read_text())["scores"]["assets"]["level"] == 3
    assert _resume_files(tmp_path) == []


def test_a_save_file_created_meanwhile_keeps_the_answers(cat, invoke, tmp_path, monkeypatch):
    real_input = builtins.input

    def someone_else_writes(prompt=""):
        line = real_input(prompt)
        (tmp_path / "late.yaml").write_text("mine\n")
        return line

    monkeypatch.setattr(builtins, "input", someone_else_writes)
    result = invoke("assess", "--service", "Late", "--save", "late.yaml", input=_all_replies(cat))
    assert result.exit_code == 1 and "late.yaml already exists" in result.stderr
    assert (tmp_path / "late.yaml").read_text() == "mine\n"
    (saved,) = _resume_files(tmp_path)
    assert len(yaml.safe_load(saved.read_text())["answers"]) == 22


def test_an_unexpected_error_mid_run_keeps_the_answers_first(cat, invoke, tmp_path, monkeypatch):
    from coprotool import session

    real = session.Session.first_of_principle

    def breaks_at_the_second_principle(self):
        if self.position == 4:
            raise RuntimeError("boom")
        return real(self)

    monkeypatch.setattr(session.Session, "first_of_principle", breaks_at_the_second_principle)
    result = invoke("assess", "--service", "Broken", input="1\n2\n3\nour note\n")
    assert result.exit_code == 70
    assert "An unexpected error stopped the assessment (RuntimeError: boom; a bug in coprotool" in result.stderr
    log = Path(re.search(r"the details are in (\S+)\)", result.stderr).group(1))
    assert "RuntimeError: boom" in log.read_text() and log.is_relative_to(tmp_path)
    assert "Traceback" not in result.output
    (saved,) = _resume_files(tmp_path)
    data = yaml.safe_load(saved.read_text())
    assert data["answers"] == {"assets.1": 1, "assets.2": 2, "assets.3": 3} and data["notes"] == {"assets": "our note"}
    assert f"your answers are saved in {saved.name}" in result.stderr


def test_markup_in_catalogue_text_does_not_stop_a_run(data_copy, invoke):
    path = data_copy / "principles.yaml"
    text = path.read_text()
    path.write_text(text.replace("\n      en: Networks\n", '\n      en: "Networks [/draft]"\n', 1))
    result = invoke("assess", "--data-dir", data_copy, "--service", "X", "-f", "json", input="\n" * 40)
    assert result.exit_code == 0, result.output
    assert "NETWORKS [/DRAFT]" in result.stderr


def test_when_no_folder_can_be_written_the_answers_go_to_stderr(cat, invoke, tmp_path, monkeypatch):
    from coprotool import resume

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setattr(resume, "folders", lambda: [blocked / "a", blocked / "b"])
    result = invoke("assess", "--service", "Nowhere", input="2\n3\n")
    assert result.exit_code == 1
    assert "cannot save as you go" in result.stderr  # said once, at the first answer
    head, _, body = result.stderr.partition("continue with --resume:\n")
    assert "could not save a resume file" in head
    data = yaml.safe_load(body.split("\ncoprotool: Input ended")[0])
    assert data["service"] == "Nowhere" and data["answers"] == {"assets.1": 2, "assets.2": 3}


def test_current_data_and_temporary_folders_full(cat, invoke, tmp_path, monkeypatch):
    """A real full disk for the current folder and the data folder, and no usable temporary folder."""
    import tempfile

    full = tmp_path / "full"
    full.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(full)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        with contextlib.suppress(OSError), (full / "filler").open("wb") as fh:  # fill it: no space left
            fh.write(b"x" * 65536)
            fh.flush()
        monkeypatch.chdir(full)
        monkeypatch.setenv("XDG_DATA_HOME", str(full / "data"))

        def no_usable_temporary_folder() -> str:
            raise FileNotFoundError("No usable temporary directory found")

        monkeypatch.setattr(tempfile, "gettempdir", no_usable_temporary_folder)
        result = invoke("assess", "--service", "Full", input="2\n1\n")
        assert result.exit_code == 1 and "could not save a resume file" in result.stderr, result.stderr
        body = result.stderr.partition("continue with --resume:\n")[2]
        assert yaml.safe_load(body.split("\ncoprotool: Input ended")[0])["answers"] == {"assets.1": 2, "assets.2": 1}
    finally:
        monkeypatch.chdir(tmp_path)
        subprocess.run(["umount", str(full)], check=True)


# -- input that ends, closes or is not text ---------------------------------------------------------
def test_closed_standard_input_and_empty_input_save_nothing(tmp_path):
    for shell in ("exec {py} -m coprotool assess <&-", "exec {py} -m coprotool assess < /dev/null"):
        out = subprocess.run(
            ["sh", "-c", shell.format(py=sys.executable)], capture_output=True, text=True, env=_env(tmp_path)
        )
        assert out.returncode == 1, out.stderr
        assert "Traceback" not in out.stderr and "nothing was saved" in out.stderr
        assert _resume_files(tmp_path) == []


def test_output_pipe_closing_keeps_what_was_typed(cat, tmp_path):
    """`coprotool assess | head -c 3000`: the reader goes away while people are still answering."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "coprotool", "assess"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(tmp_path),
        cwd=str(tmp_path),
    )
    proc.stdin.write(b"Piped\n\n")
    proc.stdin.flush()
    seen = b""
    while b"question 1> " not in seen:  # the first question is on screen
        ready, _, _ = select.select([proc.stdout], [], [], 30)
        chunk = os.read(proc.stdout.fileno(), 4096) if ready else b""
        if not chunk:
            proc.kill()
            proc.communicate()
            pytest.fail(f"no first question: {seen[-300:]!r}")
        seen += chunk
    proc.stdout.close()  # the reader goes away, as head does once it has its bytes
    _, err = proc.communicate(_all_replies(cat).encode())
    text = err.decode()
    assert proc.returncode == 1 and "Traceback" not in text
    assert "The terminal or output closed" in text
    (saved,) = _resume_files(tmp_path)
    data = yaml.safe_load(saved.read_text())
    assert data["service"] == "Piped" and data["answers"]["assets.1"] == 2


def test_bytes_that_are_not_text_under_a_strict_encoding(cat, tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "coprotool", "assess", "-f", "json"],
        input=b"Caf\xe9 \xff\n\n" + _all_replies(cat).encode(),
        capture_output=True,
        env=dict(_env(tmp_path), PYTHONIOENCODING="utf-8:strict"),
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["service"].startswith("Caf")


# -- resume files ------------------------------------------------------------------------------------
def _group_replies(steps, votes: str) -> list[str]:
    """Group mode: the votes then Enter (the median) at each question, Enter at notes and the grid."""
    typed = []
    for s in steps:
        typed += [votes, ""] if isinstance(s, QuestionStep) else [""]
    return typed


def test_a_resumed_run_writes_the_outputs_the_first_run_asked_for(cat, invoke, tmp_path):
    steps = steps_for(cat.framework)
    upto = [i for i, s in enumerate(steps) if isinstance(s, QuestionStep)][9] + 1  # ten questions
    outputs = ["--save", "g.yaml", "--svg", "g.svg", "--html", "g.html"]
    first = invoke(
        "assess", "--group", "--service", "G", *outputs, input="\n".join(_group_replies(steps[:upto], "2 3")) + "\nq\n"
    )
    assert first.exit_code == 0, first.output
    (saved,) = _resume_files(tmp_path)
    assert not (tmp_path / "g.yaml").exists()
    done = invoke("assess", "--resume", saved, input="\n".join(_group_replies(steps[upto:], "1 1")) + "\n")
    assert done.exit_code == 0, done.output
    for name in ("g.yaml", "g.svg", "g.html"):
        assert (tmp_path / name).stat().st_size > 0, name
    data = yaml.safe_load((tmp_path / "g.yaml").read_text())
    assert data["votes"]["assets.1"] == [2, 3] and data["answers"]["catalysts.3"] == 1
    assert _resume_files(tmp_path) == []


def test_a_json_resume_file_is_written_back_as_json(cat, invoke, tmp_path):
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({"service": "J", "answers": {"assets.1": 2}, "progress": 1}))
    result = invoke("assess", "--resume", path, input="3\nq\n")
    assert result.exit_code == 0 and f"--resume {path}" in " ".join(result.stdout.split())
    data = json.loads(path.read_text())
    assert data["answers"] == {"assets.1": 2, "assets.2": 3} and data["progress"] == 2


def test_new_resume_names_never_collide(tmp_path):
    from coprotool import resume

    runs = [resume.ResumeFile(service="Same") for _ in range(3)]  # three runs stopped in the same second
    paths = [r.save({"service": "Same", "answers": {}}) for r in runs]
    assert len(set(paths)) == 3 and all(p.exists() for p in paths)
    for r in runs:
        r.finish()
    assert not any(p.exists() for p in paths) and _resume_files(tmp_path) == []


def test_the_fallback_folder_never_replaces_a_file(tmp_path, monkeypatch):
    from coprotool import resume

    blocked = tmp_path / "a-file"
    blocked.write_text("")
    fallback = tmp_path / "fallback"
    monkeypatch.setattr(resume, "folders", lambda: [blocked / "x", fallback])
    first = resume.ResumeFile(service="Other")
    taken = first.save({"service": "Other"})
    assert taken.parent == fallback
    taken.write_text("someone else's\n")
    first.close()
    second = resume.ResumeFile(service="Other")  # the same second, so the same name would be chosen
    path = second.save({"service": "Other"})
    assert path != taken and taken.read_text() == "someone else's\n"
    second.finish()


def test_write_new_never_replaces(tmp_path):
    from coprotool.results import write_new

    (tmp_path / "x.yaml").write_text("old\n")
    path = write_new(tmp_path, "x", ".yaml", "new\n")
    assert path.name == "x-2.yaml" and (tmp_path / "x.yaml").read_text() == "old\n"
    assert path.read_text() == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x-2.yaml", "x.yaml"]  # no temporary file left


@pytest.mark.parametrize(
    "args",
    [
        ["--save", "x.html", "--html", "x.html"],
        ["--svg", "same", "--html", "./same"],
        ["--save", "r.yaml", "--resume", "r.yaml"],
    ],
)
def test_clashing_outputs_are_refused_before_the_first_question(cat, invoke, tmp_path, args):
    (tmp_path / "r.yaml").write_text("service: R\n")
    result = invoke("assess", *args, input="Name\n")
    assert result.exit_code == 2
    assert "both name" in result.stderr and "give each output its own file" in result.stderr
    assert "Service name" not in result.output and "Resuming" not in result.output


# -- results and compare by service -----------------------------------------------------------------
def test_results_lists_kept_results_and_compare_takes_a_service(cat, invoke, tmp_path, monkeypatch):
    empty = invoke("results")
    assert empty.exit_code == 0 and "No kept results yet" in empty.stdout
    assert json.loads(invoke("results", "-f", "json").stdout) == []
    for date, value in (("2026-03-01", "1"), ("2025-11-01", "0"), ("2026-09-01", "3")):
        path = tmp_path / f"{date}.json"
        path.write_text(json.dumps({"service": "Oak House", "date": date, "progress": len(steps_for(cat.framework))}))
        assert invoke("assess", "--resume", path, input="").exit_code == 0
        kept = tmp_path / "data-home" / "coprotool" / "results" / f"oak-house-{date}.yaml"
        data = yaml.safe_load(kept.read_text())
        data["answers"] = {q.id: int(value) for q in cat.framework.questions}
        kept.write_text(yaml.safe_dump(data))
    listed = invoke("results")
    lines = listed.stdout.splitlines()
    assert lines[0].split()[:3] == ["Service", "Date", "Depth"]  # a long path moves under its row ("File: ...")
    rows = [line.split() for line in lines[1:] if line.startswith("Oak House")]
    assert [row[2] for row in rows] == ["2025-11-01", "2026-03-01", "2026-09-01"]
    assert sum("oak-house-" in line for line in lines) == 3
    compared = invoke("compare", "oak house", "-f", "json")
    assert compared.exit_code == 0, compared.output
    data = json.loads(compared.stdout)
    assert [r["date"] for r in data["results"]] == ["2025-11-01", "2026-03-01", "2026-09-01"]
    assert data["changes"]["assets"] == {"before": 0.0, "after": 3.0, "delta": 3.0}
    missing = invoke("compare", "Elm Court")
    assert missing.exit_code == 1 and "no kept results for 'Elm Court'" in missing.stderr


def test_results_skips_files_it_cannot_read(invoke, tmp_path):
    folder = tmp_path / "data-home" / "coprotool" / "results"
    folder.mkdir(parents=True)
    (folder / "bad.yaml").write_text("[unclosed\n")
    (folder / "list.yaml").write_text("- 1\n")
    (folder / "ok.yaml").write_text("service: A\ndate: 2026-01-01\n")
    data = json.loads(invoke("results", "-f", "json").stdout)
    assert [(r["service"], r["depth"]) for r in data] == [("A", None)]


# -- prompts that do what people type ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Information, Advice and Guidance", ["Information, Advice and Guidance"]),
        ("Peer Support, Information, Advice and Guidance", ["Peer Support", "Information, Advice and Guidance"]),
        ("1 3", ["Co-design", "Information, Advice and Guidance"]),
        ("2;3", ["Personalisation", "Information, Advice and Guidance"]),
        ("co-design; our own words", ["Co-design", "our own words"]),
        ("", []),
    ],
)
def test_keywords_as_typed(cat, typed, expected):
    from coprotool.session import parse_keywords

    assert parse_keywords(typed, cat.framework.keywords) == expected


def test_keywords_prompt_takes_numbers_and_asks_again_for_one_off_the_list(cat, invoke):
    result = invoke("assess", "-f", "json", input="K\n99\n3\n" + _all_replies(cat))
    assert result.exit_code == 0, result.output
    assert "99 is not one of the keyword numbers" in result.stderr
    assert json.loads(result.stdout)["keywords"] == ["Information, Advice and Guidance"]


def test_a_lone_digit_at_the_notes_prompt_is_confirmed(cat, invoke):
    # assets: three answers, then '2' at the note (meant for the next question): not kept unless confirmed.
    typed = "N\n\n1\n1\n1\n2\n\n2\n"  # Enter at the check: no note; then capabilities.1 gets its 2
    rest = _all_replies(cat).split("\n")[5:]
    result = invoke("assess", "-f", "json", input=typed + "\n".join(rest))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert "assets" not in data["notes"] and data["answers"]["capabilities.1"] == 2
    assert "keep '2' as the note on Assets?" in result.stderr
    after_note = _all_replies(cat).split("\n")[4:]
    kept = invoke("assess", "-f", "json", input="N\n\n1\n1\n1\nmostly\ny\n" + "\n".join(after_note))
    assert json.loads(kept.stdout)["notes"] == {"assets": "mostly"}


def test_a_note_over_two_thousand_characters_is_refused_and_asked_again(cat, invoke):
    rest = _all_replies(cat).split("\n")[4:]
    result = invoke("assess", "-f", "json", input="L\n\n1\n1\n1\n" + "x" * 2001 + "\nshort\n" + "\n".join(rest))
    assert result.exit_code == 0, result.output
    assert "that note is 2,001 characters; the most a note keeps is 2,000" in result.stderr
    assert json.loads(result.stdout)["notes"] == {"assets": "short"}


@pytest.mark.parametrize(
    ("typed", "votes"),
    [("Not yet, Mostly, fully", [0, 2, 3]), ("not yet not yet 2", [0, 0, 2]), ("Starting;3 1", [1, 3, 1])],
)
def test_group_votes_accept_labels(cat, typed, votes):
    from coprotool.session import SavedRun, Session

    s = Session(cat.framework, SavedRun())
    s.assessment.group = True
    assert s.reply(typed).kind == "votes"
    assert s.assessment.votes["assets.1"] == votes
    assert s.reply("not quite").kind == "invalid"  # the agreed value is one value


def test_group_votes_name_what_is_not_a_vote(cat):
    from coprotool.session import SavedRun, Session

    s = Session(cat.framework, SavedRun())
    s.assessment.group = True
    outcome = s.reply("2 maybe 3")
    assert outcome.kind == "invalid" and "'maybe' is not a value or label" in outcome.message


def test_back_at_the_first_question_returns_to_the_name_and_keywords(cat, invoke):
    typed = "First Name\n\nb\nSecond Name\n4\n" + _all_replies(cat)
    result = invoke("assess", "-f", "json", input=typed)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["service"] == "Second Name" and data["keywords"] == ["Self-help Groups"]
    assert "back to the service's name and keywords" in result.stderr
    assert "[Enter keeps First Name]" in result.stderr


def test_a_long_service_name_is_refused_and_asked_again(cat, invoke):
    result = invoke("assess", "-f", "json", input="n" * 201 + "\nShort\n\n" + _all_replies(cat))
    assert result.exit_code == 0 and "the most is 200" in result.stderr
    assert json.loads(result.stdout)["service"] == "Short"


# -- a data folder that cannot be written; what is not a regular file in the results folder -------------
def _finished_run(folder: Path, service: str = "Oak House") -> Path:
    """A resume file with every step answered: `assess --resume` finishes it without asking anything."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "run.json"
    path.write_text(json.dumps({"service": service, "date": "2026-03-01", "progress": 99, "answers": {"assets.1": 2}}))
    return path


def _data_folder_under_a_file(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "a-file").write_text("not a folder\n")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "a-file" / "data"))
    return tmp_path / "a-file" / "data" / "coprotool" / "results"


def _one_sentence_about(folder: Path, stderr: str) -> None:
    said = [line for line in stderr.splitlines() if "cannot be written" in line]
    assert len(said) == 1, stderr
    assert f"the results folder {folder} cannot be written" in said[0]
    assert "make it a folder you can write to, or finish with --save FILE" in said[0]
    assert "bug" not in stderr and "Traceback" not in stderr


def test_resuming_with_a_data_folder_under_a_file_keeps_the_result_beside_the_resume_file(
    cat, invoke, tmp_path, monkeypatch
):
    results = _data_folder_under_a_file(tmp_path, monkeypatch)
    run = _finished_run(tmp_path / "runs")
    result = invoke("assess", "--resume", run, input="")
    assert result.exit_code == 0, result.output
    _one_sentence_about(results, result.stderr)
    kept = tmp_path / "runs" / "oak-house-2026-03-01.yaml"
    assert f"this result is kept in {kept} instead" in result.stderr
    assert yaml.safe_load(kept.read_text())["service"] == "Oak House"
    assert not run.exists()  # finished: the resume file is tidied as usual


def test_a_new_run_with_a_data_folder_under_a_file_keeps_the_result_in_the_current_folder(
    cat, invoke, tmp_path, monkeypatch
):
    results = _data_folder_under_a_file(tmp_path, monkeypatch)
    result = invoke("assess", "--service", "Elm Court", input=_all_replies(cat))
    assert result.exit_code == 0, result.output
    _one_sentence_about(results, result.stderr)
    kept = sorted(tmp_path.glob("elm-court-*.yaml"))
    assert len(kept) == 1 and yaml.safe_load(kept[0].read_text())["service"] == "Elm Court"
    assert _resume_files(tmp_path) == []


def test_with_save_a_data_folder_under_a_file_is_said_once_and_the_run_ends_well(cat, invoke, tmp_path, monkeypatch):
    results = _data_folder_under_a_file(tmp_path, monkeypatch)
    run = _finished_run(tmp_path / "runs")
    result = invoke("assess", "--resume", run, "--save", tmp_path / "mine.yaml", input="")
    assert result.exit_code == 0, result.output
    said = [line for line in result.stderr.splitlines() if "cannot be written" in line]
    assert len(said) == 1 and f"the results folder {results} cannot be written" in said[0], result.stderr
    assert "'coprotool results' will not list this result" in said[0] and "mine.yaml" in said[0]
    assert yaml.safe_load((tmp_path / "mine.yaml").read_text())["service"] == "Oak House"
    assert list((tmp_path / "runs").iterdir()) == []  # no second copy beside the resume file


def test_a_read_only_data_folder_keeps_the_result_beside_the_resume_file(cat, invoke, tmp_path, monkeypatch):
    data = tmp_path / "data-home"
    data.mkdir(exist_ok=True)
    mounted = False
    if os.geteuid() == 0:  # root writes through permissions: a read-only file system instead
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=16k", "tmpfs", str(data)], capture_output=True)
        if done.returncode != 0:
            pytest.skip("cannot mount a read-only tmpfs here")
        mounted = True
    else:
        data.chmod(0o555)
    try:
        monkeypatch.setenv("XDG_DATA_HOME", str(data))
        run = _finished_run(tmp_path / "runs")
        result = invoke("assess", "--resume", run, input="")
        assert result.exit_code == 0, result.output
        _one_sentence_about(data / "coprotool" / "results", result.stderr)
        assert (tmp_path / "runs" / "oak-house-2026-03-01.yaml").is_file()
    finally:
        if mounted:
            subprocess.run(["umount", str(data)], check=True)
        else:
            data.chmod(0o755)


def test_when_no_folder_can_be_written_the_answers_are_kept_and_the_exit_is_not_zero(
    cat, invoke, tmp_path, monkeypatch
):
    from coprotool import results

    real = results.write_new

    def only_resume_files(folder, stem, suffix, text):
        if stem.startswith("coprotool-resume-"):
            return real(folder, stem, suffix, text)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(results, "write_new", only_resume_files)
    result = invoke("assess", "--service", "Elm Court", input=_all_replies(cat))
    assert result.exit_code == 1, result.output
    assert "Cannot keep the result: the results folder" in result.stderr
    assert "make it a folder you can write to, or finish with --save FILE" in result.stderr
    assert "your answers are saved in" in result.stderr and len(_resume_files(tmp_path)) == 1


def _run_with_timeout(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coprotool", *args],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        cwd=str(tmp_path),
        timeout=30,  # a FIFO opened for reading would wait for a writer for ever
    )


def test_results_and_compare_skip_what_is_not_a_regular_file_and_say_so(cat, invoke, tmp_path):
    folder = tmp_path / "data-home" / "coprotool" / "results"
    folder.mkdir(parents=True)
    for date in ("2026-01-01", "2026-02-01"):
        (folder / f"oak-{date}.yaml").write_text(f"service: Oak\ndate: {date}\n")
    os.mkfifo(folder / "waiting.yaml")
    (folder / "a-folder.yaml").mkdir()
    for args in (["results"], ["results", "-f", "json"], ["compare", "Oak", "-f", "json"]):
        done = _run_with_timeout(tmp_path, *args)
        assert done.returncode == 0, done.stderr
        warning = [line for line in done.stderr.splitlines() if "not a regular file" in line]
        assert len(warning) == 1 and "skipped 2 items" in warning[0], done.stderr
        assert "a-folder.yaml, waiting.yaml" in warning[0]
    assert len(json.loads(_run_with_timeout(tmp_path, "results", "-f", "json").stdout)) == 2


def test_results_show_a_file_name_or_service_with_a_line_break_on_its_own_row(invoke, tmp_path):
    folder = tmp_path / "data-home" / "coprotool" / "results"
    folder.mkdir(parents=True)
    (folder / "two\nlines.yaml").write_text('service: "Oak\\nHouse\\u2028"\ndate: 2026-01-01\n')
    listed = invoke("results")
    assert listed.exit_code == 0, listed.output
    lines = listed.stdout.splitlines()
    assert any("Oak\\nHouse\\u2028" in line and "2026-01-01" in line for line in lines), listed.stdout
    assert any(line.rstrip().endswith("/two\\nlines.yaml") for line in lines), listed.stdout
    assert not any(line.strip().startswith(("House", "lines.yaml")) for line in lines), listed.stdout
