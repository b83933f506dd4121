"""Every wording is as easy to read as its variant promises, measured with textstat, the worst printed.

Easy Read (`en-easy`): sentences of 15 words or fewer, Flesch-Kincaid grade 5 or under, hard words
explained where they are used. Plain (`en-plain`): grade 6 or under. No question, in any English
variant, asks two things at once. Easy Read Welsh (`cy-easy`): sentences of 15 words or fewer; no Welsh
question asks two things at once either.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import textstat

from coprotool.model import Framework, Ladder

SENTENCE = re.compile(r"(?<=[.?!])\s+")
GRADE = {"en-plain": 6.0, "en-easy": 5.0}
EASY_WORDS = 15
# Words a person reading Easy Read may not know: used in an en-easy text, the same text explains them.
HARD = ("signpost", "broker", "time credit", "lived experience", "blur roles", "catalyst", "peer", "assets",
        "capabilities", "mutuality", "networks", "descriptive", "intermediate", "transformative",
        "co-production")  # fmt: skip
# Pairs that name one thing, not two: joined by "and"/"or" they still ask one question.
ONE_THING = re.compile(
    r"staff and (?:the )?people who use (?:the service|it)"
    r"|between [^,?]+? and "
    r"|give and (?:to )?receive|give and what they (?:can|will) get|give help and get help"
    r"|time and money",
    re.IGNORECASE,
)
EXAMPLES = re.compile(r",? (?:such as|like) [^.?]*|For example[^.?]*[.?]", re.IGNORECASE)


def texts(fw: Framework, ladder: Ladder | None = None) -> Iterator[tuple[str, str, object]]:
    """(where, kind, text) for every text that has a readable variant: the framework's, the grid's and,
    given one, the ladder's. Names (a grid square's, a rung's) are not sentences: they are shown with their
    meaning beside them, which is measured."""
    for s in fw.scale:
        yield f"scale {s.value} meaning", "sentence", s.meaning
    for p in fw.principles:
        yield f"{p.id} meaning", "sentence", p.meaning
        for n, level in enumerate(p.levels):
            yield f"{p.id} level {n}", "sentence", level
        for q in p.questions:
            yield q.id, "question", q.text
    for d in fw.depth_levels:
        yield f"{d.id} meaning", "sentence", d.meaning
    grid = fw.grid
    yield "grid plan question", "sentence", grid.plan.question
    yield "grid deliver question", "sentence", grid.deliver.question
    for c in grid.cells:
        yield f"grid {c.id} meaning", "sentence", c.meaning
    for pos in grid.positions:
        for what, value in (("meaning", pos.meaning), ("note", pos.note)):
            if value is not None:
                yield f"grid {pos.plan}/{pos.deliver} {what}", "sentence", value
    if ladder is None:
        return
    yield "ladder advice", "sentence", ladder.advice
    yield "ladder placement", "sentence", ladder.placement
    for r in ladder.rungs:
        yield f"rung {r.id} meaning", "sentence", r.meaning


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE.split(text.strip()) if s]


def asks_two_things(question: str) -> str | None:
    """The joining word of a question that asks two things at once, or None.

    A question asks one thing when its one question sentence joins nothing with "and" or "or",
    once examples ("such as ...", "for example ...") and pairs that name one thing are set aside.
    """
    asked = [s for s in sentences(question) if s.endswith("?")]
    if len(asked) != 1:
        return f"{len(asked)} question sentences"
    rest = ONE_THING.sub(" ", EXAMPLES.sub(" ", asked[0]))
    found = re.search(r"\b(and|or)\b", rest)
    return found.group(0) if found else None


@pytest.mark.parametrize(
    ("question", "two"),
    [
        ("How far do the people who use the service help to start projects and set the direction of the work?", "and"),
        ("How far is asking others openly for help, and offering help in return, normal?", "and"),
        ("Do people who use the service go to local groups? Or to clubs?", "2 question sentences"),
        ("Does the service use good things in the local area? For example, clubs, parks or neighbours.", None),
        ("How far do staff and the people who use the service share responsibility?", None),
        ("When people join, are they told what they can give and what they can get?", None),
        ("Does the service use what the local area has, like groups and neighbours?", None),
    ],
)  # fmt: skip
def test_the_double_question_rule(question, two):
    assert asks_two_things(question) == two


def _measure(fw: Framework, ladder: Ladder, variant: str) -> list[tuple[float, int, str, str]]:
    rows = []
    for where, _kind, text in texts(fw, ladder):
        wording = text.get(variant)  # type: ignore[attr-defined]
        longest = max(len(s.split()) for s in sentences(wording))
        rows.append((textstat.flesch_kincaid_grade(wording), longest, where, wording))
    return sorted(rows, reverse=True)


def test_every_variant_reads_at_its_grade_and_the_worst_are_printed(cat, capsys):
    fw = cat.framework
    report, problems = [], []
    for variant in ("en", "en-plain", "en-easy"):
        rows = _measure(fw, cat.ladder, variant)
        grades = sorted(r[0] for r in rows)
        report.append(f"{variant}: median grade {grades[len(grades) // 2]:.1f}; worst:")
        report += [f"  {g:4.1f}  {n:2d} words  {where}: {text}" for g, n, where, text in rows[:3]]
        limit = GRADE.get(variant)
        for grade, longest, where, text in rows:
            if limit is not None and grade > limit:
                problems.append(f"{variant} {where}: grade {grade:.1f} over {limit}: {text}")
            if variant == "en-easy" and longest > EASY_WORDS:
                problems.append(f"{variant} {where}: a sentence of {longest} words: {text}")
    with capsys.disabled():
        print("\nReadability (Flesch-Kincaid grade, textstat):\n" + "\n".join(report))
    assert not problems, "\n".join(problems)


def test_no_question_asks_two_things_in_any_english_variant(cat):
    double = [
        f"{q.id} {variant}: {why!r} in {q.wording(variant)}"
        for q in cat.framework.questions
        for variant in ("en", "en-plain", "en-easy")
        if (why := asks_two_things(q.wording(variant)))
    ]
    assert not double, "\n".join(double)


def test_easy_read_explains_every_hard_word_it_uses(cat):
    unexplained = []
    for where, _kind, text in texts(cat.framework, cat.ladder):
        easy = text.get("en-easy").lower()  # type: ignore[attr-defined]
        for word in HARD:
            explained = rf"\b{word}s?(?: \w+)? (?:means|is|are)\b"  # "peer support means ..."
            if re.search(rf"\b{word}", easy) and not re.search(explained, easy):
                unexplained.append(f"{where}: {word!r} in {easy}")
    assert not unexplained, "\n".join(unexplained)


def test_the_standard_wording_explains_the_jargon_of_the_levels(cat):
    levels = " ".join(level for p in cat.framework.principles for level in p.levels)
    for word, gloss in (
        ("signpost", "tell them where to find it"),
        ("broker", "bring people and groups together"),
        ("time credits", "an hour of help given earns an hour to spend"),
        ("lived experience", "their own experience of using services"),
    ):
        assert f"{word} people" in levels or word in levels, word
        assert gloss in levels, word


# The Welsh double-question rule is lexical, as the English one is: Welsh joins two asks with "a"/"ac"
# ("and", "a'r" = "and the") or "neu" ("or"). "a" also opens a question, direct or not ("A yw ...?",
# "gwirio a yw ..." = "check whether ..."): an "a" before a form of "bod" is set aside; "â"/"ag" ("with")
# are other words. Pairs that name one thing, as in English, are set aside too.
WELSH_ONE_THING = re.compile(
    r"staff a(?:'r| ?r)? (?:phobl|bobl) sy'n (?:defnyddio'r gwasanaeth|ei ddefnyddio)"
    r"|rhwng [^,?]+? a(?:'r|c)? "
    r"|(?:ei )?(?:roi|rhoi) a(?:'i)? (?:chael|derbyn|gael|dderbyn)|rhoi help a(?:c yn)? chael help"
    r"|amser ac arian",
    re.IGNORECASE,
)
WHETHER = re.compile(r"\ba (?=(?:yw|ydy|ydyn|oes|fydd|fyddai)\b)", re.IGNORECASE)
WELSH_EXAMPLES = re.compile(r",? fel [^.?]*|Er enghraifft[^.?]*[.?]", re.IGNORECASE)


def asks_two_things_in_welsh(question: str) -> str | None:
    """The joining word of a Welsh question that asks two things at once, or None (see WELSH_ONE_THING)."""
    asked = [s for s in sentences(question) if s.endswith("?")]
    if len(asked) != 1:
        return f"{len(asked)} question sentences"
    rest = WELSH_ONE_THING.sub(" ", WELSH_EXAMPLES.sub(" ", WHETHER.sub(" ", asked[0])))
    found = re.search(r"(?<![\w'])(a|ac|neu)\b", rest, re.IGNORECASE)
    return found.group(0) if found else None


@pytest.mark.parametrize(
    ("question", "two"),
    [
        ("Ydy'r bobl yn helpu i ddechrau prosiectau ac yn dewis cyfeiriad y gwaith?", "ac"),
        ("Ydy gofyn am help, a chynnig help yn ôl, yn beth arferol?", "a"),
        ("Ydy pobl yn mynd i grwpiau lleol neu i glybiau?", "neu"),
        ("Ydy pobl yn mynd i grwpiau lleol? Neu i glybiau?", "2 question sentences"),
        ("Ydy'r gwasanaeth yn defnyddio pethau da? Er enghraifft, clybiau, parciau neu gymdogion.", None),
        ("Ydy staff a'r bobl sy'n defnyddio'r gwasanaeth yn rhannu'r cyfrifoldeb?", None),
        ("Wrth ymuno, ydy pobl yn cael gwybod beth y gallan nhw ei roi a'i gael?", None),
        ("A yw'r gwasanaeth yn cwrdd â phobl eraill?", None),
        ("I ba raddau y mae'r gwasanaeth yn gwirio a yw'r cryfderau'n tyfu?", None),
    ],
)  # fmt: skip
def test_the_welsh_double_question_rule(question, two):
    assert asks_two_things_in_welsh(question) == two


def test_easy_read_welsh_keeps_to_short_sentences_and_the_worst_are_printed(cat, capsys):
    """Every Easy Read Welsh text (questions, levels, scale labels and meanings, the principles' and depths'
    meanings, the grid, the ladder) keeps Easy Read's sentence length, as Easy Read English does (textstat's
    grades are for English, so only the length is measured)."""
    fw = cat.framework
    labels = [(f"scale {s.value} label", s.label) for s in fw.scale]
    rows = []
    for where, text in [*labels, *((w, t) for w, _kind, t in texts(fw, cat.ladder))]:
        for sentence in sentences(text.get("cy-easy")):  # type: ignore[attr-defined]
            rows.append((len(sentence.split()), where, sentence))
    rows.sort(reverse=True)
    with capsys.disabled():
        worst = "\n".join(f"  {n:2d} words  {where}: {sentence}" for n, where, sentence in rows[:3])
        print("\nEasy Read Welsh, the longest sentences:\n" + worst)
    long = [f"{where}: {n} words: {sentence}" for n, where, sentence in rows if n > EASY_WORDS]
    assert not long, "\n".join(long)


def test_no_question_asks_two_things_in_any_welsh_variant(cat):
    double = [
        f"{q.id} {variant}: {why!r} in {q.wording(variant)}"
        for q in cat.framework.questions
        for variant in ("cy", "cy-easy")
        if (why := asks_two_things_in_welsh(q.wording(variant)))
    ]
    assert not double, "\n".join(double)
