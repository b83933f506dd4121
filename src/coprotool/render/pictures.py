"""The picture scale: one small SVG drawing per answer, for Easy Read pages, the paper ballot and the report.

Each point of the scale is a circle filled from the top, clockwise, in equal slices: empty for the lowest
point, full for the highest, like a segment of the wedge growing. The amount filled carries the meaning,
so the pictures read in black and white, in high-contrast modes and on paper; they are drawn in
`currentColor`, so they follow the text colour. "Not sure" is a dashed circle with a question mark,
"pass" a dashed circle with an arrow: neither looks like any amount. The pictures sit beside the words
that say the answer, so they are hidden from screen readers (the words are read instead). No scripts,
nothing fetched; the same drawing inline in HTML or saved as a file.
"""

from __future__ import annotations

import math

SIZE = 100  # the drawings' own units (viewBox); pages scale them with CSS or the size argument
_C, _R = 50.0, 42.0  # centre and radius of the circle
_OPEN = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {s} {s}" width="{w}" height="{w}" '
    'aria-hidden="true" focusable="false" class="scale-picture">'
)


def _point(degrees: float) -> tuple[float, float]:
    a = math.radians(degrees)
    return _C + _R * math.sin(a), _C - _R * math.cos(a)


def _slice(start: float, end: float) -> str:
    """A filled slice of the circle from `start` to `end` degrees, clockwise from the top."""
    x1, y1 = _point(start)
    x2, y2 = _point(end)
    large = 1 if end - start > 180 else 0
    return f'<path d="M{_C:g},{_C:g} L{x1:.1f},{y1:.1f} A{_R:g},{_R:g} 0 {large},1 {x2:.1f},{y2:.1f} Z"/>'


def scale_picture(value: int, top: int = 3, size: int = 64) -> str:
    """The picture for `value` on a scale from 0 to `top`: a circle with value/top of it filled."""
    if not 0 <= value <= top or top < 1:
        raise ValueError(f"value {value} is not on a scale from 0 to {top}")
    parts = [_OPEN.format(s=SIZE, w=size)]
    parts.append('<g fill="currentColor" stroke="none">')
    if value == top:
        parts.append(f'<circle cx="{_C:g}" cy="{_C:g}" r="{_R:g}"/>')
    elif value:
        parts.append(_slice(0, 360 * value / top))
    parts.append("</g>")
    # The dividing lines show how many slices there are, so "one of three" reads as a part, not a dot.
    parts.append('<g stroke="currentColor" stroke-width="2" fill="none">')
    for n in range(top):
        x, y = _point(360 * n / top)
        parts.append(f'<line x1="{_C:g}" y1="{_C:g}" x2="{x:.1f}" y2="{y:.1f}"/>')
    parts.append("</g>")
    parts.append(
        f'<circle cx="{_C:g}" cy="{_C:g}" r="{_R:g}" fill="none" stroke="currentColor" stroke-width="6"/></svg>'
    )
    return "".join(parts)


# The dashed ring that marks both answers that are no vote ("not sure" and "pass").
_NO_VOTE_RING = (
    f'<circle cx="{_C:g}" cy="{_C:g}" r="{_R:g}" fill="none" stroke="currentColor" stroke-width="5" '
    'stroke-dasharray="10 8"/>'
)


def not_sure_picture(size: int = 64) -> str:
    """A dashed circle with a question mark: "not sure" (no vote)."""
    return (
        _OPEN.format(s=SIZE, w=size)
        + _NO_VOTE_RING
        + '<path d="M36,38 C36,22 64,22 64,38 C64,50 50,50 50,62" fill="none" stroke="currentColor" '
        'stroke-width="8" stroke-linecap="round"/>'
        '<circle cx="50" cy="76" r="5" fill="currentColor"/></svg>'
    )


def pass_picture(size: int = 64) -> str:
    """A dashed circle with an arrow pointing on: "pass" (no vote)."""
    return (
        _OPEN.format(s=SIZE, w=size)
        + _NO_VOTE_RING
        + '<path d="M28,50 H70 M56,36 L70,50 L56,64" fill="none" stroke="currentColor" stroke-width="8" '
        'stroke-linecap="round" stroke-linejoin="round"/></svg>'
    )


def scale_pictures(points: int = 4, size: int = 64) -> list[str]:
    """A picture for each point of a scale of `points` points, lowest first."""
    return [scale_picture(v, points - 1, size) for v in range(points)]


def no_vote_pictures(size: int = 64) -> list[str]:
    """The pictures for "not sure" and "pass", in that order."""
    return [not_sure_picture(size), pass_picture(size)]
