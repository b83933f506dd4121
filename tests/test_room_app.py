"""The room's web app through Starlette's TestClient: every rule under "Safe in a room of strangers"."""

from __future__ import annotations

import base64
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from starlette.testclient import TestClient

from coprotool.room.app import COOKIE, CSP, MAX_BODY, create_app
from coprotool.room.state import NO_LENS, OpenQuestion, Room, device_key

SCALE = [{"value": i, "label": label} for i, label in enumerate(["Not yet", "Starting", "Mostly", "Fully"])]
LENSES = ["People who use services", "Staff"]
Q1 = OpenQuestion("assets.1", "Does the service value what people bring?", "Do we value you?", "Assets, question 1")
Q2 = OpenQuestion("assets.2", "Second?", "", "Assets, question 2")


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def room(clock) -> Room:
    return Room(LENSES, SCALE, clock=clock, per_address=1000)


@pytest.fixture
def app(room):
    return create_app(room, f"{BASE}/?t={room.join_token}")


BASE = "http://127.0.0.1:8000"


def client_of(app) -> TestClient:
    """A client that sends the Host the room serves."""
    return TestClient(app, base_url=BASE)


def joined(app, room) -> TestClient:
    client = client_of(app)
    assert client.get(f"/?t={room.join_token}").status_code == 200
    return client


def snapshot(room: Room) -> str:
    return json.dumps(
        [
            room.phase,
            room.question and room.question.id,
            room.votes,
            room.typed,
            room.version,
            {k: d.lens for k, d in room.devices.items()},
        ],
        sort_keys=True,
    )


def test_tokens_carry_at_least_64_random_bits_and_differ(room):
    other = Room(LENSES, SCALE)
    for token in (room.join_token, room.screen_token, other.join_token):
        assert len(base64.urlsafe_b64decode(token + "==")) * 8 >= 64
    assert len({room.join_token, room.screen_token, other.join_token, other.screen_token}) == 4


def test_joining_needs_the_join_token_and_sets_an_httponly_strict_cookie(app, room):
    client = client_of(app)
    for bad in ("/", "/?t=", "/?t=wrong", f"/?t={room.screen_token}", f"/?t={room.join_token}x"):
        response = client.get(bad)
        assert response.status_code == 403, bad
        assert COOKIE not in response.cookies and "set-cookie" not in response.headers
    assert room.devices == {}
    response = client.get(f"/?t={room.join_token}")
    assert response.status_code == 200 and "Which of these describes you best?" in response.text
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert len(room.devices) == 1
    # The same device joining again keeps its identity: no new cookie, no new device.
    again = client.get(f"/?t={room.join_token}")
    assert "set-cookie" not in again.headers and len(room.devices) == 1
    assert client.get("/").status_code == 200  # afterwards the page needs only the cookie


def test_the_projector_page_has_its_own_token(app, room):
    client = client_of(app)
    assert client.get("/screen").status_code == 403
    assert client.get(f"/screen?t={room.join_token}").status_code == 403
    assert client.get(f"/api/screen?t={room.join_token}").json()["error"]
    page = client.get(f"/screen?t={room.screen_token}")
    assert page.status_code == 200 and "<svg" in page.text  # the QR code of the join address
    assert room.join_token in page.text and room.screen_token in page.text
    assert room.devices == {}  # the screen is not a device
    assert client.get(f"/screen/part?t={room.screen_token}").status_code == 200
    assert client.get("/screen/part?t=nope").status_code == 403


def test_the_qr_code_is_made_once_when_the_projector_first_asks(room):
    # Finding the code's best mask took a tenth of a second of every room's start, before anyone asked for it.
    from coprotool.room.app import qr_code

    qr_code.cache_clear()
    client = client_of(create_app(room, f"{BASE}/?t={room.join_token}"))
    assert qr_code.cache_info().currsize == 0  # the room is open and no code has been made
    for path in ("/screen", "/screen/part", "/screen"):
        assert "<svg" in client.get(f"{path}?t={room.screen_token}").text
    assert qr_code.cache_info().misses == 1


def test_a_join_a_vote_and_a_removal_wake_the_terminals_count(room):
    # The status line waited up to half a second to show a vote; now it waits on the room's change.
    import threading

    dev = []
    actions = [
        lambda: dev.append(room.join(None)[0]),
        lambda: room.vote(dev[0], "assets.1", 2),
        lambda: room.remove(1),
    ]
    room.open(Q1)
    for act in actions:
        with room.changed:  # the action needs the lock, so it runs only once this thread is waiting
            worker = threading.Thread(target=act)
            worker.start()
            assert room.changed.wait(10)
        worker.join()
    assert room.devices == {} and room.voted() == 0


def test_the_server_loads_no_websocket_protocol():
    # The pages poll over HTTP; uvicorn's default imported a WebSocket library (a tenth of the room's start).
    from coprotool.room.server import RoomServer

    room = Room(LENSES, SCALE)
    with RoomServer("127.0.0.1", 0) as server:
        server.start(create_app(room, f"http://127.0.0.1:{server.port}/?t={room.join_token}"))
        assert server.server.config.ws_protocol_class is None


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_api_refuses_a_device_without_a_valid_cookie(app, room, method):
    room.open(Q1)
    client = client_of(app)
    for path in ("/api/state", "/api/vote", "/api/lens", "/part"):
        kwargs = {"json": {"question": "assets.1", "value": 2}} if method == "post" else {}
        response = getattr(client, method)(path, **kwargs)
        if response.status_code == 405:
            continue
        assert response.status_code == 403, path
    client.cookies.set(COOKIE, "forged-id")
    assert client.post("/api/vote", json={"question": "assets.1", "value": 2}).status_code == 403
    assert client.post("/vote", data={"question": "assets.1", "value": "2"}).status_code == 403
    assert room.votes == {}


def test_nothing_but_the_terminal_can_reveal_move_on_or_end(app, room):
    room.open(Q1)
    client = joined(app, room)
    before = snapshot(room)
    for path in ("/api/reveal", "/api/next", "/api/end", "/api/open", "/api/phase", "/reveal", "/screen/reveal"):
        assert client.post(path, json={}).status_code in (404, 405), path
    assert client.post("/api/state", json={"phase": "revealed"}).status_code == 405
    assert client.post(f"/api/screen?t={room.screen_token}", json={"phase": "finished"}).status_code == 405
    assert client.post("/api/vote", json={"question": "assets.1", "value": 2, "phase": "revealed"}).status_code == 400
    assert snapshot(room) == before


def test_one_vote_per_device_per_question_the_last_one_counts(app, room):
    room.open(Q1)
    client = joined(app, room)
    for value in (0, 3, None, 2):
        response = client.post("/api/vote", json={"question": "assets.1", "value": value})
        assert response.status_code == 200 and response.json()["my_vote"] == value
    assert room.voted() == 1
    other = joined(app, room)
    other.post("/api/vote", json={"question": "assets.1", "value": 1, "lens": "Staff"})
    assert room.voted() == 2
    tally = room.reveal()
    # One Staff vote is fewer than three: no lens is shown alone; both count for the room.
    assert tally.votes == [1, 2] and tally.by_lens == {} and tally.kept == {NO_LENS: [1, 2]}


def test_a_device_cannot_vote_on_a_question_that_is_not_open(app, room):
    client = joined(app, room)
    vote = {"question": "assets.1", "value": 2}
    assert client.post("/api/vote", json=vote).status_code == 409  # nothing open yet
    room.open(Q1)
    assert client.post("/api/vote", json={"question": "assets.2", "value": 2}).status_code == 409
    room.reveal()
    before = snapshot(room)
    response = client.post("/api/vote", json=vote)
    assert response.status_code == 409 and "not open" in response.json()["error"]
    assert snapshot(room) == before
    room.open(Q2)
    assert client.post("/api/vote", json=vote).status_code == 409
    assert client.post("/api/vote", json={"question": "assets.2", "value": 1}).status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"question": "assets.1", "value": 4},
        {"question": "assets.1", "value": -1},
        {"question": "assets.1", "value": "2"},
        {"question": "assets.1", "value": True},
        {"question": "assets.1", "value": 2.0},
        {"question": "assets.1"},
        {"question": 1, "value": 2},
        {"question": "assets.1", "value": 2, "lens": "Managers"},
        {"question": "assets.1", "value": 2, "lens": 7},
        {"question": "assets.1", "value": 2, "extra": "x"},
        [1, 2],
        "null",
    ],
)
def test_bad_values_get_400_with_a_json_error_and_change_nothing(app, room, body):
    room.open(Q1)
    client = joined(app, room)
    before = snapshot(room)
    response = client.post("/api/vote", json=body)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/json")
    assert isinstance(response.json()["error"], str) and response.json()["error"]
    assert snapshot(room) == before


@pytest.mark.parametrize("raw", [b"{not json", b"\xff\xfe", b""])
def test_a_body_that_is_not_json_gets_400(app, room, raw):
    room.open(Q1)
    client = joined(app, room)
    response = client.post("/api/vote", content=raw, headers={"content-type": "application/json"})
    assert response.status_code == 400 and "JSON" in response.json()["error"]


def test_bodies_over_16_kb_are_refused_whatever_the_headers_say(app, room):
    room.open(Q1)
    client = joined(app, room)
    padding = "x" * MAX_BODY
    response = client.post("/api/vote", json={"question": "assets.1", "value": 2, "pad": padding})
    assert response.status_code == 413 and "16 KB" in response.json()["error"]

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(20):
            yield b" " * 1024

    response = client.post("/api/vote", content=chunks())
    assert response.status_code == 413
    assert client.post("/api/lens", content=b"x" * (MAX_BODY + 1)).status_code == 413
    assert client.post("/vote", content=b"value=" + b"1" * MAX_BODY).status_code == 413
    assert room.votes == {}


def test_a_cap_on_devices(room, app):
    room.max_devices = 3
    clients = [joined(app, room) for _ in range(3)]
    extra = client_of(app)
    response = extra.get(f"/?t={room.join_token}")
    assert response.status_code == 429 and "full" in response.text
    assert "set-cookie" not in response.headers and len(room.devices) == 3
    assert clients[0].get("/api/state").status_code == 200  # those already in carry on


def test_a_cap_on_requests_per_device(app, room, clock):
    client = joined(app, room)
    codes = [client.get("/api/state").status_code for _ in range(40)]
    assert codes.count(429) >= 40 - int(room.burst)
    assert client.get("/api/state").json()["error"].startswith("Too many")
    other = joined(app, room)  # one busy device does not block the others
    assert other.get("/api/state").status_code == 200
    clock.now += 2  # the allowance refills with time
    assert client.get("/api/state").status_code == 200


def test_every_response_carries_a_csp_that_allows_nothing_from_elsewhere(app, room):
    client = client_of(app)
    responses = [
        client.get("/"),
        client.get(f"/?t={room.join_token}"),
        client.get("/api/state"),
        client.get(f"/screen?t={room.screen_token}"),
        client.get("/static/room.js"),
        client.get("/static/nope.js"),
        client.post("/api/vote", json={}),
    ]
    for response in responses:
        assert response.headers["content-security-policy"] == CSP
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
    assert "default-src 'none'" in CSP and "frame-ancestors 'none'" in CSP
    assert not re.search(r"https?:|\*|unsafe", CSP)
    for page in (responses[1].text, responses[3].text):  # nothing fetched from anywhere else
        assert not re.search(r"(src|href)=\"(https?:)?//", page)


def test_the_api_state_shape(app, room):
    client = joined(app, room)
    state = client.get("/api/state").json()
    assert state["phase"] == "waiting" and state["question"] is None and state["my_vote"] is None
    assert state["lenses"] == [*LENSES, NO_LENS] and state["scale"] == SCALE
    room.open(Q1)
    assert client.post("/api/lens", json={"lens": "staff"}).json()["lens"] == "Staff"
    assert client.post("/api/vote", json={"question": "assets.1", "value": 3}).json() == {
        "ok": True,
        "question": "assets.1",
        "my_vote": 3,
    }
    state = client.get("/api/state").json()
    assert state["phase"] == "voting" and state["my_vote"] == 3 and state["lens"] == "Staff"
    assert state["question"] == {"id": "assets.1", "text": Q1.text, "plain": Q1.plain, "title": Q1.title}
    room.reveal()
    state = client.get("/api/state").json()
    # One Staff vote: the lens is not shown on its own; the vote counts for the room.
    assert state["phase"] == "revealed" and state["tally"] == {
        "counts": [0, 0, 0, 1],
        "by_lens": {},
        "medians": {},
        "gap": None,
        "hidden": 1,
    }
    room.end()
    assert client.get("/api/state").json()["phase"] == "finished"


def test_a_lens_is_chosen_once(app, room):
    room.open(Q1)
    client = joined(app, room)
    assert client.post("/api/lens", json={"lens": NO_LENS}).status_code == 200
    assert client.post("/api/lens", json={"lens": "Staff"}).status_code == 409
    assert client.post("/api/vote", json={"question": "assets.1", "value": 1, "lens": "Staff"}).status_code == 409
    assert client.post("/api/lens", json={"lens": "nobody"}).status_code == 400
    assert room.votes == {}


def test_plain_forms_work_without_script(app, room):
    room.open(Q1)
    client = joined(app, room)
    response = client.post("/lens", data={"lens": "People who use services"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"
    response = client.post("/vote", data={"question": "assets.1", "value": "1"})
    assert response.status_code == 200 and "✓ your vote" in response.text
    assert room.votes == {device_key(client.cookies[COOKIE]): 1}
    client.post("/vote", data={"question": "assets.1", "value": "skip"})
    assert room.votes == {device_key(client.cookies[COOKIE]): None}
    stale = client.post("/vote", data={"question": "assets.9", "value": "2"})
    assert stale.status_code == 200 and room.voted() == 1  # a stale form just shows the page as it is


def test_what_is_kept_holds_no_ip_and_no_usable_device_id(app, room):
    room.open(Q1)
    client = joined(app, room)
    client.post("/api/vote", json={"question": "assets.1", "value": 2, "lens": "Staff"})
    saved = json.dumps(room.saved())
    assert not re.search(r"\b\d{1,3}(\.\d{1,3}){3}\b|testclient|127\.0\.0\.1", saved)
    assert client.cookies[COOKIE] not in saved  # only a hash of the device's id
    restored = Room(LENSES, SCALE)
    votes = restored.restore(json.loads(saved))
    restored.open(Q1, votes)
    assert restored.join_token == room.join_token and restored.voted() == 1
    rejoined = TestClient(create_app(restored))
    rejoined.cookies.set(COOKIE, client.cookies[COOKIE])
    state = rejoined.get("/api/state").json()
    assert state["lens"] == "Staff" and state["my_vote"] == 2  # the device kept its identity


def test_the_projector_shows_the_wedge_at_the_end(app, room):
    room.end({"svg": "<svg><title>wedge</title></svg>", "depth": "Depth: Intermediate", "gaps": ["Assets: 2.5 apart"]})
    part = client_of(app).get(f"/screen/part?t={room.screen_token}").text
    assert "<svg><title>wedge</title></svg>" in part and "Depth: Intermediate" in part and "Assets: 2.5 apart" in part


def test_the_laptops_address_and_a_server_that_cannot_start():
    import ipaddress

    from coprotool.errors import CoprotoolError
    from coprotool.room.server import RoomServer, lan_address

    assert ipaddress.ip_address(lan_address())
    server = RoomServer("127.0.0.1", 0)
    server.sock.close()  # uvicorn cannot serve a closed socket
    with pytest.raises(CoprotoolError, match="did not start"):
        server.start(create_app(Room(LENSES, SCALE)), timeout=5)
    assert not server.running
    with pytest.raises(CoprotoolError, match=r"cannot listen on 127\.0\.0\.1 port 99999"):
        RoomServer("127.0.0.1", 99999)


def test_the_projector_shows_the_distribution_by_lens_after_the_reveal(app, room):
    room.open(Q1)
    votes = [(2, "Staff"), (2, "Staff"), (3, "Staff"), (0, "People who use services")] + [(1, None)] * 3
    for value, lens in votes:
        client = joined(app, room)
        client.post("/api/vote", json={"question": "assets.1", "value": value, **({"lens": lens} if lens else {})})
    screen = client_of(app)
    during = screen.get(f"/screen/part?t={room.screen_token}").text
    assert '<span id="count">7</span> voted' in during and "<table" not in during  # no values before the reveal
    room.reveal()
    part = screen.get(f"/screen/part?t={room.screen_token}").text
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", part, re.S)
    cells = [re.findall(r"<td>(\d+)", row) for row in rows]
    # Everyone, then Staff (3 votes); one person who uses services is too few to show, as are the three
    # who preferred not to say (not a lens): they count under Everyone only.
    assert cells == [["1", "0"], ["3", "0"], ["2", "2"], ["1", "1"]]
    assert "People who use services" not in part and "4 votes from groups under 3 count for everyone only" in part
    assert "Middle answer: Staff 2." in part


@pytest.mark.parametrize(
    ("by_lens", "shown", "pooled"),
    [
        ({"Staff": [3, 3, 2], "Family": [0]}, {}, [0, 2, 3, 3]),  # 1 left over could be read off: Staff hidden too
        ({"Staff": [3, 3, 2], "Family": [0, 1, 1]}, {"Staff": [2, 3, 3], "Family": [0, 1, 1]}, []),
        ({"Staff": [3, 3, 2, 2], "Family": [0, 0, 1], NO_LENS: [1]}, {"Staff": [2, 2, 3, 3]}, [0, 0, 1, 1]),
        ({"Staff": [1, 2, 3], "Family": [0, 1, 1, 2], "Users": [3, 3]}, {"Family": [0, 1, 1, 2]}, [1, 2, 3, 3, 3]),
        ({"Staff": [1, 2, 3]}, {"Staff": [1, 2, 3]}, []),
        ({NO_LENS: [1, 2, 3]}, {}, [1, 2, 3]),
    ],
)
def test_a_lens_with_fewer_than_three_votes_is_never_shown_alone(by_lens, shown, pooled):
    from coprotool.room.state import private_tally

    tally = private_tally(by_lens, ["Users", "Family", "Staff"], 3)
    assert tally.by_lens == shown
    assert tally.kept.get(NO_LENS, []) == pooled
    assert sorted(tally.votes) == sorted(v for values in by_lens.values() for v in values)


@given(
    st.dictionaries(st.sampled_from(["A", "B", "C", NO_LENS]), st.lists(st.integers(0, 3), max_size=6)),
    st.integers(2, 5),
)
def test_no_lens_can_be_read_off_the_tally(by_lens, least):
    """No shown lens is under the threshold, and neither is what the room's total leaves over them."""
    from coprotool.room.state import private_tally

    tally = private_tally(by_lens, ["A", "B", "C"], least)
    assert all(len(v) >= least for v in tally.by_lens.values())
    assert tally.hidden == 0 or tally.hidden >= least or not tally.by_lens
    assert sum(len(v) for v in tally.kept.values()) == len(tally.votes) == sum(len(v) for v in by_lens.values())


def test_the_threshold_has_a_floor_of_two():
    assert Room(LENSES, SCALE, min_lens=1).min_lens == 2
    assert Room(LENSES, SCALE, min_lens=5).min_lens == 5


def test_joins_per_network_address_are_limited_and_a_device_can_be_removed():
    room = Room(LENSES, SCALE)  # the default: a few devices per address
    app = create_app(room, f"{BASE}/?t={room.join_token}")
    clients = [joined(app, room) for _ in range(room.per_address)]
    extra = client_of(app).get(f"/?t={room.join_token}")
    assert extra.status_code == 429 and "network address" in extra.text and len(room.devices) == room.per_address
    other = Room(LENSES, SCALE)
    other.join(None, "10.0.0.1")
    assert other.join(None, "10.0.0.2")[1]  # another address joins
    room.open(Q1)
    clients[0].post("/api/vote", json={"question": "assets.1", "value": 2})
    number = clients[0].get("/api/state").json()["number"]
    assert [d.number for d in room.devices.values()] == [1, 2, 3] and number == 1
    assert room.remove(number) and not room.remove(number)
    assert room.voted() == 0 and clients[0].get("/api/state").status_code == 403  # its vote goes with it
    assert joined(app, room).get("/api/state").json()["number"] == 4  # the freed place can be taken


BAD_BODIES = [b"[" * 15000, b'{"lens": ' + b"[" * 5000 + b"]" * 5000 + b"}", b'{"a": {"b": {"c": 1}}}']


@pytest.mark.parametrize("raw", BAD_BODIES)
@pytest.mark.parametrize("path", ["/api/vote", "/api/lens"])
def test_deep_json_is_refused_before_it_is_parsed(app, room, raw, path, caplog):
    room.open(Q1)
    client = joined(app, room)
    response = client.post(path, content=raw, headers={"content-type": "application/json"})
    assert response.status_code == 400 and response.json()["error"]
    assert response.headers["content-security-policy"] == CSP
    assert not caplog.records  # nothing went wrong: a refusal, not an error


def test_the_room_uses_the_one_nesting_rule_at_its_own_limit(app, room):
    from coprotool.depth import check_json_depth
    from coprotool.errors import DataError

    check_json_depth('{"lens": "Staff [and] {carers}"}', "body", limit=1)  # brackets in text do not count
    with pytest.raises(DataError, match="nest more than 1 levels"):
        check_json_depth('{"lens": ["Staff"]}', "body", limit=1)
    room.open(Q1)
    client = joined(app, room)
    response = client.post("/api/lens", content=b'{"lens": "Staff [{["}', headers={"content-type": "application/json"})
    assert response.status_code == 400 and "flat" not in response.json()["error"]  # parsed: an unknown lens


@pytest.mark.parametrize("value", ["²", "①", "9" * 5000, "1.0", " 1", "-1", "4", "true"])
def test_a_form_value_off_the_scale_is_a_json_400(app, room, value):
    room.open(Q1)
    client = joined(app, room)
    response = client.post("/vote", data={"question": "assets.1", "value": value})
    assert response.status_code == 400 and "0 to 3" in response.json()["error"]
    assert room.votes == {}


def test_unknown_fields_are_refused_on_every_route(app, room):
    room.open(Q1)
    client = joined(app, room)
    assert client.post("/api/lens", json={"lens": "Staff", "admin": True}).status_code == 400
    assert client.post("/lens", data={"lens": "Staff", "admin": "1"}).status_code == 400
    assert client.post("/vote", data={"question": "assets.1", "value": "1", "x": "1"}).status_code == 400
    assert room.votes == {} and all(d.lens is None for d in room.devices.values())


def test_the_host_header_must_be_the_rooms_address(app, room):
    for host in ("evil.com", "127.0.0.1:8001", "testserver"):
        response = client_of(app).get(f"/?t={room.join_token}", headers={"host": host})
        assert response.status_code == 421 and response.json()["error"], host
        assert response.headers["x-frame-options"] == "DENY"
    assert room.devices == {}


def test_a_server_error_is_logged_not_shown_and_keeps_the_headers(app, room, monkeypatch, caplog, capsys):
    client = joined(app, room)

    def broken(*args):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(room, "state_for", broken)
    for path in ("/api/state", "/part"):
        response = client.get(path)
        assert response.status_code == 500 and "secret" not in response.text
        assert response.headers["content-security-policy"] == CSP
        assert response.headers["x-content-type-options"] == "nosniff"
    assert [r.name for r in caplog.records] == ["coprotool.room", "coprotool.room"]
    assert "secret detail" in caplog.text
    assert "secret" not in capsys.readouterr().err


def test_a_real_servers_errors_go_to_its_log_file_not_the_terminal(tmp_path, monkeypatch, capfd):
    import urllib.error
    import urllib.request

    from coprotool.room.server import RoomServer

    room = Room(LENSES, SCALE)
    log = tmp_path / "room.log"
    with RoomServer("127.0.0.1", 0, str(log)) as server:
        base = f"http://127.0.0.1:{server.port}"
        server.start(create_app(room, f"{base}/?t={room.join_token}"))
        monkeypatch.setattr(room, "screen", lambda: 1 / 0)
        import socket

        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as raw:
            raw.sendall(b"\x16\x03\x01 not http at all\r\n\r\n")  # a TLS hello or junk: uvicorn's warning
            raw.recv(100)
        for _ in range(3):
            with pytest.raises(urllib.error.HTTPError) as failed:
                urllib.request.urlopen(f"{base}/api/screen?t={room.screen_token}", timeout=10)
            assert failed.value.code == 500 and failed.value.headers["content-security-policy"] == CSP
            failed.value.close()
    assert log.read_text().count("ZeroDivisionError") == 3 and "Invalid HTTP request" in log.read_text()
    printed = capfd.readouterr()
    assert "Traceback" not in printed.err + printed.out


def test_open_connections_are_capped_and_silent_ones_closed(monkeypatch):
    import socket
    import time
    import urllib.request

    from coprotool.room import server as served

    monkeypatch.setattr(served, "MAX_CONNECTIONS", 5)
    monkeypatch.setattr(served, "IDLE", 0.5)
    room = Room(LENSES, SCALE)
    with served.RoomServer("127.0.0.1", 0) as server:
        base = f"http://127.0.0.1:{server.port}"
        server.start(create_app(room, f"{base}/?t={room.join_token}"))
        idle = [socket.create_connection(("127.0.0.1", server.port), timeout=5) for _ in range(5)]
        time.sleep(0.1)

        def closed(sock: socket.socket) -> bool:
            try:
                return sock.recv(10) == b""
            except ConnectionResetError:
                return True

        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as over:
            assert closed(over)  # closed at once: the cap is reached
        for sock in idle:
            assert closed(sock)  # each silent connection closed after IDLE seconds
            sock.close()
        with urllib.request.urlopen(f"{base}/screen?t={room.screen_token}", timeout=5) as page:
            assert page.status == 200  # room again for real requests
