"""assess --room end to end: the facilitator's keys piped, a real server on 127.0.0.1, devices over HTTP."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import sys
import urllib.error
import urllib.request
from queue import Empty

import pytest
import yaml

pexpect = pytest.importorskip("pexpect")
from pexpect.popen_spawn import PopenSpawn  # noqa: E402 - after the skip


class Piped(PopenSpawn):
    """PopenSpawn that waits on its reader thread's queue rather than polling it: pexpect's expect loop looks
    for output every 0.1 ms, which cost the test about as much CPU as the run it drove."""

    def read_nonblocking(self, size, timeout):
        if not self._buf and not self._read_reached_eof:
            wait = self.timeout if timeout == -1 else timeout
            try:  # block until output (or end of output) arrives; the expect loop keeps its own deadline
                incoming = self._read_queue.get(timeout=None if wait is None else max(0.0, min(wait, 1.0)))
            except Empty:
                pass
            else:
                if incoming is None:
                    self._read_reached_eof = True
                else:
                    self._buf += self._decoder.decode(incoming, final=False)
        return super().read_nonblocking(size, timeout)


IPV4 = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")
PEOPLE, STAFF = "People who use services", "Staff"


class Device:
    """A phone, as the page's script talks to the server."""

    def __init__(self, join: str) -> None:
        self.base = join.split("/?")[0]
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        with self.opener.open(join, timeout=10) as response:
            assert response.status == 200

    def post(self, path: str, body: dict) -> dict:
        request = urllib.request.Request(
            self.base + path, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
        )
        with self.opener.open(request, timeout=10) as response:
            return json.loads(response.read())

    def state(self) -> dict:
        with self.opener.open(self.base + "/api/state", timeout=10) as response:
            return json.loads(response.read())


def start(tmp_path, *args, room=("--room", "--host", "127.0.0.1")):
    env = dict(os.environ, COLUMNS="100", NO_COLOR="1", PYTHONUNBUFFERED="1")
    child = Piped(
        [sys.executable, "-m", "coprotool", "assess", *room, *args],
        env=env,
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=30,
    )
    child.expect(r"(http://127\.0\.0\.1:\d+/\?t=[\w-]+)")
    join = child.match.group(1)
    child.expect(r"Projector page.*\n\s*(http://\S+)")
    return child, join, child.match.group(1)


def ended(child) -> int:
    """Wait for the run to end and close its pipes (pytest runs with ResourceWarning as an error)."""
    child.expect(pexpect.EOF)
    code = child.wait()
    for pipe in (child.proc.stdin, child.proc.stdout):
        if pipe and not pipe.closed:
            pipe.close()
    return code


def test_a_room_votes_from_devices_and_types_for_people_without_one(tmp_path, cat):
    """The whole workshop in one walk: phones and typed votes, then the phones mark the drafted actions, the
    terminal shows the marks and agrees one, and the phones' end page opens 'you said, we did'."""
    from coprotool.actions import for_service

    fw = cat.framework
    child, join, screen = start(
        tmp_path, "--service", "Riverside", "--format", "json", "--min-lens-votes", "2", "--joins-per-address", "10"
    )
    assert IPV4.search(join) and "/screen?t=" in screen
    phones = [Device(join) for _ in range(4)]
    for phone, lens in zip(phones, [PEOPLE, STAFF, PEOPLE, STAFF]):
        phone.post("/api/lens", {"lens": lens})
    child.expect("0 voted")
    assert phones[0].state()["question"]["id"] == "assets.1"
    phones[0].post("/api/vote", {"question": "assets.1", "value": 0})
    phones[1].post("/api/vote", {"question": "assets.1", "value": 3})
    phones[2].post("/api/vote", {"question": "assets.1", "value": None})  # skipped: counted as voted
    child.sendline("1 / 3")  # typed for two people without a device, by lens
    child.expect("5 voted")
    child.sendline("")  # Enter reveals
    child.expect(r"Middle answer: People who use services 0\.5; Staff 3\s+")
    child.expect(r"Staff 3, People who use services 0\.5: 2\.5 apart")
    child.expect("4 votes: 0 1 3 3; the room disagrees")
    assert phones[2].state()["phase"] == "revealed"
    assert phones[2].state()["tally"]["counts"] == [1, 1, 0, 2]
    with pytest.raises(urllib.error.HTTPError) as late:  # the question is closed
        phones[2].post("/api/vote", {"question": "assets.1", "value": 2})
    assert late.value.code == 409
    late.value.close()
    child.expect("Enter takes the median, 2")
    child.sendline("")  # Enter takes the median and opens the next question
    child.expect("0 voted")
    assert phones[1].state()["question"]["id"] == "assets.2"
    for p in fw.principles:  # the rest skipped (s); each principle's note: an empty line
        for q in p.questions:
            if q.id != "assets.1":
                child.sendline("s")
        child.sendline("")
    for _ in range(3):  # the grid and the ladder: Enter
        child.sendline("")

    # The phones mark the drafted actions that matter most to them, with a plain form.
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

    # The server stays up until the facilitator presses Enter, and the phones' end page opens the sheet.
    child.expect_exact("Phones can now open 'you said, we did'. Enter closes the room> ")
    state = phones[0].state()
    assert state["phase"] == "finished" and state["sheet"] is True
    assert state["finish"]["agreed"][0]["owner"] == "service manager"
    with phones[0].opener.open(phones[0].base + "/part", timeout=10) as response:
        page = response.read().decode()
    assert "What we agreed" in page and "Led by service manager, by " in page
    assert '<a href="/sheet">' in page
    with phones[0].opener.open(phones[0].base + "/sheet", timeout=10) as response:
        sheet = response.read().decode()
        assert response.status == 200 and "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert "You said, we did: Riverside" in sheet and "Led by service manager, by " in sheet
    with phones[0].opener.open(phones[0].base + "/static/sheet.css", timeout=10) as response:
        assert response.status == 200
    child.sendline("")
    assert ended(child) == 0
    data = json.loads(child.before[child.before.index("{") :])
    assert data["lenses"][PEOPLE]["assets"] == 0.5 and data["lenses"][STAFF]["assets"] == 3
    assert data["gaps"]["assets"] == 2.5
    assert data["votes"]["assets.1"] == {PEOPLE: [0, 1], STAFF: [3, 3]}
    assert "room" not in data and not IPV4.search(json.dumps(data))
    with pytest.raises(urllib.error.URLError):  # Enter closed the room: the server stopped with the assessment
        phones[0].state()
    (kept,) = for_service("Riverside")
    assert kept.with_ == "people who use the service"


def test_resume_carries_on_as_a_room_at_the_same_address_with_each_device_and_its_vote(tmp_path):
    """Then, with that address taken, a resumed room says so and shows the new code (one walk: 3 runs, not 4)."""
    import socket

    child, join, screen = start(tmp_path, "--service", "Riverside", "--min-lens-votes", "4")
    phone = Device(join)
    phone.post("/api/lens", {"lens": STAFF})
    child.expect("0 voted")
    phone.post("/api/vote", {"question": "assets.1", "value": 2})
    child.sendline("q")
    child.expect(r"Continue with: coprotool assess --resume (\S+)\s")  # the hint is the whole command
    resume = tmp_path / child.match.group(1)
    assert ended(child) == 0
    text = resume.read_text()
    assert resume.stat().st_mode & 0o777 == 0o600  # it holds the room's tokens: the owner's only
    saved = yaml.safe_load(text)["room"]
    assert list(saved["devices"].values()) == [STAFF]
    assert saved["host"] == "127.0.0.1" and saved["port"] == int(join.split(":")[2].split("/")[0])
    assert saved["min_lens"] == 4 and yaml.safe_load(text)["lenses"] == [PEOPLE, STAFF]
    cookie = next(iter(phone.jar)).value
    assert cookie not in text  # only a hash of the device's id

    child, join2, screen2 = start(tmp_path, "--resume", str(resume), room=())  # no --room: the file says so
    assert (join2, screen2) == (join, screen)  # the same join address: phones carry on
    child.expect("1 voted")
    state = phone.state()
    assert state["lens"] == STAFF and state["my_vote"] == 2 and state["question"]["id"] == "assets.1"
    assert state["min_lens"] == 4
    child.sendline("q")
    child.expect(r"--resume (\S+)\s")
    assert tmp_path / child.match.group(1) == resume  # the same file, kept again
    assert ended(child) == 0

    # The address from before is taken now: the same host, another port, the same join code.
    port = int(join.split(":")[2].split("/")[0])
    with socket.socket() as busy:
        busy.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        busy.bind(("127.0.0.1", port))
        busy.listen()
        child = Piped(
            [sys.executable, "-m", "coprotool", "assess", "--resume", str(resume)],
            env=dict(os.environ, COLUMNS="100", NO_COLOR="1", PYTHONUNBUFFERED="1"),
            cwd=str(tmp_path),
            encoding="utf-8",
            timeout=30,
        )
        child.expect("address from before cannot be had again")
        child.expect(r"(http://127\.0\.0\.1:(\d+)/\?t=[\w-]+)")  # the same host, another port
        assert int(child.match.group(2)) != port and join.split("?t=")[1] in child.match.group(1)
        child.expect("1 voted")  # the open question's vote is kept
        child.sendline("q")
        assert ended(child) == 0


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--answers", "x.yaml", "--room"], "cannot be used with --answers"),
        (["--port", "8000"], "go with --room"),
        (["--host", "127.0.0.1"], "go with --room"),
    ],
)
def test_room_options_that_do_not_fit_are_refused(invoke, args, words):
    result = invoke("assess", *args)
    assert result.exit_code == 2 and words in result.stderr


def test_a_port_in_use_is_one_sentence(invoke, tmp_path, monkeypatch):
    import socket

    monkeypatch.chdir(tmp_path)  # the run keeps what was entered (the name) in a resume file here
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = invoke("assess", "--room", "--host", "127.0.0.1", "--port", port, "--service", "X", input="")
    assert result.exit_code == 1
    assert f"cannot listen on 127.0.0.1 port {port}" in result.stderr and "Traceback" not in result.stderr


def test_an_80x24_room_terminal_keeps_one_status_line_and_every_key_works(tmp_path):
    env = dict(os.environ, COLUMNS="80", LINES="24", TERM="xterm", LANG="C.UTF-8")
    env.pop("NO_COLOR", None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "coprotool", "assess", "--room", "--host", "127.0.0.1", "--service", "Riverside", "--people", "5"],
        env=env,
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=30,
        dimensions=(24, 80),
    )
    try:
        child.expect("\u2580")  # the QR code, drawn in the terminal, with the address under it
        child.expect(r"(http://127\.0\.0\.1:\d+/\?t=[\w-]+)")
        join = child.match.group(1)
        child.expect("Enter reveals the votes")  # Enter's meaning, said with the question's keys
        child.expect("0 voted · 0 devices of 5 people joined> ")
        phone = Device(join)
        child.expect("\r\x1b\\[2K0 voted · 1 device of 5 people joined> ")  # redrawn in place, not a new line
        assert phone.state()["question"]["title"] == "Question 1 of 22 · Assets"  # numbered as the terminal
        phone.post("/api/vote", {"question": "assets.1", "value": 1})
        child.expect("\r\x1b\\[2K1 voted · 1 device of 5 people joined> ")
        assert len("1 voted · 1 device of 5 people joined> ") < 80  # one line at 80 columns: no stale wraps
        child.sendline("j")  # the join code again, long after it scrolled away
        child.expect("\u2580")
        child.expect(join.replace("?", "\\?"))
        child.sendline("r 99")
        child.expect("No device numbered 99")
        child.sendline("9")
        child.expect("off the scale")
        child.sendline("")
        child.expect("1 vote: 1; the room broadly agrees")
        child.expect("Agreed value for question 1 of 22")
        child.sendline("")
        child.expect("0 voted")
        assert phone.state()["question"]["id"] == "assets.2"
        child.sendline("b")  # back to the first question: no new votes, so Enter keeps the earlier ones
        child.expect("0 voted")
        child.sendline("")
        child.expect("1 vote: 1")
        child.sendline("3")  # the agreed value typed
        child.expect("0 voted")
        child.sendline("")  # Enter with no votes asks before skipping
        child.expect("No votes yet: skip this question\\? y skips, Enter waits > ")
        child.sendline("")
        child.expect("0 voted")
        assert phone.state()["question"]["id"] == "assets.2"  # still open
        child.sendline("")
        child.expect("skip this question")
        child.sendline("y")
        child.expect("0 voted")
        assert phone.state()["question"]["id"] == "assets.3"
        child.sendline("r 1")
        child.expect("Device 1 removed")
        with pytest.raises(urllib.error.HTTPError) as removed:
            phone.state()
        assert removed.value.code == 403
        removed.value.close()
        child.sendline("q")
        child.expect(r"--resume (\S+?\.yaml)")
        saved = yaml.safe_load((tmp_path / child.match.group(1)).read_text())
        assert saved["answers"]["assets.1"] == 3 and saved["answers"]["assets.2"] is None
        assert saved["room"]["people"] == 5
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0


def test_the_count_redrawn_in_place_is_in_the_runs_language(monkeypatch):
    # The line is redrawn from a thread of its own, which once started with no language: English in a Welsh run.
    import io
    import time

    from rich.console import Console

    from coprotool import i18n
    from coprotool.cli import room as terminal
    from coprotool.room.state import Room

    monkeypatch.setattr(terminal, "_is_tty", lambda: True)
    room = Room([PEOPLE, STAFF], [{"value": i, "label": str(i)} for i in range(4)])
    live = terminal.LiveRoom(room, None, "", "", {}, None)  # the count needs no server
    out = Console(file=io.StringIO(), color_system=None)

    def ask(out, prompt):
        assert prompt == "0 wedi pleidleisio · 0 dyfais wedi ymuno> "
        room.join(None)  # a phone joins while the prompt waits
        deadline = time.monotonic() + 10
        while "\r\x1b[2K" not in out.file.getvalue() and time.monotonic() < deadline:
            time.sleep(0.01)
        return ""

    with i18n.using("cy"):
        live._ask_counting(out, ask)
    assert out.file.getvalue() == "\r\x1b[2K0 wedi pleidleisio · 1 ddyfais wedi ymuno> "


def test_q_at_the_service_name_saves_and_quits(tmp_path):
    child = pexpect.spawn(
        sys.executable,
        ["-m", "coprotool", "assess"],
        env=dict(os.environ, COLUMNS="80", LINES="24", NO_COLOR="1"),
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=30,
        dimensions=(24, 80),
    )
    try:
        child.expect("Service name")
        child.sendline("q")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0 and not list(tmp_path.glob("coprotool-resume-*"))  # nothing entered, nothing kept
