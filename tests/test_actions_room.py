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


# End to end (phones mark the drafts through a real server, the terminal shows the marks and agrees one, the end
# page opens the sheet): test_room_cli.test_a_room_votes_from_devices_and_types_for_people_without_one, whose
# walk through assess --room this shares.
