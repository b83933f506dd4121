"""The six-segment wedge as a character grid: strength is both colour and fill density.

`wedge_grid` is pure (no Rich); `wedge_text` colours it for the terminal. Without colour the fill
characters alone carry the strength: blank = not assessed, then 0 to 3 from sparse to solid.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from ..i18n import _
from ..model import PRINCIPLE_IDS, SCALE_MAX, Framework
from ..wording import ENGLISH, text
from .styled import Styled

if TYPE_CHECKING:
    from ..view import ResultView

UNICODE_FILL: dict[int | None, str] = {None: " ", 0: "·", 1: "░", 2: "▓", 3: "█"}
ASCII_FILL: dict[int | None, str] = {None: " ", 0: ".", 1: "-", 2: "+", 3: "#"}
SEGMENT_DEGREES = 360 / len(PRINCIPLE_IDS)


@dataclass(frozen=True, slots=True)
class Cell:
    char: str
    principle: str | None  # None for background and gaps
    level: int | None
    numeral: bool = False  # the level's numeral, or the rim of a segment not assessed


def fill_chars(unicode: bool) -> dict[int | None, str]:
    return UNICODE_FILL if unicode else ASCII_FILL


def segment_at(dx: float, dy: float) -> int:
    """Index of the segment at an offset from the centre: 0 at the top, counting clockwise."""
    angle = math.degrees(math.atan2(dx, -dy)) % 360
    return int(angle // SEGMENT_DEGREES) % len(PRINCIPLE_IDS)


def reach(level: int | None, radius: float) -> float:
    """How far a segment reaches: it grows with the level, so strength shows in the shape. Level 0 is a
    small stub; a principle not assessed has no fill at all, only its outline."""
    if level is None:
        return 0.0
    return radius * (0.35 + 0.65 * level / SCALE_MAX)


def wedge_grid(levels: Mapping[str, int | None], radius: int = 7, unicode: bool = True) -> list[list[Cell]]:
    """Rows of cells for a circle of `radius` rows; columns are doubled since cells are tall.

    Each segment is filled out to `reach(level)` with its level's fill character and carries its level
    as a numeral; beyond the fill, a dotted rim marks the full circle, so a segment not assessed is an
    empty outline with a dash, clearly not the small stub of level 0.
    """
    fill = fill_chars(unicode)
    rim = "·" if unicode else "."
    mids = {}
    for i, pid in enumerate(PRINCIPLE_IDS):  # where each numeral goes: mid-angle, inside the fill
        a = math.radians(SEGMENT_DEGREES * (i + 0.5))
        d = max(1.6, reach(levels.get(pid), radius) * 0.62) if levels.get(pid) is not None else radius * 0.6
        mids[(round(radius - d * math.cos(a)), round(2 * radius + 2 * d * math.sin(a)))] = pid
    rows = []
    for r in range(2 * radius + 1):
        row = []
        for c in range(4 * radius + 1):
            dy, dx = r - radius, (c - 2 * radius) / 2
            dist = math.hypot(dx, dy)
            if (r, c) in mids:
                pid = mids[(r, c)]
                level = levels.get(pid)
                row.append(Cell(_unassessed(unicode) if level is None else str(level), pid, level, numeral=True))
                continue
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
            if dist <= reach(level, radius) + 0.4:
                row.append(Cell(fill[level], pid, level))
            elif dist >= radius - 0.5:
                row.append(Cell(rim, pid, None))
            else:
                row.append(Cell(" ", None, None))
        rows.append(row)
    return rows


def _unassessed(unicode: bool) -> str:
    """The mark of a principle not assessed: a dash, or in ASCII (where '-' is level 1's fill) a '?'."""
    return "–" if unicode else "?"


def readable_on(colour: str) -> str:
    """Black or white, whichever reads better on a background of `colour` (#RRGGBB)."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    lum = [(v / 12.92) if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in (r, g, b)]
    luminance = 0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2]
    return "#000000" if luminance > 0.179 else "#ffffff"


def chip(colour: str) -> str:
    """A style for a principle's name that reads on dark and light terminals alike: the principle's colour
    as the background, black or white text on it."""
    return f"bold {readable_on(colour)} on {colour}"


def label_rows(radius: int) -> dict[str, tuple[int, str]]:
    """For each principle, the row of its label and the side ('left'/'right') it sits on."""
    out = {}
    for i, pid in enumerate(PRINCIPLE_IDS):
        mid = math.radians(SEGMENT_DEGREES * (i + 0.5))
        row = radius - round(radius * 0.85 * math.cos(mid))
        out[pid] = (row, "right" if math.sin(mid) > 0 else "left")
    return out


def level_text(level: int | None, scale_max: int = 3) -> str:
    return _("not assessed") if level is None else f"{level}/{scale_max}"


def small_wedge(levels: Mapping[str, int | None], unicode: bool = True) -> str:
    """Six characters, one per principle in order: a wedge for a table row."""
    fill = fill_chars(unicode)
    return "".join(fill[levels.get(pid)] for pid in PRINCIPLE_IDS)


class WedgeKey(NamedTuple):
    """What a wedge's labels and key need: each principle's name and colour, and the scale's labels."""

    names: Mapping[str, str]
    colours: Mapping[str, str]
    scale: Sequence[str]  # the label of each level, 0 first

    @classmethod
    def of_view(cls, view: ResultView) -> WedgeKey:
        return cls({p.id: p.name for p in view.principles}, {p.id: p.colour for p in view.principles}, view.scale)

    @classmethod
    def of(cls, fw: Framework, variant: str = ENGLISH) -> WedgeKey:
        """The catalogue's names and scale labels in a wording variant ('cy' for Welsh)."""
        return cls(
            {p.id: text(p.name, variant) for p in fw.principles},
            {p.id: p.colour for p in fw.principles},
            [text(s.label, variant) for s in fw.scale],
        )


def wedge_text(
    fw: Framework | WedgeKey,
    levels: Mapping[str, int | None],
    width: int = 80,
    unicode: bool = True,
    labels: Mapping[str, str] | None = None,
    radius: int = 7,
) -> Styled:
    """The wedge as Styled text, with its labels beside the segments when the width allows, then a key."""
    key = fw if isinstance(fw, WedgeKey) else WedgeKey.of(fw)
    colours, names = key.colours, key.names
    labels = labels or {pid: f"{names[pid]} {level_text(levels.get(pid))}" for pid in PRINCIPLE_IDS}
    grid = wedge_grid(levels, radius, unicode)
    circle = len(grid[0])
    side = max(len(v) for v in labels.values()) + 3
    with_labels = width >= circle + 2 * side
    by_row: dict[int, dict[str, str]] = {}
    for pid, (line_no, where) in label_rows(radius).items():
        by_row.setdefault(line_no, {})[where] = pid
    out = Styled()
    for r, row in enumerate(grid):
        if with_labels:
            left = by_row.get(r, {}).get("left")
            if left:
                out.append(" " * (side - len(labels[left]) - 3))
                out.append(f" {labels[left]} ", style=chip(colours[left]))
                out.append(" ")
            else:
                out.append(" " * side)
        run, run_style = "", ""
        for cell in row:  # one span per run of like cells keeps printing cheap
            style = ""
            if cell.numeral:
                style = chip(colours[cell.principle]) if cell.principle else "bold"  # reads on any background
            elif cell.principle:
                style = colours[cell.principle] if cell.level else f"dim {colours[cell.principle]}"
            if style != run_style:
                out.append(run, style=run_style)
                run, run_style = "", style
            run += cell.char
        out.append(run, style=run_style)
        if with_labels:
            right = by_row.get(r, {}).get("right")
            if right:
                out.append("  ")
                out.append(f" {labels[right]} ", style=chip(colours[right]))
        out.rstrip()
        out.append("\n")
    import textwrap

    scale = ", ".join(f"{n} {label}" for n, label in enumerate(key.scale))
    keys = [
        _("Each segment grows with its level, the number in it: %(scale)s; %(mark)s not assessed.")
        % {"scale": scale, "mark": _unassessed(unicode)}
    ]
    if not with_labels:  # too narrow for labels beside the segments: say which is which
        keys.append(_("Clockwise from the top: %(names)s") % {"names": ", ".join(labels[pid] for pid in PRINCIPLE_IDS)})
    for said in keys:
        for line in textwrap.wrap(said, max(20, width - 1), break_on_hyphens=False):
            out.append(line + "\n", style="dim")
    return out


def segments(levels: Mapping[str, int | None]) -> Sequence[tuple[str, float, float, int | None]]:
    """(principle, start degree, end degree, level) for each segment, clockwise from the top."""
    return [
        (pid, i * SEGMENT_DEGREES, (i + 1) * SEGMENT_DEGREES, levels.get(pid)) for i, pid in enumerate(PRINCIPLE_IDS)
    ]
