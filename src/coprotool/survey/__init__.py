"""Survey scoring: read a survey export as it comes, match its columns to the questions, code its
answers, score each row and write the results.

The path, in order: `read` (kinds, encodings, CSV records) and `workbook` (zips, workbooks); `headers`
(header rows, columns to questions); `coding` (a cell to a scale value); `open` (a file to a `ScoreRun`);
`rows` (a row to a `Scored` or a `Rejected`); `groups` and `write` (summaries, CSV out). Nothing here
prints or prompts: notes and rejected rows go to callbacks.
"""

from __future__ import annotations

from .headers import Layout, fold, question_index
from .open import ReadOptions, ScoreRequest, ScoreRun, open_survey, score_file
from .read import SourceError
from .rows import Rejected, Scored

__all__ = [
    "Layout",
    "ReadOptions",
    "Rejected",
    "ScoreRequest",
    "ScoreRun",
    "Scored",
    "SourceError",
    "fold",
    "open_survey",
    "question_index",
    "score_file",
]
