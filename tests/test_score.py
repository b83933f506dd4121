"""coprotool score: form exports, bad rows, groups, output formats, and the fast path's agreement."""

from __future__ import annotations

import csv
import io
import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coprotool.batch import RowScorer, read_table
from coprotool.fastcsv import run_csv

LABELS = ["Not yet", "Starting", "Mostly", "Fully"]


def write_csv(path, header, rows, delimiter=",", lineterminator="\n", bom=False, encoding="utf-8"):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=lineterminator)
    w.writerow(header)
    w.writerows(rows)
    data = buf.getvalue().encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def answers_row(cat, value):
    return [value for _ in cat.framework.questions]


def test_google_forms_export_with_texts_labels_bom_and_crlf(cat, invoke, tmp_path):
    qs = cat.framework.questions
    header = ["Timestamp", "Email address", "Team"]
    for q in qs:  # grid questions as 'Section title [question text]', the rest by their text
        header.append(f"Co-production check [{q.text}]" if q.principle == "networks" else q.text)
    rows = [
        ["2026/11/01 10:00:00", "a@example.org", "North"] + ["Mostly"] * len(qs),
        ["2026/11/01 10:05:00", "b@example.org", "North"] + ["  fully "] * len(qs),
        ["2026/11/01 10:09:00", "c@example.org", "South"] + [""] * (len(qs) - 1) + ["not yet"],
    ]
    path = write_csv(tmp_path / "google.csv", header, rows, lineterminator="\r\n", bom=True)
    result = invoke("score", path)
    assert result.exit_code == 0, result.stderr
    out = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["Email address"] for r in out] == ["a@example.org", "b@example.org", "c@example.org"]
    assert out[0]["Timestamp"] == "2026/11/01 10:00:00"
    assert out[0]["assets_score"] == "2" and out[0]["depth"] == "intermediate"
    assert out[1]["networks_level"] == "3" and out[1]["depth"] == "transformative"
    assert out[2]["assets_score"] == "" and out[2]["catalysts_score"] == "0"
    assert out[2]["coverage"] == "1/22" and out[2]["weakest"] == "catalysts"
    assert "scored 3 rows, rejected 0" in result.stderr


def test_microsoft_forms_layout(cat, invoke, tmp_path):
    qs = cat.framework.questions
    header = ["ID", "Start time", "Completion time", "Email", "Name"] + [q.text.rstrip("?") + " ?" for q in qs]
    rows = [["1", "11/1/26 9:00", "11/1/26 9:20", "x@example.org", "Sam"] + ["2"] * len(qs)]
    result = invoke("score", write_csv(tmp_path / "ms.csv", header, rows), "-f", "json")
    data = json.loads(result.stdout)
    assert data[0]["fields"] == {
        "ID": "1",
        "Start time": "11/1/26 9:00",
        "Completion time": "11/1/26 9:20",
        "Email": "x@example.org",
        "Name": "Sam",
    }
    assert data[0]["scores"]["assets"] == {"score": 2.0, "level": 2, "answered": 3, "asked": 3}
    assert data[0]["line"] == 2


def test_surveymonkey_second_header_row(cat, invoke, tmp_path):
    qs = cat.framework.questions
    header = ["Respondent ID", "Collector ID", "Start Date"] + [q.text for q in qs]
    sub = ["", "", ""] + ["Response"] * len(qs)
    rows = [sub, ["101", "9", "11/01/2026"] + ["1"] * len(qs)]
    result = invoke("score", write_csv(tmp_path / "sm.csv", header, rows), "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["line"] == 3
    dry = invoke("score", tmp_path / "sm.csv", "--dry-run")
    assert "header rows: 2" in dry.stdout


def test_dry_run_maps_columns_and_lists_the_unmatched(cat, invoke, tmp_path):
    header = ["when", "assets.1", cat.framework.questions[1].text.upper() + "!!", "mystery"]
    result = invoke("score", write_csv(tmp_path / "d.csv", header, [["x", "1", "2", "3"]]), "--dry-run")
    assert result.exit_code == 0
    assert "-> assets.1" in result.stdout and "-> assets.2" in result.stdout
    assert "mystery" in result.stdout and "passed through" in result.stdout
    assert "Questions with no column" in result.stdout and "catalysts.1" in result.stdout
    data = json.loads(invoke("score", tmp_path / "d.csv", "--dry-run", "-f", "json").stdout)
    assert data["columns"][1]["question"] == "assets.1" and data["columns"][3]["question"] is None


def test_semicolons_quotes_and_newlines(cat, invoke, tmp_path):
    ids = [q.id for q in cat.framework.questions]
    rows = [["Ward 7; east", 'said "yes",\nthen left'] + ["3"] * len(ids)]
    path = write_csv(tmp_path / "semi.csv", ["team", "comment", *ids], rows, delimiter=";")
    result = invoke("score", path, "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data[0]["fields"]["comment"] == 'said "yes",\nthen left'
    assert data[0]["depth"] == "transformative"
    forced = invoke("score", path, "--delimiter", ";")
    assert forced.exit_code == 0


def test_not_utf8_names_the_encoding_option(cat, invoke, tmp_path):
    ids = [q.id for q in cat.framework.questions]
    path = write_csv(tmp_path / "win.csv", ["name", *ids], [["Zoë café"] + ["2"] * len(ids)], encoding="cp1252")
    result = invoke("score", path)
    assert result.exit_code == 1 and "--encoding cp1252" in result.stderr and "Traceback" not in result.output
    ok = invoke("score", path, "--encoding", "cp1252", "-f", "json")
    assert ok.exit_code == 0 and json.loads(ok.stdout)[0]["fields"]["name"] == "Zoë café"


def test_missing_question_columns_warn_once(cat, invoke, tmp_path):
    result = invoke("score", write_csv(tmp_path / "m.csv", ["assets.1", "assets.2"], [["3", "3"]]))
    assert result.exit_code == 0
    assert result.stderr.count("warning") == 1 and "assets.3" in result.stderr


def test_bad_rows_are_reported_kept_and_the_rest_scored(cat, invoke, tmp_path):
    ids = [q.id for q in cat.framework.questions]
    rows = [
        ["ok"] + ["2"] * len(ids),
        ["bad"] + ["2"] * (len(ids) - 1) + ["7"],
        ["also ok"] + ["1"] * len(ids),
        ["worse"] + ["three"] + ["1"] * (len(ids) - 1),
    ]
    path = write_csv(tmp_path / "b.csv", ["who", *ids], rows)
    rejects = tmp_path / "rejects.csv"
    result = invoke("score", path, "--rejects", rejects)
    assert result.exit_code == 1
    assert f"{path}:3: catalysts.4: 7 is off the scale (expected 0-3 or a label" in result.stderr
    assert f"{path}:5: assets.1: 'three' is not a value or label on the scale" in result.stderr
    assert "scored 2 rows, rejected 2" in result.stderr
    assert [r["who"] for r in csv.DictReader(io.StringIO(result.stdout))] == ["ok", "also ok"]
    with rejects.open(newline="") as fh:
        kept = list(csv.reader(fh))
    assert kept[0][-1] == "coprotool_error"
    assert kept[1][:-1] == rows[1] and "line 3" in kept[1][-1]
    strict = invoke("score", path, "--strict")
    assert strict.exit_code == 1 and "stopped at the first bad row" in strict.stderr
    assert [r["who"] for r in csv.DictReader(io.StringIO(strict.stdout))] == ["ok"]


def test_group_by_shows_agreement_and_disagreement(cat, invoke, tmp_path):
    ids = [q.id for q in cat.framework.questions]
    rows = [
        ["Red"] + ["3"] * len(ids),
        ["red"] + ["0"] * len(ids),
        ["Blue"] + ["2"] * len(ids),
        ["Blue"] + ["2"] * len(ids),
    ]
    path = write_csv(tmp_path / "g.csv", ["Team", *ids], rows)
    data = json.loads(invoke("score", path, "--group-by", "team", "-f", "json").stdout)
    by = {g["group"]: g for g in data}
    assert by["Red"]["count"] == 2 and by["Red"]["principles"]["assets"]["mean"] == 1.5
    assert by["Red"]["principles"]["assets"]["disagree"] is True
    assert by["Red"]["principles"]["assets"]["min"] == 0 and by["Red"]["principles"]["assets"]["max"] == 3
    assert by["Blue"]["principles"]["assets"]["disagree"] is False and by["Blue"]["depth"] == "intermediate"
    table = invoke("score", path, "--group-by", "Team", "-f", "table").stdout
    assert "Red" in table and "1.5 (0-3) !" in table and "2.0 (2-2)" in table and "conversation worth" in table
    as_csv = list(csv.DictReader(io.StringIO(invoke("score", path, "-g", "team").stdout)))
    assert as_csv[0]["Team"] == "Blue" and as_csv[1]["assets_disagree"] == "yes"
    missing = invoke("score", path, "--group-by", "ward")
    assert missing.exit_code == 2 and "no column 'ward'" in missing.stderr and "'Team'" in missing.stderr


def test_output_file_is_atomic_and_not_overwritten(cat, invoke, tmp_path):
    ids = [q.id for q in cat.framework.questions]
    path = write_csv(tmp_path / "o.csv", ids, [["1"] * len(ids)])
    target = tmp_path / "scores.csv"
    assert invoke("score", path, "-o", target).exit_code == 0
    first = target.read_text()
    again = invoke("score", path, "-o", target)
    assert again.exit_code == 1 and "already exists" in again.stderr and target.read_text() == first
    assert invoke("score", path, "-o", target, "--force").exit_code == 0
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    nowhere = invoke("score", path, "-o", tmp_path / "no" / "such" / "dir.csv")
    assert nowhere.exit_code == 1 and "does not exist" in nowhere.stderr


def test_formula_cells_are_neutralised_unless_asked(cat, invoke, tmp_path):
    ids = [q.id for q in cat.framework.questions]
    rows = [
        ['=HYPERLINK("http://x")'] + ["1"] * len(ids),
        ["+44 7700"] + ["1"] * len(ids),
        ["@SUM(A1)"] + ["1"] * len(ids),
        ["-5"] + ["1"] * len(ids),
        ["plain"] + ["1"] * len(ids),
    ]
    path = write_csv(tmp_path / "f.csv", ["note", *ids], rows)
    out = [r["note"] for r in csv.DictReader(io.StringIO(invoke("score", path).stdout))]
    assert out == ['\'=HYPERLINK("http://x")', "'+44 7700", "'@SUM(A1)", "'-5", "plain"]
    raw = [r["note"] for r in csv.DictReader(io.StringIO(invoke("score", path, "--keep-formulas").stdout))]
    assert raw[0] == '=HYPERLINK("http://x")'


def test_table_and_stdin(cat, invoke, tmp_path):
    ids = [q.id for q in cat.framework.questions]
    text = ",".join(["who", *ids]) + "\n" + ",".join(["me"] + ["2"] * len(ids)) + "\n"
    result = invoke("score", "-", "-f", "table", input=text)
    assert result.exit_code == 0 and "intermediate" in result.stdout and "me" in result.stdout


def test_template_text_headers_round_trip(cat, invoke, tmp_path):
    header = invoke("template", "-f", "csv", "--headers", "text").stdout
    path = tmp_path / "t.csv"
    path.write_text(header + "r1,team," + ",".join(["3"] * len(cat.framework.questions)) + "\n")
    data = json.loads(invoke("score", path, "-f", "json").stdout)
    assert data[0]["depth"] == "transformative" and data[0]["fields"] == {"respondent": "r1", "team": "team"}


# -- the fast path must agree with the general path, byte for byte ---------------------------------
def _general_csv(cat, text: str) -> str:
    """Score through the general path only (RowScorer + csv writer)."""
    from coprotool.batch import CsvOut

    table = read_table(io.StringIO(text), cat.framework)
    scorer = RowScorer(cat.framework, table.layout)
    out = io.StringIO()
    writer = CsvOut(out, table.layout)
    writer.header()
    for line, row in table.rows():
        result = scorer.score(line, row)
        if not hasattr(result, "reason"):
            writer.write(result)
    return out.getvalue()


def _fast_csv(cat, text: str, workers: int = 1) -> str:
    table = read_table(io.StringIO(text), cat.framework)
    out = io.StringIO()
    run_csv(table, RowScorer(cat.framework, table.layout), out, True, lambda r: False, workers=workers)
    return out.getvalue()


def _random_survey(cat, rows: int, seed: int) -> str:
    rng = random.Random(seed)
    ids = [q.id for q in cat.framework.questions]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["when", "team", *ids])
    for i in range(rows):
        cells = [rng.choice(["", "0", "1", "2", "3", "Mostly", "9"]) for _ in ids]
        team = rng.choice(["A", "B, the second", "=C", "line\nbreak"])
        w.writerow([f"t{i}", team, *cells])
    return buf.getvalue()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fast_path_equals_general_path(cat, seed):
    text = _random_survey(cat, 3000, seed)
    assert _fast_csv(cat, text) == _general_csv(cat, text)


def test_parallel_workers_give_the_same_bytes(cat, monkeypatch):
    import coprotool.fastcsv as fastcsv

    monkeypatch.setattr(fastcsv, "BLOCK_LINES", 500)
    text = _random_survey(cat, 6000, 7)
    assert _fast_csv(cat, text, workers=2) == _fast_csv(cat, text, workers=1)


def test_weakest_is_the_lowest_score_first_in_order(cat):
    ids = [q.id for q in cat.framework.questions]
    fw = cat.framework
    rng = random.Random(5)
    text = _random_survey(cat, 500, 5)
    for row in csv.DictReader(io.StringIO(_fast_csv(cat, text))):
        scores = [(float(row[f"{p.id}_score"]), i) for i, p in enumerate(fw.principles) if row[f"{p.id}_score"]]
        expected = fw.principles[min(scores)[1]].id if scores else ""
        assert row["weakest"] == expected
    del ids, rng


CELL = st.sampled_from(["", "0", "1", "2", "3", "Fully", "not yet", " 2 "])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    table=st.lists(st.lists(CELL, min_size=22, max_size=22), min_size=1, max_size=8),
    delimiter=st.sampled_from([",", ";", "\t"]),
    terminator=st.sampled_from(["\n", "\r\n"]),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]),
)
def test_any_quoting_delimiter_and_line_ending_reads_back_the_same_answers(cat, table, delimiter, terminator, quoting):
    from coprotool.scoring import label_index, parse_value

    ids = [q.id for q in cat.framework.questions]
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator=terminator, quoting=quoting).writerows([ids, *table])
    parsed = read_table(io.StringIO(buf.getvalue(), newline=""), cat.framework)
    assert parsed.layout.delimiter == delimiter
    index = label_index(cat.framework)
    got = [[parse_value(c, index) for c in row] for _line, row in parsed.rows()]
    assert got == [[parse_value(c, index) for c in row] for row in table]
