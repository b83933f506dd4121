"""Look-up commands: show, list, principles (questions), resources, ladder.

Each takes --lang: the page's words through gettext and the catalogue's texts in that language's wording,
Welsh then English for both; messages on standard error in the first language; JSON and YAML the same
whatever the language.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from .. import i18n
from ..i18n import N_, _
from ..text import file_name
from .common import (
    Commands,
    DataDir,
    Format,
    catalogue,
    console,
    each_language,
    emit,
    fail,
    handle_errors,
    note,
    print_styled,
    print_trimmed,
)
from .options import FILE, NAME, WORD, Lang, argument, flag, force_flag, format_option, lang_option, number, option

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..catalogue import Catalogue
    from ..render.styled import Styled

commands = Commands()
FormatOpt = Annotated[Format, format_option(Format)]
LangOpt = Annotated[Lang, lang_option(N_("The language of the page"))]


def _in_each(build: Callable[[int, bool], Styled]) -> Callable[[int, bool], Styled]:
    """`build` in each language the run's --lang shows (both: Welsh, a blank line, then English)."""
    from ..render.styled import Styled

    def built(width: int, unicode: bool) -> Styled:
        out = Styled()
        for _lang in each_language(lambda: out.append("\n")):
            out.append_text(build(width, unicode))
        return out

    return built


def _print_each(build: Callable[[], RenderableType]) -> None:
    """A Rich page in each language the run's --lang shows, one after the other."""
    out = console()
    for _lang in each_language(out.print):
        print_trimmed(out, build())


@commands.command(
    examples=[
        (N_("One case study: its wedge, ratings and lessons"), "coprotool show shared-lives"),
        (N_("One principle and its questions, for a script"), "coprotool show 'blur roles' --format json"),
    ],
    help=N_("Show one case study (with its wedge) or one principle (with its questions)."),
)
@handle_errors
def show(
    query: Annotated[
        str,
        argument(
            NAME,
            N_(
                "A case study or principle: slug, name, acronym or alias "
                "(shared-lives, 'Shared Lives', SUN, ecdp, 'blur roles')."
            ),
        ),
    ],
    fmt: FormatOpt = Format.text,
    svg: Annotated[Path | None, option("--svg", meta=FILE, help=N_("Also write the wedge to this SVG file."))] = None,
    force: Annotated[bool, force_flag(N_("the SVG file"))] = False,
    lang: LangOpt = Lang.en,
    data_dir: DataDir = None,
) -> None:
    from ..errors import NotFound
    from ..export import case_study_dict, principle_dict
    from ..lookup import find
    from ..model import CaseStudy

    i18n.choose(lang)
    cat = catalogue(data_dir)
    try:
        found = find(cat, query)
    except NotFound as exc:
        fail(str(exc), 1)
    fw = cat.framework
    if svg is not None:
        if not isinstance(found, CaseStudy):
            fail(_("--svg draws a case study's wedge, and '%(query)s' is a principle.") % {"query": query}, 2)
        from ..files import write_atomic
        from ..render.svg import wedge_svg
        from ..render.wedge import WedgeKey
        from ..wording import variant_for

        title = _("%(service)s: co-production wedge") % {"service": found.name}
        key = WedgeKey.of(fw, variant_for(i18n.current()))  # the SVG in the run's first language
        write_atomic(svg, wedge_svg(key, found.scores, title), force=force)
    if fmt != Format.text:
        emit(case_study_dict(found, fw) if isinstance(found, CaseStudy) else principle_dict(found, fw), fmt)
        return
    if isinstance(found, CaseStudy):
        from ..render.casestudy import case_study_view

        names = {s: _name(cat, s) for s in (*found.see_also, *found.related)}
        print_styled(_in_each(lambda width, unicode: case_study_view(found, fw, names, width, unicode)))
    else:
        from ..render.catalogue import principle_view

        _print_each(lambda: principle_view(found, fw))
    if svg is not None:
        note(_("Wedge written to %(file)s") % {"file": file_name(svg)})


def _name(cat: Catalogue, slug: str) -> str:
    return cat.case_study(slug).name


@commands.command(
    "list",
    examples=[
        (N_("The case studies about peer support"), "coprotool list --keyword peer"),
        (N_("Those rated 3 on networks, with names and keywords"), "coprotool list -p networks --min 3 --long"),
    ],
    help=N_("List the case studies, each with a small wedge and its depth (--long: with names and keywords)."),
)
@handle_errors
def list_(
    keyword: Annotated[
        str | None,
        option(
            "--keyword",
            "-k",
            meta=WORD,
            help=N_("Only case studies with this keyword (any case; part of a keyword is enough)."),
        ),
    ] = None,
    principle: Annotated[
        str | None, option("--principle", "-p", meta=NAME, help=N_("With --min: a principle's name."))
    ] = None,
    min_rating: Annotated[
        int, number("--min", low=0, high=3, help=N_("Only those rated at least this on --principle (default: 2)."))
    ] = 2,
    depth: Annotated[
        str | None,
        option(
            "--depth",
            meta="descriptive|intermediate|transformative|none",
            help=N_("Only case studies at this depth (none: the catalogue does not say)."),
        ),
    ] = None,
    long: Annotated[
        bool, flag("--long", "-l", help=N_("Each case study's full name and keywords, over several lines."))
    ] = False,
    fmt: FormatOpt = Format.text,
    lang: LangOpt = Lang.en,
    data_dir: DataDir = None,
) -> None:
    from ..export import case_study_dict
    from ..filters import filter_case_studies

    i18n.choose(lang)
    cat = catalogue(data_dir)
    studies = filter_case_studies(cat, keyword=keyword, principle=principle, min_rating=min_rating, depth=depth)
    if fmt != Format.text:
        emit([case_study_dict(c, cat.framework) for c in studies], fmt)
        return
    from ..render.lists import case_study_lines

    print_styled(_in_each(lambda width, unicode: case_study_lines(studies, cat.framework, unicode, width, long)))


@commands.command(
    examples=[
        (N_("The six principles and their questions"), "coprotool principles"),
        (N_("The same, for a script"), "coprotool principles --format yaml"),
    ],
    help=N_("The six principles, their workshop questions, and the answer scale."),
)
@handle_errors
def principles(fmt: FormatOpt = Format.text, lang: LangOpt = Lang.en, data_dir: DataDir = None) -> None:
    _principles(fmt, lang, data_dir)


@commands.command(
    "questions",
    help=N_("Same as 'principles': the six principles and their questions."),
    examples=[(N_("The questions a workshop answers"), "coprotool questions")],
)
@handle_errors
def questions(fmt: FormatOpt = Format.text, lang: LangOpt = Lang.en, data_dir: DataDir = None) -> None:
    _principles(fmt, lang, data_dir)


def _principles(fmt: Format, lang: Lang, data_dir: Path | None) -> None:
    from ..export import principle_dict, scale_list

    i18n.choose(lang)
    fw = catalogue(data_dir).framework
    if fmt != Format.text:
        emit({"principles": [principle_dict(p, fw) for p in fw.principles], "scale": scale_list(fw)}, fmt)
        return
    from ..render.catalogue import principles_view

    _print_each(lambda: principles_view(fw))


@commands.command(
    examples=[
        (N_("Practical guidance to read"), "coprotool resources --kind guidance"),
        (N_("What to read on networks"), "coprotool resources --principle networks"),
    ],
    help=N_("The catalogue's reading lists: research, practical guidance and films."),
)
@handle_errors
def resources(
    keyword: Annotated[
        str | None, option("--keyword", "-k", meta=WORD, help=N_("Only resources with this keyword."))
    ] = None,
    kind: Annotated[
        str | None,
        option(
            "--kind",
            meta="research|guidance|multimedia",
            help=N_("Only resources of this kind (films are multimedia)."),
        ),
    ] = None,
    principle: Annotated[
        str | None, option("--principle", "-p", meta=NAME, help=N_("Only resources on this principle."))
    ] = None,
    fmt: FormatOpt = Format.text,
    lang: LangOpt = Lang.en,
    data_dir: DataDir = None,
) -> None:
    from ..export import resource_dict
    from ..filters import filter_resources

    i18n.choose(lang)
    cat = catalogue(data_dir)
    found = filter_resources(cat, keyword=keyword, kind=kind, principle=principle)
    if fmt != Format.text:
        emit([resource_dict(r) for r in found], fmt)
        return
    from ..render.lists import resources_view

    print_styled(_in_each(lambda width, unicode: resources_view(found, width)))


@commands.command(
    examples=[
        (N_("The seven rungs, top first"), "coprotool ladder"),
        (N_("The same, for a script"), "coprotool ladder --format json"),
    ],
    help=N_("The ladder of co-production (Think Local Act Personal): seven rungs, from coercion to co-production."),
)
@handle_errors
def ladder(fmt: FormatOpt = Format.text, lang: LangOpt = Lang.en, data_dir: DataDir = None) -> None:
    i18n.choose(lang)
    cat = catalogue(data_dir)
    found = cat.ladder
    if fmt != Format.text:
        from ..export import ladder_dict

        emit(ladder_dict(found), fmt)
        return
    from ..render.ladder import ladder_view

    print_styled(_in_each(lambda width, unicode: ladder_view(found, width)))
