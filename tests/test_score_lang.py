"""`score --lang cy|en|both`: every message, hint and table for people in Welsh; the machine outputs (CSV,
JSON, JSON lines, the rejected rows' CSV) the same bytes in every language."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "survey.csv"


@pytest.fixture
def survey(cat, tmp_path):
    """Every question by id; a bilingual label (an inexact match), a bad cell, and a short row."""
    ids = [q.id for q in cat.framework.questions]
    rows = [
        ["Team", *ids],
        ["North", "Gan amlaf / Mostly", *["2"] * (len(ids) - 1)],
        ["South", "x", *["1"] * (len(ids) - 1)],
        ["East", "1"],
        ["West", *["3"] * len(ids)],
    ]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path = tmp_path / "survey.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def test_messages_rejects_and_summary_in_welsh(invoke, survey):
    done = invoke("score", survey, "--lang", "cy", "-o", survey.with_name("out.csv"))
    assert done.exit_code == 1
    err = done.stderr
    assert "coprotool: rhybudd: " in err and "(label gyda’i gyfieithiad) fel Gan amlaf." in err  # the inexact match
    assert f"{survey}:3: assets.1: nid yw 'x' yn werth nac yn label ar y raddfa (roedd disgwyl 0-3 neu label " in err
    assert "(Dim eto, Dechrau, Gan amlaf, Yn llawn), neu wag)" in err  # the scale's labels in Welsh too
    assert f"{survey}:4: mae gan y rhes 2 faes ond mae gan y pennawd 23" in err  # a Welsh plural, with its mutation
    assert err.rstrip().endswith("coprotool: sgoriwyd 2 res, gwrthodwyd 2.")
    for english in ("warning", "is not a value", "the row has", "scored", "rejected", "were read as"):
        assert english not in err


def test_the_same_run_in_english_is_unchanged(invoke, survey):
    err = invoke("score", survey, "--lang", "en", "-o", survey.with_name("out.csv")).stderr
    assert "coprotool: warning: " in err and "(a label with its translation) were read as Mostly." in err
    assert f"{survey}:4: the row has 2 fields but the header has 23" in err
    assert err.rstrip().endswith("coprotool: scored 2 rows, rejected 2.")


@pytest.mark.parametrize(
    ("args", "welsh"),
    [
        (["--delimiter", "ab"], "coprotool: mae --delimiter yn cymryd un nod, er enghraifft ';' neu tab.\n"),
        (["--values", "5-9"], "coprotool: mae --values yn cymryd y rhifau y mae’r ffeil yn eu defnyddio"),
        (["--column", "nonsense"], "coprotool: mae --column yn cymryd HEADER=QUESTION"),
        (["--group-by", "Service"], "does gan "),
        (["--sheet", "One"], "coprotool: mae --sheet yn dewis taflen mewn llyfr gwaith, ond testun CSV yw "),
    ],
)
def test_a_bad_option_is_refused_in_welsh(invoke, survey, args, welsh):
    done = invoke("score", survey, *args, "--lang", "cy")
    assert done.exit_code == 2 and welsh in done.stderr, done.stderr


def test_a_file_that_cannot_be_read_is_said_in_welsh(invoke, tmp_path):
    done = invoke("score", tmp_path / "missing.csv", "--lang", "cy")
    assert done.exit_code == 1
    assert done.stderr == f"coprotool: nid yw {tmp_path / 'missing.csv'} yn bodoli; gwiriwch y llwybr.\n"


@pytest.mark.parametrize("extra", [["-f", "json"], ["-f", "jsonl"], ["-f", "csv"], ["-g", "Team", "-f", "json"]])
def test_machine_outputs_are_the_same_bytes_in_every_language(invoke, survey, tmp_path, extra):
    outputs = {}
    for lang in ("en", "cy", "both"):
        out, bad = tmp_path / f"{lang}.out", tmp_path / f"{lang}.rejects.csv"
        done = invoke("score", survey, *extra, "-o", out, "--rejects", bad, "--lang", lang)
        assert done.exit_code == 1
        piped = invoke("score", survey, *extra, "--lang", lang).stdout
        outputs[lang] = (out.read_bytes(), bad.read_bytes(), piped)
    assert outputs["cy"] == outputs["en"] == outputs["both"]
    assert b"line 3: assets.1: 'x' is not a value or label on the scale" in outputs["cy"][1]  # the rejects file


def test_dry_run_json_is_the_same_and_its_text_is_welsh(invoke, survey):
    assert invoke("score", survey, "--dry-run", "-f", "json", "--lang", "cy").stdout == (
        invoke("score", survey, "--dry-run", "-f", "json").stdout
    )
    text = invoke("score", survey, "--dry-run", "--lang", "cy").stdout
    assert "Colofn yn y ffeil" in text and "assets.1 (yn ôl ei id)" in text and "Mae gan bob cwestiwn golofn." in text
    assert "Column in the file" not in text and "by id" not in text


def test_the_table_in_welsh_and_with_both_welsh_first(invoke):
    welsh = invoke("score", EXAMPLE, "--format", "table", "--lang", "cy").stdout
    assert "Llinell" in welsh and "Lletem" in welsh and "Dyfnder" in welsh and "Canolradd" in welsh
    assert "1 Asedau, 2 Galluoedd" in " ".join(welsh.split()) and "Wedge" not in welsh
    both = invoke("score", EXAMPLE, "-g", "Team", "--format", "table", "--lang", "both")
    out = both.stdout
    assert out.index("Fesul Team") < out.index("By Team") and out.index("Ymatebion") < out.index("Responses")
    assert both.stderr == "coprotool: sgoriwyd 15 rhes, gwrthodwyd 0.\n"  # messages: the first language only


def test_coprotool_lang_sets_the_default(invoke, survey):
    done = invoke("score", survey, "-o", survey.with_name("o.csv"), env={"COPROTOOL_LANG": "cy"})
    assert "coprotool: sgoriwyd 2 res, gwrthodwyd 2." in done.stderr
    done = invoke("score", survey, "-o", survey.with_name("p.csv"), "--lang", "en", env={"COPROTOOL_LANG": "cy"})
    assert "coprotool: scored 2 rows, rejected 2." in done.stderr


def test_welsh_plurals_of_the_summary():
    from coprotool import i18n
    from coprotool.render.survey import summary_text
    from coprotool.survey import ScoreSummary

    with i18n.using("cy"):
        said = {n: summary_text(ScoreSummary("f.csv", n, 0)) for n in (0, 1, 2, 3, 6, 20)}
    assert said[2] == "coprotool: sgoriwyd 2 res, gwrthodwyd 0."  # dwy res: a feminine noun softens after two
    assert {said[n].split()[3] for n in (0, 1, 3, 6, 20)} == {"rhes,"}


def test_a_workbook_cell_is_named_in_welsh_and_its_rejects_file_stays_english(invoke, tmp_path):
    import xlsxwriter

    book = xlsxwriter.Workbook(tmp_path / "w.xlsx")
    sheet = book.add_worksheet("Atebion")
    for r, row in enumerate([["Team", "assets.1"], ["A", "x"], ["B", 2]]):
        sheet.write_row(r, 0, row)
    book.close()
    files = {}
    for lang in ("cy", "en"):
        done = invoke(
            "score",
            tmp_path / "w.xlsx",
            "--lang",
            lang,
            "-o",
            tmp_path / f"{lang}.csv",
            "--rejects",
            tmp_path / f"r-{lang}.csv",
        )
        files[lang] = (tmp_path / f"r-{lang}.csv").read_bytes()
        if lang == "cy":
            assert "w.xlsx:2: assets.1: cell B2: nid yw 'x' yn werth nac yn label ar y raddfa" in done.stderr
            assert f"gwrthodwyd 1; maen nhw yn {tmp_path / 'r-cy.csv'}." in done.stderr
    assert files["cy"] == files["en"] and b"cell B2: 'x' is not a value or label on the scale" in files["cy"]


def test_a_said_sentence_is_english_in_files_and_the_run_s_language_for_people():
    from coprotool import i18n

    with i18n.using("cy"):
        inner = i18n.said(lambda: i18n._("the row is not valid CSV (%(error)s)") % {"error": "e"})
        outer = i18n.said(lambda: i18n._("cell %(ref)s: %(reason)s") % {"ref": "B2", "reason": i18n.worded(inner)})
        assert i18n.worded(outer) == "cell B2: nid yw’r rhes yn CSV dilys (e)"
        assert f"{outer}" == str(outer) == "cell B2: the row is not valid CSV (e)"  # what a file gets
    assert i18n.worded(outer) == "cell B2: the row is not valid CSV (e)"  # shown in English in an English run
    assert i18n.worded("plain text") == "plain text"
