"""Survey scoring: read a survey export as it comes, match its columns to the questions, code its
answers, score each row and write the results.

The path, in order: `read` (kinds, encodings, CSV records) and `workbook` (zips, workbooks); `headers`
(header rows, columns to questions); `coding` (a cell to a scale value); `open` (a file to a `ScoreRun`);
`rows` (a row to a `Scored` or a `Rejected`); `groups`, `write` and `formats` (summaries, CSV, JSON and
workbooks out); `run` (`score_survey`: the whole run, returning a `ScoreSummary`). Nothing here prints or
prompts: notices go to callbacks and come back as data.
"""

from __future__ import annotations

from .headers import Layout, fold, question_index
from .open import OutputOptions, ReadOptions, ScoreRequest, ScoreRun, open_survey, score_file
from .read import SourceError
from .rows import Rejected, Scored
from .run import BadRow, Hooks, Mapping, Note, Notice, ScoreSummary, TableCut, TableView, check_request, score_survey

__all__ = [
    "BadRow",
    "Hooks",
    "Layout",
    "Mapping",
    "Note",
    "Notice",
    "OutputOptions",
    "ReadOptions",
    "Rejected",
    "ScoreRequest",
    "ScoreRun",
    "ScoreSummary",
    "Scored",
    "SourceError",
    "TableCut",
    "TableView",
    "check_request",
    "fold",
    "open_survey",
    "question_index",
    "score_file",
    "score_survey",
]
