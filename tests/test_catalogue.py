"""The shipped catalogue is complete and consistent; every validation rule is broken once."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from coprotool.catalogue import Catalogue
from coprotool.errors import DataError
from coprotool.model import DEPTH_IDS, PRINCIPLE_IDS
from coprotool.scoring import depth_id

EXPECTED_ALIASES = [
    "RUILS",
    "SUN",
    "LAC",
    "NFP",
    "POPPs",
    "FAST",
    "HHPA",
    "HCCT",
    "Flexicare",
    "RooP",
    "LRPT",
    "BHTSP",
    "REC",
    "CDSM",
    "SL+",
]


def test_twenty_case_studies_numbered_1_to_20(cat):
    assert [c.number for c in cat.case_studies] == list(range(1, 21))
    assert "shared-lives" in cat.slugs and "keyring" in cat.slugs


def test_acronyms_people_use_are_aliases(cat):
    aliases = {a for c in cat.case_studies for a in c.aliases} | {c.slug for c in cat.case_studies}
    for alias in EXPECTED_ALIASES:
        assert alias in aliases or alias.lower() in aliases, alias
    assert cat.case_study("ecdp").name.lower().startswith("ecdp")


def test_every_case_study_is_rated_on_all_six_principles_with_reasons(cat):
    for c in cat.case_studies:
        assert list(c.ratings) == list(PRINCIPLE_IDS)
        for r in c.ratings.values():
            assert 0 <= r.score <= 3 and len(r.reason.split()) >= 2


def test_depth_rule_agrees_with_the_catalogue_for_every_stated_depth(cat):
    stated = [c for c in cat.case_studies if c.depth is not None]
    assert len(stated) >= 10
    for c in stated:
        assert depth_id(c.scores) == c.depth, c.slug


def test_stated_depths_are_known_values(cat):
    assert {c.depth for c in cat.case_studies} <= set(DEPTH_IDS) | {None}


@pytest.mark.parametrize(
    ("slug", "weaker", "stronger"),
    [
        # Where the text names a principle to develop, the ratings show it weaker.
        ("homeless-health-peer-advocacy", "networks", "assets"),
        ("waverley-care", "mutuality", "capabilities"),
        ("routes-out-of-prison", "networks", "blur_roles"),
        ("lrpt-health-trainers", "catalysts", "assets"),
        ("bradford-health-trainers", "blur_roles", "networks"),
        ("nurse-family-partnership", "networks", "capabilities"),
    ],
)
def test_ratings_follow_what_the_text_says_is_weaker(cat, slug, weaker, stronger):
    c = cat.case_study(slug)
    assert c.ratings[weaker].score < c.ratings[stronger].score


def test_keywords_are_spelled_one_way(cat):
    vocab = set(cat.framework.keywords)
    for c in cat.case_studies:
        assert set(c.keywords) <= vocab
    assert "Time Banking" in vocab and "Time Banks" not in vocab


def test_principles_have_questions_levels_and_an_example(cat):
    fw = cat.framework
    assert [p.id for p in fw.principles] == list(PRINCIPLE_IDS)
    assert [s.value for s in fw.scale] == [0, 1, 2, 3]
    for p in fw.principles:
        assert p.questions and p.questions[0].id == f"{p.id}.1"
        assert len(p.levels) == 4
        assert p.example.case_study in cat.slugs
    assert len(fw.grid.cells) == 6 and len(fw.grid.positions) == 9


def test_resources_cover_each_principle(cat):
    kinds = {r.kind for r in cat.resources}
    assert kinds == {"research", "guidance", "multimedia"}
    for pid in PRINCIPLE_IDS:
        assert sum(pid in r.principles for r in cat.resources) >= 2, pid


# -- validation: each rule broken once -------------------------------------------------------------
def _edit(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _set(*keys_value):
    *keys, value = keys_value

    def change(data):
        target = data
        for k in keys[:-1]:
            target = target[k]
        target[keys[-1]] = value

    return change


CASES = [
    # (file, change, words the message must contain)
    ("case_studies/sun.yaml", _set("colour_scheme", "red"), ["sun.yaml", "'colour_scheme'", "not a known field"]),
    ("case_studies/sun.yaml", _set("ratings", "assets", "score", 4), ["'ratings.assets.score'", "is 4", "0 to 3"]),
    ("case_studies/sun.yaml", _set("ratings", "assets", "score", "high"), ["'ratings.assets.score'", "whole number"]),
    (
        "case_studies/sun.yaml",
        lambda d: d["ratings"].update(assests={"score": 1, "reason": "x y"}),
        ["'ratings.assests'", "not a principle id"],
    ),
    ("case_studies/sun.yaml", lambda d: d["ratings"].pop("networks"), ["'ratings.networks'", "missing"]),
    ("case_studies/sun.yaml", _set("see_also", ["nowhere"]), ["'see_also[0]'", "'nowhere'"]),
    ("case_studies/sun.yaml", _set("see_also", ["sun"]), ["'see_also'", "itself"]),
    ("case_studies/ruils.yaml", _set("aliases", ["SUN"]), ["ruils.yaml", "'SUN' is already used by sun"]),
    ("case_studies/sun.yaml", _set("slug", "sun2"), ["'slug'", "file is named sun.yaml"]),
    ("case_studies/sun.yaml", _set("number", 1), ["'number'", "already used by"]),
    ("case_studies/sun.yaml", _set("keywords", ["Peer Suport"]), ["'keywords[0]'", "did you mean 'Peer Support'"]),
    ("case_studies/sun.yaml", _set("depth", "radical"), ["'depth'", "'radical'", "transformative"]),
    ("case_studies/sun.yaml", lambda d: d.pop("summary"), ["'summary'", "is missing"]),
    ("case_studies/sun.yaml", _set("summary", 42), ["'summary'", "non-empty text"]),
    ("principles.yaml", lambda d: d["principles"].reverse(), ["principles.yaml", "'principles'", "in this order"]),
    (
        "principles.yaml",
        _set("principles", 0, "questions", 1, "id", "assets.7"),
        ["'principles[0].questions[1].id'", "'assets.2'"],
    ),
    ("principles.yaml", _set("principles", 0, "colour", "orange"), ["'principles[0].colour'", "#RRGGBB"]),
    (
        "principles.yaml",
        _set("principles", 1, "example", "case_study", "atlantis"),
        ["'principles[1].example.case_study'"],
    ),
    ("principles.yaml", _set("principles", 2, "aliases", ["networks"]), ["name or alias 'networks' appears twice"]),
    ("principles.yaml", lambda d: d["scale"].reverse(), ["'scale[0].value'", "in order"]),
    ("principles.yaml", lambda d: d["grid"]["positions"].pop(), ["'grid.positions'", "nine"]),
    ("principles.yaml", lambda d: d["depth_levels"].pop(), ["'depth_levels'", "descriptive, intermediate"]),
    ("resources.yaml", _set("resources", 0, "kind", "book"), ["resources.yaml", "'resources[0].kind'", "'book'"]),
    ("resources.yaml", _set("resources", 0, "principles", ["love"]), ["'resources[0].principles[0]'", "'love'"]),
    ("resources.yaml", _set("resources", 0, "year", 12345), ["'resources[0].year'", "12345"]),
]


@pytest.mark.parametrize(("name", "change", "words"), CASES, ids=[f"{c[0]}:{'/'.join(c[2])[:40]}" for c in CASES])
def test_each_validation_rule_names_file_field_and_problem(data_copy, invoke, name, change, words):
    _edit(data_copy / name, change)
    with pytest.raises(DataError) as err:
        Catalogue(data_copy).validate()
    for w in words:
        assert w in str(err.value)
    result = (
        invoke("list", "--data-dir", data_copy)
        if name != "resources.yaml"
        else invoke("resources", "--data-dir", data_copy)
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("coprotool: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("slug: sun\nnumber: !!python/object/apply:os.system ['echo hacked']\n", ["YAML tags", "not allowed"]),
        ("slug: [unclosed\n", ["line", "fix the YAML syntax"]),
        ("", ["is empty"]),
        (
            "a: &a [1,2,3,4,5,6,7,8,9]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
            "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n",
            ["anchors and aliases"],
        ),
        ("- just\n- a list\n", ["should be a mapping"]),
    ],
)
def test_malformed_files_are_refused_in_one_sentence(data_copy, invoke, text, words):
    (data_copy / "case_studies" / "sun.yaml").write_text(text, encoding="utf-8")
    result = invoke("show", "sun", "--data-dir", data_copy)
    assert result.exit_code == 1
    for w in words:
        assert w in result.stderr
    assert "sun.yaml" in result.stderr


def test_not_utf8_and_folder_and_missing_files(data_copy, invoke):
    (data_copy / "case_studies" / "sun.yaml").write_bytes("name: caf\xe9\n".encode("cp1252"))
    result = invoke("show", "sun", "--data-dir", data_copy)
    assert result.exit_code == 1 and "not UTF-8" in result.stderr and "save it as UTF-8" in result.stderr
    (data_copy / "principles.yaml").unlink()
    result = invoke("list", "--data-dir", data_copy)
    assert result.exit_code == 1 and "principles.yaml: is missing" in result.stderr
    result = invoke("list", "--data-dir", data_copy / "nowhere")
    assert result.exit_code != 0 and "Traceback" not in result.output


def test_data_dir_loads_another_catalogue(data_copy, invoke):
    _edit(data_copy / "case_studies" / "sun.yaml", _set("name", "Sunny Network"))
    result = invoke("show", "sun", "--data-dir", data_copy, "--format", "json")
    assert result.exit_code == 0
    assert '"name": "Sunny Network"' in result.stdout


def test_parse_cache_is_used_and_notices_changes(data_copy, monkeypatch, tmp_path):
    monkeypatch.delenv("COPROTOOL_NO_CACHE")
    assert Catalogue(data_copy).case_study("sun").name.startswith("Service User")
    assert list((tmp_path / "cache" / "coprotool").glob("catalogue-*.json"))
    _edit(data_copy / "case_studies" / "sun.yaml", _set("name", "Changed Name For The Cache Test"))
    assert Catalogue(data_copy).case_study("sun").name == "Changed Name For The Cache Test"
    _edit(data_copy / "case_studies" / "sun.yaml", _set("ratings", "assets", "score", 9))
    with pytest.raises(DataError):  # cached or not, data is validated on every load
        Catalogue(data_copy).case_study("sun")


SOURCE = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "catalogue"
    / "people-powered-health-co-production-catalogue.txt"
)


@pytest.mark.skipif(not SOURCE.exists(), reason="the catalogue's text lies beside a checkout, not an install")
def test_every_figure_is_kept_exactly_as_the_catalogue_prints_it(cat):
    import re

    def norm(text: str) -> str:  # the extraction escaped dollars and curled apostrophes; nothing else differs
        return re.sub(r"\s+", " ", text.replace("\\$", "$").replace("\u2019", "'")).lower()

    source = norm(SOURCE.read_text(encoding="utf-8"))
    missing = [(c.slug, f.figure) for c in cat.case_studies for f in c.figures if norm(f.figure) not in source]
    assert missing == []
    assert sum(len(c.figures) for c in cat.case_studies) >= 100


@pytest.mark.skipif(not SOURCE.exists(), reason="the catalogue's text lies beside a checkout, not an install")
def test_every_link_comes_from_the_catalogue(cat):
    source = SOURCE.read_text(encoding="utf-8").replace("\\_", "_")
    assert [
        (c.slug, link.url) for c in cat.case_studies for link in c.links if link.url.rstrip("/") not in source
    ] == []
