"""The shipped catalogue is complete and consistent; every validation rule is broken once."""

from __future__ import annotations

import pytest
import yaml

import provenance
from coprotool.catalogue import Catalogue
from coprotool.errors import DataError
from coprotool.model import DEPTH_IDS, PRINCIPLE_IDS
from coprotool.scoring import depth_id

EXPECTED_ALIASES = [
    "RUILS",
    "SUN",
    "LAC",
    "NFP",
    "POPPs",
    "FAST",
    "HHPA",
    "HCCT",
    "Flexicare",
    "RooP",
    "LRPT",
    "BHTSP",
    "REC",
    "CDSM",
    "SL+",
]


def test_twenty_case_studies_numbered_1_to_20(cat):
    assert [c.number for c in cat.case_studies] == list(range(1, 21))
    assert "shared-lives" in cat.slugs and "keyring" in cat.slugs


def test_acronyms_people_use_are_aliases(cat):
    aliases = {a for c in cat.case_studies for a in c.aliases} | {c.slug for c in cat.case_studies}
    for alias in EXPECTED_ALIASES:
        assert alias in aliases or alias.lower() in aliases, alias
    assert cat.case_study("ecdp").name.lower().startswith("ecdp")


def test_every_case_study_is_rated_on_all_six_principles_with_reasons(cat):
    for c in cat.case_studies:
        assert list(c.ratings) == list(PRINCIPLE_IDS)
        for r in c.ratings.values():
            assert 0 <= r.score <= 3 and len(r.reason.split()) >= 2


def test_depth_rule_agrees_with_the_catalogue_for_every_stated_depth(cat):
    """The data records what the catalogue says; our rule, applied to our ratings, must land within it:
    at the stated depth, or between it and the depth the catalogue says it is moving towards."""
    stated = [c for c in cat.case_studies if c.depth is not None]
    assert len(stated) >= 10
    for c in stated:
        low = DEPTH_IDS.index(c.depth)
        high = DEPTH_IDS.index(c.moving_towards) if c.moving_towards else low
        assert low <= DEPTH_IDS.index(depth_id(c.scores)) <= high, c.slug


def test_stated_depths_are_known_values(cat):
    assert {c.depth for c in cat.case_studies} <= set(DEPTH_IDS) | {None}


@pytest.mark.parametrize(
    ("slug", "weaker", "stronger"),
    [
        # Where the text names a principle to develop, the ratings show it weaker.
        ("homeless-health-peer-advocacy", "networks", "assets"),
        ("waverley-care", "mutuality", "capabilities"),
        ("routes-out-of-prison", "networks", "blur_roles"),
        ("lrpt-health-trainers", "catalysts", "assets"),
        ("bradford-health-trainers", "blur_roles", "networks"),
        ("nurse-family-partnership", "networks", "capabilities"),
    ],
)
def test_ratings_follow_what_the_text_says_is_weaker(cat, slug, weaker, stronger):
    c = cat.case_study(slug)
    assert c.ratings[weaker].score < c.ratings[stronger].score


def test_keywords_are_spelled_one_way(cat):
    vocab = set(cat.framework.keywords)
    for c in cat.case_studies:
        assert set(c.keywords) <= vocab
    assert "Time Banking" in vocab and "Time Banks" not in vocab


def test_principles_have_questions_levels_and_an_example(cat):
    fw = cat.framework
    assert [p.id for p in fw.principles] == list(PRINCIPLE_IDS)
    assert [s.value for s in fw.scale] == [0, 1, 2, 3]
    for p in fw.principles:
        assert p.questions and p.questions[0].id == f"{p.id}.1"
        assert len(p.levels) == 4
        assert p.example.case_study in cat.slugs
    assert len(fw.grid.cells) == 6 and len(fw.grid.positions) == 9


def test_resources_cover_each_principle(cat):
    kinds = {r.kind for r in cat.resources}
    assert kinds == {"research", "guidance", "multimedia"}
    for pid in PRINCIPLE_IDS:
        assert sum(pid in r.principles for r in cat.resources) >= 2, pid


# -- validation: each rule broken once -------------------------------------------------------------
def _edit(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _set(*keys_value):
    *keys, value = keys_value

    def change(data):
        target = data
        for k in keys[:-1]:
            target = target[k]
        target[keys[-1]] = value

    return change


CASES = [
    # (file, change, words the message must contain)
    ("case_studies/sun.yaml", _set("colour_scheme", "red"), ["sun.yaml", "'colour_scheme'", "not a known field"]),
    ("case_studies/sun.yaml", _set("ratings", "assets", "score", 4), ["'ratings.assets.score'", "is 4", "0 to 3"]),
    ("case_studies/sun.yaml", _set("ratings", "assets", "score", "high"), ["'ratings.assets.score'", "whole number"]),
    (
        "case_studies/sun.yaml",
        lambda d: d["ratings"].update(assests={"score": 1, "reason": "x y"}),
        ["'ratings.assests'", "not a principle id"],
    ),
    ("case_studies/sun.yaml", lambda d: d["ratings"].pop("networks"), ["'ratings.networks'", "missing"]),
    ("case_studies/sun.yaml", _set("see_also", ["nowhere"]), ["'see_also[0]'", "'nowhere'"]),
    ("case_studies/sun.yaml", _set("see_also", ["sun"]), ["'see_also'", "itself"]),
    ("case_studies/ruils.yaml", _set("aliases", ["SUN"]), ["ruils.yaml", "'SUN' is already used by sun"]),
    ("case_studies/sun.yaml", _set("slug", "sun2"), ["'slug'", "file is named sun.yaml"]),
    ("case_studies/sun.yaml", _set("number", 1), ["'number'", "already used by"]),
    ("case_studies/sun.yaml", _set("keywords", ["Peer Suport"]), ["'keywords[0]'", "did you mean 'Peer Support'"]),
    ("case_studies/sun.yaml", _set("depth", "radical"), ["'depth'", "'radical'", "transformative"]),
    ("case_studies/sun.yaml", lambda d: d.pop("summary"), ["'summary'", "is missing"]),
    ("case_studies/sun.yaml", _set("summary", 42), ["'summary'", "non-empty text"]),
    ("principles.yaml", lambda d: d["principles"].reverse(), ["principles.yaml", "'principles'", "in this order"]),
    (
        "principles.yaml",
        _set("principles", 0, "questions", 1, "id", "assets.7"),
        ["'principles[0].questions[1].id'", "'assets.2'"],
    ),
    ("principles.yaml", _set("principles", 0, "colour", "orange"), ["'principles[0].colour'", "#RRGGBB"]),
    (
        "principles.yaml",
        _set("principles", 1, "example", "case_study", "atlantis"),
        ["'principles[1].example.case_study'"],
    ),
    ("principles.yaml", _set("principles", 2, "aliases", ["networks"]), ["name or alias 'networks' appears twice"]),
    ("principles.yaml", lambda d: d["scale"].reverse(), ["'scale[0].value'", "in order"]),
    ("principles.yaml", lambda d: d["grid"]["positions"].pop(), ["'grid.positions'", "nine"]),
    ("principles.yaml", lambda d: d["depth_levels"].pop(), ["'depth_levels'", "descriptive, intermediate"]),
    ("resources.yaml", _set("resources", 0, "kind", "book"), ["resources.yaml", "'resources[0].kind'", "'book'"]),
    ("resources.yaml", _set("resources", 0, "principles", ["love"]), ["'resources[0].principles[0]'", "'love'"]),
    ("resources.yaml", _set("resources", 0, "year", 12345), ["'resources[0].year'", "12345"]),
]


@pytest.mark.parametrize(("name", "change", "words"), CASES, ids=[f"{c[0]}:{'/'.join(c[2])[:40]}" for c in CASES])
def test_each_validation_rule_names_file_field_and_problem(data_copy, invoke, name, change, words):
    _edit(data_copy / name, change)
    with pytest.raises(DataError) as err:
        Catalogue(data_copy).validate()
    for w in words:
        assert w in str(err.value)
    result = (
        invoke("list", "--data-dir", data_copy)
        if name != "resources.yaml"
        else invoke("resources", "--data-dir", data_copy)
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("coprotool: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("slug: sun\nnumber: !!python/object/apply:os.system ['echo hacked']\n", ["YAML tags", "not allowed"]),
        ("slug: [unclosed\n", ["line", "fix the YAML syntax"]),
        ("", ["is empty"]),
        (
            "a: &a [1,2,3,4,5,6,7,8,9]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
            "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n",
            ["anchors and aliases"],
        ),
        ("- just\n- a list\n", ["should be a mapping"]),
    ],
)
def test_malformed_files_are_refused_in_one_sentence(data_copy, invoke, text, words):
    (data_copy / "case_studies" / "sun.yaml").write_text(text, encoding="utf-8")
    result = invoke("show", "sun", "--data-dir", data_copy)
    assert result.exit_code == 1
    for w in words:
        assert w in result.stderr
    assert "sun.yaml" in result.stderr


def test_not_utf8_and_folder_and_missing_files(data_copy, invoke):
    (data_copy / "case_studies" / "sun.yaml").write_bytes("name: caf\xe9\n".encode("cp1252"))
    result = invoke("show", "sun", "--data-dir", data_copy)
    assert result.exit_code == 1 and "not UTF-8" in result.stderr and "save it as UTF-8" in result.stderr
    (data_copy / "principles.yaml").unlink()
    result = invoke("list", "--data-dir", data_copy)
    assert result.exit_code == 1 and "principles.yaml: is missing" in result.stderr
    result = invoke("list", "--data-dir", data_copy / "nowhere")
    assert result.exit_code != 0 and "Traceback" not in result.output


def test_data_dir_loads_another_catalogue(data_copy, invoke):
    _edit(data_copy / "case_studies" / "sun.yaml", _set("name", "Sunny Network"))
    result = invoke("show", "sun", "--data-dir", data_copy, "--format", "json")
    assert result.exit_code == 0
    assert '"name": "Sunny Network"' in result.stdout


def test_parse_cache_is_used_and_notices_changes(data_copy, monkeypatch, tmp_path):
    monkeypatch.delenv("COPROTOOL_NO_CACHE")
    assert Catalogue(data_copy).case_study("sun").name.startswith("Service User")
    assert list((tmp_path / "cache" / "coprotool").glob("catalogue-*.json"))
    _edit(data_copy / "case_studies" / "sun.yaml", _set("name", "Changed Name For The Cache Test"))
    assert Catalogue(data_copy).case_study("sun").name == "Changed Name For The Cache Test"
    _edit(data_copy / "case_studies" / "sun.yaml", _set("ratings", "assets", "score", 9))
    with pytest.raises(DataError):  # cached or not, data is validated on every load
        Catalogue(data_copy).case_study("sun")


# -- faithful to the catalogue's text (issue 15): these run in every clone, on the short facts kept in
# tests/catalogue_facts.json (tests/provenance.py says what they are and writes them from the text).
FACTS = provenance.kept()


def test_the_kept_facts_are_the_catalogues_own():
    path = provenance.source()
    if path is None:  # a clone without the text beside it: the facts stand as kept, read from the right text
        assert FACTS["source"] == provenance.NAME and len(FACTS["source_sha256"]) == 64
        assert len(FACTS["case_studies"]) == 20 and len(FACTS["printed_figures"]) >= 100
        return
    text = path.read_text(encoding="utf-8")
    # On a difference: run `python tests/provenance.py` and commit tests/catalogue_facts.json.
    assert provenance.extract(text, provenance.data_figures()) == FACTS


def test_every_figure_is_kept_exactly_as_the_catalogue_prints_it(cat):
    printed = set(FACTS["printed_figures"])
    missing = [
        (c.slug, f.figure)
        for c in cat.case_studies
        for f in c.figures
        if provenance.figure_sum(f.figure) not in printed
    ]
    assert missing == []
    assert sum(len(c.figures) for c in cat.case_studies) >= 100


def test_every_link_comes_from_the_catalogue(cat):
    addresses = FACTS["addresses"]
    assert [
        (c.slug, link.url)
        for c in cat.case_studies
        for link in c.links
        if not any(link.url.rstrip("/") in a for a in addresses)
    ] == []


# Each "Then see also" list as the catalogue prints it (spelling slips included), and the slugs it means.
SEE_ALSO = {
    1: [("ecdip", "ecdp")],
    2: [("Richmond Users Independent Living Scheme", "ruils"), ("Flexicare HCCT", "flexicare")],
    3: [
        ("the Waverly Care Life Coaching Programme", "waverley-care"),
        ("Homeless Health Peer Advocates", "homeless-health-peer-advocacy"),
    ],
    4: [("Richmond Users Independent Living Scheme", "ruils")],
    5: [("KeyRing", "keyring"), ("LAC", "local-area-coordination")],
    6: [("Shared Lives", "shared-lives"), ("LAC", "local-area-coordination")],
    7: [("Shared Lives", "shared-lives"), ("KeyRing", "keyring")],
    8: [("LAC", "local-area-coordination"), ("FAST", "fast")],
    9: [("Comas Recovery Coaching", "comas-recovery-coaching"), ("flexicare", "flexicare")],
    10: [
        ("Nurse Family Partnerships", "nurse-family-partnership"),
        ("Comas Recovery Coaching", "comas-recovery-coaching"),
    ],
    11: [("Comas Recovery Coaching", "comas-recovery-coaching")],
    12: [("Richmond Users Independent Living Scheme", "ruils")],
    13: [("Skillnet", "skillnet")],
    14: [("KeyRing", "keyring"), ("Headway", "headway-east-london")],
    15: [
        ("Homeless Health Peer Advocates", "homeless-health-peer-advocacy"),
        ("RooP", "routes-out-of-prison"),
        ("Comas Recovery Coaching", "comas-recovery-coaching"),
    ],
    16: [
        ("Comas Recovery Coaching", "comas-recovery-coaching"),
        ("LRPT", "lrpt-health-trainers"),
        ("LAC", "local-area-coordination"),
    ],
    17: [
        ("Homeless Health Peer Advocates", "homeless-health-peer-advocacy"),
        ("Comas Recovery Coaching", "comas-recovery-coaching"),
    ],
    18: [("KeyRing", "keyring"), ("LRPT", "lrpt-health-trainers"), ("LAC", "local-area-coordination")],
    19: [
        ("SUN", "sun"),
        ("Comas Recovery Coaching", "comas-recovery-coaching"),
        ("Bradford Health Trainers", "bradford-health-trainers"),
    ],
    20: [
        ("The Recovery Education Centre", "recovery-education-centre"),
        ("Bradford Health Trainers", "bradford-health-trainers"),
    ],
}


@pytest.mark.parametrize("number", range(1, 21))
def test_see_also_is_exactly_the_catalogues_list(cat, number):
    import re

    rest = FACTS["case_studies"][str(number)]["see_also"]
    for printed, _slug in SEE_ALSO[number]:  # the table above is the text's list, nothing added or left out
        assert printed in rest, (number, printed)
        rest = rest.replace(printed, "", 1)
    assert re.sub(r"[\s\[\]\(\)#*,\\]|HHPA|NFPs", "", rest) == ""
    study = next(c for c in cat.case_studies if c.number == number)
    assert list(study.see_also) == [slug for _printed, slug in SEE_ALSO[number]]
    assert not set(study.related) & set(study.see_also)


def test_other_mentions_are_kept_apart_as_related(cat):
    assert cat.case_study("homeless-health-peer-advocacy").related == ("sun", "ecdp")
    assert cat.case_study("routes-out-of-prison").related == ("keyring",)
    assert cat.case_study("lrpt-health-trainers").related == ("keyring", "local-area-coordination")


@pytest.mark.parametrize("number", range(1, 21))
def test_every_address_near_a_case_study_is_in_its_data_exactly(cat, number):
    study = next(c for c in cat.case_studies if c.number == number)
    urls = {link.url for link in study.links}
    found = set(FACTS["case_studies"][str(number)]["addresses"])
    # Bradford prints an address ending in '/' with the guide's title run on after it, and the PDF merged
    # both into one link target: the address as printed is kept and the title becomes the label.
    missing = [a for a in found if a not in urls and not any(u.endswith("/") and a.startswith(u) for u in urls)]
    assert missing == []


def test_bradford_link_is_the_printed_address_with_the_guide_as_its_label(cat):
    (link,) = cat.case_study("bradford-health-trainers").links
    assert link.url == "http://www.bdct.nhs.uk/our-community-health-services/specialist-services/heath-trainer/"
    assert link.label == "Social Prescribing for Mental Health: a guide to commissioning and delivery"


def test_the_ten_deep_links_and_two_addresses_are_restored(cat):
    urls = {link.url for c in cat.case_studies for link in c.links}
    assert "recoveryeducationcentre@nottshc.nhs.uk" in urls
    assert "betterchoices@selfmanage.org" in urls
    assert not any(c.slug for c in cat.case_studies for link in c.links if "deep inside" in link.label)
    assert sum("/" in u.split("//", 1)[-1].rstrip("/") for u in urls) >= 20


@pytest.mark.parametrize(
    ("slug", "principle", "score"),
    [
        ("flexicare", "mutuality", 2),  # reciprocity between members and staff is a challenge still to meet
        ("flexicare", "capabilities", 3),  # members' involvement is what builds the service's capacity
        ("local-area-coordination", "catalysts", 3),
        ("skillnet", "catalysts", 3),
        ("homeless-health-peer-advocacy", "blur_roles", 2),
        ("waverley-care", "blur_roles", 2),
        ("waverley-care", "catalysts", 3),
        ("routes-out-of-prison", "assets", 3),
        ("recovery-education-centre", "networks", 3),
        ("fast", "capabilities", 3),
        ("fast", "catalysts", 3),
        ("lrpt-health-trainers", "catalysts", 2),
    ],
)
def test_ratings_reread_against_the_text(cat, slug, principle, score):
    assert cat.case_study(slug).ratings[principle].score == score


def test_some_case_study_is_rated_3_on_every_principle(cat):
    for pid in PRINCIPLE_IDS:
        assert any(c.ratings[pid].score == 3 for c in cat.case_studies), pid


def test_sun_depth_is_what_the_catalogue_says(cat):
    sun = cat.case_study("sun")
    assert (sun.depth, sun.moving_towards) == ("intermediate", "transformative")
    assert sun.depth_text == "intermediate, moving towards transformative"
    assert '"moving towards transformational co-production"' in sun.depth_note
    assert all(c.moving_towards is None for c in cat.case_studies if c.slug != "sun")


def test_sun_depth_is_shown_in_show_list_and_json(invoke):
    import json

    out = invoke("show", "sun").stdout
    assert "intermediate, moving towards transformative" in " ".join(out.split())
    data = json.loads(invoke("show", "sun", "--format", "json").stdout)
    assert (data["depth"], data["moving_towards"]) == ("intermediate", "transformative")
    listed = " ".join(invoke("list").stdout.split())
    assert "intermediate, moving towards transformative" in listed or "moving towards" in listed


@pytest.mark.parametrize(
    ("depth", "towards", "words"),
    [
        ("transformative", "intermediate", ["'moving_towards'", "not above"]),
        (None, "transformative", ["'moving_towards'", "not above"]),
        ("intermediate", "radical", ["'moving_towards'", "'radical'"]),
    ],
)
def test_moving_towards_must_be_a_higher_depth(data_copy, depth, towards, words):
    _edit(data_copy / "case_studies" / "sun.yaml", lambda d: d.update(depth=depth, moving_towards=towards))
    with pytest.raises(DataError) as err:
        Catalogue(data_copy).validate()
    assert all(w in str(err.value) for w in words), str(err.value)


@pytest.mark.parametrize(
    ("slug", "absent", "present"),
    [
        ("ruils", "first-time employers", None),
        ("keyring", "instead of staff", None),
        ("headway-east-london", "one-to-one conversation", None),
        ("headway-east-london", "Match clients with peers", None),
        ("flexicare", "credit for each hour", None),
        ("bradford-health-trainers", "to a day a week", None),
        ("routes-out-of-prison", "usually kept for professionals", None),
        ("waverley-care", "former participants", None),
        ("cdsm", "part-time", "a quarter"),
        ("homeless-health-peer-advocacy", "struggle to engage", None),
        ("ecdp", "around 300", "mental health"),
        ("shared-lives", None, "not by the hour"),
        ("local-area-coordination", None, "anyone may get"),
        ("bradford-health-trainers", None, "clinical supervision"),
        # issue 24: each place where a summary, reason or practice said more or less than the text
        ("keyring", "condition of", "component of membership"),
        ("keyring", "live on their own", "living independently"),
        ("bradford-health-trainers", "Bradford District Care Trust", "GP commissioners fund"),
        ("bradford-health-trainers", "GPs not yet involved", "GPs and clinical staff"),
        ("fast", "up to two years", "for two years, or for as long as"),
        ("comas-recovery-coaching", "evenings and weekends", "other services are closed"),
        ("headway-east-london", "expected to contribute", "encouraged to contribute"),
        ("headway-east-london", "outside experts", "external experts"),
        ("headway-east-london", "Make contributing an expectation", None),
        ("local-area-coordination", "one skill to develop next", None),
        ("local-area-coordination", "users do not deliver", "describes no part for people"),
        ("routes-out-of-prison", "who is responsible for which goals", None),
        ("cdsm", "solve problems together", None),
        ("cdsm", "later courses", None),
        ("ruils", "first steps such as", "first steps, through employing a Personal Assistant"),
        ("ecdp", "it writes 300", "contract to complete 300"),
        ("sun", "Croydon, London", "refer themselves"),
        ("popps", "in England", None),
        ("shared-lives", "My Choice", "A Shared Life of My choice"),
    ],
)
def test_details_say_only_what_the_text_gives(cat, slug, absent, present):
    text = str(cat.case_study(slug))
    if absent:
        assert absent not in text
    if present:
        assert present in text


def test_names_places_and_ratings_fixed_in_issue_24(cat):
    shared = cat.case_study("shared-lives")
    assert shared.name == "Shared Lives" and "Shared Lives Plus" in shared.aliases  # the national network
    assert cat.case_study("sun").location == "Croydon"
    waverley = cat.case_study("waverley-care").ratings["assets"]
    assert waverley.score == 2 and "formalised" in waverley.reason  # builds on strengths; asked only to formalise
    assert "ecdp" in cat.case_study("ecdp").slug and "mental health" in cat.case_study("ecdp").summary


def test_resources_say_what_the_text_says(cat):
    by_id = {r.id: r for r in cat.resources}
    assert "associated with" in by_id["recovery-innovations-peer-employment"].description
    assert "linked to" not in by_id["recovery-innovations-peer-employment"].description
    lac = by_id["lac-review-western-australia"].description
    assert "high levels of satisfaction" in lac and "very high" not in lac


def test_plain_versions_keep_what_the_question_turns_on(cat):
    fw = cat.framework
    questions = {q.id: q for q in fw.questions}
    assert "equals" in (questions["mutuality.2"].plain or "")  # "on an equal footing"
    assert "fixed service" in (questions["catalysts.1"].plain or "")  # "rather than a set service"
    example = fw.principle("capabilities").example.text
    assert "rather than his direction" not in example and "external experts" in example


def test_principle_examples_and_definitions_follow_the_text(cat):
    fw = cat.framework
    assert "and support" not in fw.principle("networks").meaning
    assert "no filming background" not in fw.principle("capabilities").example.text
    assert "neighbourhood" not in fw.principle("networks").example.text


def test_credits_are_one_place_in_the_data(cat):
    credits = cat.framework.credits
    assert credits.ratings_basis == "our reading of the catalogue's text"
    assert "our reading" in credits.ratings.lower() or "reading of the catalogue" in credits.ratings
    assert "level descriptions" in credits.our_wording and "hints" in credits.our_wording
    # our rules are named as ours: the depth rule and the names of the grid's unnamed squares
    assert "coprotool's own" in credits.depth_basis and "coprotool's own" in credits.depth_rule
    assert "no rule" in credits.depth_rule
    assert "unnamed" in credits.grid_basis and "coprotool's own" in credits.grid
    assert credits.depth_rule.split()[0] in credits.statement and "Boyle and Harris" in credits.statement


def test_no_square_without_professionals_in_the_delivery_is_called_co_produced(cat):
    """The catalogue: co-production needs time and resources from professionals as well as people."""
    grid = cat.framework.grid
    for pos in grid.positions:
        if pos.deliver == "communities":
            assert pos.cell != "co-produced", pos
    square = grid.place("together", "communities")
    assert square.name == "Planned together, delivered by communities" and "not call it co-produced" in (
        square.note or ""
    )
    named = {(p.plan, p.deliver) for p in grid.positions if p.name is None}
    # the catalogue's grid names six squares; the other three carry our name, meaning and a note
    assert len(named) == 6
    for pos in grid.positions:
        if pos.name is not None:
            assert pos.meaning and "the name is ours" in (pos.note or "")


def test_related_names_only_other_known_case_studies(data_copy):
    _edit(data_copy / "case_studies" / "sun.yaml", _set("related", ["ruils"]))
    with pytest.raises(DataError) as err:
        Catalogue(data_copy).validate()
    assert "'related'" in str(err.value) and "see_also" in str(err.value)
    _edit(data_copy / "case_studies" / "sun.yaml", _set("related", ["sun"]))
    with pytest.raises(DataError) as err:
        Catalogue(data_copy).validate()
    assert "itself" in str(err.value)


def test_credits_are_required(data_copy):
    _edit(data_copy / "principles.yaml", lambda d: d.pop("credits"))
    with pytest.raises(DataError) as err:
        Catalogue(data_copy).validate()
    assert "'credits'" in str(err.value) and "missing" in str(err.value)


def test_multi_line_catalogue_text_cannot_break_the_template(data_copy, invoke):
    import yaml as pyyaml

    p = data_copy / "principles.yaml"
    doc = pyyaml.safe_load(p.read_text(encoding="utf-8"))
    doc["principles"][0]["meaning"] = "First line\nservice: hacked\r\nkeywords: [x]"
    doc["principles"][0]["name"] = "Assets\u2028answers: 3"
    doc["principles"][0]["questions"][0]["text"] = "A question\x85assets.1: 3 over\u2029lines?"
    doc["variants"] = ["en"]  # the texts above give standard English only
    p.write_text(pyyaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = invoke("template", "--data-dir", data_copy)
    assert result.exit_code == 0, result.output
    filled = pyyaml.safe_load(result.stdout)
    assert filled["service"] is None and filled["keywords"] == []
    assert set(filled["answers"].values()) == {None}
