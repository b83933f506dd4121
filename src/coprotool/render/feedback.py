"""'You said, we did' as one page of HTML (readable on a phone, printable on one sheet) or Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from .. import i18n
from ..feedback import FeedbackView
from ..i18n import _
from .report import _md  # one Markdown escaper for every renderer

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
.both { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(20rem, 100%), 1fr)); gap: 2rem; }
body:has(.both) { max-width: 84rem; }
@media print { body { max-width: none; padding: 0; font-size: 11pt; } li { break-inside: avoid; }
  .both { display: block; } .both > .sheet + .sheet { break-before: page; } }
"""


def feedback_html(views: FeedbackView | Sequence[tuple[str, FeedbackView]], stylesheet: str | None = None) -> str:
    """The sheet as one page: in the language in use, or each view in its language side by side (Welsh
    first for --lang both; one after the other in print). With `stylesheet` (an address serving CSS) the
    style is linked rather than inline, for a server whose CSP allows no inline style."""
    from markupsafe import Markup

    from .translated import package_environment  # Jinja2 and markupsafe load only here

    pairs = [(i18n.current(), views)] if isinstance(views, FeedbackView) else list(views)
    env = package_environment()
    sheets = []
    for lang, view in pairs:
        with i18n.using(lang):  # type: ignore[arg-type]  # a shipped language, from i18n.order
            sheets.append((lang, Markup(env.get_template("_feedback.html").render({"v": view, "lang": lang}))))
    context: dict[str, Any] = {
        "v": pairs[0][1],
        "css": Markup(CSS),
        "stylesheet": stylesheet,
        "sheets": sheets,
        "page_lang": pairs[0][0],
    }
    return env.get_template("feedback.html").render(context)


def feedback_markdown(views: FeedbackView | Sequence[tuple[str, FeedbackView]]) -> str:
    """The sheet as Markdown: in the language in use, or each language one after the other."""
    if isinstance(views, FeedbackView):
        return _markdown(views)
    return "\n---\n\n".join(i18n.in_each(views, _markdown))


def _markdown(view: FeedbackView) -> str:
    lines = [
        f"# {_md(view.title)}",
        "",
        _(
            "Thank you for taking part in the co-production assessment on %(date)s. This page says what you told "
            "us and what has been done with it."
        )
        % {"date": view.date},
        "",
        "## " + _("You said"),
        "",
        *(f"- {_md(line)}" for line in view.said),
    ]
    if view.notes:
        lines += ["", _("Your notes:"), "", *(f"- {_md(n)}" for n in view.notes)]
    lines += ["", "## " + _("We agreed, and since then"), ""]
    if not view.actions:
        lines.append(_("No actions have been agreed yet. We will write here when they are."))
    for i, x in enumerate(view.actions, 1):
        now = (
            _("Now: %(status)s (checked %(date)s).") % {"status": x.status, "date": x.reviewed}
            if x.reviewed
            else _("Now: %(status)s.") % {"status": x.status}
        )
        note = f" {_md(x.note)}" if x.note else ""
        led = _("Led by %(owner)s, by") % {"owner": _md(x.owner)}
        lines.append(f"{i}. **{_md(x.action)}** {led} {x.due}. {now}{note}")
    lines += ["", "## " + _("Next review"), ""]
    if view.next_review:
        lines.append(
            _("We will look at this again by %(date)s, and tell you what happened.") % {"date": view.next_review}
        )
    else:
        lines.append(_("The date of the next review is not set yet."))
    made = _("Made with coprotool %(version)s. Nothing on this page says who said what.") % {
        "version": view.tool_version
    }
    lines += ["", f"*{made}*"]
    return escape("\n".join(lines), quote=False) + "\n"
