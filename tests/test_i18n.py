"""Interface strings through gettext: every string has Welsh, Welsh plurals have their six forms, and the
room's pages speak the language a phone chose (or both, Welsh first)."""

from __future__ import annotations

import re

import pytest

from coprotool import i18n
from coprotool.i18n_check import gaps, source_strings


def test_every_interface_string_has_welsh():
    found = gaps("cy")
    assert found == [], "strings without Welsh:\n" + "\n".join(map(str, found))


def test_the_check_finds_strings_in_code_and_templates():
    strings = source_strings()
    assert "Welcome" in strings and strings["Welcome"].endswith(".html:4")  # a template
    assert ("%(num)d vote", "%(num)d votes") in strings  # a plural
    assert any(where.endswith(".py") or ".py:" in where for where in strings.values())  # Python code


def test_the_check_lists_a_missing_and_a_broken_string(tmp_path, monkeypatch):
    po = i18n.po_path("cy").read_text(encoding="utf-8")
    broken = po.replace('msgstr "Croeso"', 'msgstr ""').replace('"Eich dewis: %(lens)s."', '"Eich dewis."')
    (tmp_path / "cy" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "cy" / "LC_MESSAGES" / "coprotool.po").write_text(broken, encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE", tmp_path)
    found = {(g.message, g.problem.split(" ")[0]) for g in gaps("cy")}
    assert found == {("Welcome", "no"), ("You chose: %(lens)s.", "placeholders")}


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "0 pleidlais"),
        (1, "1 bleidlais"),  # un bleidlais: a feminine noun softens after "un"
        (2, "2 bleidlais"),  # dwy bleidlais
        (3, "3 pleidlais"),  # tair pleidlais
        (4, "4 pleidlais"),
        (6, "6 phleidlais"),  # chwe phleidlais: the aspirate mutation
        (7, "7 pleidlais"),
        (21, "21 pleidlais"),
    ],
)
def test_welsh_plurals_follow_cldr_six_forms(n, expected):
    with i18n.using("cy"):
        assert i18n.ngettext("%(num)d vote", "%(num)d votes", n) % {"num": n} == expected
    with i18n.using("en"):
        assert i18n.ngettext("%(num)d vote", "%(num)d votes", n) % {"num": n} == f"{n} vote{'' if n == 1 else 's'}"


def test_the_language_is_per_context_and_english_needs_no_catalogue():
    assert i18n.current() == "en" and i18n.gettext("Welcome") == "Welcome"
    with i18n.using("cy"):
        assert i18n.gettext("Welcome") == "Croeso"
        assert i18n.gettext("a string nobody marked") == "a string nobody marked"
        assert i18n.gettext("") == ""  # never the catalogue's header
    assert i18n.gettext("Welcome") == "Welcome"
    assert i18n.order("both") == ("cy", "en") and i18n.order("en") == ("en",)
    with pytest.raises(ValueError, match="unknown language"):
        i18n.order("fr")


def test_the_welsh_catalogue_is_compiled_once_however_english_is_named(monkeypatch):
    # `--lang en` arrives as a StrEnum; a room's titles are made in Welsh too. Both names of English once
    # thrashed the two-entry cache, so the Welsh .po was parsed again at every question.
    import babel.messages.pofile

    from coprotool.cli.options import Lang

    parsed = []
    real = babel.messages.pofile.read_po
    monkeypatch.setattr(babel.messages.pofile, "read_po", lambda *a, **kw: parsed.append(1) or real(*a, **kw))
    i18n._compiled.cache_clear()
    for _ in range(3):
        for lang in (Lang.en, "cy", "en"):
            with i18n.using(lang):  # --lang's enum among them, as assess passes it
                i18n.gettext("Welcome")
    assert len(parsed) == 1


@pytest.fixture(scope="module")
def riverside():
    from pathlib import Path

    from coprotool.assessment import evaluate, load_assessment
    from coprotool.catalogue import Catalogue

    cat = Catalogue()
    example = Path(__file__).parent.parent / "examples" / "riverside.yaml"
    return evaluate(cat, load_assessment(example, cat.framework)), cat


def test_the_report_in_welsh_and_in_both_languages(riverside):
    from coprotool.render.report import report_html
    from coprotool.view import views_in

    result, cat = riverside
    welsh = report_html(views_in(result, cat, "cy"))
    assert welsh.startswith('<!DOCTYPE html>\n<html lang="cy">')
    for words in ("Camau nesaf", "Atodiad", "Y chwe egwyddor", "Cwestiynau ac atebion", "Dyfnder (ein rheol ni"):
        assert words in welsh
    assert "(Mae’r astudiaethau achos yn Saesneg yn unig.)" in welsh  # said in Welsh, once per report
    assert "Next steps" not in welsh and "Appendix" not in welsh
    both = report_html(views_in(result, cat, "both"))
    assert both.index('<div class="report" lang="cy">') < both.index('<div class="report" lang="en">')
    assert "Atodiad" in both and "Appendix" in both
    ids = __import__("re").findall(r' id="([^"]+)"', both)
    assert len(ids) == len(set(ids))  # two reports on one page, no id twice
    english = report_html(views_in(result, cat, "en"))
    assert "Atodiad" not in english and '<html lang="en">' in english


def test_the_terminal_result_in_welsh(riverside):
    from coprotool.render.result import result_text
    from coprotool.view import views_in

    result, cat = riverside
    ((lang, view),) = views_in(result, cat, "cy")
    with i18n.using(lang):
        shown = result_text(view, 80, True).plain
    for words in (
        "Lletem cydgynhyrchu",
        "Y chwe egwyddor",
        "Cynllunio a darparu",
        "Egwyddor",
        "Dyfnder (ein rheol ni)",
    ):
        assert words in shown
    assert "The six principles" not in shown and "Plan and deliver" not in shown


def test_the_markdown_report_in_both_languages_one_after_the_other(riverside):
    from coprotool.render.report import report_markdown
    from coprotool.view import views_in

    result, cat = riverside
    both = report_markdown(views_in(result, cat, "both"))
    welsh, english = both.split("\n---\n\n")
    assert "## Camau nesaf" in welsh and "## Atodiad" in welsh and "## Next steps" not in welsh
    assert "## Next steps" in english and "## Appendix" in english


@pytest.mark.parametrize(
    ("lang", "names", "expected"),
    [
        ("en", ["Assets"], "Assets"),
        ("en", ["Assets", "Networks", "Catalysts"], "Assets, Networks and Catalysts"),
        ("cy", ["Rhwydweithiau", "Catalyddion"], "Rhwydweithiau a Chatalyddion"),  # the aspirate mutation
        ("cy", ["Galluoedd", "Cymylu rolau"], "Galluoedd a Chymylu rolau"),
        ("cy", ["Cilyddiaeth", "Asedau"], "Cilyddiaeth ac Asedau"),  # ac before a vowel
        ("cy", ["Asedau", "Galluoedd"], "Asedau a Galluoedd"),
    ],
)
def test_lists_of_names_in_each_language(lang, names, expected):
    with i18n.using(lang):
        assert i18n.and_list(names) == expected


def test_the_welsh_catalogue_is_kept_sorted_without_locations():
    # The form tools/po_tidy.py writes: engineers adding strings side by side then rarely touch the same lines.
    import io

    from babel.messages.pofile import read_po, write_po

    before = i18n.po_path("cy").read_bytes()
    out = io.BytesIO()
    write_po(out, read_po(io.BytesIO(before), locale="cy"), sort_output=True, no_location=True, width=120)
    # Only the header's "Generated-By: Babel x.y" may differ: CI also runs this at Babel's lowest version.
    generated = re.compile(r'^"Generated-By: .*$', re.MULTILINE)
    assert generated.sub("", out.getvalue().decode()) == generated.sub("", before.decode()), (
        "run: python tools/po_tidy.py"
    )


@pytest.mark.parametrize(
    ("raw", "welsh"),
    [(7, "mae 7 y tu allan i’r raddfa"), (2.5, "mae 2.5 y tu allan i’r raddfa"), ("lots", "nid yw 'lots' yn werth")],
)
def test_an_answer_off_the_scale_is_told_in_the_run_language(cat, raw, welsh):
    from coprotool.scoring import BadValue, label_index, parse_value

    with i18n.using("cy"), pytest.raises(BadValue) as told:
        parse_value(raw, label_index(cat.framework))
    assert str(told.value).startswith(welsh)
    with pytest.raises(BadValue, match=r"off the scale|not a value or label"):
        parse_value(raw, label_index(cat.framework))
