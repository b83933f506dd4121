"""coprotool ballot: a large-print paper ballot in Easy Read with the picture scale, one or two to an A4 sheet."""

from __future__ import annotations

import re

import pytest
from markupsafe import escape

from coprotool.ballot import build_ballot


def _ballot(invoke, tmp_path, *args: str) -> str:
    out = tmp_path / "ballot.html"
    result = invoke("ballot", "-o", out, "--force", *args)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def _sheets(page: str) -> int:
    return page.count('<section class="sheet')


@pytest.mark.parametrize(
    ("args", "questions", "sheets"),
    [((), 22, 23), (("--per-page", "2"), 22, 12), (("--quick",), 6, 7), (("--quick", "--per-page", "2"), 6, 4)],
)
def test_one_or_two_questions_to_a_sheet_after_the_sheet_that_says_how(invoke, tmp_path, args, questions, sheets):
    page = _ballot(invoke, tmp_path, *args)
    assert _sheets(page) == sheets
    assert len(re.findall(r'<h2 class="question" id="q\d+"', page)) == questions
    assert f"Question {questions} of {questions}" in page


def test_the_ballot_is_easy_read_with_a_picture_beside_every_answer_and_no_name(invoke, tmp_path, cat):
    page = _ballot(invoke, tmp_path)
    for q in cat.framework.questions:
        assert str(escape(q.wording("en-easy"))) in page, q.id
        assert str(escape(q.text)) not in page, q.id  # the standard wording is not on the paper
    for p in cat.framework.principles:
        assert str(escape(p.meaning.get("en-easy"))) in page  # "Blur roles means ..." once
    assert page.count("<svg") == 22 * 5 + 4  # four answers and "not sure" per question; the scale, explained
    assert "A little" in page and "Not sure" in page
    assert "Do not write your name" in page and "name:" not in page.lower()
    assert re.search(r"@page \{ size: A4;", page)
    sizes = [float(s) for s in re.findall(r"html(?:\.both)? \{ font-size: (\d+(?:\.\d+)?)pt", page)]
    assert sizes and min(sizes) >= 16  # large print


def test_a_welsh_ballot_and_a_ballot_in_both_languages(invoke, tmp_path, cat):
    welsh = _ballot(invoke, tmp_path, "--lang", "cy")
    assert '<html lang="cy"' in welsh and "Pleidlais ar bapur" in welsh and "Ticiwch un blwch" in welsh
    q = cat.framework.questions[0]
    assert str(escape(q.wording("cy-easy"))) in welsh
    assert "Ychydig" in welsh and "Cwestiwn 1 o 22" in welsh
    assert "siaradwr Cymraeg iaith gyntaf" in welsh  # who translated, and the invitation to review
    both = _ballot(invoke, tmp_path, "--lang", "both", "--lenses", "People who use services,Staff")
    welsh_first = both.index(str(escape(q.wording("cy-easy"))))
    assert welsh_first < both.index(str(escape(q.wording("en-easy"))))
    assert "Pobl sy’n defnyddio gwasanaethau" in both and "People who use services" in both  # the lenses to tick


def test_both_languages_take_one_question_to_a_sheet(invoke, tmp_path):
    out = tmp_path / "b.html"
    result = invoke("ballot", "--lang", "both", "--per-page", "2", "-o", out)
    assert result.exit_code == 0
    assert "un cwestiwn i bob tudalen" in result.stderr  # messages in the first language, Welsh
    assert _sheets(out.read_text(encoding="utf-8")) == 23


def test_the_service_name_and_lenses_are_escaped(invoke, tmp_path):
    page = _ballot(invoke, tmp_path, "--service", "<b>Day</b> & co", "--lenses", "<i>Carers</i>,Staff")
    assert "<b>Day" not in page and "&lt;b&gt;Day&lt;/b&gt; &amp; co" in page
    assert "<i>Carers" not in page and "&lt;i&gt;Carers&lt;/i&gt;" in page


def test_build_ballot_refuses_three_to_a_page(cat):
    with pytest.raises(ValueError, match="one or two"):
        build_ballot(cat.framework, per_page=3)


def test_an_existing_file_is_kept_without_force(invoke, tmp_path):
    out = tmp_path / "ballot.html"
    out.write_text("mine")
    result = invoke("ballot", "-o", out)
    assert result.exit_code != 0 and out.read_text() == "mine"


@pytest.mark.parametrize(
    ("args", "pages"),
    [((), 23), (("--per-page", "2"), 12), (("--lang", "cy", "--per-page", "2"), 12), (("--lang", "both"), 23)],
)
def test_chromium_prints_each_sheet_on_one_a4_page(invoke, tmp_path, page, args, pages):
    path = tmp_path / "ballot.html"
    result = invoke("ballot", "-o", path, "--lenses", "People who use services,Staff", *args)
    assert result.exit_code == 0
    sheet = page(width=794, height=1123)
    sheet.goto(path.as_uri())
    pdf = sheet.pdf(prefer_css_page_size=True)
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == pages  # no sheet spills onto a second
    assert page.requests == [path.as_uri()] and not page.errors  # nothing fetched, nothing wrong


def test_paper_votes_typed_at_the_room_prompt_line_up_with_the_ballots_boxes(cat):
    from coprotool.assessment import Assessment
    from coprotool.scoring import DEFAULT_LENSES, NO_LENS
    from coprotool.session import SavedRun, Session

    paper = build_ballot(cat.framework, lenses=DEFAULT_LENSES)
    assert paper.lenses == (*DEFAULT_LENSES, NO_LENS)  # the room's lenses, its order, then prefer not to say
    a = Assessment(lenses=list(DEFAULT_LENSES))
    by_lens, lensed = Session(cat.framework, SavedRun(a)).typed_votes("2 3 / a little / not yet")
    assert lensed and by_lens == {paper.lenses[0]: [2, 3], paper.lenses[1]: [1], paper.lenses[2]: [0]}


def test_the_ballot_asks_who_you_are_with_the_rooms_lenses_unless_told_otherwise(invoke, tmp_path):
    page = _ballot(invoke, tmp_path)
    assert page.index("People who use services") < page.index("Staff") < page.index("Prefer not to say")
    assert "Who are you?" not in _ballot(invoke, tmp_path, "--lenses", "none")


def test_coprotool_lang_sets_the_default_language_and_lang_overrides_it(invoke, tmp_path):
    out = tmp_path / "ballot.html"
    assert invoke("ballot", "-o", out, env={"COPROTOOL_LANG": "cy"}).exit_code == 0
    assert '<html lang="cy"' in out.read_text(encoding="utf-8")
    assert invoke("ballot", "-o", out, "--force", "--lang", "en", env={"COPROTOOL_LANG": "cy"}).exit_code == 0
    assert '<html lang="en"' in out.read_text(encoding="utf-8")
    bad = invoke("ballot", "-o", out, "--force", env={"COPROTOOL_LANG": "fr"})
    assert bad.exit_code == 2 and "'fr'" in bad.output
