"""export: the plain dicts behind --format json and yaml: every field, lists not tuples, JSON-safe."""

from __future__ import annotations

import json

from coprotool.export import case_study_dict, ladder_dict, principle_dict, resource_dict, scale_list


def _plain(value) -> bool:
    """Only what JSON and YAML write as they are: no tuples, no objects."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return value is None or isinstance(value, (str, int, float, bool))


def test_every_case_study_exports_plain_data_true_to_the_model(cat):
    fw = cat.framework
    for c in cat.case_studies:
        d = case_study_dict(c, fw)
        assert _plain(d), c.slug
        assert json.loads(json.dumps(d)) == d
        assert (d["slug"], d["number"], d["name"], d["depth"]) == (c.slug, c.number, c.name, c.depth)
        assert d["ratings"] == {pid: r.score for pid, r in c.ratings.items()}
        assert set(d["rating_reasons"]) == set(d["ratings"])
        assert d["ratings_basis"] == fw.credits.ratings_basis
        assert [f["figure"] for f in d["figures"]] == [f.figure for f in c.figures]
        assert [link["url"] for link in d["links"]] == [link.url for link in c.links]
        assert d["works_with"] is None or d["works_with"]  # never an empty value: None


def test_principles_carry_levels_by_number_and_their_questions(cat):
    fw = cat.framework
    for p in fw.principles:
        d = principle_dict(p, fw)
        assert _plain(d) and d["id"] == p.id
        assert list(d["levels"]) == [str(n) for n in range(len(p.levels))]
        assert [q["id"] for q in d["questions"]] == [q.id for q in p.questions]
        assert d["example"]["case_study"] in cat.slugs
        assert d["wording"] == fw.credits.our_wording


def test_the_scale_runs_from_zero(cat):
    scale = scale_list(cat.framework)
    assert [s["value"] for s in scale] == list(range(len(scale))) and all(_plain(s) for s in scale)


def test_the_ladder_counts_its_rungs_from_the_bottom(cat):
    d = ladder_dict(cat.ladder)
    assert _plain(d)
    assert [r["step"] for r in d["rungs"]] == list(range(1, len(cat.ladder.rungs) + 1))
    assert [r["id"] for r in d["rungs"]] == [r.id for r in cat.ladder.rungs]
    assert d["aspects"] == list(cat.ladder.aspects)


def test_resources_export_every_field(cat):
    for r in cat.resources:
        d = resource_dict(r)
        assert _plain(d) and d["id"] == r.id and d["kind"] == r.kind
        assert d["principles"] == list(r.principles) and d["keywords"] == list(r.keywords)
