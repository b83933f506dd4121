"""A result the whole room can read: the summary screen, no internal ids, the report on a phone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from coprotool.assessment import Assessment, evaluate, load_assessment
from coprotool.model import PRINCIPLE_IDS
from coprotool.render.result import CONTINUE, summary_screen
from coprotool.view import build_view, question_label

EXAMPLE = Path(__file__).parent.parent / "examples" / "riverside.yaml"
QUESTION_ID = re.compile(r"\b(?:" + "|".join(PRINCIPLE_IDS) + r")\.\d")

SUMMARY_UNICODE = """\
Co-production wedge: Riverside Day Service  (2026-11-23)

                         ···· ····
    Catalysts 1.7     ··· ▓▓▓ ▓▓▓ ···      Assets 1.7
                     ··▓▓▓▓▓▓ ▓▓▓▓▓▓··
                   ··   ▓▓▓2▓ ▓2▓▓▓   ··
                   ··  ░    ▓ ▓    ▓▓▓··
   Blur roles 1.0  ··  ░░1░░   ▓▓▓2▓▓▓··   Capabilities 1.7
                   ··  ░   0· ░    ▓▓▓··
                   ··       · ░1░░░   ··
                     ··       ░░    ··
     Networks 0.3     ···         ···      Mutuality 1.2
                         ···· ····
Each segment grows with its level, the number in it: 0 Not yet, 1 Starting, 2
Mostly, 3 Fully; – not assessed.

Depth (our rule): Intermediate. 3 of 6 at level 2 or more, 0 at level 3.

 Networks 0.3  learn from Local Area Coordination (rated 3 of 3): Coordinators
    deliberately build personal and community networks.
 Blur roles 1.0  learn from Families and Schools Together (rated 3 of 3):
    Parents trained as team members, taking on former therapist roles.
"""

SUMMARY_ASCII_PARTIAL = """\
Co-production wedge  (2026-11-23)

                         .... ####
      Catalysts -     ...     #######      Assets 3.0
                     ..   ?   ##3#####
                   ..         #####   ##
                   ..         #    #####
     Blur roles -  ..  ?       ####3####   Capabilities 3.0
                   ..      0. -    #####
                   ..       . -1---   ##
                     ..       --    ..
     Networks 0.0     ...         ...      Mutuality 1.0
                         .... ....
Each segment grows with its level, the number in it: 0 Not yet, 1 Starting, 2
Mostly, 3 Fully; ? not assessed.

Depth (our rule): Descriptive. 2 of 6 at level 2 or more, 2 at level 3.

 Networks 0.0  learn from Service User Network (rated 3 of 3): The peer network
    is the model; community as doctor.
 Mutuality 1.0  learn from Richmond Users Independent Living Scheme (rated 3 of
    3): Members support each other through peer support and pooled budgets.
"""


def _view(cat, a: Assessment):
    return build_view(evaluate(cat, a), cat, "0.0.0")


def _example(cat) -> Assessment:
    a = load_assessment(EXAMPLE, cat.framework)
    a.date = "2026-11-23"
    return a


def _fits(text: str) -> None:
    lines = text.splitlines()
    assert len(lines) <= 23, f"{len(lines)} lines: the continue prompt must still fit on a 24-row screen"
    assert max(len(line) for line in lines) <= 80


def test_the_summary_screen_exactly(cat):
    text = summary_screen(_view(cat, _example(cat)), 80, True).plain
    assert text == SUMMARY_UNICODE
    _fits(text + CONTINUE)


def test_the_summary_screen_in_ascii_with_principles_not_assessed(cat):
    a = Assessment(date="2026-11-23")
    fw = cat.framework
    for q in fw.principle("assets").questions + fw.principle("capabilities").questions:
        a.answers[q.id] = 3
    for q in fw.principle("mutuality").questions:
        a.answers[q.id] = 1
    for q in fw.principle("networks").questions:
        a.answers[q.id] = 0
    text = summary_screen(_view(cat, a), 80, False).plain
    assert text == SUMMARY_ASCII_PARTIAL
    _fits(text)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([None, 0, 1, 2, 3]), min_size=22, max_size=22), st.text(max_size=60))
def test_the_summary_always_fits_80_by_24(cat, values, service):
    a = Assessment(date="2026-11-23", service=" ".join(service.split()) or None)
    a.answers = {q.id: v for q, v in zip(cat.framework.questions, values)}
    _fits(summary_screen(_view(cat, a), 80, True).plain + CONTINUE)


def test_piped_output_is_the_summary_then_the_full_detail(invoke):
    out = invoke("assess", "--answers", EXAMPLE).stdout
    depth = out.index("Depth (our rule): Intermediate. 3 of 6")
    assert depth < out.index("The six principles") < out.index("To grow Networks")
    assert "Enter: the full result" not in out  # no one to press a key
    assert invoke("assess", "--answers", EXAMPLE, "--full").stdout == out


def test_question_labels_are_for_people(cat):
    assert question_label(cat.framework, "blur_roles.2") == "Blur roles, question 2"


# -- no internal ids on any human screen or report --------------------------------------------------
def _room_answers(tmp_path: Path, name: str, date: str, value: int) -> Path:
    path = tmp_path / name
    data = yaml.safe_load(EXAMPLE.read_text())
    data["date"] = date
    data["votes"] = {"assets.1": [0, 3, 3], "blur_roles.2": [value, 3, 0]}
    data["notes"] = {"networks": "peer group stopped in 2025"}
    data["grid"] = {"plan": "communities", "deliver": "professionals"}
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def test_no_human_output_shows_an_internal_question_id(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    old = _room_answers(tmp_path, "old.yaml", "2026-01-10", 1)
    new = _room_answers(tmp_path, "new.yaml", "2026-07-10", 2)
    csv = tmp_path / "survey.csv"
    csv.write_text((Path(__file__).parent.parent / "examples" / "survey.csv").read_text())
    typed = ["Room", "", "2 3 3 1", "", "0 3", "b", "1,1", "2", "3 3", "?", "1", *(["2", ""] * 60)]
    outputs = {
        "assess --answers": invoke("assess", "--answers", old),
        "assess --group (prompts and result)": invoke("assess", "--group", input="\n".join(typed) + "\n"),
        "report html": invoke("report", old),
        "report markdown": invoke("report", old, "--format", "markdown"),
        "compare": invoke("compare", old, new),
        "score --format table": invoke("score", csv, "--format", "table"),
    }
    for what, result in outputs.items():
        assert result.exit_code == 0, (what, result.output)
        text = result.stdout + result.stderr
        assert what.startswith("score") or "Assets" in text, what
        found = QUESTION_ID.search(text)
        assert found is None, f"{what} shows {found.group(0)!r}: {text[max(0, found.start() - 80) : found.end() + 80]}"
    assert "Blur roles, question 2" in outputs["assess --answers"].stdout  # named for people instead
    assert "Assets, question 1" in outputs["report html"].stdout


def test_the_unnamed_grid_cell_note_is_in_the_report_and_on_screen(invoke, tmp_path):
    path = _room_answers(tmp_path, "r.yaml", "2026-01-10", 1)
    note = "The catalogue leaves this square unnamed; the name is ours."
    assert note in invoke("report", path).stdout
    assert note in invoke("report", path, "-f", "markdown").stdout
    assert note in invoke("assess", "--answers", path).stdout


def test_the_report_says_each_thing_once(invoke, tmp_path, cat):
    html = invoke("report", _room_answers(tmp_path, "r.yaml", "2026-01-10", 1)).stdout
    for c in cat.case_studies:
        summary = " ".join(c.summary.split())
        assert html.count(summary.replace("'", "&#39;")[:60]) <= 1, c.slug
    for r in cat.resources:
        assert html.count(f"<li>{r.title}") <= 1, r.id
    # One report in one language: its appendix heading is named by the language (`appendix-en`), once.
    assert html.count('class="appendix"') == 1
    first, appendix = html.split('id="appendix-en"')
    assert "<svg" in first and "Depth (our rule, from your scores):" in first and "Next steps" in first
    assert "Where the room disagreed" in first
    assert "Where the room disagreed" not in appendix and "Questions and answers" in appendix
    assert first.count("<li>") >= 3  # the three most useful next steps


# -- the report on a phone, in a real browser --------------------------------------------------------
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > width + 0.5)
    .map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').slice(0, 40));
  return {scroll: document.documentElement.scrollWidth, width, wide};
}"""


@pytest.mark.parametrize("width", [390, 320])
def test_the_report_fits_a_phone_without_sideways_scrolling(invoke, tmp_path, page, width):
    path = _room_answers(tmp_path, "r.yaml", "2026-01-10", 1)
    data = yaml.safe_load(path.read_text())
    data["service"] = "Riverside Day Service for Adults With Learning Disabilities And Their Families"
    data["notes"]["assets"] = "x" * 300  # a long word must wrap, not push the page wide
    path.write_text(yaml.safe_dump(data))
    html = invoke("report", path).stdout
    phone = page(width=width, height=800)
    phone.set_content(html)
    found = phone.evaluate(OVERFLOW)
    assert found["scroll"] <= found["width"], found
    assert found["wide"] == [], found
    svg = phone.eval_on_selector(".wedge svg", "e => e.getBoundingClientRect().width")
    assert svg >= width - 40  # the wedge is as large as the screen allows
    assert page.errors == []


# -- compare in full ---------------------------------------------------------------------------------
def _two_results(tmp_path: Path) -> tuple[Path, Path]:
    old = _room_answers(tmp_path, "old.yaml", "2026-01-10", 1)
    new = _room_answers(tmp_path, "new.yaml", "2026-07-10", 2)
    data = yaml.safe_load(new.read_text())
    data["notes"] = {"networks": "peer group restarted <b>with</b> a paid coordinator"}
    data["grid"] = {"plan": "together", "deliver": "together"}
    new.write_text(yaml.safe_dump(data, sort_keys=False))
    return old, new


def test_compare_shows_the_grid_cell_and_the_notes_then_and_now(invoke, tmp_path):
    old, new = _two_results(tmp_path)
    text = " ".join(invoke("compare", new, old).stdout.split())
    assert "Plan and deliver: Planned by communities, delivered by professionals then Co-" in text
    assert "Networks, 2026-01-10: peer group stopped in 2025" in text
    assert "2026-07-10: peer group restarted <b>with</b> a paid coordinator" in text
    data = invoke("compare", old, new, "-f", "json").stdout
    import json

    parsed = json.loads(data)
    assert parsed["grid_cell"] == {"before": "co-designed", "after": "co-produced"}
    assert parsed["results"][1]["notes"]["networks"].startswith("peer group restarted")


def test_compare_html_is_one_self_contained_page_with_the_wedges_side_by_side(invoke, tmp_path, page):
    old, new = _two_results(tmp_path)
    html = invoke("compare", old, new, "--format", "html").stdout
    assert html.count("<svg") == 2 and "<script" not in html and 'src="http' not in html
    assert "restarted &lt;b&gt;with&lt;/b&gt;" in html  # typed text is escaped
    assert "What moved, 2026-01-10 to 2026-07-10" in html and "Co-produced" in html
    assert "Planned by communities, delivered by professionals" in html
    out = tmp_path / "compare.html"
    assert invoke("compare", old, new, "-f", "html", "-o", out).exit_code == 0
    assert out.read_text() == html
    assert invoke("compare", old, new, "-f", "html", "-o", out).exit_code == 1  # not replaced unasked
    for width, side_by_side in ((390, False), (1000, True)):
        view = page(width=width, height=900)
        view.set_content(html)
        found = view.evaluate(OVERFLOW)
        assert found["wide"] == [] and found["scroll"] <= found["width"], found
        tops = view.eval_on_selector_all(".wedge", "els => els.map(e => e.getBoundingClientRect().top)")
        assert (tops[0] == tops[1]) is side_by_side
    assert page.errors == []
