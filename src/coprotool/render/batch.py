"""Writers for batch results: CSV, JSON (streamed array), JSON lines, and Rich tables for people."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from ..batch import Layout, Scored, neutralise
from ..model import PRINCIPLE_IDS, Framework


def row_dict(row: Scored, layout: Layout) -> dict:
    """A row as the assessment JSON is shaped: scores per principle, depth, plus line and fields."""
    return {
        "line": row.line,
        "fields": {c.header: v for c, v in zip(layout.passthrough, row.fields)},
        "scores": {
            pid: {"score": s, "level": lv, "answered": a, "asked": k}
            for pid, (s, lv, a, k) in zip(PRINCIPLE_IDS, row.scores)
        },
        "coverage": {"answered": row.answered, "asked": row.asked},
        "depth": row.depth,
        "weakest": row.weakest,
    }


class JsonLinesOut:
    def __init__(self, out: TextIO, layout: Layout):
        self.out, self.layout = out, layout

    def write(self, row: Scored) -> None:
        self.out.write(json.dumps(row_dict(row, self.layout), ensure_ascii=False) + "\n")

    def close(self) -> None:
        pass


class JsonOut:
    """A JSON array written as rows arrive, so it never sits in memory whole."""

    def __init__(self, out: TextIO, layout: Layout):
        self.out, self.layout, self.first = out, layout, True
        out.write("[")

    def write(self, row: Scored) -> None:
        self.out.write(("\n  " if self.first else ",\n  ") + json.dumps(row_dict(row, self.layout), ensure_ascii=False))
        self.first = False

    def close(self) -> None:
        self.out.write("\n]\n" if not self.first else "]\n")


def rows_table(rows: Iterable[Scored], layout: Layout, fw: Framework, unicode: bool, limit_fields: int = 2):
    """A Rich table of scored rows: a few pass-through columns, a small wedge, the scores and depth."""
    from rich.table import Table
    from rich.text import Text

    from .wedge import fill_chars

    fill = fill_chars(unicode)
    table = Table(box=None, header_style="bold", padding=(0, 1))
    table.add_column("Line", justify="right")
    shown = layout.passthrough[:limit_fields]
    for c in shown:
        table.add_column(c.header[:20], overflow="fold", max_width=20)
    table.add_column("Wedge", no_wrap=True)
    for p in fw.principles:
        table.add_column(p.name[:5], justify="right", style=p.colour)
    table.add_column("Depth")
    for row in rows:
        wedge = Text()
        for (_score, level, _a, _b), p in zip(row.scores, fw.principles):
            wedge.append(fill[level], style=p.colour)
        cells = [str(row.line)] + [row.fields[i] for i in range(len(shown))] + [wedge]
        cells += ["-" if s is None else f"{s:.1f}" for s, _l, _a, _b in row.scores]
        table.add_row(*cells, row.depth)
    return table


def _num(x: float) -> str:
    """A score in at most three characters: 2.33 -> 2.3, 3.0 -> 3."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


def groups_table(groups: list[dict], fw: Framework, unicode: bool, column: str, width: int = 80):
    """The workshop view: a column per group (in tables as wide as the terminal allows) and a row per
    principle with the group's mean and its lowest-highest; '!' where the group disagrees."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from .wedge import fill_chars

    fill = fill_chars(unicode)
    per_table = max(1, (width - 14) // 15)
    tables = []
    for start in range(0, len(groups), per_table):
        chunk = groups[start : start + per_table]
        table = Table(
            box=None,
            header_style="bold",
            padding=(0, 1, 0, 0),
            title_justify="left",
            title=f"By {column}" if start == 0 else None,
        )
        table.add_column(column[:13], no_wrap=True, min_width=12)
        for g in chunk:
            table.add_column((g["group"] or "(blank)")[:14], no_wrap=True, min_width=14, overflow="ellipsis")
        wedges = []
        for g in chunk:
            wedge = Text()
            for p in fw.principles:
                wedge.append(fill[g["principles"][p.id]["level"]], style=p.colour)
            wedges.append(wedge)
        table.add_row("Wedge", *wedges)
        table.add_row("Responses", *[str(g["count"]) for g in chunk])
        for p in fw.principles:
            cells = []
            for g in chunk:
                s = g["principles"][p.id]
                if s["mean"] is None:
                    cells.append("-")
                else:
                    mark = " !" if s["disagree"] else ""
                    cells.append(f"{s['mean']:.1f} ({_num(s['min'])}-{_num(s['max'])}){mark}")
            table.add_row(Text(p.name, style=f"bold {p.colour}"), *cells)
        table.add_row("Depth", *[g["depth"] for g in chunk])
        tables += [table, Text("")]
    note = Text(
        "Each cell: the group's mean score, then its lowest and highest. '!' marks a principle the "
        "group disagrees on (a spread of 2 or more): a conversation worth having.",
        style="dim",
    )
    return Group(*tables, note)


def group_csv(out: TextIO, groups: list[dict], column: str, safe: bool = True) -> None:
    writer = csv.writer(out, lineterminator="\n")
    header = [column, "count"]
    for pid in PRINCIPLE_IDS:
        header += [f"{pid}_mean", f"{pid}_min", f"{pid}_max", f"{pid}_disagree"]
    writer.writerow([*header, "depth"])
    for g in groups:
        row = [neutralise(g["group"]) if safe else g["group"], g["count"]]
        for pid in PRINCIPLE_IDS:
            s = g["principles"][pid]
            row += [
                "" if s["mean"] is None else f"{s['mean']:g}",
                "" if s["min"] is None else f"{s['min']:g}",
                "" if s["max"] is None else f"{s['max']:g}",
                "yes" if s["disagree"] else "no",
            ]
        writer.writerow([*row, g["depth"]])
