"""Batch scoring: coprotool score FILE. Parses options, calls `survey.score_file`, hands rows to writers."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from .common import (
    Commands,
    DataDir,
    catalogue,
    console,
    echo,
    echo_json,
    fail,
    handle_errors,
    print_styled,
    unicode_ok,
)
from .options import (
    CHAR,
    COLUMN,
    ENCODING,
    FILE,
    MAPPING,
    NAME,
    TEXT,
    N,
    argument,
    flag,
    force_flag,
    format_option,
    option,
    output_option,
)
from .signals import SIGNAL_EXIT, Signalled, stop_on_signals

if TYPE_CHECKING:
    from ..model import Framework
    from ..survey import Rejected, Scored, ScoreRequest, ScoreRun

commands = Commands()
MAX_REPORTED = 20  # bad rows described on stderr; the rest are counted (and kept with --rejects)
TABLE_ROWS = 500  # rows a --format table shows
TABLE_GROUPS = 60  # groups a --format table shows


class ScoreFormat(StrEnum):
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    table = "table"


@commands.command(
    examples=[
        ("Score a survey as a table to read", "coprotool score survey.csv --format table"),
        ("Each team's means and spread, as a workbook", "coprotool score survey.csv -g Team -o teams.xlsx"),
    ]
)
@handle_errors
def score(
    file: Annotated[
        str,
        argument(FILE, "A survey export: CSV, .xlsx, .xls, .ods, or a .zip holding one; - reads standard input."),
    ],
    fmt: Annotated[ScoreFormat, format_option(ScoreFormat, "csv")] = ScoreFormat.csv,
    output: Annotated[
        Path | None,
        output_option("Write to this file, atomically; NAME.xlsx writes a workbook"),
    ] = None,
    force: Annotated[bool, force_flag("an --output or --rejects file")] = False,
    group_by: Annotated[
        str | None,
        option(
            "--group-by",
            "-g",
            meta=COLUMN,
            help="Summarise per value of this column (a team, a service): means, spread, disagreement.",
        ),
    ] = None,
    rejects: Annotated[
        Path | None,
        option("--rejects", meta=FILE, help="Write rejected rows here, unchanged, with the reason in an extra column."),
    ] = None,
    strict: Annotated[bool, flag("--strict", help="Stop at the first bad row.")] = False,
    dry_run: Annotated[
        bool, flag("--dry-run", help="Show which column answers which question, and how; score nothing.")
    ] = False,
    column: Annotated[
        list[str] | None,
        option("--column", "-c", meta=MAPPING, help="Map a column: 'HEADER=assets.1' (repeatable)."),
    ] = None,
    values: Annotated[
        str | None, option("--values", meta="0-3|1-4", help="The numbers the file uses for the scale (default: 0-3).")
    ] = None,
    value: Annotated[
        list[str] | None,
        option("--value", meta=MAPPING, help="Map an answer code: 'A1=0' or 'A3=Mostly' (repeatable)."),
    ] = None,
    unanswered: Annotated[
        list[str] | None,
        option(
            "--unanswered",
            meta=TEXT,
            help="Another answer meaning 'not answered' (repeatable); N/A, Don't know and the like already are.",
        ),
    ] = None,
    sheet: Annotated[
        str | None, option("--sheet", meta=NAME, help="The workbook sheet to read (default: the first).")
    ] = None,
    header_row: Annotated[
        int | None,
        option(
            "--header-row",
            meta=N,
            min=1,
            help="The header's row number, as a spreadsheet shows it (default: the first row naming a question).",
        ),
    ] = None,
    delimiter: Annotated[
        str | None, option("--delimiter", "-d", meta=CHAR, help="Field separator (default: detected among , ; tab |).")
    ] = None,
    encoding: Annotated[
        str | None,
        option(
            "--encoding",
            meta=ENCODING,
            help="Text encoding, e.g. cp1252 (default: byte-order mark, UTF-8, else cp1252).",
        ),
    ] = None,
    keep_formulas: Annotated[
        bool,
        flag(
            "--keep-formulas",
            help="Do not neutralise cells that start with = + - @ (for pipelines, not spreadsheets).",
        ),
    ] = False,
    data_dir: DataDir = None,
) -> None:
    """Score every response in a survey export and write one row out per row in.

    Question columns are found by id (assets.1), by the question's text, by a header that contains it, or
    by near wording (each match that is not exact is named); other columns pass through. Values are 0-3 or
    the scale's labels; blank, N/A and Don't know are unanswered. Exit code 0 only when every row scored.
    """
    from ..survey import ReadOptions, ScoreRequest
    from ..survey.coding import parse_codes, parse_values_option
    from ..survey.headers import parse_columns

    if delimiter is not None:
        delimiter = {"\\t": "\t", "tab": "\t"}.get(delimiter, delimiter)
        if len(delimiter) != 1:
            fail("--delimiter takes one character, for example ';' or tab.", 2)
    xlsx = output is not None and output.suffix.lower() == ".xlsx"
    if xlsx and fmt != ScoreFormat.csv:
        fail(f"-o {output} writes a workbook; leave out --format {fmt.value}, or give a .csv, .json name.", 2)
    _refuse_one_file_twice(output, rejects)
    fw = catalogue(data_dir).framework
    options = ReadOptions(
        encoding=encoding,
        delimiter=delimiter,
        sheet=sheet,
        columns=parse_columns(column or [], fw),
        start=parse_values_option(values, fw) if values else None,
        codes=parse_codes(value or [], fw),
        unanswered=tuple(unanswered or ()),
        header_row=header_row,
    )
    job = ScoreJob(ScoreRequest(file, None, options), fmt, output, rejects, force, group_by, strict, dry_run, xlsx)
    with stop_on_signals():
        try:
            _score(job, fw, safe=not keep_formulas)
        except KeyboardInterrupt:
            fail(f"interrupted; {_nothing_written(output, rejects)}", 130)
        except Signalled as exc:
            why = "the terminal closed" if exc.signum == signal.SIGHUP else "terminated"
            fail(f"stopped ({why}); {_nothing_written(output, rejects)}", SIGNAL_EXIT[exc.signum])


@dataclass(frozen=True)
class ScoreJob:
    """What one `coprotool score` run does: the survey to open, and where and how its results go."""

    request: ScoreRequest
    fmt: ScoreFormat
    output: Path | None
    rejects: Path | None
    force: bool
    group_by: str | None
    strict: bool
    dry_run: bool
    xlsx: bool


def _score(job: ScoreJob, fw: Framework, safe: bool) -> None:
    from ..survey import open_survey

    fmt, output, rejects, force, strict = job.fmt, job.output, job.rejects, job.force, job.strict
    source = job.request.label
    counts = {"scored": 0, "rejected": 0}

    def note(text: str) -> None:
        echo(f"coprotool: warning: {text}", err=True)

    with open_survey(job.request, fw, note) as run:
        if job.dry_run:
            _dry_run(run, fw, fmt)
            return
        run.require_questions()
        group_col = _group_column(run, job.group_by) if job.group_by else None
        with (
            _output(output, force, job.xlsx) as out,
            _rejects(rejects, force, run, safe) as keep,
            _progress(run, str(job.request.source)) as tick,
        ):

            def reject(result: Rejected) -> bool:
                counts["rejected"] += 1
                if counts["rejected"] <= MAX_REPORTED:
                    where = f" {result.column}:" if result.column else ""
                    echo(f"{source}:{result.line}:{where} {result.reason}", err=True)
                if keep is not None:
                    keep(result)
                return strict

            try:
                if job.xlsx:
                    _write_xlsx(out, run, reject, tick, group_col, safe, counts)
                elif group_col is None and fmt == ScoreFormat.csv:
                    from ..survey.write import write_csv
                    from ..text import safe_text

                    clean = safe_text if output is None else None  # cells kept exactly in a file
                    counts["scored"] = write_csv(run, out.write, safe, reject, tick, clean)
                else:
                    rows = _counted(run.rows(reject, tick), counts)
                    if group_col is not None:
                        _write_groups(out, fmt, rows, group_col, run, fw, safe)
                    elif fmt == ScoreFormat.table:
                        _table(rows, run, fw, out, counts)
                    else:
                        _write_json(fmt, out, run, rows)
            except OSError as exc:
                if exc.filename is not None or output is None:
                    raise
                from ..errors import CoprotoolError

                raise CoprotoolError(
                    f"Cannot write {output}: {exc.strerror or exc}; check the folder has space "
                    "(any earlier file there is unchanged)."
                ) from None
        for text in run.notes_after():
            note(text)
    scored, rejected = counts["scored"], counts["rejected"]
    more = f" ({rejected - MAX_REPORTED} more not shown)" if rejected > MAX_REPORTED else ""
    kept = f"; they are in {rejects}" if rejects and rejected else ""
    stopped = " (stopped at the first bad row: --strict)" if strict and rejected else ""
    echo(
        f"coprotool: scored {scored} row{'s' if scored != 1 else ''}, rejected {rejected}{more}{kept}{stopped}.",
        err=True,
    )
    if rejected:
        raise typer.Exit(1)


def _nothing_written(output: Path | None, rejects: Path | None) -> str:
    files = [str(p) for p in (output, rejects) if p is not None]
    if not files:
        return "the rows shown so far are all that was scored."
    return f"{' and '.join(files)} {'was' if len(files) == 1 else 'were'} not written (any earlier file is unchanged)."


def _refuse_one_file_twice(output: Path | None, rejects: Path | None) -> None:
    if output is None or rejects is None:
        return
    same = os.path.realpath(output) == os.path.realpath(rejects)
    with contextlib.suppress(OSError):
        same = same or os.path.samefile(output, rejects)
    if same and str(output) not in ("/dev/null",):
        fail(f"-o and --rejects both name {output}; give the rejected rows a file of their own.", 2)


@contextlib.contextmanager
def _output(path: Path | None, force: bool, xlsx: bool) -> Iterator[Any]:
    if path is None:
        yield sys.stdout
        return
    from ..files import AtomicWriter

    with AtomicWriter(path, force) as fh:
        yield fh


@contextlib.contextmanager
def _rejects(path: Path | None, force: bool, run: ScoreRun, safe: bool) -> Iterator[Callable[[Rejected], None] | None]:
    if path is None:
        yield None
        return
    from ..errors import CoprotoolError
    from ..files import AtomicWriter
    from ..survey.write import write_rejects

    with AtomicWriter(path, force) as fh:
        add = write_rejects(fh, run.layout, run.layout.delimiter, safe)

        def keep(result: Rejected) -> None:
            try:
                add(result)
            except OSError as exc:
                raise CoprotoolError(
                    f"Cannot write {path}: {exc.strerror or exc}; check the folder has space "
                    "(any earlier file there is unchanged)."
                ) from None

        yield keep


@contextlib.contextmanager
def _progress(run: ScoreRun, file: str) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr for long CSV files, only when stderr is a terminal."""
    size = os.path.getsize(file) if file != "-" and os.path.isfile(file) else 0
    text = run.text
    if size < 5_000_000 or not sys.stderr.isatty() or text is None:
        yield lambda: None
        return
    from rich.progress import Progress

    with Progress(console=console(stderr=True), transient=True) as bar:
        task = bar.add_task("Scoring", total=size)

        def tick() -> None:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                bar.update(task, completed=text.stream.buffer.tell())

        yield tick


def _counted(rows: Iterator[Scored], counts: dict[str, int]) -> Iterator[Scored]:
    """Pass rows through, counting them in counts['scored']."""
    for row in rows:
        counts["scored"] += 1
        yield row


def _write_json(fmt: ScoreFormat, out: TextIO, run: ScoreRun, rows: Iterator[Scored]) -> None:
    from ..render.survey import JsonLinesOut, JsonOut

    writer = (JsonOut if fmt == ScoreFormat.json else JsonLinesOut)(out, run.layout, out is sys.stdout)
    for row in rows:
        writer.write(row)
    writer.close()


def _write_xlsx(
    out: TextIO,
    run: ScoreRun,
    reject: Callable[[Rejected], bool],
    tick: Callable[[], None],
    group_col: Any,
    safe: bool,
    counts: dict[str, int],
) -> None:
    from ..render.survey import group_cells, group_header, write_xlsx
    from ..survey.groups import summarise_groups

    rows = _counted(run.rows(reject, tick), counts)
    if group_col is not None:
        groups = summarise_groups(rows, run.layout.passthrough.index(group_col))
        data = write_xlsx(group_header(group_col.header), (group_cells(g) for g in groups), "Groups")
    else:
        from ..survey.write import result_columns

        header = [c.header for c in run.layout.passthrough] + result_columns()
        data = write_xlsx(header, (_xlsx_cells(r) for r in rows), "Scores")
    out.flush()
    out.buffer.write(data)  # the atomic writer's file is a text wrapper over a binary file


def _xlsx_cells(row: Scored) -> list[Any]:
    cells: list[Any] = list(row.fields)
    for s in row.scores:
        cells += [s.score, s.level]
    return [*cells, f"{row.answered}/{row.asked}", row.depth, row.weakest or ""]


def _group_column(run: ScoreRun, name: str) -> Any:
    from ..survey import fold

    found = next((c for c in run.layout.passthrough if fold(c.header) == fold(name)), None)
    if found is None:
        names = ", ".join(f"'{c.header}'" for c in run.layout.passthrough) or "none"
        fail(f"{run.source} has no column '{name}' to group by; the columns that are not questions are: {names}.", 2)
    return found


def _write_groups(
    out: TextIO, fmt: ScoreFormat, rows: Iterator[Scored], group_col: Any, run: ScoreRun, fw: Framework, safe: bool
) -> None:
    from ..render.survey import group_csv, groups_table
    from ..survey.groups import summarise_groups

    groups = summarise_groups(rows, run.layout.passthrough.index(group_col))
    if fmt == ScoreFormat.csv:
        from ..text import safe_text

        group_csv(out, groups, group_col.header, safe, safe_text if out is sys.stdout else None)
    elif fmt == ScoreFormat.json:
        first = True
        out.write("[")
        for g in groups:
            out.write(("\n" if first else ",\n") + json.dumps(g, indent=2, ensure_ascii=False))
            first = False
        out.write("\n]\n" if not first else "]\n")
    elif fmt == ScoreFormat.jsonl:
        for g in groups:
            out.write(json.dumps(g, ensure_ascii=False) + "\n")
    else:
        shown = list(islice(groups, TABLE_GROUPS))  # a table is for reading: a few dozen groups at most
        more = sum(1 for _ in groups)
        c = _console_for(out)
        c.print(groups_table(shown, fw, unicode_ok(c.file), group_col.header, c.width), end="", soft_wrap=True)
        if more:
            echo(
                f"coprotool: the table shows the first {len(shown)} groups of {len(shown) + more}; use "
                "--format csv or json for all of them.",
                err=True,
            )


def _table(rows: Iterator[Scored], run: ScoreRun, fw: Framework, out: TextIO, counts: dict[str, int]) -> None:
    from ..render.survey import rows_table

    shown = list(islice(rows, TABLE_ROWS))  # a table is for reading: keep memory flat
    c = _console_for(out)
    c.print(rows_table(shown, run.layout, fw, unicode_ok(c.file), c.width), end="", soft_wrap=True)
    for _ in rows:  # the rest are still checked and counted
        pass
    if counts["scored"] > len(shown):
        echo(
            f"coprotool: the table shows the first {len(shown)} rows of {counts['scored']}; use --format csv "
            "or --group-by for all of them.",
            err=True,
        )


def _console_for(out: TextIO) -> Any:
    if out is sys.stdout:
        return console()
    return console(file=out, width=120)


def _dry_run(run: ScoreRun, fw: Framework, fmt: ScoreFormat) -> None:
    layout = run.layout
    if fmt in (ScoreFormat.json, ScoreFormat.jsonl):
        data = layout.as_dict()
        for c, entry in zip(layout.columns, data["columns"]):
            if not c.question:
                entry["nearest"] = [{"question": q, "alike": round(s)} for q, s in run.nearest(c.header)]
        echo_json(data)
        return
    texts = {q.id: q.text for q in fw.questions}
    where = f"sheet '{run.sheet}'" if run.sheet else f"delimiter {layout.delimiter!r}"
    title = f"{run.source}: {where}; header rows: {layout.header_rows}"
    how = {
        "id": "by id",
        "text": "by text",
        "name": "by its id written another way",
        "path": "by a group path",
        "contains": "contains the text",
        "near": "near wording",
        "--column": "--column",
    }
    rows = []
    for c in layout.columns:
        if c.question:
            wording = f": {texts[c.question]}" if c.how in ("near", "contains") else ""
            target = f"{c.question} ({how[c.how]}){wording}"
        else:
            near = [f"{q} {s:.0f}%" for q, s in run.nearest(c.header) if s >= 50]
            target = "not a question: passed through" + (f" (nearest: {', '.join(near)})" if near else "")
        rows.append((c.pos + 1, c.header, target))
    from ..render.survey import mapping_view

    print_styled(lambda width, unicode: mapping_view(title, rows, width))
    if not layout.questions:
        echo("No column answers a question: map them with --column 'HEADER=assets.1'.")
    elif layout.missing:
        echo(f"Questions with no column (counted as unanswered): {', '.join(layout.missing)}")
    else:
        echo("Every question has a column.")
