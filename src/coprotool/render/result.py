"""The assessment result for a terminal or a projector, from the one view of a result.

`summary_screen` is one screen that fits 80x24: the wedge, the depth in one line, and the two weakest
principles with one case study each. `detail` is everything else, shown after a key press, in a pager,
or straight after the summary when piped.
"""

from __future__ import annotations

import textwrap

from ..view import LOOKS_LIKE, ResultView, score_text
from .doc import Doc
from .styled import Styled
from .wedge import WedgeKey, chip, fill_chars, wedge_text

SUMMARY_RADIUS = 5  # an 11-row wedge: with the key, the depth and two weak principles it fits 24 rows
SUMMARY_LINES_EACH = 2  # lines for each weak principle and its case study
CONTINUE = "Enter: the full result · q: finish"

__all__ = ["CONTINUE", "detail", "result_text", "score_text", "summary_screen"]


def summary_screen(view: ResultView, width: int, unicode: bool) -> Styled:
    """One screen: title, wedge, depth in one line, the two weakest principles with a case study each."""
    doc = Doc(width)
    title = f"Co-production wedge: {view.service}" if view.service else "Co-production wedge"
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
        doc.para("No suggestions: answer some questions, or every principle is at its full level.", indent=0)
    for g in view.grow:
        name = f" {g.name} {g.score_text} "
        texts = ["no case study in this catalogue is rated strongly here."]
        if g.case_studies:
            c = g.case_studies[0]
            texts = [f"learn from {c.name} (rated {c.rating} of 3): {c.reason}.", f"learn from {c.name}."]
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
        doc.heading("Where the lenses differ")
        for line in view.lens_gaps:
            doc.hanging("!", line)
    doc.heading("The six principles")
    widths = [13, 7, 5, 8]
    doc.row(
        [("Principle", "bold"), ("Level", "bold"), ("Score", "bold"), ("Answered", "bold"), (LOOKS_LIKE, "bold")],
        widths,
    )
    for p in view.principles:
        level = "   -" if p.level is None else f"{fill[p.level] * 3} {p.level}"
        doc.row(
            [
                (p.name, f"bold {p.colour}"),
                (level, p.colour),
                (p.score_text, ""),
                (f"{p.answered} of {p.asked}", ""),
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
    doc.heading("Plan and deliver")
    if view.grid is None:
        doc.para("Not placed: answer who plans and who delivers the service to place it on the grid.")
    else:
        doc.para(f"{view.grid.name}: {view.grid.meaning}")
        if view.grid.note:
            doc.para(view.grid.note, style="dim")
    if view.notes:
        doc.heading("The group's notes")
        for n in view.notes:
            doc.hanging("•", f"{n.principle}: {n.text}")
    if view.voted:
        doc.heading("Where the room disagreed")
        if not view.disagreements:
            doc.para("Nowhere: on every question the votes were within one point of each other.")
        for d in view.disagreements:
            votes = " ".join(map(str, d.votes))
            doc.hanging("!", f"{d.label} (votes {votes}; agreed {d.agreed}): {d.text}")
        if view.more_disagreements:
            doc.para(f"And {view.more_disagreements} more with a narrower spread.", style="dim")
        if view.disagreements:
            doc.para("These are the conversations worth having.", style="dim")
    _grow(doc, view)
    _actions(doc, view)
    for section in view.sections:
        doc.heading(section.title)
        for para in section.paragraphs:
            doc.para(para)
        for item in section.items:
            doc.hanging("•", item)
    return doc.text


def _grow(doc: Doc, view: ResultView) -> None:
    if not view.grow:
        doc.heading("Suggestions")
        doc.para("None yet: answer some questions, or every principle is already at its full level.")
        return
    for g in view.grow:
        doc.heading(f"To grow {g.name} (score {g.score_text}), learn from")
        if not g.case_studies:
            doc.para("No case study in this catalogue is rated strongly on this principle.")
        for c in g.case_studies:
            shared = f" Shares: {', '.join(c.shared_keywords)}." if c.shared_keywords else ""
            doc.hanging("→", f"{c.name}, rated {c.rating} of 3: {c.reason}.{shared}")
            if c.question:
                doc.hanging("?", c.question, indent=4, mark_style="bold")
        if g.steps:
            doc.line("  Next steps:", "bold")
            for step in g.steps:
                doc.hanging("*", f"{step.text} ({step.example})", indent=4)
        for r in g.reading:
            credit = f" {r.credit}" if r.credit else ""
            doc.hanging("+", f"Read: {r.title}{credit}", indent=2, style="dim")
    doc.line()
    doc.line("More on any case study: coprotool show NAME (for example: " + _example(view) + ")", "dim")
    if view.ratings_note:
        doc.para(view.ratings_note, indent=0, style="dim")


def _actions(doc: Doc, view: ResultView) -> None:
    """Since last time (each reviewed action beside its principle's move), then what was agreed."""
    if view.since:
        doc.heading("Since last time")
        for s in view.since:
            doc.hanging("•", s.line)
    if view.agreed:
        doc.heading("What we agreed")
        for x in view.agreed:
            who = f"{x.owner}, with {x.with_}" if x.with_ else x.owner
            measure = f" How we will know: {x.measure}" if x.measure else ""
            doc.hanging("•", f"{x.action} ({x.principle}). {who}, by {x.due}.{measure}")


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
