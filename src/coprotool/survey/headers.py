"""Which column of a survey file answers which question, and how many rows the header takes.

A header names a question by its id (`assets.1`), by its exact text (case, spacing and end punctuation
aside), by containing exactly one question's text (`Q01. text`, `Matrix - text`, `Title.text`,
`Section [text]`), or by near wording (rapidfuzz) where one question is clearly closest. Header rows: the
first, plus SurveyMonkey's row of sub-labels and Qualtrics' question-text and ImportId rows, recognised
from their shape; a row holding any answer on the scale is data, never a header.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from ..errors import CoprotoolError, InputError, excerpt
from ..i18n import _
from ..model import Framework, Question

SUB_HEADER_WORDS = frozenset({"response", "open-ended response", "open ended response", "other (please specify)"})
NEAR = 88  # rapidfuzz ratio (0-100) a header must reach to count as a question's wording
CLEAR = 6  # and by how much it must beat the next question
# No question's wording comes near this length: a longer cell (a pasted note, a huge field) is no heading, and is
# not run through the patterns below, which would cost seconds on a cell of megabytes.
LONGEST_HEADER = 1000
_PUNCT_END = re.compile(r"[\s?.:!*]+$")
_SPACE = re.compile(r"\s+")
_BRACKET = re.compile(r"\[([^\[\]]+)\]\s*$")
_IMPORT_ID = re.compile(r'^\{\s*"ImportId"\s*:', re.IGNORECASE)
_PREFIX = re.compile(r"^(?:[A-Za-z]{0,3}\d+[A-Za-z]?(?:[._]\d+)*[.):\]]?\s+|.*?\s[-–:]\s|[^.]{1,80}\.(?=\S))")


def fold(text: str) -> str:
    """A header as matched: case, spacing and trailing punctuation ignored."""
    return _PUNCT_END.sub("", _SPACE.sub(" ", text.strip().lower()))


class HeaderError(CoprotoolError):
    """A header that cannot work: no question column, or one question in two columns (exit 1)."""


class Column(NamedTuple):
    pos: int  # 0-based column number
    header: str
    question: str | None  # question id, or None for a pass-through column
    how: str = ""  # id, text, name, path, contains, near, --column; or '' for a pass-through column
    score: float = 100.0  # how near, for 'near'


class Layout(NamedTuple):
    """How a file's columns map to questions."""

    columns: tuple[Column, ...]
    header_rows: int  # 1; 2 with SurveyMonkey's sub-labels; 3 with Qualtrics' rows
    delimiter: str  # '' for a workbook
    missing: tuple[str, ...]  # question ids no column answers

    @property
    def questions(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.question)

    @property
    def passthrough(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if not c.question)

    def as_dict(self) -> dict[str, Any]:
        return {
            "delimiter": self.delimiter,
            "header_rows": self.header_rows,
            "columns": [
                {"column": c.pos + 1, "header": c.header, "question": c.question, "matched_by": c.how or None}
                for c in self.columns
            ],
            "missing_questions": list(self.missing),
        }


def _texts(q: Question) -> list[str]:
    """Every wording of a question, in every variant, current and former: headers from any of them match."""
    return list(q.wordings)


_ID_LIKE = re.compile(r"([a-z][a-z _-]*?)[ _.-]?(\d+)")  # assets_1, assets-1, blur roles 2
_PATH_NUMBER = re.compile(r"(\d+)$")  # the question number ending a group path's last part: asse_q1, Q1
_GROUP_PREFIX = re.compile(r"^(?:grp|group|g|sec|section)[ _-]+")


def _slug(text: str) -> str:
    return re.sub(r"[\s_-]+", "_", text.strip().lower())


class Matcher:
    """Finds the question a header names."""

    def __init__(self, fw: Framework):
        self.ids = {q.id.lower(): q.id for q in fw.questions}
        # Principle ids, names and aliases as slugs (blur_roles), for headers like assets_1 or Assets/Q1.
        self.principles: dict[str, str] = {}
        for p in fw.principles:
            for word in (p.id, *getattr(p.name, "all", (p.name,)), *p.aliases):
                self.principles.setdefault(_slug(word), p.id)
        self.texts: dict[str, str] = {}
        for q in fw.questions:
            for t in _texts(q):
                self.texts.setdefault(fold(t), q.id)
        self._choices = list(self.texts)

    def exact(self, cell: str) -> tuple[str, str] | None:
        """By id or text, or Google Forms' grid header 'Title [text]' (its usual form, so exact too)."""
        if len(cell) > LONGEST_HEADER:
            return None
        key = fold(cell)
        if key in self.ids:
            return self.ids[key], "id"
        if key in self.texts:
            return self.texts[key], "text"
        bracket = _BRACKET.search(cell)
        if bracket and fold(bracket.group(1)) in self.texts:
            return self.texts[fold(bracket.group(1))], "text"
        return None

    def named(self, cell: str) -> tuple[str, str] | None:
        """A question id written another way (assets_1, assets-1, Blur roles 2), or a group path naming the
        principle and the question's number (grp_assets/asse_q1, Assets/Q1): (question id, how)."""
        if len(cell) > LONGEST_HEADER:
            return None
        key = fold(cell)
        whole = _ID_LIKE.fullmatch(key)
        if whole:
            qid = self.ids.get(f"{self.principles.get(_slug(whole.group(1)), '')}.{int(whole.group(2))}")
            if qid:
                return qid, "name"
        if "/" not in key:
            return None
        parts = [_slug(p) for p in key.split("/") if p.strip()]
        number = _PATH_NUMBER.search(parts[-1]) if parts else None
        if number is None:
            return None
        pids = {self.principles[_GROUP_PREFIX.sub("", p)] for p in parts if _GROUP_PREFIX.sub("", p) in self.principles}
        if not pids:  # the last part's letters as the start of one principle's id: asse_q1
            stem = re.sub(r"[_\s]*q?\d+$", "", parts[-1])
            pids = {pid for slug, pid in self.principles.items() if len(stem) >= 3 and slug.startswith(stem)}
        if len(pids) != 1:
            return None
        qid = self.ids.get(f"{pids.pop()}.{int(number.group(1))}")
        return (qid, "path") if qid else None

    def names_question(self, cell: str) -> bool:
        """Whether the cell names a question by id, text, another spelling or a wording it contains."""
        return self.exact(cell) is not None or self.named(cell) is not None or self.contains(cell) is not None

    def contains(self, cell: str) -> str | None:
        """The one question whose text the header contains (a text inside another found text is ignored)."""
        if len(cell) > LONGEST_HEADER:
            return None
        key = fold(cell)
        if len(key) < 12:
            return None
        found = [t for t in self._choices if t and t in key]
        found = [t for t in found if not any(t != u and t in u for u in found)]
        qids = {self.texts[t] for t in found}
        return qids.pop() if len(qids) == 1 else None

    def near(self, cell: str) -> tuple[str, float] | None:
        """The question whose text is clearly closest to the header's (or a part after a prefix)."""
        if len(cell) > LONGEST_HEADER:
            return None
        best = self.ranked(cell, 2)
        if not best:
            return None
        (qid, score), rest = best[0], best[1:]
        if score >= NEAR and (not rest or score - rest[0][1] >= CLEAR):
            return qid, score
        return None

    def ranked(self, cell: str, n: int = 3) -> list[tuple[str, float]]:
        """The n questions nearest the header, best first, each with its best score (0-100)."""
        parts = [part for part in _parts(cell) if len(part) >= 12]
        if not parts:  # a short header (Team, Email) is no question's wording: rapidfuzz is not even loaded
            return []
        from rapidfuzz import fuzz, process

        scores: dict[str, float] = {}
        for part in parts:
            for text, score, _i in process.extract(part, self._choices, scorer=fuzz.ratio, limit=n * 2):
                qid = self.texts[text]
                scores[qid] = max(scores.get(qid, 0.0), float(score))
        return sorted(scores.items(), key=lambda kv: -kv[1])[:n]


def question_index(fw: Framework) -> dict[str, str]:
    """Folded question ids and wordings (text, plain, 0.1) to question ids: the exact matches."""
    m = Matcher(fw)
    return {**m.texts, **m.ids}


def _parts(cell: str) -> list[str]:
    """The header, and what follows a form's prefix or a bracket: the places a question's text sits."""
    key = fold(cell)
    parts = [key]
    bracket = _BRACKET.search(cell)
    if bracket:
        parts.append(fold(bracket.group(1)))
    stripped = _PREFIX.sub("", key, count=1)
    if stripped != key:
        parts.append(stripped)
    return parts


def parse_columns(pairs: Sequence[str], fw: Framework) -> dict[str, str]:
    """--column "HEADER=question.id" options as folded header -> question id (one sentence if wrong)."""
    ids = {q.id.lower(): q.id for q in fw.questions}
    out: dict[str, str] = {}
    for pair in pairs:
        header, sep, qid = pair.rpartition("=")
        if not sep or not header.strip():
            raise InputError(
                _("--column takes HEADER=QUESTION, for example 'Q5=assets.1', not '%(given)s'.")
                % {"given": excerpt(pair)}
            )
        key = qid.strip().lower()
        if key not in ids:
            raise InputError(
                _(
                    "--column '%(given)s': '%(id)s' is not a question id; 'coprotool template --format csv' lists "
                    "them (assets.1 ...)."
                )
                % {"given": excerpt(pair), "id": excerpt(qid)}
            )
        out[fold(header)] = ids[key]
    return out


# -- header rows -------------------------------------------------------------------------------------
def header_rows(rows: Sequence[Sequence[str]], matcher: Matcher, is_value: Callable[[str], bool]) -> int:
    """How many of the first rows (1 to 3) are header rows."""
    if len(rows) >= 3 and _import_row(rows[2]):
        return 3  # Qualtrics: ids, question texts, then {"ImportId": ...}
    if len(rows) >= 2 and _import_row(rows[1]):
        return 2
    if len(rows) >= 2 and _sub_header(rows[0], rows[1], matcher, is_value):
        return 2
    return 1


def _import_row(row: Sequence[str]) -> bool:
    cells = [c for c in row if c.strip()]
    return bool(cells) and sum(bool(_IMPORT_ID.match(c.strip())) for c in cells) >= len(cells) / 2


def _sub_header(first: Sequence[str], second: Sequence[str], matcher: Matcher, is_value: Callable[[str], bool]) -> bool:
    """SurveyMonkey's second row: sub-labels ('Response', a matrix's statements) under question or blank
    headers, and no answer on the scale anywhere in it."""
    marked = False
    for i, cell in enumerate(second):
        text = cell.strip()
        if not text:
            continue
        if is_value(text):
            return False
        if len(text) > LONGEST_HEADER:  # names nothing, so it is no sub-label either (and is not folded)
            continue
        above = first[i].strip() if i < len(first) else ""
        under_question = not above or matcher.names_question(above)
        if (fold(text) in SUB_HEADER_WORDS and under_question) or (matcher.names_question(text) and under_question):
            marked = True
    return marked


# -- the layout --------------------------------------------------------------------------------------
def detect_layout(
    fw: Framework,
    heads: Sequence[Sequence[str]],
    delimiter: str,
    source: str,
    columns: Mapping[str, str] | None = None,
    matcher: Matcher | None = None,
) -> Layout:
    """Map header cells (one to three rows) to questions: --column first, then exact, contained and near
    matches in turn, each only among the questions not yet taken."""
    matcher = matcher or Matcher(fw)
    width = max(len(r) for r in heads)
    cells = [[(r[i] if i < len(r) else "").strip() for r in heads] for i in range(width)]
    # The header shown: the first row's text, else the next rows' (a matrix's statement under a blank).
    names = [next((c for c in col if c and not _IMPORT_ID.match(c)), f"column {i + 1}") for i, col in enumerate(cells)]
    found: dict[int, Column] = {}
    wanted = dict(columns or {})
    for i, col in enumerate(cells):
        for c in col:
            qid = wanted.pop(fold(c), None) if c else None
            if qid:
                found[i] = Column(i, names[i], qid, "--column")
                break
    if wanted:
        header = next(iter(wanted))
        raise InputError(
            _("--column names '%(header)s', but %(file)s has no column with that header.")
            % {"header": excerpt(header), "file": source}
        )
    _check_duplicates(found, source)
    taken = {c.question for c in found.values()}
    # Pass 1: exact (any header row); duplicates here are a real problem in the file.
    for i, col in enumerate(cells):
        if i in found:
            continue
        hit = next((m for m in (matcher.exact(c) or matcher.named(c) for c in col if c) if m), None)
        if hit:
            found[i] = Column(i, names[i], hit[0], hit[1])
    _check_duplicates(found, source)
    taken = {c.question for c in found.values()}
    for i, col in enumerate(cells):
        if i in found:
            continue
        qid = next((q for q in (matcher.contains(c) for c in col if c) if q and q not in taken), None)
        if qid:
            found[i] = Column(i, names[i], qid, "contains")
            taken.add(qid)
    _check_duplicates(found, source)
    for i, col in enumerate(cells):
        if i in found:
            continue
        hits = [h for h in (matcher.near(c) for c in col if c) if h and h[0] not in taken]
        if hits:
            qid, score = max(hits, key=lambda h: h[1])
            found[i] = Column(i, names[i], qid, "near", score)
            taken.add(qid)
    out = tuple(found.get(i, Column(i, names[i], None)) for i in range(width))
    missing = tuple(q.id for q in fw.questions if q.id not in {c.question for c in out})
    return Layout(out, len(heads), delimiter, missing)


def _check_duplicates(found: Mapping[int, Column], source: str) -> None:
    seen: dict[str, Column] = {}
    for i in sorted(found):
        c = found[i]
        assert c.question is not None
        if c.question in seen:
            first = seen[c.question]
            raise HeaderError(
                _(
                    "%(file)s: columns %(first)d ('%(first_header)s') and %(second)d ('%(second_header)s') both "
                    "answer question %(question)s; remove or rename one of them, or map one with --column."
                )
                % {
                    "file": source,
                    "first": first.pos + 1,
                    "first_header": _short(first.header),
                    "second": c.pos + 1,
                    "second_header": _short(c.header),
                    "question": c.question,
                }
            )
        seen[c.question] = c


def _short(text: str, n: int = 40) -> str:
    text = excerpt(" ".join(text.split()), 200)
    return text if len(text) <= n else text[: n - 1] + "…"
