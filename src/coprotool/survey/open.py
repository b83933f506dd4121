"""Opening a survey file: its kind, its header rows and its columns; `open_survey` yields a `ScoreRun`
whose rows are still to come. No printing: notes go to a callback."""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import BinaryIO, Literal

from ..errors import InputError, excerpt
from ..i18n import _, current, ngettext, said, worded
from ..model import Framework
from ..scoring import BadValue
from ..wording import text as wording_of
from .coding import Coding
from .guard import column_letters
from .headers import HeaderError, Layout, Matcher, detect_layout, header_rows
from .read import (
    HEAD,
    Batch,
    Broken,
    Record,
    SourceError,
    Text,
    batched,
    batches,
    kind_of,
    read_all,
    records,
    set_field_limit,
)
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
    header_row: int | None = None  # the header's row number as a spreadsheet shows it; None: found


@dataclass(frozen=True)
class OutputOptions:
    """Where and how a run's results go; the defaults write CSV to standard output."""

    path: Path | None = None  # None: standard output; NAME.xlsx: a workbook
    format: Literal["csv", "json", "jsonl", "table"] = "csv"
    rejects: Path | None = None  # rejected rows kept here, with the reason
    force: bool = False  # replace an existing output or rejects file
    group_by: str | None = None  # summarise per value of this column
    strict: bool = False  # stop at the first bad row
    dry_run: bool = False  # map the columns, score nothing
    safe: bool = True  # neutralise cells a spreadsheet would read as formulas

    @property
    def xlsx(self) -> bool:
        return self.path is not None and self.path.suffix.lower() == ".xlsx"


@dataclass(frozen=True)
class ScoreRequest:
    """What a run needs: the file, the name messages give it, how to read it, and where results go."""

    source: str | Path | BinaryIO  # a path, '-' for standard input, or a binary stream
    name: str | None = None  # None: the path, 'stdin' or 'input'
    options: ReadOptions = ReadOptions()
    output: OutputOptions = OutputOptions()

    @property
    def label(self) -> str:
        if self.name:
            return self.name
        if self.source == "-":
            return "stdin"
        return str(self.source) if isinstance(self.source, (str, Path)) else "input"


@dataclass
class CsvRows:
    """Where a CSV file's data rows come from: records read while finding the header, then the rest."""

    text: Text
    lines: Iterator[str]
    line: int  # physical lines read so far
    pending: list[Record | Broken]


@dataclass
class TableRows:
    """A workbook sheet's rows, the data starting at row index `start`."""

    table: list[list[str]]
    start: int
    sheet: str
    first_column: int = 0  # the sheet's first column used, from 0 (the reader starts its rows there)
    sheets: tuple[str, ...] = ()  # every sheet's name, in order


@dataclass
class _Reading:
    """One file being opened: the catalogue, the file's name in messages, its options and the readers."""

    fw: Framework
    label: str
    options: ReadOptions
    note: Note
    matcher: Matcher
    coding: Coding


# -- opening a file ----------------------------------------------------------------------------------
class ScoreRun:
    """An open survey file: its layout is known, its rows are still to come.

    `rows()` scores every data row in order, for every output; bad rows go to its `on_reject` callback,
    which returns True to stop.
    """

    def __init__(self, reading: _Reading, layout: Layout, rows: CsvRows | TableRows):
        self.fw = reading.fw
        self.source = reading.label
        self.layout = layout
        self.coding = reading.coding
        self.matcher = reading.matcher
        self.rows_from = rows
        self.text = rows.text if isinstance(rows, CsvRows) else None
        self.sheet = rows.sheet if isinstance(rows, TableRows) else None
        self.first_column = rows.first_column if isinstance(rows, TableRows) else 0
        self.scorer = RowScorer(self.fw, layout, self.coding)

    def nearest(self, header: str, n: int = 3) -> list[tuple[str, float]]:
        """The questions nearest a header's wording, best first (for --dry-run)."""
        return self.matcher.ranked(header, n)

    def require_questions(self) -> None:
        """One sentence when no column answers a question, suggesting only what can help: another sheet
        when the workbook has one, --column when the header has columns to map."""
        if self.layout.questions:
            return
        rows = self.rows_from
        if isinstance(rows, TableRows) and len(rows.sheets) > 1:
            listed = ", ".join(f"'{excerpt(n)}'" for n in rows.sheets if n != rows.sheet)
            raise HeaderError(
                _(
                    "%(file)s: no column of sheet '%(sheet)s' matches a question; its other sheets are %(sheets)s: "
                    "choose one with --sheet NAME."
                )
                % {"file": self.source, "sheet": excerpt(rows.sheet), "sheets": listed}
            )
        if len([c for c in self.layout.columns if c.header and not c.header.startswith("column ")]) < 2:
            raise HeaderError(
                _(
                    "%(file)s: no row near the top names a question (by id such as assets.1, or by the question's "
                    "text); see the headers coprotool expects with 'coprotool template --format csv'."
                )
                % {"file": self.source}
            )
        raise HeaderError(
            _(
                "%(file)s: no column matches a question (by id such as assets.1, or by the question's text); map "
                "columns with --column 'HEADER=assets.1', or see the headers coprotool expects with "
                "'coprotool template --format csv'."
            )
            % {"file": self.source}
        )

    def records(self) -> Iterator[Record | Broken]:
        """Data records in order, blank rows skipped."""
        rows = self.rows_from
        if isinstance(rows, CsvRows):
            return chain(rows.pending, records(rows.text, rows.lines, rows.line, self.layout.delimiter))
        return (
            Record(i + 1, row, 1) for i, row in enumerate(rows.table) if i >= rows.start and any(c.strip() for c in row)
        )

    def batches(self) -> Iterator[Batch | Broken]:
        """Data records in order, blank rows skipped, in batches (a broken record on its own)."""
        rows = self.rows_from
        if isinstance(rows, CsvRows):
            return chain(batched(rows.pending), batches(rows.text, rows.lines, rows.line, self.layout.delimiter))
        return batched(self.records())

    def score_record(self, rec: Record | Broken) -> Scored | Rejected:
        if isinstance(rec, Broken):
            return Rejected(rec.line, [rec.text], "", rec.reason)
        result = self.scorer.score(rec.line, rec.fields, pad=self.text is None)
        if isinstance(result, Rejected) and self.sheet is not None and result.pos >= 0:
            # A workbook's bad cell by its reference, as the spreadsheet shows it.
            ref = f"{column_letters(result.pos + 1 + self.first_column)}{result.line}"
            reason = result.reason
            return result._replace(
                reason=said(lambda: _("cell %(ref)s: %(reason)s") % {"ref": ref, "reason": worded(reason)})
            )
        return result

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
            _("%(file)s: answers such as '%(cell)s' (%(kind)s) were read as %(label)s.")
            % {"file": self.source, "cell": excerpt(cell), "kind": _(kind), "label": wording_of(label, current())}
            for kind, (cell, label) in self.coding.inexact.items()
        ]
        if self.coding.numbered_from_one():
            top = self.coding.values[-1] + 1
            notes.append(
                _(
                    "%(file)s has answers of %(top)d and none of %(low)d: it looks numbered from 1; if so, score it "
                    "again with --values 1-%(top)d (rows without a %(top)d were scored a level too high)."
                )
                % {"file": self.source, "top": top, "low": self.coding.values[0]}
            )
        return notes


def _sniff(matcher: Matcher, lines: list[str]) -> str:
    """The delimiter that turns a row into the most question columns (then the first row into the most
    columns): the first row that names a question counts, as the header may sit below title rows."""
    best, best_key = ",", (-1, -1)
    for d in DELIMITERS:
        rows = [_cells(line, d) for line in lines]
        counts = (sum(matcher.names_question(c) for c in cells if c.strip()) for cells in rows)
        key = (next((n for n in counts if n), 0), len(rows[0]) if rows else 0)
        if key > best_key:
            best, best_key = d, key
    return best


@contextlib.contextmanager
def open_survey(request: ScoreRequest, fw: Framework, note: Note = lambda text: None) -> Iterator[ScoreRun]:
    """Open a survey file and map its columns; the run's rows are read as the caller asks for them.

    CSV in any encoding, .xlsx/.xlsm/.xls/.ods workbooks and a .zip holding one of those are told apart by
    their bytes. Notes (a cp1252 fallback, matches that are not exact) go to `note`. Raises CoprotoolError
    with one sentence for a file that cannot be read.
    """
    set_field_limit()
    options = request.options
    label = request.label
    coding = Coding(fw, options.start, options.codes, options.unanswered)
    with _open_binary(request.source, label) as binary:
        head = binary.read(HEAD)
        kind = kind_of(head)
        if kind == "text" and options.sheet is not None:
            raise InputError(
                _("--sheet picks a sheet of a workbook, but %(file)s is CSV text; leave --sheet out.") % {"file": label}
            )
        if kind == "text":
            with _csv_run(binary, head, _Reading(fw, label, options, note, Matcher(fw), coding)) as run:
                yield run
            return
        data = read_all(binary, head, label)
        if kind == "zip":
            data, label = unzip(data, label)
            if kind_of(data) == "text":
                reading = _Reading(fw, label, options, note, Matcher(fw), coding)
                with _open_binary(io.BytesIO(data), label) as inner, _csv_run(inner, inner.read(HEAD), reading) as run:
                    yield run
                return
        table, sheet, first_column, sheets = workbook_rows(data, label, options.sheet)
        reading = _Reading(fw, label, options, note, Matcher(fw), coding)
        run = _open_table(table, TableRows(table, 0, sheet, first_column, tuple(sheets)), reading)
        _tell_matches(run, note)
        yield run


def score_file(
    source: str | Path | BinaryIO,
    fw: Framework,
    options: ReadOptions = ReadOptions(),
    note: Note = lambda text: None,
    name: str | None = None,
) -> contextlib.AbstractContextManager[ScoreRun]:
    """`open_survey` for a file and its options (the library's earlier call, kept for scripts)."""
    return open_survey(ScoreRequest(source, name, options), fw, note)


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
        raise SourceError(_("%(file)s does not exist; check the path.") % {"file": label}) from None
    except IsADirectoryError:
        raise SourceError(_("%(file)s is a folder, not a survey file.") % {"file": label}) from None
    except OSError as exc:
        raise SourceError(
            _("%(file)s cannot be read (%(why)s).") % {"file": label, "why": exc.strerror or exc}
        ) from None
    with fh:
        yield fh


@contextlib.contextmanager
def _csv_run(binary: BinaryIO, head: bytes, reading: _Reading) -> Iterator[ScoreRun]:
    """A CSV run whose matches are told, closed when the caller is done with it."""
    text = Text(binary, head, reading.label, reading.options.encoding, reading.note)
    try:
        run = _open_csv(text, reading)
        _tell_matches(run, reading.note)
        yield run
    finally:
        text.close()


HEADER_SEARCH = 20  # rows looked through for the header (title rows may sit above it)


def _open_csv(text: Text, reading: _Reading) -> ScoreRun:
    label, options = reading.label, reading.options
    lines = chain.from_iterable(text.blocks())
    ahead = list(islice(lines, HEADER_SEARCH))
    while not any(line.strip() for line in ahead):
        more = next(lines, None)
        if more is None:
            raise SourceError(_("%(file)s is empty; expected a header row and one row per response.") % {"file": label})
        ahead.append(more)
    delim = options.delimiter or _sniff(reading.matcher, [line for line in ahead if line.strip()])
    lines = chain(ahead, lines)
    heads: list[Record | Broken] = []
    line = 0
    for rec in records(text, lines, 0, delim):
        heads.append(rec)
        line = rec.line + rec.lines - 1
        if len(heads) == HEADER_SEARCH:
            break
    # The header is among the records with text in them (a row of spaces or empty cells is not it).
    texty = [i for i, h in enumerate(heads) if isinstance(h, Broken) or any(c.strip() for c in h.fields)]
    pick = _header_at([_fields(heads[i]) for i in texty], [heads[i].line for i in texty], reading)
    at = texty[pick]
    header = heads[at]
    if isinstance(header, Broken):
        raise SourceError(
            _("%(file)s: the header row is not valid CSV: %(reason)s.")
            % {"file": label, "reason": worded(header.reason)}
        )
    following = heads[at : at + 3]
    rows = [h.fields for h in following if isinstance(h, Record)]
    n = header_rows(rows, reading.matcher, lambda c: _is_value(reading.coding, c)) if len(rows) == len(following) else 1
    layout = detect_layout(reading.fw, rows[:n], delim, label, options.columns, reading.matcher)
    _tell_skipped(reading, pick, header.line)
    return ScoreRun(reading, layout, CsvRows(text, lines, line, heads[at + n :]))


def _open_table(table: list[list[str]], where: TableRows, reading: _Reading) -> ScoreRun:
    sheet = where.sheet
    filled = [i for i, row in enumerate(table[: HEADER_SEARCH * 5]) if any(c.strip() for c in row)][:HEADER_SEARCH]
    if not filled:
        raise SourceError(
            _("%(file)s: sheet '%(sheet)s' is empty; expected a header row and one row per response.")
            % {"file": reading.label, "sheet": excerpt(sheet)}
        )
    start = filled[_header_at([table[i] for i in filled], [i + 1 for i in filled], reading)]
    rows = list(table[start : start + 3])
    n = header_rows(rows, reading.matcher, lambda c: _is_value(reading.coding, c))
    layout = detect_layout(reading.fw, rows[:n], "", reading.label, reading.options.columns, reading.matcher)
    _tell_skipped(reading, filled.index(start), start + 1)
    return ScoreRun(reading, layout, dataclasses.replace(where, start=start + n))


def _header_at(rows: list[list[str] | None], numbers: list[int], reading: _Reading) -> int:
    """Which of the first non-blank rows is the header: the one --header-row names, else the first naming
    a question (title rows may sit above it), else the first."""
    wanted = reading.options.header_row
    if wanted is not None:
        if wanted in numbers:
            return numbers.index(wanted)
        rows_with_text = ", ".join(str(n) for n in numbers[:8])
        raise InputError(
            _("--header-row %(n)d: %(file)s has no such row among its first rows with text (%(rows)s).")
            % {"n": wanted, "file": reading.label, "rows": rows_with_text}
        )
    matcher = reading.matcher
    for i, row in enumerate(rows):
        if row is not None and any(c.strip() and matcher.names_question(c) for c in row):
            return i
    return 0


def _cells(line: str, delimiter: str) -> list[str]:
    """One physical line's cells, for guessing (a quote left open or a bare CR read loosely)."""
    try:
        return next(csv.reader([line.replace("\r", " ")], delimiter=delimiter), [])
    except csv.Error:
        return line.split(delimiter)


def _fields(rec: Record | Broken) -> list[str] | None:
    return rec.fields if isinstance(rec, Record) else None


def _tell_skipped(reading: _Reading, skipped: int, row: int) -> None:
    if skipped and reading.options.header_row is None:
        reading.note(
            ngettext(
                "%(file)s: the header is row %(row)d; the %(n)d row(s) with text above it (a title?) are skipped "
                "(name another row with --header-row).",
                "%(file)s: the header is row %(row)d; the %(n)d row(s) with text above it (a title?) are skipped "
                "(name another row with --header-row).",
                skipped,
            )
            % {"file": reading.label, "row": row, "n": skipped}
        )


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
            ngettext(
                "%(file)s: %(n)d columns (%(columns)s, such as '%(header)s') each hold one question's text with "
                "more around it, and are read as that question; --dry-run lists them.",
                "%(file)s: %(n)d columns (%(columns)s, such as '%(header)s') each hold one question's text with "
                "more around it, and are read as that question; --dry-run lists them.",
                len(contained),
            )
            % {"file": run.source, "n": len(contained), "columns": cols, "header": short(contained[0].header)}
        )
    else:
        for c in contained:
            note(
                _("%(file)s: column %(n)d ('%(header)s') read as question %(question)s.")
                % {"file": run.source, "n": c.pos + 1, "header": short(c.header), "question": c.question}
            )
    named = [c for c in run.layout.questions if c.how in ("name", "path")]
    if named:
        c = named[0]
        note(
            ngettext(
                "%(file)s: %(n)d column(s) (%(columns)s, such as '%(header)s' for %(question)s) name their question "
                "by its id written another way or by a group path, and are read as those questions; --dry-run "
                "lists them.",
                "%(file)s: %(n)d column(s) (%(columns)s, such as '%(header)s' for %(question)s) name their question "
                "by its id written another way or by a group path, and are read as those questions; --dry-run "
                "lists them.",
                len(named),
            )
            % {
                "file": run.source,
                "n": len(named),
                "columns": _ranges([c.pos + 1 for c in named]),
                "header": short(c.header),
                "question": c.question,
            }
        )
    for c in run.layout.questions:
        if c.how == "near":
            note(
                _(
                    "%(file)s: column %(n)d ('%(header)s') is worded like question %(question)s (%(alike)s%% alike): "
                    "read as that question; map it with --column if not."
                )
                % {
                    "file": run.source,
                    "n": c.pos + 1,
                    "header": short(c.header),
                    "question": c.question,
                    "alike": f"{c.score:.0f}",
                }
            )
    if run.layout.questions and run.layout.missing:
        missing = run.layout.missing
        note(
            ngettext(
                "%(file)s has no column for %(n)d question(s): %(questions)s; they count as unanswered (map a "
                "column with --column 'HEADER=question').",
                "%(file)s has no column for %(n)d question(s): %(questions)s; they count as unanswered (map a "
                "column with --column 'HEADER=question').",
                len(missing),
            )
            % {"file": run.source, "n": len(missing), "questions": ", ".join(missing)}
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
