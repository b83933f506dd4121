"""The wedge as a standalone SVG image (no scripts, nothing fetched)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from html import escape

from ..model import Framework
from .wedge import segments

OPACITY = {None: 0.0, 0: 0.0, 1: 0.35, 2: 0.65, 3: 1.0}


def _point(cx: float, cy: float, r: float, degrees: float) -> tuple[float, float]:
    a = math.radians(degrees)
    return cx + r * math.sin(a), cy - r * math.cos(a)


def wedge_svg(fw: Framework, levels: Mapping[str, int | None], title: str, size: int = 420) -> str:
    """An SVG of the six segments: colour depth and a hatch count show strength, numbers label it."""
    width = size + 160  # room beside the circle for the longest label
    cx, cy = width / 2, size / 2
    r = size * 0.3
    names = {p.id: p for p in fw.principles}
    desc = "; ".join(
        f"{names[pid].name}: {'not assessed' if lv is None else f'{lv} of 3'}" for pid, _, _, lv in segments(levels)
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {size}" width="{width}" height="{size}" '
        f'role="img" aria-labelledby="wedge-title wedge-desc">',
        f'<title id="wedge-title">{escape(title)}</title>',
        f'<desc id="wedge-desc">{escape(desc)}</desc>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
    ]
    for pid, start, end, level in segments(levels):
        p = names[pid]
        x1, y1 = _point(cx, cy, r, start)
        x2, y2 = _point(cx, cy, r, end)
        path = f"M{cx:.1f},{cy:.1f} L{x1:.1f},{y1:.1f} A{r:.1f},{r:.1f} 0 0,1 {x2:.1f},{y2:.1f} Z"
        dash = ' stroke-dasharray="4 3"' if level is None else ""
        parts.append(
            f'<path d="{path}" fill="{p.colour}" fill-opacity="{OPACITY[level]}" stroke="#333333" '
            f'stroke-width="1.5"{dash}><title>{escape(p.name)}: '
            f"{'not assessed' if level is None else f'{level} of 3'}</title></path>"
        )
        # Rings, one per level, so strength reads in black and white too.
        for n in range(1, (level or 0) + 1):
            rr = r * (0.25 + 0.2 * n)
            a1, b1 = _point(cx, cy, rr, start + 4)
            a2, b2 = _point(cx, cy, rr, end - 4)
            parts.append(
                f'<path d="M{a1:.1f},{b1:.1f} A{rr:.1f},{rr:.1f} 0 0,1 {a2:.1f},{b2:.1f}" '
                f'fill="none" stroke="#222222" stroke-width="1.2"/>'
            )
        mid = (start + end) / 2
        tx, ty = _point(cx, cy, r * 0.62, mid)
        value = "–" if level is None else str(level)
        parts.append(
            f'<text x="{tx:.1f}" y="{ty + 6:.1f}" font-family="sans-serif" font-size="18" '
            f'font-weight="bold" text-anchor="middle" fill="#000000">{value}</text>'
        )
        lx, ly = _point(cx, cy, r + 18, mid)
        anchor = "start" if lx > cx + 5 else "end" if lx < cx - 5 else "middle"
        parts.append(
            f'<text x="{lx:.1f}" y="{ly + 5:.1f}" font-family="sans-serif" font-size="14" '
            f'text-anchor="{anchor}" fill="#000000">{escape(p.name)}</text>'
        )
    parts.append(
        f'<text x="{cx:.1f}" y="{size - 14}" font-family="sans-serif" font-size="13" '
        f'text-anchor="middle" fill="#333333">{escape(title)}</text>'
    )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
