"""At the end of a room session the phones can open the 'you said, we did' page, served by the room under the
same rules as every page: the security headers, a joined phone's cookie (or the projector's token), the Host."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from coprotool.assessment import Assessment, evaluate
from coprotool.feedback import build_feedback
from coprotool.render.feedback import CSS, feedback_html
from coprotool.room.app import CSP, SHEET_HREF, create_app
from coprotool.room.state import Room

SCALE = [{"value": i, "label": label} for i, label in enumerate(["Not yet", "Starting", "Mostly", "Fully"])]
BASE = "http://127.0.0.1:8000"
SECURITY = {"content-security-policy": CSP, "x-content-type-options": "nosniff", "x-frame-options": "DENY"}
LINK = '<a href="/sheet">'


def _sheet(cat) -> str:
    a = Assessment(service="Riverside Day Service", date="2026-12-03")
    a.answers = {q.id: 1 for q in cat.framework.questions}
    return feedback_html([("en", build_feedback(evaluate(cat, a), cat.framework, [], None, "0"))], SHEET_HREF)


@pytest.fixture
def room() -> Room:
    return Room(["Staff", "People who use services"], SCALE, per_address=1000)


@pytest.fixture
def phone(room) -> TestClient:
    client = TestClient(create_app(room, f"{BASE}/?t={room.join_token}"), base_url=BASE)
    assert client.get(f"/?t={room.join_token}").status_code == 200
    return client


def _secure(response) -> None:
    for name, value in SECURITY.items():
        assert response.headers[name] == value, name


def test_the_sheet_opens_from_the_phones_end_page_only_once_the_session_has_ended(room, phone, cat):
    early = phone.get("/sheet")
    assert early.status_code == 409 and "ready when the assessment ends" in early.text
    _secure(early)
    assert LINK not in phone.get("/part").text
    room.end({"svg": "<svg></svg>", "depth": "Depth: Descriptive", "gaps": []}, _sheet(cat))
    end_page = phone.get("/part").text
    assert LINK in end_page and "You said, we did" in end_page
    sheet = phone.get("/sheet")
    assert sheet.status_code == 200 and "You said, we did: Riverside Day Service" in sheet.text
    _secure(sheet)
    assert phone.get("/api/state").json()["sheet"] is True


def test_the_sheet_keeps_the_token_rules_and_the_host_check(room, phone, cat):
    room.end(None, _sheet(cat))
    stranger = TestClient(create_app(room, f"{BASE}/?t={room.join_token}"), base_url=BASE)
    refused = stranger.get("/sheet")  # no device cookie: not a phone that joined
    assert refused.status_code == 403
    _secure(refused)
    assert stranger.get("/sheet?t=wrong").status_code == 403
    assert stranger.get(f"/sheet?t={room.screen_token}").status_code == 200  # the projector may show it
    wrong_host = phone.get("/sheet", headers={"host": "evil.com"})
    assert wrong_host.status_code == 421
    _secure(wrong_host)


def test_without_a_sheet_the_end_page_has_no_link(room, phone):
    room.end({"svg": "<svg></svg>", "depth": "Depth: Descriptive", "gaps": []})
    assert LINK not in phone.get("/part").text and phone.get("/sheet").status_code == 409


def test_the_sheets_style_is_a_file_the_csp_allows_not_inline(phone, cat):
    html = _sheet(cat)
    assert "<style" not in html and f'<link rel="stylesheet" href="{SHEET_HREF}">' in html
    css = phone.get(SHEET_HREF)
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css") and css.text == CSS
    assert re.search(r"<style>.*</style>", feedback_html(build_feedback(_result(cat), cat.framework, [], None)), re.S)


def _result(cat):
    a = Assessment(service="Riverside", date="2026-12-03")
    a.answers = {q.id: 2 for q in cat.framework.questions}
    return evaluate(cat, a)
