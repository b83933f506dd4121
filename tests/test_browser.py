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
    # A page that changes only after 4.5 s, as the room's pages change only at their next poll.
    view.set_content("<p id=x>waiting</p><script>setTimeout(() => { x.textContent = 'moved on' }, 4500)</script>")
    start = time.monotonic()
    polled(view, view.get_by_text("moved on"))
    assert time.monotonic() - start < 3.5  # the page's clock jumped ahead: nobody sat through the 4.5 s
    view.set_content("<p>waiting</p>")  # the same page, now with nothing to come
    with pytest.raises(PlaywrightTimeout):  # what never comes is still a failure
        polled(view, view.get_by_text("moved on"), timeout=500)
    assert page.errors == []


def _chromium_command_line() -> list[str]:
    """The arguments this process's Chromium was started with (its parent is Playwright's driver, our child)."""
    import os
    from pathlib import Path

    parents = {}
    for proc in Path("/proc").iterdir():
        try:
            parents[proc] = (proc / "stat").read_text().rsplit(")", 1)[1].split()[1]
        except (OSError, IndexError):  # not a process, or one that has just ended
            continue
    drivers = {proc.name for proc, parent in parents.items() if parent == str(os.getpid())}
    for proc, parent in parents.items():
        args = (proc / "cmdline").read_text().split("\0") if parent in drivers else []
        if "--remote-debugging-pipe" in args:
            return args
    raise AssertionError("no Chromium started by this test process")


def test_a_page_opens_no_hidden_pop_up_pages_and_playwrights_own_chromium_settings_stand(page):
    view = page()
    view.set_content("<p>hello</p>")
    cdp = page.browser.new_browser_cdp_session()
    targets = cdp.send("Target.getTargets")["targetInfos"]
    cdp.detach()
    # The address bar's pop-ups, built as hidden pages for each window, one kept busy while a test page is open.
    assert [t["url"] for t in targets if t["type"] == "browser_ui"] == []
    # Chromium keeps only the last --disable-features: ours must hold every feature Playwright's turned off.
    flag = "--disable-features="
    turned_off = [a.removeprefix(flag).split(",") for a in _chromium_command_line() if a.startswith(flag)]
    assert set().union(*turned_off) == set(turned_off[-1]) and "WebUIOmniboxAimPopup" in turned_off[-1]


def test_a_reused_page_keeps_nothing_from_the_test_before(page, tmp_path):
    from browser import Pages

    site = tmp_path / "p.html"
    site.write_text("<p>hello</p>")
    script = tmp_path / "first.js"
    script.write_text("window.ranFirst = true")
    spare: list = []
    before = Pages(page.browser, spare)
    used = before(width=320, height=600, scripts=[script])
    used.goto(site.as_uri())
    assert used.evaluate("window.ranFirst") is True
    used.evaluate("localStorage.setItem('kept', 'yes')")
    used.context.add_cookies([{"name": "device", "value": "1", "url": "http://127.0.0.1:8000/"}])
    used.emulate_media(media="print")
    before.close()
    after = Pages(page.browser, spare)
    again = after(width=500, height=700)
    try:
        assert again is used and spare == []  # the same page, lent once
        assert again.url == "about:blank" and again.context.cookies() == []
        assert again.evaluate("[innerWidth, innerHeight, matchMedia('print').matches]") == [500, 700, False]
        again.goto(site.as_uri())
        assert again.evaluate("localStorage.getItem('kept')") is None
        assert again.evaluate("typeof window.ranFirst") == "undefined"  # the last test's script runs no more
        assert after.requests == [site.as_uri()] and before.requests == [site.as_uri()]  # each test its own
    finally:
        after.close()
        for left in spare:
            left.context.close()
