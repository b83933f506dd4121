"""More of the catalogue's validation rules, each broken once; JSON answers files; where the data comes from."""

from __future__ import annotations

import json

import pytest
import yaml

from coprotool.catalogue import Catalogue, default_data_dir
from coprotool.errors import DataError


def _change(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _grid_choices_swapped(d):
    choices = d["grid"]["plan"]["choices"]
    choices[0], choices[1] = choices[1], choices[0]


RULES = [
    # (file, change, words the one-sentence message must contain)
    ("principles.yaml", lambda d: d.update(version=["2012"]), ["'version'", 'such as "2012.1"']),
    ("principles.yaml", lambda d: d["scale"].pop(), ["'scale'", "has 3 points", "0 to 3"]),
    ("principles.yaml", _grid_choices_swapped, ["'grid.plan.choices'", "professionals, together, communities"]),
    ("principles.yaml", lambda d: d["grid"]["cells"].pop(), ["'grid.cells'", "each of the six cells once"]),
    ("principles.yaml", lambda d: d["principles"][0].update(aliases="assets"), ["'principles[0].aliases'", "a list"]),
    ("principles.yaml", lambda d: d["principles"][0].update(questions=[]), ["fewer than 1"]),
    ("principles.yaml", lambda d: d["principles"][0].update(aliases=[""]), ["'principles[0].aliases[0]'", "text"]),
    ("case_studies/sun.yaml", lambda d: d["figures"].insert(0, {"figure": True, "about": "x"}), ["as text"]),
    ("principles.yaml", lambda d: d["grid"]["positions"][2].pop("meaning"), ["'grid.positions[2].name'", "only one"]),
    ("principles.yaml", lambda d: d["credits"].pop("depth_rule"), ["'credits.depth_rule'", "missing"]),
    ("principles.yaml", lambda d: d["grid"]["positions"][7].update(cell="co-produced"), ["'grid.positions[7].cell'"]),
    ("principles.yaml", lambda d: d["credits"].pop("grid_basis"), ["'credits.grid_basis'", "missing"]),
]


@pytest.mark.parametrize(("name", "change", "words"), RULES, ids=[f"{r[0]}:{r[2][0]}" for r in RULES])
def test_a_broken_rule_is_one_sentence_naming_file_and_field(data_copy, invoke, name, change, words):
    _change(data_copy / name, change)
    with pytest.raises(DataError) as caught:
        Catalogue(data_copy).validate()
    message = str(caught.value)
    assert name.split("/")[-1] in message
    for word in words:
        assert word in message
    result = invoke("list", "--data-dir", data_copy)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"coprotool: {message}\n"


def test_a_slug_that_is_not_lowercase_words_and_hyphens(data_copy):
    sun = data_copy / "case_studies" / "sun.yaml"
    bad = sun.with_name("Sun_2.yaml")
    sun.rename(bad)
    _change(bad, lambda d: d.update(slug="Sun_2"))
    with pytest.raises(
        DataError, match=r"Sun_2.yaml: field 'slug': is 'Sun_2'; use lowercase letters, digits and hyphens"
    ):
        Catalogue(data_copy).validate()


def test_a_folder_without_case_studies_says_what_a_catalogue_needs(data_copy, invoke):
    for path in (data_copy / "case_studies").iterdir():
        path.unlink()
    (data_copy / "case_studies").rmdir()
    result = invoke("list", "--data-dir", data_copy)
    assert result.exit_code == 1 and "case_studies" in result.stderr and "needs a case_studies/ folder" in result.stderr


def test_a_file_given_as_the_data_folder(tmp_path, invoke):
    path = tmp_path / "principles.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    result = invoke("list", "--data-dir", path)
    assert result.exit_code == 1 and "is a file, not a folder" in result.stderr


def test_the_data_folder_can_come_from_the_environment(data_copy, monkeypatch):
    monkeypatch.setenv("COPROTOOL_DATA_DIR", str(data_copy))
    assert default_data_dir() == data_copy
    _change(data_copy / "case_studies" / "sun.yaml", lambda d: d.update(name="Renamed in the copy"))
    assert Catalogue().case_study("sun").name == "Renamed in the copy"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"format": "coprotool-assessment", "answers": {', ["answers.json", "line 1, column", "fix the JSON"]),
        ('{"format": "coprotool-assessment"', ["answers.json", "line 1", "fix the JSON"]),
    ],
)
def test_a_broken_json_answers_file_names_line_and_column(tmp_path, invoke, text, words):
    path = tmp_path / "answers.json"
    path.write_text(text, encoding="utf-8")
    result = invoke("assess", "--answers", path)
    assert result.exit_code == 1 and "Traceback" not in result.output
    for word in words:
        assert word in result.stderr


def test_resources_by_principle_name(invoke):
    result = invoke("resources", "--principle", "Blur roles", "--format", "json")
    assert result.exit_code == 0
    found = [r["principles"] for r in json.loads(result.stdout)]
    assert found and all("blur_roles" in principles for principles in found)
