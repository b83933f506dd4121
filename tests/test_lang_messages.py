"""Messages in the run's language: a command given --lang cy says its errors and notes in Welsh (both: Welsh,
the first language, on standard error), and in English every message stays as it was, word for word."""

from __future__ import annotations

from pathlib import Path

import pytest

from coprotool import i18n

EXAMPLES = Path(__file__).parent.parent / "examples"
EXAMPLE = EXAMPLES / "riverside.yaml"


@pytest.mark.parametrize(
    ("args", "welsh", "english"),
    [
        (
            ["assess", "--answers", EXAMPLE, "--resume", EXAMPLE],
            "defnyddiwch naill ai --answers neu --resume, nid y ddau.",
            "use either --answers or --resume, not both.",
        ),
        (
            ["assess", "--answers", EXAMPLE, "--quick"],
            "mae --quick a --plain yn newid y cwestiynau",
            "--quick and --plain change the questions asked",
        ),
        (
            ["assess", "--answers", EXAMPLE, "--room"],
            "mae --room yn gofyn y cwestiynau i ystafell",
            "--room asks the questions of a room",
        ),
        (["assess", "--port", "8000"], "yn mynd gyda --room.", "go with --room."),
        (["assess", "--lenses", ","], "mae --lenses yn cymryd rhwng un ac wyth enw", "--lenses takes one to eight"),
        (
            ["assess", "--answers", "missing.yaml"],
            "missing.yaml: nid yw’n bodoli; gwiriwch y llwybr.",
            "does not exist",
        ),
        (["report", "missing.yaml"], "missing.yaml: nid yw’n bodoli; gwiriwch y llwybr.", "does not exist"),
    ],
)
@pytest.mark.parametrize("lang", ["cy", "both"])
def test_an_error_in_welsh(invoke, tmp_path, monkeypatch, args, welsh, english, lang):
    monkeypatch.chdir(tmp_path)
    done = invoke(*args, "--lang", lang)
    assert done.exit_code != 0
    assert welsh in done.stderr and english not in done.stderr  # stderr: the first language only
    assert done.stderr.startswith("coprotool: ")
    assert english in invoke(*args).stderr  # English as before


def test_a_file_already_there_in_welsh(invoke, tmp_path):
    out = tmp_path / "ballot.html"
    out.write_text("kept")
    done = invoke("ballot", "-o", out, "--lang", "cy")
    assert done.exit_code == 1 and out.read_text() == "kept"
    assert "yn bodoli’n barod" in done.stderr and "already exists" not in done.stderr
    english = invoke("ballot", "-o", out)
    assert "already exists; choose another name or add --force to replace it." in english.stderr


def test_notes_of_what_was_written_in_welsh(invoke, tmp_path):
    saved, svg, html = tmp_path / "r.yaml", tmp_path / "w.svg", tmp_path / "r.html"
    done = invoke("assess", "--answers", EXAMPLE, "--save", saved, "--svg", svg, "--html", html, "--lang", "cy")
    assert done.exit_code == 0, done.output
    for said in ("Wedi’i gadw yn", "Ysgrifennwyd y lletem i", "Ysgrifennwyd yr adroddiad i"):
        assert said in done.stderr
    assert "Saved to" not in done.stderr and "written to" not in done.stderr
    english = invoke("assess", "--answers", EXAMPLE, "--save", saved, "--svg", svg, "--html", html, "--force")
    assert "Saved to" in english.stderr and "Wedge written to" in english.stderr


def test_the_ballot_says_where_it_went_in_welsh(invoke, tmp_path):
    out = tmp_path / "b.html"
    done = invoke("ballot", "-o", out, "--lang", "cy", "--quick")
    assert done.exit_code == 0, done.output
    assert "Ysgrifennwyd y papur pleidleisio i" in done.stderr and ": 6 chwestiwn, argraffwch ef ar A4." in done.stderr
    both = invoke("ballot", "-o", out, "--lang", "both", "--per-page", "2", "--force")
    assert "un cwestiwn i bob tudalen" in both.stderr and "one question to a page" not in both.stderr
    english = invoke("ballot", "-o", out, "--quick", "--force")
    assert ": 6 questions, print it on A4." in english.stderr


def test_a_workshop_that_stops_says_so_in_welsh(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the run keeps a resume file where it runs, not in the checkout
    done = invoke("assess", "--lang", "cy", input="Tîm B\n\n2\n3\n")
    assert done.exit_code == 1
    assert "coprotool: Daeth y mewnbwn i ben wrth gwestiwn 3 o 22; mae eich atebion wedi’u cadw yn" in done.stderr
    assert "; parhewch gyda: coprotool assess --resume" in done.stderr and "Input ended" not in done.stderr


def _old_ending(why: str, where: str, file: str | None, done: bool, nothing: bool) -> str:
    """How a stopped run ended before its sentences were marked for translation, glued from pieces."""
    if file is not None:
        return f"{why}{where}; your answers are saved in {file}; {'finish' if done else 'continue'} with: CMD"
    if nothing:
        return f"{why}{where}; nothing had been entered, so nothing was saved."
    return f"{why}{where}."


@pytest.mark.parametrize("done", [True, False])
@pytest.mark.parametrize("where", [True, False])
@pytest.mark.parametrize("file", ["a.yaml", None])
@pytest.mark.parametrize("nothing", [True, False])
def test_a_stopped_run_ends_in_english_as_before_and_in_welsh(done, where, file, nothing):
    from coprotool.cli.interactive import _stopped

    if done and where:
        return  # a finished run is never stopped at a question
    said = {"why": "Input ended", "num": 3, "total": 22, "file": file, "command": "CMD"}
    shown = _stopped(done, where, file is not None, nothing) % said
    assert shown == _old_ending("Input ended", " at question 3 of 22" if where else "", file, done, nothing)
    with i18n.using("cy"):
        welsh = _stopped(done, where, file is not None, nothing) % {**said, "why": i18n.gettext("Input ended")}
    assert welsh.startswith("Daeth y mewnbwn i ben") and ("wrth gwestiwn 3 o 22" in welsh) == where
    assert ("gorffennwch" in welsh) == (done and file is not None)


@pytest.mark.parametrize(
    ("raised", "welsh", "code"),
    [
        (KeyboardInterrupt(), "coprotool: wedi’i atal.\n", 130),
        (RuntimeError("boom"), "coprotool: daeth gwall annisgwyl â’r gorchymyn hwn i ben (nam yn coprotool)", 70),
        (
            PermissionError(13, "Permission denied", "x.txt"),
            "coprotool: x.txt: Permission denied; gwiriwch y llwybr",
            1,
        ),
    ],
)
def test_the_last_guards_speak_welsh(capsys, raised, welsh, code):
    import typer

    from coprotool.cli.common import handle_errors

    @handle_errors
    def broken() -> None:
        raise raised

    with i18n.using("cy"), pytest.raises(typer.Exit) as stopped:
        broken()
    assert stopped.value.exit_code == code
    assert capsys.readouterr().err.startswith(welsh)


def test_an_unknown_id_in_welsh(cat):
    from coprotool.errors import UnknownId

    with i18n.using("cy"), pytest.raises(UnknownId, match=r"^Does dim egwyddor 'bad'; y rhai hysbys yw: assets, "):
        cat.framework.principle("bad")
    with pytest.raises(UnknownId, match=r"^There is no principle 'bad'; the known ones are: assets, "):
        cat.framework.principle("bad")


@pytest.mark.parametrize(("n", "welsh"), [(1, "nad yw’n ffeil gyffredin"), (2, "nad ydynt yn ffeiliau cyffredin")])
def test_skipped_results_counted_in_welsh(tmp_path, n, welsh):
    from coprotool.results import Listing

    listing = Listing([], [tmp_path / f"p{i}.yaml" for i in range(n)])
    with i18n.using("cy"):
        assert welsh in (listing.skipped_note() or "")
    english = listing.skipped_note() or ""
    assert english.startswith(f"skipped {n} item{'s' if n > 1 else ''} in ")
