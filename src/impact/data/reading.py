"""Read raw tables from CSV files (any common French or English dialect) or an XLSX workbook.

Every cell is read as text into categorical columns (the distinct texts once, codes per
row), so that :mod:`impact.data.validation` types and checks each distinct value once. Each
frame's index is the spreadsheet row number of its line (header = row 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from python_calamine import CalamineWorkbook, SheetTypeEnum

from impact.data.decoding import decode, spreadsheet_rows, unclosed_quote_row
from impact.data.messages import t
from impact.data.problems import ProblemLog
from impact.data.programme import SourceInfo

__all__ = [
    "WORKBOOK_SUFFIXES",
    "RawTable",
    "WorkbookError",
    "read_csv_table",
    "read_workbook",
]

#: File name endings read as an Excel workbook.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
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


def _row_list(rows: list[int], shown: int = 10) -> str:
    """Rows as a short list: ``"5, 17, 30–32"``; past ``shown`` runs, ``" …"``."""
    runs: list[list[int]] = []
    for row in sorted(set(rows)):
        if runs and row == runs[-1][1] + 1:
            runs[-1][1] = row
        else:
            runs.append([row, row])
    text = ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs[:shown])
    return text + (" …" if len(runs) > shown else "")


def read_csv_table(
    path: Path, name: str, missing: list[str], log: ProblemLog, text_columns: tuple[str, ...] = ()
) -> RawTable | None:
    """Read one CSV file as categorical text, detecting encoding and separator.

    Encodings: see :func:`impact.data.decoding.decode` (UTF-8, UTF-16, Windows-1252, and
    a UTF-8 file with a few Windows-1252 lines, named in one warning). pandas >= 3 turns
    categories that all look numeric or boolean into numbers; the columns named in
    ``text_columns`` are read again as text when that happened, so identifiers such as
    ``"007"`` keep their leading zeros. Problems (empty file, unknown encoding or
    separator, a quote never closed, unreadable file) go to ``log`` and give ``None``. The
    decimal mark is recorded later, when numbers are parsed.
    """
    data = path.read_bytes()
    file = path.name
    decoded = decode(data)
    if decoded.bad_line is not None:
        log.add("encoding", table=name, file=file)
        return None
    text = decoded.text
    header = text[: text.find("\n")] if "\n" in text else text
    header = header.rstrip("\r")
    if not header.strip():
        log.add("empty-file", table=name, file=file)
        return None
    sep = _separator(header)
    if sep is None:
        log.add("separator", table=name, file=file, rows=[1], values=[header[:80]])
        return None
    if decoded.fallback_lines:
        rows = spreadsheet_rows(text, sep, decoded.fallback_lines)
        log.add("mixed-encoding", table=name, file=file, rows=rows[:1], severity="warning",
                lines=_row_list(rows))  # fmt: skip
    # pandas reads the file's own bytes when their encoding is one it knows as a whole;
    # otherwise (UTF-16, mixed lines) the decoded text, as UTF-8.
    native = decoded.encoding in ("utf-8", "utf-8-sig", "cp1252")
    payload = data if native else text.encode("utf-8")
    del text
    options = {
        "sep": sep,
        "encoding": decoded.encoding if native else "utf-8",
        "keep_default_na": False,
        "na_values": missing,
        "skip_blank_lines": False,
        "engine": "c",
    }

    def reread(column: str) -> pd.Series:
        text = pd.read_csv(io.BytesIO(payload), dtype=str, usecols=[column], **options)[column]
        return text.set_axis(pd.RangeIndex(2, len(text) + 2))

    try:
        frame = pd.read_csv(io.BytesIO(payload), dtype="category", **options)
        for col in text_columns:
            if col in frame.columns and frame[col].cat.categories.dtype.kind not in "OUT":
                frame[col] = reread(col).astype("category").array
    except (pd.errors.ParserError, ValueError) as exc:
        row = unclosed_quote_row(payload.decode(options["encoding"]), sep)
        if row is not None:
            log.add("unclosed-quote", table=name, file=file, rows=[row], row=row)
        else:
            log.add("parse", table=name, file=file, detail=str(exc).strip())
        return None
    source = SourceInfo(
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=decoded.encoding,
        separator=sep,
        decimal=".",
    )
    return RawTable(name, _finish(frame), source, file, reread)


class WorkbookError(ValueError):
    """An XLSX file that cannot be opened as a workbook; the message says why."""


def _cell_text(value: object) -> str:
    """A cell as pandas' ``read_excel(dtype=str)`` shows it (calamine or openpyxl).

    Whole numbers lose their ``.0``; dates become ``YYYY-MM-DD HH:MM:SS`` (a date cell
    gets midnight); booleans ``True``/``False``; times and durations their ``str``.
    """
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, dt.datetime):
        return str(value)
    if isinstance(value, dt.date):
        return str(dt.datetime(value.year, value.month, value.day))
    return str(value)


def _column(cells: np.ndarray, missing: frozenset[str]) -> pd.Categorical:
    """One sheet column (the cells calamine gives) as categorical text.

    The cell → text conversion runs once per distinct cell. Python holds ``True == 1``,
    so the booleans that share a distinct value with the numbers 0 or 1 are split off.
    """
    codes, uniques = pd.factorize(cells)
    texts = [_cell_text(u) for u in uniques]
    for k, unique in enumerate(uniques):
        if isinstance(unique, (bool, float, int)) and unique in (0, 1):
            rows = np.flatnonzero(codes == k)
            other = np.fromiter(
                (type(c) is not type(unique) for c in cells[rows]), dtype=bool, count=len(rows)
            )
            if other.any():
                codes[rows[other]] = len(texts)
                texts.append(_cell_text(cells[rows[other][0]]))
    inverse, categories = pd.factorize(np.array(texts, dtype=object))
    keep = np.array([c not in missing for c in categories], dtype=bool)
    renumber = np.where(keep, np.cumsum(keep) - 1, -1)
    final = np.where(codes >= 0, renumber[inverse[np.maximum(codes, 0)]], -1)
    return pd.Categorical.from_codes(final, categories=pd.Index(categories[keep], dtype=object))


def _header(cells: list[object]) -> list[str]:
    """Column names as pandas makes them: ``Unnamed: k`` for a blank, ``a.1`` for a repeat."""
    names, seen = [], {}
    for k, cell in enumerate(cells):
        name = _cell_text(cell) if cell != "" else f"Unnamed: {k}"
        count = seen.get(name, 0)
        seen[name] = count + 1
        names.append(f"{name}.{count}" if count else name)
    return names


def _sheet_frame(rows: list[list[object]], missing: frozenset[str]) -> pd.DataFrame:
    """A sheet's cells (header on the sheet's first row) as a categorical text frame.

    Columns with neither a header nor a value (formatted but empty) are left out.
    """
    if not rows:
        return pd.DataFrame()
    width = max(map(len, rows))
    if all(len(row) == width for row in rows):
        cells = np.array(rows, dtype=object).reshape(len(rows), width)
    else:
        cells = np.full((len(rows), width), "", dtype=object)
        for i, row in enumerate(rows):
            cells[i, : len(row)] = row
    columns = {}
    for name, k in zip(_header(list(cells[0])), range(width), strict=True):
        column = _column(cells[1:, k], missing)
        if name.startswith("Unnamed: ") and cells[0, k] == "" and (column.codes < 0).all():
            continue
        columns[name] = column
    return pd.DataFrame(columns, index=pd.RangeIndex(len(rows) - 1))


def read_workbook(
    path: Path,
    names: list[str],
    missing: list[str],
    *,
    progress: Callable[[str], None] | None = None,
    lang: str = "fr",
) -> tuple[dict[str, RawTable], list[str]]:
    """Read the sheets of an XLSX workbook named after tables in ``names``.

    The workbook is read with calamine (Rust), its sheets side by side in threads.
    Sheets are matched case-insensitively; other sheets are ignored. Every cell becomes
    text as pandas' ``read_excel(dtype=str)`` gives it (dates ``YYYY-MM-DD HH:MM:SS``,
    whole numbers without ``.0``, booleans ``True``/``False``; error cells such as
    ``#DIV/0!`` empty); rows keep the sheet's numbering (header = row 1).

    Parameters
    ----------
    path : pathlib.Path
        The ``.xlsx`` file.
    names : list of str
        Table names to look for.
    missing : list of str
        Cell texts read as missing.
    progress : callable, optional
        Called with « Lecture du classeur … (feuille k/N : nom) » before each sheet.
    lang : {"fr", "en"}
        Language of the progress message.

    Returns
    -------
    tables : dict of str to RawTable
        The tables found.
    sheets : list of str
        Every worksheet's name.

    Raises
    ------
    WorkbookError
        If the file is not a readable workbook.
    """
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = [s.name for s in book.sheets_metadata if s.typ == SheetTypeEnum.WorkSheet]
    except Exception as exc:  # calamine raises its own errors and plain ones (zip, XML)
        raise WorkbookError(str(exc).strip() or type(exc).__name__) from exc
    by_lower = {s.strip().lower(): s for s in sheets}
    wanted = [(name, by_lower[name.lower()]) for name in names if name.lower() in by_lower]
    absent = frozenset(missing)

    def sheet_frame(sheet: str) -> pd.DataFrame:
        # One workbook object per thread; calamine parses a sheet's XML without the GIL.
        own = CalamineWorkbook.from_filelike(io.BytesIO(data))
        rows = own.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        return _finish(_sheet_frame(rows, absent))

    tables = {}
    # The sheets are parsed side by side: the largest sheet's parse sets the time.
    with ThreadPoolExecutor(max_workers=max(1, min(len(wanted), os.cpu_count() or 1))) as pool:
        frames = [pool.submit(sheet_frame, sheet) for _, sheet in wanted]
        for k, ((name, sheet), frame) in enumerate(zip(wanted, frames, strict=True), start=1):
            if progress is not None:
                progress(t("read.workbook", lang, file=path.name, k=k, n=len(wanted), sheet=sheet))
            try:
                table = frame.result()
            except Exception as exc:
                raise WorkbookError(f"{sheet} : {str(exc).strip()}") from exc
            source = SourceInfo(path=f"{path}#{sheet}", sha256=digest, encoding="xlsx",
                                separator="xlsx", decimal=".")  # fmt: skip
            tables[name] = RawTable(name, table, source, path.name)
    return tables, sheets
