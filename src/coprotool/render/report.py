"""A shareable report of an assessment: one self-contained HTML page (inline CSS and SVG, no scripts,
nothing fetched), or the same content as Markdown. Everything a user typed is escaped."""

from __future__ import annotations

from html import escape

from .. import __version__
from ..assessment import Result
from ..catalogue import Catalogue
from ..model import Framework
from ..scoring import levels_of
from .result import credit
from .svg import wedge_svg

FILL = {None: "not assessed", 0: "○○○", 1: "●○○", 2: "●●○", 3: "●●●"}

CSS = """
:root { color-scheme: light; }
body { font-family: "Segoe UI", Arial, sans-serif; color: #111; margin: 2rem auto; max-width: 52rem;
       line-height: 1.45; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 1.6rem;
     border-bottom: 1px solid #999; padding-bottom: .2rem; }
.meta { color: #444; margin-top: 0; }
.top { display: flex; gap: 1.5rem; align-items: flex-start; flex-wrap: wrap; }
.top svg { flex: 0 0 auto; width: 24rem; height: auto; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid #ccc; }
th { background: #f0f0f0; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border: 1px solid #333; margin-right: .3rem;
          vertical-align: middle; }
.fill { font-family: monospace; letter-spacing: .1rem; }
td.nowrap { white-space: nowrap; }
.depth { font-size: 1.1rem; font-weight: bold; }
.note { color: #444; }
.disagree { border-left: 4px solid #D55E00; padding-left: .6rem; }
.source { color: #555; font-size: .85rem; margin-top: 2rem; }
ul { padding-left: 1.3rem; }
@page { size: A4; margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  tr, li, .top, .disagree { break-inside: avoid; page-break-inside: avoid; }
  .top { display: block; }
  .top svg { width: 9cm; }
  a { color: #111; text-decoration: none; }
}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def report_html(result: Result, cat: Catalogue) -> str:
    fw = cat.framework
    a = result.assessment
    levels = levels_of(result.scores)
    title = f"Co-production assessment: {a.service}" if a.service else "Co-production assessment"
    depth = fw.depth(result.depth.id)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<link rel="icon" href="data:,">',  # so a browser asks the network for nothing, not even an icon
        f"<title>{_e(title)}</title>",
        f"<style>{CSS}</style>",
        "</head><body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="meta">{_e(a.date)} · coprotool {_e(__version__)} · catalogue data {_e(fw.version)}</p>',
        '<section class="top" aria-label="The wedge and the depth">',
        wedge_svg(fw, levels, f"{a.service or 'This service'}: co-production wedge"),
        "<div>",
        f'<p class="depth">Depth: {_e(depth.name)}</p>',
        f"<p>{_e(depth.meaning)}</p>",
        f"<p>{_e(result.depth.reason)}</p>",
    ]
    if result.depth.next_step:
        parts.append(f"<p><strong>{_e(result.depth.next_step)}</strong></p>")
    if result.grid is not None:
        cell = fw.grid.cell(result.grid.cell)
        parts.append(f"<p><strong>Plan and deliver: {_e(cell.name)}.</strong> {_e(cell.meaning)}</p>")
    else:
        parts.append("<p>Plan and deliver: not placed (the grid questions were skipped).</p>")
    parts += [
        "</div></section>",
        "<h2>The six principles</h2>",
        "<table>",
        "<tr><th>Principle</th><th>Level</th><th>Score</th><th>Answered</th><th>What this level looks like</th></tr>",
    ]
    for p in fw.principles:
        s = result.scores[p.id]
        picture = "Not assessed." if s.level is None else p.levels[s.level]
        level = "not assessed" if s.level is None else f"{s.level} of 3"
        parts.append(
            f'<tr><td class="nowrap"><span class="swatch" style="background:{p.colour}"></span>{_e(p.name)}</td>'
            f'<td class="nowrap"><span class="fill" aria-hidden="true">{FILL[s.level]}</span> {_e(level)}</td>'
            f"<td>{_score(s.score)}</td><td>{s.answered} of {s.asked}</td><td>{_e(picture)}</td></tr>"
        )
    parts.append("</table>")
    if result.ladder is not None and a.ladder is not None:
        from .ladder import PLACEMENT_TITLE, placement_lines

        parts.append(f"<h2>{PLACEMENT_TITLE}</h2>")
        parts += [f"<p>{_e(line)}</p>" for line in placement_lines(result.ladder, a.ladder)]
    if a.notes:
        parts += ["<h2>The group's notes</h2>", "<ul>"]
        parts += [
            f"<li><strong>{_e(p.name)}:</strong> {_e(a.notes[p.id])}</li>" for p in fw.principles if p.id in a.notes
        ]
        parts.append("</ul>")
    if result.disagreements:
        parts += ["<h2>Where the room disagreed</h2>", '<div class="disagree"><ul>']
        for d in result.disagreements:
            votes = " ".join(map(str, sorted(d["votes"])))
            parts.append(
                f"<li><strong>{_e(d['question'])}</strong> (votes {_e(votes)}; agreed "
                f"{_e(d['agreed'])}): {_e(d['text'])}</li>"
            )
        parts += ["</ul><p>These are the conversations worth having.</p></div>"]
    parts += _next_steps_html(result, fw, cat)
    parts += ["<h2>Questions and answers</h2>", "<table>", "<tr><th>Question</th><th>Answer</th></tr>"]
    for q in fw.questions:
        parts.append(f"<tr><td><strong>{_e(q.id)}</strong> {_e(q.text)}</td><td>{_e(_answer(fw, a, q.id))}</td></tr>")
    parts.append("</table>")
    src = fw.source
    parts.append(
        f'<p class="source">Built on the {_e(src.title)} ({_e(", ".join(src.publishers))}, {src.year}; '
        f"written by {_e(', '.join(src.authors))}). {_e(fw.credits.statement)}</p>"
    )
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _next_steps_html(result: Result, fw: Framework, cat: Catalogue) -> list[str]:
    if not result.weakest:
        return [
            "<h2>Next steps</h2>",
            "<p>No principle needs suggestions: answer more questions, or every principle is at its full level.</p>",
        ]
    parts = []
    for pid in result.weakest:
        p = fw.principle(pid)
        parts.append(f"<h2>Growing {_e(p.name)} (score {_score(result.scores[pid].score)})</h2>")
        steps = [s for s in result.next_steps if s.principle == pid]
        if steps:
            parts += ["<p><strong>Next steps</strong></p>", "<ul>"]
            parts += [f"<li>{_e(s.text)} <em>(from {_e(s.name)})</em></li>" for s in steps]
            parts.append("</ul>")
        found = [s for s in result.suggestions if s.principle == pid]
        if found:
            parts += ["<p><strong>Case studies to learn from</strong></p>", "<ul>"]
            for s in found:
                c = cat.case_study(s.case_study)
                question = f"<br><em>Ask: {_e(s.question)}</em>" if s.question else ""
                parts.append(
                    f"<li><strong>{_e(c.name)}</strong> ({_e(c.location)}), rated {s.rating} of 3: "
                    f"{_e(s.reason)}.<br>{_e(' '.join(c.summary.split()))}{question}</li>"
                )
            parts.append("</ul>")
        reading = [r for r in result.resources if r.principle == pid]
        if reading:
            parts += ["<p><strong>Further reading</strong></p>", "<ul>"]
            parts += [f"<li>{_e(r.title)}{_e(credit(r))}: {_e(r.description)}</li>" for r in reading]
            parts.append("</ul>")
    return parts


def _answer(fw: Framework, a, qid: str) -> str:
    """A question's answer as the report shows it: the value and its label, and the room's votes."""
    value = a.answers.get(qid)
    text = "skipped" if value is None else f"{value} ({fw.label(value)})"
    if qid in a.votes:
        text += f"; votes {' '.join(map(str, a.votes[qid]))}"
    return text


def report_markdown(result: Result, cat: Catalogue) -> str:
    """The same content as the HTML report, as Markdown for pasting into documents."""
    fw = cat.framework
    a = result.assessment
    title = f"Co-production assessment: {a.service}" if a.service else "Co-production assessment"
    depth = fw.depth(result.depth.id)
    lines = [
        f"# {_md(title)}",
        "",
        f"{a.date} · coprotool {__version__} · catalogue data {fw.version}",
        "",
        f"**Depth: {depth.name}.** {depth.meaning} {result.depth.reason}",
    ]
    if result.depth.next_step:
        lines.append(f"**{result.depth.next_step}**")
    if result.grid is not None:
        cell = fw.grid.cell(result.grid.cell)
        lines += ["", f"**Plan and deliver: {cell.name}.** {cell.meaning}"]
    lines += [
        "",
        "## The six principles",
        "",
        "| Principle | Level | Score | Answered | What this level looks like |",
        "|---|---|---|---|---|",
    ]
    for p in fw.principles:
        s = result.scores[p.id]
        picture = "Not assessed." if s.level is None else p.levels[s.level]
        level = "not assessed" if s.level is None else f"{FILL[s.level]} {s.level} of 3"
        lines.append(f"| {p.name} | {level} | {_score(s.score)} | {s.answered} of {s.asked} | {_cell(picture)} |")
    if result.ladder is not None and a.ladder is not None:
        from .ladder import PLACEMENT_TITLE, placement_lines

        lines += ["", f"## {PLACEMENT_TITLE}", ""]
        lines += [f"- {_md(line)}" for line in placement_lines(result.ladder, a.ladder)]
    if a.notes:
        lines += ["", "## The group's notes", ""]
        lines += [f"- **{p.name}:** {_md(a.notes[p.id])}" for p in fw.principles if p.id in a.notes]
    if result.disagreements:
        lines += ["", "## Where the room disagreed", ""]
        for d in result.disagreements:
            votes = " ".join(map(str, sorted(d["votes"])))
            lines.append(f"- **{d['question']}** (votes {votes}; agreed {d['agreed']}): {d['text']}")
    for pid in result.weakest:
        p = fw.principle(pid)
        lines += ["", f"## Growing {p.name} (score {_score(result.scores[pid].score)})", ""]
        for s in (s for s in result.next_steps if s.principle == pid):
            lines.append(f"- Next step: {s.text} *(from {s.name})*")
        for s in (s for s in result.suggestions if s.principle == pid):
            c = cat.case_study(s.case_study)
            lines.append(
                f"- Learn from **{c.name}** ({c.location}), rated {s.rating} of 3: {s.reason}. "
                f"{' '.join(c.summary.split())}" + (f" *Ask: {s.question}*" if s.question else "")
            )
        for r in (r for r in result.resources if r.principle == pid):
            lines.append(f"- Read: {r.title}{credit(r)}")
    lines += ["", "## Questions and answers", "", "| Question | Answer |", "|---|---|"]
    for q in fw.questions:
        lines.append(f"| **{q.id}** {_cell(q.text)} | {_answer(fw, a, q.id)} |")
    src = fw.source
    lines += ["", f"*Built on the {src.title} ({', '.join(src.publishers)}, {src.year}). {fw.credits.statement}*"]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """User text made inert in Markdown: no HTML, no links or emphasis by accident."""
    text = escape(" ".join(str(text).split()), quote=False)
    for ch in "\\`*_[]#|":
        text = text.replace(ch, "\\" + ch)
    return text


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
