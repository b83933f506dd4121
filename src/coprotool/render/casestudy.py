"""One case study laid out for an 80-column terminal, as Styled text (no Rich needed to build it).

The case studies are the catalogue's and are not translated: in Welsh the page's own words are Welsh and the
case study itself stays in English, which the page says at the top.
"""

from __future__ import annotations

from ..i18n import _, current
from ..model import CaseStudy, Framework
from ..wording import text, variant_for
from .doc import Doc
from .styled import Styled
from .wedge import WedgeKey, fill_chars, wedge_text

LABEL = 8  # the label column of the first rows ("Keywords"), wider where a language's labels are longer
PRINCIPLE = 13  # the principle column of the ratings ("Capabilities")


def source_text(fw: Framework, where: str) -> str:
    """The source line: the catalogue's title, publishers and year, the part of it meant (`where`, said in
    the language in use), and which words are ours."""
    s = fw.source
    v = variant_for(current())
    ours = f"{text(fw.credits.catalogue, v)} {text(fw.credits.our_wording, v)}"
    said = _("Source: %(title)s (%(publishers)s, %(year)s), %(where)s.") % {
        "title": s.title,
        "publishers": ", ".join(s.publishers),
        "year": s.year,
        "where": where,
    }
    return f"{said} {ours}"


def depth_text(fw: Framework, c: CaseStudy) -> str:
    """The depth as the catalogue states it, in the language in use: 'intermediate, moving towards
    transformative', or 'not stated'."""
    if c.depth is None:
        return _("not stated")
    v = variant_for(current())
    depth = text(fw.depth(c.depth).name, v).lower()
    if not c.moving_towards:
        return depth
    towards = text(fw.depth(c.moving_towards).name, v).lower()
    return _("%(depth)s, moving towards %(towards)s") % {"depth": depth, "towards": towards}


def case_study_view(c: CaseStudy, fw: Framework, names: dict[str, str], width: int, unicode: bool) -> Styled:
    """Everything about one case study, to read at a glance in 80 columns."""
    fill = fill_chars(unicode)
    v = variant_for(current())
    doc = Doc(width)
    if current() != "en":  # the catalogue's case studies are in English only: said first, in the reader's language
        doc.para(_("This case study is in English only: the catalogue's case studies are not translated."), indent=0)
        doc.line()
    title, aliases = f"{c.number}. {c.name}", f"({', '.join(c.aliases)})" if c.aliases else ""
    if len(title) + len(aliases) + 2 < doc.width:
        doc.text.append(title, style="bold").append(f"  {aliases}" if aliases else "", style="dim")
        doc.line()
    else:  # a narrow terminal: name and aliases on lines of their own, wrapped
        doc.line(title, "bold")
        if aliases:
            doc.line(aliases, "dim")
    labels = (_("Where"), _("Depth"), _("Keywords"))
    label = [max(LABEL, *map(len, labels))]
    doc.row([(labels[0], "bold"), (c.location, "")], label)
    doc.row([(labels[1], "bold"), (f"{depth_text(fw, c)}: {c.depth_note}", "")], label)
    doc.row([(labels[2], "bold"), (", ".join(c.keywords) or _("none"), "")], label)
    doc.line()
    doc.append(wedge_text(WedgeKey.of(fw, v), c.scores, width, unicode))
    doc.line()
    shown = {p.id: text(p.name, v) for p in fw.principles}
    widths = [max(PRINCIPLE, *map(len, shown.values())), 7]
    head = (_("Principle"), _("Rating"), _("Why (our reading of the text)"))
    doc.row([(h, "bold") for h in head], widths)
    for p in fw.principles:
        r = c.ratings[p.id]
        doc.row(
            [(shown[p.id], f"bold {p.colour}"), (f"{fill[r.score] * 3} {r.score}/3", p.colour), (r.reason, "")], widths
        )
    doc.para(text(fw.credits.ratings, v), style="dim")
    doc.heading(_("Summary")).para(c.summary)
    if c.learning:
        doc.heading(_("What others can learn"))
        for lesson in c.learning:
            doc.hanging("•", lesson.lesson)
            for q in lesson.questions:
                doc.hanging("?", q, indent=4, mark_style="bold")
    doc.section(_("How it could go further"), c.going_further)
    doc.section(_("Evidence of impact"), c.evidence or [_("The catalogue reports no evidence of impact.")])
    doc.section(_("Figures"), (f"{f.figure}: {f.about}" for f in c.figures))
    doc.section(_("See also"), (f"{slug}  ({names.get(slug, slug)})" for slug in c.see_also), mark="→")
    doc.section(_("Also mentioned in the text"), (f"{slug}  ({names.get(slug, slug)})" for slug in c.related), mark="→")
    doc.section(_("Links"), (f"{link.url}  {link.label}" for link in c.links), mark="→")
    doc.line()
    doc.para(source_text(fw, _("case study %(number)d") % {"number": c.number}), indent=0, style="dim")
    return doc.text
