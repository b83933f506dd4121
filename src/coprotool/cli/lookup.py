"""Look-up commands: show, list, principles (questions), resources."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .common import (
    Commands,
    DataDir,
    Format,
    catalogue,
    console,
    emit,
    fail,
    handle_errors,
    note,
    print_styled,
    unicode_ok,
)

if TYPE_CHECKING:
    from ..catalogue import Catalogue

commands = Commands()
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="text for people; json or yaml for scripts.")]


@commands.command()
@handle_errors
def show(
    query: Annotated[
        str,
        typer.Argument(
            help="A case study or principle: slug, name, acronym or alias "
            "(shared-lives, 'Shared Lives', SUN, ecdp, 'blur roles')."
        ),
    ],
    fmt: FormatOpt = Format.text,
    svg: Annotated[Path | None, typer.Option("--svg", help="Also write the wedge to this SVG file.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the SVG file if it exists.")] = False,
    data_dir: DataDir = None,
) -> None:
    """Show one case study (with its wedge) or one principle (with its questions)."""
    from ..errors import NotFound
    from ..export import case_study_dict, principle_dict
    from ..lookup import find
    from ..model import CaseStudy

    cat = catalogue(data_dir)
    try:
        found = find(cat, query)
    except NotFound as exc:
        fail(str(exc), 1)
    fw = cat.framework
    if svg is not None:
        if not isinstance(found, CaseStudy):
            fail(f"--svg draws a case study's wedge, and '{query}' is a principle.", 2)
        from ..files import write_atomic
        from ..render.svg import wedge_svg

        write_atomic(svg, wedge_svg(fw, found.scores, f"{found.name}: co-production wedge"), force=force)
    if fmt != Format.text:
        emit(case_study_dict(found, fw) if isinstance(found, CaseStudy) else principle_dict(found, fw), fmt)
        return
    if isinstance(found, CaseStudy):
        from ..render.casestudy import case_study_view

        names = {s: _name(cat, s) for s in (*found.see_also, *found.related)}
        print_styled(lambda width, unicode: case_study_view(found, fw, names, width, unicode))
    else:
        from ..render.catalogue import principle_view

        console().print(principle_view(found, fw))
    if svg is not None:
        note(f"Wedge written to {svg}")


def _name(cat: Catalogue, slug: str) -> str:
    return cat.case_study(slug).name


@commands.command("list")
@handle_errors
def list_(
    keyword: Annotated[
        str | None,
        typer.Option(
            "--keyword", "-k", help="Only case studies with this keyword (any case; part of a keyword is enough)."
        ),
    ] = None,
    principle: Annotated[
        str | None, typer.Option("--principle", "-p", help="With --min: a principle id or name.")
    ] = None,
    min_rating: Annotated[
        int, typer.Option("--min", min=0, max=3, help="Only those rated at least this on --principle.")
    ] = 2,
    depth: Annotated[
        str | None, typer.Option("--depth", help="descriptive, intermediate, transformative, or none (not stated).")
    ] = None,
    fmt: FormatOpt = Format.text,
    data_dir: DataDir = None,
) -> None:
    """List the case studies, each with a small wedge and its depth."""
    from ..export import case_study_dict
    from ..filters import filter_case_studies

    cat = catalogue(data_dir)
    studies = filter_case_studies(cat, keyword=keyword, principle=principle, min_rating=min_rating, depth=depth)
    if fmt != Format.text:
        emit([case_study_dict(c, cat.framework) for c in studies], fmt)
        return
    from ..render.catalogue import case_study_table

    out = console()
    out.print(case_study_table(studies, cat.framework, unicode_ok(out.file), out.width))


@commands.command()
@handle_errors
def principles(fmt: FormatOpt = Format.text, data_dir: DataDir = None) -> None:
    """The six principles, their workshop questions, and the answer scale."""
    _principles(fmt, data_dir)


@commands.command("questions", help="Same as 'principles': the six principles and their questions.")
@handle_errors
def questions(fmt: FormatOpt = Format.text, data_dir: DataDir = None) -> None:
    _principles(fmt, data_dir)


def _principles(fmt: Format, data_dir: Path | None) -> None:
    from ..export import principle_dict, scale_list

    fw = catalogue(data_dir).framework
    if fmt != Format.text:
        emit({"principles": [principle_dict(p, fw) for p in fw.principles], "scale": scale_list(fw)}, fmt)
        return
    from ..render.catalogue import principles_view

    console().print(principles_view(fw))


@commands.command()
@handle_errors
def resources(
    keyword: Annotated[str | None, typer.Option("--keyword", "-k", help="Only resources with this keyword.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="research, guidance or multimedia.")] = None,
    principle: Annotated[
        str | None, typer.Option("--principle", "-p", help="Only resources on this principle.")
    ] = None,
    fmt: FormatOpt = Format.text,
    data_dir: DataDir = None,
) -> None:
    """The catalogue's reading lists: research, practical guidance and films."""
    from ..export import resource_dict
    from ..filters import filter_resources

    cat = catalogue(data_dir)
    found = filter_resources(cat, keyword=keyword, kind=kind, principle=principle)
    if fmt != Format.text:
        emit([resource_dict(r) for r in found], fmt)
        return
    from ..render.catalogue import resources_table

    console().print(resources_table(found))


@commands.command()
@handle_errors
def ladder(fmt: FormatOpt = Format.text, data_dir: DataDir = None) -> None:
    """The ladder of co-production (Think Local Act Personal): seven rungs, from coercion to co-production."""
    cat = catalogue(data_dir)
    found = cat.ladder
    if fmt != Format.text:
        from ..export import ladder_dict

        emit(ladder_dict(found), fmt)
        return
    from ..render.ladder import ladder_view

    print_styled(lambda width, unicode: ladder_view(found, width))
