"""Shared fixtures: a CliRunner with a pinned terminal, a throwaway copy of the catalogue, a real browser."""

from __future__ import annotations

import os
import shutil
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from coprotool.catalogue import Catalogue, default_data_dir

DATA = default_data_dir()

# Property tests try 50 examples each in a run (hypothesis' default is 100), a new sample every run: over
# many runs they cover as much, and the suite stays under a minute. --hypothesis-profile=thorough (or
# HYPOTHESIS_PROFILE=thorough) tries 1,000; tests that fix a smaller number of their own keep it.
settings.register_profile("suite", max_examples=50)
settings.register_profile("thorough", max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))
ENV = {"COLUMNS": "80", "NO_COLOR": "1", "TERM": "xterm", "COPROTOOL_NO_CACHE": "1"}


@pytest.fixture(autouse=True)
def _quiet_env(monkeypatch, tmp_path):
    # Pin the terminal and keep the parse cache out of the user's home.
    for key, value in ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))  # kept results and resume files
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state-home"))  # the last guard's log files
    monkeypatch.delenv("COPROTOOL_DATA_DIR", raising=False)
    monkeypatch.delenv("COPROTOOL_LANG", raising=False)
    from coprotool.wording import set_easy

    set_easy(False)  # --easy holds for a whole run; a test's run must not pass it on to the next test
    # A command run in this process with --lang sets the language for its run: start each test in English.
    from coprotool import i18n

    i18n.choose("en")


@pytest.fixture(scope="session", autouse=True)
def _one_click_command_per_app() -> Iterator[None]:
    # CliRunner.invoke(app) turns the Typer app into a click command on every call, reading every command's
    # signature and type hints again: about 0.4 s of a 0.45 s run. The app does not change between runs, so
    # each app object is turned into its command once (a new app, as test_help builds, gets its own).
    import typer.main
    import typer.testing

    built: weakref.WeakKeyDictionary[typer.Typer, Any] = weakref.WeakKeyDictionary()

    def command(app: typer.Typer) -> Any:
        if app not in built:
            built[app] = typer.main.get_command(app)
        return built[app]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(typer.testing, "_get_command", command)
        yield


@pytest.fixture(scope="session", autouse=True)
def _libyaml_for_the_tests_own_yaml() -> Iterator[None]:
    # Tests edit copies of the catalogue with yaml.safe_load and yaml.safe_dump, whose pure-Python parser and
    # emitter took up to half of such a test's time. coprotool itself calls neither (yamlio builds its data
    # from CSafeLoader's events; answers files are written with a Dumper of their own), so only the tests'
    # own reading and writing moves to libyaml here.
    import yaml

    loader, dumper = getattr(yaml, "CSafeLoader", None), getattr(yaml, "CSafeDumper", None)
    if loader is None or dumper is None:
        yield
        return
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(yaml, "safe_load", lambda stream: yaml.load(stream, Loader=loader))
        mp.setattr(yaml, "safe_dump", lambda data, stream=None, **kw: yaml.dump(data, stream, Dumper=dumper, **kw))
        yield


@pytest.fixture(scope="session", autouse=True)
def _no_pause_before_each_send() -> Iterator[None]:
    # pexpect sleeps 50 ms before every send, for programs that read a password with echo turned off. Every
    # pty test here sends a reply only after its prompt shows, and coprotool reads whole lines with input(),
    # so the pause was only waiting: most of a walk through `assess`. Set once here for every spawn.
    try:
        from pexpect.spawnbase import SpawnBase
    except ImportError:  # pragma: no cover - the test extra installs it
        yield
        return
    original = SpawnBase.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.delaybeforesend = None

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(SpawnBase, "__init__", init)
        yield


@pytest.fixture(scope="session", autouse=True)
def _each_yaml_text_parsed_once() -> Iterator[None]:
    # Many tests copy the catalogue, change one file and load the copy (often through the CLI): about a
    # hundred parses of the same two dozen texts, a fifth of the suite's in-process CPU. A text parsed once
    # is given again from a pickle of what it gave (the same plain data, a new copy each time, so a caller
    # that changes it changes only its own); a text that is refused is parsed every time, so every refusal
    # is the parser's own. tests/test_yamlio.py holds the parser itself, unshared.
    import pickle

    from coprotool import yamlio

    real = yamlio.parse_yaml
    parsed: dict[str, bytes] = {}

    def parse(text: str, path: Path | str) -> Any:
        kept = parsed.get(text)
        if kept is not None:
            return pickle.loads(kept)
        data = real(text, path)
        parsed[text] = pickle.dumps(data)
        return data

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(yamlio, "parse_yaml", parse)
        yield


@pytest.fixture(scope="session", autouse=True)
def _no_wait_for_the_disk() -> Iterator[None]:
    # coprotool fsyncs each file it writes (after every answer), so a power cut cannot lose it; each waits
    # for the disk, about 5 ms here, and was half of an in-process walk through `assess`. No test can cut
    # the power, and a process killed outright keeps what it wrote without fsync, so the in-process runs skip
    # the wait. The programs the tests start as real processes (kills, signals, terminals) still fsync, and
    # tests/test_files.py checks that every write does.
    import os

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(os, "fsync", lambda fd: None)
        yield


@pytest.fixture(scope="session", autouse=True)
def _marked_strings_found_once() -> Iterator[None]:
    # `i18n-check` and the tests of it find every string marked for translation in coprotool's code and
    # templates with Babel's extractor: about 0.8 s of CPU a time, a dozen times a run. The code does not change
    # while the suite runs, so it is read once (test_i18n still calls the real extractor directly).
    from coprotool import i18n_check

    real = i18n_check.source_strings
    found: list[dict[str | tuple[str, str], str]] = []

    def once() -> dict[str | tuple[str, str], str]:
        if not found:
            found.append(real())
        return dict(found[0])

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(i18n_check, "source_strings", once)
        yield


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env=ENV)


@pytest.fixture
def invoke(runner):
    from coprotool.cli import app

    def run(*args, input=None, **kw):
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False, **kw)

    return run


@pytest.fixture(scope="session", autouse=True)
def cat() -> Iterator[Catalogue]:
    """The shipped catalogue, parsed once: the in-process CLI runs reuse it (cli.common.SHARED)."""
    from coprotool.cli.common import SHARED

    c = Catalogue(DATA)
    c.validate()
    SHARED[c.data_dir.resolve()] = c
    yield c
    SHARED.clear()


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A copy of the shipped catalogue that a test may break."""
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest)
    return dest


@pytest.fixture(scope="session")
def _chromium() -> Iterator[Any]:
    from browser import launched

    with launched() as browser:
        yield browser


@pytest.fixture(scope="session")
def _spare_pages() -> list[Any]:
    """Plain pages a test has finished with, blank and cleared, for the next to reuse (see browser.Pages)."""
    return []


@pytest.fixture
def page(_chromium, _spare_pages) -> Iterator[Any]:
    """A factory of real Chromium pages: `page(width=390, height=844)`; `page.requests` lists every URL asked for.

    Skips when Chromium is absent, unless COPROTOOL_REQUIRE_BROWSER=1 (then it fails).
    """
    from browser import Pages

    pages = Pages(_chromium, _spare_pages)
    yield pages
    pages.close()
