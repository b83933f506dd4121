"""The catalogue's lists, case studies and resources, as plain styled text (no Rich, so they start fast)."""

from __future__ import annotations

from collections.abc import Sequence

from ..i18n import N_, _, current, ngettext
from ..model import CaseStudy, Framework, Resource
from ..wording import text, variant_for
from .casestudy import depth_text
from .doc import Doc
from .styled import Styled
from .table import Cell, Column, table
from .wedge import fill_chars, small_wedge

# The kinds of resource as shown; the data and --kind keep the English ids.
KINDS = {"research": N_("research"), "guidance": N_("guidance"), "multimedia": N_("multimedia")}


def case_study_lines(
    studies: Sequence[CaseStudy], fw: Framework, unicode: bool, width: int, long: bool = False
) -> Styled:
    """The case studies one line each (slug, wedge, depth), to fit one screen; `long` adds each one's name
    (the slug under it) and keywords, over several lines."""
    colours = [p.colour for p in fw.principles]
    rows: list[list[Cell]] = []
    for c in studies:
        strip = Styled()
        for ch, colour in zip(small_wedge(c.scores, unicode), colours):
            strip.append(ch, colour)
        name = f"{c.name}\n{c.slug}" if long else c.slug
        depth = depth_text(fw, c) if c.depth else "-"
        rows.append([str(c.number), name, strip, depth, *([", ".join(c.keywords)] if long else [])])
    columns = [
        Column("#", right=True),
        Column(_("Case study"), wrap=long),
        Column(_("Wedge")),
        Column(_("Depth"), wrap=True),
    ]
    if long:
        columns.append(Column(_("Keywords"), wrap=True))
    doc = Doc(width)
    if current() != "en":
        doc.para(_("(Case studies are in English only.)"), indent=0)
    doc.append(table(columns, rows, width, indent=1, spaced=long))
    doc.line()
    fill = fill_chars(unicode)
    v = variant_for(current())
    names = ", ".join(text(p.name, v) for p in fw.principles)
    doc.para(_("Wedge: %(names)s") % {"names": names}, indent=0, style="dim")
    strength = "  ".join(f"{fill[n]} {n}" for n in range(4))
    count = ngettext(
        "%(num)d case study; one in full: coprotool show SLUG",
        "%(num)d case studies; one in full: coprotool show SLUG",
        len(studies),
    ) % {"num": len(studies)}
    doc.para(_("Strength: %(strength)s. %(count)s") % {"strength": strength, "count": count}, indent=0, style="dim")
    doc.para(" ".join(text(fw.credits.ratings, v).split()), indent=0, style="dim")
    return doc.text


def resources_view(resources: Sequence[Resource], width: int) -> Styled:
    """The reading lists: each resource's title (its author and year, and its address, under it), its kind
    and what it is."""
    rows: list[list[Cell]] = []
    for r in resources:
        by = ", ".join(str(x) for x in (r.author, r.year) if x)
        kind = _(KINDS.get(r.kind, r.kind))
        rows.append(["\n".join(x for x in (r.title, by, r.url) if x), kind, r.description])
    columns = [Column(_("Resource"), wrap=True), Column(_("Kind")), Column(_("What it is"), wrap=True)]
    doc = Doc(width)
    if current() != "en":
        doc.para(_("The resources are in English only: the catalogue's reading lists are not translated."), indent=0)
        doc.line()
    doc.append(table(columns, rows, width, indent=1, spaced=True))
    count = ngettext("%(num)d resource.", "%(num)d resources.", len(resources)) % {"num": len(resources)}
    return doc.line(count, "dim").text
