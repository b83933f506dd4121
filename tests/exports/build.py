"""Survey exports laid out as each tool writes them, built from code (so they follow the catalogue's
question texts) into a folder. Layouts follow each tool's documentation and real exports in public
repositories: the header rows, the metadata columns, how a grid or matrix question is headed and how
answers are coded. Two respondents each, with the answers in RESPONDENTS (scored by hand in the tests).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

LABELS = ["Not yet", "Starting", "Mostly", "Fully"]
# Per principle, in catalogue question order; None is left unanswered, "na" is the tool's N/A.
RESPONDENTS = [
    {
        "assets": [3, 3, 2],
        "capabilities": [2, 2, 2],
        "mutuality": [1, 1, 1, 1, 1],
        "networks": [0, 1, 2],
        "blur_roles": [3, 3, 3, 3],
        "catalysts": [2, 2, 1, 1],
    },
    {
        "assets": [0, "na", 0],
        "capabilities": [1, 1, 0],
        "mutuality": [None, None, None, None, None],
        "networks": [3, 3, 3],
        "blur_roles": [2, 2, 2, 2],
        "catalysts": [3, 3, 3, 2],
    },
]


def answers(questions: Sequence, respondent: dict, code: Callable[[object], object]) -> list:
    """One respondent's answers in question order, each written by `code` (None and 'na' included)."""
    by_principle: dict[str, list] = {pid: list(v) for pid, v in respondent.items()}
    return [code(by_principle[q.principle].pop(0)) for q in questions]


def write_csv(path: Path, rows: Sequence[Sequence[object]], **kw) -> Path:
    buf = io.StringIO()
    csv.writer(buf, lineterminator=kw.pop("lineterminator", "\r\n"), **kw).writerows(rows)
    path.write_bytes(buf.getvalue().encode(kw.get("encoding", "utf-8")))
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[object]], sheet: str = "Sheet1", extra_sheet: bool = False) -> Path:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    if extra_sheet:
        book.add_worksheet("Summary").write_string(0, 0, "Totals are on the next sheet")
    ws = book.add_worksheet(sheet)
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            if v is None or v == "":
                continue
            if isinstance(v, (int, float)):
                ws.write_number(i, j, v)
            else:
                ws.write_string(i, j, str(v))
    book.close()
    return path


def write_ods(path: Path, rows: Sequence[Sequence[object]], sheet: str = "Form responses 1") -> Path:
    """An OpenDocument spreadsheet built by hand: the mimetype first and stored, a manifest, content.xml."""
    cells_xml = []
    for row in rows:
        cells = []
        for v in row:
            if v is None or v == "":
                cells.append("<table:table-cell/>")
            elif isinstance(v, (int, float)):
                number = f'office:value-type="float" office:value="{v}"'
                cells.append(f"<table:table-cell {number}><text:p>{v}</text:p></table:table-cell>")
            else:
                cells.append(
                    f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p></table:table-cell>'
                )
        cells_xml.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{escape(sheet)}">'
        + "".join(cells_xml)
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


# -- the tools ---------------------------------------------------------------------------------------
def label(v: object, na: str = "") -> object:
    return "" if v is None else na if v == "na" else LABELS[v]  # type: ignore[index]


def google_forms(questions: Sequence) -> list[list[object]]:
    """Timestamp, e-mail, a choice question, then each question by its title; the networks questions
    as one grid ('Grid title [row]'). Answers are the option labels."""
    header = ["Timestamp", "Email address", "Which team are you in?"]
    for q in questions:
        header.append(f"How strong are our networks? [{q.text}]" if q.principle == "networks" else q.text)
    rows = [header]
    for i, r in enumerate(RESPONDENTS):
        rows.append(
            [f"2026/11/0{i + 1} 10:1{i}:00 AM GMT", f"p{i}@example.org", "North", *answers(questions, r, label)]
        )
    return rows


def microsoft_forms(questions: Sequence) -> list[list[object]]:
    """ID, Start time, Completion time, Email, Name, then questions; a Likert question's statements as
    'Likert title.Statement'."""
    header = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"]
    for q in questions:
        header.append(f"How we work together.{q.text}" if q.principle in ("mutuality", "blur_roles") else q.text)
    rows = [header]
    for i, r in enumerate(RESPONDENTS):
        rows.append([i + 1, "11/1/26 9:00:00", "11/1/26 9:21:13", "anonymous", "", "", *answers(questions, r, label)])
    return rows


def surveymonkey(questions: Sequence, numbered: bool = False) -> list[list[object]]:
    """Two header rows: metadata names over blanks; a matrix's title over its first column with its
    statements in the second row; single questions over 'Response'. Matrix N/A column answers 'N/A'."""
    meta = [
        "Respondent ID",
        "Collector ID",
        "Start Date",
        "End Date",
        "IP Address",
        "Email Address",
        "First Name",
        "Last Name",
        "Custom Data 1",
    ]
    first, second = list(meta), [""] * len(meta)
    seen: set[str] = set()
    for q in questions:
        if q.principle in ("capabilities", "catalysts"):
            first.append("" if q.principle in seen else f"Thinking about {q.principle}, how far is each true?")
            second.append(q.text)
            seen.add(q.principle)
        else:
            first.append(q.text)
            second.append("Response")
    rows = [first, second]
    for i, r in enumerate(RESPONDENTS):
        meta_row = [11400000000 + i, 400000001, "11/01/2026 09:00:00 AM", "11/01/2026 09:09:00 AM", "", "", "", "", ""]
        rows.append(meta_row + answers(questions, r, lambda v: label(v, "N/A")))
    return rows


def qualtrics(questions: Sequence) -> list[list[object]]:
    """Three header rows: column ids, question texts ('Matrix - Statement'), then ImportId JSON. Values
    numbered from 1 (Qualtrics' default recode)."""
    meta = [
        "StartDate",
        "EndDate",
        "Status",
        "IPAddress",
        "Progress",
        "Duration (in seconds)",
        "Finished",
        "RecordedDate",
        "ResponseId",
    ]
    texts = [
        "Start Date",
        "End Date",
        "Response Type",
        "IP Address",
        "Progress",
        "Duration (in seconds)",
        "Finished",
        "Recorded Date",
        "Response ID",
    ]
    ids = [f'{{"ImportId":"{m[0].lower() + m[1:]}"}}' for m in meta]
    ids[0] = '{"ImportId":"startDate","timeZone":"Europe/London"}'
    for n, q in enumerate(questions, start=1):
        meta.append(f"Q{1 + n // 8}_{n}")
        texts.append(f"Please rate each statement about our service - {q.text}")
        ids.append(f'{{"ImportId":"QID{1 + n // 8}_{n}"}}')
    rows = [meta, texts, ids]
    for i, r in enumerate(RESPONDENTS):
        m = [
            "2026-11-01 09:00:00",
            "2026-11-01 09:12:00",
            "IP Address",
            "",
            "100",
            "720",
            "True",
            "2026-11-01 09:12:01",
            f"R_{i}abcXYZ",
        ]
        rows.append(m + answers(questions, r, lambda v: "" if v in (None, "na") else v + 1))
    return rows


def limesurvey(questions: Sequence) -> list[list[object]]:
    """'Question code and text' headers ('Q01. text'), metadata as 'id. Response ID'; answer codes A1..A4."""
    header = [
        "id. Response ID",
        "submitdate. Date submitted",
        "lastpage. Last page",
        "startlanguage. Start language",
        "seed. Seed",
    ]
    header += [f"Q{n:02d}. {q.text}" for n, q in enumerate(questions, start=1)]
    rows = [header]
    for i, r in enumerate(RESPONDENTS):
        codes = answers(questions, r, lambda v: "" if v in (None, "na") else f"A{v + 1}")  # type: ignore[operator]
        rows.append([i + 1, "2026-11-01 09:30:00", 3, "en", 1234 + i, *codes])
    return rows


def reword(text: str) -> str:
    """A question as a form builder might retype it: the first comma dropped, and 'our' for 'the' (or
    'the' for 'our') once."""
    out = text.replace(",", "", 1)
    for a, b in ((" the ", " our "), (" our ", " the ")):
        if a in out:
            return out.replace(a, b, 1)
    return out


def reworded(questions: Sequence) -> list[str]:
    """The ids of five questions (spread over the principles) that rewording changes."""
    changed = [q for q in questions if reword(q.text) != q.text]
    return [q.id for q in changed[:: max(1, len(changed) // 5)][:5]]


def jotform(questions: Sequence) -> list[list[object]]:
    """Submission Date, the questions (five of them reworded), Submission IP and ID at the end."""
    changed = set(reworded(questions))
    texts = [reword(q.text) if q.id in changed else q.text for q in questions]
    header = ["Submission Date", *texts, "Submission IP", "Submission ID"]
    rows = [header]
    for i, r in enumerate(RESPONDENTS):
        rows.append([f"Nov 1, 2026 9:0{i} am", *answers(questions, r, label), "203.0.113.7", f"58{i}0000000"])
    return rows


def typeform(questions: Sequence) -> list[list[object]]:
    """'#' (the response token) first, question titles, then the start and submit dates in UTC."""
    header = ["#"] + [q.text for q in questions] + ["Start Date (UTC)", "Submit Date (UTC)", "Network ID"]
    rows = [header]
    for i, r in enumerate(RESPONDENTS):
        values = answers(questions, r, lambda v: "" if v in (None, "na") else v)
        rows.append([f"tok{i}abc", *values, "2026-11-01 09:00:00", "2026-11-01 09:05:00", "a1b2c3"])
    return rows


# -- exports that once needed hand work --------------------------------------------------------------
WELSH = ["Ddim eto", "Yn dechrau", "Gan amlaf", "Yn llawn"]


def citizen_space(questions: Sequence) -> list[list[object]]:
    """Response ID and the respondent's organisation, then the questions; a skipped question is 'Not Answered'."""
    header = ["Response ID", "Organisation", *[q.text for q in questions]]
    rows = [header]
    for i, r in enumerate(RESPONDENTS):
        rows.append(
            [
                f"ANON-{i}QRS-7",
                "Riverside",
                *answers(questions, r, lambda v: label(v, "Not Answered") or "Not Answered"),
            ]
        )
    return rows


def redcap_raw(questions: Sequence) -> list[list[object]]:
    """REDCap's raw export: record_id, variable names like assets_1, numbers, and the form's complete flag."""
    header = ["record_id", "redcap_survey_identifier", *[q.id.replace(".", "_") for q in questions]]
    rows = [[*header, "co_production_check_complete"]]
    for i, r in enumerate(RESPONDENTS):
        rows.append([i + 1, "", *answers(questions, r, lambda v: "" if v in (None, "na") else v), 2])
    return rows


def kobo(questions: Sequence) -> list[list[object]]:
    """KoboToolbox's CSV with XML names: group paths (grp_assets/asse_q1) and choice names (not_yet)."""
    names = {"not yet": "not_yet", "starting": "starting", "mostly": "mostly", "fully": "fully"}
    counts: dict[str, int] = {}
    header = ["start", "end", "team"]
    for q in questions:
        counts[q.principle] = counts.get(q.principle, 0) + 1
        header.append(f"grp_{q.principle}/{q.principle[:4]}_q{counts[q.principle]}")
    header += ["_id", "_uuid", "_submission_time"]
    rows = [header]
    for i, r in enumerate(RESPONDENTS):
        values = answers(questions, r, lambda v: "" if v in (None, "na") else names[LABELS[v].lower()])  # type: ignore[index]
        rows.append(["2026-11-01T09:00:00", "2026-11-01T09:10:00", "north", *values, 100 + i, f"u{i}", "2026-11-01"])
    return rows


def bilingual_forms(questions: Sequence) -> list[list[object]]:
    """A bilingual Microsoft Forms export: answers as 'Welsh / English' labels."""
    rows = microsoft_forms(questions)
    for row in rows[1:]:
        for j, v in enumerate(row[6:], start=6):
            if v in LABELS:
                row[j] = f"{WELSH[LABELS.index(v)]} / {v}"
    return rows


def titled_sheet(questions: Sequence) -> list[list[object]]:
    """A team's own spreadsheet: a title, a note and a blank row above the header (on row 5)."""
    rows = google_forms(questions)
    return [["Co-production check: Riverside"], ["Collated by the team, November 2026"], [], ["Team:", "North"], *rows]


def write_titled_xlsx(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    """`rows` as a workbook whose title rows are merged across the header's width, as a team would."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    ws = book.add_worksheet("Responses")
    width = max(len(r) for r in rows)
    for i, row in enumerate(rows):
        if len(row) == 1:
            ws.merge_range(i, 0, i, width - 1, str(row[0]))
            continue
        for j, v in enumerate(row):
            if v not in (None, ""):
                ws.write_string(i, j, str(v))
    book.close()
    return path
