"""coprotool i18n-check: for translators, the interface strings a shipped language lacks, listed, exit 1."""

from __future__ import annotations

import json

import pytest

from coprotool import i18n
from coprotool.cli.translations import CheckLang


def _broken_copy(tmp_path, monkeypatch):
    """The Welsh catalogue with "Welcome" untranslated and a placeholder dropped, in place of the shipped one."""
    po = i18n.po_path("cy").read_text(encoding="utf-8")
    broken = po.replace('msgstr "Croeso"', 'msgstr ""').replace('"Eich dewis: %(lens)s."', '"Eich dewis."')
    assert broken != po
    (tmp_path / "cy" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "cy" / "LC_MESSAGES" / "coprotool.po").write_text(broken, encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE", tmp_path)


@pytest.mark.parametrize("args", [[], ["--lang", "cy"], ["--lang", "all"]])
def test_the_shipped_catalogue_is_complete(invoke, args):
    result = invoke("i18n-check", *args)
    assert result.exit_code == 0, result.output
    assert result.stdout == "Cymraeg (cy): every interface string has a translation.\n"
    assert json.loads(invoke("i18n-check", *args, "--format", "json").stdout) == []


def test_a_broken_catalogue_is_listed_and_fails(invoke, tmp_path, monkeypatch):
    _broken_copy(tmp_path, monkeypatch)
    result = invoke("i18n-check", "--lang", "cy")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "Cymraeg (cy): 2 problems, each with the file and line where the string is used:"
    assert any("'Welcome': no translation" in line and ".html:" in line for line in lines[1:])
    assert any("'You chose: %(lens)s.': placeholders ['lens'] are not kept" in line for line in lines[1:])


def test_a_broken_catalogue_as_json(invoke, tmp_path, monkeypatch):
    _broken_copy(tmp_path, monkeypatch)
    result = invoke("i18n-check", "--format", "json")
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    assert {(g["lang"], g["message"], g["problem"].split()[0]) for g in found} == {
        ("cy", "Welcome", "no"),
        ("cy", "You chose: %(lens)s.", "placeholders"),
    }
    assert all(g["where"].split(":")[-1].isdigit() for g in found)  # file and line, for the translator


def test_every_shipped_language_but_english_can_be_checked():
    assert {lang.value for lang in CheckLang} == {*i18n.LANGS} - {"en"} | {"all"}
