"""Phones mark the drafted actions that matter most to them: a few marks each, shown by lens under the same
privacy rule as votes (a lens with fewer than min_lens people counts in the total only)."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from coprotool.room.app import create_app
from coprotool.room.state import BadInput, NotNow, Room

SCALE = [{"value": i, "label": label} for i, label in enumerate(["Not yet", "Starting", "Mostly", "Fully"])]
PEOPLE, STAFF = "People who use services", "Staff"
DRAFTS = ["Co-chair the planning meeting", "Hold a conversation on networks", "Open the budget"]
BASE = "http://127.0.0.1:8000"


def _room(people: int, staff: int, marks: list[list[int]]) -> Room:
    room = Room([PEOPLE, STAFF], SCALE, per_address=1000)
    ids = []
    for lens in [PEOPLE] * people + [STAFF] * staff:
        dev, _ = room.join(None)
        room.choose_lens(dev, lens)
        ids.append(dev)
    room.open_marks(DRAFTS, 2)
    for dev, picks in zip(ids, marks):
        room.mark(dev, picks)
    return room


@pytest.mark.parametrize(
    ("people", "staff", "shown"),
    [
        (3, 3, {PEOPLE, STAFF}),  # both lenses big enough to be shown alone
        (3, 2, set()),  # staff too few; and people alone would give staff away by subtraction
        (4, 3, {PEOPLE, STAFF}),
        (2, 1, set()),
    ],
)
def test_marks_by_lens_follow_the_privacy_rule_of_votes(people, staff, shown):
    room = _room(people, staff, [[0, 1]] * (people + staff))
    tally = room.mark_tally()
    assert tally[0]["total"] == people + staff and tally[2]["total"] == 0
    assert set(tally[0]["by_lens"]) == shown
    if shown:
        assert tally[0]["by_lens"] == {PEOPLE: people, STAFF: staff}


def test_a_few_marks_each_and_only_while_marking_is_open():
    room = _room(1, 0, [])
    dev, _ = room.join(None)
    with pytest.raises(BadInput):
        room.mark(dev, [0, 1, 2])  # more than two
    with pytest.raises(BadInput):
        room.mark(dev, [7])
    room.mark(dev, [2, 2])
    assert room.marks and next(iter(room.marks.values())) == [2]
    assert room.state_for(dev)["my_marks"] == [2] and room.screen()["count"] == 1
    room.pause("Agreeing.")
    with pytest.raises(NotNow):
        room.mark(dev, [0])


def test_a_phone_marks_with_a_plain_form():
    room = Room([PEOPLE, STAFF], SCALE, per_address=1000)
    client = TestClient(create_app(room, f"{BASE}/?t={room.join_token}"), base_url=BASE)
    assert client.get(f"/?t={room.join_token}").status_code == 200
    client.post("/lens", data={"lens": STAFF})
    room.open_marks(DRAFTS, 2)
    page = client.get("/").text
    assert page.count('type="checkbox" name="pick"') == 3 and "Open the budget" in page
    assert "Choose up to 2. Nobody sees who chose what." in page
    sent = client.post("/mark", content="pick=0&pick=2", headers={"content-type": "application/x-www-form-urlencoded"})
    assert sent.status_code == 200  # redirected back to the page
    assert "Your choices are in" in sent.text and sent.text.count("checked") == 2
    refused = client.post(
        "/mark", content="pick=0&who=me", headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert refused.status_code == 400
    screen = client.get(f"/screen?t={room.screen_token}").text
    assert "Which of these matter most to you?" in screen and "Co-chair the planning meeting" in screen
    assert room.mark_tally()[0]["total"] == 1


def test_a_room_workshop_marks_the_drafts_then_agrees_one(tmp_path, cat):
    """assess --room end to end: phones vote, then mark drafts; the terminal shows the marks and agrees one."""
    import urllib.error
    import urllib.request

    from test_room_cli import Device, ended, start

    child, join, _ = start(tmp_path, "--service", "Riverside", "--min-lens-votes", "2", "--joins-per-address", "10")
    phones = [Device(join) for _ in range(4)]
    for phone, lens in zip(phones, [PEOPLE, PEOPLE, STAFF, STAFF]):
        phone.post("/api/lens", {"lens": lens})
    for p in cat.framework.principles:
        for _ in p.questions:  # votes typed for the room: two per lens
            child.expect("voted")
            child.sendline("1 1 / 1 3")
            child.expect("voted")
            child.sendline("")  # reveal
            child.expect("Enter takes the median")
            child.sendline("")
        child.expect("Any note on")
        child.sendline("")
    for _ in range(3):  # the grid and the ladder: Enter
        child.sendline("")
    child.expect("Enter shows the marks> ")
    for phone, picks in zip(phones, ["pick=0&pick=1", "pick=0", "pick=0", "pick=1"]):
        request = urllib.request.Request(
            phone.base + "/mark", data=picks.encode(), headers={"Content-Type": "application/x-www-form-urlencoded"}
        )
        with phone.opener.open(request, timeout=10) as response:
            assert response.status == 200
    child.sendline("")
    child.expect(r"Marked by 3 of 4 \(People who use services 2, Staff 1\)\.")
    child.expect(r"Marked by 2 of 4 \(People who use services 1, Staff 1\)\.")
    child.expect_exact("(Enter skips this step)> ")
    child.sendline("1")
    for reply in ["", "", "people who use the service", "", ""]:  # wording, owner, with whom, date, measure
        child.sendline(reply)
    child.expect("Agreed: ")
    child.sendline("")  # no action of our own
    import time

    deadline = time.monotonic() + 10
    state = phones[0].state()
    while state["phase"] != "finished" and time.monotonic() < deadline:  # the pages show the end a moment
        time.sleep(0.1)
        state = phones[0].state()
    assert state["finish"]["agreed"][0]["owner"] == "service manager"
    with phones[0].opener.open(phones[0].base + "/part", timeout=10) as response:
        page = response.read().decode()
    assert "What we agreed" in page and "Led by service manager, by " in page
    # The server stays up until the facilitator presses Enter, and the phones' end page opens the sheet.
    child.expect_exact("Phones can now open 'you said, we did'. Enter closes the room> ")
    assert '<a href="/sheet">' in page
    with phones[0].opener.open(phones[0].base + "/sheet", timeout=10) as response:
        sheet = response.read().decode()
        assert response.status == 200 and "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert "You said, we did: Riverside" in sheet and "Led by service manager, by " in sheet
    with phones[0].opener.open(phones[0].base + "/static/sheet.css", timeout=10) as response:
        assert response.status == 200
    child.sendline("")
    assert ended(child) == 0
    with pytest.raises(urllib.error.URLError):  # Enter closed the room
        phones[0].state()
    from coprotool.actions import for_service

    (kept,) = for_service("Riverside")
    assert kept.with_ == "people who use the service"
