"""Blank answers files and CSV header rows to start from."""

from __future__ import annotations

import csv
import io
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

from .assessment import FORMAT, FORMAT_VERSION
from .i18n import Lang, _, using
from .model import LADDER_IDS, Framework, Ladder
from .view import current_variant
from .wording import text


def yaml_template(
    fw: Framework, langs: Sequence[Lang] = ("en",), *, easy: bool = False, ladder: Ladder | None = None
) -> str:
    """An answers file with every question as a comment above its id, all unanswered.

    The comments are in each of `langs` in turn (Welsh first for both), the catalogue's text in the wording
    `assess` shows in that language (Easy Read with `easy`); the keys and ids are the same in every language,
    so the file loads and scores alike whatever language it was written in."""
    variants = []
    for lang in langs:
        with using(lang):
            variants.append(current_variant(easy))  # the wording assess shows in that language

    def each(say: Callable[[str], list[str]]) -> list[str]:
        """Comment lines said in every language, one language after the other."""
        lines: list[str] = []
        for lang in langs:
            with using(lang):
                lines += say(current_variant(easy))
        return lines

    def field(line: str, say: Callable[[str], str], width: int = 25) -> list[str]:
        """A value with its comment: beside it in one language; above it, a line each, in two."""
        said = each(lambda v: [_one_line(say(v))])
        if len(said) == 1:
            return [f"{line + ' ':<{width}}# {said[0]}"]
        lead = line[: len(line) - len(line.lstrip("# "))]  # the line's own indent, and its '#' when commented out
        return [*(f"{lead}# {one}" for one in said), line]

    def head(v: str) -> list[str]:
        scale = ", ".join(f"{s.value} = {_one_line(text(s.label, v))}" for s in fw.scale)
        intro = _("coprotool answers file: fill in a value for each question, then run\n  %(command)s") % {
            "command": "coprotool assess --answers THIS_FILE"
        }
        values = _("Values: %(scale)s (a number or the label); leave null to skip a question.") % {"scale": scale}
        return [f"# {line}" for line in (*intro.split("\n"), values)]

    lines = [
        *each(head),
        f"format: {FORMAT}",
        f"format_version: {FORMAT_VERSION}",
        *field("service: null", lambda v: _("the service's name")),
        *field("keywords: []", lambda v: _("e.g. [Peer Support, Time Banking]; see: coprotool list")),
        "answers:",
    ]
    for p in fw.principles:
        lines += [f"  # --- {_one_line(text(p.name, v))}: {_one_line(text(p.meaning, v))}" for v in variants]
        for q in p.questions:
            lines += [f"  # {part}" for v in variants for part in textwrap.wrap(_one_line(q.wording(v)), 94)]
            lines.append(f"  {q.id}: null")
    lines += field("notes:", lambda v: _("optional: the evidence the group gave, per principle"))
    for p in fw.principles:
        lines.append(f"  {p.id}: null")
    roles = ", ".join(c.id for c in fw.grid.plan.choices)
    aspect = text(ladder.aspects[0], variants[0]) if ladder and ladder.aspects else "Planning"
    lines += [
        *field("grid:", lambda v: _("each one of: %(roles)s") % {"roles": _one_line(roles)}),
        *field("  plan: null", lambda v: text(fw.grid.plan.question, v)),
        *field("  deliver: null", lambda v: text(fw.grid.deliver.question, v)),
        *field(
            "# ladder:",
            lambda v: _("optional: the room's places on the ladder of co-production (coprotool ladder)"),
            width=26,
        ),
        *field(
            f"#   - aspect: {_one_line(aspect)}",
            lambda v: _("one part of the work at a time: planning, delivery, review..."),
            width=26,
        ),
        *field(
            f"#     now: {LADDER_IDS[3]}",
            lambda v: _("one of: %(rungs)s") % {"rungs": ", ".join(LADDER_IDS)},
            width=26,
        ),
        *field(
            f"#     should: {LADDER_IDS[-1]}",
            lambda v: _("start from the top; step down only for a stated reason"),
            width=26,
        ),
        *field("#     reason: null", lambda v: _("why this part should stand below the top rung"), width=26),
    ]
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    """Catalogue text for a comment: every line break YAML knows (\\r, NEL, U+2028...) becomes a space,
    so multi-line text cannot end the comment and turn its remainder into data."""
    return " ".join(text.split())


def json_template(fw: Framework) -> dict[str, Any]:
    """The answers file as JSON: the same fields as the YAML one, all unanswered (JSON has no comments:
    `coprotool questions` lists the questions)."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "service": None,
        "keywords": [],
        "answers": {q.id: None for q in fw.questions},
        "notes": {p.id: None for p in fw.principles},
        "grid": {"plan": None, "deliver": None},
    }


def csv_header(fw: Framework, headers: str = "id", variant: str = "en") -> str:
    """One header row: a respondent column, then one column per question (by id or by its text in
    `variant`: a survey header in any wording names its question)."""
    cols = ["respondent", "team"] + [q.id if headers == "id" else q.wording(variant) for q in fw.questions]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(cols)
    return buf.getvalue()
