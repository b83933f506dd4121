"""Checks on a workbook before the reader opens it, so that no workbook can exhaust memory or abort the
process: each zip member's unpacked size and the whole (counted as unpacked, since a zip's header may
lie), each sheet's declared dimensions and the cells it holds, and an .xls file's size. Error cells
(`#DIV/0!`, `#N/A`) are found here too: the reader gives them as blanks.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from typing import NamedTuple

from ..i18n import _
from .read import SourceError

MAX_MEMBER = 256 * 1024 * 1024  # bytes one member of a workbook may unpack to
MAX_UNPACKED = 512 * 1024 * 1024  # and all of them together
MAX_CELLS = 5_000_000  # rows x columns of one sheet (a survey of 100,000 rows by 50 columns)
MAX_XLS = 30 * 1024 * 1024  # bytes of an .xls (not a zip: read whole by the reader)
CHUNK = 1 << 20

_CELL = re.compile(rb"<c\b([^>]*?)(/?)>")
_ATTR_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_ERROR = re.compile(rb'\bt="e"')
_VALUE = re.compile(rb"<v>([^<]{0,64})</v>")
_DIMENSION = re.compile(rb'<dimension\s+ref="(?:[A-Z]{1,3}[0-9]{1,7}:)?([A-Z]{1,3})([0-9]{1,7})"')
_SHEET = re.compile(rb'<sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"')
_REL_REVERSED = re.compile(rb'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')


class Checked(NamedTuple):
    """What the checks found: per sheet name, its error cells as (row index, column index) -> their text."""

    errors: dict[str, dict[tuple[int, int], str]]


def column_number(letters: str) -> int:
    """'A' -> 1, 'Z' -> 26, 'AA' -> 27, 'XFD' -> 16384."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(number: int) -> str:
    """1 -> 'A', 27 -> 'AA'."""
    out = ""
    while number:
        number, rest = divmod(number - 1, 26)
        out = chr(65 + rest) + out
    return out


def check_xls(data: bytes, source: str) -> None:
    if len(data) > MAX_XLS:
        raise SourceError(
            _(
                "%(file)s is an .xls workbook of %(mb)d MB, more than the %(limit)d MB coprotool reads in that old "
                "format; save it as .xlsx or CSV."
            )
            % {"file": source, "mb": len(data) // 1048576, "limit": MAX_XLS // 1048576}
        )


def check_workbook(data: bytes, source: str) -> Checked:
    """The checks for a workbook's bytes: an .xls by its size, a zip workbook by what it unpacks to."""
    import io

    if not data.startswith(b"PK"):
        check_xls(data, source)
        return Checked({})
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise SourceError(
            _("%(file)s is a damaged workbook; open it in a spreadsheet and save it again.") % {"file": source}
        ) from None
    with archive:
        return check_zip_workbook(archive, source)


def check_zip_workbook(archive: zipfile.ZipFile, source: str) -> Checked:
    """Unpack every member as a stream, counting; refuse one that is too big, too big in all, or a sheet
    too large. Returns the error cells of each sheet (xlsx, xlsm)."""
    total = 0
    sheet_errors: dict[str, dict[tuple[int, int], str]] = {}
    book_xml = rels_xml = b""
    for info in archive.infolist():
        if info.is_dir():
            continue
        name = info.filename
        is_sheet = name.startswith("xl/worksheets/") and name.endswith(".xml")
        keep = name in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")
        scan = _SheetScan(source, name) if is_sheet else None
        size = 0
        kept = bytearray()
        for chunk in _unpacked(archive, info, source):
            size += len(chunk)
            total += len(chunk)
            if size > MAX_MEMBER or total > MAX_UNPACKED:
                if size > MAX_MEMBER:
                    why = _(
                        "%(file)s is not a workbook coprotool reads: its part %(part)s unpacks to more than %(mb)d MB "
                        "(a survey export is far smaller); save the sheet as CSV and score that."
                    )
                else:
                    why = _(
                        "%(file)s is not a workbook coprotool reads: it unpacks to more than %(mb)d MB (a survey "
                        "export is far smaller); save the sheet as CSV and score that."
                    )
                mb = (MAX_MEMBER if size > MAX_MEMBER else MAX_UNPACKED) // 1048576
                raise SourceError(why % {"file": source, "part": name, "mb": mb})
            if scan is not None:
                scan.feed(chunk)
            if keep and len(kept) < 4 * CHUNK:
                kept += chunk
        if scan is not None:
            sheet_errors[name] = scan.finish()
        if name == "xl/workbook.xml":
            book_xml = bytes(kept)
        elif name == "xl/_rels/workbook.xml.rels":
            rels_xml = bytes(kept)
    return Checked(_by_sheet_name(sheet_errors, book_xml, rels_xml))


def _unpacked(archive: zipfile.ZipFile, info: zipfile.ZipInfo, source: str) -> Iterator[bytes]:
    try:
        with archive.open(info) as fh:
            while chunk := fh.read(CHUNK):
                yield chunk
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError, ValueError) as exc:
        raise SourceError(
            _("%(file)s is a damaged workbook (%(why)s); open it in a spreadsheet and save it again.")
            % {"file": source, "why": exc}
        ) from None


class _SheetScan:
    """Reads a sheet's XML as it streams by: its declared size, its cells' reach and count, its error cells."""

    def __init__(self, source: str, name: str):
        self.source, self.name = source, name
        self.rows = self.cols = self.cells = 0
        self.errors: dict[tuple[int, int], str] = {}
        self.rest = b""

    def feed(self, chunk: bytes) -> None:
        data = self.rest + chunk
        cut = data.rfind(b"<c")
        # Keep an unfinished cell (and its value) for the next chunk; scan the rest now.
        if cut != -1 and len(data) - cut < 4096:
            data, self.rest = data[:cut], data[cut:]
        else:
            self.rest = b""
        dim = _DIMENSION.search(data)
        if dim:
            self._reach(dim.group(1), dim.group(2), "declares")
        for m in _CELL.finditer(data):
            attrs = m.group(1)
            ref = _ATTR_REF.search(attrs)
            self.cells += 1
            if ref is None:
                continue
            row, col = self._reach(ref.group(1), ref.group(2), "has a cell at")
            if _ERROR.search(attrs) and not m.group(2):
                value = _VALUE.search(data, m.end(), m.end() + 400)
                self.errors[(row - 1, col - 1)] = value.group(1).decode("utf-8", "replace") if value else "#ERROR"
        if self.cells > MAX_CELLS:
            self._refuse(_("holds more than %(cells)s cells") % {"cells": f"{MAX_CELLS:,}"})

    def _reach(self, letters: bytes, digits: bytes, what: str) -> tuple[int, int]:
        row, col = int(digits), column_number(letters.decode())
        if row * col > MAX_CELLS:
            said = {
                "ref": f"{letters.decode()}{row}",
                "rows": f"{row:,}",
                "columns": f"{col:,}",
                "cells": f"{MAX_CELLS:,}",
            }
            if what == "declares":
                why = _(
                    "declares %(ref)s (%(rows)s rows by %(columns)s columns, more than the %(cells)s cells "
                    "coprotool reads)"
                )
            else:
                why = _(
                    "has a cell at %(ref)s (%(rows)s rows by %(columns)s columns, more than the %(cells)s cells "
                    "coprotool reads)"
                )
            self._refuse(why % said)
        return row, col

    def _refuse(self, why: str) -> None:
        sheet = self.name.rsplit("/", 1)[-1]
        raise SourceError(
            _(
                "%(file)s: its sheet %(sheet)s %(why)s; delete the cells far from the answers, or save the sheet "
                "as CSV and score that."
            )
            % {"file": self.source, "sheet": sheet, "why": why}
        )

    def finish(self) -> dict[tuple[int, int], str]:
        if self.rest:
            rest, self.rest = self.rest, b""
            self.feed(rest)
        return self.errors


def _by_sheet_name(
    errors: dict[str, dict[tuple[int, int], str]], book: bytes, rels: bytes
) -> dict[str, dict[tuple[int, int], str]]:
    """Error cells keyed by sheet name (workbook.xml names sheets; its relationships name their parts)."""
    targets = dict(_REL.findall(rels))
    targets.update({rid: target for target, rid in _REL_REVERSED.findall(rels)})
    out = {}
    for name, rid in _SHEET.findall(book):
        target = targets.get(rid, b"").decode("utf-8", "replace").lstrip("/")
        part = target if target.startswith("xl/") else f"xl/{target}"
        if part in errors:
            out[_xml_text(name)] = errors[part]
    return out


def _xml_text(raw: bytes) -> str:
    import html

    return html.unescape(raw.decode("utf-8", "replace"))
