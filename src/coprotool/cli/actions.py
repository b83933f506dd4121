"""actions (list, add, update) and feedback: the actions a service agreed, for people and scripts."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from .common import DataDir, catalogue, echo, echo_json, fail, handle_errors, note, print_styled

if TYPE_CHECKING:
    from ..actions import Action
    from ..catalogue import Catalogue


class ActionsFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    ics = "ics"


SUFFIXES = {
    ".json": ActionsFormat.json,
    ".csv": ActionsFormat.csv,
    ".md": ActionsFormat.markdown,
    ".markdown": ActionsFormat.markdown,
    ".ics": ActionsFormat.ics,
    ".txt": ActionsFormat.table,
}


class _ListByDefault(TyperGroup):
    """`coprotool actions [SERVICE] [--all]` lists; `actions add ...` and `actions update ...` change.
    Anything that is not a subcommand's name goes to the (hidden) list command."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # Any: typer carries its own click
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = ["list", *args]
        return super().parse_args(ctx, args)


group = typer.Typer(
    cls=_ListByDefault,
    help="The actions a service agreed at the end of an assessment: list them (open ones by default), "
    "add one, or record what happened.\n\nExamples: coprotool actions 'Riverside Day Service' · "
    "coprotool actions --overdue -o due.ics · coprotool actions update 1a2b3c --status done",
    no_args_is_help=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@group.command("list", hidden=True)
@handle_errors
def list_actions(
    service: Annotated[
        str | None, typer.Argument(help="A service's name (default: every service).", show_default=False)
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="Done and dropped actions too.")] = False,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only open actions past their date.")] = False,
    fmt: Annotated[
        ActionsFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table for people; json, csv, markdown, or ics (a calendar of due dates).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file (atomically); its ending chooses the format: .json .csv .md .ics .xlsx.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the output file if it exists.")] = False,
    data_dir: DataDir = None,
) -> None:
    """List agreed actions: open ones by default."""
    from ..actions import all_actions, for_service, today

    if every and overdue:
        fail("use either --all or --overdue, not both.", 2)
    day = today()
    found = for_service(service) if service else all_actions()
    if overdue:
        found = [a for a in found if a.overdue(day)]
    elif not every:
        found = [a for a in found if a.is_open]
    cat = catalogue(data_dir)
    kind = fmt
    xlsx = output is not None and output.suffix.lower() == ".xlsx"
    if xlsx and fmt is not None:
        fail("a .xlsx file is always a workbook; leave out --format.", 2)
    if kind is None:
        kind = SUFFIXES.get(output.suffix.lower(), ActionsFormat.table) if output else ActionsFormat.table
    empty = _empty(service, every, overdue)
    if output is None:
        if kind == ActionsFormat.table:
            from ..render.actions import action_rows, actions_text

            rows = action_rows(found, cat.framework, day)
            print_styled(lambda width, unicode: actions_text(rows, width, empty))
        elif kind == ActionsFormat.json:
            echo_json([a.as_dict() for a in found])
        else:
            echo(_render(found, cat, kind, day), nl=False)
        return
    from ..files import AtomicWriter, write_atomic

    if xlsx:
        from ..render.actions import action_rows, actions_xlsx

        data = actions_xlsx(action_rows(found, cat.framework, day))
        with AtomicWriter(output, force) as fh:
            fh.flush()
            fh.buffer.write(data)  # type: ignore[attr-defined]  # the writer's text file wraps a binary one
    else:
        write_atomic(output, _render(found, cat, kind, day), force=force)
    note(f"{len(found)} action{'s' if len(found) != 1 else ''} written to {output}")


def _empty(service: str | None, every: bool, overdue: bool) -> str:
    which = "overdue " if overdue else "" if every else "open "
    where = f" for {service}" if service else ""
    return (
        f"No {which}actions{where}. Actions are agreed at the end of 'coprotool assess', or added with "
        "'coprotool actions add'."
    )


def _render(found: list[Action], cat: Catalogue, kind: ActionsFormat, day: str) -> str:
    import json

    from ..render.actions import action_rows, actions_csv, actions_ics, actions_markdown, actions_text

    rows = action_rows(found, cat.framework, day)
    if kind == ActionsFormat.json:
        return json.dumps([a.as_dict() for a in found], indent=2, ensure_ascii=False) + "\n"
    if kind == ActionsFormat.csv:
        return actions_csv(rows)
    if kind == ActionsFormat.markdown:
        return actions_markdown(rows)
    if kind == ActionsFormat.ics:
        return actions_ics(rows, day)
    return actions_text(rows, 80, _empty(None, True, False)).plain


@group.command("add")
@handle_errors
def add(
    service: Annotated[str, typer.Argument(help="The service's name.", show_default=False)],
    action: Annotated[str, typer.Option("--action", help="What will be done.", show_default=False)],
    principle: Annotated[
        str,
        typer.Option("--principle", help="The principle it serves (id or name, e.g. blur_roles).", show_default=False),
    ],
    owner: Annotated[
        str, typer.Option("--owner", help="Who leads it: a role, such as 'service manager'.", show_default=False)
    ],
    due: Annotated[str, typer.Option("--due", help="By when, YYYY-MM-DD.", show_default=False)],
    with_: Annotated[
        str | None,
        typer.Option("--with", help="Who it is done with, e.g. 'people who use the service'.", show_default=False),
    ] = None,
    measure: Annotated[
        str | None, typer.Option("--measure", help="How you will know it worked.", show_default=False)
    ] = None,
    why: Annotated[str | None, typer.Option("--why", help="The finding it answers.", show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    data_dir: DataDir = None,
) -> None:
    """Add an action to a service's register."""
    from ..actions import MANY_OPEN, add_actions, new_action, today

    if fmt not in ("text", "json"):
        fail("--format takes text or json.", 2)
    made = new_action(
        catalogue(data_dir).framework,
        service,
        action=action,
        principle=principle,
        owner=owner,
        due=due,
        agreed=today(),
        why=why,
        with_=with_,
        measure=measure,
    )
    kept = add_actions(made.service, [made])
    if fmt == "json":
        echo_json(made.as_dict())
    else:
        echo(f"Added {made.id}: {made.action} (due {made.due}).")
    open_now = sum(a.is_open for a in kept)
    if open_now > MANY_OPEN:
        note(_many(open_now))


def _many(n: int) -> str:
    return (
        f"{n} actions are open for this service. Teams tend to finish more when they keep to five or fewer: "
        "is there one to finish or drop first?"
    )


@group.command("update")
@handle_errors
def update(
    action_id: Annotated[str, typer.Argument(metavar="ID", help="The action's id (see 'coprotool actions').")],
    status: Annotated[
        str,
        typer.Option("--status", help="open, in-progress, done, dropped (or not-started).", show_default=False),
    ],
    note_text: Annotated[
        str | None, typer.Option("--note", help="What happened, in a sentence.", show_default=False)
    ] = None,
    due: Annotated[str | None, typer.Option("--due", help="A new date, YYYY-MM-DD.", show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Record what happened to an action: its status, a note, a new date."""
    from ..actions import STATUS_WORDS, update_action

    if fmt not in ("text", "json"):
        fail("--format takes text or json.", 2)
    saved = update_action(action_id, status, note_text, due)
    if fmt == "json":
        echo_json(saved.as_dict())
    else:
        echo(f"{saved.id} is now {STATUS_WORDS[saved.status]} (due {saved.due}).")


class _Commands:
    """Registers the `actions` group (and `feedback`) on the app."""

    def register(self, app: typer.Typer) -> None:
        app.add_typer(group, name="actions")


commands = _Commands()
