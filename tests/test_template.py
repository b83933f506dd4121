"""`coprotool template`: the blank answers file in YAML and JSON holds the same fields, and assess reads both."""

from __future__ import annotations

import json

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
