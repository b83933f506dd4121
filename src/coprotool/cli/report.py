"""After the workshop: report (HTML or Markdown from a saved result) and compare (progress over time)."""

from __future__ import annotations

import functools
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from ..i18n import N_, _
from ..text import file_name
from .common import (
    Commands,
    DataDir,
    catalogue,
    each_language,
    echo,
    echo_json,
    fail,
    handle_errors,
    note,
    print_styled,
)
from .options import FILE, Lang, argument, flag, force_flag, format_option, lang_option, output_option

if TYPE_CHECKING:
    from ..assessment import Result
    from ..catalogue import Catalogue

commands = Commands()


class CompareFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"


class ReportFormat(StrEnum):
    html = "html"
    markdown = "markdown"


@commands.command(
    examples=[
        (N_("A page to print or share, from a saved result"), "coprotool report riverside.yaml -o riverside.html"),
        (N_("The same as Markdown, for a document or wiki"), "coprotool report riverside.yaml --format markdown"),
    ],
    help=N_("Make a report to share and print: the wedge, scores, depth, notes, next steps and case studies."),
)
@handle_errors
def report(
    result: Annotated[Path, argument(FILE, N_("A file saved by 'coprotool assess --save'."))],
    output: Annotated[Path | None, output_option(N_("Write the report to this file"))] = None,
    fmt: Annotated[ReportFormat, format_option(ReportFormat, "html")] = ReportFormat.html,
    force: Annotated[bool, force_flag(N_("the --output file"))] = False,
    easy: Annotated[
        bool,
        flag("--easy", help=N_("Easy Read: short words, large type, a picture beside each point, a few pages.")),
    ] = False,
    lang: Annotated[
        Lang, lang_option(N_("The report's language (both: side by side, or one after the other)"))
    ] = Lang.en,
    data_dir: DataDir = None,
) -> None:
    from .. import i18n
    from ..assessment import evaluate, load_assessment
    from ..files import write_atomic
    from ..wording import set_easy

    i18n.choose(lang)  # its messages in the report's (first) language
    set_easy(easy)
    cat = catalogue(data_dir)
    res = evaluate(cat, load_assessment(result, cat.framework))
    text = _render(res, cat, fmt, easy, lang)
    if output is None:
        echo(text, nl=False)
    else:
        write_atomic(output, text, force=force)
        note(_("Report written to %(file)s") % {"file": file_name(output)})


def _render(res: Result, cat: Catalogue, fmt: ReportFormat, easy: bool = False, lang: str = "en") -> str:
    from .. import __version__
    from ..render.report import report_html, report_markdown
    from ..view import views_in

    views = views_in(res, cat, lang, __version__)  # in Easy Read wording when set_easy is on
    return report_html(views, easy=easy) if fmt == ReportFormat.html else report_markdown(views)


@commands.command(
    examples=[
        (N_("What moved between two workshops"), "coprotool compare riverside.yaml riverside-later.yaml"),
        (
            N_("The same as one page to share"),
            "coprotool compare riverside.yaml riverside-later.yaml -f html -o p.html",
        ),
    ],
    help=N_(
        "Show what moved between saved results of one service: wedges side by side, scores, "
        "depth, the grid cell and the notes then and now."
    ),
)
@handle_errors
def compare(
    results: Annotated[
        list[Path],
        argument(
            FILE,
            N_(
                "Two or more files saved by 'coprotool assess --save', for the same service; or one service's "
                "name, to compare the results kept for it (see 'coprotool results')."
            ),
        ),
    ],
    fmt: Annotated[CompareFormat, format_option(CompareFormat)] = CompareFormat.text,
    output: Annotated[Path | None, output_option()] = None,
    force: Annotated[bool, force_flag(N_("the --output file"))] = False,
    any_service: Annotated[
        bool, flag("--any-service", help=N_("Compare results of different services anyway."))
    ] = False,
    overwrite: Annotated[bool, flag("--overwrite", hidden=True, help=N_("Old name of --force."))] = False,
    lang: Annotated[Lang, lang_option(N_("The comparison's language (both: side by side, or one after the other)"))] = (
        Lang.en
    ),
    data_dir: DataDir = None,
) -> None:
    from .. import i18n
    from ..progress import compare_results

    i18n.choose(lang)
    if overwrite:  # the old name, kept for one release
        echo("coprotool: " + _("--overwrite is now --force; --overwrite goes in the next release."), err=True)
        force = True
    if len(results) == 1 and not results[0].exists():
        results = _kept_for(str(results[0]))
    if len(results) < 2:
        fail(_("give at least two saved results to compare."), 2)
    cat = catalogue(data_dir)
    comparison = compare_results(cat.framework, results, cat.ladder if cat.ladder_path.exists() else None)
    if len(comparison.services) > 1:
        names = {"names": ", ".join(repr(s) for s in comparison.services)}
        if not any_service:
            said = _(
                "these results are for different services (%(names)s); compare one service over time, or add "
                "--any-service to compare them anyway."
            )
            fail(said % names, 1)
        echo("coprotool: " + _("warning: comparing different services (%(names)s).") % names, err=True)
    if fmt == CompareFormat.json:  # for scripts: the same bytes in every language
        if output is None:
            echo_json(comparison.as_dict(cat.framework))
            return
        import json

        text = json.dumps(comparison.as_dict(cat.framework), indent=2, ensure_ascii=False) + "\n"
    elif fmt == CompareFormat.html:
        from .. import __version__
        from ..render.report import compare_html
        from ..view import build_compare_view

        views = i18n.built_in_each(lang, lambda: build_compare_view(comparison, cat.framework))
        text = compare_html(views, __version__)
    else:
        from ..render.progress import comparison_view

        if output is None:
            for _language in each_language():
                print_styled(functools.partial(comparison_view, comparison, cat.framework))
            return
        text = "\n".join(
            i18n.in_each(
                [(language, comparison) for language in i18n.order(lang)],
                lambda c: comparison_view(c, cat.framework, 80, True).plain,
            )
        )
    if output is None:
        echo(text, nl=False)
    else:
        from ..files import write_atomic

        write_atomic(output, text, force=force)
        note(_("Comparison written to %(file)s") % {"file": file_name(output)})


def _kept_for(service: str) -> list[Path]:
    """The results kept for a service, in date order; fewer than two is one sentence and exit 1."""
    from ..results import for_service

    listing = for_service(service)
    if skipped := listing.skipped_note():
        echo("coprotool: " + _("warning: %(problem)s") % {"problem": skipped}, err=True)
    kept = listing.results
    if not kept:
        said = _(
            "there are no kept results for '%(service)s'; comparing needs two or more "
            "('coprotool results' lists what is kept, or give the files' paths)."
        )
        fail(said % {"service": service}, 1)
    if len(kept) < 2:
        said = _(
            "there is one kept result (%(file)s) for '%(service)s'; comparing needs two or more "
            "('coprotool results' lists what is kept, or give the files' paths)."
        )
        fail(said % {"service": service, "file": file_name(kept[0].path)}, 1)
    return [r.path for r in kept]
