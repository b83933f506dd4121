"""The questions speak to everyone in the room, read on their own, and have plain versions."""

from __future__ import annotations

import re

import pytest
import yaml

from coprotool.catalogue import Catalogue
from coprotool.errors import DataError
from coprotool.survey import question_index

# Words that point back at something said before. A question that uses one before it has named
# anything of its own leans on the question before it, and does not read on its own.
REFERRING = {"it", "its", "they", "them", "their", "theirs", "those", "these", "this", "that", "such"}
# Words that name nothing: question words, auxiliaries, the reader, and a few verbs and particles.
EMPTY = frozenset(
    re.findall(
        r"\S+",
        """how far what which who whom whose where when why whether if to extent do does did is are was were be
    been being can could would should might may will shall has have had in on of for at by with from into
    about as the a an and or but not only also any some each every you your yours we our us so very then
    than too just still more less ever never really make makes made become becomes get gets take takes way
    ways develop go goes ask asks change changes""",
    )
)


def unanchored(question: str) -> str | None:
    """The first word of `question` that refers back before anything has been named, or None."""
    words = re.findall(r"[a-z']+", question.lower())
    for i, word in enumerate(words):
        if word == "that" and i and words[i - 1] == "so":
            continue  # "so that" joins two clauses; it points at nothing
        if word in REFERRING:
            return word
        if word not in EMPTY:
            return None
    return None


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("To what extent do they take part in running, delivering and evaluating the work itself?", "they"),
        ("How might that become a central part of what the service does?", "that"),
        ("How could you develop those while also adding to what your service can offer?", "those"),
        ("Could it change the way parts of that service are delivered?", "it"),
        ("Which of those things could patients do themselves?", "those"),
        ("How far do staff and people share responsibility for it?", None),
        ("What could you change so that others build up their own capabilities?", None),
        ("How far do the people who use the service help to start projects and set their direction?", None),
    ],
)
def test_the_rule_finds_a_question_that_leans_on_the_one_before(text, word):
    assert unanchored(text) == word


def test_every_question_and_its_plain_version_reads_on_its_own(cat):
    for q in cat.framework.questions:
        for text in (q.text, q.plain):
            assert text, q.id
            assert unanchored(text) is None, (q.id, text)


def test_every_reflective_question_reads_on_its_own(cat):
    for c in cat.case_studies:
        for lesson in c.learning:
            for text in lesson.questions:
                assert unanchored(text) is None, (c.slug, text)


STAFF_VOICE = re.compile(r"\b(we|our|us)\b|people we support", re.IGNORECASE)


def test_questions_speak_to_the_whole_room_not_in_the_staffs_voice(cat):
    fw = cat.framework
    for q in fw.questions:
        for text in (q.text, q.plain, q.hint):
            assert not STAFF_VOICE.search(re.sub(r'"[^"]*"', "", text or "")), (q.id, text)
    for point in fw.scale:
        assert not STAFF_VOICE.search(point.meaning), point


def test_plain_versions_are_short_sentences(cat):
    for q in cat.framework.questions:
        sentences = [s for s in re.split(r"(?<=[.?!])\s+", q.plain) if s]
        assert all(len(s.split()) <= 20 for s in sentences), q.plain
        assert len(q.plain) < len(q.text) + 20, q.id


def test_one_headline_question_per_principle_chosen_in_the_data(cat):
    for p in cat.framework.principles:
        marked = [q for q in p.questions if q.headline]
        assert len(marked) == 1, p.id
        assert p.headline is marked[0]


def test_every_reworded_question_keeps_its_former_wording_and_old_headers_still_match(cat):
    fw = cat.framework
    index = question_index(fw)
    from coprotool.survey import fold

    reworded = [q for q in fw.questions if q.former]
    assert len(reworded) >= 20
    assert any("they take part" in t for t in fw.principle("blur_roles").questions[1].former)
    for q in reworded:
        assert q.text not in q.former, q.id
        for former in q.former:
            assert index[fold(former)] == q.id
    for q in fw.questions:
        assert index[fold(q.text)] == q.id
        assert index[fold(q.plain)] == q.id


def test_a_survey_made_from_a_0_1_template_still_scores(invoke, tmp_path, cat):
    fw = cat.framework
    header = ",".join(['"' + (q.former[0] if q.former else q.text).replace('"', '""') + '"' for q in fw.questions])
    path = tmp_path / "old.csv"
    path.write_text(header + "\n" + ",".join(["2"] * len(fw.questions)) + "\n")
    result = invoke("score", path, "--format", "json")
    assert result.exit_code == 0, result.output
    assert '"assets"' in result.stdout


def _principles(data_copy):
    path = data_copy / "principles.yaml"
    return path, yaml.safe_load(path.read_text())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda q: q[0].update(headline="yes"), "should be true or false"),
        (lambda q: [x.update(headline=True) for x in q[:2]], "marks assets.1, assets.2 as headline"),
        (lambda q: q[0].update(plain=""), "should be non-empty text"),
        (lambda q: q[0].update(former_text=7), "should be text, or a list of earlier wordings"),
        (lambda q: q[0].update(former_text=["x", 7]), "should be non-empty text"),
    ],
)
def test_the_loader_checks_the_new_question_fields(data_copy, change, message):
    path, data = _principles(data_copy)
    change(data["principles"][0]["questions"])
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(DataError, match=re.escape(message)):
        Catalogue(data_copy).framework  # noqa: B018 - loading is the check


def test_without_headline_marks_the_first_question_leads_and_plain_falls_back(data_copy):
    path, data = _principles(data_copy)
    data["variants"] = ["en"]
    for p in data["principles"]:
        for q in p["questions"]:
            q.pop("headline", None)
            q["text"].pop("en-plain", None)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    fw = Catalogue(data_copy).framework
    assert [p.headline.id for p in fw.principles] == [p.questions[0].id for p in fw.principles]
    q = fw.questions[0]
    assert q.wording("en-plain") == q.text


# -- the wording layer on its own --------------------------------------------------------------------
def test_a_variant_for_each_language_and_reading_level():
    from coprotool.wording import variant_for

    assert variant_for() == "en" and variant_for("cy") == "cy"
    assert variant_for("en", plain=True) == "en-plain" and variant_for("cy", plain=True) == "cy"  # no plain Welsh
    assert variant_for("cy", easy=True) == "cy-easy" and variant_for("en", easy=True, plain=True) == "en-easy"
    with pytest.raises(ValueError, match="unknown language 'fr'; use one of en, cy"):
        variant_for("fr")


def test_a_text_falls_back_within_its_language_only():
    import pickle

    from coprotool.wording import Text, english, text

    t = Text({"en": "Hello", "en-plain": "Hi", "cy": "Helo"})
    assert t == "Hello" and t.get("en-easy") == "Hi" and t.get("cy-easy") == "Helo"
    assert t.has("en-easy") and t.has("cy-easy") and t.all == ("Hello", "Hi", "Helo")
    only_english = Text({"en": "Hello"})
    assert not only_english.has("cy") and only_english.get("cy") == "Hello"  # shown in English, never empty
    assert only_english.get("xx") == "Hello"
    assert pickle.loads(pickle.dumps(t)).variants == t.variants  # kept whole through a pickle
    assert text(t, "cy") == "Helo" and text("plain", "cy") == "plain"
    assert english("x").variants == {"en": "x"} and english(t) is t
