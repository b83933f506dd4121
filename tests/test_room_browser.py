"""The room in a real browser against a real server on 127.0.0.1: a phone joins, picks a lens, votes,
sees the reveal and the next question without reloading; the projector page follows the count."""

from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from browser import polled
from coprotool.room.app import create_app
from coprotool.room.server import RoomServer
from coprotool.room.state import OpenQuestion, Room

SCALE = [{"value": i, "label": label} for i, label in enumerate(["Not yet", "Starting", "Mostly", "Fully"])]
Q1 = OpenQuestion(
    "assets.1", "Does the service build on what people can do?", "Do we use what you can do?", "Assets, question 1 of 4"
)
Q2 = OpenQuestion(
    "assets.2", "Are people's skills written down and used?", "Do we write down your skills?", "Assets, question 2 of 4"
)
WAIT = 15_000  # ms


@pytest.fixture
def served():
    room = Room(["People who use services", "Staff"], SCALE)
    with RoomServer("127.0.0.1", 0) as server:
        join = f"http://127.0.0.1:{server.port}/?t={room.join_token}"
        server.start(create_app(room, join))
        yield room, server, join
    assert not server.running  # the server stops with the assessment


def test_a_phone_joins_picks_a_lens_votes_and_follows_the_room(page, served):
    room, server, join = served
    phone = page(width=390, height=844, is_mobile=True, has_touch=True, clock=True)
    phone.goto(join)
    phone.get_by_role("button", name="Staff").click()
    phone.get_by_role("heading", name="Please wait").wait_for(timeout=WAIT)
    assert [d.lens for d in room.devices.values()] == ["Staff"]
    phone.evaluate("window.stillHere = true")  # gone if the page reloads

    room.open(Q1)
    polled(phone, phone.get_by_role("heading", name=Q1.plain))
    buttons = phone.locator("main").get_by_role("button")  # the language bar is in the header
    assert buttons.count() == 5  # four answers and skip
    for box in (buttons.nth(i).bounding_box() for i in range(5)):
        assert box is not None and box["height"] >= 44 and box["width"] >= 300  # large touch targets
    phone.get_by_role("button", name="2 Mostly").click()
    phone.get_by_text("Your answer is in.").first.wait_for(timeout=WAIT)
    assert room.voted() == 1
    phone.get_by_role("button", name="3 Fully").click()  # may change it until the reveal
    phone.locator("button[aria-pressed=true]", has_text="3 Fully").wait_for(timeout=WAIT)
    assert room.voted() == 1 and list(room.votes.values()) == [3]

    screen = page(width=1280, height=720, clock=True)
    screen.goto(f"http://127.0.0.1:{server.port}/screen?t={room.screen_token}")
    assert screen.locator("#count").inner_text() == "1"
    assert screen.locator(".qr svg").count() == 1

    room.reveal()
    polled(phone, phone.get_by_role("heading", name="The room's answers"))
    assert "1 vote" in phone.locator("caption").inner_text()
    polled(screen, screen.locator("caption", has_text="1 vote"))
    assert "Staff" not in screen.locator("table").inner_text()  # one Staff vote is never shown on its own
    assert "Staff" not in phone.locator("table").inner_text()
    assert "You chose: Staff" in phone.locator("#main").inner_text()

    room.open(Q2)
    polled(phone, phone.get_by_role("heading", name=Q2.plain))
    assert phone.evaluate("window.stillHere") is True  # shown without reloading
    assert phone.locator("button[aria-pressed=true]").count() == 0

    svg = '<svg viewBox="0 0 10 10" role="img"><title>The room\'s wedge</title></svg>'
    gaps = ["Assets: Staff scored it 2.0 higher than People who use services"]
    room.end({"svg": svg, "depth": "Depth: Intermediate", "gaps": gaps})
    polled(phone, phone.get_by_role("heading", name="Thank you"))
    shown = phone.locator("#main").inner_text()  # the room's wedge, depth and gaps in plain words
    assert "Depth: Intermediate" in shown and gaps[0] in shown and phone.locator(".wedge svg").count() == 1
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    hosts = {urlsplit(url).netloc for url in page.requests}
    assert hosts == {f"127.0.0.1:{server.port}"}  # nothing fetched from anywhere else
    assert page.errors == []  # no script error, no CSP violation


def test_the_page_works_without_script_and_at_200_percent_zoom(page, served):
    room, _, join = served
    room.open(Q1)
    # 200% zoom on a 390 px phone lays out like a 195 px wide one.
    phone = page(width=195, height=422, java_script_enabled=False)
    phone.goto(join)
    phone.get_by_role("button", name="People who use services").click()  # a plain form post
    phone.get_by_role("heading", name=Q1.plain).wait_for(timeout=WAIT)
    phone.get_by_role("button", name="1 Starting").click()
    phone.get_by_text("✓ your vote").wait_for(timeout=WAIT)
    assert list(room.votes.values()) == [1]
    assert phone.evaluate("document.documentElement.scrollWidth") <= 195
    fieldset = phone.locator("legend").first.inner_text()
    assert fieldset.startswith("Your answer")  # the buttons are labelled as a group for screen readers


def test_a_real_server_refuses_strangers(served):
    _, server, _ = served
    base = f"http://127.0.0.1:{server.port}"
    for path in ("/api/state", "/?t=guess", "/screen?t=guess"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base + path, timeout=5)
        assert refused.value.code == 403
        refused.value.close()


def test_a_page_that_lost_its_room_says_so(page, served):
    room, _, join = served
    phone = page(width=390, height=844, clock=True)
    phone.goto(join)
    phone.get_by_role("heading", name="Welcome").wait_for(timeout=WAIT)
    with room.lock:
        room.devices.clear()  # as if the laptop restarted without --resume
    polled(phone, phone.get_by_text("This page is no longer joined"))
    assert phone.locator("#status").get_attribute("role") == "status"  # read out by screen readers
    # The browser logs the 403 itself; the page's own script raised nothing.
    assert [e for e in page.errors if not e.startswith("Failed to load resource")] == []
