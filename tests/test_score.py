"""coprotool score: form exports, bad rows, groups, output formats, and CSV written as the csv module would."""

from __future__ import annotations

import csv
import io
import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coprotool.survey import score_file
from coprotool.survey.write import CsvOut, csv_writer, neutralise, result_cells

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
    assert "assets.1 (by id)" in result.stdout and "assets.2 (by text)" in result.stdout
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


def test_not_utf8_is_read_as_cp1252_with_one_line_saying_so(cat, invoke, tmp_path):
    ids = [q.id for q in cat.framework.questions]
    path = write_csv(tmp_path / "win.csv", ["name", *ids], [["Zoë café"] + ["2"] * len(ids)], encoding="cp1252")
    result = invoke("score", path, "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["fields"]["name"] == "Zoë café"
    assert result.stderr.count("not UTF-8 text; reading it as Windows cp1252") == 1
    ok = invoke("score", path, "--encoding", "cp1252", "-f", "json")
    assert ok.exit_code == 0 and json.loads(ok.stdout)[0]["fields"]["name"] == "Zoë café"
    assert "cp1252" not in ok.stderr


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
    assert out == ['\'=HYPERLINK("http://x")', "'+44 7700", "'@SUM(A1)", "-5", "plain"]  # -5: a plain number
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


# -- rows joined as text must be what the csv module writes, byte for byte --------------------------
def _csv_module(cat, text: str) -> str:
    """Every row through the csv module's writer."""
    out = io.StringIO()
    with score_file(io.BytesIO(text.encode()), cat.framework) as run:
        writer = csv_writer(out.write)
        writer.writerow([c.header for c in run.layout.passthrough] + CsvOut(out.write, run.layout).columns())
        for row in run.rows(lambda r: False):
            writer.writerow([*(neutralise(f) for f in row.fields), *result_cells(row)])
    return out.getvalue()


def _csv_out(cat, text: str) -> str:
    out = io.StringIO()
    with score_file(io.BytesIO(text.encode()), cat.framework) as run:
        writer = CsvOut(out.write, run.layout)
        writer.header()
        for row in run.rows(lambda r: False):
            writer.write(row)
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
def test_joined_rows_equal_the_csv_modules_rows(cat, seed):
    text = _random_survey(cat, 3000, seed)
    assert _csv_out(cat, text) == _csv_module(cat, text)


def test_weakest_is_the_lowest_score_below_the_top_level_first_in_order(cat):
    fw = cat.framework
    text = _random_survey(cat, 500, 5)
    for path in (_csv_out,):
        for row in csv.DictReader(io.StringIO(path(cat, text))):
            scores = [
                (float(row[f"{p.id}_score"]), i)
                for i, p in enumerate(fw.principles)
                if row[f"{p.id}_score"] and row[f"{p.id}_level"] != "3"
            ]
            expected = fw.principles[min(scores)[1]].id if scores else ""
            assert row["weakest"] == expected


CELL = st.sampled_from(["", "0", "1", "2", "3", "Fully", "not yet", " 2 "])


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
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
    with score_file(io.BytesIO(buf.getvalue().encode()), cat.framework) as run:
        assert run.layout.delimiter == delimiter
        index = label_index(cat.framework)
        got = [[parse_value(c, index) for c in rec.fields] for rec in run.records()]
    assert got == [[parse_value(c, index) for c in row] for row in table]


# -- output: reads back the same, protected against formulas, workbooks ------------------------------
def test_output_reads_back_to_the_same_rows_with_a_bare_cr_quoted(cat, invoke, tmp_path):
    ids = [q.id for q in cat.framework.questions]
    rows = [["a\rb", "x"] + ["2"] * len(ids), ["plain", "a\r\nb"] + ["1"] * len(ids), ["c\rd", "y"] + ["2"] * len(ids)]
    path = write_csv(tmp_path / "cr.csv", ["name", "note", *ids], rows)
    for fmt in ([], ["-g", "name"]):
        target = tmp_path / f"out{len(fmt)}.csv"
        assert invoke("score", path, *fmt, "-o", target).exit_code == 0
        with target.open(encoding="utf-8", newline="") as fh:
            back = list(csv.reader(fh))
        assert len(back) == 4
        assert sorted(r[0] for r in back[1:]) == ["a\rb", "c\rd", "plain"]
        if not fmt:
            assert [r[:2] for r in back[1:]] == [["a\rb", "x"], ["plain", "a\r\nb"], ["c\rd", "y"]]


def test_header_rejects_and_numbers_against_formulas(cat, invoke, tmp_path):
    path = tmp_path / "f.csv"
    path.write_text('=SUM(1),@who,assets.1\n-2.5879,"+1 x",2\n=bad(),-3,9\n', encoding="utf-8")
    rejects = tmp_path / "rejects.csv"
    result = invoke("score", path, "--rejects", rejects)
    back = list(csv.reader(io.StringIO(result.stdout)))
    assert back[0][:2] == ["'=SUM(1)", "'@who"] and back[1][:2] == ["-2.5879", "'+1 x"]
    kept = list(csv.reader(io.StringIO(rejects.read_text(encoding="utf-8"))))
    assert kept[0] == ["'=SUM(1)", "'@who", "assets.1", "coprotool_error"]
    assert kept[1][:3] == ["'=bad()", "-3", "9"] and "line 3: assets.1: 9 is off the scale" in kept[1][3]
    raw = invoke("score", path, "--keep-formulas", "--rejects", tmp_path / "raw.csv")
    assert next(iter(csv.reader(io.StringIO(raw.stdout))))[:2] == ["=SUM(1)", "@who"]
    assert next(csv.reader(io.StringIO((tmp_path / "raw.csv").read_text(encoding="utf-8"))))[:2] == ["=SUM(1)", "@who"]


def test_xlsx_output_reads_back(cat, invoke, tmp_path):
    from python_calamine import CalamineWorkbook

    ids = [q.id for q in cat.framework.questions]
    path = write_csv(
        tmp_path / "x.csv", ["team", *ids], [["=HYPERLINK(1)"] + ["2"] * len(ids), ["B"] + ["3"] * len(ids)]
    )
    target = tmp_path / "scores.xlsx"
    assert invoke("score", path, "-o", target).exit_code == 0
    with target.open("rb") as fh:
        book = CalamineWorkbook.from_filelike(fh)
        rows = book.get_sheet_by_index(0).to_python()
        book.close()
    assert rows[0][:3] == ["team", "assets_score", "assets_level"]
    assert rows[1][0] == "=HYPERLINK(1)"  # stored as text, never as a formula
    assert rows[1][1] == 2.0 and rows[2][-2] == "transformative" and rows[2][-1] == ""
    groups = tmp_path / "groups.xlsx"
    assert invoke("score", path, "-g", "team", "-o", groups).exit_code == 0
    with groups.open("rb") as fh:
        book = CalamineWorkbook.from_filelike(fh)
        assert book.sheet_names == ["Groups"]
        book.close()
    wrong = invoke("score", path, "-o", tmp_path / "s.xlsx", "-f", "json")
    assert wrong.exit_code == 2 and "writes a workbook" in wrong.stderr


def test_group_table_is_capped_and_groups_stream(cat, invoke, tmp_path):
    ids = [q.id for q in cat.framework.questions]
    rows = [[f"team {i}"] + ["2"] * len(ids) for i in range(300)]
    path = write_csv(tmp_path / "many.csv", ["team", *ids], rows)
    result = invoke("score", path, "-g", "team", "-f", "table")
    assert result.exit_code == 0
    assert "the table shows the first 60 groups of 300; use --format csv or json" in result.stderr
    assert "team 99" not in result.stdout
    assert len(json.loads(invoke("score", path, "-g", "team", "-f", "json").stdout)) == 300


def test_dry_run_json_names_how_and_the_nearest(cat, invoke, tmp_path):
    q = cat.framework.questions[0]
    path = write_csv(tmp_path / "d.csv", ["Q1. " + q.text, "How far are skills central to us?"], [["1", "2"]])
    data = json.loads(invoke("score", path, "--dry-run", "-f", "json").stdout)
    assert data["columns"][0]["matched_by"] == "contains" and data["columns"][0]["question"] == "assets.1"
    assert data["columns"][1]["question"] is None and data["columns"][1]["nearest"]
    mapped = json.loads(
        invoke("score", path, "--dry-run", "-f", "json", "-c", "How far are skills central to us?=assets.2").stdout
    )
    assert mapped["columns"][1]["question"] == "assets.2" and mapped["columns"][1]["matched_by"] == "--column"


def test_a_failing_rejects_write_names_the_file(cat, tmp_path):
    import resource
    import signal
    import subprocess
    import sys

    ids = [q.id for q in cat.framework.questions]
    path = write_csv(tmp_path / "bad.csv", ["note", *ids], [["x" * 1000] + ["9"] * len(ids)] * 3000)

    def small_files():  # a full disk, as near as a test can make one: writes past 1 MB fail (the rejects
        # come to 3 MB; under CI's coverage the child's own data file, with branches, must still fit)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))

    out = subprocess.run(
        [sys.executable, "-m", "coprotool", "score", str(path), "--rejects", str(tmp_path / "kept.csv")],
        capture_output=True,
        text=True,
        preexec_fn=small_files,
    )
    assert out.returncode == 1
    last = out.stderr.strip().splitlines()[-1]
    assert f"Cannot write {tmp_path / 'kept.csv'}" in last and "File too large" in last, out.stderr
    assert "Traceback" not in out.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.fixture(scope="module")
def big_survey(cat, tmp_path_factory):
    """600,000 rows (about 30 MB), written once for the signal tests: scoring them takes about 3 s here, long
    enough to be stopped in the rows on a machine several times faster."""
    ids = [q.id for q in cat.framework.questions]
    line = ",".join(["x"] + ["2"] * len(ids)) + "\n"
    path = tmp_path_factory.mktemp("big") / "big.csv"
    path.write_text(",".join(["who", *ids]) + "\n" + line * 600_000, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("sig", "code", "words", "fmt"),
    [
        ("INT", 130, "interrupted", "csv"),
        ("TERM", 143, "stopped (terminated)", "json"),
        ("INT", 130, "interrupted", "json"),
    ],
)
def test_a_signal_ends_score_quickly_and_cleanly(big_survey, tmp_path, sig, code, words, fmt):
    import signal
    import subprocess
    import sys
    import time

    target = tmp_path / f"out.{fmt}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "coprotool", "score", str(big_survey), "-f", fmt, "-o", str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]:  # into the rows
        assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read()
        time.sleep(0.05)
    time.sleep(0.3)
    proc.send_signal(getattr(signal, f"SIG{sig}"))
    start = time.monotonic()
    try:
        _out, err = proc.communicate(timeout=10)
    finally:  # a run that did not stop must not outlive the test (its pipes would fail the next one)
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert time.monotonic() - start < 2
    assert proc.returncode == code
    assert err.strip().splitlines() == [
        f"coprotool: {words}; {target} was not written (any earlier file is unchanged)."
    ]
    assert not target.exists() and not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_table_shows_500_rows_and_counts_the_rest(cat, invoke, tmp_path):
    ids = [q.id for q in cat.framework.questions]
    path = write_csv(tmp_path / "t.csv", ["who", *ids], [[f"p{i}"] + ["1"] * len(ids) for i in range(501)])
    result = invoke("score", path, "-f", "table")
    assert result.exit_code == 0
    assert "the table shows the first 500 rows of 501; use --format csv or --group-by" in result.stderr
    empty = write_csv(tmp_path / "e.csv", ["who", *ids], [])
    assert json.loads(invoke("score", empty, "-g", "who", "-f", "json").stdout) == []
