"""The projector page in real Chromium at 1280x720: it fits without scrolling in every phase, and its QR
code scans from a screenshot (zbarimg, as a phone's camera would see the projected page)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from browser import missing, polled
from coprotool.room.app import create_app
from coprotool.room.server import RoomServer
from coprotool.room.state import OpenQuestion, Room

SCALE = [{"value": i, "label": label} for i, label in enumerate(["Not yet", "Starting", "Mostly", "Fully"])]
LENSES = ["People who use services", "Family and carers", "Staff"]
LONG = OpenQuestion(
    "assets.1",
    "Does the service recognise, value and build on the skills, knowledge, experience and time that the people "
    "who use it bring, and does it treat these as assets rather than as needs to be met by professionals?",
    "Do the staff see what you are good at, and do they use it, so that you help shape and run the service too?",
    "Question 22 of 22 · Blur roles",
)


def decoded(png: bytes, tmp_path) -> list[str]:
    path = tmp_path / "screen.png"
    path.write_bytes(png)
    found = subprocess.run(["zbarimg", "--raw", "-q", str(path)], capture_output=True, text=True, timeout=30)
    return found.stdout.split()


@pytest.fixture
def projector(page, cat):
    if shutil.which("zbarimg") is None:
        missing("zbarimg is not installed (apt install zbar-tools)")
    room = Room(LENSES, SCALE)
    with RoomServer("127.0.0.1", 0) as server:
        join = f"http://127.0.0.1:{server.port}/?t={room.join_token}"
        server.start(create_app(room, join))
        screen = page(width=1280, height=720, clock=True)
        screen.goto(f"http://127.0.0.1:{server.port}/screen?t={room.screen_token}")
        yield room, screen, join


def fits(screen) -> tuple[int, int]:
    """The page's whole size, and the bottom of its lowest element (so no box is cut off unseen)."""
    return screen.evaluate(
        "[document.documentElement.scrollWidth, Math.max(document.documentElement.scrollHeight, "
        "...Array.from(document.querySelectorAll('#main *'), e => Math.ceil(e.getBoundingClientRect().bottom)))]"
    )


def test_the_projector_page_fits_1280x720_in_every_phase_and_its_code_scans(projector, cat, tmp_path):
    from coprotool.render.svg import wedge_svg

    room, screen, join = projector

    def shows(phase: str) -> None:
        polled(screen, screen.locator(f'#part[data-phase="{phase}"]'))
        assert fits(screen) == [1280, 720], phase  # nothing below the fold or off the side
        if phase != "finished":
            box = screen.locator(".qr svg").bounding_box()
            assert box["width"] >= 250 and box["y"] + box["height"] <= 720  # whole, above the fold
            assert decoded(screen.screenshot(), tmp_path) == [join], phase

    shows("waiting")
    room.open(LONG)
    shows("voting")
    room.add_typed({"People who use services": [0, 1, 1, 0], "Family and carers": [2, 2, 3], "Staff": [3, 3, 2, 3]})
    room.reveal()
    shows("revealed")
    text = screen.locator("#main").inner_text()
    assert "Staff 3, People who use services 0.5: 2.5 apart" in text  # each lens's median and the gap named
    levels = dict(zip([p.id for p in cat.framework.principles], [1, 2, 0, 3, 1, 2], strict=True))
    gaps = [f"{p.name}: Staff scored it 1.8 higher than People who use services" for p in cat.framework.principles]
    room.end({"svg": wedge_svg(cat.framework, levels, "The room's wedge"), "depth": "Depth: Descriptive", "gaps": gaps})
    shows("finished")


@pytest.mark.parametrize("background", [255, 0], ids=["light terminal", "dark terminal"])
def test_the_terminals_qr_code_scans_on_a_light_and_a_dark_background(background, tmp_path):
    import re

    from coprotool.cli.room import terminal_qr

    if shutil.which("zbarimg") is None:
        missing("zbarimg is not installed (apt install zbar-tools)")
    join = "http://192.168.100.123:54321/?t=Zq1X9fW3aE0pRt7uYh2LkQ"
    rows: list[list[int]] = []
    for line in terminal_qr(join).splitlines():
        cells = re.findall(r"\x1b\[(\d+);(\d+)m\u2580", line)
        rows.append([0 if fg == "30" else 255 for fg, _ in cells])  # the top half of each character
        rows.append([0 if bg == "40" else 255 for _, bg in cells])  # the bottom half
    scale, margin = 6, 8  # pixels a module; characters of the terminal's own background around the code
    width = len(rows[0]) + 2 * margin
    pixels = [[background] * width for _ in range(margin)]
    pixels += [[background] * margin + row + [background] * margin for row in rows]
    pixels += [[background] * width for _ in range(margin)]
    image = bytearray(f"P5 {width * scale} {len(pixels) * scale} 255\n".encode())
    for row in pixels:
        line = bytes(value for value in row for _ in range(scale))
        image += line * scale
    assert decoded(bytes(image), tmp_path) == [join]
