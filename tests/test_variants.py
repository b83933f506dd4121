"""Wordings by variant (en, en-plain, en-easy, cy): one layer in the data, checked on load, pooled by id."""

from __future__ import annotations

import pickle
import re

import pytest
import yaml

from coprotool.catalogue import Catalogue
from coprotool.errors import DataError
from coprotool.wording import VARIANTS, Text, text, variant_for


def test_a_text_picks_its_variant_and_falls_back_within_its_language():
    t = Text({"en": "Standard", "en-plain": "Plain", "cy": "Cymraeg"})
    assert t == "Standard"  # code that knows nothing of variants sees the standard English
    assert [t.get(v) for v in VARIANTS] == ["Standard", "Plain", "Plain", "Cymraeg", "Cymraeg"]
    assert text(t, "en-easy") == "Plain"
    assert text("just a string", "cy") == "just a string"
    assert t.all == ("Standard", "Plain", "Cymraeg")
    assert pickle.loads(pickle.dumps(t)).get("cy") == "Cymraeg"


@pytest.mark.parametrize(
    ("lang", "easy", "plain", "variant"),
    [("en", False, False, "en"), ("en", False, True, "en-plain"), ("en", True, False, "en-easy"),
     ("cy", False, False, "cy"), ("cy", True, False, "cy-easy"), ("cy", False, True, "cy")],
)  # fmt: skip
def test_variant_for_a_language_and_a_reading_level(lang, easy, plain, variant):
    assert variant_for(lang, easy=easy, plain=plain) == variant


def _principles(data_copy):
    path = data_copy / "principles.yaml"
    return path, yaml.safe_load(path.read_text())


def _load(data_copy, data):
    (data_copy / "principles.yaml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return Catalogue(data_copy).framework


def test_a_question_level_scale_and_depth_text_may_give_variants(data_copy):
    _, data = _principles(data_copy)
    data["variants"] = ["en"]  # the texts below give only some wordings
    q = data["principles"][0]["questions"][0]
    q["text"] = {
        "en": "How far does the service build on strengths?",
        "en-easy": "Does the service use what people can do?",
    }
    q["former_text"] = ["An older wording of the strengths question?", "A still older wording?"]
    data["principles"][0]["levels"][2] = {"en": "Mostly there.", "cy": "Yn bennaf."}
    data["scale"][0]["label"] = {"en": "Not yet", "cy": "Dim eto"}
    data["depth_levels"][0]["meaning"] = {"en": "A label only.", "en-easy": "Just a name."}
    fw = _load(data_copy, data)
    question = fw.questions[0]
    assert question.wording("en-easy") == "Does the service use what people can do?"
    assert question.wording("en-plain") == question.text == "How far does the service build on strengths?"
    assert question.former == ("An older wording of the strengths question?", "A still older wording?")
    assert fw.principles[0].level(2, "cy") == "Yn bennaf."
    assert fw.label(0, "cy") == "Dim eto"
    assert fw.depth_levels[0].meaning.get("en-easy") == "Just a name."


def _easy(data: dict, n: int) -> str:
    return data["principles"][0]["questions"][n]["text"]["en-easy"]


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda d: d["principles"][0]["questions"][0].update(text={"en": "Q?", "en_easy": "Q?"}),
         "principles[0].questions[0].text.en_easy", "did you mean 'en-easy'?"),
        (lambda d: d["principles"][0]["questions"][0].update(text={"cy": "Cwestiwn?"}),
         "principles[0].questions[0].text", "standard English under 'en:'"),
        (lambda d: d["principles"][0]["questions"][0].update(text={"en": "Q?", "cy": ""}),
         "principles[0].questions[0].text.cy", "should be non-empty text"),
        (lambda d: d["principles"][0]["questions"][0].update(text=["Q?"]),
         "principles[0].questions[0].text", "a mapping of wordings by variant"),
        (lambda d: d.update(variants=["en", "cy"], scale=[{**d["scale"][0], "label": "Not yet"}, *d["scale"][1:]]),
         "scale[0].label", "add its 'cy' wording under 'cy:'"),
        (lambda d: d.update(variants=["cy", "en"]), "variants", "list 'en' first"),
        (lambda d: d["credits"].pop("translation"), "credits.translation", "add a 'translation' field"),
        (lambda d: d["credits"].update(translation="By us."), "credits.translation", "add its 'cy' wording"),
        (lambda d: d.update(variants=["en", "fr"]), "variants[1]", "not one of the known values"),
        (lambda d: d["principles"][0]["questions"][1].update(former_text=[_easy(d, 0)]),
         "questions assets.1 and assets.2", "word each question in its own way"),
    ],
)  # fmt: skip
def test_a_bad_wording_is_named_with_its_file_field_and_fix(data_copy, change, field, words):
    _, data = _principles(data_copy)
    change(data)
    with pytest.raises(DataError) as caught:
        _load(data_copy, data)
    message = str(caught.value)
    assert "principles.yaml" in message
    assert field in message
    assert words in message


def _strip_to(data: dict, variants: tuple[str, ...]) -> None:
    """Keep only `variants` in every text of `data` (for a catalogue that declares fewer)."""

    def walk(node):
        if isinstance(node, dict):
            if "en" in node and all(k in VARIANTS for k in node):
                return {k: v for k, v in node.items() if k in variants}
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(x) for x in node]
        return node

    data.update(walk(data))


def test_a_catalogue_that_ships_a_variant_must_give_it_for_every_sentence(cat, data_copy):
    shipped = cat.framework.variants
    _, data = _principles(data_copy)
    for variant in shipped[1:]:
        fewer = dict(data)
        _strip_to(fewer, tuple(v for v in shipped if v != variant))
        with pytest.raises(DataError, match=re.escape(f"has no {variant!r} wording")):
            _load(data_copy, fewer)


def test_a_survey_in_any_wording_pools_by_question_id(invoke, tmp_path, cat):
    fw = cat.framework
    variants = [*fw.variants, "former"]
    rows = []
    for i, variant in enumerate(variants):
        header = [
            (q.former[0] if q.former else q.text) if variant == "former" else q.wording(variant) for q in fw.questions
        ]
        path = tmp_path / f"survey-{i}.csv"
        cells = ['"' + h.replace('"', '""') + '"' for h in header]
        path.write_text(",".join(cells) + "\n" + ",".join(["2"] * len(header)) + "\n", encoding="utf-8")
        result = invoke("score", path, "--format", "json")
        assert result.exit_code == 0, (variant, result.output)
        rows.append(result.stdout)
    assert all(r == rows[0] for r in rows), "the same answers score the same whatever the wording"


def test_the_shipped_catalogue_speaks_welsh_in_every_text_it_shows(cat):
    fw = cat.framework
    assert fw.languages == ("en", "cy")
    shown = [*(s.label for s in fw.scale), *(s.meaning for s in fw.scale), *(d.name for d in fw.depth_levels)]
    shown += [d.meaning for d in fw.depth_levels] + [d.explanation for d in fw.depth_levels]
    for p in fw.principles:
        shown += [
            p.name,
            p.meaning,
            *p.levels,
            *(q.text for q in p.questions),
            *(q.hint for q in p.questions if q.hint),
            p.explanation,
        ]
    for t in shown:
        assert "cy" in t.variants and t.get("cy") != t, t  # given, and not the English copied across
    assert "first-language Welsh speaker" in fw.credits.translation
    assert "siaradwr Cymraeg iaith gyntaf" in fw.credits.translation.get("cy")
    welsh = " ".join(q.wording("cy") for q in fw.questions)
    assert welsh.count("I ba raddau") >= 18  # "how far": the questions are asked in Welsh


# -- the grid and the ladder: the same wording layer, the same checks on load -------------------------
def _grid(d: dict) -> dict:
    return d["grid"]


@pytest.mark.parametrize(
    ("file", "change", "field", "words"),
    [
        ("principles.yaml", lambda d: _grid(d)["cells"][0]["meaning"].pop("en-plain"),
         "grid.cells[0].meaning", "add its 'en-plain' wording under 'en-plain:'"),
        ("principles.yaml", lambda d: _grid(d)["cells"][3].update(name="Co-produced"),
         "grid.cells[3].name", "add its 'cy' wording under 'cy:'"),
        ("principles.yaml", lambda d: _grid(d)["plan"]["choices"][1].update(label="Professionals and people together"),
         "grid.plan.choices[1].label", "add its 'cy' wording under 'cy:'"),
        ("principles.yaml", lambda d: _grid(d)["deliver"]["question"].update(cy=""),
         "grid.deliver.question.cy", "should be non-empty text"),
        ("principles.yaml", lambda d: _grid(d)["positions"][2]["note"].update({"cy_easy": "Dim enw."}),
         "grid.positions[2].note.cy_easy", "did you mean 'cy-easy'?"),
        ("principles.yaml", lambda d: _grid(d)["positions"][5]["meaning"].pop("cy-easy"),
         "grid.positions[5].meaning", "add its 'cy-easy' wording under 'cy-easy:'"),
        ("principles.yaml", lambda d: _grid(d)["positions"][2].update(name={"cy": "Enw"}),
         "grid.positions[2].name", "add its standard English under 'en:'"),
        ("principles.yaml", lambda d: _grid(d)["cells"][0].update(id="traditionall"),
         "grid.cells[0].id", "did you mean 'traditional'?"),
        ("ladder.yaml", lambda d: d["rungs"][0].update(name="Coercion"),
         "rungs[0].name", "add its 'cy' wording under 'cy:'"),
        ("ladder.yaml", lambda d: d["rungs"][2]["meaning"].update({"en-easy": "  "}),
         "rungs[2].meaning.en-easy", "should be non-empty text"),
        ("ladder.yaml", lambda d: d["rungs"][6]["meaning"].pop("cy-easy"),
         "rungs[6].meaning", "add its 'cy-easy' wording under 'cy-easy:'"),
        ("ladder.yaml", lambda d: d["rungs"][4]["group"].pop("cy"),
         "rungs[4].group", "add its 'cy' wording under 'cy:'"),
        ("ladder.yaml", lambda d: d["advice"].update(welsh="Dechreuwch ar y brig."),
         "advice.welsh", "use one of: en, en-plain, en-easy, cy, cy-easy"),
        ("ladder.yaml", lambda d: d.update(placement={"cy": "Barn yr ystafell."}),
         "placement", "add its standard English under 'en:'"),
        ("ladder.yaml", lambda d: d["aspects"].__setitem__(1, "Delivery"),
         "aspects[1]", "add its 'cy' wording under 'cy:'"),
        ("ladder.yaml", lambda d: d["title"].update(cy=["Ysgol"]),
         "title.cy", "should be non-empty text"),
        ("ladder.yaml", lambda d: d["rungs"][3].update(id="consulting"),
         "rungs", "use the ids coercion, educating, informing, consultation"),
    ],
)  # fmt: skip
def test_a_bad_grid_or_ladder_wording_is_named_with_its_file_field_and_fix(data_copy, file, change, field, words):
    path = data_copy / file
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        Catalogue(data_copy).validate()
    message = str(caught.value)
    assert file in message
    assert f"'{field}'" in message
    assert words in message


def test_the_grid_and_the_ladder_give_every_shipped_variant(cat):
    """Every grid and ladder text a person reads: names in each language, sentences in every variant, each
    variant its own wording (the Welsh not the English copied across)."""
    fw, ladder = cat.framework, cat.ladder
    grid = fw.grid
    names = [c.label for q in (grid.plan, grid.deliver) for c in q.choices]
    names += [c.name for c in grid.cells] + [p.name for p in grid.positions if p.name]
    names += [ladder.title, *ladder.aspects, *(r.name for r in ladder.rungs), *(r.group for r in ladder.rungs)]
    sentences = [grid.plan.question, grid.deliver.question, *(c.meaning for c in grid.cells)]
    sentences += [x for p in grid.positions for x in (p.meaning, p.note) if x]
    sentences += [ladder.advice, ladder.placement, *(r.meaning for r in ladder.rungs)]
    for t in names:
        assert set(fw.languages) <= set(t.variants) and t.get("cy") != t, t
    for t in sentences:
        assert set(fw.variants) <= set(t.variants), t
        assert t.get("cy") != t and t.get("en-easy") != t and t.get("cy-easy") != t.get("cy"), t
    for credit in (ladder.credit, ladder.wording, ladder.discussed_in, fw.credits.grid):
        assert "cy" in credit.variants  # the credits may be Welsh too; they need only English
    for lang in fw.languages:  # who translated, awaiting review: it covers the ladder's file too
        assert "data/ladder.yaml" in fw.credits.translation.get(lang)


def test_an_english_only_catalogue_keeps_plain_strings_for_the_grid_and_the_ladder(data_copy):
    """A catalogue that declares only English may write every grid and ladder text as a plain string."""
    for name in ("principles.yaml", "ladder.yaml"):
        path = data_copy / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        _strip_to(data, ("en",))
        if name == "principles.yaml":
            data["variants"] = ["en"]
        flat = {k: (v["en"] if isinstance(v, dict) and set(v) == {"en"} else v) for k, v in data.items()}
        path.write_text(yaml.safe_dump(flat, sort_keys=False, allow_unicode=True), encoding="utf-8")
    cat = Catalogue(data_copy)
    cat.validate()
    assert cat.ladder.rungs[0].name.get("cy") == "Coercion"  # no Welsh given: the standard English stands
    assert cat.framework.grid.cells[0].meaning.variants.keys() == {"en"}
