"""The shared browser fixture itself: a phone-sized page in Debian's Chromium."""

from __future__ import annotations


def test_page_fixture_opens_a_phone_sized_page(page):
    phone = page(width=390, height=844)
    phone.set_content("<!doctype html><meta name=viewport content='width=device-width'><p id=x>hello</p>")
    assert phone.inner_text("#x") == "hello"
    assert phone.evaluate("window.innerWidth") == 390
    assert page.errors == []


def test_polled_brings_a_pages_next_poll_forward_and_still_fails_when_nothing_comes(page):
    import time

    import pytest
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    from browser import polled

    view = page(clock=True)
    # A page that changes only after 6 s, as the room's pages change only at their next poll.
    view.set_content("<p id=x>waiting</p><script>setTimeout(() => { x.textContent = 'moved on' }, 6000)</script>")
    start = time.monotonic()
    polled(view, view.get_by_text("moved on"))
    assert time.monotonic() - start < 5  # the page's clock jumped ahead: nobody sat through the 6 s
    still = page(clock=True)
    still.set_content("<p>waiting</p>")
    with pytest.raises(PlaywrightTimeout):  # what never comes is still a failure
        polled(still, still.get_by_text("moved on"), timeout=1_000)
    assert page.errors == []
