"""Accessibility checks in a real browser: axe-core (from npm, tests/axe) for WCAG 2.1 AA, reflow without
sideways scrolling, and the accessible name and role of every control as a screen reader meets them.

axe-core is installed by `npm ci --prefix tests/axe` (.ci/run does it); without it the test is skipped, unless
COPROTOOL_REQUIRE_BROWSER=1 (CI), where it fails.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from browser import missing

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CONTROLS = ("button", "link", "textbox", "checkbox", "radio", "combobox", "slider", "switch")


def require_axe() -> None:
    """Skip (or fail, in CI) where axe-core is not installed: before a test opens pages it cannot check."""
    if not AXE.exists():
        missing("axe-core is not installed: run `npm ci --prefix tests/axe`")


def axe_violations(page: Any) -> list[str]:
    """What axe-core finds against WCAG 2.1 A and AA on the page as it is now, one line each."""
    require_axe()
    if not page.evaluate("() => typeof window.axe === 'object'"):  # not opened with page(..., scripts=[AXE])
        # Through the DevTools protocol, which a page's Content-Security-Policy does not govern.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG21_AA
    )
    found = result["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in found]


def controls(page: Any) -> list[tuple[str, str]]:
    """Every control a screen reader lists, as (role, accessible name), from Chromium's accessibility tree."""
    tree = page.locator("body").aria_snapshot()
    found = []
    for line in tree.splitlines():
        m = re.match(r'\s*- (\w+)(?: "((?:[^"\\]|\\.)*)")?', line)
        if m and m[1] in CONTROLS:
            found.append((m[1], m[2] or ""))
    return found


def sideways(page: Any) -> int:
    """How many CSS pixels the page is wider than its viewport (0: no sideways scrolling)."""
    return int(page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth"))
