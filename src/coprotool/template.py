"""Blank answers files and CSV header rows to start from."""

from __future__ import annotations

import csv
import io
import textwrap
from typing import Any

from .assessment import FORMAT, FORMAT_VERSION
from .model import LADDER_IDS, Framework


def yaml_template(fw: Framework) -> str:
    """An answers file with every question as a comment above its id, all unanswered."""
    scale = ", ".join(f"{s.value} = {_one_line(s.label)}" for s in fw.scale)
    lines = [
        "# coprotool answers file: fill in a value for each question, then run",
        "#   coprotool assess --answers THIS_FILE",
        f"# Values: {scale} (a number or the label); leave null to skip a question.",
        f"format: {FORMAT}",
        f"format_version: {FORMAT_VERSION}",
        "service: null            # the service's name",
        "keywords: []             # e.g. [Peer Support, Time Banking]; see: coprotool list",
        "answers:",
    ]
    for p in fw.principles:
        lines.append(f"  # --- {_one_line(p.name)}: {_one_line(p.meaning)}")
        for q in p.questions:
            for part in textwrap.wrap(_one_line(q.text), 94):
                lines.append(f"  # {part}")
            lines.append(f"  {q.id}: null")
    lines.append("notes:                   # optional: the evidence the group gave, per principle")
    for p in fw.principles:
        lines.append(f"  {p.id}: null")
    roles = ", ".join(c.id for c in fw.grid.plan.choices)
    lines += [
        f"grid:                    # each one of: {_one_line(roles)}",
        f"  plan: null             # {_one_line(fw.grid.plan.question)}",
        f"  deliver: null          # {_one_line(fw.grid.deliver.question)}",
        "# ladder:                 # optional: the room's places on the ladder of co-production (coprotool ladder)",
        "#   - aspect: Planning    # one part of the work at a time: planning, delivery, review...",
        f"#     now: {LADDER_IDS[3]}   # one of: {', '.join(LADDER_IDS)}",
        f"#     should: {LADDER_IDS[-1]} # start from the top; step down only for a stated reason",
        "#     reason: null        # why this part should stand below the top rung",
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


def csv_header(fw: Framework, headers: str = "id") -> str:
    """One header row: a respondent column, then one column per question (by id or by its text)."""
    cols = ["respondent", "team"] + [q.id if headers == "id" else q.text for q in fw.questions]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(cols)
    return buf.getvalue()
