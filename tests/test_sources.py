"""Reading survey files: kinds, encodings, records, workbooks and zips, through score_file and the CLI."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest

from coprotool.errors import CoprotoolError, DataError
from coprotool.survey import ReadOptions, score_file
from coprotool.survey.read import read_all
from coprotool.survey.workbook import cell_text
from exports import build


def _rows(cat, data: bytes, **options):
    bad = []
    with score_file(io.BytesIO(data), cat.framework, ReadOptions(**options)) as run:
        rows = list(run.rows(lambda r: bad.append(r) or False))
    return rows, bad


def test_last_line_without_a_line_break(cat):
    rows, bad = _rows(cat, b"who,assets.1\nA,1\nB,2")
    assert [r.fields for r in rows] == [["A"], ["B"]] and not bad


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_recognised(cat, encoding):
    rows, _ = _rows(cat, "who,assets.1\nZoë,3\n".encode(encoding))
    assert rows[0].fields == ["Zoë"] and rows[0].scores[0].score == 3


def test_cp1252_bytes_that_cp1252_leaves_unused_still_read(cat):
    notes = []
    with score_file(io.BytesIO(b"who,assets.1\nA\x81\xe9,1\n"), cat.framework, note=notes.append) as run:
        rows = list(run.rows(lambda r: False))
    assert rows[0].fields == ["A\x81é"] and sum("cp1252" in n for n in notes) == 1


def test_old_mac_line_ends(cat):
    rows, _ = _rows(cat, b"who,assets.1\rA,1\rB,2\r")
    assert [r.fields for r in rows] == [["A"], ["B"]]


def test_a_quote_closed_mid_field_rejects_the_row(cat):
    rows, bad = _rows(cat, b'who,assets.1\n"A"x,1\nB,2\n')
    assert [r.fields for r in rows] == [["B"]]
    assert bad[0].line == 2 and "quoted field ends before a delimiter" in bad[0].reason


def test_workbook_cells_read_as_a_csv_export_would_hold_them():
    assert [cell_text(v) for v in (None, True, False, 2.0, 2.5, "x", 7)] == ["", "TRUE", "FALSE", "2", "2.5", "x", "7"]
    assert cell_text(dt.datetime(2026, 1, 2, 3, 4)) == "2026-01-02 03:04:00"
    assert cell_text(dt.date(2026, 1, 2)) == "2026-01-02" and cell_text(dt.timedelta(hours=1)) == "1:00:00"


def test_a_workbook_too_big_to_read_is_one_sentence():
    with pytest.raises(DataError, match="larger than the 1 KB coprotool reads"):
        read_all(io.BytesIO(b"x" * 5000), b"PK\x03\x04", "big.xlsx", limit=1024)
    assert read_all(io.BytesIO(b"rest"), b"head", "small.xlsx", limit=1024) == b"headrest"


def test_zips_workbooks_and_their_failures(cat, invoke, tmp_path):
    xlsx = build.write_xlsx(tmp_path / "r.xlsx", build.google_forms(cat.framework.questions))
    inner = tmp_path / "r.zip"
    with zipfile.ZipFile(inner, "w") as z:
        z.write(xlsx, "responses.xlsx")
    result = invoke("score", inner, "-f", "json")
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 2
    nested = tmp_path / "nested.zip"
    with zipfile.ZipFile(nested, "w") as z:
        z.write(inner, "r.zip")
    cases = {
        nested: "is a zip inside a zip",
        tmp_path / "damaged.zip": "is a damaged zip file",
        tmp_path / "fake.xls": "cannot be read as a workbook",
        tmp_path / "empty.zip": "holds 0 files",
    }
    (tmp_path / "damaged.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    (tmp_path / "fake.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with zipfile.ZipFile(tmp_path / "empty.zip", "w"):
        pass
    for path, words in cases.items():
        out = invoke("score", path)
        assert out.exit_code == 1 and words in out.stderr and "Traceback" not in out.output, (path, out.stderr)


def test_an_empty_sheet_and_a_date_cell(cat, invoke, tmp_path):
    empty = build.write_xlsx(tmp_path / "empty.xlsx", [])
    out = invoke("score", empty)
    assert out.exit_code == 1 and "is empty" in out.stderr
    import xlsxwriter

    path = tmp_path / "dates.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet()
    ws.write_row(0, 0, ["When", "assets.1"])
    ws.write_datetime(1, 0, dt.datetime(2026, 11, 1, 9, 30), book.add_format({"num_format": "yyyy-mm-dd hh:mm"}))
    ws.write_number(1, 1, 2)
    book.close()
    data = json.loads(invoke("score", path, "-f", "json").stdout)
    assert data[0]["fields"] == {"When": "2026-11-01 09:30:00"}


def test_delimiter_option(cat, invoke, tmp_path):
    path = tmp_path / "t.tsv"
    path.write_text("who\tassets.1\nA\t2\n", encoding="utf-8")
    assert invoke("score", path, "--delimiter", "tab", "-f", "json").exit_code == 0
    bad = invoke("score", path, "--delimiter", "ab")
    assert bad.exit_code == 2 and "--delimiter takes one character" in bad.stderr


def test_library_errors_are_coprotool_errors(cat, tmp_path):
    with pytest.raises(CoprotoolError, match="does not exist"), score_file(tmp_path / "nope.csv", cat.framework):
        pass
    with pytest.raises(CoprotoolError, match="is a folder"), score_file(tmp_path, cat.framework):
        pass
