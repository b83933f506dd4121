"""A report to hand round, from the one view of a result: one self-contained HTML page (inline CSS and
SVG, no scripts, nothing fetched), or the same content as Markdown.

The first page stands alone: the title, a large wedge, the depth, the three most useful next steps and
where the room disagreed. Everything else follows as an appendix, each thing said once. The HTML comes
from a Jinja2 template with autoescaping on, so everything a user typed is escaped; Jinja2 is imported
only when a report is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from .. import i18n
from ..i18n import _, ngettext
from ..view import LOOKS_LIKE, CompareView, ResultView
from .svg import wedge_svg
from .wedge import WedgeKey

if TYPE_CHECKING:
    pass

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Arial, sans-serif; color: #111; background: #fff; margin: 0 auto;
       max-width: 52rem; line-height: 1.45; padding: 1rem; overflow-wrap: break-word; }
h1 { font-size: 1.7rem; margin: .2rem 0; } h2 { font-size: 1.3rem; margin-top: 1.4rem; }
h3 { font-size: 1.15rem; margin-top: 1.6rem; border-bottom: 1px solid #999; padding-bottom: .2rem; }
h4 { font-size: 1.05rem; margin: 0 0 .2rem; }
.meta { color: #444; margin-top: 0; }
.wedge svg { display: block; width: 100%; max-width: 40rem; height: auto; margin: .5rem auto; }
.depth { font-size: 1.4rem; font-weight: bold; margin-bottom: .2rem; }
.lead { font-size: 1.25rem; font-weight: bold; margin: .6rem 0; }
.steps li, .agreed li, .since li { margin-bottom: .4rem; }
.from, .votes, .note, .source { color: #444; }
.disagree { border-left: 4px solid #D55E00; padding-left: 1.6rem; }
.appendix h2 { border-top: 3px solid #111; padding-top: .6rem; }
.principles { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: .8rem; }
.principle { border: 1px solid #bbb; border-radius: .4rem; padding: .6rem .8rem; }
.principle p { margin: .3rem 0; }
.level { font-weight: bold; }
.swatch { display: inline-block; width: 1rem; height: 1rem; border: 1px solid #333; margin-right: .4rem;
          vertical-align: -.1rem; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: .5rem 0; }
th, td { text-align: left; vertical-align: top; padding: .3rem .4rem; border-bottom: 1px solid #ccc; }
th:last-child, td:last-child { width: 32%; }
th { background: #f0f0f0; }
ul, ol { padding-left: 1.3rem; }
.source { font-size: .85rem; margin-top: 2rem; }
.both { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(24rem, 100%), 1fr)); gap: 2rem; }
body:has(.both) { max-width: 110rem; }
@page { size: A4; margin: 15mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .first { break-after: page; page-break-after: always; }
  .both { display: block; }
  .both > .report + .report { break-before: page; page-break-before: always; }
  .wedge svg { max-width: 15cm; }
  /* Page 1 stands alone on one A4 sheet: a smaller wedge and tighter spacing. */
  .first .wedge svg { max-width: 9cm; margin: 0 auto; }
  .first h2 { margin: .9rem 0 .3rem; }
  .first p, .first ol, .first ul { margin: .35rem 0; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  tr, li, .principle { break-inside: avoid; page-break-inside: avoid; }
  a { color: #111; text-decoration: none; }
}
"""


# The Easy Read report: large type (16 pt and up), a picture beside each point, a few pages.
EASY_CSS = """
html { font-size: 16pt; }
body { line-height: 1.4; max-width: 46rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.25rem; }
.wedge svg { max-width: 24rem; }
.point { display: flex; gap: .8rem; align-items: flex-start; margin: 0 0 .7rem; break-inside: avoid; }
.point .picture { flex: 0 0 3rem; display: inline-flex; }
.point .picture svg { width: 3rem; height: 3rem; }
.point h3 { margin: 0 0 .1rem; font-size: 1.1rem; border: none; padding: 0; }
.point p { margin: .1rem 0; }
.note { font-size: 1rem; }
@media print {
  body { font-size: 16pt; }
  .first { break-after: auto; page-break-after: auto; }
  .first .wedge svg { max-width: 11cm; }
}
"""


def report_html(views: ResultView | Sequence[tuple[str, ResultView]], easy: bool = False) -> str:
    """The report as one self-contained HTML page: one view in the language in use, or several views each
    with its language (Welsh then English for --lang both), side by side on screen and one after the other
    in print. Each view is built in its own language (i18n.using) by the caller."""
    from markupsafe import Markup

    from .translated import package_environment  # Jinja2 and markupsafe load only here

    pairs = [(i18n.current(), views)] if isinstance(views, ResultView) else list(views)
    env = package_environment()
    bodies = []
    for lang, view in pairs:
        with i18n.using(lang):  # type: ignore[arg-type]  # a shipped language, from i18n.order
            title = i18n.gettext("%(service)s: co-production wedge") % {
                "service": view.service or i18n.gettext("This service")
            }
            wedge = Markup(wedge_svg(WedgeKey.of_view(view), view.levels, title, caption=False, ident=f"wedge-{lang}"))
            one: dict[str, Any] = {"v": view, "wedge": wedge, "lang": lang, "looks_like": i18n.gettext(LOOKS_LIKE)}
            if easy:
                one.update(_easy_context(view))
            body = env.get_template("_report_easy.html" if easy else "_report.html").render(one)
        bodies.append((lang, Markup(body)))
    first = pairs[0][1]
    css = Markup(CSS + EASY_CSS if easy else CSS)
    context: dict[str, Any] = {"v": first, "css": css, "reports": bodies, "page_lang": pairs[0][0]}
    return env.get_template("report.html").render(context)


def _easy_context(view: ResultView) -> dict[str, Any]:
    """The pictures beside each principle (its level drawn on the picture scale) and what each name means."""
    from markupsafe import Markup

    from .pictures import not_sure_picture, scale_pictures

    return {  # drawn by our own code: no input in them
        "pictures": [Markup(svg) for svg in scale_pictures(len(view.scale))],
        "not_sure": Markup(not_sure_picture()),
        "meanings": [meaning for _, meaning in view.explanations[: len(view.principles)]],
    }


COMPARE_CSS = """
.wedges { display: flex; flex-wrap: wrap; gap: .5rem; justify-content: center; }
.wedge { flex: 1 1 16rem; max-width: 24rem; margin: 0; }
.wedge figcaption { text-align: center; }
.wedge svg { max-width: 100%; }
td:last-child, th:last-child { width: auto; }
dt { font-weight: bold; margin-top: .5rem; } dd { margin-left: 1rem; }
"""


def compare_html(views: CompareView | Sequence[tuple[str, CompareView]], version: str) -> str:
    """A comparison as one self-contained page: the wedges side by side, then what changed. One view in the
    language in use, or several each with its language (Welsh then English for --lang both), side by side
    as the report's are. Each view is built in its own language (i18n.using) by the caller."""
    from markupsafe import Markup

    from .translated import package_environment  # Jinja2 and markupsafe load only here

    pairs = [(i18n.current(), views)] if isinstance(views, CompareView) else list(views)
    env = package_environment()
    bodies = []
    for lang, view in pairs:
        with i18n.using(lang):  # type: ignore[arg-type]  # a shipped language, from i18n.order
            key = WedgeKey({i: n for i, n, _c in view.principles}, {i: c for i, _n, c in view.principles}, view.scale)
            service = view.service or i18n.gettext("The service")
            wedges = [
                (
                    s,
                    Markup(
                        wedge_svg(
                            key,
                            s.levels,
                            i18n.gettext("%(service)s on %(date)s") % {"service": service, "date": s.date},
                            size=300,
                            caption=False,
                            ident=f"wedge-{lang}-{n}",  # every wedge's title and description ids apart
                        )
                    ),
                )
                for n, s in enumerate(view.snapshots, 1)
            ]
            one: dict[str, Any] = {"v": view, "wedges": wedges, "version": version}
            bodies.append((lang, Markup(env.get_template("_compare.html").render(one))))
    context: dict[str, Any] = {"v": pairs[0][1], "css": Markup(CSS + COMPARE_CSS), "bodies": bodies}
    return env.get_template("compare.html").render({**context, "page_lang": pairs[0][0]})


def report_markdown(views: ResultView | Sequence[tuple[str, ResultView]]) -> str:
    """The same content as the HTML report, as Markdown for pasting into documents: one view in the language
    in use, or one after the other (Welsh first for --lang both)."""
    if isinstance(views, ResultView):
        return _markdown(views)
    return "\n---\n\n".join(i18n.in_each(views, _markdown))


def _markdown(view: ResultView) -> str:
    lines = [
        f"# {_md(view.title)}",
        "",
        f"{view.date} · coprotool {view.tool_version} · "
        + _("catalogue data %(version)s") % {"version": view.data_version},
        "",
        *(
            ["## " + _("Where the lenses differ"), "", *(f"- {_md(line)}" for line in view.lens_gaps), ""]
            if view.lens_gaps
            else []
        ),
        f"**{view.depth.heading}.** {view.depth.meaning} "
        + _("%(strong)d of %(of)d principles are at level 2 or more, %(full)d at level 3.")
        % {"strong": view.depth.strong, "of": view.depth.of, "full": view.depth.full},
        "",
        *_agreed_markdown(view),
        "## " + _("Next steps"),
        "",
    ]
    if view.top_steps:
        lines += [
            f"{i}. {_md(s.text)} *"
            + _("(for %(principle)s, %(example)s)") % {"principle": s.principle, "example": _md(s.example)}
            + "*"
            for i, s in enumerate(view.top_steps, 1)
        ]
    else:
        lines.append(
            _("No principle needs suggestions: answer more questions, or every principle is at its full level.")
        )
    if view.voted:
        lines += ["", "## " + _("Where the room disagreed"), ""]
        if not view.disagreements:
            lines.append(_("Nowhere: on every question the votes were within one point of each other."))
        for d in view.disagreements:
            votes = " ".join(map(str, d.votes))
            said = _("(votes %(votes)s; agreed %(agreed)s)") % {"votes": votes, "agreed": d.agreed}
            lines.append(f"- **{d.label}:** {_md(d.text)} {said}")
        if view.more_disagreements:
            more = view.more_disagreements
            lines.append(
                "- "
                + ngettext("And %(num)d more with a narrower spread.", "And %(num)d more with a narrower spread.", more)
                % {"num": more}
            )
    lines += ["", "## " + _("Appendix"), ""]
    if view.explanations:  # the names and the depth word, explained before the table uses them
        lines += ["### " + _("What the words mean"), ""]
        lines += [f"- **{_md(word)}**: {_md(meaning)}" for word, meaning in view.explanations]
        lines.append("")
    lines += ["### " + _("The six principles"), ""]
    heads = (_("Principle"), _("Level"), _("Score"), _("Answered"), _(LOOKS_LIKE))
    lines += ["| " + " | ".join(heads) + " |", "|---|---|---|---|---|"]
    for p in view.principles:
        level = (
            _("not assessed")
            if p.level is None
            else _("%(answered)d of %(asked)d") % {"answered": p.level, "asked": view.scale_max} + f" ({p.level_label})"
        )
        answered = _("%(answered)d of %(asked)d") % {"answered": p.answered, "asked": p.asked}
        lines.append(f"| {p.name} | {level} | {p.score_text} | {answered} | {_cell(p.picture)} |")
    lines += ["", f"### {view.depth.heading}", "", view.depth.reason]
    if view.depth.next_step:
        lines += ["", f"**{view.depth.next_step}**"]
    if view.depth.basis:
        lines += ["", f"*{view.depth.basis}*"]
    lines += ["", "### " + _("Plan and deliver"), ""]
    if view.grid is None:
        lines.append(_("Not placed: the questions on who plans and who delivers the service were skipped."))
    else:
        lines.append(f"**{view.grid.name}.** {view.grid.meaning}")
        if view.grid.note:
            lines += ["", f"*{view.grid.note}*"]
    if view.notes:
        lines += ["", "### " + _("The group's notes"), ""]
        lines += [f"- **{n.principle}:** {_md(n.text)}" for n in view.notes]
    for g in view.grow:
        lines += [
            "",
            "### " + _("Growing %(principle)s (score %(score)s)") % {"principle": g.name, "score": g.score_text},
        ]
        lines.append("")
        for c in g.case_studies:
            about = " " + _("(Described above.)") if c.repeat else f" {c.summary}"
            ask = f" *{_('Ask:')} {c.question}*" if c.question else ""
            rated = _("rated %(rating)d of 3 here:") % {"rating": c.rating}
            lines.append(f"- **{c.name}** ({c.location}), {rated} {c.reason}.{about}{ask}")
        lines += [f"- {_('Next step:')} {_md(s.text)} *({_md(s.example)})*" for s in g.steps if s not in view.top_steps]
        lines += [
            "- " + _("Read: %(title)s") % {"title": r.title} + (" " + r.credit if r.credit else "") for r in g.reading
        ]
    for section in view.sections:
        lines += ["", f"### {section.title}", ""]
        if section.table:
            head, *rows = section.table
            lines += [f"| {' | '.join(head)} |", "|" + "---|" * len(head)]
            lines += [f"| {' | '.join(_md(c) for c in row)} |" for row in rows]
            lines.append("")
        lines += [*(_md(para) for para in section.paragraphs), *(f"- {_md(item)}" for item in section.items)]
    lines += ["", "### " + _("Questions and answers"), "", f"| {_('Question')} | {_('Answer')} |", "|---|---|"]
    for a in view.answers:
        votes = "; " + _("votes %(votes)s") % {"votes": " ".join(map(str, a.votes))} if a.votes else ""
        lines.append(f"| **{a.label}.** {_cell(a.text)} | {a.answer}{votes} |")
    lines += ["", f"*{view.source}*"]
    # The Markdown above holds no HTML of its own, so escaping the whole of it escapes every field taken
    # from an answers file or a catalogue, whichever line it is on: none can open a tag or a comment.
    return escape("\n".join(lines), quote=False) + "\n"


def _agreed_markdown(view: ResultView) -> list[str]:
    """What we agreed, then since last time: the report's first page, after the depth."""
    lines: list[str] = []
    if view.agreed:
        lines += ["## " + _("What we agreed"), ""]
        for i, x in enumerate(view.agreed, 1):
            led = (
                _("Led by %(owner)s, with %(with)s, by") % {"owner": _md(x.owner), "with": _md(x.with_)}
                if x.with_
                else _("Led by %(owner)s, by") % {"owner": _md(x.owner)}
            )
            measure = " " + _("How we will know: %(measure)s") % {"measure": _md(x.measure)} if x.measure else ""
            lines.append(f"{i}. **{_md(x.action)}** *({x.principle})* {led} {x.due}.{measure}")
        lines.append("")
    if view.since:
        lines += ["## " + _("Since last time"), ""]
        lines += [f"- {_md(s.line)}" for s in view.since]
        lines.append("")
    return lines


def _md(text: str) -> str:
    """User text made inert in Markdown: no links or emphasis by accident (HTML is escaped at the end)."""
    text = " ".join(str(text).split())
    for ch in "\\`*_[]#|":
        text = text.replace(ch, "\\" + ch)
    return text


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
