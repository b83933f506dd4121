"""The shared browser fixture itself: a phone-sized page in Debian's Chromium."""

from __future__ import annotations


def test_page_fixture_opens_a_phone_sized_page(page):
    phone = page(width=390, height=844)
    phone.set_content("<!doctype html><meta name=viewport content='width=device-width'><p id=x>hello</p>")
    assert phone.inner_text("#x") == "hello"
    assert phone.evaluate("window.innerWidth") == 390
    assert page.errors == []
