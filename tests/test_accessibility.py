"""WCAG 2.1 AA in a real browser: axe-core finds nothing on the phone pages (every phase, both languages, with
and without Easy Read), the projector page or the report; they reflow at 320 px and at 200% zoom with no
sideways scrolling; every control has a role and a name a screen reader can say. And the journey a Welsh
speaker with a learning disability takes: join in Cymraeg with Easy Read, vote with the pictures, switch to
English mid-question, and the vote stands."""

from __future__ import annotations

import pytest

from accessibility import AXE, axe_violations, controls, require_axe, sideways
from browser import polled
from coprotool.room.app import create_app
from coprotool.room.server import RoomServer
from coprotool.room.state import OpenQuestion, Room
from coprotool.wording import Text

SCALE = [
    {"value": i, "label": Text({"en": en, "cy": cy})}
    for i, (en, cy) in enumerate(
        [("Not yet", "Ddim eto"), ("Starting", "Dechrau"), ("Mostly", "Gan amlaf"), ("Fully", "Yn llawn")]
    )
]
Q1 = OpenQuestion(
    "assets.1",
    Text(
        {
            "en": "Does the service build on what people can do?",
            "cy": "Ydy’r gwasanaeth yn adeiladu ar yr hyn y gall pobl ei wneud?",
        }
    ),
    "Do we use what you can do?",
    Text({"en": "Assets, question 1 of 4", "cy": "Asedau, cwestiwn 1 o 4"}),
)
WAIT = 15_000  # ms


def check(page, where: str) -> None:
    """No WCAG 2.1 AA violation, no sideways scrolling, and a name for every control."""
    assert axe_violations(page) == [], where
    assert sideways(page) == 0, where
    unnamed = [role for role, name in controls(page) if not name.strip()]
    assert unnamed == [], where


@pytest.fixture
def axe() -> None:
    """For a test that is its axe checks: without axe-core it skips at once, not after opening every page."""
    require_axe()


@pytest.fixture
def served():
    def start(lang: str = "en") -> tuple[Room, str, str]:
        room = Room(["People who use services", "Staff"], SCALE, per_address=10)  # every phone here is 127.0.0.1
        server = RoomServer("127.0.0.1", 0)
        servers.append(server)
        server.__enter__()
        base = f"http://127.0.0.1:{server.port}"
        server.start(create_app(room, f"{base}/?t={room.join_token}", lang=lang))
        return room, f"{base}/?t={room.join_token}", f"{base}/screen?t={room.screen_token}"

    servers: list[RoomServer] = []
    yield start
    for server in servers:
        server.__exit__(None, None, None)


@pytest.mark.usefixtures("axe")
def test_phone_pages_in_every_phase_language_and_reading_level(page, served):
    room, join, _ = served("en")
    phones = {}
    for lang, easy in [("en", False), ("cy", False), ("en", True), ("cy", True)]:
        phone = page(width=320, height=640, scripts=[AXE])  # WCAG's reflow width
        phone.goto(join)
        phone.locator(f"button[name=lang][value={lang}]").click()
        phone.wait_for_load_state()
        if easy:
            phone.locator("button[name=easy]").click()
            phone.wait_for_load_state()
        phones[lang, easy] = phone
        check(phone, f"welcome {lang} easy={easy}")
        assert [role for role, _ in controls(phone)][:3] == ["button"] * 3  # Cymraeg, English, Easy Read
        phone.locator("button[name=lens]").nth(1).click()
        phone.locator("#part[data-phase=waiting] h1").wait_for(timeout=WAIT)

    def each(phase: str) -> None:
        for (lang, easy), phone in phones.items():
            phone.reload()
            phone.locator(f"#part[data-phase={phase}]").wait_for(timeout=WAIT)
            assert phone.locator("html").get_attribute("lang") == lang
            check(phone, f"{phase} {lang} easy={easy}")

    each("waiting")
    room.open(Q1)
    each("voting")
    for phone in phones.values():
        phone.locator("button[name=value]").nth(2).click()
        phone.locator("button[name=value][aria-pressed=true]").wait_for(timeout=WAIT)
    each("voting")  # with a vote marked
    assert sorted(room.votes.values()) == [2, 2, 2, 2]
    room.reveal()
    each("revealed")
    room.end()
    each("finished")
    assert page.errors == []


@pytest.mark.usefixtures("axe")
def test_a_refused_page_and_200_percent_zoom(page, served):
    room, join, _ = served("cy")
    phone = page(width=195, height=422, scripts=[AXE])  # a 390 px phone at 200% zoom
    phone.goto(join.replace("?t=", "?t=x"))
    check(phone, "refused")
    assert "Dim nawr" in phone.locator("h1").inner_text()
    phone.goto(join)
    room.open(Q1)
    phone.get_by_role("button", name="Staff").click()
    phone.locator("#part[data-phase=voting]").wait_for(timeout=WAIT)
    check(phone, "voting at 200%")


@pytest.mark.usefixtures("axe")
@pytest.mark.parametrize("lang", ["en", "cy", "both"])
def test_the_projector_page(page, served, lang):
    from coprotool.catalogue import Catalogue
    from coprotool.render.svg import wedge_svg

    room, _, screen_address = served(lang)
    screen = page(width=1280, height=720, scripts=[AXE])
    zoomed = page(width=640, height=360, scripts=[AXE])  # the projector's laptop at 200% zoom
    for view in (screen, zoomed):
        view.goto(screen_address)
        check(view, f"waiting {lang}")
    room.open(Q1)
    room.add_typed({"Staff": [1, 2, 2], "People who use services": [0, 1, 3]})
    for view in (screen, zoomed):
        view.reload()
        check(view, f"voting {lang}")
    room.reveal()
    for view in (screen, zoomed):
        view.reload()
        check(view, f"revealed {lang}")
    fw = Catalogue().framework
    levels = dict(zip([p.id for p in fw.principles], [2, 1, 1, 0, 3, 2]))
    room.end({"svg": wedge_svg(fw, levels, "The wedge"), "depth": "Depth: Intermediate", "gaps": []})
    for view in (screen, zoomed):
        view.reload()
        check(view, f"finished {lang}")
    assert page.errors == []


def test_a_welsh_speaker_joins_with_easy_read_votes_with_pictures_and_switches_to_english(page, served):
    room, join, _ = served("both")
    phone = page(width=390, height=844, is_mobile=True, has_touch=True, clock=True)
    phone.goto(join)
    assert phone.locator("html").get_attribute("lang") == "cy"  # both: Welsh first
    assert [name for _, name in controls(phone)][:2] == ["Cymraeg", "English"]
    phone.get_by_role("button", name="Cymraeg").click()
    phone.get_by_role("heading", name="Croeso").wait_for(timeout=WAIT)
    phone.get_by_role("button", name="Hawdd ei Ddeall").click()
    phone.get_by_role("button", name="Hawdd ei Ddeall", pressed=True).wait_for(timeout=WAIT)
    phone.get_by_role("button", name="Staff").click()
    phone.get_by_role("heading", name="Arhoswch funud").wait_for(timeout=WAIT)

    room.open(Q1)
    polled(phone, phone.get_by_role("heading", name=Q1.text.get("cy")))  # follows the room, no reload
    answers = phone.locator("form.choices button")
    assert answers.count() == 6  # four pictures, not sure, pass
    assert phone.locator("form.choices button .picture svg").count() == 6  # a picture beside every answer
    check(phone, "easy voting cy")
    # What a screen reader lists, in order: the language bar, read aloud, each answer by its words alone
    # (the pictures are hidden from it), then the two answers that are no vote.
    answers_said = ["Ddim eto", "Dechrau", "Gan amlaf", "Yn llawn", "Ddim yn siŵr", "Pasio"]
    assert controls(phone) == [
        ("button", name) for name in ["Cymraeg", "English", "Hawdd ei Ddeall", "Darllen yn uchel", *answers_said]
    ]
    phone.get_by_role("button", name="Gan amlaf").click()
    phone.get_by_role("button", name="Gan amlaf ✓ eich pleidlais", pressed=True).wait_for(timeout=WAIT)
    assert list(room.votes.values()) == [2]

    phone.get_by_role("button", name="English").click()  # mid-question
    phone.get_by_role("heading", name=Q1.text).wait_for(timeout=WAIT)
    assert phone.locator("html").get_attribute("lang") == "en"
    phone.get_by_role("button", name="Mostly ✓ your vote", pressed=True).wait_for(timeout=WAIT)
    phone.get_by_role("button", name="Easy Read", pressed=True).wait_for(timeout=WAIT)  # Easy Read kept
    assert list(room.votes.values()) == [2]  # the vote stands
    room.reveal()
    assert room.tally is not None and room.tally.votes == [2]
    polled(phone, phone.get_by_role("heading", name="The room's answers"))
    assert page.errors == []


@pytest.mark.usefixtures("axe")
@pytest.mark.parametrize(("width", "lang"), [(1240, "en"), (320, "en"), (320, "cy"), (1240, "both"), (320, "both")])
def test_the_report(page, invoke, tmp_path, width, lang):
    from pathlib import Path

    example = Path(__file__).parent.parent / "examples" / "riverside.yaml"
    out = tmp_path / "report.html"
    assert invoke("report", example, "-o", out, "--lang", lang).exit_code == 0
    view = page(width=width, height=900)
    view.set_content(out.read_text(encoding="utf-8"))
    check(view, f"report in {lang} at {width} px")
