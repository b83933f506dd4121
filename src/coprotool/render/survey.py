"""What `coprotool score` shows people: the tables of rows and groups, the --dry-run mapping, each notice
(a note, a rejected row, a table cut short) and the closing summary. The machine outputs (CSV, JSON,
workbooks) are written by the survey package itself (survey/write.py, survey/formats.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..i18n import N_, _, current, ngettext, worded
from ..model import Framework
from ..survey.formats import json_text as json_text  # kept importable here for scripts that used it
from ..survey.headers import Layout
from ..survey.open import OutputOptions
from ..survey.rows import Scored
from ..survey.run import BadRow, Mapping, Note, Notice, ScoreSummary, TableCut
from ..wording import text as wording_of
from .doc import Doc
from .styled import Styled


def rows_table(
    rows: Iterable[Scored], layout: Layout, fw: Framework, unicode: bool, width: int, limit_fields: int = 2
) -> Styled:
    """The scored rows for people: line, a small wedge, each principle's score under its number in the wedge's
    order (a legend names them), depth, then a few pass-through columns; laid out to fit `width` whole."""
    from .table import Cell, Column, table
    from .wedge import fill_chars

    fill = fill_chars(unicode)
    shown = layout.passthrough[:limit_fields]
    columns = [Column(_("Line"), right=True), Column(_("Wedge"))]
    columns += [Column(str(n), right=True) for n in range(1, len(fw.principles) + 1)]
    columns += [Column(_("Depth"))] + [Column(c.header, wrap=True) for c in shown]
    body: list[list[Cell]] = []
    for row in rows:
        wedge = Styled()
        for sc, p in zip(row.scores, fw.principles):
            wedge.append(fill[sc.level], p.colour)
        cells: list[Cell] = [str(row.line), wedge]
        cells += [
            ("-" if sc.score is None else f"{sc.score:.1f}", p.colour) for sc, p in zip(row.scores, fw.principles)
        ]
        body.append([*cells, _depth(row.depth, fw), *(row.fields[i] for i in range(len(shown)))])
    doc = Doc(width).append(table(columns, body, width, indent=0)).line()
    names = ", ".join(f"{n} {_name(p.name)}" for n, p in enumerate(fw.principles, start=1))
    doc.para(_("Scores 0-3 by principle: %(names)s.") % {"names": names}, indent=0, style="dim")
    return doc.text


def mapping_view(title: str, rows: Sequence[tuple[int, str, str]], width: int) -> Styled:
    """--dry-run: the file, then each of its columns (number and whole heading) and what it answers."""
    from .table import Cell, Column, table

    body: list[list[Cell]] = [[str(n), header, target] for n, header, target in rows]
    columns = [Column("#", right=True), Column(_("Column in the file"), wrap=True), Column(_("Answers"), wrap=True)]
    return Doc(width).para(title, indent=0).append(table(columns, body, width, indent=2)).text


def _num(x: float) -> str:
    """A score in at most three characters: 2.33 -> 2.3, 3.0 -> 3."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


def groups_table(groups: list[dict[str, Any]], fw: Framework, unicode: bool, column: str, width: int = 80) -> Styled:
    """The workshop view: a column per group, headed by its whole name (as many side by side as the terminal
    holds), and a row per principle with the group's mean and its lowest-highest; '!' where it disagrees."""
    from .table import Cell, Column, table
    from .wedge import fill_chars

    fill = fill_chars(unicode)
    labels = [
        (_("Wedge"), ""),
        (_("Responses"), ""),
        *((_name(p.name), f"bold {p.colour}") for p in fw.principles),
        (_("Depth"), ""),
    ]

    def cells(g: dict[str, Any]) -> list[Cell]:
        wedge = Styled()
        for p in fw.principles:
            wedge.append(fill[g["principles"][p.id]["level"]], p.colour)
        out: list[Cell] = [wedge, str(g["count"])]
        for p in fw.principles:
            sc = g["principles"][p.id]
            mark = " !" if sc["disagree"] else ""
            out.append("-" if sc["mean"] is None else f"{sc['mean']:.1f} ({_num(sc['min'])}-{_num(sc['max'])}){mark}")
        return [*out, _depth(g["depth"], fw)]

    names = [g["group"] or _("(blank)") for g in groups]
    columns = [cells(g) for g in groups]
    first = max(len(column), *(len(label) for label, _ in labels))
    room = width - 1 - first
    doc = Doc(width).line(_("By %(column)s") % {"column": column}, "bold")
    start = 0
    while start < len(groups):  # as many groups side by side as fit; always at least one
        end, used = start, 0
        while end < len(groups):
            need = 2 + max(min(len(names[end]), 16), *(len(c) if isinstance(c, str) else 6 for c in columns[end]))
            if end > start and used + need > room:
                break
            used, end = used + need, end + 1
        heads = [Column(column), *(Column(n, wrap=True) for n in names[start:end])]  # a long name wraps
        rows: list[list[Cell]] = [
            [label, *(columns[g][i] for g in range(start, end))] for i, label in enumerate(labels)
        ]
        doc.append(table(heads, rows, width, indent=0)).line()
        start = end
    doc.para(
        _(
            "Each cell: the group's mean score, then its lowest and highest. '!' marks a principle the group "
            "disagrees on (a spread of 2 or more): a conversation worth having."
        ),
        indent=0,
        style="dim",
    )
    return doc.text


def _name(name: str) -> str:
    """A principle's name in the language in use (the catalogue's own wording)."""
    return wording_of(name, current())


def _depth(depth: str, fw: Framework) -> str:
    """A depth as the table shows it: its id in English (as the CSV has it), its name in another language."""
    if current() == "en" or not depth:
        return depth
    return wording_of(fw.depth(depth).name, current())


def notice_text(notice: Notice) -> str:
    """One notice as the line shown on standard error."""
    if isinstance(notice, Note):
        return _("coprotool: warning: %(text)s") % {"text": notice.text}
    if isinstance(notice, BadRow):
        row = notice.row
        where = f" {row.column}:" if row.column else ""
        return f"{notice.source}:{row.line}:{where} {worded(row.reason)}"
    if isinstance(notice, TableCut):
        said = {"shown": notice.shown, "total": notice.total}
        if notice.what == "groups":
            return (
                _(
                    "coprotool: the table shows the first %(shown)d groups of %(total)d; use --format csv or json for "
                    "all of them."
                )
                % said
            )
        return (
            _(
                "coprotool: the table shows the first %(shown)d rows of %(total)d; use --format csv or --group-by "
                "for all of them."
            )
            % said
        )
    raise TypeError(notice)


def summary_text(summary: ScoreSummary) -> str:
    """The closing line: rows scored and rejected, where the rejected rows are, and whether --strict stopped."""
    more = _(" (%(n)d more not shown)") % {"n": summary.unreported} if summary.unreported else ""
    kept = _("; they are in %(file)s") % {"file": summary.kept_in} if summary.kept_in else ""
    stopped = _(" (stopped at the first bad row: --strict)") if summary.stopped else ""
    said = {"scored": summary.scored, "rejected": summary.rejected, "more": more, "kept": kept, "stopped": stopped}
    return (
        ngettext(
            "coprotool: scored %(scored)d row, rejected %(rejected)d%(more)s%(kept)s%(stopped)s.",
            "coprotool: scored %(scored)d rows, rejected %(rejected)d%(more)s%(kept)s%(stopped)s.",
            summary.scored,
        )
        % said
    )


def stopped_text(signum: int | None, job: OutputOptions) -> str:
    """A run stopped by Ctrl-C (`signum` None), SIGHUP or SIGTERM: why, and what was not written."""
    import signal

    names = [str(p) for p in (job.path, job.rejects) if p is not None]
    if not names:
        what = _("the rows shown so far are all that was scored.")
    elif len(names) == 1:
        what = _("%(file)s was not written (any earlier file is unchanged).") % {"file": names[0]}
    else:
        what = _("%(file)s and %(other)s were not written (any earlier file is unchanged).") % {
            "file": names[0],
            "other": names[1],
        }
    if signum is None:
        return _("interrupted; %(what)s") % {"what": what}
    if signum == signal.SIGHUP:
        return _("stopped (the terminal closed); %(what)s") % {"what": what}
    return _("stopped (terminated); %(what)s") % {"what": what}


def mapping_dict(mapping: Mapping) -> dict[str, Any]:
    """--dry-run --format json: the layout, and the nearest questions of each column that answers none."""
    data = mapping.layout.as_dict()
    for c, entry in zip(mapping.layout.columns, data["columns"]):
        if not c.question:
            entry["nearest"] = [{"question": q, "alike": round(s)} for q, s in mapping.nearest[c.pos]]
    return data


_HOW = {
    "id": N_("by id"),
    "text": N_("by text"),
    "name": N_("by its id written another way"),
    "path": N_("by a group path"),
    "contains": N_("contains the text"),
    "near": N_("near wording"),
    "--column": "--column",
}


def mapping_text(mapping: Mapping, fw: Framework, width: int) -> Styled:
    """--dry-run for people: the file, then each column and what it answers (see `mapping_end`)."""
    layout = mapping.layout
    texts = {q.id: q.text for q in fw.questions}
    said = {
        "file": mapping.source,
        "n": layout.header_rows,
        "sheet": mapping.sheet,
        "delimiter": repr(layout.delimiter),
    }
    if mapping.sheet:
        title = _("%(file)s: sheet '%(sheet)s'; header rows: %(n)d") % said
    else:
        title = _("%(file)s: delimiter %(delimiter)s; header rows: %(n)d") % said
    rows = []
    for c in layout.columns:
        if c.question:
            how = _(_HOW[c.how]) if c.how != "--column" else "--column"
            wording = f": {wording_of(texts[c.question], current())}" if c.how in ("near", "contains") else ""
            target = f"{c.question} ({how}){wording}"
        else:
            near = [f"{q} {s:.0f}%" for q, s in mapping.nearest[c.pos] if s >= 50]
            if near:
                target = _("not a question: passed through (nearest: %(questions)s)") % {"questions": ", ".join(near)}
            else:
                target = _("not a question: passed through")
        rows.append((c.pos + 1, c.header, target))
    return mapping_view(title, rows, width)


def mapping_end(mapping: Mapping) -> str:
    """--dry-run's closing sentence: whether every question has a column."""
    layout = mapping.layout
    if not layout.questions:
        return _("No column answers a question: map them with --column 'HEADER=assets.1'.")
    if layout.missing:
        return _("Questions with no column (counted as unanswered): %(questions)s") % {
            "questions": ", ".join(layout.missing)
        }
    return _("Every question has a column.")
