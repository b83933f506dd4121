"""The assessment result for a terminal or a projector, from the one view of a result.

`summary_screen` is one screen that fits 80x24: the wedge, the depth in one line, and the two weakest
principles with one case study each. `detail` is everything else, shown after a key press, in a pager,
or straight after the summary when piped.
"""

from __future__ import annotations

import textwrap

from ..i18n import N_, _, ngettext
from ..view import LOOKS_LIKE, ResultView, score_text
from .doc import Doc
from .styled import Styled
from .wedge import WedgeKey, chip, fill_chars, wedge_text

SUMMARY_RADIUS = 5  # an 11-row wedge: with the key, the depth and two weak principles it fits 24 rows
SUMMARY_LINES_EACH = 2  # lines for each weak principle and its case study
CONTINUE = N_("Enter: the full result · q: finish")  # translated where shown

__all__ = ["CONTINUE", "detail", "result_text", "score_text", "summary_screen"]


def summary_screen(view: ResultView, width: int, unicode: bool) -> Styled:
    """One screen: title, wedge, depth in one line, the two weakest principles with a case study each."""
    doc = Doc(width)
    title = (
        _("Co-production wedge: %(service)s") % {"service": view.service} if view.service else _("Co-production wedge")
    )
    doc.line(f"{title}  ({view.date})", "bold")
    lead = view.lens_lead  # the room's main finding leads; two lines at most, so the screen still fits
    for line in textwrap.wrap(lead, doc.width - 1, max_lines=2, placeholder=" …") if lead else [""]:
        doc.line(line, "bold" if lead else "")
    labels = {p.id: f"{p.name} {p.score_text}" for p in view.principles}
    doc.append(_wedge(view, labels, width, unicode))
    doc.line()
    doc.line(view.depth.one_line, "bold")
    if not lead:
        doc.line()
    if not view.grow:
        doc.para(_("No suggestions: answer some questions, or every principle is at its full level."), indent=0)
    for g in view.grow:
        name = f" {g.name} {g.score_text} "
        texts = [_("no case study in this catalogue is rated strongly here.")]
        if g.case_studies:
            c = g.case_studies[0]
            texts = [
                _("learn from %(name)s (rated %(rating)d of 3): %(reason)s.")
                % {"name": c.name, "rating": c.rating, "reason": c.reason},
                _("learn from %(name)s.") % {"name": c.name},
            ]
        for text in texts:  # two lines at most, so the screen still fits: the reason goes first if need be
            lines = textwrap.wrap(text, doc.width - 1, initial_indent=" " * (len(name) + 1), subsequent_indent="    ")
            if len(lines) <= SUMMARY_LINES_EACH:
                break
        doc.text.append(name, style=chip(g.colour))
        doc.text.append(lines[0][len(name) :] + "\n")
        for line in lines[1:]:
            doc.text.append(line + "\n")
    return doc.text


def _wedge(view: ResultView, labels: dict[str, str], width: int, unicode: bool) -> Styled:
    return wedge_text(WedgeKey.of_view(view), view.levels, width, unicode, labels=labels, radius=SUMMARY_RADIUS)


def detail(view: ResultView, width: int, unicode: bool) -> Styled:
    """Everything after the summary: each principle, depth, grid, notes, disagreements, what to do next."""
    fill = fill_chars(unicode)
    doc = Doc(width)
    if view.lens_gaps:
        doc.heading(_("Where the lenses differ"))
        for line in view.lens_gaps:
            doc.hanging("!", line)
    if view.explanations:  # the names and the depth word, explained before the table uses them
        doc.heading(_("What the words mean"))
        for word, meaning in view.explanations:
            doc.hanging(f"{word}:", meaning)
    doc.heading(_("The six principles"))
    widths = [13, 7, 5, 8]
    doc.row(
        [(word, "bold") for word in (_("Principle"), _("Level"), _("Score"), _("Answered"), _(LOOKS_LIKE))],
        widths,
    )
    for p in view.principles:
        level = "   -" if p.level is None else f"{fill[p.level] * 3} {p.level}"
        doc.row(
            [
                (p.name, f"bold {p.colour}"),
                (level, p.colour),
                (p.score_text, ""),
                (_("%(answered)d of %(asked)d") % {"answered": p.answered, "asked": p.asked}, ""),
                (p.picture, ""),
            ],
            widths,
        )
    doc.heading(view.depth.heading)
    doc.para(view.depth.meaning)
    doc.para(view.depth.reason)
    if view.depth.next_step:
        doc.para(view.depth.next_step, style="bold")
    if view.depth.basis:
        doc.para(view.depth.basis, style="dim")
    doc.heading(_("Plan and deliver"))
    if view.grid is None:
        doc.para(_("Not placed: answer who plans and who delivers the service to place it on the grid."))
    else:
        doc.para(f"{view.grid.name}: {view.grid.meaning}")
        if view.grid.note:
            doc.para(view.grid.note, style="dim")
    if view.notes:
        doc.heading(_("The group's notes"))
        for n in view.notes:
            doc.hanging("•", f"{n.principle}: {n.text}")
    if view.voted:
        doc.heading(_("Where the room disagreed"))
        if not view.disagreements:
            doc.para(_("Nowhere: on every question the votes were within one point of each other."))
        for d in view.disagreements:
            votes = " ".join(map(str, d.votes))
            doc.hanging(
                "!",
                _("%(label)s (votes %(votes)s; agreed %(agreed)s): %(text)s")
                % {"label": d.label, "votes": votes, "agreed": d.agreed, "text": d.text},
            )
        if view.more_disagreements:
            more = view.more_disagreements
            doc.para(
                ngettext("And %(num)d more with a narrower spread.", "And %(num)d more with a narrower spread.", more)
                % {"num": more},
                style="dim",
            )
        if view.disagreements:
            doc.para(_("These are the conversations worth having."), style="dim")
    _grow(doc, view)
    _actions(doc, view)
    for section in view.sections:
        doc.heading(section.title)
        if section.table:
            from .table import Column, table

            head, *rows = section.table
            doc.append(table([Column(h, wrap=True) for h in head], rows, doc.width, indent=2))
        for para in section.paragraphs:
            doc.para(para)
        for item in section.items:
            doc.hanging("•", item)
    return doc.text


def _grow(doc: Doc, view: ResultView) -> None:
    if not view.grow:
        doc.heading(_("Suggestions"))
        doc.para(_("None yet: answer some questions, or every principle is already at its full level."))
        return
    for g in view.grow:
        doc.heading(
            _("To grow %(principle)s (score %(score)s), learn from") % {"principle": g.name, "score": g.score_text}
        )
        if not g.case_studies:
            doc.para(_("No case study in this catalogue is rated strongly on this principle."))
        for c in g.case_studies:
            shared = (
                " " + _("Shares: %(words)s.") % {"words": ", ".join(c.shared_keywords)} if c.shared_keywords else ""
            )
            rated = _("%(name)s, rated %(rating)d of 3:") % {"name": c.name, "rating": c.rating}
            doc.hanging("→", f"{rated} {c.reason}.{shared}")
            if c.question:
                doc.hanging("?", c.question, indent=4, mark_style="bold")
        if g.steps:
            doc.line("  " + _("Next steps:"), "bold")
            for step in g.steps:
                doc.hanging("*", f"{step.text} ({step.example})", indent=4)
        for r in g.reading:
            credit = f" {r.credit}" if r.credit else ""
            doc.hanging("+", _("Read: %(title)s") % {"title": r.title} + credit, indent=2, style="dim")
    doc.line()
    doc.line(
        _("More on any case study: coprotool show NAME (for example: %(example)s)") % {"example": _example(view)}, "dim"
    )
    if view.ratings_note:
        doc.para(view.ratings_note, indent=0, style="dim")


def _actions(doc: Doc, view: ResultView) -> None:
    """Since last time (each reviewed action beside its principle's move), then what was agreed."""
    if view.since:
        doc.heading(_("Since last time"))
        for s in view.since:
            doc.hanging("•", s.line)
    if view.agreed:
        doc.heading(_("What we agreed"))
        for x in view.agreed:
            who = _("%(owner)s, with %(with)s") % {"owner": x.owner, "with": x.with_} if x.with_ else x.owner
            measure = " " + _("How we will know: %(measure)s") % {"measure": x.measure} if x.measure else ""
            doc.hanging(
                "•",
                _("%(action)s (%(principle)s). %(who)s, by %(due)s.")
                % {"action": x.action, "principle": x.principle, "who": who, "due": x.due}
                + measure,
            )


def _example(view: ResultView) -> str:
    for g in view.grow:
        for c in g.case_studies:
            return f"coprotool show {c.slug}"
    return "coprotool show shared-lives"


def result_text(view: ResultView, width: int, unicode: bool) -> Styled:
    """The summary, then the detail: what a pipe or `--full` gets."""
    out = summary_screen(view, width, unicode)
    out.append_text(detail(view, width, unicode))
    return out
