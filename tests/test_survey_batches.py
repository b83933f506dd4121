"""survey.write.write_csv scores rows in batches (`read.batches`, `RowScorer.runs`); each row must come out
exactly as the one-row-at-a-time path writes it (`ScoreRun.rows` and `CsvOut`): the same bytes, the same
rejects in the same order, and after a stop at a bad row (--strict) the same rows written and the same
answers seen (the notes said after scoring depend on them)."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coprotool.survey import ReadOptions, ScoreRequest, open_survey
from coprotool.survey import read as survey_read
from coprotool.survey.write import CsvOut, write_csv
from coprotool.text import safe_text

# Cells of every kind the fast path must notice: answers, labels, inexact labels, unanswered words, bad
# values, and pass-through text that needs quoting, neutralising or sanitising.
ANSWERS = ["", "", "0", "1", "2", "3", "3", "Mostly", "not_yet", "2 - Mostly", "N/A"]
BAD = ["7", "maybe", "1\x00"]
TEXTS = ["North", "", "a,b", 'say "hi"', "=cmd()", "-2.5", "@home", "+44", "\tx", "x\ny", "x\rz", "\x1b[2J", "9-5"]
TEXTS += ["a\x00b"]


def _collector(stop: bool):
    """A list of (line, column, reason) and the on_reject callback that fills it (True stops the run)."""
    rejects: list[tuple[int, str, str]] = []

    def on_reject(r) -> bool:
        rejects.append((r.line, r.column, r.reason))
        return stop

    return rejects, on_reject


def _reference(data: bytes, fw, safe: bool, clean, stop: bool, options: ReadOptions):
    """Output, rejects and answers seen, scoring one row at a time."""
    out = io.StringIO()
    rejects, on_reject = _collector(stop)

    with open_survey(ScoreRequest(io.BytesIO(data), "s.csv", options), fw) as run:
        writer = CsvOut(out.write, run.layout, safe, clean)
        writer.header()
        n = 0
        for row in run.rows(on_reject):
            writer.write(row)
            n += 1
        return out.getvalue(), rejects, n, run.notes_after()


def _batched(data: bytes, fw, safe: bool, clean, stop: bool, options: ReadOptions):
    out = io.StringIO()
    rejects, on_reject = _collector(stop)

    with open_survey(ScoreRequest(io.BytesIO(data), "s.csv", options), fw) as run:
        n = write_csv(run, out.write, safe, on_reject, clean=clean)
        return out.getvalue(), rejects, n, run.notes_after()


def _file(header: list[str], rows: list[list[str]], delimiter: str, crlf: bool, blank_at: int) -> bytes:
    """Rows as a survey export: cells quoted only when they must be, as the csv module (and Excel) write."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n")
    writer.writerow(header)
    for i, row in enumerate(rows):
        if i == blank_at:
            buf.write("\r\n" if crlf else "\n")
        writer.writerow(row)
    return buf.getvalue().encode("utf-8")


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.data(),
    n_rows=st.integers(0, 14),
    delimiter=st.sampled_from([",", ";"]),
    crlf=st.booleans(),
    safe=st.booleans(),
    to_terminal=st.booleans(),
    stop=st.booleans(),
)
def test_batches_write_what_one_row_at_a_time_writes(
    cat, monkeypatch, data, n_rows, delimiter, crlf, safe, to_terminal, stop
):
    monkeypatch.setattr(survey_read, "BATCH", 3)  # batches of three lines: every edge is met in a few rows
    ids = [q.id for q in cat.framework.questions]
    header = ["Team", *ids[:7], "Note", *ids[7:]]
    width = len(header)
    # The cells come from one seeded Random that hypothesis draws (and prints on a failure): drawing each of
    # a file's hundreds of cells from hypothesis itself took nine tenths of this test's time.
    pick = data.draw(st.randoms(use_true_random=True)).choice
    rows = []
    for _ in range(n_rows):
        row = [pick(ANSWERS) for _ in header]
        row[0] = pick(TEXTS)
        row[8] = pick(TEXTS)
        if pick(range(6)) == 0:  # now and then a row with a cell off the scale
            row[pick(range(1, width))] = pick(BAD)
        cut = pick([width, width, width, width - 1, width + 1])
        rows.append([*row, "extra"][:cut])
    blank_at = data.draw(st.integers(-1, n_rows))
    raw = _file(header, rows, delimiter, crlf, blank_at)
    clean = safe_text if to_terminal else None
    options = ReadOptions(delimiter=delimiter)
    assert _batched(raw, cat.framework, safe, clean, stop, options) == _reference(
        raw, cat.framework, safe, clean, stop, options
    )


@pytest.mark.parametrize("batch", [1, 2, 5, 2048])
def test_a_quoted_field_running_past_a_batch_keeps_its_line_numbers(cat, monkeypatch, batch):
    monkeypatch.setattr(survey_read, "BATCH", batch)
    ids = [q.id for q in cat.framework.questions]
    answers = ["1"] * len(ids)
    lines = [",".join(["Note", *ids])]
    lines += [",".join(["plain", *answers])] * 3
    lines += [",".join(['"one\ntwo\nthree"', *answers])]  # lines 5 to 7
    lines += [",".join(["after", *answers[:-1], "9"])]  # line 8: off the scale
    lines += [",".join(["last", *answers])]
    raw = ("\n".join(lines) + "\n").encode()
    got = _batched(raw, cat.framework, True, None, False, ReadOptions())
    assert got == _reference(raw, cat.framework, True, None, False, ReadOptions())
    assert [line for line, _column, _reason in got[1]] == [8]
    assert got[2] == 5


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize(("safe", "to_terminal"), [(True, False), (False, False), (True, True)])
def test_each_kind_of_pass_through_cell_comes_out_as_one_row_at_a_time(cat, text, safe, to_terminal):
    ids = [q.id for q in cat.framework.questions]
    header = ["Team", *ids, "Note"]
    rows = [["North", *["2"] * len(ids), "fine"], [text, *["1"] * len(ids), text], ["South", *["3"] * len(ids), ""]]
    raw = _file(header, rows, ",", False, -1)
    clean = safe_text if to_terminal else None
    got = _batched(raw, cat.framework, safe, clean, False, ReadOptions())
    assert got == _reference(raw, cat.framework, safe, clean, False, ReadOptions())
    assert got[2] == (2 if "\x00" in text else 3)  # a NUL byte rejects its row


def test_a_stop_at_a_nul_byte_in_a_pass_through_cell_writes_nothing_after_it(cat):
    ids = [q.id for q in cat.framework.questions]
    rows = [["North", *["2"] * len(ids)], ["a\x00b", *["1"] * len(ids)], ["South", *["3"] * len(ids)]]
    raw = _file(["Team", *ids], rows, ",", False, -1)
    got = _batched(raw, cat.framework, True, None, True, ReadOptions())
    assert got == _reference(raw, cat.framework, True, None, True, ReadOptions())
    assert got[2] == 1 and [line for line, _column, _reason in got[1]] == [3]
    assert "South" not in got[0]
