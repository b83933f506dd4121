"""The wedge as a standalone SVG image (no scripts, nothing fetched).

Strength shows three ways at once, so it reads from the back of a room and in black and white: each
segment reaches further out the higher its level (level 3 fills it to the outer ring), its colour deepens
with the level, as in the catalogue, and its level is written in it. Level 0 is a small white stub with a
solid edge; a principle not assessed has no fill at all, only a dashed outline and a dash.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

from ..i18n import _
from ..model import SCALE_MAX, Framework
from ..text import xml_text as escape
from .wedge import WedgeKey, segments

OPACITY: dict[int | None, float] = {None: 0.0, 0: 0.0, 1: 0.4, 2: 0.7, 3: 1.0}
FONT = 'font-family="Arial, Helvetica, sans-serif"'


def reach(level: int | None, r: float) -> float:
    """The radius a segment is drawn to: a quarter-ish stub at level 0, the full circle at the top level."""
    if level is None:
        return r
    return r * (0.3 + 0.7 * level / SCALE_MAX)


def _point(cx: float, cy: float, r: float, degrees: float) -> tuple[float, float]:
    a = math.radians(degrees)
    return cx + r * math.sin(a), cy - r * math.cos(a)


def _sector(cx: float, cy: float, r: float, start: float, end: float) -> str:
    x1, y1 = _point(cx, cy, r, start)
    x2, y2 = _point(cx, cy, r, end)
    return f"M{cx:.1f},{cy:.1f} L{x1:.1f},{y1:.1f} A{r:.1f},{r:.1f} 0 0,1 {x2:.1f},{y2:.1f} Z"


def _status(level: int | None, label: Callable[[int], str]) -> str:
    if level is None:
        return _("not assessed")
    return _("level %(level)d of %(top)d, %(label)s") % {"level": level, "top": SCALE_MAX, "label": label(level)}


def wedge_svg(
    fw: Framework | WedgeKey,
    levels: Mapping[str, int | None],
    title: str,
    size: int = 420,
    caption: bool = True,
    ident: str = "wedge",
) -> str:
    """An SVG of the six segments, their labels and a legend, in the language in use (i18n.current).
    `ident` names its title and description, so two wedges on one page keep their ids apart."""
    key = fw if isinstance(fw, WedgeKey) else WedgeKey.of(fw)
    label = key.scale.__getitem__
    width = size + 370  # room beside the circle for the longest label, large enough to read on a phone
    legend_top = size + 4
    height = legend_top + 118 + (30 if caption else 0)
    cx, cy = width / 2, size / 2
    r = size * 0.36
    desc = "; ".join(f"{key.names[pid]}: {_status(lv, label)}" for pid, _, _, lv in segments(levels))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
    ]
    for pid, start, end, level in segments(levels):
        name, colour = key.names[pid], key.colours[pid]
        # The outer ring: how far the segment could reach.
        parts.append(
            f'<path d="{_sector(cx, cy, r, start, end)}" fill="none" stroke="#9a9a9a" stroke-width="1"'
            + (' stroke-dasharray="6 4"' if level is None else "")
            + "/>"
        )
        status = _status(level, label)
        if level is not None:
            parts.append(
                f'<path d="{_sector(cx, cy, reach(level, r), start, end)}" fill="{colour}" '
                f'fill-opacity="{OPACITY[level]}" stroke="#222222" stroke-width="1.5">'
                f"<title>{escape(name)}: {status}</title></path>"
            )
        mid = (start + end) / 2
        # The numeral sits inside the fill, away from every edge and ring: nothing crosses it.
        if level is None:
            at = r * 0.6
        elif level == 0:  # beyond the small stub, clear of its edge
            at = reach(0, r) + 26
        else:
            at = reach(level, r) * 0.55
        tx, ty = _point(cx, cy, at, mid)
        value = "–" if level is None else str(level)
        halo = "#ffffff" if (level or 0) < SCALE_MAX else "none"
        parts.append(
            f'<text x="{tx:.1f}" y="{ty + 12:.1f}" {FONT} font-size="34" font-weight="bold" text-anchor="middle" '
            f'fill="#000000" stroke="{halo}" stroke-width="4" paint-order="stroke">{value}</text>'
        )
        lx, ly = _point(cx, cy, r + 16, mid)
        anchor = "start" if lx > cx + 5 else "end" if lx < cx - 5 else "middle"
        dy = 10 if abs(ly - cy) < r * 0.6 else (0 if ly < cy else 22)
        # The name alone, large: the number in the segment and the legend say the level.
        unassessed = (
            f'<tspan x="{lx:.1f}" dy="26" font-size="22" font-weight="normal">{escape(_("not assessed"))}</tspan>'
        )
        parts.append(
            f'<text x="{lx:.1f}" y="{ly + dy:.1f}" {FONT} font-size="28" font-weight="bold" '
            f'text-anchor="{anchor}" fill="#000000">{escape(name)}{unassessed if level is None else ""}</text>'
        )
    parts += _legend(key, width, legend_top)
    if caption:
        parts.append(
            f'<text x="{width / 2:.1f}" y="{height - 10}" {FONT} font-size="20" text-anchor="middle" '
            f'fill="#333333">{escape(title)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _legend(key: WedgeKey, width: float, top: float) -> Sequence[str]:
    """A row of small segments, one per level and one not assessed, each with its label."""
    items: list[tuple[int | None, str]] = [(n, f"{n} {text}") for n, text in enumerate(key.scale)]
    items.append((None, "– " + _("not assessed")))
    step = width / len(items)
    out = [
        f'<text x="{width / 2:.1f}" y="{top + 22:.1f}" {FONT} font-size="22" text-anchor="middle" fill="#333333">'
        f"{escape(_('Size and depth of colour show the level:'))}</text>"
    ]
    for i, (level, label) in enumerate(items):
        x = step * i + step / 2
        base = top + 84
        r = 44
        out.append(
            f'<path d="{_sector(x, base, r, -30, 30)}" fill="none" stroke="#9a9a9a" stroke-width="1"'
            + (' stroke-dasharray="5 3"' if level is None else "")
            + "/>"
        )
        if level is not None:
            out.append(
                f'<path d="{_sector(x, base, reach(level, r), -30, 30)}" fill="#555555" '
                f'fill-opacity="{OPACITY[level]}" stroke="#222222" stroke-width="1.2"/>'
            )
        out.append(
            f'<text x="{x:.1f}" y="{base + 6:.1f}" {FONT} font-size="20" text-anchor="middle" '
            f'dominant-baseline="hanging" fill="#000000">{escape(label)}</text>'
        )
    return out
