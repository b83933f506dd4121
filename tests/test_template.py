"""`coprotool template`: the blank answers file in YAML and JSON holds the same fields, and assess reads both."""

from __future__ import annotations

import json

import pytest
import yaml


def test_json_template_is_the_yaml_template_without_comments(invoke):
    as_json = invoke("template", "--format", "json")
    as_yaml = invoke("template", "--format", "yaml")
    assert as_json.exit_code == 0 and as_yaml.exit_code == 0
    assert json.loads(as_json.stdout) == yaml.safe_load(as_yaml.stdout)


def test_a_filled_json_template_is_an_answers_file(invoke, cat, tmp_path):
    data = json.loads(invoke("template", "-f", "json").stdout)
    assert list(data["answers"]) == [q.id for q in cat.framework.questions]
    data["service"] = "Riverside"
    data["answers"] = dict.fromkeys(data["answers"], 3)
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = json.loads(invoke("assess", "--answers", path, "-f", "json").stdout)
    assert result["service"] == "Riverside" and result["depth"] == "transformative"


def test_an_unknown_template_format_names_the_choices(invoke):
    result = invoke("template", "--format", "xml")
    assert result.exit_code == 2 and all(word in result.stderr for word in ("'xml'", "yaml", "json", "csv"))


# -- the template module on its own ------------------------------------------------------------------
def test_the_yaml_template_names_every_question_once_and_answers_none(cat):
    from coprotool.template import yaml_template

    text = yaml_template(cat.framework)
    data = yaml.safe_load(text)
    assert data["answers"] == {q.id: None for q in cat.framework.questions}
    assert data["notes"] == {p.id: None for p in cat.framework.principles}
    assert data["grid"] == {"plan": None, "deliver": None} and "ladder" not in data  # the ladder is a comment
    for q in cat.framework.questions:
        assert text.count(f"  {q.id}: null") == 1
    longest = max(len(q.text) for q in cat.framework.questions)
    assert longest > 94 and all(
        len(line) <= 98 for line in text.splitlines() if line.startswith("  # ") and "---" not in line
    )


def test_catalogue_text_with_any_line_break_stays_inside_its_comment(cat):
    from coprotool.template import yaml_template

    fw = cat.framework
    first = fw.principles[0]
    broken = first._replace(meaning=type(first.meaning)({"en": "one\rtwo\x85three\u2028four: 5"}))
    text = yaml_template(fw._replace(principles=(broken, *fw.principles[1:])))
    assert yaml.safe_load(text)["answers"] == {q.id: None for q in fw.questions}  # nothing leaked into data
    assert "# --- " + first.name + ": one two three four: 5" in text


def test_the_json_template_and_csv_headers(cat):
    from coprotool.template import csv_header, json_template

    fw = cat.framework
    assert json.loads(json.dumps(json_template(fw)))["answers"] == {q.id: None for q in fw.questions}
    by_id = csv_header(fw).rstrip("\n").split(",")
    assert by_id == ["respondent", "team", *(q.id for q in fw.questions)]
    import csv
    import io

    (by_text,) = list(csv.reader(io.StringIO(csv_header(fw, headers="text"))))
    assert by_text == ["respondent", "team", *(q.text for q in fw.questions)]


# -- the template in Welsh and Easy Read: the words change, the keys and ids and the score do not ------------
LANGS = [("en",), ("cy",), ("both",), ("en", "--easy"), ("cy", "--easy"), ("both", "--easy")]


def _filled(text: str, cat) -> str:
    """A template filled in the same way whatever its language: each question a value, the grid, a note."""
    for n, q in enumerate(cat.framework.questions):
        text = text.replace(f"  {q.id}: null", f"  {q.id}: {n % 4}")
    text = text.replace("  plan: null", "  plan: together").replace("  deliver: null", "  deliver: professionals")
    text = text.replace("  mutuality: null", "  mutuality: 'Help goes both ways'")
    return text.replace("service: null", "service: Riverside")


@pytest.mark.parametrize("args", LANGS, ids=" ".join)
def test_a_template_in_any_language_loads_and_scores_exactly_like_the_english_one(invoke, cat, tmp_path, args):
    lang, *easy = args
    english = invoke("template").stdout
    written = invoke("template", "--lang", lang, *easy)
    assert written.exit_code == 0 and written.stderr == ""
    assert yaml.safe_load(written.stdout) == yaml.safe_load(english)  # the same keys, ids and nulls
    scored = []
    for name, text in (("en.yaml", english), ("other.yaml", written.stdout)):
        path = tmp_path / name
        path.write_text(_filled(text, cat), encoding="utf-8")
        result = invoke("assess", "--answers", path, "-f", "json")
        assert result.exit_code == 0, result.stderr
        scored.append(json.loads(result.stdout))
    assert scored[0] == scored[1] and scored[0]["depth"] and scored[0]["grid"]["plan"] == "together"


@pytest.mark.parametrize(
    ("args", "variant"),
    [(("--lang", "cy"), "cy"), (("--lang", "cy", "--easy"), "cy-easy"), (("--easy",), "en-easy")],
)
def test_the_template_shows_the_questions_and_comments_as_assess_words_them(invoke, cat, args, variant):
    from coprotool.template import _one_line

    text = invoke("template", *args).stdout
    fw = cat.framework
    flat = " ".join(line.removeprefix("  #").strip() for line in text.splitlines() if line.startswith("  # "))
    for q in fw.questions:
        assert _one_line(q.wording(variant)) in flat, q.id
        assert q.wording(variant) == q.text or _one_line(q.text) not in flat, q.id
    assert fw.grid.plan.question.get(variant) in text and fw.principles[0].name.get(variant) in text
    assert all(s.label.get(variant) in text for s in fw.scale)
    if variant.startswith("cy"):
        for english in ("fill in a value", "Values:", "the service's name", "optional:", "each one of", "one of:"):
            assert english not in text, english
        for welsh in ("rhowch werth i bob cwestiwn", "Gwerthoedd:", "enw’r gwasanaeth", "dewisol:"):
            assert welsh in text, welsh
    assert f"aspect: {cat.ladder.aspects[0].get(variant)}" in text


def test_the_template_in_both_languages_gives_welsh_first_then_english(invoke, cat):
    text = invoke("template", "--lang", "both").stdout
    for welsh, english in (
        ("Gwerthoedd:", "Values:"),
        ("enw’r gwasanaeth", "the service's name"),
        (cat.framework.questions[0].wording("cy"), cat.framework.questions[0].text),
        (cat.framework.grid.deliver.question.get("cy"), cat.framework.grid.deliver.question),
    ):
        assert 0 <= text.index(" ".join(welsh.split()[:6])) < text.index(" ".join(english.split()[:6])), english


def test_coprotool_lang_sets_the_templates_language_and_json_is_the_same_in_every_language(invoke, monkeypatch):
    english = invoke("template", "-f", "json").stdout
    monkeypatch.setenv("COPROTOOL_LANG", "cy")
    assert "Gwerthoedd:" in invoke("template").stdout
    for lang in ("cy", "both", "en"):
        assert invoke("template", "-f", "json", "--lang", lang, "--easy").stdout == english


def test_csv_text_headers_in_welsh_score_like_the_english_ones(invoke, cat, tmp_path):
    scored = []
    for args in ((), ("--lang", "cy"), ("--lang", "cy", "--easy")):
        header = invoke("template", "-f", "csv", "--headers", "text", *args).stdout
        path = tmp_path / "t.csv"
        values = [str(n % 4) for n in range(len(cat.framework.questions))]
        path.write_text(header + "r1,team," + ",".join(values) + "\n", encoding="utf-8")
        result = invoke("score", path, "-f", "json")
        assert result.exit_code == 0, result.stderr
        scored.append(json.loads(result.stdout))
    assert scored[0] == scored[1] == scored[2] and scored[0][0]["coverage"]["answered"] == len(cat.framework.questions)
