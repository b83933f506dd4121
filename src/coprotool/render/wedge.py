"""The six-segment wedge as a character grid: strength is both colour and fill density.

`wedge_grid` is pure (no Rich); `wedge_text` colours it for the terminal. Without colour the fill
characters alone carry the strength: blank = not assessed, then 0 to 3 from sparse to solid.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..model import PRINCIPLE_IDS, Framework
from .styled import Styled

UNICODE_FILL = {None: " ", 0: "·", 1: "░", 2: "▒", 3: "█"}
ASCII_FILL = {None: " ", 0: ".", 1: "-", 2: "+", 3: "#"}
SEGMENT_DEGREES = 360 / len(PRINCIPLE_IDS)


@dataclass(frozen=True, slots=True)
class Cell:
    char: str
    principle: str | None  # None for background and gaps
    level: int | None


def fill_chars(unicode: bool) -> dict:
    return UNICODE_FILL if unicode else ASCII_FILL


def segment_at(dx: float, dy: float) -> int:
    """Index of the segment at an offset from the centre: 0 at the top, counting clockwise."""
    angle = math.degrees(math.atan2(dx, -dy)) % 360
    return int(angle // SEGMENT_DEGREES) % len(PRINCIPLE_IDS)


def wedge_grid(levels: Mapping[str, int | None], radius: int = 7, unicode: bool = True) -> list[list[Cell]]:
    """Rows of cells for a circle of `radius` rows; columns are doubled since cells are tall."""
    fill = fill_chars(unicode)
    rows = []
    for r in range(2 * radius + 1):
        row = []
        for c in range(4 * radius + 1):
            dy, dx = r - radius, (c - 2 * radius) / 2
            dist = math.hypot(dx, dy)
            if dist > radius + 0.4 or dist < 0.6:
                row.append(Cell(" ", None, None))
                continue
            angle = math.degrees(math.atan2(dx, -dy)) % 360
            off = min(angle % SEGMENT_DEGREES, SEGMENT_DEGREES - angle % SEGMENT_DEGREES)
            if math.radians(off) * dist < 0.45:  # a thin gap between segments
                row.append(Cell(" ", None, None))
                continue
            pid = PRINCIPLE_IDS[segment_at(dx, dy)]
            level = levels.get(pid)
            row.append(Cell(fill[level], pid, level))
        rows.append(row)
    return rows


def label_rows(radius: int) -> dict[str, tuple[int, str]]:
    """For each principle, the row of its label and the side ('left'/'right') it sits on."""
    out = {}
    for i, pid in enumerate(PRINCIPLE_IDS):
        mid = math.radians(SEGMENT_DEGREES * (i + 0.5))
        row = radius - round(radius * 0.85 * math.cos(mid))
        out[pid] = (row, "right" if math.sin(mid) > 0 else "left")
    return out


def level_text(level: int | None, scale_max: int = 3) -> str:
    return "not assessed" if level is None else f"{level}/{scale_max}"


def small_wedge(levels: Mapping[str, int | None], unicode: bool = True) -> str:
    """Six characters, one per principle in order: a wedge for a table row."""
    fill = fill_chars(unicode)
    return "".join(fill[levels.get(pid)] for pid in PRINCIPLE_IDS)


def wedge_text(
    fw: Framework,
    levels: Mapping[str, int | None],
    width: int = 80,
    unicode: bool = True,
    labels: Mapping[str, str] | None = None,
    radius: int = 7,
):
    """The wedge as Styled text, with its labels beside the segments when the width allows."""

    colours = {p.id: p.colour for p in fw.principles}
    names = {p.id: p.name for p in fw.principles}
    labels = labels or {pid: f"{names[pid]} {level_text(levels.get(pid))}" for pid in PRINCIPLE_IDS}
    grid = wedge_grid(levels, radius, unicode)
    circle = len(grid[0])
    side = max(len(v) for v in labels.values()) + 2
    with_labels = width >= circle + 2 * side
    by_row: dict[int, dict[str, str]] = {}
    for pid, (row, where) in label_rows(radius).items():
        by_row.setdefault(row, {})[where] = pid
    out = Styled()
    for r, row in enumerate(grid):
        if with_labels:
            pid = by_row.get(r, {}).get("left")
            out.append(f"{labels[pid]} ".rjust(side) if pid else " " * side, style=colours.get(pid, ""))
        run, run_style = "", ""
        for cell in row:  # one span per run of like cells keeps printing cheap
            style = ""
            if cell.principle:
                style = colours[cell.principle] if cell.level else f"dim {colours[cell.principle]}"
            if style != run_style:
                out.append(run, style=run_style)
                run, run_style = "", style
            run += cell.char
        out.append(run, style=run_style)
        if with_labels:
            pid = by_row.get(r, {}).get("right")
            if pid:
                out.append(f" {labels[pid]}", style=colours[pid])
        out.rstrip()
        out.append("\n")
    import textwrap

    fill = fill_chars(unicode)
    keys = ["Strength: " + "  ".join(f"{fill[n] * 2} {n}" for n in range(4)) + "  (blank: not assessed)"]
    if not with_labels:  # too narrow for labels beside the segments: say which is which
        keys.append("Clockwise from the top: " + ", ".join(labels[pid] for pid in PRINCIPLE_IDS))
    for key in keys:
        for line in textwrap.wrap(key, max(20, width - 1), break_on_hyphens=False):
            out.append(line + "\n", style="dim")
    return out


def segments(levels: Mapping[str, int | None]) -> Sequence[tuple[str, float, float, int | None]]:
    """(principle, start degree, end degree, level) for each segment, clockwise from the top."""
    return [
        (pid, i * SEGMENT_DEGREES, (i + 1) * SEGMENT_DEGREES, levels.get(pid)) for i, pid in enumerate(PRINCIPLE_IDS)
    ]
