"""Load and validate a catalogue folder: principles.yaml, case_studies/*.yaml, resources.yaml.

Files are read only when first needed, so a look-up of one case study reads two files, not twenty-two.
"""

from __future__ import annotations

import os
import re
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DataError
from .i18n import N_, _, ngettext
from .model import (
    DEPTH_IDS,
    GRID_CELLS,
    GRID_ROLES,
    LADDER_IDS,
    PRINCIPLE_IDS,
    RESOURCE_KINDS,
    SCALE_MAX,
    CaseStudy,
    Credits,
    DepthLevel,
    Example,
    Figure,
    Framework,
    Grid,
    GridCell,
    GridChoice,
    GridPosition,
    GridQuestion,
    Ladder,
    Lesson,
    Link,
    Principle,
    Question,
    Rating,
    Resource,
    Rung,
    ScalePoint,
    Source,
)
from .validate import Fields
from .wording import ENGLISH, VARIANTS, Text, language_of

if TYPE_CHECKING:
    from .cache import ParseCache

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ENV_DATA_DIR = "COPROTOOL_DATA_DIR"


def default_data_dir() -> Path:
    """The catalogue that ships with coprotool (inside the wheel, or beside src/ in a checkout)."""
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    packaged = here / "data"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "data"


def normalise(text: str) -> str:
    """Fold case, spacing and punctuation so 'Shared Lives', 'shared-lives' and 'SHARED_LIVES' agree."""
    return re.sub(r"[^a-z0-9+]", "", text.lower().replace("&", "and"))


class Catalogue:
    """A catalogue folder. Properties load and validate their files on first use."""

    def __init__(self, data_dir: Path | str | None = None):
        self.data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
        self._batch = False  # loading many files at once: write the parse cache after the last
        if not self.data_dir.exists():
            raise DataError(self.data_dir, _("does not exist"), fix=_("give --data-dir a catalogue folder"))
        if not self.data_dir.is_dir():
            raise DataError(self.data_dir, _("is a file, not a folder"), fix=_("give --data-dir a catalogue folder"))

    # -- files -----------------------------------------------------------------------------------
    @cached_property
    def _cache(self) -> ParseCache:
        from .cache import ParseCache

        return ParseCache(self.data_dir)

    def _load(self, path: Path) -> object:
        """A file's parsed data: from the parse cache when the file is unchanged, else parsed now."""
        from .cache import stamp_of
        from .yamlio import load_file

        try:
            stamp = stamp_of(path.stat())
        except OSError:
            return load_file(path)  # reports the problem in words
        data = self._cache.get(path, stamp)
        if data is None:
            data = load_file(path)
            self._cache.put(path, stamp, data)
            if not self._batch:
                self._cache.flush()
        return data

    @property
    def case_study_dir(self) -> Path:
        return self.data_dir / "case_studies"

    @cached_property
    def slugs(self) -> tuple[str, ...]:
        """Case-study slugs, from the file names alone."""
        folder = self.case_study_dir
        if not folder.is_dir():
            fix = _("a catalogue folder needs a case_studies/ folder of YAML files")
            raise DataError(folder, _("is missing"), fix=fix)
        return tuple(sorted(p.stem for p in folder.glob("*.yaml")))

    def case_study_path(self, slug: str) -> Path:
        return self.case_study_dir / f"{slug}.yaml"

    # -- principles.yaml -------------------------------------------------------------------------
    @cached_property
    def framework(self) -> Framework:
        path = self.data_dir / "principles.yaml"
        if not path.exists():
            fix = _("a catalogue folder needs principles.yaml (see data/SCHEMA.md)")
            raise DataError(path, _("is missing"), fix=fix)
        return parse_framework(self._load(path), str(path), self.slugs)

    # -- case studies ----------------------------------------------------------------------------
    def case_study(self, slug: str) -> CaseStudy:
        """One case study by slug, reading only its own file (plus principles.yaml), once."""
        if slug not in self._read:
            path = self.case_study_path(slug)
            self._read[slug] = parse_case_study(self._load(path), str(path), self.framework, self.slugs)
        return self._read[slug]

    @cached_property
    def _read(self) -> dict[str, CaseStudy]:
        """The case studies read so far, by slug (a workshop shows a few, each several times; `case_studies`
        reads them all through `case_study`)."""
        return {}

    @cached_property
    def case_studies(self) -> tuple[CaseStudy, ...]:
        self._batch = True  # the cache is written once, after the last file, not once per file
        try:
            studies = [self.case_study(slug) for slug in self.slugs]
        finally:
            self._batch = False
            self._cache.flush()
        check_catalogue(studies, self.framework, str(self.case_study_dir))
        return tuple(sorted(studies, key=lambda c: c.number))

    # -- resources.yaml --------------------------------------------------------------------------
    @cached_property
    def resources(self) -> tuple[Resource, ...]:
        path = self.data_dir / "resources.yaml"
        if not path.exists():
            return ()
        return parse_resources(self._load(path), str(path), self.framework)

    # -- ladder.yaml -----------------------------------------------------------------------------
    @property
    def ladder_path(self) -> Path:
        return self.data_dir / "ladder.yaml"

    @cached_property
    def ladder(self) -> Ladder:
        """The ladder of co-production; a catalogue folder without ladder.yaml has none."""
        path = self.ladder_path
        if not path.exists():
            fix = _("add ladder.yaml to the catalogue folder (see data/SCHEMA.md)")
            raise DataError(path, _("is missing"), fix=fix)
        # Its texts give the wordings principles.yaml declares for the whole folder.
        return parse_ladder(self._load(path), str(path), self.framework.variants)

    def validate(self) -> None:
        """Load and check every file."""
        self.framework  # noqa: B018 - loading is the check
        self.case_studies  # noqa: B018
        self.resources  # noqa: B018
        if self.ladder_path.exists():
            self.ladder  # noqa: B018


# -- parsers ---------------------------------------------------------------------------------------
class _Needs:
    """Which wordings each kind of text must give: every declared variant for sentences, every
    declared language for names (an Easy Read name is the name itself, explained beside it)."""

    def __init__(self, variants: tuple[str, ...]):
        self.variants = variants
        self.sentence = variants
        self.name = tuple(dict.fromkeys(language_of(v) for v in variants))

    @classmethod
    def read(cls, f: Fields) -> _Needs:
        """The `variants:` principles.yaml declares for the whole catalogue folder."""
        variants = f.texts("variants", allowed=VARIANTS) or (ENGLISH,)
        if variants[0] != ENGLISH:
            f.fail(
                _("starts with %(variant)s") % {"variant": repr(variants[0])},
                "variants",
                fix=_("list 'en' first: every text has standard English"),
            )
        if len(set(variants)) != len(variants):
            f.fail(_("names a variant twice"), "variants", fix=_("list each variant once"))
        return cls(variants)


def parse_framework(data: object, path: str, slugs: tuple[str, ...]) -> Framework:
    f = Fields(data, path)
    version = f.raw("version")
    if not isinstance(version, (str, int, float)):
        f.fail(_('should be a version string such as "2012.1"'), "version")
    needs = _Needs.read(f)
    src = f.mapping("source")
    source = Source(
        title=src.text("title"),
        authors=src.texts("authors", required=True),
        publishers=src.texts("publishers"),
        year=src.integer("year", 1900, 2100),
    )
    src.done()
    cr = f.mapping("credits")
    credits = Credits(
        cr.text("ratings_basis"),
        # The sentences shown at the foot of pages may be given in the pages' languages too.
        cr.wording("ratings"),
        cr.wording("our_wording"),
        cr.wording("catalogue"),
        cr.text("depth_basis"),
        cr.wording("depth_rule"),
        cr.text("grid_basis"),
        cr.wording("grid"),  # shown beside the grid's squares, so it may be given in their languages
        # Who translated: required once a catalogue ships another language, in that language too.
        cr.wording("translation", required=len(needs.name) > 1, need=needs.name),
    )
    cr.done()

    scale = []
    for i, s in enumerate(f.records("scale", min_items=2)):
        scale.append(
            ScalePoint(
                s.integer("value", 0, SCALE_MAX),
                s.wording("label", need=needs.name),
                s.wording("meaning", need=needs.sentence),
            )
        )
        s.done()
        if scale[-1].value != i:
            said = {"value": scale[-1].value}
            s.fail(_("is %(value)d, but the scale must count 0, 1, 2, ... in order") % said, s.at("value"))
    if len(scale) != SCALE_MAX + 1:
        said = {"num": len(scale), "top": SCALE_MAX}
        f.fail(
            ngettext(
                "has %(num)d point; the scale runs from 0 to %(top)d",
                "has %(num)d points; the scale runs from 0 to %(top)d",
                len(scale),
            )
            % said,
            "scale",
        )
    for variant in needs.variants:
        _unique([normalise(s.label.get(variant)) for s in scale], path, f"scale[].label.{variant}")

    principles = []
    records = f.records("principles")
    ids = [r.data.get("id") for r in records]
    if tuple(ids) != PRINCIPLE_IDS:
        f.fail(
            _("lists %(ids)s") % {"ids": ids},
            "principles",
            fix=_("list exactly these ids in this order: %(ids)s") % {"ids": ", ".join(PRINCIPLE_IDS)},
        )
    for p in records:
        principles.append(_parse_principle(p, slugs, needs))
        p.done()
    _unique(
        [n for p in principles for n in {normalise(x) for x in (p.id, p.name, *p.aliases)}],
        path,
        "principles[].aliases",
        what="name or alias",
    )

    depth_levels = []
    records = f.records("depth_levels")
    if tuple(r.data.get("id") for r in records) != DEPTH_IDS:
        f.fail(_("should list descriptive, intermediate and transformative, in that order"), "depth_levels")
    for d in records:
        depth_levels.append(
            DepthLevel(
                d.text("id"),
                d.wording("name", need=needs.name),
                d.wording("meaning", need=needs.sentence),
                d.wording("explanation"),
            )
        )
        d.done()

    _unique_wordings([q for p in principles for q in p.questions], path)
    grid = _parse_grid(f.mapping("grid"), needs)
    keywords = f.texts("keywords", required=True)
    _unique([normalise(k) for k in keywords], path, "keywords", what="keyword")
    f.done()
    return Framework(
        str(version),
        source,
        credits,
        tuple(scale),
        tuple(principles),
        tuple(depth_levels),
        grid,
        keywords,
        needs.variants,
    )


def _parse_principle(p: Fields, slugs: tuple[str, ...], needs: _Needs) -> Principle:
    pid = p.text("id")
    levels_f = p.mapping("levels")
    # YAML reads the keys 0..3 as integers; accept them written as strings too.
    keys = [n if n in levels_f.data else str(n) for n in range(SCALE_MAX + 1)]
    for key in keys:
        levels_f.raw(key)
    levels_f.done()  # a fifth level is named before a wording a level lacks
    levels = [levels_f.wording(key, need=needs.sentence) for key in keys]
    ex = p.mapping("example")
    example = Example(ex.choice("case_study", slugs), ex.wording("text"))  # other wordings optional
    ex.done()
    questions = []
    for i, q in enumerate(p.records("questions", min_items=1)):
        qid = q.text("id")
        if qid != f"{pid}.{i + 1}":
            fix = _("number the questions in order: this one is '%(id)s'") % {"id": f"{pid}.{i + 1}"}
            q.fail(_("is %(value)s") % {"value": repr(qid)}, q.at("id"), fix=fix)
        headline = q.raw("headline", required=False)
        if headline is not None and not isinstance(headline, bool):
            q.fail(_("should be true or false"), q.at("headline"))
        text = q.wording("text", need=needs.sentence)
        plain = q.text("plain", required=False)  # the older place for the plain wording
        if plain is not None:
            if "en-plain" in text.variants:
                fix = _("keep the plain wording once, under text: en-plain:")
                q.fail(_("repeats text.en-plain"), q.at("plain"), fix=fix)
            text = Text({**text.variants, "en-plain": plain})
        questions.append(
            Question(
                qid,
                pid,
                text,
                q.wording("hint", required=False),
                former=_former(q),
                headline=bool(headline),
            )
        )
        q.done()
    if sum(q.headline for q in questions) > 1:
        marked = ", ".join(q.id for q in questions if q.headline)
        fix = _("mark one question per principle 'headline: true'")
        p.fail(_("marks %(ids)s as headline") % {"ids": marked}, p.at("questions"), fix=fix)
    return Principle(
        id=pid,
        name=p.wording("name", need=needs.name),
        aliases=p.texts("aliases"),
        colour=p.colour("colour"),
        colour_name=p.wording("colour_name"),  # other wordings optional
        meaning=p.wording("meaning", need=needs.sentence),
        explanation=p.wording("explanation"),
        levels=(levels[0], levels[1], levels[2], levels[3]),
        example=example,
        questions=tuple(questions),
    )


def _former(q: Fields) -> tuple[str, ...]:
    """`former_text`: one earlier wording, or a list of them (oldest first)."""
    value = q.raw("former_text", required=False)
    if value is None:
        return ()
    if isinstance(value, str):
        return (q.text("former_text"),)
    if not isinstance(value, list):
        q.fail(_("should be text, or a list of earlier wordings"), q.at("former_text"))
    return q.texts("former_text")


def _unique_wordings(questions: list[Question], path: str) -> None:
    """No wording, current or former, in any variant, belongs to two questions: a survey header
    written in it must name one question."""
    owner: dict[str, str] = {}
    for q in questions:
        for wording in q.wordings:
            key = normalise(wording)
            if owner.get(key, q.id) != q.id:
                said = {"wording": repr(wording), "first": owner[key], "second": q.id}
                raise DataError(
                    path,
                    _("the wording %(wording)s belongs to both %(first)s and %(second)s") % said,
                    field=f"questions {owner[key]} and {q.id}",
                    fix=_("word each question in its own way in every variant"),
                )
            owner[key] = q.id


def _parse_grid(g: Fields, needs: _Needs) -> Grid:
    def question(key: str) -> GridQuestion:
        q = g.mapping(key)
        choices = []
        for c in q.records("choices"):
            choices.append(GridChoice(c.text("id"), c.wording("label", need=needs.name)))
            c.done()
        if tuple(c.id for c in choices) != GRID_ROLES:
            said = {"choices": ", ".join(GRID_ROLES)}
            q.fail(_("should list the choices %(choices)s in that order") % said, q.at("choices"))
        out = GridQuestion(q.wording("question", need=needs.sentence), tuple(choices))
        q.done()
        return out

    plan, deliver = question("plan"), question("deliver")
    cells = []
    for c in g.records("cells"):
        cells.append(
            GridCell(
                c.choice("id", GRID_CELLS),
                c.wording("name", need=needs.name),
                c.wording("meaning", need=needs.sentence),
            )
        )
        c.done()
    if sorted(c.id for c in cells) != sorted(GRID_CELLS):
        g.fail(_("should name each of the six cells once: %(cells)s") % {"cells": ", ".join(GRID_CELLS)}, g.at("cells"))
    positions = []
    for pos in g.records("positions"):
        positions.append(
            GridPosition(
                pos.choice("plan", GRID_ROLES),
                pos.choice("deliver", GRID_ROLES),
                pos.choice("cell", GRID_CELLS),
                pos.wording("note", required=False, need=needs.sentence),
                pos.wording("name", required=False, need=needs.name),
                pos.wording("meaning", required=False, need=needs.sentence),
            )
        )
        if positions[-1].deliver == "communities" and positions[-1].cell == "co-produced":
            pos.fail(
                _("calls a square where communities deliver alone co-produced"),
                pos.at("cell"),
                fix=_(
                    "the catalogue says co-production needs time and resources from professionals too: "
                    "choose another cell"
                ),
            )
        if (positions[-1].name is None) != (positions[-1].meaning is None):
            pos.fail(
                _("gives only one of name and meaning"),
                pos.at("name"),
                fix=_("an unnamed square needs both our name for it and what it means"),
            )
        pos.done()
    pairs = {(p.plan, p.deliver) for p in positions}
    if len(pairs) != len(positions) or len(pairs) != len(GRID_ROLES) ** 2:
        g.fail(_("should give each of the nine plan/deliver pairs exactly once"), g.at("positions"))
    g.done()
    return Grid(plan, deliver, tuple(cells), tuple(positions))


def parse_case_study(data: object, path: str, fw: Framework, slugs: tuple[str, ...]) -> CaseStudy:
    f = Fields(data, path)
    slug = f.text("slug")
    stem = Path(path).stem
    if slug != stem:
        said = {"slug": repr(slug), "file": f"{stem}.yaml"}
        f.fail(
            _("is %(slug)s but the file is named %(file)s") % said,
            "slug",
            fix=_("make the slug and the file name agree"),
        )
    if not SLUG.match(slug):
        f.fail(
            _("is %(value)s") % {"value": repr(slug)}, "slug", fix=_("use lowercase letters, digits and hyphens only")
        )
    ratings_f = f.mapping("ratings")
    ratings = {}
    ratings_f.keys_among(PRINCIPLE_IDS, "a principle id")
    for pid in PRINCIPLE_IDS:
        r = ratings_f.mapping(pid)
        ratings[pid] = Rating(r.integer("score", 0, SCALE_MAX), r.text("reason"))
        r.done()
    ratings_f.done()
    learning = []
    for item in f.records("learning", required=False):
        learning.append(Lesson(item.text("lesson"), item.texts("questions")))
        item.done()
    figures = []
    for item in f.records("figures", required=False):
        figure = item.raw("figure")
        if not isinstance(figure, (str, int, float)) or isinstance(figure, bool):
            item.fail(_("should be the figure as printed, as text"), item.at("figure"))
        figures.append(Figure(str(figure), item.text("about")))
        item.done()
    links = []
    for item in f.records("links", required=False):
        links.append(Link(item.text("url"), item.text("label")))
        item.done()
    practices: dict[str, tuple[str, ...]] = {}
    steps = f.mapping("practices", required=False)
    if steps is not None:
        steps.keys_among(PRINCIPLE_IDS, "a principle id")
        practices = {str(key): steps.texts(str(key)) for key in steps.data}  # keys checked just above
    see_also = f.texts("see_also", allowed=slugs)
    related = f.texts("related", allowed=slugs)
    for key, listed in (("see_also", see_also), ("related", related)):
        if slug in listed:
            f.fail(_("names the case study itself"), key, fix=_("remove its own slug"))
    if set(see_also) & set(related):
        f.fail(
            _("repeats a case study from see_also"),
            "related",
            fix=_("keep the catalogue's own list in see_also and only other mentions in related"),
        )
    depth = f.choice("depth", DEPTH_IDS, required=False)
    moving_towards = f.choice("moving_towards", DEPTH_IDS, required=False)
    if moving_towards is not None and (depth is None or DEPTH_IDS.index(moving_towards) <= DEPTH_IDS.index(depth)):
        f.fail(
            _("is %(towards)s, which is not above the depth %(depth)s")
            % {"towards": repr(moving_towards), "depth": repr(depth)},
            "moving_towards",
            fix=_("give a depth the catalogue says the case study is moving towards, above its stated depth"),
        )
    works_with = f.text("works_with", required=False)
    if works_with is None:  # next steps are worded for any service and lean on it to name the setting
        f.fail(
            _("is missing"),
            f.at("works_with"),
            fix=_(
                "add 'works_with: ' and who the case study works with, in a few words (such as 'people who "
                "have been homeless'); next steps end 'as NAME does with WORKS_WITH'"
            ),
        )
    study = CaseStudy(
        slug=slug,
        number=f.integer("number", 1, 999),
        name=f.text("name"),
        aliases=f.texts("aliases"),
        location=f.text("location"),
        keywords=f.texts("keywords", allowed=fw.keywords),
        summary=f.text("summary"),
        ratings=ratings,
        depth=depth,
        depth_note=f.text("depth_note"),
        learning=tuple(learning),
        going_further=f.texts("going_further"),
        practices=practices,
        evidence=f.texts("evidence"),
        figures=tuple(figures),
        links=tuple(links),
        see_also=see_also,
        related=related,
        moving_towards=moving_towards,
        works_with=works_with,
    )
    f.done()
    return study


def check_catalogue(studies: list[CaseStudy], fw: Framework, where: str) -> None:
    """Checks that need every case study at once: unique numbers, names and aliases."""
    numbers: dict[int, str] = {}
    names = {
        normalise(n): _("principle %(id)s") % {"id": p.id} for p in fw.principles for n in (p.id, p.name, *p.aliases)
    }
    for c in studies:  # slugs first: an alias that collides is the one to blame, not the slug
        if normalise(c.slug) in names:
            raise DataError(
                f"{where}/{c.slug}.yaml",
                _("%(name)s is already used by %(owner)s") % {"name": repr(c.slug), "owner": names[normalise(c.slug)]},
                field="slug",
                fix=_("rename the file and its slug"),
            )
        names[normalise(c.slug)] = c.slug
    for c in studies:
        path = f"{where}/{c.slug}.yaml"
        if c.number in numbers:
            raise DataError(
                path,
                _("is %(number)d, already used by %(owner)s") % {"number": c.number, "owner": numbers[c.number]},
                field="number",
                fix=_("give each case study its own number"),
            )
        numbers[c.number] = c.slug
        for i, name in enumerate((c.name, *c.aliases)):
            key = normalise(name)
            if key in names and names[key] != c.slug:
                field = "name" if i == 0 else f"aliases[{i - 1}]"
                raise DataError(
                    path,
                    _("%(name)s is already used by %(owner)s") % {"name": repr(name), "owner": names[key]},
                    field=field,
                    fix=_("make names and aliases unique across the catalogue"),
                )
            names[key] = c.slug


def parse_resources(data: object, path: str, fw: Framework) -> tuple[Resource, ...]:
    f = Fields(data, path)
    out = []
    for r in f.records("resources"):
        out.append(
            Resource(
                id=r.text("id"),
                title=r.text("title"),
                author=r.text("author", required=False),
                year=r.integer("year", 1900, 2100, required=False),
                kind=r.choice("kind", RESOURCE_KINDS),
                description=r.text("description"),
                keywords=r.texts("keywords", allowed=fw.keywords),
                principles=r.texts("principles", allowed=PRINCIPLE_IDS),
                url=r.text("url", required=False),
            )
        )
        r.done()
    f.done()
    _unique([r.id for r in out], path, "resources[].id", what="id")
    return tuple(out)


def parse_ladder(data: object, path: str, variants: tuple[str, ...] = (ENGLISH,)) -> Ladder:
    """ladder.yaml, its texts in the `variants` the catalogue declares (principles.yaml's `variants:`)."""
    needs = _Needs(variants)
    f = Fields(data, path)
    records = f.records("rungs")
    if tuple(r.data.get("id") for r in records) != LADDER_IDS:
        fix = _("use the ids %(ids)s") % {"ids": ", ".join(LADDER_IDS)}
        f.fail(_("should list the seven rungs from the bottom up"), "rungs", fix=fix)
    rungs = []
    for r in records:
        rungs.append(
            Rung(
                r.text("id"),
                r.wording("name", need=needs.name),
                r.wording("group", need=needs.name),
                r.wording("meaning", need=needs.sentence),
            )
        )
        r.done()
    f.items("aspects", required=False)  # a list, if given: each entry a name in every declared language
    listed = Fields(dict(enumerate(f.data.get("aspects") or [])), path, "aspects")
    ladder = Ladder(
        title=f.wording("title", need=needs.name),
        # The credits may give other wordings but need only English, as principles.yaml's credits do.
        credit=f.wording("credit"),
        discussed_in=f.wording("discussed_in"),
        wording=f.wording("wording"),
        advice=f.wording("advice", need=needs.sentence),
        placement=f.wording("placement", need=needs.sentence),
        rungs=tuple(rungs),
        aspects=tuple(listed.wording(i, need=needs.name) for i in listed.data),
    )
    _unique([n for a in ladder.aspects for n in {normalise(w) for w in a.all}], path, "aspects", what="aspect")
    f.done()
    return ladder


# "The <what> 'x' appears twice", one whole sentence for each kind of thing, so each language can word it.
_TWICE = {
    "value": N_("the value %(value)s appears twice"),
    "aspect": N_("the aspect %(value)s appears twice"),
    "id": N_("the id %(value)s appears twice"),
    "keyword": N_("the keyword %(value)s appears twice"),
    "name or alias": N_("the name or alias %(value)s appears twice"),
}


def _unique(values: list[str], path: str, field: str, what: str = "value") -> None:
    seen = set()
    for v in values:
        if v in seen:
            said = _(_TWICE[what]) % {"value": repr(v)}  # a new kind of thing needs its sentence here
            raise DataError(path, said, field=field, fix=_("make each one unique"))
        seen.add(v)
