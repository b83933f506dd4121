"""One whole scoring run as a library call: `score_survey` opens a survey file, scores every row, writes
the chosen output atomically and returns what happened as data (`ScoreSummary`).

Nothing here prints. Each notice (a note about the file, a rejected row, a table cut short) goes to the
caller's `Hooks.tell` as it happens and is kept in the summary; a table for people is drawn by the
caller's `Hooks.show`; progress is reported to `Hooks.progress`.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Literal, NamedTuple, TextIO

from ..errors import CoprotoolError, InputError
from ..i18n import _
from ..model import Framework
from .headers import Column, Layout, fold
from .open import OutputOptions, ScoreRequest, ScoreRun, open_survey
from .rows import Rejected, Scored

MAX_REPORTED = 20  # bad rows described as notices; the rest are counted (and kept with --rejects)
TABLE_ROWS = 500  # rows a table for people shows
TABLE_GROUPS = 60  # groups a table for people shows
PROGRESS_FROM = 5_000_000  # bytes of CSV from which progress is reported


class Note(NamedTuple):
    """Something about the file or how it was read (an inexact match, an encoding guessed), worded."""

    text: str


class BadRow(NamedTuple):
    """A rejected row, described (the first MAX_REPORTED of a run); `source` names the file as given."""

    source: str
    row: Rejected


class TableCut(NamedTuple):
    """A table for people showed only the first `shown` of `total` rows or groups."""

    shown: int
    total: int
    what: Literal["rows", "groups"]


Notice = Note | BadRow | TableCut


@dataclass(frozen=True)
class TableView:
    """What a table for people shows: the first rows scored, or the first groups with their column."""

    layout: Layout
    rows: list[Scored] = field(default_factory=list)
    groups: list[dict[str, Any]] | None = None
    group_column: str = ""


@dataclass(frozen=True)
class Mapping:
    """--dry-run: how the file was read, each column's match, and the questions nearest each other column."""

    source: str
    sheet: str | None
    layout: Layout
    nearest: dict[int, list[tuple[str, float]]]  # column position -> (question id, % alike), best first


@dataclass(frozen=True)
class ScoreSummary:
    """What a run did: rows scored and rejected, every notice in order, and (--dry-run) the mapping."""

    source: str
    scored: int = 0
    rejected: int = 0
    notices: tuple[Notice, ...] = ()
    kept_in: Path | None = None  # the --rejects file, when a row was rejected
    stopped: bool = False  # --strict stopped at the first bad row
    mapping: Mapping | None = None

    @property
    def unreported(self) -> int:
        """Rejected rows counted but not described."""
        return max(0, self.rejected - MAX_REPORTED)


Progress = Callable[[int], contextlib.AbstractContextManager[Callable[[int], None]]]


def _ignore(notice: Notice) -> None:
    pass


@dataclass(frozen=True)
class Hooks:
    """The caller's side of a run: notices as they come, a table drawn for people (into the output file,
    or None for standard output), and a progress report given the bytes to read."""

    tell: Callable[[Notice], None] = _ignore
    show: Callable[[TableView, TextIO | None], None] | None = None
    progress: Progress | None = None


class _Tally:
    """Counts rows scored and rejected; describes the first rejected rows, keeps them all if asked."""

    def __init__(self, source: str, strict: bool, tell: Callable[[Notice], None]):
        self.source, self.strict, self.tell = source, strict, tell
        self.scored = self.rejected = 0
        self.keep: Callable[[Rejected], None] | None = None

    def reject(self, result: Rejected) -> bool:
        self.rejected += 1
        if self.rejected <= MAX_REPORTED:
            self.tell(BadRow(self.source, result))
        if self.keep is not None:
            self.keep(result)
        return self.strict

    def counted(self, rows: Iterator[Scored]) -> Iterator[Scored]:
        for row in rows:
            self.scored += 1
            yield row


def check_request(delimiter: str | None, job: OutputOptions) -> None:
    """Refuse, with one sentence (exit 2), options that cannot go together: a delimiter that is not one
    character, a workbook asked for in another format, one file named for the output and the rejects."""
    if delimiter is not None and len(delimiter) != 1:
        raise InputError(_("--delimiter takes one character, for example ';' or tab."))
    if job.xlsx and job.format != "csv":
        raise InputError(
            _("-o %(file)s writes a workbook; leave out --format %(format)s, or give a .csv, .json name.")
            % {"file": job.path, "format": job.format}
        )
    if job.path is None or job.rejects is None or str(job.path) == "/dev/null":
        return
    same = os.path.realpath(job.path) == os.path.realpath(job.rejects)
    with contextlib.suppress(OSError):
        same = same or os.path.samefile(job.path, job.rejects)
    if same:
        raise InputError(
            _("-o and --rejects both name %(file)s; give the rejected rows a file of their own.") % {"file": job.path}
        )


def score_survey(request: ScoreRequest, fw: Framework, hooks: Hooks = Hooks()) -> ScoreSummary:
    """Score a survey file as `request` says and write its output; raises CoprotoolError with one sentence
    for options that cannot go together, a file that cannot be read or an output that cannot be written."""
    check_request(request.options.delimiter, request.output)
    job = request.output
    notices: list[Notice] = []

    def tell(notice: Notice) -> None:
        notices.append(notice)
        hooks.tell(notice)

    tally = _Tally(request.label, job.strict, tell)
    with open_survey(request, fw, lambda text: tell(Note(text))) as run:
        if job.dry_run:
            return ScoreSummary(request.label, notices=tuple(notices), mapping=_mapping(run))
        run.require_questions()
        group_col = _group_column(run, job.group_by) if job.group_by else None
        with _output(job) as out, _rejects(job, run) as keep, _progress(run, request, hooks.progress) as tick:
            tally.keep = keep
            try:
                _write(run, job, out, tally, tick, group_col, hooks.show)
            except OSError as exc:
                if exc.filename is not None or job.path is None:
                    raise
                raise _cannot_write(job.path, exc) from None
        for text in run.notes_after():
            tell(Note(text))
    rejected = tally.rejected
    return ScoreSummary(
        request.label,
        tally.scored,
        rejected,
        tuple(notices),
        job.rejects if rejected else None,
        job.strict and rejected > 0,
    )


def _write(
    run: ScoreRun,
    job: OutputOptions,
    out: TextIO,
    tally: _Tally,
    tick: Callable[[], None],
    group_col: Column | None,
    show: Callable[[TableView, TextIO | None], None] | None,
) -> None:
    """Every row scored into the output the job names."""
    from . import formats
    from .groups import summarise_groups

    if job.format == "table" and show is None:
        raise ValueError("a table for people needs Hooks.show")
    to_file = None if job.path is None else out  # where a table for people goes
    if job.xlsx:
        rows = tally.counted(run.rows(tally.reject, tick))
        if group_col is not None:
            groups = summarise_groups(rows, run.layout.passthrough.index(group_col))
            cells = (formats.group_cells(g) for g in groups)
            data = formats.write_xlsx(formats.group_header(group_col.header), cells, "Groups")
        else:
            from .write import result_columns

            header = [c.header for c in run.layout.passthrough] + result_columns()
            data = formats.write_xlsx(header, (formats.xlsx_cells(r) for r in rows), "Scores")
        out.flush()
        out.buffer.write(data)  # the atomic writer's file is a text wrapper over a binary file
    elif group_col is None and job.format == "csv":
        from ..text import safe_text
        from .write import write_csv

        clean = safe_text if job.path is None else None  # cells kept exactly in a file
        tally.scored = write_csv(run, out.write, job.safe, tally.reject, tick, clean)
    elif group_col is not None:
        groups = summarise_groups(tally.counted(run.rows(tally.reject, tick)), run.layout.passthrough.index(group_col))
        if job.format == "csv":
            from ..text import safe_text

            formats.group_csv(out, groups, group_col.header, job.safe, safe_text if job.path is None else None)
        elif job.format in ("json", "jsonl"):
            formats.groups_json(out, groups, lines=job.format == "jsonl")
        else:
            shown_groups = list(islice(groups, TABLE_GROUPS))  # a table is for reading: a few dozen groups
            more = sum(1 for _ in groups)
            assert show is not None
            show(TableView(run.layout, groups=shown_groups, group_column=group_col.header), to_file)
            if more:
                tally.tell(TableCut(len(shown_groups), len(shown_groups) + more, "groups"))
    elif job.format == "table":
        rows = tally.counted(run.rows(tally.reject, tick))
        shown = list(islice(rows, TABLE_ROWS))  # a table is for reading: keep memory flat
        assert show is not None
        show(TableView(run.layout, rows=shown), to_file)
        for _ in rows:  # the rest are still checked and counted
            pass
        if tally.scored > len(shown):
            tally.tell(TableCut(len(shown), tally.scored, "rows"))
    else:
        kind = formats.JsonOut if job.format == "json" else formats.JsonLinesOut
        writer = kind(out, run.layout, job.path is None)
        for row in tally.counted(run.rows(tally.reject, tick)):
            writer.write(row)
        writer.close()


def _mapping(run: ScoreRun) -> Mapping:
    nearest = {c.pos: run.nearest(c.header) for c in run.layout.columns if not c.question}
    return Mapping(run.source, run.sheet, run.layout, nearest)


def _group_column(run: ScoreRun, name: str) -> Column:
    found = next((c for c in run.layout.passthrough if fold(c.header) == fold(name)), None)
    if found is None:
        names = ", ".join(f"'{c.header}'" for c in run.layout.passthrough) or _("none")
        raise InputError(
            _("%(file)s has no column '%(name)s' to group by; the columns that are not questions are: %(names)s.")
            % {"file": run.source, "name": name, "names": names}
        )
    return found


def _cannot_write(path: Path, exc: OSError) -> CoprotoolError:
    return CoprotoolError(
        _("Cannot write %(path)s: %(why)s; check the folder has space (any earlier file there is unchanged).")
        % {"path": path, "why": exc.strerror or exc}
    )


@contextlib.contextmanager
def _output(job: OutputOptions) -> Iterator[Any]:
    if job.path is None:
        yield sys.stdout
        return
    from ..files import AtomicWriter

    with AtomicWriter(job.path, job.force) as fh:
        yield fh


@contextlib.contextmanager
def _rejects(job: OutputOptions, run: ScoreRun) -> Iterator[Callable[[Rejected], None] | None]:
    path = job.rejects
    if path is None:
        yield None
        return
    from ..files import AtomicWriter
    from .write import write_rejects

    with AtomicWriter(path, job.force) as fh:
        add = write_rejects(fh, run.layout, run.layout.delimiter, job.safe)

        def keep(result: Rejected) -> None:
            try:
                add(result)
            except OSError as exc:
                raise _cannot_write(path, exc) from None

        yield keep


@contextlib.contextmanager
def _progress(run: ScoreRun, request: ScoreRequest, progress: Progress | None) -> Iterator[Callable[[], None]]:
    """A tick for the rows loop: the bytes read so far of a large CSV file, when the caller shows progress."""
    source, text = request.source, run.text
    is_file = isinstance(source, (str, Path)) and str(source) != "-" and os.path.isfile(source)
    size = os.path.getsize(source) if is_file else 0  # type: ignore[arg-type]  # a path, checked above
    if progress is None or text is None or size < PROGRESS_FROM:
        yield lambda: None
        return
    with progress(size) as update:

        def tick() -> None:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                update(text.stream.buffer.tell())

        yield tick
