"""One view of an assessment result: everything a person sees, in the order and words they see it.

`build_view` turns a `Result` into a `ResultView`; the terminal, HTML and Markdown renderers all read
that one view and differ only in markup. Nothing here prints or knows about markup, and no internal
question id (`assets.1`) is in any text meant for people: questions are named "Assets, question 1"
or by their own words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from . import i18n
from .assessment import WHOLE_WORK, Placement, Result
from .catalogue import Catalogue
from .i18n import N_, _, ngettext
from .model import SCALE_MAX, Framework, GridPosition, Ladder
from .progress import Comparison
from .scoring import LENS_GAP, STRONG, lenses_apart, levels_of
from .wording import easy_reading, text, variant_for

TOP_STEPS = 3  # next steps on the first page of the report


def score_text(score: float | None) -> str:
    """A principle's mean score as shown: one decimal, or a dash when nothing was answered."""
    return "-" if score is None else f"{score:.1f}"


def question_label(fw: Framework, qid: str, variant: str | None = None) -> str:
    """A question named for people: 'Assets, question 1' (never its id), in the current language."""
    pid, _sep, number = qid.partition(".")
    name = text(fw.principle(pid).name, variant or current_variant())
    return _("%(principle)s, question %(number)s") % {"principle": name, "number": number}


def current_variant(easy: bool = False) -> str:
    """The catalogue's wording for the language in use (i18n.current) and, if asked here or for the whole
    run (wording.set_easy), Easy Read."""
    return variant_for(i18n.current(), easy=easy or easy_reading())


@dataclass(frozen=True, slots=True)
class PrincipleRow:
    id: str  # for colours and wedges only; never shown
    name: str
    colour: str
    level: int | None  # None: not assessed
    level_label: str  # the scale's label for the level ("Mostly"), or "Not assessed"
    score: float | None
    answered: int
    asked: int
    picture: str  # what this level looks like for this principle
    lens_scores: dict[str, float | None] = field(default_factory=dict)  # lens name -> score (room voting)
    gap: float | None = None  # the largest gap between two lenses' scores

    @property
    def score_text(self) -> str:
        return score_text(self.score)


# The depth is worked out by coprotool's own rule, not given by the catalogue: every place it is shown says so.
DEPTH_LABEL = N_("Depth (our rule, from your scores)")  # translated where shown, as are the two below
DEPTH_SHORT = N_("Depth (our rule)")  # where one line must fit 80 columns
# The level descriptions are our wording, not the catalogue's.
LOOKS_LIKE = N_("What this level looks like (our words)")


@dataclass(frozen=True, slots=True)
class DepthView:
    id: str
    name: str
    meaning: str
    reason: str
    next_step: str | None
    strong: int  # principles at level STRONG or more
    full: int  # principles at the top level
    of: int
    basis: str = ""  # says the rule is ours (the credits' depth_rule)

    @property
    def heading(self) -> str:
        return f"{_(DEPTH_LABEL)}: {self.name}"

    @property
    def one_line(self) -> str:
        """The depth in one line for the summary screen."""
        return _("%(depth)s: %(name)s. %(strong)d of %(of)d at level %(level)d or more, %(full)d at level %(top)d.") % {
            "depth": _(DEPTH_SHORT),
            "name": self.name,
            "strong": self.strong,
            "of": self.of,
            "level": STRONG,
            "full": self.full,
            "top": SCALE_MAX,
        }


@dataclass(frozen=True, slots=True)
class GridView:
    name: str
    meaning: str
    note: str | None  # where the catalogue leaves the square unnamed: that the name is ours, the nearest named
    ours: bool = False  # the catalogue leaves this square unnamed; its name here is ours


def grid_view(fw: Framework, pos: GridPosition, variant: str = "en") -> GridView:
    """A grid position as shown, in a variant: the catalogue's name for its square, or ours for an unnamed one."""
    cell = fw.grid.square(pos)
    note = None if pos.note is None else text(pos.note, variant)
    return GridView(text(cell.name, variant), text(cell.meaning, variant), note, ours=pos.name is not None)


@dataclass(frozen=True, slots=True)
class NoteView:
    principle: str
    colour: str
    text: str


@dataclass(frozen=True, slots=True)
class DisagreementView:
    label: str  # "Blur roles, question 2"
    text: str  # the question itself
    votes: tuple[int, ...]  # sorted
    agreed: int | None


@dataclass(frozen=True, slots=True)
class CaseStudyView:
    slug: str
    name: str
    location: str
    rating: int
    reason: str
    summary: str
    question: str | None  # a reflective question of its own, worded to read alone
    shared_keywords: tuple[str, ...]
    repeat: bool = False  # already suggested for a weaker principle: its summary is not shown again


@dataclass(frozen=True, slots=True)
class StepView:
    text: str
    source: str  # the case study it is drawn from
    slug: str
    principle: str  # the principle's name
    example: str = ""  # "as NAME does with WHO": the case study named as an example


@dataclass(frozen=True, slots=True)
class ReadingView:
    title: str
    credit: str  # "(author, year)" or ""
    description: str
    url: str | None


@dataclass(frozen=True, slots=True)
class GrowView:
    """What to do about one of the weakest principles."""

    id: str
    name: str
    colour: str
    score: float | None
    case_studies: tuple[CaseStudyView, ...]
    steps: tuple[StepView, ...]
    reading: tuple[ReadingView, ...]

    @property
    def score_text(self) -> str:
        return score_text(self.score)


@dataclass(frozen=True, slots=True)
class AnswerView:
    label: str  # "Assets, question 1"
    text: str
    answer: str  # "2 (Mostly)" or "skipped"
    votes: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    """A further titled section any feature may add (our reading, a ladder, lenses...): paragraphs, then
    bullet items. Renderers show sections in order after the detail, in their own markup."""

    title: str
    paragraphs: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    table: tuple[tuple[str, ...], ...] = ()  # a table shown before the paragraphs: its headings, then its rows


@dataclass(frozen=True, slots=True)
class AgreedView:
    """An action agreed at the end of the run, as people read it."""

    action: str
    principle: str  # the principle's name
    owner: str
    with_: str | None
    due: str
    measure: str | None
    why: str | None


@dataclass(frozen=True, slots=True)
class SinceView:
    """An earlier action as this run reviewed it, beside how its principle's score moved since."""

    action: str
    principle: str
    status: str  # in words: "in progress"
    note: str | None
    due: str
    overdue: bool  # still open and past its date on the day of this run
    moved: str  # "up 1.0 (1.0 to 2.0)", "no change (2.0)", "not comparable"

    @property
    def line(self) -> str:
        """The action, what happened, the note, and its principle's move, in one line of sentences."""
        from .actions import sentence

        late = f" Overdue since {self.due}." if self.overdue else ""
        note = f" {sentence(self.note)}" if self.note else ""
        return f"{sentence(self.action)} Now: {self.status}.{late}{note} {self.principle}: {self.moved}."


@dataclass(frozen=True, slots=True)
class ResultView:
    title: str
    service: str | None
    date: str
    tool_version: str
    data_version: str
    levels: dict[str, int | None]  # principle id -> level, for drawing wedges
    scale: tuple[str, ...]  # the label of each level, 0 first
    principles: tuple[PrincipleRow, ...]
    depth: DepthView
    grid: GridView | None
    notes: tuple[NoteView, ...]
    voted: bool  # the room voted, so "where the room disagreed" is worth a section even when empty
    disagreements: tuple[DisagreementView, ...]
    grow: tuple[GrowView, ...]  # the weakest principles, weakest first
    answers: tuple[AnswerView, ...]
    lenses: tuple[str, ...] = ()
    lens_gaps: tuple[str, ...] = ()  # principles where lenses are a level or more apart, widest first, in words
    lens_lead: str = ""  # the room's main finding when lenses differ, one sentence: leads the summary and report
    more_disagreements: int = 0  # disagreements left out: only the WIDEST are listed
    sections: tuple[Section, ...] = ()
    source: str = ""  # the catalogue credited, and what is coprotool's own
    ratings_note: str = ""  # says the case-study ratings are coprotool's reading
    agreed: tuple[AgreedView, ...] = ()  # what the group agreed to do
    since: tuple[SinceView, ...] = ()  # the last run's actions, reviewed at the start of this one
    explanations: tuple[tuple[str, str], ...] = ()  # (word, what it means): the six names and this depth

    @property
    def top_steps(self) -> tuple[StepView, ...]:
        """The most useful next steps: the first of each weak principle's, then the second, up to three."""
        out: list[StepView] = []
        for round_ in range(max((len(g.steps) for g in self.grow), default=0)):
            out += [g.steps[round_] for g in self.grow if round_ < len(g.steps)]
        return tuple(out[:TOP_STEPS])

    @property
    def scale_max(self) -> int:
        return SCALE_MAX


PLACEMENT_TITLE = N_("On the ladder of co-production")  # translated where shown


# The placement table's headings, translated where shown.
PLACEMENT_HEADINGS = (N_("Part of the work"), N_("Stands now"), N_("Should stand"), N_("Why not higher"))


def rung_text(ladder: Ladder, rid: str, variant: str | None = None) -> str:
    """'Consultation (rung 4 of 7, doing for)', the rung's words in a variant (default: the current one)."""
    r, v = ladder.rung(rid), variant or current_variant()
    return _("%(rung)s (rung %(n)d of %(top)d, %(group)s)") % {
        "rung": text(r.name, v),
        "n": ladder.step(rid),
        "top": len(ladder.rungs),
        "group": text(r.group, v),
    }


def aspect_text(placed: Placement, ladder: Ladder | None = None, variant: str | None = None) -> str:
    """The part of the work a placement is for: one of the ladder's aspects in a variant, else as the room
    named it (or 'The work as a whole')."""
    if placed.aspect is None:
        return _(WHOLE_WORK)
    known = ladder.aspect(placed.aspect) if ladder is not None else None
    return placed.aspect if known is None else text(known, variant or current_variant())


def placement_section(ladder: Ladder, placed: Sequence[Placement], variant: str | None = None) -> Section:
    """The room's placements, one row per aspect of the work side by side, for every renderer; the ladder's
    words in a variant (default: the current one)."""
    v = variant or current_variant()
    rows = tuple(
        (aspect_text(p, ladder, v), rung_text(ladder, p.now, v), rung_text(ladder, p.should, v), p.reason or "-")
        for p in placed
    )
    head = tuple(_(h) for h in PLACEMENT_HEADINGS)
    return Section(_(PLACEMENT_TITLE), (text(ladder.placement, v),), table=(head, *rows))


def placement_summary(ladder: Ladder, placed: Sequence[Placement], variant: str | None = None) -> str:
    """All of one result's placements in a sentence, for a comparison: 'Planning: now Consultation; should
    stand at Co-design (reason). Delivery: ...'; the ladder's words in a variant (default: the current one)."""
    v = variant or current_variant()
    parts = []
    for p in placed:
        said = {
            "aspect": aspect_text(p, ladder, v),
            "now": text(ladder.rung(p.now).name, v),
            "should": text(ladder.rung(p.should).name, v),
            "why": f" ({p.reason})" if p.reason else "",
        }
        parts.append(_("%(aspect)s: now %(now)s; should stand at %(should)s%(why)s.") % said)
    return " ".join(parts)


def build_view(result: Result, cat: Catalogue, tool_version: str = "", variant: str | None = None) -> ResultView:
    """The view of a result that every renderer reads, in the language in use (i18n.current): its own words
    through gettext, the catalogue's in `variant` (default: that language's standard wording)."""
    fw = cat.framework
    v = variant or current_variant()
    wordings = {q.id: q.wording(v) for q in fw.questions}
    a = result.assessment
    levels = levels_of(result.scores)
    rows = []
    for p in fw.principles:
        s = result.scores[p.id]
        rows.append(
            PrincipleRow(
                id=p.id,
                name=text(p.name, v),
                colour=p.colour,
                level=s.level,
                level_label=_("Not assessed") if s.level is None else fw.label(s.level, v),
                score=s.score,
                answered=s.answered,
                asked=s.asked,
                picture=_("Not assessed: no question was answered.") if s.level is None else p.level(s.level, v),
                lens_scores={lens: by.get(p.id) for lens, by in result.lenses.items()},
                gap=result.gaps.get(p.id),
            )
        )
    values = [lv or 0 for lv in levels.values()]
    depth_level = fw.depth(result.depth.id)
    depth = DepthView(
        id=depth_level.id,
        name=text(depth_level.name, v),
        meaning=text(depth_level.meaning, v),
        reason=result.depth.reason,
        next_step=result.depth.next_step,
        strong=sum(v >= STRONG for v in values),
        full=sum(v >= SCALE_MAX for v in values),
        of=len(values),
        basis=" ".join(text(fw.credits.depth_rule, v).split()),
    )
    grid = None if result.grid is None else grid_view(fw, result.grid, v)
    src = fw.source
    gaps = lens_gap_list(fw, result.lenses)
    return ResultView(
        title=_("Co-production assessment: %(service)s") % {"service": a.service}
        if a.service
        else _("Co-production assessment"),
        service=a.service,
        date=a.date,
        tool_version=tool_version,
        data_version=fw.version,
        levels=levels,
        scale=tuple(text(s.label, v) for s in fw.scale),
        principles=tuple(rows),
        depth=depth,
        grid=grid,
        notes=tuple(NoteView(text(p.name, v), p.colour, a.notes[p.id]) for p in fw.principles if a.notes.get(p.id)),
        voted=bool(a.group or a.votes),
        disagreements=tuple(
            DisagreementView(
                question_label(fw, d["question"], v),
                wordings.get(d["question"], d["text"]),
                tuple(sorted(d["votes"])),
                d["agreed"],
            )
            for d in _widest(result.disagreements)
        ),
        more_disagreements=max(0, len(result.disagreements) - WIDEST),
        grow=_grow_all(result, cat, v),
        answers=tuple(_answer(fw, a.answers.get(q.id), a.votes.get(q.id), q.id, q.wording(v), v) for q in fw.questions),
        lenses=tuple(result.lenses),
        lens_gaps=tuple(g.text for g in gaps),
        lens_lead=lens_lead(gaps, len(fw.principles)),
        sections=_sections(result, fw, v),
        source=_("Built on the %(title)s (%(publishers)s, %(year)s; written by %(authors)s).")
        % {
            "title": src.title,
            "publishers": ", ".join(src.publishers),
            "year": src.year,
            "authors": ", ".join(src.authors),
        }
        + f" {fw.credits.said(v)}",
        ratings_note=" ".join(text(fw.credits.ratings, v).split()),
        explanations=(
            *((text(p.name, v), text(p.meaning, v)) for p in fw.principles),
            (depth.name, depth.meaning),
        ),
        agreed=tuple(
            AgreedView(x.action, fw.principle(x.principle).name, x.owner, x.with_, x.due, x.measure, x.why)
            for x in a.actions
        ),
        since=tuple(_since(result, fw)),
    )


def _since(result: Result, fw: Framework) -> list[SinceView]:
    from .actions import STATUS_WORDS, moved

    a = result.assessment
    return [
        SinceView(
            r.action,
            fw.principle(r.principle).name,
            STATUS_WORDS[r.status],
            r.note,
            r.due,
            r.status in ("in_progress", "not_started") and r.due < a.date,
            moved(r.before, result.scores[r.principle].score),
        )
        for r in a.reviewed
    ]


def views_in(
    result: Result, cat: Catalogue, choice: str = "en", tool_version: str = "", easy: bool = False
) -> list[tuple[i18n.Lang, ResultView]]:
    """The view in each language a --lang choice shows ("both": Welsh, then English), each built in its own."""
    return i18n.built_in_each(choice, lambda: build_view(result, cat, tool_version, current_variant(easy)))


LENS_TITLE = N_("How each lens sees it")  # translated where shown
LENS_NOTE = N_(
    "Each lens's score is the mean of its votes. Marked '!': lenses %(gap)s level or more apart, "
    "where the people who use the service and the people who run it may see it differently."
)


WIDEST = 3  # disagreements listed: the widest few are the conversations worth having


def _widest(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The WIDEST disagreements by the spread of their votes, in catalogue order among equals."""
    ranked = sorted(found, key=lambda d: -(max(d["votes"]) - min(d["votes"])) if d["votes"] else 0)
    return ranked[:WIDEST]


class LensGap(NamedTuple):
    principle: str  # its name
    high: str  # the lens that scored it highest
    low: str  # the lens that scored it lowest
    gap: float

    @property
    def text(self) -> str:
        return _("%(principle)s: %(high)s scored it %(gap).1f higher than %(low)s") % {
            "principle": self.principle,
            "high": _(self.high),
            "gap": self.gap,
            "low": _(self.low),
        }


def lens_gap_list(fw: Framework, scores: Mapping[str, Mapping[str, float | None]]) -> list[LensGap]:
    """Each principle where lenses are a level or more apart, widest first (catalogue order among equals)."""
    found: list[LensGap] = []
    for p in fw.principles:
        scored = [(s, lens) for lens, by in scores.items() if (s := by.get(p.id)) is not None]
        if len(scored) < 2:
            continue
        (low, low_lens), (high, high_lens) = min(scored), max(scored)
        if lenses_apart(round(high - low, 2)):
            found.append(LensGap(text(p.name, current_variant()), high_lens, low_lens, round(high - low, 2)))
    return sorted(found, key=lambda g: -g.gap)


def gap_lines(fw: Framework, scores: Mapping[str, Mapping[str, float | None]]) -> list[str]:
    """lens_gap_list in plain words: 'Assets: Staff scored it 2.0 higher than People who use services'."""
    return [g.text for g in lens_gap_list(fw, scores)]


def lens_lead(gaps: list[LensGap], principles: int) -> str:
    """The room's main finding in one sentence when lenses differ: 'Staff scored every principle higher than
    People who use services, 1.5 to 2.1 apart (most on Catalysts).'"""
    if not gaps:
        return ""
    pairs = {(g.high, g.low) for g in gaps}
    if len(pairs) == 1:
        high, low = pairs.pop()
        which = (
            _("every principle")
            if len(gaps) == principles
            else _("%(n)d of %(total)d principles") % {"n": len(gaps), "total": principles}
        )
        if len(gaps) == 1:
            which = gaps[0].principle
        spread = (
            _("%(low).1f to %(high).1f") % {"low": gaps[-1].gap, "high": gaps[0].gap}
            if len(gaps) > 1
            else f"{gaps[0].gap:.1f}"
        )
        most = _(" (most on %(principle)s)") % {"principle": gaps[0].principle} if len(gaps) > 1 else ""
        return _("%(high)s scored %(which)s higher than %(low)s: %(spread)s apart%(most)s.") % {
            "high": _(high),
            "which": which,
            "low": _(low),
            "spread": spread,
            "most": most,
        }
    more = len(gaps) - 1
    rest = (
        ngettext(
            "; %(num)d more principle a level or more apart", "; %(num)d more principles a level or more apart", more
        )
        % {"num": more}
        if more
        else ""
    )
    return _("Where the lenses differ most: %(gap)s%(rest)s.") % {"gap": gaps[0].text, "rest": rest}


def lens_lines(
    fw: Framework,
    scores: Mapping[str, Mapping[str, float | None]],
    gaps: Mapping[str, float | None],
    variant: str | None = None,
) -> list[tuple[str, bool]]:
    """(line, apart) for each principle some lens scored: 'Assets: People who use services 0.5, Staff 3.0;
    2.5 apart'. `apart` marks lenses a level or more apart."""
    out = []
    for p in fw.principles:
        parts = [f"{_(lens)} {s:.1f}" for lens, by in scores.items() if (s := by.get(p.id)) is not None]
        if not parts:
            continue
        gap = gaps.get(p.id)
        apart = lenses_apart(gap)
        tail = ""
        if gap is not None:
            tail = (_("; %(gap).1f apart, a level or more") if apart else _("; %(gap).1f apart")) % {"gap": gap}
        out.append((f"{text(p.name, variant or current_variant())}: {', '.join(parts)}{tail}", apart))
    return out


def _sections(result: Result, fw: Framework, variant: str) -> tuple[Section, ...]:
    """Further sections, in order: how each lens scored each principle (marked where they are a level or
    more apart); the room's own placement on the ladder of co-production."""
    out = []
    if result.lenses:
        items = tuple(
            _("! Apart: %(line)s") % {"line": line} if apart else line
            for line, apart in lens_lines(fw, result.lenses, result.gaps, variant)
        )
        out.append(Section(_(LENS_TITLE), (_(LENS_NOTE) % {"gap": LENS_GAP},), items))
    if result.ladder is not None and result.assessment.ladder:
        out.append(placement_section(result.ladder, result.assessment.ladder, variant))
    return tuple(out)


def _grow_all(result: Result, cat: Catalogue, variant: str) -> tuple[GrowView, ...]:
    """What to do about each weak principle; a case study or a reading suggested twice is described once.
    Case studies stay in English (the pages say so in Welsh); the principle's name follows `variant`."""
    shown: set[str] = set()
    read: set[str] = set()
    return tuple(_grow(result, cat, pid, shown, read, variant) for pid in result.weakest)


def _grow(result: Result, cat: Catalogue, pid: str, shown: set[str], read: set[str], variant: str) -> GrowView:
    p = cat.framework.principle(pid)
    name = text(p.name, variant)
    studies = []
    for s in result.suggestions:
        if s.principle != pid:
            continue
        c = cat.case_study(s.case_study)
        repeat = c.slug in shown
        shown.add(c.slug)
        studies.append(
            CaseStudyView(
                c.slug,
                c.name,
                c.location,
                s.rating,
                s.reason,
                " ".join(c.summary.split()),
                s.question,
                s.shared_keywords,
                repeat,
            )
        )
    steps = tuple(
        StepView(s.text, s.name, s.case_study, name, s.example) for s in result.next_steps if s.principle == pid
    )
    reading = []
    for r in result.resources:
        if r.principle == pid and r.resource not in read:
            read.add(r.resource)
            reading.append(ReadingView(r.title, _credit(r.author, r.year), r.description, r.url))
    return GrowView(pid, name, p.colour, result.scores[pid].score, tuple(studies), steps, tuple(reading))


def _credit(author: str | None, year: int | None) -> str:
    parts = [str(x) for x in (author, year) if x]
    return f"({', '.join(parts)})" if parts else ""


def _answer(
    fw: Framework, value: int | None, votes: list[int] | None, qid: str, wording: str, variant: str
) -> AnswerView:
    answer = _("skipped") if value is None else f"{value} ({fw.label(value, variant)})"
    return AnswerView(question_label(fw, qid, variant), wording, answer, tuple(votes or ()))


# -- progress over time --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SnapshotView:
    date: str
    depth: str  # the depth's name
    levels: dict[str, int | None]
    grid: GridView | None


@dataclass(frozen=True, slots=True)
class ChangeRow:
    name: str
    colour: str
    before: str  # score, one decimal, or "-"
    after: str
    change: str  # "up 0.7", "down 1.0", "no change", "not comparable"


@dataclass(frozen=True, slots=True)
class NoteChange:
    principle: str
    before: str | None
    after: str | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True, slots=True)
class CompareView:
    """What `compare` shows people: each result's wedge, what moved, and the grid cell and notes then and now."""

    title: str
    service: str | None
    principles: tuple[tuple[str, str, str], ...]  # (id, name, colour) for wedges
    scale: tuple[str, ...]
    snapshots: tuple[SnapshotView, ...]
    rows: tuple[ChangeRow, ...]
    notes: tuple[NoteChange, ...]  # principles with a note then or now
    first: str  # the first result's date
    last: str
    sections: tuple[Section, ...] = ()

    depth_line: str = ""  # "Depth (our rule): Intermediate then Transformative", in the view's language
    grid_line: str = ""  # "Plan and deliver: ... then ..."


def change_text(delta: float | None) -> str:
    if delta is None:
        return _("not comparable")
    if delta > 0:
        return _("up %(delta).1f") % {"delta": delta}
    if delta < 0:
        return _("down %(delta).1f") % {"delta": -delta}
    return _("no change")


def build_compare_view(c: Comparison, fw: Framework, variant: str | None = None) -> CompareView:
    """The view of a comparison that the terminal and the HTML page both read, in the language in use
    (i18n.current): its own words through gettext, the catalogue's in `variant` (default: that language's)."""
    v = variant or current_variant()
    snaps = []
    for s in c.snapshots:
        a = s.assessment
        grid = None if a.plan is None or a.deliver is None else grid_view(fw, fw.grid.place(a.plan, a.deliver), v)
        snaps.append(SnapshotView(s.assessment.date, text(fw.depth(s.depth).name, v), levels_of(s.scores), grid))
    changes = c.changes()
    rows = tuple(
        ChangeRow(
            text(p.name, v),
            p.colour,
            score_text(changes[p.id]["before"]),
            score_text(changes[p.id]["after"]),
            change_text(changes[p.id]["delta"]),
        )
        for p in fw.principles
    )
    a0, a1 = c.snapshots[0].assessment, c.snapshots[-1].assessment
    notes = tuple(
        NoteChange(text(p.name, v), a0.notes.get(p.id), a1.notes.get(p.id))
        for p in fw.principles
        if a0.notes.get(p.id) or a1.notes.get(p.id)
    )
    sections = []
    if c.ladder is not None:
        lines = []
        for s in c.snapshots:
            placed = s.assessment.ladder
            summary = placement_summary(c.ladder, placed, v) if placed else _("not placed")
            lines.append(f"{s.assessment.date}: {summary}")
        sections.append(Section(_(PLACEMENT_TITLE), (text(c.ladder.placement, v),), tuple(lines)))
    service = a1.service
    d0, d1 = snaps[0].depth, snaps[-1].depth
    g0, g1 = (g.name if g else _("not placed") for g in (snaps[0].grid, snaps[-1].grid))
    return CompareView(
        title=_("Progress: %(service)s") % {"service": service} if service else _("Progress"),
        service=service,
        principles=tuple((p.id, text(p.name, v), p.colour) for p in fw.principles),
        scale=tuple(fw.label(s.value, v) for s in fw.scale),
        snapshots=tuple(snaps),
        rows=rows,
        notes=notes,
        first=a0.date,
        last=a1.date,
        sections=tuple(sections),
        depth_line=(
            _("%(label)s: %(before)s then %(after)s (unchanged)")
            if d0 == d1
            else _("%(label)s: %(before)s then %(after)s")
        )
        % {"label": _(DEPTH_SHORT), "before": d0, "after": d1},
        grid_line=(
            _("Plan and deliver: %(before)s then %(after)s (unchanged)")
            if g0 == g1
            else _("Plan and deliver: %(before)s then %(after)s")
        )
        % {"before": g0, "after": g1},
    )
