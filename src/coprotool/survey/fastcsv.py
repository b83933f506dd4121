"""The fast path of `coprotool score` for CSV in and CSV out.

Most survey rows are plain: no quotes, the right number of fields, every answer valid. For those, a
line is split on the delimiter, each principle's cells are looked up in a memo of already-scored
patterns, and the output line is joined from pre-formatted pieces, with no per-cell parsing at all.
Anything else (quotes, a wrong field count, a new or bad pattern) goes through the general path in
`batch`, which is exact and reports errors. The per-layout loop is generated once (as
`collections.namedtuple` does) so that each row costs a handful of dictionary look-ups.

One process: on two CPUs, scoring blocks in worker processes was no faster than this loop
(bench/score.py, 1,000,000 rows), and workers made Ctrl-C slow and noisy, so they were removed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple, TextIO

from ..model import PRINCIPLE_IDS, SCALE_MAX
from ..scoring import PrincipleScore
from .headers import Layout
from .open import ScoreRun
from .read import Broken, read_record
from .rows import Rejected, Scored
from .write import FORMULA_START, CsvOut, neutralise

MEMO_LIMIT = 100_000
MAX_FAST = 100_000  # longer lines take the general path
UNRANKED = (1 << 30) + 7  # the rank of a principle that cannot be weakest: sorts last, names nothing


class Piece(NamedTuple):
    """A principle's score for one pattern of cells, with its output text and its rank for "weakest"."""

    score: PrincipleScore
    text: str  # 'score,level'
    rank: int  # by score, then principle order; UNRANKED when not assessed or at the top level


def piece(score: PrincipleScore, i: int) -> Piece:
    text = ("" if score.score is None else f"{score.score:g}") + "," + ("" if score.level is None else str(score.level))
    # The same rule as scoring.weakest: lowest score first, ties in order, the top level left out.
    unranked = score.score is None or (score.level or 0) >= SCALE_MAX
    return Piece(score, text, UNRANKED if unranked else round(score.score * 100) * 8 + i)  # type: ignore[operator]


class FastCsv:
    """Turns a line into an output line, or hands it to the general path."""

    def __init__(self, layout: Layout, safe: bool):
        self.memos: list[dict[tuple[str, ...], Piece]] = [{} for _ in PRINCIPLE_IDS]
        self.depths: dict[tuple[int | None, ...], str] = {}
        self.safe = safe
        self.loop = self._compile(layout)

    def _compile(self, layout: Layout) -> Callable[..., int]:
        """Build `loop(lines, line_no, write, slow, tick)`: writes plain lines, hands others to `slow`.

        `slow(text, line_no)` returns (lines it consumed beyond the first, stop?)."""
        delim = layout.delimiter
        width = len(layout.columns)
        cols = {
            pid: [c.pos for c in layout.questions if c.question and c.question.split(".")[0] == pid]
            for pid in PRINCIPLE_IDS
        }
        memos = ", ".join(f"m{i}=m{i}" for i in range(6))

        def otherwise_slow(condition: str) -> list[str]:
            """Lines that hand the current line to the general path when `condition` holds."""
            return [
                f"        if {condition}:",
                "            extra, stop = slow(text, line_no)",
                "            line_no += extra",
                "            if stop:",
                "                break",
                "            continue",
            ]

        body = [
            f"def loop(lines, line_no, write, slow, tick, {memos}, depths=depths, FS=FS, NAMES=NAMES, safe=safe):",
            "    scored = 0",
            "    for text in lines:",
            "        line_no += 1",
            *otherwise_slow(f"'\"' in text or '\\x00' in text or len(text) > {MAX_FAST}"),
            # CRLF: the CR that ends the line goes; a CR anywhere else is data, for the general path.
            "        body = text",
            "        if '\\r' in text:",
            "            body = text[:-1]",
            *[x.replace("        ", "            ", 1) for x in otherwise_slow("'\\r' in body or text[-1] != '\\r'")],
            f"        row = body.split({delim!r})",
            *otherwise_slow(f"len(row) != {width}"),
        ]
        for i, pid in enumerate(PRINCIPLE_IDS):
            key = "(" + "".join(f"row[{j}], " for j in cols[pid]) + ")"
            body.append(f"        r{i} = m{i}.get({key})")
        checks = " or ".join(f"r{i} is None" for i in range(6))
        body += [
            f"        tail = None if {checks} else depths.get((" + "".join(f"r{i}[0][2], " for i in range(6)) + "))",
            *otherwise_slow("tail is None"),
        ]
        fields = []
        for k, c in enumerate(layout.passthrough):
            body.append(f"        p{k} = row[{c.pos}]")
            if self.safe:
                body += [f"        if p{k}[:1] in FS:", f"            p{k} = safe(p{k})"]
            fields.append(f"{{p{k}}}")
        if delim != "," and layout.passthrough:
            # A comma inside a field would need quoting in the comma-separated output.
            cond = " or ".join(f"',' in p{k}" for k in range(len(layout.passthrough)))
            body += otherwise_slow(cond)
        pieces = fields + [f"{{r{i}[1]}}" for i in range(6)]
        answered = " + ".join(f"r{i}[0][3]" for i in range(6))
        weak = ", ".join(f"r{i}[2]" for i in range(6))
        body += [
            f'        write(f"{",".join(pieces)},{{{answered}}}{{tail}}{{NAMES[min({weak}) & 7]}}\\n")',
            "        scored += 1",
            "        if not scored & 16383:",
            "            tick()",
            "    return scored",
        ]
        namespace: dict[str, Any] = {f"m{i}": self.memos[i] for i in range(6)}
        namespace.update(depths=self.depths, FS=FORMULA_START, NAMES=[*PRINCIPLE_IDS, "", ""], safe=neutralise)
        exec("\n".join(body), namespace)
        return namespace["loop"]  # type: ignore[no-any-return]

    def learn(self, run: ScoreRun, raw: list[str], row: Scored) -> None:
        """Remember the pieces of a row the general path scored, so lines like it take the fast path."""
        for i, (_pid, get, _headers, _asked, _memo) in enumerate(run.scorer.principles):
            memo = self.memos[i]
            if len(memo) < MEMO_LIMIT:
                memo[get(raw)] = piece(row.scores[i], i)
        levels = tuple(s.level for s in row.scores)
        if levels not in self.depths:
            self.depths[levels] = f"/{row.asked},{row.depth},"


def run_csv(
    run: ScoreRun,
    out: TextIO,
    safe: bool,
    on_reject: Callable[[Rejected], bool],
    tick: Callable[[], None] = lambda: None,
) -> int:
    """Score every row of an open CSV survey into `out` as CSV; returns the number scored.

    `on_reject` is told of each bad row (in order) and returns True to stop there. A workbook (no CSV
    text) takes the general path.
    """
    run.require_questions()
    general = CsvOut(out.write, run.layout, safe)
    general.header()
    scored = 0

    def score_one(rec: Any) -> bool:
        nonlocal scored
        result = run.score_record(rec)
        if isinstance(result, Rejected):
            return on_reject(result)
        general.write(result)
        if not isinstance(rec, Broken) and len(rec.fields) == run.scorer.width:
            fast.learn(run, rec.fields, result)
        scored += 1
        return False

    fast = FastCsv(run.layout, safe)
    if run.lines is None:
        for rec in run.records():
            if score_one(rec):
                return scored
        return scored
    for rec in run.pending:
        if score_one(rec):
            return scored
    lines: Iterator[str] = run.lines
    delimiter = run.layout.delimiter

    def slow(text: str, at: int) -> tuple[int, bool]:
        if not text or text == "\r":
            return 0, False  # a blank line
        rec = read_record(text, lines, at, delimiter, run.source)
        return rec.lines - 1, score_one(rec)

    fast_scored = fast.loop(lines, run.line, out.write, slow, tick)  # first: slow() adds to `scored`
    return scored + fast_scored
