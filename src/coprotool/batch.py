"""Batch scoring of survey responses from CSV: column mapping, streaming scoring, group summaries.

Plain functions and iterators over text streams; no printing. Rows stream through, so memory stays
flat however long the file. Answers repeat a great deal, so each principle's scoring is memoised on
the raw cells it reads: most rows cost a few dictionary look-ups.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from operator import itemgetter
from typing import NamedTuple, TextIO

from .errors import InputError
from .model import PRINCIPLE_IDS, Framework
from .scoring import BadValue, depth_id, disagrees, expected, label_index, level_of, parse_value

DELIMITERS = (",", ";", "\t", "|")
SUB_HEADER_WORDS = {"response", "open-ended response", "open ended response"}
_PUNCT_END = re.compile(r"[\s?.:!*]+$")
_SPACE = re.compile(r"\s+")
_BRACKET = re.compile(r"\[([^\[\]]+)\]\s*$")


def fold(text: str) -> str:
    """A header as matched: case, spacing and trailing punctuation ignored."""
    return _PUNCT_END.sub("", _SPACE.sub(" ", text.strip().lower()))


class Column(NamedTuple):
    index: int
    header: str
    question: str | None  # question id, or None for a pass-through column


class Layout(NamedTuple):
    """How a file's columns map to questions."""

    columns: tuple[Column, ...]
    header_rows: int  # 1, or 2 with a SurveyMonkey sub-label row
    delimiter: str
    missing: tuple[str, ...]  # question ids no column answers

    @property
    def questions(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.question)

    @property
    def passthrough(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if not c.question)

    def as_dict(self) -> dict:
        return {
            "delimiter": self.delimiter,
            "header_rows": self.header_rows,
            "columns": [{"column": c.index + 1, "header": c.header, "question": c.question} for c in self.columns],
            "missing_questions": list(self.missing),
        }


def question_index(fw: Framework) -> dict[str, str]:
    """Folded question ids and texts to question ids; a question's former (0.1) wording and its plain
    version match too, so headers made from older templates or plain-language forms still score."""
    index = {}
    for q in fw.questions:
        index[fold(q.id)] = q.id
        for text in (q.former_text, q.plain, q.text):
            if text:
                index[fold(text)] = q.id
    return index


def match_header(cell: str, index: dict[str, str]) -> str | None:
    """The question a header names: by id, by text, or Google Forms' 'Section [question text]'."""
    key = fold(cell)
    if key in index:
        return index[key]
    bracket = _BRACKET.search(cell)
    if bracket:
        return index.get(fold(bracket.group(1)))
    return None


def detect_layout(
    fw: Framework, first: list[str], second: list[str] | None, delimiter: str, source: str = "input"
) -> Layout:
    """Map header cells to questions; a second row of sub-labels (SurveyMonkey) is used when present."""
    index = question_index(fw)
    sub = second is not None and _is_sub_header(second, index)
    columns = []
    for i, cell in enumerate(first):
        below = second[i] if sub and i < len(second) else ""
        qid = match_header(cell, index) or (match_header(below, index) if below else None)
        header = cell.strip() or below.strip() or f"column {i + 1}"
        columns.append(Column(i, header, qid))
    seen: dict[str, Column] = {}
    for c in columns:
        if c.question in seen:
            first_col = seen[c.question]
            raise InputError(
                f"{source}: columns {first_col.index + 1} ('{_short(first_col.header)}') and {c.index + 1} "
                f"('{_short(c.header)}') both answer question {c.question}; remove or rename one of them."
            )
        if c.question:
            seen[c.question] = c
    missing = tuple(q.id for q in fw.questions if q.id not in seen)
    return Layout(tuple(columns), 2 if sub else 1, delimiter, missing)


def _is_sub_header(row: list[str], index: dict[str, str]) -> bool:
    cells = [fold(c) for c in row if c.strip()]
    return bool(cells) and any(c in SUB_HEADER_WORDS or c in index for c in cells)


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def sniff_delimiter(fw: Framework, header_line: str) -> str:
    """The delimiter that turns the header into the most question columns (then the most columns)."""
    index = question_index(fw)
    best, best_key = ",", (-1, -1)
    for d in DELIMITERS:
        cells = next(csv.reader([header_line], delimiter=d), [])
        key = (sum(match_header(c, index) is not None for c in cells), len(cells))
        if key > best_key:
            best, best_key = d, key
    return best


# -- scoring ---------------------------------------------------------------------------------------
class Scored(NamedTuple):
    line: int
    fields: list[str]  # pass-through values, in column order
    scores: tuple  # per principle: (score or None, level or None, answered, asked)
    depth: str
    weakest: str | None
    answered: int
    asked: int


class Rejected(NamedTuple):
    line: int
    raw: list[str]  # the row exactly as read
    column: str
    reason: str


class RowScorer:
    """Scores raw rows for a layout, memoising each principle's result on its raw cells."""

    def __init__(self, fw: Framework, layout: Layout):
        self.fw = fw
        self.layout = layout
        self.width = len(layout.columns)
        self.labels = label_index(fw)
        self.expected = expected(fw)
        self.pass_get = _getter([c.index for c in layout.passthrough])
        by_principle = []
        for p in fw.principles:
            cols = [c for c in layout.questions if c.question.split(".")[0] == p.id]
            by_principle.append((p.id, [c.index for c in cols], [c.header for c in cols], len(p.questions)))
        self.principles = [(pid, _getter(idx), headers, asked, {}) for pid, idx, headers, asked in by_principle]
        self.asked = sum(len(p.questions) for p in fw.principles)
        self._depths: dict[tuple, str] = {}  # depth depends on the levels alone

    def score(self, line: int, row: list[str]) -> Scored | Rejected:
        n = len(row)
        if any("\x00" in cell for cell in row):
            return Rejected(line, row, "", "the row contains a NUL byte, so it is not plain text")
        if n != self.width:
            if n > self.width:
                return Rejected(line, row, "", f"the row has {n} fields but the header has {self.width}")
            row = row + [""] * (self.width - n)  # trailing empty cells left off: unanswered
        results = []
        answered = 0
        for _pid, get, headers, asked, memo in self.principles:
            cells = get(row)
            result = memo.get(cells)
            if result is None:
                result = self._principle(cells, headers, asked)
                if isinstance(result, Rejected):
                    return result._replace(line=line, raw=row[:n])
                if len(memo) < 50_000:  # bounded, so memory stays flat on unusual data
                    memo[cells] = result
            results.append(result)
            answered += result[2]
        levels = tuple(r[1] for r in results)
        depth = self._depths.get(levels)
        if depth is None:
            depth = self._depths[levels] = depth_id(dict(zip(PRINCIPLE_IDS, levels)))
        return Scored(line, self.pass_get(row), tuple(results), depth, _weakest(results), answered, self.asked)

    def _principle(self, cells: tuple, headers: list[str], asked: int):
        values = []
        for cell, header in zip(cells, headers):
            try:
                value = parse_value(cell, self.labels)
            except BadValue as exc:
                return Rejected(0, [], header, f"{exc} (expected {self.expected}, or blank)")
            if value is not None:
                values.append(value)
        if not values:
            return (None, None, 0, asked)
        mean = sum(values) / len(values)
        return (round(mean, 2), level_of(mean), len(values), asked)


def _getter(indexes: list[int]):
    """A function returning a tuple of those cells (itemgetter, which returns a bare value for one)."""
    if not indexes:
        return lambda row: ()
    if len(indexes) == 1:
        i = indexes[0]
        return lambda row: (row[i],)
    return itemgetter(*indexes)


def _weakest(results: list) -> str | None:
    assessed = [(r[0], i) for i, r in enumerate(results) if r[0] is not None]
    return PRINCIPLE_IDS[min(assessed)[1]] if assessed else None


class Table:
    """A CSV stream whose header has been read: its layout, and its data rows still to come."""

    def __init__(self, stream: TextIO, layout: Layout, pending: list[tuple[int, list[str]]], line: int):
        self.stream = stream  # positioned after the header row(s) and any pending row
        self.layout = layout
        self.pending = pending  # data rows already read while looking at the header
        self.line = line  # physical lines consumed so far

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(line number, fields) for every data row; blank lines are skipped."""
        yield from self.pending
        reader = csv.reader(self.stream, delimiter=self.layout.delimiter)
        line = self.line
        for row in reader:
            if row:
                yield line + 1, row
            line = self.line + reader.line_num


def read_table(stream: TextIO, fw: Framework, delimiter: str | None = None, source: str = "input") -> Table:
    """Read a CSV stream's header row(s), find its delimiter and map its columns to questions."""
    first_line = stream.readline()
    if not first_line.strip():
        raise InputError(f"{source} is empty; expected a header row and one row per response.")
    if "\x00" in first_line:
        raise InputError(
            f"{source} contains NUL bytes, so it is not a plain-text CSV (a spreadsheet file, or "
            "UTF-16 text); save it as 'CSV UTF-8', or try --encoding utf-16."
        )
    delim = delimiter or sniff_delimiter(fw, first_line)
    # itertools.chain, not a generator with 'yield from': closing that would close the file too.
    reader = csv.reader(chain((first_line,), stream), delimiter=delim)
    header = next(reader)
    start = reader.line_num
    second = next(reader, None)
    layout = detect_layout(fw, header, second, delim, source)
    if not layout.questions:
        raise InputError(
            f"{source}: no column matches a question (by id such as assets.1, or by the question's "
            "text); see 'coprotool template --format csv' for the headers, or use --dry-run."
        )
    pending = [(start + 1, second)] if second and layout.header_rows == 1 else []
    return Table(stream, layout, pending, reader.line_num)


def score_rows(
    table: Table, scorer: RowScorer, on_reject: Callable[[Rejected], bool], tick: Callable[[], None] = lambda: None
) -> Iterator[Scored]:
    """The scored rows of a table, in order (the general path). Each bad row goes to `on_reject`, which
    returns True to stop there."""
    scored = 0
    for line, row in table.rows():
        result = scorer.score(line, row)
        if isinstance(result, Rejected):
            if on_reject(result):
                return
            continue
        yield result
        scored += 1
        if not scored & 4095:
            tick()


# -- group summaries -------------------------------------------------------------------------------


class GroupStats:
    """Running count, mean, min and max of each principle's score for one group (constant memory)."""

    def __init__(self, name: str):
        self.name = name
        self.count = 0
        self.n = [0] * len(PRINCIPLE_IDS)
        self.total = [0.0] * len(PRINCIPLE_IDS)
        self.low: list[float | None] = [None] * len(PRINCIPLE_IDS)
        self.high: list[float | None] = [None] * len(PRINCIPLE_IDS)

    def add(self, row: Scored) -> None:
        self.count += 1
        for i, (score, _level, _a, _b) in enumerate(row.scores):
            if score is None:
                continue
            self.n[i] += 1
            self.total[i] += score
            self.low[i] = score if self.low[i] is None else min(self.low[i], score)
            self.high[i] = score if self.high[i] is None else max(self.high[i], score)

    def summary(self) -> dict:
        """The group's count, and per principle its mean, level, lowest, highest and whether it disagrees."""
        principles = {}
        levels = {}
        for i, pid in enumerate(PRINCIPLE_IDS):
            mean = self.total[i] / self.n[i] if self.n[i] else None
            levels[pid] = None if mean is None else level_of(mean)
            principles[pid] = {
                "mean": None if mean is None else round(mean, 2),
                "level": levels[pid],
                "min": self.low[i],
                "max": self.high[i],
                "responses": self.n[i],
                "disagree": mean is not None and disagrees([self.low[i], self.high[i]]),
            }
        return {"group": self.name, "count": self.count, "principles": principles, "depth": depth_id(levels)}


def summarise_groups(rows: Iterable[Scored], field: int) -> list[dict]:
    """One summary per value of pass-through field number `field` (case and spacing folded), by name."""
    groups: dict[str, GroupStats] = {}
    for row in rows:
        name = row.fields[field].strip() if field < len(row.fields) else ""
        stats = groups.get(fold(name))
        if stats is None:
            stats = groups[fold(name)] = GroupStats(name)
        stats.add(row)
    return [g.summary() for g in sorted(groups.values(), key=lambda g: fold(g.name))]


# -- CSV fields of a scored row ----------------------------------------------------------------------
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """Stop a spreadsheet reading a cell as a formula: prefix a quote to = + - @ tab or CR at the start."""
    return "'" + value if value and value[0] in FORMULA_START else value


def result_columns() -> list[str]:
    cols = []
    for pid in PRINCIPLE_IDS:
        cols += [f"{pid}_score", f"{pid}_level"]
    return [*cols, "coverage", "depth", "weakest"]


class CsvOut:
    """Rows as CSV through the csv module (the general path; `fastcsv` handles plain rows)."""

    def __init__(self, out: TextIO | None, layout: Layout, safe: bool = True):
        self.layout = layout
        self.safe = safe
        self.writer = csv.writer(out, lineterminator="\n") if out is not None else None

    def bind(self, write) -> None:
        """Send rows to a write function (a file's write, or a list's append)."""
        sink = type("Sink", (), {})()
        sink.write = write
        self.writer = csv.writer(sink, lineterminator="\n")

    def header(self) -> None:
        self.writer.writerow([c.header for c in self.layout.passthrough] + result_columns())

    def write(self, row: Scored) -> None:
        tail = []
        for score, level, _a, _b in row.scores:
            tail += ["" if score is None else f"{score:g}", "" if level is None else str(level)]
        tail += [f"{row.answered}/{row.asked}", row.depth, row.weakest or ""]
        fields = [neutralise(f) for f in row.fields] if self.safe else list(row.fields)
        self.writer.writerow(fields + tail)
