"""results and compare in Welsh: headings, labels, counts and messages with --lang cy, Welsh then English
with both; --format json the same bytes whatever the language."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture
def two(tmp_path):
    return [Path(shutil.copy(EXAMPLES / name, tmp_path)) for name in ("riverside.yaml", "riverside-later.yaml")]


@pytest.fixture
def kept(invoke, tmp_path, two):
    """Both examples kept in the results folder, as a finished workshop keeps them."""
    from coprotool.results import keep

    for n, path in enumerate(two):
        saved = tmp_path / f"saved-{n}.yaml"
        assert invoke("assess", "--answers", path, "--save", saved).exit_code == 0
        keep(saved.read_text(encoding="utf-8"), "Riverside Day Service", f"2026-0{n + 1}-01")
    return two


def test_compare_in_welsh(invoke, two):
    done = invoke("compare", *two, "--lang", "cy")
    assert done.exit_code == 0, done.output
    shown = done.stdout
    for words in (
        "Cynnydd: Riverside Day Service",
        "Clocwedd o’r brig: Asedau",
        "Egwyddor",
        "Newid",
        "i fyny 0.3",
        "dim newid",
        "Dyfnder (ein rheol ni): Canolradd yna Canolradd (heb newid)",
        "Cynllunio a darparu: ",
        "Nodiadau’r grŵp, 2026-11-23 a 2027-05-19",
        "Rhwydweithiau (heb newid): ",
    ):
        assert words in shown, words
    for english in ("Progress", "Clockwise", "Principle", "Change", "up 0.3", "no change", "then", "unchanged"):
        assert english not in shown, english
    assert "Canolradd" in shown.splitlines()[12]  # under each wedge its depth by name, never its id


def test_compare_in_both_languages_welsh_first(invoke, two):
    shown = invoke("compare", *two, "--lang", "both").stdout
    assert shown.index("Cynnydd:") < shown.index("Progress:") and shown.count("Progress:") == 1
    english = invoke("compare", *two).stdout
    assert shown.endswith(english) and "Intermediate" in english.splitlines()[12]


@pytest.mark.parametrize("command", [["compare", "riverside.yaml", "riverside-later.yaml"], ["results"]])
def test_json_is_the_same_bytes_in_every_language(invoke, kept, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    outputs = {lang: invoke(*command, "--format", "json", "--lang", lang).stdout for lang in ("en", "cy", "both")}
    assert outputs["en"] == outputs["cy"] == outputs["both"] and outputs["en"].strip() not in ("", "[]")


def test_compare_page_in_welsh_and_both(invoke, two):
    welsh = invoke("compare", *two, "-f", "html", "--lang", "cy").stdout
    assert welsh.startswith('<!DOCTYPE html>\n<html lang="cy">')
    for words in (
        "Beth newidiodd, 2026-11-23 i 2027-05-19",
        "2 ganlyniad, 2026-11-23 i 2027-05-19",
        "Newid",
        "Riverside Day Service ar 2026-11-23",
        "Nodiadau’r grŵp, bryd hynny a nawr",
    ):
        assert words in welsh, words
    assert "What moved" not in welsh and "results, " not in welsh
    both = invoke("compare", *two, "-f", "html", "--lang", "both").stdout
    assert both.index('<div class="report" lang="cy">') < both.index('<div class="report" lang="en">')
    ids = re.findall(r' id="([^"]+)"', both)
    assert ids and len(ids) == len(set(ids))  # four wedges on one page, no id twice


def test_compare_written_to_a_file_in_both(invoke, two, tmp_path):
    out = tmp_path / "moved.txt"
    done = invoke("compare", *two, "-o", out, "--lang", "both")
    assert done.exit_code == 0 and "Ysgrifennwyd y gymhariaeth i" in done.stderr
    text = out.read_text(encoding="utf-8")
    assert text.index("Cynnydd:") < text.index("Progress:")


@pytest.mark.parametrize(
    ("args", "welsh"),
    [
        (["compare", "riverside.yaml"], "rhowch o leiaf ddau ganlyniad wedi’u cadw i’w cymharu."),
        (["compare", "Nobody's Service"], "does dim canlyniadau wedi’u cadw ar gyfer 'Nobody's Service'"),
    ],
)
def test_compare_says_what_is_wrong_in_welsh(invoke, two, tmp_path, monkeypatch, args, welsh):
    monkeypatch.chdir(tmp_path)
    done = invoke(*args, "--lang", "cy")
    assert done.exit_code != 0 and welsh in done.stderr and "compare" not in done.stderr.split(";")[0]


def test_different_services_warned_in_welsh(invoke, two, tmp_path):
    import yaml

    data = yaml.safe_load(two[1].read_text())
    data["service"] = "Hillside"
    other = tmp_path / "hillside.yaml"
    other.write_text(yaml.safe_dump(data))
    refused = invoke("compare", two[0], other, "--lang", "cy")
    assert refused.exit_code == 1 and "mae’r canlyniadau hyn ar gyfer gwasanaethau gwahanol" in refused.stderr
    anyway = invoke("compare", two[0], other, "--lang", "cy", "--any-service")
    assert "coprotool: rhybudd: yn cymharu gwasanaethau gwahanol" in anyway.stderr


def test_results_in_welsh_and_both(invoke, kept):
    welsh = invoke("results", "--lang", "cy").stdout
    for words in ("Gwasanaeth", "Dyddiad", "Dyfnder", "Canolradd", "Cymharwch ganlyniadau un gwasanaeth"):
        assert words in welsh, words
    assert welsh.splitlines()[0].split() == ["Gwasanaeth", "Dyddiad", "Dyfnder"]  # the headings
    assert "Intermediate" not in welsh and "Compare" not in welsh and "File:" not in welsh
    both = invoke("results", "--lang", "both").stdout
    assert both.index("Dyfnder") < both.index("Depth") and both.endswith(invoke("results").stdout)


def test_no_results_yet_in_welsh(invoke):
    said = invoke("results", "--lang", "cy").stdout
    assert said.startswith("Does dim canlyniadau wedi’u cadw eto; mae ‘coprotool assess’")
    assert "No kept results" in invoke("results").stdout
