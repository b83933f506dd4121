"""--lang cy|en|both through the commands: assess (the result, the report it writes), report, feedback and
ballot take the same option; both is Welsh first, side by side in pages and one after the other in the
terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parent.parent / "examples" / "riverside.yaml"


def test_report_in_welsh_english_and_both(invoke, tmp_path):
    for lang in ("cy", "en", "both"):
        out = tmp_path / f"{lang}.html"
        done = invoke("report", EXAMPLE, "-o", out, "--lang", lang)
        assert done.exit_code == 0, done.output
        html = out.read_text(encoding="utf-8")
        assert ("Atodiad" in html) == (lang != "en") and ("Appendix" in html) == (lang != "cy")
        assert html.startswith(f'<!DOCTYPE html>\n<html lang="{"en" if lang == "en" else "cy"}">')
    md = invoke("report", EXAMPLE, "--format", "markdown", "--lang", "cy").output
    assert "## Camau nesaf" in md and "## Next steps" not in md


def test_assess_shows_the_result_in_welsh_then_english_with_both(invoke, tmp_path):
    out = tmp_path / "r.html"
    done = invoke("assess", "--answers", EXAMPLE, "--lang", "both", "--html", out)
    assert done.exit_code == 0, done.output
    shown = done.stdout
    assert shown.index("Y chwe egwyddor") < shown.index("The six principles")  # Welsh first, then English
    html = out.read_text(encoding="utf-8")
    assert html.index('<div class="report" lang="cy">') < html.index('<div class="report" lang="en">')
    welsh = invoke("assess", "--answers", EXAMPLE, "--lang", "cy").stdout
    assert "Y chwe egwyddor" in welsh and "The six principles" not in welsh


def test_feedback_in_welsh(invoke, tmp_path):
    out = tmp_path / "you-said.html"
    done = invoke("feedback", EXAMPLE, "-o", out, "--lang", "cy")
    assert done.exit_code == 0, done.output
    html = out.read_text(encoding="utf-8")
    assert '<html lang="cy">' in html and "Dywedoch chi" in html and "You said" not in html
    both = invoke("feedback", EXAMPLE, "--format", "markdown", "--lang", "both").stdout
    assert both.index("## Dywedoch chi") < both.index("## You said")


@pytest.mark.parametrize("command", ["assess", "report", "feedback", "ballot", "score"])
def test_every_command_offers_the_same_three_languages(invoke, command):
    shown = " ".join(invoke(command, "--help").stdout.split())
    assert "--lang en|cy|both" in shown


def test_a_workshop_asks_in_welsh(invoke, cat):
    from coprotool.wording import text

    first = cat.framework.principles[0]
    answers = "\n".join(["Gwasanaeth Glan yr Afon", "", *["2"] * 6, "", "", "", ""]) + "\n"
    done = invoke("assess", "--quick", "--lang", "cy", input=answers)
    shown = " ".join(done.output.split())
    assert "Cwestiwn 1 o 6 · " + text(first.name, "cy") in shown
    assert " ".join(first.headline.wording("cy").split()) in shown  # the catalogue's Welsh wording
    assert "Enter neidio · b yn ôl" in shown and "Question 1 of 6" not in shown
