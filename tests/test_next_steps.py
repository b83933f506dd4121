"""Next steps read as advice for any service: the case study's setting appears only in its example."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import DATA
from coprotool.assessment import Assessment, evaluate
from coprotool.catalogue import Catalogue
from coprotool.errors import DataError
from coprotool.render.result import detail
from coprotool.view import build_view

SLUGS = sorted(p.stem for p in (DATA / "case_studies").glob("*.yaml"))

# Words that name a particular setting: a step shown to a day service must not assume any of them.
SETTINGS = [
    r"homeless\w*",
    r"prison\w*",
    r"probation",
    r"justice",
    r"offend\w*",
    r"with a record",
    r"clinical",
    r"patients?",
    r"GP",
    r"surger\w+",
    r"mental (?:health|ill\w*)",
    r"brain",
    r"learning difficult\w*",
    r"HIV",
    r"hepatitis",
    r"personality",
    r"alcohol",
    r"drugs?",
    r"older",
    r"disabled",
    r"mothers?",
    r"parents?",
    r"schools?",
    r"children\W?s?",
    r"long-term conditions?",
    r"chronic",
    r"recovery",
    r"therapists?",
    r"A&E",
]
# Words of a works_with that say nothing about a setting on their own.
_GENERIC_WORDS = (
    "people who with their have been the and or a in to on by from own need support help local problems "
    "living live adults families first health personal budgets homes extra through planning referred"
)
GENERIC = frozenset(_GENERIC_WORDS.split())


def _names(cat: Catalogue) -> list[str]:
    return [n for c in cat.case_studies for n in (c.name, *c.aliases)]


@pytest.mark.parametrize("slug", SLUGS)
def test_each_step_is_worded_for_any_service_and_the_setting_is_left_to_works_with(cat, slug):
    study = cat.case_study(slug)
    assert study.works_with, f"{slug} says who it works with"
    own = [w for w in re.findall(r"[\w'-]+", study.works_with.lower()) if w not in GENERIC and len(w) > 1]
    assert own, f"{slug}'s works_with names who it works with"
    names = _names(cat)
    for step in (s for steps in study.practices.values() for s in steps):
        for pattern in SETTINGS:
            assert not re.search(rf"\b{pattern}(?!\w)", step, re.IGNORECASE), (pattern, step)
        for word in own:  # the case study's own setting belongs in "as NAME does with WORKS_WITH"
            assert not re.search(rf"\b{re.escape(word)}\b", step, re.IGNORECASE), (word, step)
        for name in names:  # no case study is named inside a step, only in its example
            assert not re.search(rf"\b{re.escape(name)}\b", step), (name, step)


def test_every_step_shown_to_a_day_service_names_its_case_study_only_as_the_example(cat):
    a = Assessment(service="Riverside Day Service", date="2026-12-03", keywords=["Peer Support"])
    a.answers = {q.id: 0 for q in cat.framework.questions}  # every principle weak: the most steps shown
    result = evaluate(cat, a)
    assert len({s.case_study for s in result.next_steps}) > 3
    text = " ".join(detail(build_view(result, cat, "0"), 100, True).plain.split())
    for step in result.next_steps:
        study = cat.case_study(step.case_study)
        assert step.example == f"as {study.name} does with {study.works_with}"
        assert not any(re.search(rf"\b{re.escape(n)}\b", step.text) for n in _names(cat))
        assert f"({step.example})" in text


def test_a_case_study_without_works_with_names_the_file_the_field_and_the_fix(data_copy):
    path = data_copy / "case_studies" / "shared-lives.yaml"
    data = yaml.safe_load(path.read_text())
    del data["works_with"]
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    with pytest.raises(DataError) as err:
        Catalogue(data_copy).validate()
    message = str(err.value)
    assert "shared-lives.yaml" in message and "works_with" in message and "is missing" in message
    assert "as NAME does with WORKS_WITH" in message
