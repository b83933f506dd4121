"""The room's pages in the language each phone chose: Cymraeg or English with equal weight, --lang setting
the order and the first page's language, the choice kept for the device, Easy Read, and votes that stand."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from coprotool import i18n
from coprotool.room.app import create_app
from coprotool.room.prefs import PREFS_COOKIE, Prefs, words
from coprotool.room.state import OpenQuestion, Room
from coprotool.wording import Text

SCALE = [{"value": i, "label": label} for i, label in enumerate(["Not yet", "Starting", "Mostly", "Fully"])]
Q1 = OpenQuestion("assets.1", "Does the service value what people bring?", "Do we value you?", "Assets, question 1")


def client_for(lang: str = "en") -> tuple[Room, TestClient]:
    room = Room(["People who use services", "Staff"], SCALE)
    client = TestClient(
        create_app(room, f"http://127.0.0.1:8000/?t={room.join_token}", lang=lang), base_url="http://127.0.0.1:8000"
    )
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
    assert "Eich ateb" in html and "Ddim yn siŵr" in html and "Pasio" in html


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
    assert "1 vote" in html and "Your answer: 2 Mostly." in html


def test_easy_read_offers_not_sure_and_pass_which_count_as_no_vote():
    room, client = client_for("en")
    client.post("/lens", data={"lens": "Staff"})
    client.post("/prefs", data={"easy": "1"})
    room.open(Q1)
    html = client.get("/part").text
    assert 'data-api="/api/vote"' not in html  # a plain form post, so "not sure" and "pass" are told apart
    assert re.search(r'<button type="button" class="speak" hidden', html)  # shown by script where speech exists
    client.post("/vote", data={"question": Q1.id, "value": "unsure"})
    assert room.votes and list(room.votes.values()) == [None] and room.voted() == 1
    html = " ".join(client.get("/part").text.split())
    assert 'value="unsure" class="skip" aria-pressed="true"' in html and "Not sure ✓ your answer" in html
    assert 'value="skip" class="skip" aria-pressed="false"' in html
    client.post("/vote", data={"question": Q1.id, "value": "skip"})
    html = " ".join(client.get("/part").text.split())
    assert 'value="skip" class="skip" aria-pressed="true"' in html
    client.post("/vote", data={"question": Q1.id, "value": "1"})
    room.reveal()
    assert room.tally is not None and room.tally.votes == [1]
    client.post("/prefs", data={"easy": "0"})
    assert 'value="unsure"' not in client.get("/part").text


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


def test_words_pick_the_wording_for_the_language_and_reading_level():
    label = Text({"en": "Not yet", "en-easy": "No", "cy": "Ddim eto"})
    question = Text({"en": "Full?", "en-plain": "Plain?", "cy": "Cymraeg?"})
    title = Text({"en": "Assets, question 1 of 4", "cy": "Asedau, cwestiwn 1 o 4"})
    state = {"scale": [{"value": 0, "label": label}], "question": {"text": question, "plain": None, "title": title}}
    assert words(state) == {"title": str(title), "question": "Plain?", "full": "Full?", "scale": ["Not yet"]}
    easy = words(state, easy=True)
    assert easy["scale"] == ["No"] and easy["question"] == "Plain?"  # no Easy Read wording: the plain one
    assert easy["full"] == ""
    with i18n.using("cy"):
        expected = {"title": "Asedau, cwestiwn 1 o 4", "question": "Cymraeg?", "full": "", "scale": ["Ddim eto"]}
        assert words(state, easy=True) == expected
    plain_strings = {"scale": [{"value": 0, "label": "Not yet"}], "question": {"text": "Q?", "plain": "", "title": "T"}}
    assert words(plain_strings) == {"title": "T", "question": "Q?", "full": "", "scale": ["Not yet"]}


def test_both_languages_side_by_side_on_the_projector_and_an_undecided_phone():
    room, client = client_for("both")
    client.post("/lens", data={"lens": "Staff"})
    question = Text({"en": "Do we use what you can do?", "cy": "Ydyn ni’n defnyddio’r hyn y gallwch ei wneud?"})
    room.open(OpenQuestion("assets.1", question, "", Text({"en": "Assets, question 1", "cy": "Asedau, cwestiwn 1"})))
    pair = '<span lang="cy">Ydyn ni’n defnyddio’r hyn y gallwch ei wneud?</span><span class="sep" aria-hidden="true">'
    for html in (client.get(f"/screen?t={room.screen_token}").text, client.get("/part").text):
        assert pair in html and '<span lang="en">Do we use what you can do?</span>' in html
        assert '<span lang="cy">Asedau, cwestiwn 1</span>' in html
    client.post("/prefs", data={"lang": "cy"})  # once chosen, one language
    html = client.get("/part").text
    assert "Ydyn ni’n defnyddio" in html and "Do we use what you can do?" not in html
