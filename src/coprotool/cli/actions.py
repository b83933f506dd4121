"""actions: the actions a service agreed, listed for people and scripts, added, and updated.

One command with three uses, told apart by its first word: `actions [SERVICE]` lists, `actions add
SERVICE --action ...` adds, `actions update ID --status ...` records what happened.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from .. import i18n
from ..i18n import N_, _, ngettext
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
from .options import (
    DATE,
    NAME,
    TEXT,
    Lang,
    argument,
    choice,
    flag,
    force_flag,
    format_option,
    lang_option,
    option,
    output_option,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..actions import Action
    from ..catalogue import Catalogue
    from ..render.actions import ActionRow
    from ..render.styled import Styled

commands = Commands()


class ActionsFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    ics = "ics"


class Status(StrEnum):
    open = "open"
    in_progress = "in-progress"
    done = "done"
    dropped = "dropped"
    not_started = "not-started"


SUFFIXES = {
    ".json": ActionsFormat.json,
    ".csv": ActionsFormat.csv,
    ".md": ActionsFormat.markdown,
    ".markdown": ActionsFormat.markdown,
    ".ics": ActionsFormat.ics,
}
ADD_OPTIONS = ("--action", "--principle", "--owner", "--with", "--measure", "--why")
UPDATE_OPTIONS = ("--status", "--note")


@commands.command(
    examples=[
        (N_("The open actions of one service"), "coprotool actions 'Riverside Day Service'"),
        (N_("Every open action's date, for a calendar"), "coprotool actions -o due.ics"),
    ],
    help=N_(
        "List the actions services agreed at the end of an assessment (open ones by default), "
        "add one, or record what happened to one. Overdue actions are marked."
    ),
)
@handle_errors
def actions(
    words: Annotated[
        list[str] | None,
        argument(
            NAME,
            N_(
                "A service's name, to list its actions (default: every service's); or 'add NAME' with --action, "
                "--principle, --owner and --due to add one; or 'update ID' with --status to record what happened."
            ),
        ),
    ] = None,
    every: Annotated[bool, flag("--all", help=N_("List done and dropped actions too."))] = False,
    overdue: Annotated[bool, flag("--overdue", help=N_("List only open actions past their date."))] = False,
    fmt: Annotated[ActionsFormat | None, format_option(ActionsFormat, default="table")] = None,
    output: Annotated[Path | None, output_option(N_("Write the list to this file; .xlsx makes a workbook"))] = None,
    force: Annotated[bool, force_flag(N_("the output file"))] = False,
    action: Annotated[str | None, option("--action", meta=TEXT, help=N_("With add: what will be done."))] = None,
    principle: Annotated[
        str | None,
        option("--principle", "-p", meta=NAME, help=N_("With add: the principle it serves (e.g. blur_roles).")),
    ] = None,
    owner: Annotated[
        str | None, option("--owner", meta=TEXT, help=N_("With add: who leads it, a role (default: service manager)."))
    ] = None,
    due: Annotated[
        str | None, option("--due", meta=DATE, help=N_("With add: by when, YYYY-MM-DD. With update: a new date."))
    ] = None,
    with_: Annotated[
        str | None, option("--with", meta=TEXT, help=N_("With add: who it is done with (e.g. carers)."))
    ] = None,
    measure: Annotated[
        str | None, option("--measure", meta=TEXT, help=N_("With add: how you will know it worked."))
    ] = None,
    why: Annotated[str | None, option("--why", meta=TEXT, help=N_("With add: the finding it answers."))] = None,
    status: Annotated[Status | None, choice("--status", values=Status, help=N_("With update: what happened."))] = None,
    note_text: Annotated[
        str | None, option("--note", meta=TEXT, help=N_("With update: what happened, briefly."))
    ] = None,
    lang: Annotated[
        Lang,
        lang_option(
            N_("The language of the list, a Markdown file and the messages (csv, json and ics stay as they are)")
        ),
    ] = Lang.en,
    data_dir: DataDir = None,
) -> None:
    i18n.choose(lang)
    given = {
        "--action": action,
        "--principle": principle,
        "--owner": owner,
        "--with": with_,
        "--measure": measure,
        "--why": why,
        "--status": status,
        "--note": note_text,
    }
    words = words or []
    use = words[0] if words and words[0] in ("add", "update") else "list"
    allowed = {"add": ADD_OPTIONS, "update": UPDATE_OPTIONS, "list": ()}[use]
    for name, value in given.items():
        if value is not None and name not in allowed:
            where = "add NAME" if name in ADD_OPTIONS else "update ID"
            fail(_("%(option)s goes with 'coprotool actions %(use)s'.") % {"option": name, "use": where}, 2)
    if use != "list" and (every or overdue or output is not None):
        fail(_("--all, --overdue and --output go with listing actions, not with add or update."), 2)
    if use == "add":
        if len(words) < 2:
            fail(_("say which service: coprotool actions add NAME --action TEXT --principle NAME --due DATE."), 2)
        _add(" ".join(words[1:]), given, due, fmt, data_dir)
    elif use == "update":
        if len(words) != 2:
            fail(_("say which action: coprotool actions update ID --status STATUS ('coprotool actions' shows ids)."), 2)
        if status is None:
            fail(_("say what happened with --status (open, in-progress, done, dropped or not-started)."), 2)
        _update(words[1], status, note_text, due, fmt)
    else:
        if due is not None:
            fail(_("--due goes with 'coprotool actions add NAME' or 'update ID'."), 2)
        _list(" ".join(words) or None, every, overdue, fmt, output, force, data_dir)


def _list(
    service: str | None,
    every: bool,
    overdue: bool,
    fmt: ActionsFormat | None,
    output: Path | None,
    force: bool,
    data_dir: Path | None,
) -> None:
    from ..actions import select, today

    day = today()
    found = select(service, every, overdue, day)
    cat = catalogue(data_dir)
    xlsx = output is not None and output.suffix.lower() == ".xlsx"
    if xlsx and fmt is not None:
        fail(_("a .xlsx file is always a workbook; leave out --format."), 2)
    kind = fmt or (SUFFIXES.get(output.suffix.lower(), ActionsFormat.table) if output else ActionsFormat.table)
    if output is None:
        if kind == ActionsFormat.table:
            from ..render.actions import action_rows

            for lang in each_language():
                print_styled(_table(action_rows(found, cat.framework, day, lang), _empty(service, every, overdue)))
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
    said = ngettext("%(num)d action written to %(file)s", "%(num)d actions written to %(file)s", len(found))
    note(said % {"num": len(found), "file": file_name(output)})


# What an empty list says: (overdue, every, for one service) -> its first sentence; HOW_TO follows each.
_EMPTY = {
    (True, False, False): N_("No overdue actions."),
    (True, False, True): N_("No overdue actions for %(service)s."),
    (False, True, False): N_("No actions."),
    (False, True, True): N_("No actions for %(service)s."),
    (False, False, False): N_("No open actions."),
    (False, False, True): N_("No open actions for %(service)s."),
}
HOW_TO = N_("Actions are agreed at the end of 'coprotool assess', or added with 'coprotool actions add NAME'.")


def _table(rows: list[ActionRow], empty: str) -> Callable[[int, bool], Styled]:
    """What print_styled builds: the list at the terminal's width."""
    from ..render.actions import actions_text

    return lambda width, unicode: actions_text(rows, width, empty)


def _empty(service: str | None, every: bool, overdue: bool) -> str:
    said = _(_EMPTY[(overdue, every and not overdue, bool(service))])
    return f"{said % {'service': service} if service else said} {_(HOW_TO)}"


def _render(found: list[Action], cat: Catalogue, kind: ActionsFormat, day: str) -> str:
    import json

    from ..render.actions import action_rows, actions_csv, actions_ics, actions_markdown, actions_text

    rows = action_rows(found, cat.framework, day)  # English: the machine formats are the same in every language
    if kind == ActionsFormat.json:
        return json.dumps([a.as_dict() for a in found], indent=2, ensure_ascii=False) + "\n"
    if kind == ActionsFormat.csv:
        return actions_csv(rows)
    if kind == ActionsFormat.ics:
        return actions_ics(rows, day)
    langs = i18n.order(i18n.chosen())  # for people: in --lang, both one after the other (Welsh first)
    each = [(lang, action_rows(found, cat.framework, day, lang)) for lang in langs]
    if kind == ActionsFormat.markdown:
        return "\n---\n\n".join(i18n.in_each(each, actions_markdown))
    return "\n".join(i18n.in_each(each, lambda rows: actions_text(rows, 80, _empty(None, True, False)).plain))


def _add(
    service: str, given: Mapping[str, object], due: str | None, fmt: ActionsFormat | None, data_dir: Path | None
) -> None:
    from ..actions import DEFAULT_OWNER, MANY_OPEN, add_actions, new_action, today

    for needed, value in (("--action", given["--action"]), ("--principle", given["--principle"]), ("--due", due)):
        if value is None:
            said = _(
                "an action needs %(option)s: coprotool actions add NAME --action TEXT --principle NAME --due DATE."
            )
            fail(said % {"option": needed}, 2)
    made = new_action(
        catalogue(data_dir).framework,
        service,
        action=given["--action"],
        principle=given["--principle"],
        owner=given["--owner"] or _(DEFAULT_OWNER),
        due=due,
        agreed=today(),
        why=given["--why"],
        with_=given["--with"],
        measure=given["--measure"],
    )
    kept = add_actions(made.service, [made])
    if fmt == ActionsFormat.json:
        echo_json(made.as_dict())
    else:
        echo(_("Added %(id)s: %(action)s (due %(due)s).") % {"id": made.id, "action": made.action, "due": made.due})
    open_now = sum(a.is_open for a in kept)
    if open_now > MANY_OPEN:
        note(many_open(open_now))


def many_open(n: int) -> str:
    """The gentle warning over five open actions."""
    said = ngettext(
        "%(num)d action is open for this service. Teams tend to finish more when they keep to five or fewer: "
        "is there one to finish or drop first?",
        "%(num)d actions are open for this service. Teams tend to finish more when they keep to five or fewer: "
        "is there one to finish or drop first?",
        n,
    )
    return said % {"num": n}


def _update(action_id: str, status: Status, note_text: str | None, due: str | None, fmt: ActionsFormat | None) -> None:
    from ..actions import STATUS_WORDS, update_action

    saved = update_action(action_id, status.value, note_text, due)
    if fmt == ActionsFormat.json:
        echo_json(saved.as_dict())
    else:
        said = {"id": saved.id, "status": _(STATUS_WORDS[saved.status]), "due": saved.due}
        echo(_("%(id)s is now %(status)s (due %(due)s).") % said)


class FeedbackFormat(StrEnum):
    html = "html"
    markdown = "markdown"


@commands.command(
    examples=[
        (
            N_("A page for the people who took part, from a saved result"),
            "coprotool feedback riverside.yaml -o you-said.html",
        ),
        (N_("The same as Markdown, from a later result"), "coprotool feedback riverside-later.yaml -o you-said.md"),
    ],
    help=N_(
        "Write a one-page 'you said, we did' sheet for the people who took part: what the room "
        "said, in plain words; what was agreed; what has been done since; when the next review "
        "is."
    ),
)
@handle_errors
def feedback(
    source: Annotated[
        str,
        argument(NAME, N_("A service's name (its latest kept result is used), or a file saved by 'coprotool assess'.")),
    ],
    fmt: Annotated[FeedbackFormat | None, format_option(FeedbackFormat, default="html")] = None,
    output: Annotated[Path | None, output_option(N_("Write the page to this file; .md makes Markdown"))] = None,
    force: Annotated[bool, force_flag(N_("the output file"))] = False,
    next_review: Annotated[
        str | None,
        option(
            "--next",
            meta=DATE,
            help=N_("When the next review is, YYYY-MM-DD (default: the first date an open action is due)."),
        ),
    ] = None,
    lang: Annotated[Lang, lang_option(N_("The sheet's language (both: side by side)"))] = Lang.en,
    data_dir: DataDir = None,
) -> None:
    from .. import __version__, i18n
    from ..actions import check_due, today
    from ..actions import for_service as register_for
    from ..assessment import evaluate, load_assessment
    from ..feedback import build_feedback
    from ..render.feedback import feedback_html, feedback_markdown

    i18n.choose(lang)  # its messages in the sheet's (first) language
    cat = catalogue(data_dir)
    path = Path(source)
    if not path.is_file():
        from ..results import for_service as kept_for

        kept = kept_for(source).results
        if not kept:
            said = _(
                "there is no kept result for '%(source)s' and no such file; give a service's name as 'coprotool "
                "results' lists it, or a file saved by 'coprotool assess --save'."
            )
            fail(said % {"source": source}, 1)
        path = kept[-1].path
    result = evaluate(cat, load_assessment(path, cat.framework))
    a = result.assessment
    listed = [x for x in register_for(a.service) if x.agreed >= a.date] if a.service else []
    have = {x.id for x in listed}
    listed += [x for x in a.actions if x.id not in have]
    when = check_due(next_review, today()) if next_review is not None else None
    views = i18n.built_in_each(lang, lambda: build_feedback(result, cat.framework, listed, when, __version__))
    markdown = fmt == FeedbackFormat.markdown or (
        fmt is None and output is not None and output.suffix.lower() in (".md", ".markdown")
    )
    text = feedback_markdown(views) if markdown else feedback_html(views)
    if output is None:
        echo(text, nl=False)
        return
    from ..files import write_atomic
    from ..text import file_name

    write_atomic(output, text, force=force)
    note(_("'You said, we did' written to %(file)s") % {"file": file_name(output)})
