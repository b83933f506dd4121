"""ballot: a large-print paper ballot, for anyone in the room who votes without a phone."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from ..i18n import N_, _, ngettext
from ..text import file_name
from .common import Commands, DataDir, catalogue, echo, handle_errors, note
from .options import NAME, TEXT, Lang, flag, force_flag, lang_option, number, option, output_option

commands = Commands()


@commands.command(
    examples=[
        (N_("A paper ballot to print, one question to a page"), "coprotool ballot -o ballot.html"),
        (N_("Two to a page, in Welsh and English, the quick set"), "coprotool ballot --per-page 2 --lang both --quick"),
    ],
    help=N_("Write a large-print paper ballot: Easy Read questions with the picture scale, to print on A4."),
)
@handle_errors
def ballot(
    output: Annotated[Path | None, output_option(N_("Write the ballot (an HTML page to print) to this file"))] = None,
    per_page: Annotated[int, number("--per-page", low=1, high=2, help=N_("Questions to an A4 page (default: 1)."))] = 1,
    lang: Annotated[Lang, lang_option(N_("The ballot's language"))] = Lang.en,
    quick: Annotated[
        bool, flag("--quick", help=N_("Only the six headline questions, as 'assess --quick' asks."))
    ] = False,
    service: Annotated[
        str | None, option("--service", meta=NAME, help=N_("The service's name, on the ballot."))
    ] = None,
    lenses: Annotated[
        str | None,
        option(
            "--lenses",
            meta=TEXT,
            help=N_(
                "Who is in the room, comma-separated, as for 'assess --lenses' (default: the room's, 'People who "
                "use services,Staff'; 'none' for no boxes): each person ticks one, so paper votes are counted by lens."
            ),
        ),
    ] = None,
    force: Annotated[bool, force_flag(N_("the --output file"))] = False,
    data_dir: DataDir = None,
) -> None:
    from .. import i18n
    from ..ballot import build_ballot
    from ..files import write_atomic
    from ..render.ballot import ballot_html
    from .assess import lens_names

    i18n.choose(lang.value)  # its messages in the ballot's (first) language
    if lang == Lang.both and per_page == 2:
        note(_("With Welsh and English together, the ballot has one question to a page: two would not fit."))
        per_page = 1
    fw = catalogue(data_dir).framework
    from ..scoring import DEFAULT_LENSES

    if lenses is None:
        names = DEFAULT_LENSES  # the room's own, in its order, so typed paper votes line up
    elif lenses.strip().lower() == "none":
        names = ()
    else:
        names = tuple(lens_names(lenses))
    paper = build_ballot(fw, i18n.order(lang.value), quick=quick, per_page=per_page, service=service, lenses=names)
    page = ballot_html(paper, lang.value)
    if output is None:
        echo(page, nl=False)
    else:
        write_atomic(output, page, force=force)
        count = len(paper.items)
        said = ngettext(
            "Ballot written to %(file)s: %(num)d question, print it on A4.",
            "Ballot written to %(file)s: %(num)d questions, print it on A4.",
            count,
        )
        note(said % {"file": file_name(output), "num": count})
