"""The workshop questionnaire: assess (interactive or from an answers file) and template."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

from ..i18n import N_, _
from .common import (
    Commands,
    DataDir,
    TextJson,
    catalogue,
    console,
    echo,
    echo_json,
    fail,
    handle_errors,
)
from .options import (
    ADDRESS,
    FILE,
    NAME,
    PORT,
    TEXT,
    WORD,
    Lang,
    N,
    choice,
    flag,
    force_flag,
    format_option,
    lang_option,
    number,
    option,
)

if TYPE_CHECKING:
    from ..assessment import Assessment, Result
    from ..catalogue import Catalogue
    from ..session import Outputs
    from .room import RoomOptions

commands = Commands()


class TemplateFormat(StrEnum):
    yaml = "yaml"
    json = "json"
    csv = "csv"


class Headers(StrEnum):
    id = "id"
    text = "text"


@commands.command(
    examples=[
        (
            N_("Score a filled-in answers file and keep the report"),
            "coprotool assess --answers riverside.yaml --html r.html",
        ),
        (N_("The same result, for a script"), "coprotool assess --answers riverside.yaml --format json"),
    ],
    help=N_(
        "Run the co-production questionnaire and show the wedge, the depth and what to learn "
        "from next.\n\n"
        "At each question type 0-3 (or a label), Enter to skip, b to go back, ? for help, q to "
        "save and quit. Ctrl-C saves the answers so far; continue with --resume."
    ),
)
@handle_errors
def assess(
    answers: Annotated[
        Path | None,
        option(
            "--answers", "-a", meta=FILE, help=N_("Score this answers file (YAML or JSON) without asking anything.")
        ),
    ] = None,
    resume: Annotated[
        Path | None,
        option("--resume", meta=FILE, help=N_("Continue an assessment that was stopped part way (the file it saved).")),
    ] = None,
    service: Annotated[str | None, option("--service", meta=NAME, help=N_("The service's name."))] = None,
    keyword: Annotated[
        list[str] | None,
        option(
            "--keyword",
            "-k",
            meta=WORD,
            help=N_("A keyword describing the service (repeat for more); used to rank suggestions."),
        ),
    ] = None,
    save: Annotated[
        Path | None, option("--save", meta=FILE, help=N_("Write everything to this file (.yaml or .json)."))
    ] = None,
    svg: Annotated[Path | None, option("--svg", meta=FILE, help=N_("Write the wedge to this SVG file."))] = None,
    html: Annotated[
        Path | None, option("--html", meta=FILE, help=N_("Write a printable report to this HTML file."))
    ] = None,
    group: Annotated[
        bool,
        flag(
            "--group",
            help=N_(
                "A room votes at each question ('2 3 3 1'); the tool "
                "shows the spread, then asks the agreed value (Enter: the median)."
            ),
        ),
    ] = False,
    lenses: Annotated[
        str | None,
        option(
            "--lenses",
            meta=TEXT,
            help=N_(
                "Who is in the room, comma-separated, e.g. 'People who use services,Staff': votes are "
                "kept by lens ('2 3 / 1 0' in this order) and the result shows where lenses see it differently."
            ),
        ),
    ] = None,
    room: Annotated[
        bool,
        flag(
            "--room",
            help=N_(
                "People vote privately from their own phones: starts a small web server and shows its join "
                "address and QR code; Enter reveals the votes."
            ),
        ),
    ] = False,
    host: Annotated[
        str | None,
        option(
            "--host",
            meta=ADDRESS,
            help=N_("With --room: the address to listen on (default: this laptop's on the network)."),
        ),
    ] = None,
    port: Annotated[
        int | None,
        number(
            "--port", low=1, high=65535, meta=PORT, help=N_("With --room: the port, 1-65535 (default: a free one).")
        ),
    ] = None,
    max_devices: Annotated[
        int,
        number(
            "--max-devices",
            low=1,
            high=5000,
            meta=N,
            help=N_("With --room: how many devices may join, 1-5000 (default: 200)."),
        ),
    ] = 200,
    per_address: Annotated[
        int,
        number(
            "--joins-per-address",
            low=1,
            high=5000,
            meta=N,
            help=N_(
                "With --room: how many devices one network address may join, 1-5000 (default: 3; raise it for a "
                "shared tablet or a network that shows every phone as one address)."
            ),
        ),
    ] = 3,
    min_lens: Annotated[
        int,
        number(
            "--min-lens-votes",
            low=2,
            high=100,
            meta=N,
            help=N_(
                "With --room: a lens is shown on its own only with at least this many votes on a question, 2-100 "
                "(default: 3); fewer count for the whole room only."
            ),
        ),
    ] = 3,
    people: Annotated[
        int | None,
        number(
            "--people",
            low=1,
            high=5000,
            meta=N,
            help=N_("With --room: how many people are present, shown beside the devices joined."),
        ),
    ] = None,
    force: Annotated[bool, force_flag(N_("a --save, --svg or --html file"))] = False,
    quick: Annotated[
        bool,
        flag(
            "--quick", help=N_("Ask one headline question per principle (about 15 minutes instead of about two hours).")
        ),
    ] = False,
    plain: Annotated[
        bool, flag("--plain", help=N_("Show each question in plain language: short sentences, everyday words."))
    ] = False,
    easy: Annotated[
        bool,
        flag(
            "--easy", help=N_("Easy Read: each question, and the result, in short sentences with hard words explained.")
        ),
    ] = False,
    full: Annotated[
        bool, flag("--full", help=N_("Show the whole result at once, not the summary screen first."))
    ] = False,
    fmt: Annotated[TextJson, format_option(TextJson)] = TextJson.text,
    lang: Annotated[
        Lang, lang_option(N_("The language on screen, for the phones and in the report (both: Welsh, then English)"))
    ] = Lang.en,
    data_dir: DataDir = None,
) -> None:
    from .. import i18n
    from ..session import Outputs

    i18n.choose(lang)  # for the whole run: messages, prompts, the phones' first language, the result and the report
    if answers and resume:
        fail(_("use either --answers or --resume, not both."), 2)
    if answers and (quick or plain):
        fail(_("--quick and --plain change the questions asked; an answers file asks none."), 2)
    from ..wording import set_easy

    set_easy(easy)  # the questions and every view of the result in Easy Read (a resumed run may turn it on)
    if room and answers:
        fail(_("--room asks the questions of a room; it cannot be used with --answers."), 2)
    if not room and (host is not None or port or max_devices != 200 or per_address != 3 or min_lens != 3 or people):
        fail(_("--host, --port, --max-devices, --joins-per-address, --min-lens-votes and --people go with --room."), 2)
    cat = catalogue(data_dir)
    outputs = Outputs(save, svg, html, force)
    given = _Given(service, keyword, group, lenses)
    if answers is not None:
        result = _score_file(cat, answers, outputs, given)
    else:
        options = None
        if room:
            from .room import RoomOptions

            options = RoomOptions(host, port or 0, max_devices, per_address, min_lens, people)  # 0: a free one
        result = _interactive(cat, resume, outputs, given, fmt, options, quick=quick, plain=plain, easy=easy)
    if fmt == TextJson.json:
        from .. import __version__

        echo_json(result.as_dict(cat.framework, __version__))
        return
    from .present import show_result

    show_result(result, cat, full=full)


class _Given(NamedTuple):
    """The options given on the command line that change what a file says."""

    service: str | None
    keyword: list[str] | None
    group: bool
    lenses: str | None


def _apply(a: Assessment, given: _Given) -> None:
    """Options given on the command line, over what a file says."""
    service, keyword, group, lenses = given
    if service:
        a.service = service
    if keyword:
        a.keywords = [k.strip() for k in keyword if k.strip()]
    if group:
        a.group = True
    if lenses is not None:
        a.lenses = lens_names(lenses)


def _score_file(cat: Catalogue, path: Path, outputs: Outputs, given: _Given) -> Result:
    """assess --answers: score a file without asking anything."""
    from ..assessment import evaluate, load_assessment
    from .outputs import check_outputs, keep_actions, write_outputs

    check_outputs(outputs)
    a = load_assessment(path, cat.framework)
    _apply(a, given)
    result = evaluate(cat, a)
    write_outputs(result, cat, outputs)
    keep_actions(a)
    return result


def _interactive(
    cat: Catalogue,
    resume: Path | None,
    outputs: Outputs,
    given: _Given,
    fmt: TextJson,
    room: RoomOptions | None = None,
    *,
    quick: bool = False,
    plain: bool = False,
    easy: bool = False,
) -> Result:
    """Ask the questions (from the start, or from where a resume file stopped), saving after every answer."""
    from ..resume import ResumeFile, find_unfinished
    from ..session import SavedRun, parse_run
    from ..yamlio import load_file
    from .interactive import offer_unfinished, run

    ui = console(stderr=fmt == TextJson.json)
    if resume is None and (found := find_unfinished()):
        resume = offer_unfinished(ui, cat, found)
    if resume is not None:
        store = ResumeFile.resume(resume)  # refuses a file another running assessment is writing
        try:
            state = parse_run(load_file(resume), str(resume), cat.framework)
        except BaseException:
            store.close()
            raise
        state.outputs = outputs.over(state.outputs)  # options given again override the first run's
        state.plain = state.plain or plain  # a quick run stays quick: its position counts quick steps
        state.easy = state.easy or easy
        if state.room:  # a room carries on as a room, at the same join address when it can
            from .room import options_from

            room = options_from(state.room, room)
    else:
        store = ResumeFile(service=given.service)
        state = SavedRun(outputs=outputs, quick=quick, plain=plain, easy=easy)
    if state.easy:  # a run begun in Easy Read carries on in it
        from ..wording import set_easy

        set_easy(True)
    try:
        from .outputs import check_outputs

        check_outputs(state.outputs, resume)  # refused before any question, not after twenty minutes of work
    except BaseException:
        store.close()
        raise
    _apply(state.assessment, given)
    return run(
        cat,
        state,
        store,
        ui_to_stderr=fmt == TextJson.json,
        ask_intro=resume is None and not given.service,
        room=room,
    )


@commands.command(
    examples=[
        (N_("An answers file to fill in, then score"), "coprotool template > answers.yaml"),
        (N_("A header row for a survey form or spreadsheet"), "coprotool template --format csv --headers text"),
    ],
    help=N_("Print a blank answers file (with the questions as comments) or a CSV header row."),
)
@handle_errors
def template(
    fmt: Annotated[
        TemplateFormat,
        choice(
            "--format",
            "-f",
            values=TemplateFormat,
            default="yaml",
            help=N_(
                "yaml: an answers file to fill in (json: the same, for scripts); csv: a header row for a form or "
                "spreadsheet"
            ),
        ),
    ] = TemplateFormat.yaml,
    headers: Annotated[
        Headers,
        choice("--headers", values=Headers, default="id", help=N_("For csv: id (assets.1) or text (the questions)")),
    ] = Headers.id,
    easy: Annotated[
        bool, flag("--easy", help=N_("Easy Read: the questions in the comments (and csv text headers) in Easy Read."))
    ] = False,
    lang: Annotated[
        Lang,
        lang_option(
            N_("The language of the comments and questions (both: Welsh, then English); keys and ids never change")
        ),
    ] = Lang.en,
    data_dir: DataDir = None,
) -> None:
    from .. import i18n
    from ..template import csv_header, json_template, yaml_template

    i18n.choose(lang)
    cat = catalogue(data_dir)
    fw = cat.framework
    if fmt == TemplateFormat.yaml:
        echo(yaml_template(fw, i18n.order(lang), easy=easy, ladder=cat.ladder), nl=False)
    elif fmt == TemplateFormat.json:
        import json

        echo(json.dumps(json_template(fw), indent=2))
    else:
        from ..view import current_variant

        echo(csv_header(fw, headers.value, current_variant(easy)), nl=False)


def lens_names(text: str) -> list[str]:
    """--lenses as names: comma-separated, blanks dropped, no repeats, 'prefer not to say' implied."""
    from ..scoring import NO_LENS

    names: list[str] = []
    for part in text.split(","):
        name = " ".join(part.split())[:60]
        if name and name.casefold() not in {n.casefold() for n in [NO_LENS, *names]}:  # 'Staff,staff': one lens
            names.append(name)
    if not names or len(names) > 8:
        fail(_("--lenses takes one to eight names separated by commas, e.g. 'People who use services,Staff'."), 2)
    return names
