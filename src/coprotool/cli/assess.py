"""The workshop questionnaire: assess (interactive or from an answers file) and template."""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Annotated

import typer

from .common import (
    Commands,
    DataDir,
    TextJson,
    catalogue,
    echo,
    echo_json,
    fail,
    handle_errors,
    note,
    print_styled,
)

commands = Commands()
FileOpt = {"show_default": False}


@commands.command()
@handle_errors
def assess(
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers", "-a", help="Score this answers file (YAML or JSON) without asking anything.", **FileOpt
        ),
    ] = None,
    resume: Annotated[
        Path | None,
        typer.Option(
            "--resume", help="Continue an assessment that was stopped part way (the file it saved).", **FileOpt
        ),
    ] = None,
    service: Annotated[str | None, typer.Option("--service", help="The service's name.")] = None,
    keyword: Annotated[
        list[str] | None,
        typer.Option(
            "--keyword", "-k", help="A keyword describing the service (repeat for more); used to rank suggestions."
        ),
    ] = None,
    save: Annotated[
        Path | None, typer.Option("--save", help="Write everything to this file (.yaml or .json).", **FileOpt)
    ] = None,
    svg: Annotated[Path | None, typer.Option("--svg", help="Write the wedge to this SVG file.", **FileOpt)] = None,
    html: Annotated[
        Path | None, typer.Option("--html", help="Write a printable report to this HTML file.", **FileOpt)
    ] = None,
    group: Annotated[
        bool,
        typer.Option(
            "--group",
            help="A room votes at each question ('2 3 3 1'); the tool "
            "shows the spread, then asks the agreed value (Enter: the median).",
        ),
    ] = False,
    lenses: Annotated[
        str | None,
        typer.Option(
            "--lenses",
            help="Who is in the room, comma-separated, e.g. 'People who use services,Staff': votes are "
            "kept by lens ('2 3 / 1 0' in this order) and the result shows where lenses see it differently.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace --save/--svg files that already exist.")] = False,
    fmt: Annotated[TextJson, typer.Option("--format", "-f", help="text for people, json for scripts.")] = TextJson.text,
    data_dir: DataDir = None,
) -> None:
    """Run the co-production questionnaire and show the wedge, the depth and what to learn from next.

    At each question type 0-3 (or a label), Enter to skip, b to go back, ? for help, q to save and quit.
    Ctrl-C saves the answers so far; continue with --resume.
    """
    from ..assessment import Assessment, load_assessment

    if answers and resume:
        fail("use either --answers or --resume, not both.", 2)
    cat = catalogue(data_dir)
    fw = cat.framework
    from ..files import check_target

    for path in (save, svg, html):  # refuse before any question is asked, not after twenty minutes of work
        if path is not None:
            check_target(path, force)
    if answers is not None:
        a = load_assessment(answers, fw)
    elif resume is not None:
        a = load_assessment(resume, fw)
    else:
        a = Assessment()
    if service:
        a.service = service
    if keyword:
        a.keywords = [k.strip() for k in keyword if k.strip()]
    if group:
        a.group = True
    if lenses is not None:
        a.lenses = _lens_names(lenses)
    if answers is None:
        from .interactive import keep_if_interrupted, run

        run(fw, a, resume_path=resume, ui_to_stderr=fmt == TextJson.json, ask_intro=resume is None and not service)
        with keep_if_interrupted(fw, a, resume):  # Ctrl-C while saving must not lose twenty minutes' work
            result = _finish(cat, a, save, svg, html, force)
    else:
        result = _finish(cat, a, save, svg, html, force)
    if fmt == TextJson.json:
        from .. import __version__

        echo_json(result.as_dict(fw, __version__))
        return
    from ..render.result import result_view

    print_styled(lambda width, unicode: result_view(result, fw, width, unicode))


def _finish(cat, a, save: Path | None, svg: Path | None, html: Path | None, force: bool):
    """Score the assessment and write the files asked for."""
    from ..assessment import evaluate

    a.progress = None
    result = evaluate(cat, a)
    _write_outputs(result, cat, save, svg, html, force)
    return result


def _write_outputs(result, cat, save: Path | None, svg: Path | None, html: Path | None, force: bool) -> None:
    from .. import __version__
    from ..assessment import dump
    from ..files import write_atomic

    fw = cat.framework
    if save is not None:
        write_atomic(save, dump(result.as_dict(fw, __version__), save), force=force)
        note(f"Saved to {save}")
    if svg is not None:
        from ..render.svg import wedge_svg
        from ..scoring import levels_of

        title = f"{result.assessment.service or 'Assessment'} ({result.assessment.date}): co-production wedge"
        write_atomic(svg, wedge_svg(fw, levels_of(result.scores), title), force=force)
        note(f"Wedge written to {svg}")
    if html is not None:
        from ..render.report import report_html

        write_atomic(html, report_html(result, cat), force=force)
        note(f"Report written to {html}")


@commands.command()
@handle_errors
def template(
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="yaml: an answers file to fill in; csv: a header row for a form or spreadsheet."
        ),
    ] = "yaml",
    headers: Annotated[str, typer.Option("--headers", help="For csv: id (assets.1) or text (the questions).")] = "id",
    data_dir: DataDir = None,
) -> None:
    """Print a blank answers file (with the questions as comments) or a CSV header row."""
    from ..template import csv_header, yaml_template

    fw = catalogue(data_dir).framework
    if fmt == "yaml":
        echo(yaml_template(fw), nl=False)
    elif fmt == "csv":
        if headers not in ("id", "text"):
            fail("--headers takes id or text.", 2)
        echo(csv_header(fw, headers), nl=False)
    else:
        fail("--format takes yaml or csv.", 2)


def _lens_names(text: str) -> list[str]:
    """--lenses as names: comma-separated, blanks dropped, no repeats, 'prefer not to say' implied."""
    from ..scoring import NO_LENS

    names: list[str] = []
    for part in text.split(","):
        name = " ".join(part.split())[:60]
        if name and name.lower() != NO_LENS.lower() and name not in names:
            names.append(name)
    if not names or len(names) > 8:
        fail("--lenses takes one to eight names separated by commas, e.g. 'People who use services,Staff'.", 2)
    return names


def resume_name(service: str | None) -> Path:
    """A new resume file name in the current folder: coprotool-resume-<service>-<time>.yaml."""
    slug = re.sub(r"[^a-z0-9]+", "-", (service or "assessment").lower()).strip("-")[:40] or "assessment"
    return Path(f"coprotool-resume-{slug}-{_dt.datetime.now():%Y%m%d-%H%M%S}.yaml")
