"""Unedited exports from each survey tool score as they come, against scores worked out by hand."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from exports import build

# The two respondents of exports/build.py, worked out by hand:
#   1: assets (3+3+2)/3 = 2.67 -> level 3; capabilities 2; mutuality 1; networks (0+1+2)/3 = 1;
#      blur_roles 3; catalysts (2+2+1+1)/4 = 1.5 -> level 2 (halves up). Levels 3,2,1,1,3,2: four at 2+
#      (intermediate). Weakest: the lowest score below level 3, ties in order: mutuality (1) before networks.
#   2: assets (0+0)/2 = 0 (one N/A, unanswered); capabilities (1+1+0)/3 = 0.67 -> 1; mutuality not
#      answered; networks 3; blur_roles 2; catalysts (3+3+3+2)/4 = 2.75 -> 3. Three at 2+ (intermediate).
#      Weakest: assets. Coverage 2+3+0+3+4+4 = 16 of 22.
EXPECTED = [
    {
        "scores": {
            "assets": 2.67,
            "capabilities": 2.0,
            "mutuality": 1.0,
            "networks": 1.0,
            "blur_roles": 3.0,
            "catalysts": 1.5,
        },
        "levels": {"assets": 3, "capabilities": 2, "mutuality": 1, "networks": 1, "blur_roles": 3, "catalysts": 2},
        "depth": "intermediate",
        "weakest": "mutuality",
        "answered": 22,
    },
    {
        "scores": {
            "assets": 0.0,
            "capabilities": 0.67,
            "mutuality": None,
            "networks": 3.0,
            "blur_roles": 2.0,
            "catalysts": 2.75,
        },
        "levels": {"assets": 0, "capabilities": 1, "mutuality": None, "networks": 3, "blur_roles": 2, "catalysts": 3},
        "depth": "intermediate",
        "weakest": "assets",
        "answered": 16,
    },
]


def _check(result, n_fields=None):
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 2
    for row, want in zip(rows, EXPECTED):
        assert {p: s["score"] for p, s in row["scores"].items()} == want["scores"]
        assert {p: s["level"] for p, s in row["scores"].items()} == want["levels"]
        assert row["depth"] == want["depth"] and row["weakest"] == want["weakest"]
        assert row["coverage"] == {"answered": want["answered"], "asked": 22}
        if n_fields is not None:
            assert len(row["fields"]) == n_fields
    return rows


@pytest.fixture
def qs(cat):
    return cat.framework.questions


def test_google_forms_csv_and_its_zip(qs, invoke, tmp_path):
    path = build.write_csv(tmp_path / "Co-production check.csv", build.google_forms(qs))
    rows = _check(invoke("score", path, "-f", "json"), n_fields=3)
    assert rows[0]["fields"]["Which team are you in?"] == "North"
    archive = tmp_path / "Co-production check.csv.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(path, "Co-production check (Responses).csv")
    _check(invoke("score", archive, "-f", "json"), n_fields=3)
    odd_name = tmp_path / "download"  # the kind comes from the bytes, not the name
    odd_name.write_bytes(archive.read_bytes())
    _check(invoke("score", odd_name, "-f", "json"))


def test_google_sheets_ods(qs, invoke, tmp_path):
    path = build.write_ods(tmp_path / "responses.ods", build.google_forms(qs))
    rows = _check(invoke("score", path, "-f", "json"), n_fields=3)
    assert rows[0]["line"] == 2


def test_microsoft_forms_xlsx_with_likert_title_dot_statement(qs, invoke, tmp_path):
    path = build.write_xlsx(tmp_path / "Co-production check(1-2).xlsx", build.microsoft_forms(qs), "Form1")
    result = invoke("score", path, "-f", "json")
    rows = _check(result, n_fields=6)
    assert rows[0]["fields"]["ID"] == "1" and rows[0]["fields"]["Start time"] == "11/1/26 9:00:00"
    assert "9 columns (13-17, 21-24, such as 'How we work together." in result.stderr


def test_surveymonkey_csv_with_second_header_row_and_na(qs, invoke, tmp_path):
    path = build.write_csv(tmp_path / "Sheet_1.csv", build.surveymonkey(qs))
    rows = _check(invoke("score", path, "-f", "json"), n_fields=9)
    assert rows[0]["line"] == 3
    dry = invoke("score", path, "--dry-run")
    assert "header rows: 2" in dry.stdout and "capabilities.2 (by text)" in dry.stdout


def test_surveymonkey_xlsx(qs, invoke, tmp_path):
    path = build.write_xlsx(tmp_path / "Data_All_261101.xlsx", build.surveymonkey(qs), "Sheet", extra_sheet=True)
    sheet = invoke("score", path, "-f", "json")
    assert sheet.exit_code == 1  # the first sheet is a note: the message points to the other, not to --column
    assert "no column of sheet 'Summary' matches a question; its other sheets are 'Sheet'" in sheet.stderr
    assert "--sheet NAME" in sheet.stderr and "--column" not in sheet.stderr
    _check(invoke("score", path, "--sheet", "Sheet", "-f", "json"), n_fields=9)
    wrong = invoke("score", path, "--sheet", "Responses")
    assert wrong.exit_code == 2 and "has no sheet 'Responses'; its sheets are 'Summary', 'Sheet'" in wrong.stderr


def test_qualtrics_three_header_rows_numbered_from_one(qs, invoke, tmp_path):
    path = build.write_csv(tmp_path / "Co-production_November 1, 2026_09.30.csv", build.qualtrics(qs))
    _check(invoke("score", path, "--values", "1-4", "-f", "json"), n_fields=9)
    plain = invoke("score", path, "-f", "json")
    assert plain.exit_code == 1  # 4s are off a 0-3 scale: those rows are rejected, and the file is named
    assert "looks numbered from 1; if so, score it again with --values 1-4" in plain.stderr


def test_limesurvey_code_and_text_headers_with_answer_codes(qs, invoke, tmp_path):
    path = build.write_csv(tmp_path / "results-survey123456.csv", build.limesurvey(qs), quoting=csv.QUOTE_ALL)
    codes = ["--value", "A1=0", "--value", "A2=1", "--value", "A3=Mostly", "--value", "A4=3"]
    result = invoke("score", path, *codes, "-f", "json")
    _check(result, n_fields=5)
    assert "22 columns (6-27, such as 'Q01. " in result.stderr and "each hold one question's text" in result.stderr
    without = invoke("score", path)
    assert without.exit_code == 1 and "'A4' is not a value or label on the scale" in without.stderr


def test_jotform_with_five_reworded_questions(qs, invoke, tmp_path):
    path = build.write_csv(tmp_path / "Co_production_check2026-11-01_09_30_00.csv", build.jotform(qs))
    result = invoke("score", path, "-f", "json")
    _check(result, n_fields=3)
    assert result.stderr.count("is worded like question") == 5
    for qid in build.reworded(qs):
        assert f"is worded like question {qid} (" in result.stderr


def test_typeform_numbers(qs, invoke, tmp_path):
    path = build.write_csv(tmp_path / "responses.csv", build.typeform(qs))
    _check(invoke("score", path, "-f", "json"), n_fields=4)


def test_excel_windows_csv_utf16_and_utf32(qs, invoke, tmp_path):
    rows = build.google_forms(qs)
    rows[1][2] = "Zoë's team"
    for encoding, bom in (("cp1252", b""), ("utf-16", b""), ("utf-32", b"")):
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerows(rows)
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(bom + buf.getvalue().encode(encoding))  # Python's utf-16/32 write a byte-order mark
        result = invoke("score", path, "-f", "json")
        got = _check(result)
        assert got[0]["fields"]["Which team are you in?"] == "Zoë's team"
        assert ("reading it as Windows cp1252" in result.stderr) == (encoding == "cp1252")


# -- exports that once needed hand work: each scores as it comes -------------------------------------
def test_citizen_space_not_answered_is_unanswered(qs, invoke, tmp_path):
    path = build.write_csv(tmp_path / "consultation-responses.csv", build.citizen_space(qs))
    _check(invoke("score", path, "-f", "json"), n_fields=2)


def test_redcap_raw_variable_names(qs, invoke, tmp_path):
    path = build.write_csv(tmp_path / "CoproductionCheck_DATA_2026-11-01_0930.csv", build.redcap_raw(qs))
    result = invoke("score", path, "-f", "json")
    _check(result, n_fields=3)
    assert "22 column(s) (3-24, such as 'assets_1' for assets.1) name their question" in result.stderr
    dashed = build.write_csv(
        tmp_path / "dashed.csv",
        [[c.replace("_", "-") for c in r] if i == 0 else r for i, r in enumerate(build.redcap_raw(qs))],
    )
    _check(invoke("score", dashed, "-f", "json"))


def test_kobotoolbox_group_paths_and_choice_names(qs, invoke, tmp_path):
    path = build.write_csv(tmp_path / "aXyz_2026_11_01.csv", build.kobo(qs), delimiter=";")
    result = invoke("score", path, "-f", "json")
    _check(result, n_fields=6)
    assert "such as 'grp_assets/asse_q1' for assets.1" in result.stderr
    assert "answers such as 'not_yet' (a label written as a form's value name) were read as Not yet" in result.stderr
    dry = invoke("score", path, "--dry-run")
    assert "grp_blur_roles/blur_q4" in dry.stdout and "blur_roles.4 (by a group path)" in dry.stdout


def test_bilingual_microsoft_forms_labels(qs, invoke, tmp_path):
    path = build.write_xlsx(tmp_path / "Gwiriad(1-2).xlsx", build.bilingual_forms(qs), "Form1")
    result = invoke("score", path, "-f", "json")
    _check(result, n_fields=6)
    assert "answers such as 'Yn llawn / Fully' (a label with its translation) were read as Fully" in result.stderr


def test_a_header_under_merged_title_rows(qs, invoke, tmp_path):
    rows = build.titled_sheet(qs)
    book = build.write_titled_xlsx(tmp_path / "team check.xlsx", rows)
    result = invoke("score", book, "-f", "json")
    got = _check(result, n_fields=3)
    assert got[0]["line"] == 6
    assert "the header is row 5; the 3 row(s) with text above it (a title?) are skipped" in result.stderr
    text = build.write_csv(tmp_path / "team check.csv", rows)
    assert _check(invoke("score", text, "-f", "json"))[0]["line"] == 6
    said = invoke("score", text, "--header-row", "5", "-f", "json")
    assert _check(said) and "are skipped" not in said.stderr
    wrong = invoke("score", text, "--header-row", "3")
    assert wrong.exit_code == 2 and "--header-row 3: " in wrong.stderr and "no such row" in wrong.stderr


def test_no_question_anywhere_suggests_only_what_can_help(invoke, tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("Co-production check\n\nname,team\nSam,North\n", encoding="utf-8")
    result = invoke("score", path)
    assert result.exit_code == 1 and "--header-row" not in result.stderr and "--column" not in result.stderr
    assert "no row near the top names a question" in result.stderr
