"""The files `assess` writes at the end: the saved result, the wedge (SVG) and the report (HTML)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import _
from ..text import file_name
from .common import note

if TYPE_CHECKING:
    from ..assessment import Assessment, Result
    from ..catalogue import Catalogue
    from ..session import Outputs


def write_outputs(result: Result, cat: Catalogue, outputs: Outputs) -> None:
    """Write each output asked for, atomically, saying where on stderr."""
    from .. import __version__
    from ..assessment import dump
    from ..files import write_atomic

    fw = cat.framework
    if outputs.save is not None:
        write_atomic(outputs.save, dump(result.as_dict(fw, __version__), outputs.save), force=outputs.force)
        note(_("Saved to %(file)s") % {"file": file_name(outputs.save)})
    if outputs.svg is not None:
        from ..render.svg import wedge_svg
        from ..scoring import levels_of

        title = f"{result.assessment.service or 'Assessment'} ({result.assessment.date}): co-production wedge"
        write_atomic(outputs.svg, wedge_svg(fw, levels_of(result.scores), title), force=outputs.force)
        note(_("Wedge written to %(file)s") % {"file": file_name(outputs.svg)})
    if outputs.html is not None:
        from .. import i18n
        from ..render.report import report_html
        from ..view import views_in

        page = report_html(views_in(result, cat, i18n.chosen(), __version__))  # in the run's --lang
        write_atomic(outputs.html, page, force=outputs.force)
        note(_("Report written to %(file)s") % {"file": file_name(outputs.html)})


def check_outputs(outputs: Outputs, resume: object = None) -> None:
    """Refuse, before the first question, outputs that cannot be written or that name one file twice."""
    from pathlib import Path

    from ..errors import InputError
    from ..files import check_target

    problem = outputs.clash(Path(str(resume)) if resume is not None else None)
    if problem:
        raise InputError(problem)
    for _what, path in outputs.named():
        check_target(path, outputs.force)


def keep_actions(a: Assessment) -> None:
    """The run's agreed actions and its reviews of earlier ones into the service's register, saying where."""
    from ..actions import record_run, register_path

    if a.service and (a.actions or a.reviewed):
        record_run(a.service, a.actions, a.reviewed)
        shown = file_name(register_path(a.service))
        note(_("Actions kept in %(file)s ('coprotool actions' lists them)") % {"file": shown})
