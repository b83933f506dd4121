"""Zips and workbooks: a zip's one data file, and a workbook's sheet as rows of text (python-calamine)."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time, timedelta

from ..errors import InputError, excerpt
from ..i18n import _, ngettext
from .guard import check_workbook
from .read import MAX_WORKBOOK, ZIP_MAGIC, SourceError, read_all


def unzip(data: bytes, source: str) -> tuple[bytes, str]:
    """A zip's one data file: (its bytes, its name). A workbook (which is also a zip) is returned as is."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise SourceError(_("%(file)s is a damaged zip file; download it again.") % {"file": source}) from None
    with archive:
        names = archive.namelist()
        if "[Content_Types].xml" in names or "mimetype" in names:
            return data, source  # .xlsx, .xlsm, .ods: read by the workbook reader
        files = [i for i in archive.infolist() if not i.is_dir() and not i.filename.startswith(("__MACOSX/", "."))]
        if len(files) != 1:
            listed = ", ".join(excerpt(i.filename) for i in files[:5]) or _("nothing")
            raise SourceError(
                ngettext(
                    "%(file)s holds %(n)d files (%(names)s); coprotool reads a zip holding one CSV or workbook: "
                    "unzip it and score the file you want.",
                    "%(file)s holds %(n)d files (%(names)s); coprotool reads a zip holding one CSV or workbook: "
                    "unzip it and score the file you want.",
                    len(files),
                )
                % {"file": source, "n": len(files), "names": listed}
            )
        member = files[0]
        name = f"{source} ({excerpt(member.filename)})"
        if member.file_size > MAX_WORKBOOK:
            raise SourceError(
                _(
                    "%(file)s is %(mb)d MB unzipped, more than the %(limit)d MB coprotool reads from a zip; unzip it "
                    "and score the file."
                )
                % {"file": name, "mb": member.file_size // 1048576, "limit": MAX_WORKBOOK // 1048576}
            )
        try:
            with archive.open(member) as fh:
                inner = read_all(fh, b"", name)  # counted as read: the size in the header may lie
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError) as exc:
            raise SourceError(
                _("%(file)s cannot be unzipped (%(why)s); unzip it yourself and score the file.")
                % {"file": name, "why": exc}
            ) from None
        if inner.startswith(ZIP_MAGIC):
            try:
                with zipfile.ZipFile(io.BytesIO(inner)) as nested:
                    if "[Content_Types].xml" not in nested.namelist() and "mimetype" not in nested.namelist():
                        raise SourceError(
                            _("%(file)s is a zip inside a zip; unzip it and score the file inside.") % {"file": name}
                        )
            except zipfile.BadZipFile:
                raise SourceError(_("%(file)s is a damaged zip file; download it again.") % {"file": name}) from None
        return inner, name


# What a reader's failure must never swallow: the user's Ctrl-C and the interpreter's own exits.
_STOPS = (KeyboardInterrupt, SystemExit, GeneratorExit)


def workbook_rows(data: bytes, source: str, sheet: str | None) -> tuple[list[list[str]], str, int, list[str]]:
    """A workbook's first sheet (or the one named) as rows of text, the sheet's name, its first column used
    (from 0), and every sheet's name. Row i of the list is the sheet's row i + 1; cell j of a row is that
    column plus j."""
    from python_calamine import CalamineWorkbook

    errors = check_workbook(data, source).errors
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except _STOPS:
        raise
    except BaseException as exc:  # CalamineError, ValueError, OSError, or a Rust panic (pyo3 makes it a BaseException)
        raise SourceError(
            _("%(file)s cannot be read as a workbook (%(why)s); open it in a spreadsheet and save it as .xlsx or CSV.")
            % {"file": source, "why": excerpt(exc, 80)}
        ) from None
    try:
        names = list(book.sheet_names)
        if not names:
            raise SourceError(_("%(file)s has no sheets.") % {"file": source})
        if sheet is None:
            chosen = names[0]
        else:
            matches = [n for n in names if n == sheet] or [n for n in names if n.strip().lower() == sheet.lower()]
            if not matches:
                listed = ", ".join(f"'{excerpt(n)}'" for n in names)
                raise InputError(
                    _("%(file)s has no sheet '%(sheet)s'; its sheets are %(sheets)s.")
                    % {"file": source, "sheet": excerpt(sheet), "sheets": listed}
                )
            chosen = matches[0]
        try:
            found = book.get_sheet_by_name(chosen)
            rows = [[cell_text(c) for c in row] for row in found.iter_rows()]
            first_column = found.start[1] if found.start else 0
            _put_errors(rows, errors.get(chosen, {}), first_column)
        except _STOPS:
            raise
        except BaseException as exc:  # as above: an odd sheet can make the reader panic
            raise SourceError(
                _("%(file)s: sheet '%(sheet)s' cannot be read (%(why)s).")
                % {"file": source, "sheet": excerpt(chosen), "why": excerpt(exc, 80)}
            ) from None
    finally:
        book.close()
    return rows, chosen, first_column, names


def _put_errors(rows: list[list[str]], errors: dict[tuple[int, int], str], first_column: int) -> None:
    """Error cells as their text (#DIV/0!), as a CSV export shows them: the reader gives them as blanks.
    The reader's rows start at the sheet's first row, its columns at the first column used."""
    for (r, c), text in errors.items():
        c -= first_column
        if 0 <= r < len(rows) and c >= 0:
            row = rows[r]
            row.extend([""] * (c + 1 - len(row)))
            row[c] = text


def cell_text(value: object) -> str:
    """A workbook cell as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)
