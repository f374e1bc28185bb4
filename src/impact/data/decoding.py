"""Turn a CSV file's bytes into text, whatever its encoding, and find where it breaks.

Files come from Excel (« CSV UTF-8 », « CSV (séparateur : point-virgule) » in Windows-1252,
« Texte Unicode » in UTF-16), from survey tools and from hand edits that mix encodings.
:func:`decode` reads UTF-8 (with or without BOM), UTF-16 (with BOM, or without when the
zero bytes give it away), Windows-1252, and a UTF-8 file with a few Windows-1252 lines
(each line decoded on its own, those lines named). :func:`unclosed_quote_row` and
:func:`spreadsheet_rows` give row numbers as a spreadsheet shows them (header = row 1).
"""

from __future__ import annotations

import bisect
import csv
import io
from dataclasses import dataclass, field

__all__ = ["Decoded", "decode", "spreadsheet_rows", "unclosed_quote_row"]

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
#: Bytes looked at to recognise UTF-16 without a BOM.
_SNIFF = 4096


@dataclass(frozen=True)
class Decoded:
    """A file's text and how it was read.

    Attributes
    ----------
    text : str
        The decoded text (without BOM).
    encoding : str
        ``"utf-8"``, ``"utf-8-sig"`` (UTF-8 with BOM), ``"cp1252"``, ``"utf-16"`` or,
        for a UTF-8 file with some Windows-1252 lines, ``"utf-8+cp1252"``.
    fallback_lines : list of int
        Physical line numbers (first line = 1) read as Windows-1252 in a UTF-8 file.
    bad_line : int or None
        The first physical line that is neither UTF-8 nor Windows-1252 (then ``text`` is
        empty and the file cannot be read).
    """

    text: str
    encoding: str
    fallback_lines: list[int] = field(default_factory=list)
    bad_line: int | None = None


def _utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when the zero bytes say so, else ``None``.

    Text that is mostly Latin letters in UTF-16 has a zero byte in every other position
    (odd ones in little-endian); UTF-8 and Windows-1252 text has none at all.
    """
    head = data[: _SNIFF - _SNIFF % 2]
    if len(head) < 4 or len(data) % 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    pairs = len(head) // 2
    if odd >= 0.4 * pairs and even == 0:
        return "utf-16-le"
    if even >= 0.4 * pairs and odd == 0:
        return "utf-16-be"
    return None


def _by_line(data: bytes, encoding: str) -> Decoded:
    """Decode each line as UTF-8, falling back to Windows-1252 line by line.

    A file with no UTF-8 accent at all is plain Windows-1252 (Excel's « CSV
    (séparateur : point-virgule) »); one with both is UTF-8 with a few Windows-1252 lines,
    which are listed.
    """
    parts, fallback, any_utf8 = [], [], False
    for number, line in enumerate(data.splitlines(keepends=True), start=1):
        try:
            parts.append(line.decode("utf-8"))
            any_utf8 = any_utf8 or not line.isascii()
        except UnicodeDecodeError:
            try:
                parts.append(line.decode("cp1252"))
            except UnicodeDecodeError:
                return Decoded("", encoding, bad_line=number)
            fallback.append(number)
    if not any_utf8 and encoding == "utf-8":
        return Decoded("".join(parts), "cp1252")
    return Decoded("".join(parts), f"{encoding}+cp1252", fallback)


def decode(data: bytes) -> Decoded:
    """Decode a CSV file's bytes (see the module docstring for what is recognised).

    Examples
    --------
    >>> decode("équipe;T01".encode("utf-16")).encoding
    'utf-16'
    >>> mixed = "é;1\\n".encode("utf-8") + "è;2\\n".encode("cp1252")
    >>> decode(mixed).fallback_lines
    [2]
    """
    if data.startswith(_UTF16_BOMS):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            return Decoded("", "utf-16", bad_line=1)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        try:
            return Decoded(data.decode(utf16), "utf-16")
        except UnicodeDecodeError:
            pass
    encoding = "utf-8-sig" if data.startswith(_UTF8_BOM) else "utf-8"
    body = data[3:] if encoding == "utf-8-sig" else data
    try:
        return Decoded(body.decode("utf-8"), encoding)
    except UnicodeDecodeError:
        return _by_line(body, encoding)


def _record_ends(text: str, sep: str) -> tuple[list[int], int | None]:
    """The physical line on which each record ends, and the record an open quote starts.

    Records are read as a spreadsheet reads them: a quoted cell may span lines. Returns
    ``(ends, open_row)``: ``ends[k]`` is the last physical line of record ``k + 1``;
    ``open_row`` is the record (header = 1) whose quote is never closed, or ``None``.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    ends = []
    try:
        for _ in reader:
            ends.append(reader.line_num)
    except csv.Error:
        return ends, len(ends) + 1
    return ends, None


def unclosed_quote_row(text: str, sep: str) -> int | None:
    """The spreadsheet row (header = 1) where a never-closed quote opens, or ``None``.

    Examples
    --------
    >>> unclosed_quote_row('a;b\\n1;2\\n3;"x\\n4;5\\n', ";")
    3
    >>> unclosed_quote_row('a;b\\n1;"2\\n2";3\\n', ";") is None
    True
    """
    return _record_ends(text, sep)[1]


def spreadsheet_rows(text: str, sep: str, lines: list[int]) -> list[int]:
    """The spreadsheet rows (header = 1) holding the given physical lines (first = 1).

    They differ when a quoted cell spans several lines.

    Examples
    --------
    >>> spreadsheet_rows('a;b\\n1;"x\\ny"\\n2;3\\n', ";", [1, 3, 4])
    [1, 2, 3]
    """
    ends, _ = _record_ends(text, sep)
    return [bisect.bisect_left(ends, line) + 1 for line in lines]
