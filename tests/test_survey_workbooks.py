"""Workbooks are checked before the reader opens them: none can abort the process, exhaust memory or be
silently mis-scored (issue 19). Each case ends with one sentence and exit code 1."""

from __future__ import annotations

import datetime
import time
import zipfile

import pytest

from coprotool.survey.guard import MAX_MEMBER, MAX_XLS, column_letters, column_number

HEADER = ["team", "assets.1", "assets.2", "assets.3"]


def _zip_with(path, members: dict[str, bytes], big: str | None = None, big_size: int = 0):
    """A zip of `members`, plus one member `big` of `big_size` repetitive bytes written in pieces."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, data in members.items():
            z.writestr(name, data)
        if big:
            piece = b"<si><t>aaaaaaaaaaaaaaaaaaaaaaaaa</t></si>" * 25_000
            with z.open(big, "w", force_zip64=True) as fh:
                for _ in range(big_size // len(piece) + 1):
                    fh.write(piece)
    return path


XLSX_PARTS = {
    "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    "xl/workbook.xml": b'<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": (
        b'<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}


def test_a_cell_at_the_far_corner_is_refused_not_allocated(invoke, tmp_path):
    import xlsxwriter

    path = tmp_path / "far.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("S")
    ws.write_row(0, 0, HEADER)
    ws.write_row(1, 0, ["A", 1, 2, 3])
    ws.write_string(1048575, 16383, "x")
    book.close()
    assert path.stat().st_size < 8000
    result = invoke("score", path)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "XFD1048576 (1,048,576 rows by 16,384 columns" in result.stderr
    assert result.stderr.count("\n") == 1


def test_shared_strings_that_unpack_too_far_are_refused_quickly(invoke, tmp_path):
    path = _zip_with(tmp_path / "bomb.xlsx", XLSX_PARTS, "xl/sharedStrings.xml", MAX_MEMBER + (8 << 20))
    assert path.stat().st_size < 5 * 1024 * 1024
    start = time.monotonic()
    result = invoke("score", path)
    assert result.exit_code == 1 and "unpacks to more than 256 MB" in result.stderr
    assert time.monotonic() - start < 30  # counted as it unpacks, never held whole


def test_an_ods_that_unpacks_too_far_is_refused(invoke, tmp_path):
    parts = {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}
    path = _zip_with(tmp_path / "bomb.ods", parts, "content.xml", MAX_MEMBER + (8 << 20))
    result = invoke("score", path)
    assert result.exit_code == 1 and "unpacks to more than 256 MB" in result.stderr


def test_an_xls_has_a_size_limit_of_its_own(invoke, tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * (MAX_XLS + 1))
    result = invoke("score", path)
    assert result.exit_code == 1 and "save it as .xlsx or CSV" in result.stderr and ".xls workbook" in result.stderr


def test_a_workbook_that_makes_the_reader_fail_is_one_sentence(invoke, tmp_path):
    path = _zip_with(tmp_path / "odd.xlsx", {**XLSX_PARTS, "xl/worksheets/sheet1.xml": b"<worksheet><sheetData>"})
    result = invoke("score", path)
    assert result.exit_code == 1 and "Traceback" not in result.output and result.stderr.count("\n") == 1


def test_date_time_and_error_cells_are_rejected_with_their_cell(invoke, tmp_path):
    import xlsxwriter

    path = tmp_path / "typed.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("S")
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_row(0, 0, HEADER)
    ws.write_string(1, 0, "A")
    ws.write_formula(1, 1, "=1/0", None, "#DIV/0!")
    ws.write_number(1, 2, 1)
    ws.write_string(2, 0, "B")
    ws.write_formula(2, 1, "=NA()", None, "#N/A")
    ws.write_string(3, 0, "C")
    ws.write_datetime(3, 3, datetime.datetime(1900, 1, 2), dates)
    ws.write_string(4, 0, "D")
    ws.write_datetime(4, 2, datetime.datetime(2026, 1, 1, 10, 30), book.add_format({"num_format": "hh:mm"}))
    ws.write_row(5, 0, ["E", 1, 2, 3])
    book.close()
    result = invoke("score", path)
    assert result.exit_code == 1
    assert "typed.xlsx:2: assets.1: cell B2: '#DIV/0!' is not a value" in result.stderr
    assert "typed.xlsx:3: assets.1: cell B3: '#N/A'" in result.stderr
    assert "typed.xlsx:4: assets.3: cell D4: '1900-01-02'" in result.stderr
    assert "typed.xlsx:5: assets.2: cell C5: '2026-01-01 10:30:00'" in result.stderr
    assert "scored 1 row, rejected 4" in result.stderr


@pytest.mark.parametrize(("letters", "number"), [("A", 1), ("Z", 26), ("AA", 27), ("AZ", 52), ("XFD", 16384)])
def test_column_letters(letters, number):
    assert column_number(letters) == number and column_letters(number) == letters
