"""results: the assessments kept in the data folder, by service and date."""

from __future__ import annotations

import functools
from typing import Annotated

from ..i18n import N_, _
from ..text import file_name
from .common import Commands, DataDir, TextJson, catalogue, each_language, echo, echo_json, handle_errors, print_styled
from .options import Lang, format_option, lang_option

commands = Commands()


@commands.command(
    examples=[
        (N_("The results kept so far, newest last"), "coprotool results"),
        (N_("The same, for a script"), "coprotool results --format json"),
    ],
    help=N_(
        "List the finished assessments coprotool has kept: service, date, depth and file.\n\n"
        "'coprotool compare SERVICE' compares one service's kept results over time."
    ),
)
@handle_errors
def results(
    fmt: Annotated[TextJson, format_option(TextJson)] = TextJson.text,
    lang: Annotated[Lang, lang_option(N_("The language of the list and its messages"))] = Lang.en,
    data_dir: DataDir = None,
) -> None:
    from .. import i18n
    from ..results import list_results, results_dir

    i18n.choose(lang)
    listing = list_results()
    found = listing.results
    if skipped := listing.skipped_note():
        echo("coprotool: " + _("warning: %(problem)s") % {"problem": skipped}, err=True)
    if fmt == TextJson.json:
        echo_json([r.as_dict() for r in found])
        return
    fw = catalogue(data_dir).framework if found else None
    from ..render.results import results_view
    from ..wording import text

    for language in each_language():
        if fw is None:
            said = _("No kept results yet; a finished 'coprotool assess' keeps its result in %(folder)s.")
            echo(said % {"folder": file_name(results_dir())})
            continue
        names = {d.id: text(d.name, language) for d in fw.depth_levels}
        print_styled(functools.partial(results_view, found, names))
