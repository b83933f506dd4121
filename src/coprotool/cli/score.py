"""coprotool score FILE: parses the options into a `ScoreRequest`, calls `survey.score_survey` (which reads,
scores and writes), and hands its notices and summary to render/survey.py."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from .. import i18n
from ..i18n import N_, _
from .common import (
    Commands,
    DataDir,
    catalogue,
    console,
    each_language,
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
    Lang,
    N,
    argument,
    flag,
    force_flag,
    format_option,
    lang_option,
    option,
    output_option,
)
from .signals import SIGNAL_EXIT, Signalled, stop_on_signals

if TYPE_CHECKING:
    from ..model import Framework
    from ..survey import Notice, ScoreSummary, TableView

commands = Commands()


class ScoreFormat(StrEnum):
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    table = "table"


@commands.command(
    examples=[
        (N_("Score a survey as a table to read"), "coprotool score survey.csv --format table"),
        (N_("Each team's means and spread, as a workbook"), "coprotool score survey.csv -g Team -o teams.xlsx"),
    ],
    help=N_(
        "Score every response in a survey export and write one row out per row in.\n\n"
        "Question columns are found by id (assets.1), by the question's text, by a header that "
        "contains it, or by near wording (each match that is not exact is named); other "
        "columns pass through. Values are 0-3 or the scale's labels; blank, N/A and Don't know "
        "are unanswered. Exit code 0 only when every row scored."
    ),
)
@handle_errors
def score(
    file: Annotated[
        str,
        argument(FILE, N_("A survey export: CSV, .xlsx, .xls, .ods, or a .zip holding one; - reads standard input.")),
    ],
    fmt: Annotated[ScoreFormat, format_option(ScoreFormat, "csv")] = ScoreFormat.csv,
    output: Annotated[
        Path | None,
        output_option(N_("Write to this file, atomically; NAME.xlsx writes a workbook")),
    ] = None,
    force: Annotated[bool, force_flag(N_("an --output or --rejects file"))] = False,
    group_by: Annotated[
        str | None,
        option(
            "--group-by",
            "-g",
            meta=COLUMN,
            help=N_("Summarise per value of this column (a team, a service): means, spread, disagreement."),
        ),
    ] = None,
    rejects: Annotated[
        Path | None,
        option(
            "--rejects", meta=FILE, help=N_("Write rejected rows here, unchanged, with the reason in an extra column.")
        ),
    ] = None,
    strict: Annotated[bool, flag("--strict", help=N_("Stop at the first bad row."))] = False,
    dry_run: Annotated[
        bool, flag("--dry-run", help=N_("Show which column answers which question, and how; score nothing."))
    ] = False,
    column: Annotated[
        list[str] | None,
        option("--column", "-c", meta=MAPPING, help=N_("Map a column: 'HEADER=assets.1' (repeatable).")),
    ] = None,
    values: Annotated[
        str | None,
        option("--values", meta="0-3|1-4", help=N_("The numbers the file uses for the scale (default: 0-3).")),
    ] = None,
    value: Annotated[
        list[str] | None,
        option("--value", meta=MAPPING, help=N_("Map an answer code: 'A1=0' or 'A3=Mostly' (repeatable).")),
    ] = None,
    unanswered: Annotated[
        list[str] | None,
        option(
            "--unanswered",
            meta=TEXT,
            help=N_("Another answer meaning 'not answered' (repeatable); N/A, Don't know and the like already are."),
        ),
    ] = None,
    sheet: Annotated[
        str | None, option("--sheet", meta=NAME, help=N_("The workbook sheet to read (default: the first)."))
    ] = None,
    header_row: Annotated[
        int | None,
        option(
            "--header-row",
            meta=N,
            min=1,
            help=N_("The header's row number, as a spreadsheet shows it (default: the first row naming a question)."),
        ),
    ] = None,
    delimiter: Annotated[
        str | None,
        option("--delimiter", "-d", meta=CHAR, help=N_("Field separator (default: detected among , ; tab |).")),
    ] = None,
    encoding: Annotated[
        str | None,
        option(
            "--encoding",
            meta=ENCODING,
            help=N_("Text encoding, e.g. cp1252 (default: byte-order mark, UTF-8, else cp1252)."),
        ),
    ] = None,
    keep_formulas: Annotated[
        bool,
        flag(
            "--keep-formulas",
            help=N_("Do not neutralise cells that start with = + - @ (for pipelines, not spreadsheets)."),
        ),
    ] = False,
    lang: Annotated[
        Lang, lang_option(N_("The language of messages, tables and hints (never of CSV or JSON)"))
    ] = Lang.en,
    data_dir: DataDir = None,
) -> None:
    from ..render.survey import stopped_text
    from ..survey import Hooks, OutputOptions, ReadOptions, ScoreRequest, check_request, score_survey
    from ..survey.coding import parse_codes, parse_values_option
    from ..survey.headers import parse_columns

    i18n.choose(lang)  # messages, hints and tables for people; the machine outputs are the same in every language
    out = OutputOptions(output, fmt.value, rejects, force, group_by, strict, dry_run, safe=not keep_formulas)
    delimiter = {"\\t": "\t", "tab": "\t"}.get(delimiter, delimiter) if delimiter else delimiter
    check_request(delimiter, out)  # options that cannot go together, before the catalogue is loaded
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
    hooks = Hooks(tell=_tell, show=lambda view, to: _show(view, to, fw), progress=_progress)
    with stop_on_signals():
        try:
            summary = score_survey(ScoreRequest(file, None, options, out), fw, hooks)
        except KeyboardInterrupt:
            fail(stopped_text(None, out), 130)
        except Signalled as exc:
            fail(stopped_text(exc.signum, out), SIGNAL_EXIT[exc.signum])
    _finish(summary, fmt, fw)


def _finish(summary: ScoreSummary, fmt: ScoreFormat, fw: Framework) -> None:
    """The summary for people: --dry-run's mapping on stdout, else the closing line on stderr (exit 1 when a
    row was rejected)."""
    from ..render.survey import mapping_dict, mapping_end, mapping_text, summary_text

    mapping = summary.mapping
    if mapping is not None:
        if fmt in (ScoreFormat.json, ScoreFormat.jsonl):
            echo_json(mapping_dict(mapping))
            return
        for _lang in each_language():
            print_styled(lambda width, unicode: mapping_text(mapping, fw, width))
            echo(mapping_end(mapping))
        return
    echo(summary_text(summary), err=True)
    if summary.rejected:
        raise typer.Exit(1)


def _tell(notice: Notice) -> None:
    from ..render.survey import notice_text

    echo(notice_text(notice), err=True)


def _show(view: TableView, to: TextIO | None, fw: Framework) -> None:
    """A table for people: on the terminal, or plain at 120 columns into the output file."""
    from ..render.survey import groups_table, rows_table

    c = console() if to is None else console(file=to, width=120)
    for _lang in each_language(c.print):
        if view.groups is not None:
            table = groups_table(view.groups, fw, unicode_ok(c.file), view.group_column, c.width)
        else:
            table = rows_table(view.rows, view.layout, fw, unicode_ok(c.file), c.width)
        c.print(table, end="", soft_wrap=True)


@contextlib.contextmanager
def _progress(size: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr for a long CSV file (`size` bytes), only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield lambda done: None
        return
    from rich.progress import Progress

    with Progress(console=console(stderr=True), transient=True) as bar:
        task = bar.add_task(_("Scoring"), total=size)
        yield lambda done: bar.update(task, completed=done)
