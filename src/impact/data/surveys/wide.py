"""Wide survey export → long table of the data contract, with a mapping file.

Vectorised: each categorical column's distinct texts are coded once, then the item
columns are stacked respondent by respondent (one long row per respondent and item, in
the export's order). Nothing is dropped silently: columns not imported are listed with
their count of filled cells, answers without a code with their column, count and rows.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from impact.data.messages import t
from impact.data.surveys.formats import CHECKED, read_export
from impact.data.surveys.mapping import Mapping, read_mapping
from impact.data.surveys.tables import SURVEY_TABLES, catalogue_codes, catalogue_values

__all__ = ["SurveyProblem", "import_survey", "rows_text", "wide_to_long"]

#: Rows shown in a message before "…".
_SHOWN_ROWS = 8
#: Columns named in a message before "…".
_SHOWN_COLUMNS = 3


@dataclass(frozen=True)
class SurveyProblem:
    """One grouped problem of an import.

    Attributes
    ----------
    severity : {"error", "warning"}
    rule : str
        ``unknown-answer``, ``unmapped-column``, ``missing-column``…
    message : str
        What is wrong and what to do, in the language of the import.
    column : str or None
        Export column (or table column for ``missing-column``).
    value : str or None
        The cell text concerned.
    rows : tuple of int
        Spreadsheet rows (header = row 1) concerned; empty for a whole column or file.
    count : int
        Number of cells or rows concerned.
    sheet : str or None
        The workbook's sheet read (None for a CSV export).
    """

    severity: str
    rule: str
    message: str
    column: str | None = None
    value: str | None = None
    rows: tuple[int, ...] = ()
    count: int = 0
    sheet: str | None = None


def rows_text(rows: np.ndarray | list[int]) -> str:
    """Rows written compactly: runs as ranges, at most a few items, then "…".

    Examples
    --------
    >>> rows_text([2, 3, 4, 7, 9, 10])
    '2–4, 7, 9–10'
    """
    rows = np.asarray(rows, dtype=np.int64)
    if len(rows) == 0:
        return ""
    breaks = np.flatnonzero(np.diff(rows) != 1) + 1
    runs = [(int(r[0]), int(r[-1])) for r in np.split(rows, breaks)]
    parts = [f"{a}–{b}" if b > a else str(a) for a, b in runs[:_SHOWN_ROWS]]
    return ", ".join(parts) + (", …" if len(runs) > _SHOWN_ROWS else "")


class _Log:
    def __init__(self, lang: str):
        self.lang, self.items = lang, []

    def add(self, rule: str, severity: str = "error", *, rows=(), **fields: object) -> None:
        rows = tuple(int(r) for r in rows)
        message = t(f"survey.{rule}", self.lang, rows=rows_text(rows), **fields)
        column, value, count = fields.get("column"), fields.get("value"), fields.get("count", 0)
        self.items.append(SurveyProblem(severity, rule, message, column, value, rows, int(count)))

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.items)


def _categorical(col: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(codes, distinct texts) of a column; code -1 for an empty cell."""
    if not isinstance(col.dtype, pd.CategoricalDtype):
        codes, uniques = pd.factorize(col, use_na_sentinel=True)
        return codes, np.asarray(uniques, dtype=object)
    cats = col.cat.categories
    if cats.dtype.kind in "OUT" or pd.api.types.is_string_dtype(cats.dtype):
        text = cats.to_numpy(dtype=object)
    else:
        text = pd.Series(cats).map(lambda v: str(int(v)) if isinstance(v, float) and
                                   v.is_integer() else str(v)).to_numpy(dtype=object)  # fmt: skip
    return col.cat.codes.to_numpy(), text


def _recoded(col: pd.Series, recode: dict[str, str]) -> pd.Categorical:
    """The column's values with ``recode`` applied to its distinct texts."""
    codes, cats = _categorical(col)
    if not recode:
        return pd.Categorical.from_codes(codes, categories=pd.Index(cats, dtype=object))
    new, uniques = pd.factorize(pd.Series([recode.get(c, c) for c in cats], dtype=object))
    return pd.Categorical.from_codes(np.where(codes >= 0, new[codes] if len(new) else -1, -1),
                                     categories=pd.Index(uniques, dtype=object))  # fmt: skip


def _ticked(col: pd.Series) -> np.ndarray:
    """Whether each cell of a checkbox column is ticked."""
    codes, cats = _categorical(col)
    yes = np.array([str(c).strip().lower() in CHECKED for c in cats], dtype=bool)
    return (codes >= 0) & np.append(yes, False)[codes]


def _checkbox(frame: pd.DataFrame, choices: list[tuple[str, str]], name: str, log: _Log
              ) -> pd.Categorical:  # fmt: skip
    """One table column from checkbox columns: the value of the ticked box per row."""
    ticked = np.column_stack([_ticked(frame[col]) for col, _ in choices])
    several = ticked.sum(axis=1) > 1
    if several.any():
        log.add("checkbox-multiple", column=name, value=", ".join(c for c, _ in choices),
                rows=frame.index[several], count=int(several.sum()))  # fmt: skip
    first = np.where(ticked.any(axis=1), ticked.argmax(axis=1), -1)
    return pd.Categorical.from_codes(first, categories=[v for _, v in choices])


def _answers(frame: pd.DataFrame, items: list[tuple[str, str]], mapping: Mapping, log: _Log
             ) -> tuple[np.ndarray, bool]:  # fmt: skip
    """Answer codes, one column per item column (NaN: no answer or no code), and whether
    every code is a whole number (checked once per distinct answer)."""
    values = np.full((len(frame), len(items)), np.nan)
    answers = {k: (np.nan if v.upper() == "NA" else pd.to_numeric(v.replace(",", "."),
               errors="coerce")) for k, v in mapping.answers.items()}  # fmt: skip
    # an empty or non-numeric code is no code: the answer is reported
    answers = {k: v for k, v in answers.items() if not np.isnan(v) or mapping.answers[k] == "NA"}
    missing: dict[str, list[tuple[str, pd.Index]]] = {}
    whole = True
    for j, (col, _) in enumerate(items):
        codes, cats = _categorical(frame[col])
        number = pd.to_numeric(pd.Series(cats, dtype=object).str.replace(",", "."),
                               errors="coerce").to_numpy(dtype=float, copy=True)  # fmt: skip
        known = np.array([c in answers for c in cats], dtype=bool)
        number[known] = [answers[c] for c in cats[known]]
        unknown = np.isnan(number) & ~known
        for k in np.flatnonzero(unknown):
            missing.setdefault(cats[k], []).append((col, frame.index[codes == k]))
        values[:, j] = np.where(codes >= 0, number[np.maximum(codes, 0)], np.nan)
        used = number[np.unique(codes[codes >= 0])]
        whole &= bool(np.all(np.isnan(used) | (used == np.round(used))))
    for value, where in missing.items():
        rows = np.unique(np.concatenate([r for _, r in where]))
        names = [c for c, _ in where]
        shown = ", ".join(f"« {c} »" for c in names[:_SHOWN_COLUMNS])
        log.add("unknown-answer", value=value, column=shown + (", …" if len(names) > _SHOWN_COLUMNS
                else ""), n_columns=len(names), rows=rows,
                count=sum(len(r) for _, r in where))  # fmt: skip
    return values, whole


def _plan(frame: pd.DataFrame, mapping: Mapping, table: str, log: _Log):
    """Sort the mapping's rows: item columns, identifying columns, checkbox groups."""
    survey = SURVEY_TABLES[table]
    codes = set(catalogue_codes(table))
    ids = [f for f in survey.field_names if f not in (survey.code_column, survey.answer_column)]
    items, sources, boxes, used = [], {}, {}, set()
    for line, kind in mapping.kinds:
        log.add("unknown-kind", value=kind, line=line)
    for col, target in mapping.columns.items():
        if col not in frame.columns:
            log.add("absent-column", column=col)
            continue
        name, _, value = target.partition("=")
        if not target:
            continue
        if target in codes:
            items.append((col, target))
        elif name in ids and value:
            boxes.setdefault(name, []).append((col, value))
        elif target in ids:
            sources[target] = col
        else:
            allowed = ", ".join(ids)
            log.add("unknown-target", value=target, line=mapping.lines[col], table=table,
                    allowed=allowed)  # fmt: skip
            continue
        used.add(col)
    for col in frame.columns:
        if col not in used:
            filled = int(frame[col].notna().sum())
            log.add("unmapped-column", "warning", column=col, count=filled)
    if not items:
        log.add("no-items")
    for name in survey.required:
        if name in ids and name not in sources and name not in boxes and name not in (
                mapping.constants) and name not in survey.derived:  # fmt: skip
            log.add("missing-column", column=name, title=survey.title(name), table=table)
    return items, sources, boxes


def wide_to_long(
    frame: pd.DataFrame, mapping: Mapping, *, table: str, lang: str = "fr"
) -> tuple[pd.DataFrame, list[SurveyProblem]]:
    """Turn a wide export (read by :func:`read_export`) into ``table``'s long rows.

    Returns the long table (columns of the schema, in order; ``attrs["export_rows"]``
    the number of export rows; ``None`` when the mapping itself is unusable) and the
    problems found.
    """
    survey = SURVEY_TABLES[table]
    log = _Log(lang)
    items, sources, boxes = _plan(frame, mapping, table, log)
    if log.has_errors:
        return None, log.items
    n, k = len(frame), len(items)
    columns = {}
    for name in survey.field_names:
        if name == survey.code_column:
            columns[name] = pd.Categorical.from_codes(np.tile(np.arange(k), n),
                                                      categories=[c for _, c in items])  # fmt: skip
            continue
        if name == survey.answer_column:
            values, whole = _answers(frame, items, mapping, log)
            flat = values.ravel()
            if survey.integer_answers and whole:
                empty = np.isnan(flat)
                flat = pd.arrays.IntegerArray(np.where(empty, 0, flat).astype(np.int64), empty)
            columns[name] = flat
            continue
        fed = name in sources or name in boxes or name in mapping.constants
        if name in survey.derived and not fed:  # from each item's catalogue row
            of_code = catalogue_values(table, name)
            per_item = pd.Categorical([of_code[c] for _, c in items])
            columns[name] = pd.Categorical.from_codes(np.tile(per_item.codes, n),
                                                      categories=per_item.categories)  # fmt: skip
            continue
        if name in sources:
            values = _recoded(frame[sources[name]], mapping.recodes.get(name, {}))
        elif name in boxes:
            values = _checkbox(frame, boxes[name], name, log)
        elif name in mapping.constants:
            values = pd.Categorical.from_codes(np.zeros(n, dtype=np.int8),
                                               categories=[mapping.constants[name]])  # fmt: skip
        else:
            values = pd.Categorical.from_codes(np.full(n, -1, dtype=np.int8), categories=[])
        columns[name] = pd.Categorical.from_codes(np.repeat(values.codes, k),
                                                  categories=values.categories)  # fmt: skip
    out = pd.DataFrame(columns, copy=False)
    out.attrs["export_rows"] = n
    return out, log.items


def import_survey(
    export: str | Path,
    *,
    table: str,
    mapping: str | Path | Mapping,
    lang: str = "fr",
) -> tuple[pd.DataFrame | None, list[SurveyProblem]]:
    """Read a wide survey export and return the long table of the data contract.

    Parameters
    ----------
    export : str or pathlib.Path
        LimeSurvey CSV/XLSX, REDCap CSV or Forms XLSX (one row per respondent).
    table : {"barometer_responses", "prem_responses", "prom_responses", \
             "questionnaire_responses"}
        Table to produce (a questionnaire answer's ``questionnaire`` is its item's, unless
        the mapping gives it).
    mapping : str, pathlib.Path or Mapping
        The mapping file (format: :mod:`impact.data.surveys.mapping`).
    lang : {"fr", "en"}
        Language of the problems' messages.

    Returns
    -------
    frame : pandas.DataFrame or None
        One row per respondent and mapped item, the schema's columns in order
        (categorical text, answers as numbers; an answer without a code is empty and
        reported). ``None`` when the mapping cannot be applied.
    problems : list of SurveyProblem
        Errors (an answer without a code, a required column without source…) and
        warnings (export columns not imported), grouped, with counts and rows.
    """
    if table not in SURVEY_TABLES:
        raise ValueError(f"table must be one of {sorted(SURVEY_TABLES)}. Got {table!r}.")
    if not isinstance(mapping, Mapping):
        mapping = read_mapping(mapping, table)
    codes = set(catalogue_codes(table))
    item_columns = [c for c, target in mapping.columns.items() if target in codes]
    frame = read_export(export, answer_columns=item_columns)
    long, problems = wide_to_long(frame, mapping, table=table, lang=lang)
    sheet = frame.attrs.get("sheet")
    return long, [replace(p, sheet=sheet) for p in problems]
