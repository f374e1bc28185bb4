"""Read raw tables from CSV files (any common French or English dialect) or an XLSX workbook.

Every cell is read as text into categorical columns (the distinct texts once, codes per
row), so that :mod:`impact.data.validation` types and checks each distinct value once. Each
frame's index is the spreadsheet row number of its line (header = row 1).
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from impact.data.problems import ProblemLog
from impact.data.programme import SourceInfo

__all__ = ["RawTable", "read_csv_table", "read_workbook"]

_SEPARATORS = (";", ",", "\t")


@dataclass
class RawTable:
    """A table as text, with where it came from.

    Attributes
    ----------
    name : str
        Table name.
    frame : pandas.DataFrame
        Every column categorical (text categories; missing cells have code -1), index =
        spreadsheet row number.
    source : SourceInfo
        File, hash and dialect.
    file : str
        File name used in problem reports.
    reread : callable, optional
        Reads one column again as plain text (see :meth:`text`).
    invalid : dict of str to numpy.ndarray
        Set by validation: for each column, the rows whose cell failed its type check.
    """

    name: str
    frame: pd.DataFrame
    source: SourceInfo
    file: str
    reread: Callable[[str], pd.Series] | None = None
    invalid: dict[str, np.ndarray] = field(default_factory=dict)

    def text(self, column: str) -> pd.Series:
        """The column exactly as typed in the file (``"05"``, not ``5``).

        pandas >= 3 turns categories that all look numeric into numbers; this reads such
        a column again as text, only when a problem needs to show its cells.
        """
        col = self.frame[column]
        if col.cat.categories.dtype.kind in "OUT" or self.reread is None:
            return col
        return self.reread(column).loc[self.frame.index]


def _decode(data: bytes) -> tuple[str, str] | None:
    """Return ``(text, encoding)``: UTF-8 (with or without BOM), else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            return None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return None


def _separator(header: str) -> str | None:
    """The most frequent of ``;``, ``,`` and tab in the header line (outside quotes)."""
    try:
        fields = {sep: len(next(csv.reader([header], delimiter=sep))) for sep in _SEPARATORS}
    except (csv.Error, StopIteration):
        return None
    sep, n = max(fields.items(), key=lambda kv: kv[1])
    return sep if n > 1 else None


def _finish(frame: pd.DataFrame) -> pd.DataFrame:
    """Number rows as a spreadsheet does and drop wholly empty lines."""
    frame = frame.astype("category")
    frame.index = pd.RangeIndex(2, len(frame) + 2)
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    empty = np.ones(len(frame), dtype=bool)
    for col in frame.columns:
        empty &= frame[col].cat.codes.to_numpy() < 0
    return frame.loc[~empty] if empty.any() else frame


def read_csv_table(
    path: Path, name: str, missing: list[str], log: ProblemLog, text_columns: tuple[str, ...] = ()
) -> RawTable | None:
    """Read one CSV file as categorical text, detecting encoding and separator.

    pandas >= 3 turns categories that all look numeric or boolean into numbers; the
    columns named in ``text_columns`` are read again as text when that happened, so
    identifiers such as ``"007"`` keep their leading zeros. Problems (empty file, unknown
    encoding or separator, unreadable file) go to ``log`` and give ``None``. The decimal
    mark is recorded later, when numbers are parsed.
    """
    data = path.read_bytes()
    file = path.name
    decoded = _decode(data)
    if decoded is None:
        log.add("encoding", table=name, file=file)
        return None
    text, encoding = decoded
    header = text[: text.find("\n")] if "\n" in text else text
    header = header.rstrip("\r")
    del text
    if not header.strip():
        log.add("empty-file", table=name, file=file)
        return None
    sep = _separator(header)
    if sep is None:
        log.add("separator", table=name, file=file, rows=[1], values=[header[:80]])
        return None
    options = {
        "sep": sep,
        "encoding": encoding,
        "keep_default_na": False,
        "na_values": missing,
        "skip_blank_lines": False,
        "engine": "c",
    }

    def reread(column: str) -> pd.Series:
        text = pd.read_csv(io.BytesIO(data), dtype=str, usecols=[column], **options)[column]
        return text.set_axis(pd.RangeIndex(2, len(text) + 2))

    try:
        frame = pd.read_csv(io.BytesIO(data), dtype="category", **options)
        for col in text_columns:
            if col in frame.columns and frame[col].cat.categories.dtype.kind not in "OUT":
                frame[col] = reread(col).astype("category").array
    except (pd.errors.ParserError, ValueError) as exc:
        log.add("parse", table=name, file=file, detail=str(exc).strip())
        return None
    source = SourceInfo(
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        separator=sep,
        decimal=".",
    )
    return RawTable(name, _finish(frame), source, file, reread)


def read_workbook(
    path: Path, names: list[str], missing: list[str]
) -> tuple[dict[str, RawTable], list[str]]:
    """Read the sheets of an XLSX workbook named after tables in ``names``.

    Sheets are matched case-insensitively; other sheets are ignored. Dates come back as
    ``YYYY-MM-DD HH:MM:SS`` text. Returns the tables found and every sheet's name.
    """
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    book = pd.ExcelFile(io.BytesIO(data), engine="openpyxl")
    by_lower = {s.strip().lower(): s for s in book.sheet_names}
    tables = {}
    for name in names:
        sheet = by_lower.get(name.lower())
        if sheet is None:
            continue
        frame = pd.read_excel(
            book, sheet_name=sheet, dtype=str, keep_default_na=False, na_values=missing
        )
        source = SourceInfo(
            path=f"{path}#{sheet}", sha256=digest, encoding="xlsx", separator="xlsx", decimal="."
        )
        tables[name] = RawTable(name, _finish(frame), source, path.name)
    return tables, list(book.sheet_names)
