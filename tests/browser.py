"""A real browser for page tests: Debian's Chromium driven by Playwright (never `playwright install`).

Use the `page` fixture from conftest.py: `page(width=390, height=844)` opens a fresh page of that size.
A page that polls the server (the room's phone and projector pages) is opened with `page(..., clock=True)`
and followed with `polled(view, locator)`, which brings its next poll forward.
Without /usr/bin/chromium (or Playwright) the test is skipped, unless COPROTOOL_REQUIRE_BROWSER=1 (CI),
where it fails instead.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

# Playwright 1.65's --disable-features (chromiumSwitches.ts), which ours below replaces.
PLAYWRIGHTS_DISABLED_FEATURES = (
    "AvoidUnnecessaryBeforeUnloadCheckSync",
    "DestroyProfileOnBrowserClose",
    "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable",
    "LensOverlay",
    "MediaRouter",
    "PaintHolding",
    "ThirdPartyStoragePartitioning",
    "AvoidCorsURLLoaderRestartOnRedirect",
    "TcpPortRandomizationWin",
    "OptimizationHints",
    "NetworkTimeServiceQuerying",
    "AimEnabled",
    "PreconnectToSearch",
    "msForceBrowserSignIn",
    "msEdgeUpdateLaunchServicesPreferredVersion",
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    # Each browser window of Chromium 156 builds the address bar's pop-ups as hidden web pages; the "AI Mode"
    # one kept a renderer busy (a third of a core) for as long as any test page was open, and both slowed every
    # new page. Chromium keeps only the last --disable-features it is given, so this one repeats Playwright's
    # own (test_browser checks that none is lost when Playwright changes its list).
    "--disable-features=" + ",".join((*PLAYWRIGHTS_DISABLED_FEATURES, "WebUIOmniboxPopup", "WebUIOmniboxAimPopup")),
]


def chromium_path() -> str | None:
    """Debian's Chromium, or another on PATH."""
    if os.path.exists("/usr/bin/chromium"):
        return "/usr/bin/chromium"
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def missing(reason: str) -> None:
    """Skip, or fail where a browser is required (CI)."""
    if os.environ.get("COPROTOOL_REQUIRE_BROWSER") == "1":
        pytest.fail(f"the page tests must run here (COPROTOOL_REQUIRE_BROWSER=1), but {reason}")
    pytest.skip(reason)


@contextmanager
def launched() -> Iterator[Any]:
    """A running headless Chromium (a Playwright Browser), closed afterwards."""
    executable = chromium_path()
    if executable is None:
        missing("chromium is not installed (CI installs it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the test extra installs it
        missing("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Pages:
    """Opens pages of a given size; remembers every address any of them asked for."""

    def __init__(self, browser: Any) -> None:
        self.browser = browser
        self.requests: list[str] = []
        self.errors: list[str] = []
        self._contexts: list[Any] = []

    def __call__(self, width: int = 390, height: int = 844, clock: bool = False, **options: Any) -> Any:
        context = self.browser.new_context(viewport={"width": width, "height": height}, **options)
        self._contexts.append(context)
        if clock:  # time runs as usual, and polled() may move it on (installed before any page script runs)
            context.clock.install()
        page = context.new_page()
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        return page

    def close(self) -> None:
        for context in self._contexts:
            context.close()
        self._contexts.clear()


def polled(view: Any, locator: Any, timeout: float = 15_000) -> None:
    """Wait until `locator` shows on a page that follows the room by polling, bringing each poll forward.

    The phone page asks the server every 1.5 s and the projector page every second; rather than sit through
    that, the page's clock (open it with `page(..., clock=True)`) jumps to its next poll. The poll, the
    server's answer and the page's own update are all real; only the wait between polls goes.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    deadline = time.monotonic() + timeout / 1000
    while True:
        view.clock.fast_forward(2_000)  # past either page's poll interval: the next poll fires now
        try:
            locator.wait_for(timeout=500)
        except PlaywrightTimeout:
            if time.monotonic() > deadline:
                raise
        else:
            return
