"""The look-ups (show, list, principles, questions, resources, ladder) and the ladder step of `assess` in
Welsh: every word of their own in Welsh with --lang cy, Welsh then English with both, the catalogue's texts in
its Welsh wording, case studies in English saying so in Welsh, and JSON and YAML the same in every language."""

from __future__ import annotations

import json

import pytest

from coprotool.wording import text

# (command line, Welsh that must show, English that was translated and must not)
WELSH = [
    (
        ("show", "shared-lives"),
        ["Lleoliad", "Dyfnder", "Geiriau allweddol", "Egwyddor", "Sgôr", "Crynodeb", "Beth all eraill ei ddysgu"],
        [
            *("Where ", "Keywords", "Summary", "What others can learn", "Rating", "Evidence of impact", "Source:"),
            *("Facts, figures", "The 0-3 ratings", "coprotool's own wording"),  # the credits, in their Welsh wording
        ],
    ),
    (
        ("show", "sun"),
        ["canolradd, yn symud tuag at y dyfnder trawsnewidiol", "Mae pob segment yn tyfu gyda’i lefel"],
        ["Each segment grows", "Depth "],
    ),
    (
        ("show", "assets"),
        ["Asedau", "Sut olwg sydd ar bob lefel (ein geiriau ni)", "Cwestiynau ar gyfer gweithdy", "Ffynhonnell:"],
        ["What each level looks like", "Questions for a workshop", "An example", "Source:"],
    ),
    (
        ("list",),
        ["Astudiaeth achos", "Lletem", "Dyfnder", "20 astudiaeth achos", "Cryfder:", "trawsnewidiol", "Darlleniad"],
        ["Case study", "Wedge:", "case studies", "Strength:", "transformative", "The 0-3 ratings"],
    ),
    (("list", "--long"), ["Geiriau allweddol"], ["Keywords"]),
    (
        ("principles",),
        ["Atebwch bob cwestiwn ar y raddfa", "Dim eto", "Galluoedd", "y cwestiynau dysgu allweddol"],
        ["Answer each question on the scale", "Not yet", "critical learning questions"],
    ),
    (("questions",), ["Atebwch bob cwestiwn ar y raddfa"], ["Answer each question"]),
    (
        ("resources", "--kind", "research"),
        ["Adnodd", "Math", "Beth ydyw", "ymchwil", "adnodd.", "Mae’r adnoddau’n Saesneg yn unig"],
        ["Resource ", "Kind", "What it is", "resources."],
    ),
    (("ladder",), ["y gris uchaf yn gyntaf", "Sut i’w defnyddio"], ["top rung first", "Using it"]),
]


def _flat(out: str) -> str:
    return " ".join(out.split())


@pytest.mark.parametrize(("args", "welsh", "english"), WELSH, ids=[" ".join(w[0]) for w in WELSH])
def test_each_look_up_speaks_welsh(invoke, args, welsh, english):
    done = invoke(*args, "--lang", "cy")
    assert done.exit_code == 0, done.output
    shown = _flat(done.stdout)
    assert [w for w in welsh if w not in shown] == []
    assert [w for w in english if w in shown] == []


def test_the_catalogue_texts_come_in_their_welsh_wording(invoke, cat):
    fw = cat.framework
    p = fw.principle("blur_roles")
    shown = _flat(invoke("show", "blur roles", "--lang", "cy").stdout)
    for wording in (p.name.get("cy"), p.meaning.get("cy"), p.levels[2].get("cy"), p.questions[0].wording("cy")):
        assert _flat(wording) in shown
    assert _flat(p.example.text.get("cy")) in shown and f"({p.colour_name.get('cy')})" in shown
    assert "Enghraifft (yn Saesneg)" not in shown and _flat(p.example.text) not in shown
    assert _flat(p.questions[0].wording("en")) not in shown
    everything = _flat(invoke("questions", "--lang", "cy").stdout)
    assert all(_flat(q.wording("cy")) in everything for q in fw.questions)
    assert all(f"{s.value} = {s.label.get('cy')}" in everything for s in fw.scale)
    ladder = cat.ladder
    rungs = _flat(invoke("ladder", "--lang", "cy").stdout)
    assert all(_flat(text(r.name, "cy")) in rungs and _flat(text(r.meaning, "cy")) in rungs for r in ladder.rungs)


def test_a_case_study_stays_in_english_and_says_so_in_welsh_at_the_top(invoke, cat):
    sun = cat.case_study("sun")
    out = invoke("show", "sun", "--lang", "cy").stdout
    first = _flat(out.split("\n\n")[0])
    assert (
        first
        == "Mae’r astudiaeth achos hon yn Saesneg yn unig: dydy astudiaethau achos y catalog ddim wedi’u cyfieithu."
    )
    assert _flat(sun.summary) in _flat(out)  # the case study itself, as the catalogue has it
    english = invoke("show", "sun").stdout
    assert "Saesneg" not in english and english.startswith("2. Service User Network")


@pytest.mark.parametrize(
    "args",
    [
        ("show", "shared-lives"),
        ("show", "networks"),
        ("list", "-p", "networks", "--min", "3"),
        ("principles",),
        ("questions",),
        ("resources",),
        ("ladder",),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_json_and_yaml_are_the_same_bytes_in_every_language(invoke, args, fmt):
    shown = {lang: invoke(*args, "--format", fmt, "--lang", lang).stdout for lang in ("en", "cy", "both")}
    assert shown["cy"] == shown["en"] == shown["both"] == invoke(*args, "--format", fmt).stdout


@pytest.mark.parametrize(
    ("args", "welsh", "english"),
    [
        (("show", "shared-lives"), "Crynodeb", "Summary"),
        (("show", "mutuality"), "Cwestiynau ar gyfer gweithdy", "Questions for a workshop"),
        (("list",), "astudiaeth achos;", "case studies;"),
        (("principles",), "Atebwch bob cwestiwn", "Answer each question"),
        (("resources",), "Beth ydyw", "What it is"),
        (("ladder",), "Sut i’w defnyddio", "Using it"),
    ],
)
def test_both_shows_welsh_then_english(invoke, args, welsh, english):
    out = invoke(*args, "--lang", "both").stdout
    assert welsh in out and english in out
    assert out.index(welsh) < out.index(english)
    assert out.count(welsh) == 1 and out.count(english) == 1  # each page once in each language


def test_the_language_can_be_set_once_for_every_look_up(invoke):
    done = invoke("list", env={"COPROTOOL_LANG": "cy"})
    assert "20 astudiaeth achos" in done.stdout
    assert "20 case studies" in invoke("list", "--lang", "en", env={"COPROTOOL_LANG": "cy"}).stdout


@pytest.mark.parametrize(
    ("args", "welsh"),
    [
        (("show", "nobody-here"), "Does dim astudiaeth achos nac egwyddor o’r enw ‘nobody-here’; mae ‘coprotool list’"),
        (
            ("show", "shared-lifes"),
            "Does dim astudiaeth achos nac egwyddor o’r enw ‘shared-lifes’; oeddech chi’n golygu",
        ),
        (("show", "health"), "Gallai ‘health’ olygu sawl cofnod:"),
        (("show", " "), "Rhowch enw astudiaeth achos neu egwyddor"),
        (("show", "assets", "--svg", "w.svg"), "Mae --svg yn tynnu lletem astudiaeth achos, ac egwyddor yw ‘assets’."),
        (("list", "-k", "pear"), "Dydy ‘pear’ ddim yn air allweddol yn y catalog hwn"),
        (("list", "-p", "kindness"), "Dydy ‘kindness’ ddim yn egwyddor; defnyddiwch un o’r rhain: assets,"),
        (("list", "--depth", "deep"), "Dydy ‘deep’ ddim yn ddyfnder; defnyddiwch descriptive"),
        (("resources", "--kind", "book"), "Dydy ‘book’ ddim yn fath o adnodd; defnyddiwch research, guidance,"),
    ],
)
def test_mistakes_are_told_in_welsh_on_standard_error(invoke, args, welsh):
    for lang in ("cy", "both"):  # messages are in the first language only
        done = invoke(*args, "--lang", lang)
        assert done.exit_code != 0 and done.stdout == ""
        said = _flat(done.stderr)
        assert said.startswith("coprotool: ") and welsh in said, said
        assert not any(w in said for w in ("No case study", "could mean", "is not a", "Give the name", "draws"))


def test_did_you_mean_joins_the_names_with_neu(invoke):
    said = _flat(invoke("show", "asets", "--lang", "cy").stderr)
    assert said.endswith("o’r enw ‘asets’; oeddech chi’n golygu 'assets' neu 'fast'?")
    english = _flat(invoke("show", "asets").stderr)
    assert english == "coprotool: No case study or principle is called 'asets'; did you mean 'assets' or 'fast'?"


@pytest.mark.parametrize(
    ("args", "one_cy", "one_en"),
    [
        (("list", "-k", "group coaching"), "1 astudiaeth achos;", "1 case study;"),
        (("resources", "-k", "group coaching"), "1 adnodd.", "1 resource."),
    ],
)
def test_counts_are_counted_in_each_language(invoke, args, one_cy, one_en):
    welsh, english = invoke(*args, "--lang", "cy").stdout, invoke(*args).stdout
    assert one_cy in welsh and one_en in english
    assert one_en not in welsh


def test_the_wedge_svg_of_a_case_study_in_welsh(invoke, tmp_path, cat):
    out = tmp_path / "sun.svg"
    done = invoke("show", "sun", "--svg", out, "--lang", "cy")
    assert done.exit_code == 0, done.output
    svg = out.read_text(encoding="utf-8")
    assert "Service User Network: lletem cydgynhyrchu" in svg
    assert all(p.name.get("cy") in svg for p in cat.framework.principles)
    assert _flat(done.stderr).startswith("Ysgrifennwyd y lletem i ") and done.stderr.strip().endswith("sun.svg")
    english = tmp_path / "en.svg"
    invoke("show", "sun", "--svg", english)
    assert "Service User Network: co-production wedge" in english.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["show", "list", "principles", "questions", "resources", "ladder"])
def test_every_look_up_offers_the_same_three_languages(invoke, command):
    assert "--lang en|cy|both" in _flat(invoke(command, "--help").stdout)


# -- the ladder step of `assess` in Welsh -----------------------------------------------------------
def _lines(cat, *ladder: str) -> str:
    """Name, keywords, 2 at every question and grid step, Enter at each note; then the ladder replies."""
    from coprotool.session import NoteStep, steps_for

    steps = ["" if isinstance(s, NoteStep) else "2" for s in steps_for(cat.framework)]
    return "\n".join(["Svc", "", *steps, *ladder]) + "\n"


def test_the_ladder_step_asks_in_welsh(invoke, cat, tmp_path):
    ladder = cat.ladder
    top = ladder.rungs[-1]
    save = tmp_path / "r.json"
    replies = ("?", "9", "1", "nine", "3", "5", "", "Mae’r gyllideb wedi’i phennu", "4", "2", "", "")
    done = invoke("assess", "--lang", "cy", "--save", save, input=_lines(cat, *replies))
    assert done.exit_code == 0, done.output
    out = _flat(done.output)
    planning = text(ladder.aspects[0], "cy")
    for said in (
        f"{text(ladder.title, 'cy')} (dewisol: Enter yn neidio; ? yn dangos ystyr pob gris)",
        "Ble mae’r gwaith ar yr ysgol?",
        f"Rhannau o’r gwaith: 1 {planning},",
        "4 y gwaith cyfan; neu enwch un.",
        "Pa ran o’r gwaith yn gyntaf? 1-4 neu enw (Enter yn neidio)> ",
        "Dydy 9 ddim yn un o’r rhifau a gynigiwyd. Teipiwch rif o 1 i 4 neu enw.",
        f"Ble mae {planning} ar yr ysgol nawr? 1-7 neu enw> ",
        "Dydy ‘nine’ ddim yn ris ar yr ysgol. Teipiwch rif o 1 i 7 neu enw gris.",
        f"Ble dylai {planning} fod? [Enter yn cadw 7 {text(top.name, 'cy')}, y gris uchaf]> ",
        f"Pam dylai {planning} fod yn is na’r gris uchaf, {text(top.name, 'cy')}? > ",
        "Dim ond am reswm a nodir y mae’r ysgol yn camu i lawr: teipiwch ef, neu b i ddewis gris arall.",
        "Rhan arall o’r gwaith? 1-4 neu enw (Enter yn gorffen)> ",
        "Ble mae’r gwaith cyfan ar yr ysgol nawr? 1-7 neu enw> ",
        "Ble dylai’r gwaith cyfan fod?",
        _flat(text(ladder.placement, "cy")),
    ):
        assert _flat(said) in out, said
    for english in ("Where does", "Which part", "Another part", "is not a rung", "Type a number", "Parts of the work"):
        assert english not in out
    assert f"{text(top.name, 'cy')} " in out  # ? showed the whole ladder, in Welsh
    data = json.loads(save.read_text())
    assert data["ladder"] == [  # saved by id and by the catalogue's English name, whatever the language shown
        {"aspect": "Planning", "now": "informing", "should": "engagement", "reason": "Mae’r gyllideb wedi’i phennu"},
        {"aspect": None, "now": "educating", "should": "co-production", "reason": None},
    ]


# -- data-file errors in the run's language -----------------------------------------------------------
def _principles_yaml(data_copy, change):
    path = data_copy / "principles.yaml"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "welsh", "english"),
    [
        (
            lambda t: t.replace("version:", "colour_scheme: bright\nversion:", 1),
            "maes 'colour_scheme': nid yw’n faes hysbys; tynnwch ef neu cywirwch ei enw (y rhai hysbys:",
            "field 'colour_scheme': is not a known field; remove it or correct its name (known:",
        ),
        (
            lambda t: t.replace('version: "2012.1"', 'version: "2012.1"\nversion: "2012.2"', 1),
            "llinell 6: mae’r allwedd 'version' yn ymddangos ddwywaith yn yr un mapio; cadwch un ohonyn nhw.",
            "line 6: the key 'version' appears twice in the same mapping; keep one of them.",
        ),
        (
            lambda t: t.replace('colour: "#E69F00"', "colour: orange", 1),
            "maes 'principles[0].colour': mae’n 'orange', nid lliw; ysgrifennwch ef ar y ffurf #RRGGBB.",
            "field 'principles[0].colour': is 'orange', not a colour; write it as #RRGGBB.",
        ),
        (
            lambda t: t.replace("      cy: Dim eto\n", "      cy: Dim eto\n      fr: Pas encore\n", 1),
            "maes 'scale[0].label.fr': mae’n enwi’r amrywiad 'fr'; defnyddiwch un o’r rhain: en, en-plain,",
            "field 'scale[0].label.fr': names the variant 'fr'; use one of: en, en-plain,",
        ),
        (
            lambda t: "",
            "principles.yaml: mae’n wag; llenwch hi, neu rhowch ffeil arall.",
            "principles.yaml: is empty; fill it in, or give another file.",
        ),
        (
            lambda t: t.replace("- id: assets.2", "- id: assets.5", 1),
            "questions[1].id': mae’n 'assets.5'; rhifwch y cwestiynau yn eu trefn: hwn yw 'assets.2'.",
            "questions[1].id': is 'assets.5'; number the questions in order: this one is 'assets.2'.",
        ),
        (
            lambda t: t.replace("  - id: capabilities\n", "  - id: capability\n", 1),
            "maes 'principles': mae’n rhestru ['assets', 'capability',",
            "field 'principles': lists ['assets', 'capability',",
        ),
    ],
    ids=["unknown field", "key twice", "colour", "variant", "empty", "question id", "principle ids"],
)
def test_a_broken_catalogue_is_explained_in_the_runs_language(invoke, data_copy, change, welsh, english):
    _principles_yaml(data_copy, change)
    said = {lang: _flat(invoke("principles", "--data-dir", data_copy, "--lang", lang).stderr) for lang in ("cy", "en")}
    assert welsh in said["cy"] and english not in said["cy"], said["cy"]
    assert english in said["en"], said["en"]


@pytest.mark.parametrize(
    ("text", "welsh"),
    [
        ("answers: {assets.1: 2\n", "llinell 2, colofn 1:"),  # the parser's own words follow, as it gives them
        ("answers: &a {assets.1: 2}\n", "llinell 1: mae’n defnyddio angorau ac arallenwau YAML (& a *)"),
        ("answers: !!python/object {}\n", "does dim hawl i dagiau YAML fel '!!python/object'"),
        ("---\nanswers: {}\n---\nanswers: {}\n", "mae’n dal mwy nag un ddogfen YAML (ail '---'); cadwch un ddogfen"),
        (
            "answers: " + "[" * 60 + "]" * 60 + "\n",
            "llinell 1: mae rhestrau a mapiau wedi’u nythu’n ddyfnach na 50 lefel",
        ),
        ("answers: {assets.9: 2}\n", "maes 'answers.assets.9': nid yw’n gwestiwn yn y catalog hwn; oeddech chi’n"),
        ("votes: {assets.1: []}\n", "maes 'votes.assets.1': dylai fod yn rhestr o bleidleisiau fel [2, 3, 3, 1]."),
        ("ladder: [{now: informing, should: engagement}]\n", "mae’n gosod y gwaith yn is na co-production heb reswm"),
        ("format_version: 99\n", "mae’n 99, yn fwy newydd nag y mae’r coprotool hwn yn ei ddarllen"),
    ],
)
def test_a_broken_answers_file_is_explained_in_welsh(invoke, tmp_path, text, welsh):
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    done = invoke("assess", "--answers", path, "--lang", "cy")
    assert done.exit_code != 0
    said = _flat(done.stderr)
    assert welsh in said and "line " not in said, said


def test_a_file_that_is_not_utf8_is_explained_in_welsh(invoke, tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_bytes(b"service: Caf\xe9\n")
    said = _flat(invoke("assess", "--answers", path, "--lang", "cy").stderr)
    assert "nid yw’n destun UTF-8 (beit 0xe9 yn safle 12); cadwch hi fel UTF-8." in said


def test_a_workshops_help_gives_the_example_in_welsh(invoke, cat):
    first = cat.framework.principles[0]
    done = invoke("assess", "--quick", "--lang", "cy", input="Svc\n\n?\n" + "2\n" * 6 + "\n" * 4)
    shown = _flat(done.output)
    assert "Er enghraifft: " + _flat(first.example.text.get("cy")) in shown
    assert _flat(first.example.text) not in shown


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("show", "Cymylu rolau", "--format", "json"), "blur_roles"),
        (("show", "rhwydweithiau", "--format", "json"), "networks"),
        (("show", "catalyddion", "--format", "json"), "catalysts"),
    ],
)
def test_a_principle_is_found_by_its_welsh_name(invoke, args, expected):
    done = invoke(*args)
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["id"] == expected


def test_list_and_resources_take_a_principle_by_its_welsh_name(invoke):
    for command in (("list", "--min", "3"), ("resources",)):
        welsh = invoke(*command, "-p", "Rhwydweithiau", "--format", "json").stdout
        assert welsh == invoke(*command, "-p", "networks", "--format", "json").stdout and json.loads(welsh)


@pytest.mark.parametrize("pid", ["assets", "capabilities", "mutuality", "networks", "blur_roles", "catalysts"])
def test_every_principle_page_names_its_colour_in_welsh(invoke, cat, pid):
    colour = cat.framework.principle(pid).colour_name
    assert colour.has("cy") and colour.get("cy") != colour, pid  # the shipped data gives each colour in Welsh
    first = invoke("show", pid, "--lang", "cy").stdout.splitlines()[0]
    assert f"({colour.get('cy')})" in first and f"({colour})" not in first


def test_the_placements_so_far_are_summed_up_in_welsh(cat):
    from coprotool import i18n
    from coprotool.assessment import Placement
    from coprotool.view import placement_summary

    ladder = cat.ladder
    placed = [
        Placement("consultation", "co-design", "Mae’r gyllideb wedi’i phennu", "Planning"),
        Placement("informing", "co-production", None, None),
    ]
    with i18n.using("cy"):
        said = placement_summary(ladder, placed, "cy")
    planning, now, should = (
        text(ladder.aspects[0], "cy"),
        text(ladder.rung("consultation").name, "cy"),
        text(ladder.rung("co-design").name, "cy"),
    )
    assert said.startswith(f"{planning} – lle mae nawr: {now}; lle dylai fod: {should} (Mae’r gyllideb wedi’i phennu).")
    assert "now" not in said and "should stand" not in said
    english = placement_summary(ladder, placed)
    assert english.startswith("Planning: now Consultation; should stand at Co-design (Mae’r gyllideb wedi’i phennu).")
