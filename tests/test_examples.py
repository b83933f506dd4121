"""The examples the README tours through work as shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
pytestmark = pytest.mark.skipif(not EXAMPLES.is_dir(), reason="examples/ lies in a checkout, not an install")


def test_the_example_answers_file(invoke):
    data = json.loads(invoke("assess", "--answers", EXAMPLES / "riverside.yaml", "-f", "json").stdout)
    assert data["service"] == "Riverside Day Service" and data["depth"] == "intermediate"
    assert data["weakest"][0] == "networks" and data["grid_cell"]["id"] == "co-delivered"
    assert data["scores"]["catalysts"]["answered"] == 3 and data["scores"]["catalysts"]["asked"] == 4


def test_the_example_survey(invoke):
    result = invoke("score", EXAMPLES / "survey.csv", "--group-by", "Team", "-f", "json")
    assert result.exit_code == 0 and "scored 15 rows, rejected 0" in result.stderr
    assert [g["group"] for g in json.loads(result.stdout)] == ["Central", "North", "South"]


def test_the_library_call_scores_the_example_survey(cat):
    from coprotool.survey import ReadOptions, score_file

    bad = []
    with score_file(EXAMPLES / "survey.csv", cat.framework, ReadOptions(unanswered=("skipped",))) as run:
        rows = list(run.rows(on_reject=lambda r: bad.append(r) or False))
    assert len(rows) == 15 and not bad
    assert all(len(r.scores) == 6 and r.scores[0].principle == "assets" for r in rows)
