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
