"""'You said, we did' as one page of HTML (readable on a phone, printable on one sheet) or Markdown."""

from __future__ import annotations

from html import escape
from typing import Any

from ..feedback import FeedbackView
from .report import _environment, _md  # one Markdown escaper for every renderer

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Arial, sans-serif; color: #111; background: #fff; margin: 0 auto;
       max-width: 40rem; line-height: 1.5; padding: 1rem; font-size: 1.1rem; overflow-wrap: break-word; }
h1 { font-size: 1.6rem; margin: .2rem 0 .6rem; } h2 { font-size: 1.25rem; margin-top: 1.4rem; }
.meta, .source { color: #444; } .source { font-size: .9rem; margin-top: 2rem; }
li { margin-bottom: .5rem; } ul, ol { padding-left: 1.4rem; }
.status { font-weight: bold; }
.next { font-size: 1.15rem; border-left: 4px solid #0072B2; padding-left: .8rem; }
@page { size: A4; margin: 15mm; }
@media print { body { max-width: none; padding: 0; font-size: 11pt; } li { break-inside: avoid; } }
"""


def feedback_html(view: FeedbackView) -> str:
    from markupsafe import Markup

    context: dict[str, Any] = {"v": view, "css": Markup(CSS)}
    return _environment().get_template("feedback.html").render(context)


def feedback_markdown(view: FeedbackView) -> str:
    lines = [
        f"# {_md(view.title)}",
        "",
        f"Thank you for taking part in the co-production assessment on {view.date}. This page says what you told "
        "us and what has been done with it.",
        "",
        "## You said",
        "",
        *(f"- {_md(line)}" for line in view.said),
    ]
    if view.notes:
        lines += ["", "Your notes:", "", *(f"- {_md(n)}" for n in view.notes)]
    lines += ["", "## We agreed, and since then", ""]
    if not view.actions:
        lines.append("No actions have been agreed yet. We will write here when they are.")
    for i, x in enumerate(view.actions, 1):
        checked = f" (checked {x.reviewed})" if x.reviewed else ""
        note = f" {_md(x.note)}" if x.note else ""
        lines.append(f"{i}. **{_md(x.action)}** Led by {_md(x.owner)}, by {x.due}. Now: {x.status}{checked}.{note}")
    lines += ["", "## Next review", ""]
    if view.next_review:
        lines.append(f"We will look at this again by {view.next_review}, and tell you what happened.")
    else:
        lines.append("The date of the next review is not set yet.")
    lines += ["", f"*Made with coprotool {view.tool_version}. Nothing on this page says who said what.*"]
    return escape("\n".join(lines), quote=False) + "\n"
