"""Agreed actions for people and programs: a terminal list, CSV, Markdown, an .ics calendar, a workbook.

Every renderer reads the same rows (`ActionRow`, built once by `action_rows`); none loads anything.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..i18n import N_, _
from .doc import Doc
from .styled import Styled

if TYPE_CHECKING:
    from ..actions import Action
    from ..model import Framework

COLUMNS = ["id", "service", "action", "principle", "why", "owner", "with", "due", "measure", "status", "agreed"]


@dataclass(frozen=True, slots=True)
class ActionRow:
    """One action as people read it: the principle by name, the status in words, overdue marked."""

    id: str
    service: str
    action: str
    principle: str  # the principle's name
    why: str | None
    owner: str
    with_: str | None
    due: str
    measure: str | None
    status: str  # in English words, "in progress" (a msgid: people's renderers translate it)
    agreed: str
    overdue: bool
    last_note: str | None  # the latest review's note
    status_id: str  # as in JSON: "in_progress"

    @property
    def due_text(self) -> str:
        return _("%(due)s (overdue)") % {"due": self.due} if self.overdue else self.due


def action_rows(actions: Sequence[Action], fw: Framework, today: str, variant: str = "en") -> list[ActionRow]:
    """The rows, principles named in `variant` (the machine formats keep English)."""
    from ..actions import STATUS_WORDS
    from ..wording import text

    names = {p.id: text(p.name, variant) for p in fw.principles}
    return [
        ActionRow(
            a.id,
            a.service,
            a.action,
            names.get(a.principle, a.principle),
            a.why,
            a.owner,
            a.with_,
            a.due,
            a.measure,
            STATUS_WORDS[a.status],
            a.agreed,
            a.overdue(today),
            next((r.note for r in reversed(a.reviews) if r.note), None),
            a.status,
        )
        for a in actions
    ]


def actions_text(rows: Sequence[ActionRow], width: int, empty: str) -> Styled:
    """Each action as a short block under its service: what, for which principle, who, by when."""
    doc = Doc(width)
    if not rows:
        doc.para(empty, indent=0)
        return doc.text
    service = None
    for r in rows:
        if r.service != service:
            if service is not None:
                doc.line()
            service = r.service
            doc.line(service, "bold underline")
        doc.hanging(r.id, f"{r.action} ({r.principle})", indent=0, mark_style="bold")
        said = {"owner": _owner(r.owner), "with": r.with_, "status": _(r.status), "due": r.due}
        who = (_("Owner: %(owner)s, with %(with)s") if r.with_ else _("Owner: %(owner)s")) % said
        if r.overdue:
            doc.para(
                _("%(who)s. OVERDUE: %(status)s, due %(due)s.") % {**said, "who": who}, indent=7, style="bold yellow"
            )
        else:
            status = _(r.status)
            said["status"] = status[:1].upper() + status[1:]
            doc.para(_("%(who)s. %(status)s, due %(due)s.") % {**said, "who": who}, indent=7)
        if r.measure:
            doc.para(_("How we will know: %(measure)s") % {"measure": r.measure}, indent=7, style="dim")
        if r.last_note:
            doc.para(_("Last note: %(note)s") % {"note": r.last_note}, indent=7, style="dim")
    return doc.text


def _owner(owner: str) -> str:
    """The owner as people read it: the English default role in the language in use, anything typed as typed."""
    from ..actions import DEFAULT_OWNER

    return _(DEFAULT_OWNER) if owner == DEFAULT_OWNER else owner


def actions_csv(rows: Sequence[ActionRow]) -> str:
    """One row per action (text that a spreadsheet would run as a formula is neutralised)."""
    from ..survey.write import csv_writer, neutralise

    out = io.StringIO()
    writer = csv_writer(out.write)
    writer.writerow([*COLUMNS, "overdue"])
    for r in rows:
        writer.writerow([neutralise(v) for v in _cells(r)] + ["yes" if r.overdue else "no"])
    return out.getvalue()


def _cells(r: ActionRow) -> list[str]:
    return [
        r.id,
        r.service,
        r.action,
        r.principle,
        r.why or "",
        r.owner,
        r.with_ or "",
        r.due,
        r.measure or "",
        r.status_id,
        r.agreed,
    ]


def actions_xlsx(rows: Sequence[ActionRow]) -> bytes:
    from ..survey.formats import write_xlsx

    return write_xlsx([*COLUMNS, "overdue"], ([*_cells(r), "yes" if r.overdue else "no"] for r in rows), "Actions")


MARKDOWN_TITLE = N_("Agreed actions")  # translated where shown
MARKDOWN_HEADINGS = (
    N_("Action"),
    N_("Principle"),
    N_("Owner"),
    N_("With"),
    N_("Due"),
    N_("How we will know"),
    N_("Status"),
)


def actions_markdown(rows: Sequence[ActionRow], title: str = MARKDOWN_TITLE) -> str:
    """A Markdown table to paste into minutes, in the language in use (its rows' principles named in it)."""
    from html import escape

    from .report import _md  # one Markdown escaper for every renderer

    lines = [f"# {_(title)}", ""]
    if not rows:
        lines.append(_("No actions."))
    else:
        lines += [
            "| " + " | ".join(_(h) for h in MARKDOWN_HEADINGS) + " |",
            "|---|---|---|---|---|---|---|",
        ]
        for r in rows:
            due = f"**{r.due_text}**" if r.overdue else r.due
            cells = [r.action, r.principle, _owner(r.owner), r.with_ or "-", due, r.measure or "-", _(r.status)]
            lines.append("| " + " | ".join(_md(c) if c is not due else c for c in cells) + " |")
    return escape("\n".join(lines), quote=False) + "\n"


def actions_ics(rows: Sequence[ActionRow], stamp: str) -> str:
    """An iCalendar file (RFC 5545) with one all-day event on each action's due date, built with the
    icalendar library so common calendar programs open it. `stamp` is when it was made (YYYY-MM-DD)."""
    import datetime as _dt

    from icalendar import Calendar, Event

    from .. import __version__

    cal = Calendar()
    cal.add("prodid", f"-//coprotool//coprotool {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Agreed actions")
    made = _dt.datetime.combine(_dt.date.fromisoformat(stamp), _dt.time(), tzinfo=_dt.UTC)
    for r in rows:
        event = Event()
        event.add("uid", f"{r.id}@coprotool")
        event.add("dtstamp", made)
        day = _dt.date.fromisoformat(r.due)
        event.add("dtstart", day)
        event.add("dtend", day + _dt.timedelta(days=1))
        event.add("summary", f"Due: {r.action}")
        details = [
            f"Service: {r.service}",
            f"Principle: {r.principle}",
            f"Owner: {r.owner}",
            *([f"With: {r.with_}"] if r.with_ else []),
            *([f"Why: {r.why}"] if r.why else []),
            *([f"How we will know: {r.measure}"] if r.measure else []),
            f"Status: {r.status}",
            f"Agreed: {r.agreed} (coprotool action {r.id})",
        ]
        event.add("description", "\n".join(details))
        event.add("categories", ["coprotool", r.principle])
        cal.add_component(event)
    text: str = cal.to_ical().decode("utf-8")
    return text
