"""A real browser for page tests: Debian's Chromium driven by Playwright (never `playwright install`).

Use the `page` fixture from conftest.py: `page(width=390, height=844)` opens a fresh page of that size.
Without /usr/bin/chromium (or Playwright) the test is skipped, unless COPROTOOL_REQUIRE_BROWSER=1 (CI),
where it fails instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
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

    def __call__(self, width: int = 390, height: int = 844, **options: Any) -> Any:
        context = self.browser.new_context(viewport={"width": width, "height": height}, **options)
        self._contexts.append(context)
        page = context.new_page()
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        return page

    def close(self) -> None:
        for context in self._contexts:
            context.close()
        self._contexts.clear()
