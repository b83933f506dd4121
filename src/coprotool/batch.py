"""Batch scoring of a survey file: `score_file` opens it, maps its columns and scores its rows.

Plain functions and iterators; no printing (notes go to a callback). Rows stream through, so memory stays
flat however long the file. Answers repeat a great deal, so each principle's scoring is memoised on the
raw cells it reads: most rows cost a few dictionary look-ups.
"""

from __future__ import annotations

import contextlib
import csv
import math
import re
import sys
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import IO, Any, BinaryIO, NamedTuple

from .coding import Coding
from .errors import CoprotoolError, InputError, excerpt
from .headers import HeaderError, Layout, Matcher, detect_layout, fold, header_rows, question_index
from .model import PRINCIPLE_IDS, Framework
from .scoring import BadValue, PrincipleScore, depth_id, disagrees, level_of, weakest
from .sources import (
    HEAD,
    Broken,
    Record,
    SourceError,
    Text,
    kind_of,
    read_all,
    read_record,
    records,
    set_field_limit,
    unzip,
    workbook_rows,
)

__all__ = [
    "CoprotoolError",
    "Layout",
    "ReadOptions",
    "Rejected",
    "ScoreRun",
    "Scored",
    "SourceError",
    "fold",
    "question_index",
    "score_file",
]

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
class Scored(NamedTuple):
    line: int
    fields: list[str]  # pass-through values, in column order
    scores: tuple[PrincipleScore, ...]  # in the catalogue's principle order
    depth: str
    weakest: str | None
    answered: int
    asked: int


class Rejected(NamedTuple):
    line: int
    raw: list[str]  # the row exactly as read
    column: str
    reason: str


Getter = Callable[[Sequence[str]], tuple[str, ...]]


class RowScorer:
    """Scores raw rows for a layout, memoising each principle's result on its raw cells."""

    def __init__(self, fw: Framework, layout: Layout, coding: Coding | None = None):
        self.fw = fw
        self.layout = layout
        self.coding = coding or Coding(fw)
        self.width = len(layout.columns)
        self.pass_get = _getter([c.pos for c in layout.passthrough])
        self.principles: list[tuple[str, Getter, list[str], int, dict[tuple[str, ...], PrincipleScore]]] = []
        for p in fw.principles:
            cols = [c for c in layout.questions if c.question and c.question.split(".")[0] == p.id]
            self.principles.append(
                (p.id, _getter([c.pos for c in cols]), [c.header for c in cols], len(p.questions), {})
            )
        self.asked = sum(len(p.questions) for p in fw.principles)
        self._depths: dict[tuple[int | None, ...], str] = {}  # depth depends on the levels alone

    def score(self, line: int, row: list[str], pad: bool = False) -> Scored | Rejected:
        """Score one row; a row whose field count differs from the header's is rejected (a workbook's
        short rows, `pad`, are filled with blanks)."""
        n = len(row)
        if any("\x00" in cell for cell in row):
            return Rejected(line, row, "", "the row contains a NUL byte, so it is not plain text")
        if n != self.width:
            if not pad or n > self.width:
                return Rejected(
                    line,
                    row,
                    "",
                    f"the row has {n} field{'s' if n != 1 else ''} but the header has {self.width}"
                    + (" (a line break or another delimiter inside an unquoted cell?)" if n < self.width else ""),
                )
            row = row + [""] * (self.width - n)
        results = []
        answered = 0
        for pid, get, headers, asked, memo in self.principles:
            cells = get(row)
            result = memo.get(cells)
            if result is None:
                scored = self._principle(pid, cells, headers, asked)
                if isinstance(scored, Rejected):
                    return scored._replace(line=line, raw=row[:n])
                result = scored
                if len(memo) < 50_000:  # bounded, so memory stays flat on unusual data
                    memo[cells] = result
            results.append(result)
            answered += result.answered
        levels = tuple(r.level for r in results)
        depth = self._depths.get(levels)
        if depth is None:
            depth = self._depths[levels] = depth_id(dict(zip(PRINCIPLE_IDS, levels)))
        weak = weakest(results, 1)
        return Scored(
            line, list(self.pass_get(row)), tuple(results), depth, weak[0] if weak else None, answered, self.asked
        )

    def _principle(self, pid: str, cells: tuple[str, ...], headers: list[str], asked: int) -> PrincipleScore | Rejected:
        values = []
        for cell, header in zip(cells, headers):
            try:
                value = self.coding.value(cell)
            except BadValue as exc:
                return Rejected(0, [], _short(header), f"{exc} (expected {self.coding.expected}, or blank)")
            if value is not None:
                values.append(value)
        if not values:
            return PrincipleScore(pid, None, None, 0, asked)
        mean = sum(values) / len(values)
        return PrincipleScore(pid, round(mean, 2), level_of(mean), len(values), asked)


def _getter(indexes: list[int]) -> Getter:
    """A function returning a tuple of those cells (itemgetter, which returns a bare value for one)."""
    if not indexes:
        return lambda row: ()
    if len(indexes) == 1:
        i = indexes[0]
        return lambda row: (row[i],)
    return itemgetter(*indexes)  # a tuple for two or more indexes


def _short(text: str, n: int = 40) -> str:
    text = excerpt(" ".join(text.split()), 200)
    return text if len(text) <= n else text[: n - 1] + "…"


# -- opening a file ----------------------------------------------------------------------------------
class ScoreRun:
    """An open survey file: its layout is known, its rows are still to come.

    `rows()` scores every data row in order (the general path); `csv_lines()` gives the fast CSV path what
    it needs. Bad rows go to the `on_reject` callback given to either, which returns True to stop.
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

    @property
    def is_csv(self) -> bool:
        return self.text is not None

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
        yield from self.pending
        if self.text is not None and self.lines is not None:
            yield from records(self.text, self.lines, self.line, self.layout.delimiter)
        elif self.table is not None:
            for i in range(self.line, len(self.table)):
                row = self.table[i]
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
            if not scored & 4095:
                tick()

    def notes_after(self) -> list[str]:
        """Warnings only the whole file could show (said after scoring)."""
        if self.coding.numbered_from_one():
            top = self.coding.values[-1] + 1
            return [
                f"{self.source} has answers of {top} and none of {self.coding.values[0]}: it looks numbered "
                f"from 1; if so, score it again with --values 1-{top} (rows without a {top} were scored a "
                "level too high)."
            ]
        return []


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
                    _open_binary(_BytesReader(data), label) as inner,
                    _csv_run(inner, inner.read(HEAD), label, fw, options, note, matcher, coding) as run,
                ):
                    yield run
                return
        table, sheet = workbook_rows(data, label, options.sheet)
        run = _open_table(table, sheet, label, fw, options, matcher, coding)
        _tell_matches(run, note)
        yield run


class _BytesReader:
    """bytes as a binary stream, made lazily (io.BytesIO would copy nothing, but keep this typed)."""

    def __new__(cls, data: bytes) -> Any:
        import io

        return io.BytesIO(data)


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


def _tell_matches(run: ScoreRun, note: Note) -> None:
    """Name every match that is not exact, and the questions no column answers."""
    contained = [c for c in run.layout.questions if c.how == "contains"]
    if len(contained) > 3:  # a form's prefix on every question: one line, --dry-run has each
        cols = _ranges([c.pos + 1 for c in contained])
        note(
            f"{run.source}: {len(contained)} columns ({cols}, such as '{_short(contained[0].header)}') each hold "
            "one question's text with more around it, and are read as that question; --dry-run lists them."
        )
    else:
        for c in contained:
            note(f"{run.source}: column {c.pos + 1} ('{_short(c.header)}') read as question {c.question}.")
    for c in run.layout.questions:
        if c.how == "near":
            note(
                f"{run.source}: column {c.pos + 1} ('{_short(c.header)}') is worded like question {c.question} "
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


# -- group summaries ---------------------------------------------------------------------------------
class GroupStats:
    """Running count, mean, min and max of each principle's score for one group, in one small array
    (about 250 bytes a group, so 100,000 groups fit in tens of megabytes)."""

    __slots__ = ("count", "name", "stats")

    def __init__(self, name: str):
        self.name = name
        self.count = 0
        # Per principle: answered count, total, lowest, highest (lowest/highest NaN until one is seen).
        self.stats = array("d", [0.0, 0.0, math.nan, math.nan] * len(PRINCIPLE_IDS))

    def add(self, row: Scored) -> None:
        self.count += 1
        stats = self.stats
        for i, s in enumerate(row.scores):
            score = s.score
            if score is None:
                continue
            k = 4 * i
            stats[k] += 1
            stats[k + 1] += score
            if not stats[k + 2] <= score:  # NaN compares false: the first score sets it
                stats[k + 2] = score
            if not stats[k + 3] >= score:
                stats[k + 3] = score

    def summary(self) -> dict[str, Any]:
        """The group's count, and per principle its mean, level, lowest, highest and whether it disagrees."""
        principles = {}
        levels: dict[str, int | None] = {}
        for i, pid in enumerate(PRINCIPLE_IDS):
            n, total, low, high = self.stats[4 * i : 4 * i + 4]
            mean = total / n if n else None
            levels[pid] = None if mean is None else level_of(mean)
            principles[pid] = {
                "mean": None if mean is None else round(mean, 2),
                "level": levels[pid],
                "min": None if mean is None else low,
                "max": None if mean is None else high,
                "responses": int(n),
                "disagree": mean is not None and disagrees([low, high]),
            }
        return {"group": self.name, "count": self.count, "principles": principles, "depth": depth_id(levels)}


def summarise_groups(rows: Iterable[Scored], field: int) -> Iterator[dict[str, Any]]:
    """One summary per value of pass-through field number `field` (case and spacing folded), by name.
    Memory grows with the number of groups only; summaries are built one at a time."""
    groups: dict[str, GroupStats] = {}
    for row in rows:
        name = row.fields[field].strip() if field < len(row.fields) else ""
        key = fold(name)
        stats = groups.get(key)
        if stats is None:
            stats = groups[key] = GroupStats(name)
        stats.add(row)
    for key in sorted(groups):
        yield groups.pop(key).summary()


# -- CSV fields of a scored row ----------------------------------------------------------------------
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise(value: str) -> str:
    """Stop a spreadsheet reading a cell as a formula: prefix a quote to = + - @ tab or CR at the start,
    unless the cell is a plain number such as -2.5."""
    if value and value[0] in FORMULA_START and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def result_columns() -> list[str]:
    cols = []
    for pid in PRINCIPLE_IDS:
        cols += [f"{pid}_score", f"{pid}_level"]
    return [*cols, "coverage", "depth", "weakest"]


def result_cells(row: Scored) -> list[str]:
    """The scores, levels, coverage, depth and weakest principle of a row, as CSV cells."""
    tail = []
    for s in row.scores:
        tail += ["" if s.score is None else f"{s.score:g}", "" if s.level is None else str(s.level)]
    return [*tail, f"{row.answered}/{row.asked}", row.depth, row.weakest or ""]


class CsvOut:
    """Rows as CSV through the csv module (the general path; `fastcsv` handles plain rows). Any field
    holding a CR or LF is quoted, so the output reads back to the same rows."""

    def __init__(self, write: Callable[[str], object], layout: Layout, safe: bool = True):
        self.layout = layout
        self.safe = safe
        self.writer = csv_writer(write)

    def header(self) -> None:
        cells = [c.header for c in self.layout.passthrough]
        # result_columns() are our own names: nothing to neutralise there.
        self.writer.writerow([*([neutralise(c) for c in cells] if self.safe else cells), *result_columns()])

    def write(self, row: Scored) -> None:
        fields = [neutralise(f) for f in row.fields] if self.safe else row.fields
        self.writer.writerow([*fields, *result_cells(row)])


class _LfSink:
    """Hands the csv module's rows on with LF endings. The writer is set to end rows with CRLF so that it
    quotes any field holding a CR or an LF (it quotes only the line terminator's characters)."""

    def __init__(self, write: Callable[[str], object]):
        self._write = write

    def write(self, line: str) -> object:
        return self._write(line[:-2] + "\n")


def csv_writer(write: Callable[[str], object], delimiter: str = ",") -> Any:
    """A csv writer whose rows end with LF and read back to the same fields."""
    return csv.writer(_LfSink(write), delimiter=delimiter, lineterminator="\r\n")


def write_rejects(out: IO[str], layout: Layout, delimiter: str, safe: bool) -> Callable[[Rejected], None]:
    """A function writing each rejected row, unchanged but for formula protection, with its reason."""
    writer = csv_writer(out.write, delimiter or ",")
    header = [c.header for c in layout.columns] + ["coprotool_error"]
    writer.writerow([neutralise(h) for h in header] if safe else header)

    def add(r: Rejected) -> None:
        column = f"{r.column}: " if r.column else ""
        cells = [*r.raw, f"line {r.line}: {column}{r.reason}"]
        writer.writerow([neutralise(c) for c in cells] if safe else cells)

    return add
