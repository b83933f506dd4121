"""Reading a survey file as it comes: its kind from its bytes, its text encoding, and its rows.

A file is CSV text (any encoding), a workbook (.xlsx, .xlsm, .xls, .ods, read with python-calamine), or a
.zip holding one of those. CSV is read as physical lines, each at most MAX_LINE characters, so a stream
without line breaks (/dev/zero, a FIFO) can never fill memory; workbooks and zips are read whole, up to
MAX_WORKBOOK bytes counted as they are read. No printing: notes go to a callback.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from itertools import chain, islice, repeat
from typing import IO, Any, BinaryIO, NamedTuple

from ..errors import CoprotoolError, InputError, excerpt
from ..i18n import _, ngettext, said

MAX_LINE = 8 * 1024 * 1024  # characters in one CSV line or field: a 5 MB comment still reads
MAX_WORKBOOK = 100 * 1024 * 1024  # bytes of a workbook or zip, read into memory
HEAD = 1 << 16  # bytes looked at to decide the kind and the encoding
BLOCK = 1 << 16  # characters read at a time
BATCH = 2048  # records scored together: enough to make each step one pass over a list, little memory

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

Note = Callable[[str], None]


class SourceError(CoprotoolError):
    """A survey file that cannot be read as it is (exit 1)."""


# -- decoding ----------------------------------------------------------------------------------------
_FALLBACK = "coprotool-cp1252"
_fallback_note: list[Callable[[], None]] = []  # told the first time a byte is not UTF-8


def _cp1252(exc: UnicodeError) -> tuple[str, int]:
    """Decode bytes that are not UTF-8 as Windows cp1252 (its five unused bytes as Latin-1)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    if _fallback_note:
        _fallback_note[-1]()
    bad = exc.object[exc.start : exc.end]
    text = "".join(_byte_1252(b) for b in bad)
    return text, exc.end


def _byte_1252(b: int) -> str:
    try:
        return bytes([b]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(b)


codecs.register_error(_FALLBACK, _cp1252)


def check_encoding(encoding: str) -> str:
    """The codec name for --encoding, or one sentence (exit 2) when it is not a text encoding."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise InputError(
            _("'%(encoding)s' is not a text encoding Python knows; try utf-8, cp1252 or utf-16.")
            % {"encoding": excerpt(encoding)}
        ) from None
    if not getattr(info, "_is_text_encoding", True):
        raise InputError(
            _("'%(encoding)s' is not a text encoding (it turns text into other text); try utf-8.")
            % {"encoding": excerpt(encoding)}
        )
    return "utf-8-sig" if info.name == "utf-8" else info.name


def _guess_encoding(head: bytes) -> tuple[str, str]:
    """(encoding, errors) for bytes with no --encoding: a byte-order mark, else UTF-16 by its zero bytes,
    else UTF-8 whose stray bytes are read as cp1252."""
    for bom, name in BOMS:
        if head.startswith(bom):
            return name, "strict"
    sample = head[:4096]
    if len(sample) >= 4 and b"\x00" in sample:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > len(sample) // 4 and even == 0:
            return "utf-16-le", "strict"
        if even > len(sample) // 4 and odd == 0:
            return "utf-16-be", "strict"
    return "utf-8", _FALLBACK


class _Prepended(io.RawIOBase):
    """A binary stream whose first bytes were already read (to sniff them): those bytes, then the rest."""

    def __init__(self, head: bytes, rest: BinaryIO):
        self.head = memoryview(head)
        self.rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        data = self.rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class Text:
    """A CSV file's text as physical lines without their line feed (a CR before it is kept)."""

    def __init__(self, binary: BinaryIO, head: bytes, source: str, encoding: str | None, note: Note):
        self.source = source
        self.notes: list[str] = []
        if encoding:
            enc, errors = check_encoding(encoding), "strict"
            if enc == "utf-16" and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                enc = "utf-16-le"  # no byte-order mark: Windows writes little-endian
        else:
            enc, errors = _guess_encoding(head)
        self.encoding = enc
        self._note = note
        self._noted = False
        # Old Mac files end lines with a bare CR: let Python translate those to LF.
        newline = None if b"\r" in head and b"\n" not in head and len(head) < HEAD else ""
        try:
            raw = io.BufferedReader(_Prepended(head, binary), buffer_size=BLOCK)
            self.stream = io.TextIOWrapper(raw, encoding=enc, errors=errors, newline=newline)
        except LookupError as exc:  # pragma: no cover - check_encoding looked it up already
            raise InputError(str(exc)) from None
        self.lines_read = 0  # physical lines handed out so far

    def _fallback(self) -> None:
        if not self._noted:
            self._noted = True
            self._note(
                _("%(file)s is not UTF-8 text; reading it as Windows cp1252 (choose with --encoding).")
                % {"file": self.source}
            )

    def blocks(self) -> Iterator[list[str]]:
        """Lists of physical lines, in order; a line over MAX_LINE characters ends the file with one sentence."""
        rest = ""
        read = self.stream.read
        _fallback_note.append(self._fallback)
        try:
            while True:
                try:
                    block = read(BLOCK)
                except UnicodeError as exc:
                    raise SourceError(self._decode_error(exc)) from None
                if not block:
                    if rest:
                        self.lines_read += 1
                        yield [rest]
                    return
                if self.lines_read == 0 and not rest and "\x00" in block.partition("\n")[0]:
                    raise SourceError(
                        _(
                            "%(file)s contains NUL bytes, so it is not CSV text or a workbook coprotool reads; "
                            "save it as CSV UTF-8 or .xlsx."
                        )
                        % {"file": self.source}
                    )
                parts = (rest + block).split("\n")
                rest = parts.pop()
                if len(rest) > MAX_LINE:
                    raise SourceError(
                        _(
                            "%(file)s: line %(line)d is longer than %(mb)d MB without a line break, so this is not "
                            "a CSV export."
                        )
                        % {"file": self.source, "line": self.lines_read + len(parts) + 1, "mb": MAX_LINE // 1048576}
                    )
                if parts:
                    self.lines_read += len(parts)
                    yield parts
        finally:
            _fallback_note.remove(self._fallback)

    def _decode_error(self, exc: UnicodeError) -> str:
        where = f" (byte 0x{exc.object[exc.start]:02x})" if isinstance(exc, UnicodeDecodeError) else ""
        return _(
            "%(file)s is not %(encoding)s text%(where)s; give the file's encoding with --encoding "
            "(cp1252 for Excel on Windows, utf-16 for Unicode text), or leave it out to detect it."
        ) % {"file": self.source, "encoding": self.encoding, "where": where}

    def close(self) -> None:
        """Let go of the stream without closing the file under it (its opener closes that)."""
        self.stream.detach()


# -- CSV records -------------------------------------------------------------------------------------
_CR = "\ue000"  # stands in for a bare CR while the csv module reads a record


class Record(NamedTuple):
    line: int  # where the record starts
    fields: list[str]
    lines: int  # physical lines it spans


class Broken(NamedTuple):
    """A record the CSV syntax rules out: where it starts, its text, and why."""

    line: int
    text: str
    reason: str
    lines: int


def read_record(first: str, lines: Iterator[str], at: int, delimiter: str, source: str) -> Record | Broken:
    """One CSV record starting with the physical line `first` (line number `at`), taking further lines
    from `lines` while a quoted field is open."""
    taken = [first]
    bare_cr = False

    def line_of(text: str) -> str:
        # A CR inside a line (not ending it) is data: some writers leave it unquoted. The csv module would
        # take it for a line end, so it is swapped for a private character and swapped back below.
        nonlocal bare_cr
        body, end = (text[:-1], "\r") if text.endswith("\r") else (text, "")
        if "\r" in body:
            bare_cr = True
            body = body.replace("\r", _CR)
        return body + end + "\n"

    def feed() -> Iterator[str]:
        yield line_of(first)
        for more in lines:
            taken.append(more)
            yield line_of(more) if "\r" in more else more + "\n"  # most lines: nothing to swap

    reader = csv.reader(feed(), delimiter=delimiter, strict=True)
    try:
        row = next(reader, [])
    except csv.Error as exc:
        text = str(exc)
        if "field larger than field limit" in text:
            raise SourceError(
                _(
                    "%(file)s: line %(line)d: a field is longer than %(mb)d MB; check the file is a survey export "
                    "(a quote left open makes the rest of the file one field)."
                )
                % {"file": source, "line": at, "mb": MAX_LINE // 1048576}
            ) from None
        if "unexpected end of data" in text:
            reason = said(
                lambda: (
                    ngettext(
                        "a quote opened on line %(line)d is never closed, so the %(n)d line(s) after it were read "
                        "into this row",
                        "a quote opened on line %(line)d is never closed, so the %(n)d line(s) after it were read "
                        "into this row",
                        len(taken) - 1,
                    )
                    % {"line": at, "n": len(taken) - 1}
                )
            )
        elif "expected after" in text:
            reason = said(
                lambda: _("a quoted field ends before a delimiter (%(error)s); quote the whole field") % {"error": text}
            )
        else:
            reason = said(lambda: _("the row is not valid CSV (%(error)s)") % {"error": text})
        return Broken(at, "\n".join(taken), reason, len(taken))
    if bare_cr:
        row = [f.replace(_CR, "\r") for f in row]
    return Record(at, row, len(taken))


def records(text: Text, lines: Iterator[str], line: int, delimiter: str) -> Iterator[Record | Broken]:
    """Every non-blank record after physical line `line`."""
    for first in lines:
        line += 1
        if not first or first == "\r":
            continue
        if '"' not in first and "\r" not in first[:-1]:  # no quotes: the csv module would only split it
            yield Record(line, first.rstrip("\r").split(delimiter), 1)
            continue
        rec = read_record(first, lines, line, delimiter, text.source)
        line += rec.lines - 1
        if isinstance(rec, Broken) or rec.fields:
            yield rec


class Batch(NamedTuple):
    """Consecutive data records: the line each starts on, and their fields."""

    lines: Sequence[int]
    rows: list[list[str]]


def batches(text: Text, lines: Iterator[str], line: int, delimiter: str) -> Iterator[Batch | Broken]:
    """Every non-blank record after physical line `line`, as `records` reads them, BATCH lines at a time;
    a broken record on its own. Lines with no quote, no blank line and no CR but a line end's are split
    as they are, which is all the csv module would do with them."""
    while True:
        block = list(islice(lines, BATCH))
        if not block:
            return
        rows = _plain_rows(block, delimiter)
        if rows is not None:
            yield Batch(range(line + 1, line + 1 + len(rows)), rows)
            line += len(rows)
            continue
        end = line + len(block)
        # A quoted field may go on past the block: the records read on until one ends at or after its end.
        line = max(end, (yield from batched(records(text, chain(block, lines), line, delimiter), stop=end)))


def batched(recs: Iterable[Record | Broken], stop: int | None = None) -> Generator[Batch | Broken, None, int]:
    """Records as batches of at most BATCH (a broken record on its own), up to the first that ends on or
    after line `stop`; returns the last line read."""
    last = 0
    lines: list[int] = []
    rows: list[list[str]] = []
    for rec in recs:
        if isinstance(rec, Broken):
            if rows:
                yield Batch(lines, rows)
                lines, rows = [], []
            yield rec
        else:
            lines.append(rec.line)
            rows.append(rec.fields)
            if len(rows) == BATCH:
                yield Batch(lines, rows)
                lines, rows = [], []
        last = rec.line + rec.lines - 1
        if stop is not None and last >= stop:
            break
    if rows:
        yield Batch(lines, rows)
    return last


def _plain_rows(block: list[str], delimiter: str) -> list[list[str]] | None:
    """Each line's fields, when every line is a record the csv module would only split; else None."""
    body = "\n".join(block)
    if "\r" in body:  # CRLF line ends are fine; any other CR is not
        body = body.replace("\r\n", "\n").removesuffix("\r")
        block = body.split("\n")
    if not body or '"' in body or "\r" in body or "\n\n" in body or body[0] == "\n" or body[-1] == "\n":
        return None
    return list(map(str.split, block, repeat(delimiter)))


def set_field_limit() -> None:
    csv.field_size_limit(MAX_LINE)


# -- kinds of file -----------------------------------------------------------------------------------
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def kind_of(head: bytes) -> str:
    """'zip', 'xls' or 'text', from the first bytes."""
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "xls"
    return "text"


def read_all(binary: IO[bytes], head: bytes, source: str, limit: int = MAX_WORKBOOK) -> bytes:
    """The whole of a stream whose first bytes were `head`, refusing more than `limit` bytes read."""
    from ..errors import DataError
    from ..files import read_rest_capped, too_big

    try:
        return head + read_rest_capped(binary, limit - len(head), source)
    except DataError:
        raise too_big(source, limit) from None  # the whole file's limit, not what was left after the head
