"""Reading a wide export of LimeSurvey, REDCap or Microsoft/Google Forms as text.

* LimeSurvey: CSV (``,``, every field quoted, UTF-8 with or without BOM) or XLSX; headers
  are question codes (``CE1``, array sub-questions as ``BARO[CE1]``) or "code. text";
  metadata columns (``id``, ``submitdate``, ``lastpage``, ``startlanguage``, ``seed``…)
  are listed as not imported unless mapped (``id`` usually → the respondent).
* REDCap: CSV (``,``, UTF-8); ``record_id``, ``redcap_event_name`` (a wave or period, to
  recode: ``wave,t0_arm_1,T0``), one ``<field>___<code>`` column per checkbox choice,
  ticked as ``1`` (raw export) or ``Checked`` (labels export).
* Forms (Microsoft, Google): XLSX whose headers are the full question texts, with
  ``Horodateur``/``ID``/``Heure de début``… columns not imported unless mapped.

Every cell is text; a file's row numbers are the spreadsheet's (header = row 1).
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["CHECKED", "read_export"]

#: Cell texts of a ticked checkbox (REDCap raw and label exports, Forms, French), lower case.
CHECKED = frozenset({"1", "checked", "coché", "coche", "oui", "yes", "x", "vrai", "true"})
_ENCODINGS = ("utf-8-sig", "cp1252")


def _csv_dialect(path: Path) -> tuple[str, str]:
    """(encoding, separator) of a CSV export, from its first line."""
    with path.open("rb") as file:
        head = file.read(65536)
    # whole lines only: a cut through a multi-byte UTF-8 character is not an encoding error
    if len(head) == 65536 and b"\n" in head:
        head = head[: head.rfind(b"\n") + 1]
    for encoding in _ENCODINGS:
        try:
            text = head.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    line = text.split("\n", 1)[0]
    counts = {sep: len(next(csv.reader([line], delimiter=sep))) for sep in (",", ";", "\t")}
    return encoding, max(counts, key=counts.get)


def _text(values: pd.Series) -> pd.Series:
    """Cells of a workbook column as typed: ``12`` not ``12.0``, missing stays missing."""

    def one(value: object) -> object:
        if value is None or (isinstance(value, float) and np.isnan(value)) or value == "":
            return np.nan
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip()

    return values.map(one)


def read_export(path: str | Path, answer_columns: list[str] = ()) -> pd.DataFrame:
    """Read an export (CSV or the first sheet of an XLSX workbook) as text.

    Parameters
    ----------
    path : str or pathlib.Path
        The export.
    answer_columns : list of str, optional
        CSV columns read straight as categorical (their categories may be numbers: the
        fastest way); the others are read as text first, so identifiers keep ``007``.

    Returns
    -------
    pandas.DataFrame
        Columns named as in the file's header (stripped): text, or categorical (every
        column of a workbook, ``answer_columns`` of a CSV); index = spreadsheet row
        number; wholly empty rows dropped; ``attrs["sheet"]`` names a workbook's sheet.
    """
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
        with pd.ExcelFile(path, engine="calamine") as book:
            sheet = book.sheet_names[0]
            raw = pd.read_excel(book, sheet_name=sheet, dtype=object)
        frame = pd.DataFrame({str(c).strip(): _text(raw[c]) for c in raw.columns})
        frame = frame.astype("category")
        frame.attrs["sheet"] = sheet
    else:
        encoding, sep = _csv_dialect(path)
        header = pd.read_csv(path, sep=sep, encoding=encoding, nrows=0).columns
        coded = set(answer_columns)
        dtype = {c: ("category" if c.strip() in coded else "str") for c in header}
        frame = pd.read_csv(path, sep=sep, encoding=encoding, dtype=dtype, keep_default_na=False,
                            na_values=[""], skip_blank_lines=False)  # fmt: skip
        frame.columns = [c.strip() for c in frame.columns]
    frame.index = pd.RangeIndex(2, len(frame) + 2)
    empty = np.ones(len(frame), dtype=bool)
    for column in frame.columns:
        empty &= frame[column].isna().to_numpy()
    return frame.loc[~empty] if empty.any() else frame
