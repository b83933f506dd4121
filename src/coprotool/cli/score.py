"""Batch scoring: coprotool score FILE."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import sys
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import Annotated

import typer

from .common import Commands, DataDir, catalogue, console, echo, echo_json, fail, handle_errors, unicode_ok

commands = Commands()
MAX_REPORTED = 20  # bad rows described on stderr; the rest are counted (and kept with --rejects)
TABLE_ROWS = 500  # rows a --format table shows


class ScoreFormat(StrEnum):
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    table = "table"


@commands.command()
@handle_errors
def score(
    file: Annotated[str, typer.Argument(help="A CSV of responses, one row each; - reads standard input.")],
    fmt: Annotated[
        ScoreFormat, typer.Option("--format", "-f", help="csv, json, jsonl, or table for people.")
    ] = ScoreFormat.csv,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here (atomically) instead of standard output.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace --output/--rejects files that exist.")] = False,
    group_by: Annotated[
        str | None,
        typer.Option(
            "--group-by",
            "-g",
            help="Summarise per value of this column (a team, a service): means, spread, disagreement.",
        ),
    ] = None,
    rejects: Annotated[
        Path | None,
        typer.Option("--rejects", help="Write rejected rows here, unchanged, with the reason in an extra column."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first bad row.")] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show which column answers which question; score nothing.")
    ] = False,
    delimiter: Annotated[
        str | None, typer.Option("--delimiter", "-d", help="Field separator (default: detected among , ; tab |).")
    ] = None,
    encoding: Annotated[str, typer.Option("--encoding", help="Text encoding of the file, e.g. cp1252.")] = "utf-8",
    keep_formulas: Annotated[
        bool,
        typer.Option(
            "--keep-formulas",
            help="Do not neutralise pass-through cells that start with = + - @ (for pipelines, not spreadsheets).",
        ),
    ] = False,
    data_dir: DataDir = None,
) -> None:
    """Score every response in a CSV (a form export or a survey) and write one row out per row in.

    Question columns are found by id (assets.1) or by the question's text; other columns pass through.
    Values are 0-3 or the scale's labels; blank is unanswered. Exit code 0 only when every row scored.
    """
    from ..batch import Rejected, RowScorer, read_table, score_rows, summarise_groups

    if delimiter is not None:
        delimiter = {"\\t": "\t", "tab": "\t"}.get(delimiter, delimiter)
        if len(delimiter) != 1:
            fail("--delimiter takes one character, for example ';' or tab.", 2)
    fw = catalogue(data_dir).framework
    source = "stdin" if file == "-" else file
    counts = {"scored": 0, "rejected": 0}
    with _open_input(file, encoding) as stream, _reading(source, encoding):
        table = read_table(stream, fw, delimiter, source)
        layout = table.layout
        if dry_run:
            _dry_run(layout, fw, fmt)
            return
        if layout.missing:
            echo(
                f"coprotool: warning: {source} has no column for {len(layout.missing)} question(s): "
                f"{', '.join(layout.missing)}; they count as unanswered.",
                err=True,
            )
        group_col = _group_column(layout, group_by, source) if group_by else None
        scorer = RowScorer(fw, layout)
        with _output(output, force) as out, _rejects(rejects, force, layout) as bad, _progress(stream, file) as tick:

            def reject(result: Rejected) -> bool:
                counts["rejected"] += 1
                if counts["rejected"] <= MAX_REPORTED:
                    where = f" {result.column}:" if result.column else ""
                    echo(f"{source}:{result.line}:{where} {result.reason}", err=True)
                if bad is not None:
                    column = f"{result.column}: " if result.column else ""
                    bad.writerow([*result.raw, f"line {result.line}: {column}{result.reason}"])
                return strict

            if fmt == ScoreFormat.csv and group_col is None:
                from ..fastcsv import run_csv

                counts["scored"] = run_csv(
                    table, scorer, out, not keep_formulas, reject, tick, workers=1 if strict else _workers(file)
                )
            else:
                rows = _counted(score_rows(table, scorer, reject, tick), counts)
                if group_col is not None:
                    groups = summarise_groups(rows, layout.passthrough.index(group_col))
                    _write_groups(out, fmt, groups, fw, group_col.header, not keep_formulas)
                elif fmt == ScoreFormat.table:
                    shown = list(islice(rows, TABLE_ROWS))  # a table is for reading: keep memory flat
                    _print_table(shown, layout, fw, out)
                    for _ in rows:  # the rest are still checked and counted
                        pass
                    if counts["scored"] > len(shown):
                        echo(
                            f"coprotool: the table shows the first {len(shown)} rows of "
                            f"{counts['scored']}; use --format csv or --group-by for all of them.",
                            err=True,
                        )
                else:
                    writer = _writer(fmt, out, layout)
                    for row in rows:
                        writer.write(row)
                    writer.close()
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


@contextlib.contextmanager
def _open_input(file: str, encoding: str):
    import codecs

    try:
        codecs.lookup(encoding)
    except LookupError:
        fail(f"'{encoding}' is not a text encoding Python knows; try utf-8 or cp1252.", 2)
    enc = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    if file == "-":
        buffer = getattr(sys.stdin, "buffer", None)
        stream = io.TextIOWrapper(buffer, encoding=enc, newline="") if buffer else sys.stdin
        yield stream
        return
    path = Path(file)
    try:
        stream = open(path, encoding=enc, newline="")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        fail(f"{file} does not exist; check the path.", 1)
    except IsADirectoryError:
        fail(f"{file} is a folder, not a CSV file.", 1)
    except OSError as exc:
        fail(f"{file} cannot be read ({exc.strerror or exc}).", 1)
    with stream:
        yield stream


@contextlib.contextmanager
def _reading(source: str, encoding: str):
    """Turn decoding and CSV syntax errors, wherever they surface, into one sentence."""
    try:
        yield
    except UnicodeDecodeError as exc:
        if exc.object[:2] in (b"\xff\xfe", b"\xfe\xff"):
            fail(f"{source} is UTF-16 text, not {encoding}; use --encoding utf-16.", 1)
        fail(
            f"{source} is not {encoding} text (byte 0x{exc.object[exc.start]:02x}); if it came from Excel on "
            "Windows, try --encoding cp1252.",
            1,
        )
    except csv.Error as exc:
        text = str(exc)
        if "field larger than field limit" in text:
            text = f"a field is longer than {csv.field_size_limit()} characters"
        fail(f"{source}: {text}; check the file is a CSV export.", 1)


@contextlib.contextmanager
def _output(path: Path | None, force: bool):
    if path is None:
        yield sys.stdout
        return
    from ..files import AtomicWriter

    with AtomicWriter(path, force) as fh:
        yield fh


@contextlib.contextmanager
def _rejects(path: Path | None, force: bool, layout):
    if path is None:
        yield None
        return
    from ..files import AtomicWriter

    with AtomicWriter(path, force) as fh:
        writer = csv.writer(fh, delimiter=layout.delimiter, lineterminator="\n")
        writer.writerow([c.header for c in layout.columns] + ["coprotool_error"])
        yield writer


@contextlib.contextmanager
def _progress(stream, file: str):
    """A progress bar on stderr for long files, only when stderr is a terminal."""
    if _size(file) < 5_000_000 or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.progress import Progress

    with Progress(console=console(stderr=True), transient=True) as bar:
        task = bar.add_task("Scoring", total=_size(file))

        def tick() -> None:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                bar.update(task, completed=stream.buffer.tell())

        yield tick


def _counted(rows, counts: dict):
    """Pass rows through, counting them in counts['scored']."""
    for row in rows:
        counts["scored"] += 1
        yield row


def _workers(file: str) -> int:
    """Processes to score with: all the CPUs for a large file, one for a small one (or stdin)."""
    env = os.environ.get("COPROTOOL_WORKERS")
    if env and env.isdigit():
        return max(1, int(env))
    return min(os.cpu_count() or 1, 8) if _size(file) > 4_000_000 else 1


def _size(file: str) -> int:
    """The input's size in bytes, or 0 for standard input or anything that is not a plain file."""
    return os.path.getsize(file) if file != "-" and os.path.isfile(file) else 0


def _writer(fmt, out, layout):
    """The streaming writer for json or jsonl (csv takes the fast path; a table is printed at the end)."""
    from ..render.batch import JsonLinesOut, JsonOut

    return (JsonOut if fmt == ScoreFormat.json else JsonLinesOut)(out, layout)


def _group_column(layout, name: str, source: str):
    from ..batch import fold

    for c in layout.passthrough:
        if fold(c.header) == fold(name):
            return c
    names = ", ".join(f"'{c.header}'" for c in layout.passthrough) or "none"
    fail(f"{source} has no column '{name}' to group by; the columns that are not questions are: {names}.", 2)
    return None


def _write_groups(out, fmt, groups, fw, column: str, safe: bool) -> None:
    from ..render.batch import group_csv, groups_table

    if fmt == ScoreFormat.csv:
        group_csv(out, groups, column, safe)
    elif fmt == ScoreFormat.json:
        out.write(json.dumps(groups, indent=2, ensure_ascii=False) + "\n")
    elif fmt == ScoreFormat.jsonl:
        for g in groups:
            out.write(json.dumps(g, ensure_ascii=False) + "\n")
    else:
        c = _console_for(out)
        c.print(groups_table(groups, fw, unicode_ok(c.file), column, c.width))


def _print_table(rows, layout, fw, out) -> None:
    from ..render.batch import rows_table

    c = _console_for(out)
    c.print(rows_table(rows, layout, fw, unicode_ok(c.file)))


def _console_for(out):
    if out is sys.stdout:
        return console()
    from rich.console import Console

    return Console(file=out, width=120, color_system=None)


def _dry_run(layout, fw, fmt) -> None:
    if fmt in (ScoreFormat.json, ScoreFormat.jsonl):
        echo_json(layout.as_dict())
        return
    texts = {q.id: q.text for q in fw.questions}
    echo(f"Delimiter: {layout.delimiter!r}; header rows: {layout.header_rows}")
    for c in layout.columns:
        target = f"-> {c.question}  {texts[c.question][:50]}" if c.question else "   (not a question: passed through)"
        echo(f"  {c.index + 1:>3}  {c.header[:40]:<40} {target}")
    if layout.missing:
        echo(f"Questions with no column (counted as unanswered): {', '.join(layout.missing)}")
    else:
        echo("Every question has a column.")
