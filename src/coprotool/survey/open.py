"""Opening a survey file: its kind, its header rows and its columns; `open_survey` yields a `ScoreRun`
whose rows are still to come. No printing: notes go to a callback."""

from __future__ import annotations

import contextlib
import csv
import io
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, excerpt
from ..model import Framework
from ..scoring import BadValue
from .coding import Coding
from .headers import HeaderError, Layout, Matcher, detect_layout, header_rows
from .read import HEAD, Broken, Record, SourceError, Text, kind_of, read_all, read_record, records, set_field_limit
from .rows import Rejected, RowScorer, Scored, short
from .workbook import unzip, workbook_rows

DELIMITERS = (",", ";", "\t", "|")
Note = Callable[[str], None]


@dataclass(frozen=True)
class ReadOptions:
    """How to read a survey file; every field has the default a plain export needs."""

    encoding: str | None = None  # None: byte-order mark, else UTF-8, else cp1252 (with a note)
    delimiter: str | None = None  # None: detected among , ; tab |
    sheet: str | None = None  # a workbook's sheet; None: the first
    columns: dict[str, str] = field(default_factory=dict)  # folded header -> question id (--column)
    start: int | None = None  # the number written for the scale's lowest point (--values 1-4 gives 1)
    codes: dict[str, int] = field(default_factory=dict)  # folded answer code -> value (--value A1=0)
    unanswered: tuple[str, ...] = ()  # more texts that mean "not answered" (--unanswered)


# -- scoring -----------------------------------------------------------------------------------------
# -- opening a file ----------------------------------------------------------------------------------
class ScoreRun:
    """An open survey file: its layout is known, its rows are still to come.

    `rows()` scores every data row in order, for every output; bad rows go to its `on_reject` callback,
    which returns True to stop.
    """

    def __init__(
        self,
        fw: Framework,
        source: str,
        layout: Layout,
        coding: Coding,
        matcher: Matcher,
        pending: list[Record | Broken],
        text: Text | None = None,
        lines: Iterator[str] | None = None,
        line: int = 0,
        table: list[list[str]] | None = None,
        sheet: str | None = None,
    ):
        self.fw = fw
        self.source = source
        self.layout = layout
        self.coding = coding
        self.matcher = matcher
        self.pending = pending
        self.text = text
        self.lines = lines
        self.line = line  # physical lines read so far (CSV), or the header rows (workbook)
        self.table = table
        self.sheet = sheet
        self.scorer = RowScorer(fw, layout, coding)

    def nearest(self, header: str, n: int = 3) -> list[tuple[str, float]]:
        """The questions nearest a header's wording, best first (for --dry-run)."""
        return self.matcher.ranked(header, n)

    def require_questions(self) -> None:
        if not self.layout.questions:
            raise HeaderError(
                f"{self.source}: no column matches a question (by id such as assets.1, or by the question's "
                "text); map columns with --column 'HEADER=assets.1', or see the headers coprotool expects with "
                "'coprotool template --format csv'."
            )

    def records(self) -> Iterator[Record | Broken]:
        """Data records in order, blank rows skipped."""
        if self.text is not None and self.lines is not None:
            return chain(self.pending, records(self.text, self.lines, self.line, self.layout.delimiter))
        return chain(self.pending, self._table_records())

    def _table_records(self) -> Iterator[Record]:
        for i in range(self.line, len(self.table or ())):
            row = self.table[i] if self.table else []
            if any(c.strip() for c in row):
                yield Record(i + 1, row, 1)

    def score_record(self, rec: Record | Broken) -> Scored | Rejected:
        if isinstance(rec, Broken):
            return Rejected(rec.line, [rec.text], "", rec.reason)
        return self.scorer.score(rec.line, rec.fields, pad=self.text is None)

    def rows(self, on_reject: Callable[[Rejected], bool], tick: Callable[[], None] = lambda: None) -> Iterator[Scored]:
        """The scored rows, in order. Each bad row goes to `on_reject`, which returns True to stop there."""
        self.require_questions()
        scored = 0
        for rec in self.records():
            result = self.score_record(rec)
            if isinstance(result, Rejected):
                if on_reject(result):
                    return
                continue
            yield result
            scored += 1
            if scored % 4096 == 0:
                tick()

    def notes_after(self) -> list[str]:
        """Warnings only the whole file could show (said after scoring)."""
        notes = [
            f"{self.source}: answers such as '{excerpt(cell)}' ({kind}) were read as {label}."
            for kind, (cell, label) in self.coding.inexact.items()
        ]
        if self.coding.numbered_from_one():
            top = self.coding.values[-1] + 1
            notes.append(
                f"{self.source} has answers of {top} and none of {self.coding.values[0]}: it looks numbered "
                f"from 1; if so, score it again with --values 1-{top} (rows without a {top} were scored a "
                "level too high)."
            )
        return notes


def _sniff(matcher: Matcher, first_line: str) -> str:
    """The delimiter that turns the header into the most question columns (then the most columns)."""
    best, best_key = ",", (-1, -1)
    for d in DELIMITERS:
        cells = next(csv.reader([first_line], delimiter=d), [])
        key = (sum(matcher.exact(c) is not None or matcher.contains(c) is not None for c in cells), len(cells))
        if key > best_key:
            best, best_key = d, key
    return best


@contextlib.contextmanager
def score_file(
    source: str | Path | BinaryIO,
    fw: Framework,
    options: ReadOptions = ReadOptions(),
    note: Note = lambda text: None,
    name: str | None = None,
) -> Iterator[ScoreRun]:
    """Open a survey file (a path, '-' for standard input, or a binary stream) and map its columns.

    CSV in any encoding, .xlsx/.xlsm/.xls/.ods workbooks and a .zip holding one of those are told apart by
    their bytes. Notes (a cp1252 fallback, matches that are not exact) go to `note`. Raises CoprotoolError
    with one sentence for a file that cannot be read.
    """
    set_field_limit()
    label = name or ("stdin" if source == "-" else str(source) if isinstance(source, (str, Path)) else "input")
    with _open_binary(source, label) as binary:
        head = binary.read(HEAD)
        matcher = Matcher(fw)
        coding = Coding(fw, options.start, options.codes, options.unanswered)
        kind = kind_of(head)
        if kind == "text" and options.sheet is not None:
            raise InputError(f"--sheet picks a sheet of a workbook, but {label} is CSV text; leave --sheet out.")
        if kind == "text":
            with _csv_run(binary, head, label, fw, options, note, matcher, coding) as run:
                yield run
            return
        data = read_all(binary, head, label)
        if kind == "zip":
            data, label = unzip(data, label)
            if kind_of(data) == "text":
                with (
                    _open_binary(io.BytesIO(data), label) as inner,
                    _csv_run(inner, inner.read(HEAD), label, fw, options, note, matcher, coding) as run,
                ):
                    yield run
                return
        table, sheet = workbook_rows(data, label, options.sheet)
        run = _open_table(table, sheet, label, fw, options, matcher, coding)
        _tell_matches(run, note)
        yield run


@contextlib.contextmanager
def _open_binary(source: str | Path | BinaryIO, label: str) -> Iterator[BinaryIO]:
    if not isinstance(source, (str, Path)):
        yield source
        return
    if str(source) == "-":
        yield sys.stdin.buffer
        return
    path = Path(source)
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        raise SourceError(f"{label} does not exist; check the path.") from None
    except IsADirectoryError:
        raise SourceError(f"{label} is a folder, not a survey file.") from None
    except OSError as exc:
        raise SourceError(f"{label} cannot be read ({exc.strerror or exc}).") from None
    with fh:
        yield fh


@contextlib.contextmanager
def _csv_run(
    binary: BinaryIO,
    head: bytes,
    label: str,
    fw: Framework,
    options: ReadOptions,
    note: Note,
    matcher: Matcher,
    coding: Coding,
) -> Iterator[ScoreRun]:
    """A CSV run whose matches are told, closed when the caller is done with it."""
    run = _open_csv(binary, head, label, fw, options, note, matcher, coding)
    try:
        _tell_matches(run, note)
        yield run
    finally:
        if run.text is not None:
            run.text.close()


def _open_csv(
    binary: BinaryIO,
    head: bytes,
    label: str,
    fw: Framework,
    options: ReadOptions,
    note: Note,
    matcher: Matcher,
    coding: Coding,
) -> ScoreRun:
    text = Text(binary, head, label, options.encoding, note)
    try:
        lines = chain.from_iterable(text.blocks())
        line = 0
        first = None
        for candidate in lines:
            line += 1
            if candidate.strip():
                first = candidate
                break
        if first is None:
            raise SourceError(f"{label} is empty; expected a header row and one row per response.")
        delim = options.delimiter or _sniff(matcher, first)
        heads: list[Record | Broken] = [read_record(first, lines, line, delim, label)]
        line += heads[0].lines - 1
        for rec in records(text, lines, line, delim):
            heads.append(rec)
            line = rec.line + rec.lines - 1
            if len(heads) == 3:
                break
        if isinstance(heads[0], Broken):
            raise SourceError(f"{label}: the header row is not valid CSV: {heads[0].reason}.")
        rows = [h.fields for h in heads if isinstance(h, Record)]
        n = header_rows(rows, matcher, lambda c: _is_value(coding, c)) if len(rows) == len(heads) else 1
        layout = detect_layout(fw, rows[:n], delim, label, options.columns, matcher)
        return ScoreRun(fw, label, layout, coding, matcher, heads[n:], text=text, lines=lines, line=line)
    except BaseException:
        text.close()
        raise


def _open_table(
    table: list[list[str]],
    sheet: str,
    label: str,
    fw: Framework,
    options: ReadOptions,
    matcher: Matcher,
    coding: Coding,
) -> ScoreRun:
    start = next((i for i, row in enumerate(table) if any(c.strip() for c in row)), None)
    if start is None:
        raise SourceError(
            f"{label}: sheet '{excerpt(sheet)}' is empty; expected a header row and one row per response."
        )
    rows = list(table[start : start + 3])
    n = header_rows(rows, matcher, lambda c: _is_value(coding, c))
    layout = detect_layout(fw, rows[:n], "", label, options.columns, matcher)
    return ScoreRun(fw, label, layout, coding, matcher, [], table=table, line=start + n, sheet=sheet)


def _is_value(coding: Coding, cell: str) -> bool:
    try:
        return coding.value(cell) is not None
    except BadValue:
        return False
    finally:
        coding.seen.clear()
        coding.inexact.clear()


def _tell_matches(run: ScoreRun, note: Note) -> None:
    """Name every match that is not exact, and the questions no column answers."""
    contained = [c for c in run.layout.questions if c.how == "contains"]
    if len(contained) > 3:  # a form's prefix on every question: one line, --dry-run has each
        cols = _ranges([c.pos + 1 for c in contained])
        note(
            f"{run.source}: {len(contained)} columns ({cols}, such as '{short(contained[0].header)}') each hold "
            "one question's text with more around it, and are read as that question; --dry-run lists them."
        )
    else:
        for c in contained:
            note(f"{run.source}: column {c.pos + 1} ('{short(c.header)}') read as question {c.question}.")
    for c in run.layout.questions:
        if c.how == "near":
            note(
                f"{run.source}: column {c.pos + 1} ('{short(c.header)}') is worded like question {c.question} "
                f"({c.score:.0f}% alike): read as that question; map it with --column if not."
            )
    if run.layout.questions and run.layout.missing:
        missing = run.layout.missing
        note(
            f"{run.source} has no column for {len(missing)} question(s): {', '.join(missing)}; they count as "
            "unanswered (map a column with --column 'HEADER=question').",
        )


def _ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 7] -> '1-3, 7'."""
    out: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(f"{start}-{prev}" if prev > start else str(start))
        if n is not None:
            start = prev = n
    return ", ".join(out)
