"""One case study laid out for an 80-column terminal, as Styled text (no Rich needed to build it)."""

from __future__ import annotations

from ..model import CaseStudy, Framework
from .doc import Doc
from .styled import Styled
from .wedge import fill_chars, wedge_text


def source_text(fw: Framework, where: str) -> str:
    s = fw.source
    ours = f"{fw.credits.catalogue} {fw.credits.our_wording}"
    return f"Source: {s.title} ({', '.join(s.publishers)}, {s.year}), {where}. {ours}"


def case_study_view(c: CaseStudy, fw: Framework, names: dict[str, str], width: int, unicode: bool) -> Styled:
    """Everything about one case study, to read at a glance in 80 columns."""
    fill = fill_chars(unicode)
    doc = Doc(width)
    title, aliases = f"{c.number}. {c.name}", f"({', '.join(c.aliases)})" if c.aliases else ""
    if len(title) + len(aliases) + 2 < doc.width:
        doc.text.append(title, style="bold").append(f"  {aliases}" if aliases else "", style="dim")
        doc.line()
    else:  # a narrow terminal: name and aliases on lines of their own, wrapped
        doc.line(title, "bold")
        if aliases:
            doc.line(aliases, "dim")
    doc.row([("Where", "bold"), (c.location, "")], [8])
    doc.row([("Depth", "bold"), (f"{c.depth_text}: {c.depth_note}", "")], [8])
    doc.row([("Keywords", "bold"), (", ".join(c.keywords) or "none", "")], [8])
    doc.line()
    doc.append(wedge_text(fw, c.scores, width, unicode))
    doc.line()
    doc.row([("Principle", "bold"), ("Rating", "bold"), ("Why (our reading of the text)", "bold")], [13, 7])
    for p in fw.principles:
        r = c.ratings[p.id]
        doc.row([(p.name, f"bold {p.colour}"), (f"{fill[r.score] * 3} {r.score}/3", p.colour), (r.reason, "")], [13, 7])
    doc.para(fw.credits.ratings, style="dim")
    doc.heading("Summary").para(c.summary)
    if c.learning:
        doc.heading("What others can learn")
        for lesson in c.learning:
            doc.hanging("•", lesson.lesson)
            for q in lesson.questions:
                doc.hanging("?", q, indent=4, mark_style="bold")
    doc.section("How it could go further", c.going_further)
    doc.section("Evidence of impact", c.evidence or ["The catalogue reports no evidence of impact."])
    doc.section("Figures", (f"{f.figure}: {f.about}" for f in c.figures))
    doc.section("See also", (f"{slug}  ({names.get(slug, slug)})" for slug in c.see_also), mark="→")
    doc.section("Also mentioned in the text", (f"{slug}  ({names.get(slug, slug)})" for slug in c.related), mark="→")
    doc.section("Links", (f"{link.url}  {link.label}" for link in c.links), mark="→")
    doc.line()
    doc.para(source_text(fw, f"case study {c.number}"), indent=0, style="dim")
    return doc.text
