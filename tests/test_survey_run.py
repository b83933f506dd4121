"""survey.score_survey, the whole run as a library call: the summary and its notices as data, outputs
written, and nothing printed."""

from __future__ import annotations

import json

import pytest

from coprotool.errors import InputError
from coprotool.survey import (
    BadRow,
    Hooks,
    Note,
    OutputOptions,
    ScoreRequest,
    TableCut,
    TableView,
    score_survey,
)
from coprotool.survey.run import MAX_REPORTED, TABLE_ROWS


def _survey(tmp_path, rows):
    path = tmp_path / "s.csv"
    path.write_text("Team,assets.1,assets.2\n" + "".join(f"{r}\n" for r in rows), encoding="utf-8")
    return path


def test_the_summary_counts_rows_and_keeps_every_notice_in_order(cat, tmp_path, capsys):
    path = _survey(tmp_path, ["A,2,3", "B,x,1", "C,1,1"])
    told = []
    out = OutputOptions(tmp_path / "o.jsonl", "jsonl", rejects=tmp_path / "bad.csv")
    summary = score_survey(ScoreRequest(str(path), output=out), cat.framework, Hooks(tell=told.append))
    assert (summary.scored, summary.rejected, summary.kept_in, summary.stopped) == (2, 1, tmp_path / "bad.csv", False)
    assert list(summary.notices) == told  # told as they came, and kept
    kinds = [type(n) for n in summary.notices]
    assert kinds[0] is Note and BadRow in kinds  # the missing questions first, then the bad row
    bad = next(n for n in summary.notices if isinstance(n, BadRow))
    assert (bad.source, bad.row.line, bad.row.column) == (str(path), 3, "assets.1")
    lines = (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["fields"]["Team"] for line in lines] == ["A", "C"]
    assert "coprotool_error" in (tmp_path / "bad.csv").read_text(encoding="utf-8")
    assert capsys.readouterr() == ("", "")  # nothing printed


def test_strict_stops_and_only_the_first_rejects_are_described(cat, tmp_path):
    path = _survey(tmp_path, ["A,x,1"] * (MAX_REPORTED + 5))
    out = OutputOptions(tmp_path / "o.csv")
    summary = score_survey(ScoreRequest(str(path), output=out), cat.framework)
    assert (summary.rejected, summary.unreported) == (MAX_REPORTED + 5, 5)
    assert sum(isinstance(n, BadRow) for n in summary.notices) == MAX_REPORTED
    strict = score_survey(ScoreRequest(str(path), output=OutputOptions(tmp_path / "t.csv", strict=True)), cat.framework)
    assert (strict.rejected, strict.stopped) == (1, True)


def test_a_table_is_drawn_by_the_callers_hook_and_a_cut_is_a_notice(cat, tmp_path):
    path = _survey(tmp_path, ["A,2,3"] * (TABLE_ROWS + 3))
    views: list[tuple[TableView, object]] = []
    hooks = Hooks(show=lambda view, to: views.append((view, to)))
    summary = score_survey(ScoreRequest(str(path), output=OutputOptions(format="table")), cat.framework, hooks)
    [(view, to)] = views
    assert (len(view.rows), to, view.groups) == (TABLE_ROWS, None, None)
    assert summary.notices[-1] == TableCut(TABLE_ROWS, TABLE_ROWS + 3, "rows")
    with pytest.raises(ValueError, match=r"Hooks\.show"):
        score_survey(ScoreRequest(str(path), output=OutputOptions(format="table")), cat.framework)


def test_dry_run_returns_the_mapping_and_writes_nothing(cat, tmp_path):
    path = _survey(tmp_path, ["A,2,3"])
    out = OutputOptions(tmp_path / "o.csv", dry_run=True)
    summary = score_survey(ScoreRequest(str(path), output=out), cat.framework)
    assert summary.mapping is not None and summary.scored == 0
    assert [c.question for c in summary.mapping.layout.columns] == [None, "assets.1", "assets.2"]
    assert set(summary.mapping.nearest) == {0}  # only the column that answers no question
    assert not (tmp_path / "o.csv").exists()


def test_an_unknown_group_column_is_an_input_error(cat, tmp_path):
    path = _survey(tmp_path, ["A,2,3"])
    with pytest.raises(InputError, match="no column 'Service' to group by"):
        score_survey(ScoreRequest(str(path), output=OutputOptions(group_by="Service")), cat.framework)


@pytest.mark.parametrize(
    ("options", "output", "refusal"),
    [
        ({"delimiter": ";;"}, {}, "--delimiter takes one character"),
        ({}, {"path": "o.xlsx", "format": "json"}, "writes a workbook; leave out --format json"),
        ({}, {"path": "same.csv", "rejects": "same.csv"}, "-o and --rejects both name"),
    ],
)
def test_a_request_whose_options_cannot_go_together_is_refused_before_reading(cat, tmp_path, options, output, refusal):
    from coprotool.survey import ReadOptions

    paths = {k: tmp_path / v if k in ("path", "rejects") else v for k, v in output.items()}
    request = ScoreRequest(str(tmp_path / "missing.csv"), options=ReadOptions(**options), output=OutputOptions(**paths))
    with pytest.raises(InputError, match=refusal):  # not "does not exist": nothing was opened
        score_survey(request, cat.framework)
    assert list(tmp_path.iterdir()) == []
