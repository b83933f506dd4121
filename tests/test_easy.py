"""--easy in assess and report, and results that explain their own words ("blur roles", "catalysts", depth)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from markupsafe import escape

EXAMPLE = Path(__file__).parent.parent / "examples" / "riverside.yaml"


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_json_results_explain_every_principle_name_and_depth_word(invoke, cat):
    result = invoke("assess", "--answers", EXAMPLE, "-f", "json")
    words = json.loads(result.stdout)["explanations"]
    fw = cat.framework
    assert words["Blur roles"] == fw.principle("blur_roles").meaning
    assert words["Catalysts"] == fw.principle("catalysts").meaning
    for d in fw.depth_levels:
        assert words[d.name] == d.meaning


def test_a_saved_result_with_explanations_reads_back(invoke, tmp_path):
    saved = tmp_path / "r.yaml"
    assert invoke("assess", "--answers", EXAMPLE, "--save", saved).exit_code == 0
    assert "explanations:" in saved.read_text(encoding="utf-8")
    assert invoke("report", saved, "-o", tmp_path / "r.html").exit_code == 0


def test_the_terminal_result_explains_the_words_before_the_table_uses_them(invoke, cat):
    out = _flat(invoke("assess", "--answers", EXAMPLE).stdout)
    words = out.index("What the words mean")
    assert words < out.index("The six principles")
    for pid in ("blur_roles", "catalysts"):
        p = cat.framework.principle(pid)
        assert f"{p.name}: {p.meaning}" in out[words:]
    assert "Intermediate: " + cat.framework.depth("intermediate").meaning in out


def test_the_report_explains_the_words(invoke, tmp_path, cat):
    saved = tmp_path / "r.yaml"
    invoke("assess", "--answers", EXAMPLE, "--save", saved)
    page = invoke("report", saved).stdout
    assert "What the words mean" in page
    assert f"<dt>Blur roles</dt><dd>{escape(cat.framework.principle('blur_roles').meaning)}</dd>" in page


def test_assess_easy_asks_in_easy_read_and_takes_easy_labels(invoke, cat, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the run stops early and keeps a resume file where it runs, not in the checkout
    fw = cat.framework
    q1, q2 = fw.questions[:2]
    run = invoke("assess", "--easy", "--service", "E", "-f", "json", input="\n\na little\nq\n")
    shown = _flat(run.stderr + run.stdout)
    assert _flat(q1.wording("en-easy")) in shown and _flat(q1.text) not in shown
    assert _flat(fw.principle("assets").meaning.get("en-easy")) in shown
    assert "1 A little" in shown and _flat(fw.principle("assets").level(0, "en-easy")) in shown
    assert _flat(q2.wording("en-easy")) in shown  # "a little" was taken as an answer


def test_report_easy_is_easy_read_large_with_a_picture_beside_each_point(invoke, tmp_path, cat):
    saved = tmp_path / "r.yaml"
    invoke("assess", "--answers", EXAMPLE, "--save", saved)
    page = invoke("report", saved, "--easy").stdout
    fw = cat.framework
    for p in fw.principles:
        assert str(escape(p.meaning.get("en-easy"))) in page, p.id
    assert str(escape(fw.depth("intermediate").meaning.get("en-easy"))) in page
    assert page.count('class="scale-picture"') == len(fw.principles)  # a picture beside each principle
    assert re.search(r"html \{ font-size: 16pt; \}", page) and "body { font-size: 16pt; }" in page


def test_report_easy_prints_on_five_pages_or_fewer(invoke, tmp_path, page):
    saved = tmp_path / "r.yaml"
    invoke("assess", "--answers", EXAMPLE, "--save", saved)
    out = tmp_path / "easy.html"
    assert invoke("report", saved, "--easy", "-o", out).exit_code == 0
    sheet = page(width=794, height=1123)
    sheet.goto(out.as_uri())
    pdf = sheet.pdf(format="A4")
    assert 1 <= pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") <= 5


@pytest.mark.parametrize("flag", ["--plain", "--easy"])
def test_the_reading_level_is_kept_for_a_resumed_run(flag, tmp_path):
    from coprotool.session import SavedRun, parse_run

    run = SavedRun(plain=flag == "--plain", easy=flag == "--easy")
    again = parse_run(run.as_dict(), "r.yaml", __import__("coprotool.catalogue").catalogue.Catalogue().framework)
    assert (again.plain, again.easy) == (run.plain, run.easy)


def test_the_markdown_report_explains_the_words_too(invoke, tmp_path, cat):
    saved = tmp_path / "r.yaml"
    invoke("assess", "--answers", EXAMPLE, "--save", saved)
    text = invoke("report", saved, "-f", "markdown").stdout
    assert "### What the words mean" in text
    assert f"- **Catalysts**: {cat.framework.principle('catalysts').meaning}" in text


def test_assess_answers_easy_shows_the_result_in_easy_read(invoke, cat):
    out = _flat(invoke("assess", "--answers", EXAMPLE, "--easy").stdout)
    fw = cat.framework
    assert _flat(fw.principle("blur_roles").meaning.get("en-easy")) in out
    assert _flat(fw.principle("networks").level(0, "en-easy")) in out  # Networks is at level 0 in the example
    assert _flat(fw.principle("networks").level(0)) not in out
