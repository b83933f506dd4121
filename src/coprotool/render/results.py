"""The kept results as a table that fits the terminal: service, date and depth, and each file's path whole."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from ..i18n import _
from ..results import SavedResult
from ..text import file_name, shown
from .doc import Doc
from .styled import Styled
from .table import Cell, Column, table


def short_path(path: Path, home: Path | None = None) -> str:
    """The path with the home folder as ~ (shells expand it back), so it is shorter to read and to copy."""
    home = home or Path.home()
    try:
        return file_name(f"~/{path.relative_to(home)}")
    except ValueError:
        return file_name(path)


def results_view(
    found: Sequence[SavedResult], depth_names: Mapping[str, str], width: int, unicode: bool = True
) -> Styled:
    """The table in the language in use; `unicode` is taken as print_styled gives it, and not needed."""
    rows: list[list[Cell]] = [
        [
            shown(r.service) if r.service else _("(no name)"),
            shown(r.date),
            shown(depth_names.get(r.depth or "", r.depth or "-")),
            short_path(r.path),
        ]
        for r in found
    ]
    columns = [Column(_("Service"), wrap=True), Column(_("Date")), Column(_("Depth")), Column(_("File"))]
    doc = Doc(width).append(table(columns, rows, width, indent=0)).line()
    doc.para(_("Compare one service's results over time: coprotool compare SERVICE"), indent=0, style="dim")
    return doc.text
