"""The assessment result for a projector: wedge, scores, depth, grid cell and suggestions."""

from __future__ import annotations

from ..assessment import Result
from ..model import Framework
from ..scoring import levels_of
from .doc import Doc
from .styled import Styled
from .wedge import fill_chars, wedge_text


def score_text(score: float | None) -> str:
    return "-" if score is None else f"{score:.1f}"


def result_view(result: Result, fw: Framework, width: int, unicode: bool) -> Styled:
    a = result.assessment
    fill = fill_chars(unicode)
    doc = Doc(width)
    levels = levels_of(result.scores)
    title = f"Co-production wedge: {a.service}" if a.service else "Co-production wedge"
    doc.line(f"{title}  ({a.date})", "bold")
    doc.line()
    labels = {p.id: f"{p.name} {score_text(result.scores[p.id].score)}" for p in fw.principles}
    doc.append(wedge_text(fw, levels, width, unicode, labels=labels))
    doc.line()
    doc.row(
        [
            ("Principle", "bold"),
            ("Level", "bold"),
            ("Score", "bold"),
            ("Answered", "bold"),
            ("What this level looks like", "bold"),
        ],
        [13, 7, 5, 8],
    )
    for p in fw.principles:
        s = result.scores[p.id]
        if s.level is None:
            level, picture = "   -", "Not assessed: no question answered."
        else:
            level, picture = f"{fill[s.level] * 3} {s.level}", p.levels[s.level]
        doc.row(
            [
                (p.name, f"bold {p.colour}"),
                (level, p.colour),
                (score_text(s.score), ""),
                (f"{s.answered} of {s.asked}", ""),
                (picture, ""),
            ],
            [13, 7, 5, 8],
        )
    depth = fw.depth(result.depth.id)
    doc.heading(f"Depth: {depth.name}")
    doc.para(depth.meaning)
    doc.para(result.depth.reason)
    if result.depth.next_step:
        doc.para(result.depth.next_step, style="bold")
    doc.heading("Plan and deliver")
    if result.grid is None:
        doc.para("Not placed: answer who plans and who delivers the service to place it on the grid.")
    else:
        cell = fw.grid.cell(result.grid.cell)
        doc.para(f"{cell.name}: {cell.meaning}")
        if result.grid.note:
            doc.para(result.grid.note, style="dim")
    if result.ladder is not None and a.ladder is not None:
        from .ladder import PLACEMENT_TITLE, placement_lines

        doc.heading(PLACEMENT_TITLE)
        for line in placement_lines(result.ladder, a.ladder):
            doc.para(line)
    if a.notes:
        doc.heading("The group's notes")
        for p in fw.principles:
            if p.id in a.notes:
                doc.hanging("•", f"{p.name}: {a.notes[p.id]}")
    if a.group or a.votes:
        doc.heading("Where the room disagreed")
        if not result.disagreements:
            doc.para("Nowhere: on every question the votes were within one point of each other.")
        for d in result.disagreements:
            votes = " ".join(map(str, sorted(d["votes"])))
            doc.hanging("!", f"{d['question']} (votes {votes}; agreed {d['agreed']}): {d['text']}")
        if result.disagreements:
            doc.para("These are the conversations worth having.", style="dim")
    suggestions_section(doc, result, fw)
    return doc.text


def suggestions_section(doc: Doc, result: Result, fw: Framework) -> None:
    if not result.weakest:
        doc.heading("Suggestions")
        doc.para("None yet: answer some questions, or every principle is already at its full level.")
        return
    for pid in result.weakest:
        p = fw.principle(pid)
        doc.heading(f"To grow {p.name} (score {score_text(result.scores[pid].score)}), learn from")
        found = [s for s in result.suggestions if s.principle == pid]
        if not found:
            doc.para("No case study in this catalogue is rated strongly on this principle.")
        for s in found:
            shared = f" Shares: {', '.join(s.shared_keywords)}." if s.shared_keywords else ""
            doc.hanging("→", f"{s.name} ({s.case_study}), rated {s.rating}/3: {s.reason}.{shared}", style="")
            if s.question:
                doc.hanging("?", s.question, indent=4, mark_style="bold")
        steps = [s for s in result.next_steps if s.principle == pid]
        if steps:
            doc.line("  Next steps:", "bold")
            for step in steps:
                doc.hanging("*", f"{step.text} (from {step.name})", indent=4)
        reading = [r for r in result.resources if r.principle == pid]
        for r in reading:
            doc.hanging("+", f"Read: {r.title}{credit(r)}", indent=2, style="dim")
    doc.line()
    doc.line("More on any case study: coprotool show SLUG", "dim")
    doc.para(fw.credits.ratings, indent=0, style="dim")


def credit(r) -> str:
    """' (author, year)' for a suggested resource, or nothing when neither is known."""
    parts = [str(x) for x in (r.author, r.year) if x]
    return f" ({', '.join(parts)})" if parts else ""
