"""The room's pages in the language each phone chose: Cymraeg or English with equal weight, --lang setting
the order and the first page's language, the choice kept for the device, Easy Read, and votes that stand."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from coprotool.room.app import create_app
from coprotool.room.prefs import PREFS_COOKIE, Prefs, words
from coprotool.room.state import OpenQuestion, Room

SCALE = [{"value": i, "label": label} for i, label in enumerate(["Not yet", "Starting", "Mostly", "Fully"])]
Q1 = OpenQuestion("assets.1", "Does the service value what people bring?", "Do we value you?", "Assets, question 1")


def client_for(lang: str = "en") -> tuple[Room, TestClient]:
    room = Room(["People who use services", "Staff"], SCALE)
    client = TestClient(create_app(room, f"http://127.0.0.1:8000/?t={room.join_token}", lang=lang))
    assert client.get(f"/?t={room.join_token}").status_code == 200
    return room, client


def lang_buttons(html: str) -> list[str]:
    return re.findall(r'name="lang" value="(\w+)"', html)


@pytest.mark.parametrize(
    ("lang", "order", "page_lang", "welcome"),
    [("en", ["en", "cy"], "en", "Welcome"), ("cy", ["cy", "en"], "cy", "Croeso"), ("both", ["cy", "en"], "cy", None)],
)
def test_the_join_page_offers_both_languages_in_the_rooms_order(lang, order, page_lang, welcome):
    _, client = client_for(lang)
    html = client.get("/").text
    assert lang_buttons(html) == order
    assert f'<html lang="{page_lang}">' in html
    assert 'aria-pressed="true"' not in html.split("</header>")[0]  # nothing chosen yet
    if welcome:
        assert f">{welcome}</h1>" in html
    else:  # both: Welsh first, each marked with its language
        sep = '<span class="sep" aria-hidden="true"> / </span>'
        assert f'<span lang="cy">Croeso</span>{sep}<span lang="en">Welcome</span>' in html
        assert 'aria-label="Iaith / Language"' in html  # plain text in an attribute


def test_a_phone_chooses_welsh_and_easy_read_and_its_choice_is_kept():
    room, client = client_for("en")
    sent = client.post("/prefs", data={"lang": "cy"}, follow_redirects=False)
    assert sent.status_code == 303 and sent.headers["location"] == "/"
    assert "httponly" in sent.headers["set-cookie"].lower() and "samesite=strict" in sent.headers["set-cookie"].lower()
    html = client.get("/").text
    assert '<html lang="cy">' in html and ">Croeso</h1>" in html
    assert re.search(r'value="cy" lang="cy"\s+aria-pressed="true"', html)
    client.post("/prefs", data={"easy": "1"})
    assert client.cookies[PREFS_COOKIE] == "cy.easy"
    assert 'name="easy" value="0" class="easy"\n    aria-pressed="true">Hawdd ei Ddeall' in client.get("/").text
    client.post("/prefs", data={"lang": "fr", "easy": "maybe"})  # odd values change nothing
    assert client.cookies[PREFS_COOKIE] == "cy.easy"
    client.post("/lens", data={"lens": "Staff"})
    room.open(Q1)
    html = client.get("/part").text
    assert "Eich ateb" in html and "Neidio dros hwn" in html


def test_a_vote_stands_when_the_phone_changes_language_mid_question():
    room, client = client_for("cy")
    client.post("/lens", data={"lens": "Staff"})
    room.open(Q1)
    client.post("/vote", data={"question": Q1.id, "value": "2"})
    assert "✓ eich pleidlais" in client.get("/part").text
    client.post("/prefs", data={"lang": "en"})
    html = client.get("/part").text
    assert "2 Mostly ✓ your vote" in " ".join(html.split())
    assert list(room.votes.values()) == [2]
    room.reveal()
    html = client.get("/part").text
    assert "1 vote" in html and "Your answer: 2." in html


def test_refusals_and_the_projector_speak_the_rooms_language():
    room, client = client_for("cy")
    assert "Dydy’r cyfeiriad ymuno hwn ddim yn ddilys" in client.get("/?t=guess").text
    room.open(Q1)
    html = client.get(f"/screen?t={room.screen_token}").text
    assert '<html lang="cy">' in html and "wedi pleidleisio" in html and "Cod QR y cyfeiriad ymuno" in html


def test_welsh_plurals_on_the_projector_after_the_reveal():
    room, client = client_for("cy")
    room.open(Q1)
    room.add_typed({"Staff": [1] * 6})
    room.reveal()
    html = client.get(f"/screen?t={room.screen_token}").text
    assert "6 phleidlais, fesul safbwynt" in html


@pytest.mark.parametrize(
    ("cookie", "expected"),
    [
        (None, Prefs()),
        ("cy", Prefs("cy")),
        ("en.easy", Prefs("en", True)),
        ("easy", Prefs(None, True)),
        ("x.y", Prefs()),
    ],
)
def test_prefs_from_the_cookie(cookie, expected):
    assert Prefs.parse(cookie) == expected
    assert Prefs.parse(expected.cookie()) == expected


def test_words_pick_the_variant_and_fall_back_to_the_plain_wording():
    state = {
        "scale": [{"value": 0, "label": "Not yet", "labels": {"cy": "Ddim eto", "en-easy": "No"}}],
        "question": {"text": "Full?", "plain": "Plain?", "title": "T", "texts": {"cy": "Cymraeg?"}},
    }
    assert words(state) == {"title": "T", "question": "Plain?", "full": "Full?", "scale": ["Not yet"]}
    assert words(state, easy=True)["scale"] == ["No"]
    assert words(state, easy=True)["question"] == "Plain?"  # no Easy Read wording: the plain one
    from coprotool import i18n

    with i18n.using("cy"):
        assert words(state, easy=True) == {"title": "T", "question": "Cymraeg?", "full": "", "scale": ["Ddim eto"]}
