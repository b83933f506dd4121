"""results: the assessments kept in the data folder, by service and date."""

from __future__ import annotations

from typing import Annotated

from ..text import file_name
from .common import Commands, DataDir, TextJson, catalogue, echo, echo_json, handle_errors, print_styled
from .options import format_option

commands = Commands()


@commands.command(
    examples=[
        ("The results kept so far, newest last", "coprotool results"),
        ("The same, for a script", "coprotool results --format json"),
    ]
)
@handle_errors
def results(
    fmt: Annotated[TextJson, format_option(TextJson)] = TextJson.text,
    data_dir: DataDir = None,
) -> None:
    """List the finished assessments coprotool has kept: service, date, depth and file.

    'coprotool compare SERVICE' compares one service's kept results over time.
    """
    from ..results import list_results, results_dir

    listing = list_results()
    found = listing.results
    if skipped := listing.skipped_note():
        echo(f"coprotool: warning: {skipped}", err=True)
    if fmt == TextJson.json:
        echo_json([r.as_dict() for r in found])
        return
    if not found:
        echo(f"No kept results yet; a finished 'coprotool assess' keeps its result in {file_name(results_dir())}.")
        return
    fw = catalogue(data_dir).framework
    names = {d.id: d.name for d in fw.depth_levels}
    from ..render.results import results_view

    print_styled(lambda width, unicode: results_view(found, names, width))
