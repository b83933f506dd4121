"""A real browser for page tests: Debian's Chromium driven by Playwright (never `playwright install`).

Use the `page` fixture from conftest.py: `page(width=390, height=844)` opens a blank page of that size (one
an earlier test used, cleared, where it asks for nothing more than a size).
A page that polls the server (the room's phone and projector pages) is opened with `page(..., clock=True)`
and followed with `polled(view, locator)`, which brings its next poll forward.
Without /usr/bin/chromium (or Playwright) the test is skipped, unless COPROTOOL_REQUIRE_BROWSER=1 (CI),
where it fails instead.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
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
    # One renderer may serve pages of different sites (a reused page goes from a file to 127.0.0.1 and back to
    # about:blank): no page here frames another site, and each navigation across sites started a new renderer.
    "--disable-site-isolation-trials",
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


SPARE_PAGES = 4  # kept for reuse: the most plain pages a test here holds at once


class Pages:
    """Opens pages of a given size; remembers every address any of them asked for.

    A page with no clock and no other option is one a test only loads content into: it is taken from `spare`
    where an earlier test left one, since a new page costs Chromium a renderer and a window (about 0.2 s of
    CPU) and a used one a few milliseconds. close() hands such pages back blank, with nothing kept from the
    test: its scripts removed, cookies and stored data of every address it visited cleared, the screen media
    emulated again.
    """

    def __init__(self, browser: Any, spare: list[Any] | None = None) -> None:
        self.browser = browser
        self.requests: list[str] = []
        self.errors: list[str] = []
        self._spare = spare if spare is not None else []
        self._contexts: list[Any] = []
        self._lent: list[Any] = []
        self._listeners: list[tuple[Any, str, Any]] = []
        self._scripts: list[Any] = []

    def __call__(
        self, width: int = 390, height: int = 844, clock: bool = False, scripts: Sequence[Path] = (), **options: Any
    ) -> Any:
        """A page of that size; each of `scripts` runs first in every document it loads, until the test ends."""
        viewport = {"width": width, "height": height}
        plain = not clock and not options
        if plain and self._spare:
            page = self._spare.pop()
            page.set_viewport_size(viewport)
        else:
            context = self.browser.new_context(viewport=viewport, **options)
            if clock:  # time runs as usual, and polled() may move it on (installed before any page script runs)
                context.clock.install()
            page = context.new_page()
        if plain:
            self._lent.append(page)
        else:
            self._contexts.append(page.context)
        self._scripts += [page.add_init_script(path=script) for script in scripts]
        self._listen(page, "request", lambda request: self.requests.append(request.url))
        self._listen(page, "pageerror", lambda error: self.errors.append(str(error)))
        self._listen(page, "console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        return page

    def _listen(self, page: Any, event: str, handler: Any) -> None:
        page.on(event, handler)
        self._listeners.append((page, event, handler))

    def close(self) -> None:
        for page, event, handler in self._listeners:
            page.remove_listener(event, handler)
        self._listeners.clear()
        for script in self._scripts:
            script.close()
        self._scripts.clear()
        for page in self._lent:
            if len(self._spare) < SPARE_PAGES and cleared(page, self.requests):
                self._spare.append(page)
            else:
                page.context.close()
        for context in self._contexts:
            context.close()
        self._lent.clear()
        self._contexts.clear()


def cleared(page: Any, visited: list[str]) -> bool:
    """Blank `page` and clear what it kept of the addresses visited; False where it cannot be reused."""
    from urllib.parse import urlsplit

    from playwright.sync_api import Error

    origins = {f"{u.scheme}://{u.netloc}" for u in map(urlsplit, visited) if u.scheme in ("http", "https", "file")}
    try:
        page.goto("about:blank")
        page.emulate_media(media="null")
        page.context.clear_cookies()
        cdp = page.context.new_cdp_session(page)
        for origin in origins:
            cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        cdp.detach()
    except Error:  # closed or crashed
        return False
    return True


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
