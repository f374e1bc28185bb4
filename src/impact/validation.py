"""Type and check one table against its Table Schema, vectorised.

Checks run on whole columns (pandas), never row by row; clean-ups (trimmed spaces,
decimal commas, other date formats) are tried only on the cells that fail the strict
parse, so valid data pay for one pass.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.i18n import t
from impact.problems import ProblemLog
from impact.reading import RawTable
from impact.schemas import TableSpec

__all__ = ["validate_table"]

_TRUE = {"true", "vrai", "oui", "yes", "1", "o", "y", "t", "v"}
_FALSE = {"false", "faux", "non", "no", "0", "n", "f"}
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%d-%m-%Y")
_MONTH_FORMATS = ("%Y-%m", "%m/%Y", *_DATE_FORMATS)


def _parse_numbers(raw: pd.Series, allow_comma: bool) -> tuple[pd.Series, bool]:
    """Parse text as float; retry failures with spaces removed and, if allowed, ``,`` → ``.``.

    Returns the numbers (NaN where unparseable or missing) and whether a decimal comma
    was used.
    """
    num = pd.to_numeric(raw, errors="coerce")
    failed = num.isna() & raw.notna()
    used_comma = False
    if failed.any():
        retry = raw[failed].str.replace(r"[\s\u00a0\u202f]", "", regex=True)
        if allow_comma:
            has_comma = retry.str.contains(",", regex=False)
            retry = retry.str.replace(",", ".", regex=False)
        fixed = pd.to_numeric(retry, errors="coerce")
        num = num.astype("float64")
        num[failed] = fixed
        used_comma = bool(allow_comma and (has_comma & fixed.notna()).any())
    return num.astype("float64"), used_comma


def _parse_dates(raw: pd.Series, formats: tuple[str, ...]) -> pd.Series:
    """Parse text with the first of ``formats`` that fits each cell (NaT where none)."""
    out = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]")
    todo = raw.notna()
    for fmt in formats:
        if not todo.any():
            break
        parsed = pd.to_datetime(raw[todo].str.strip(), format=fmt, errors="coerce")
        out[parsed.index] = parsed.astype("datetime64[ns]")
        todo &= out.isna()
    return out


def _coerce(raw: pd.Series, ftype: str, allow_comma: bool) -> tuple[pd.Series, bool]:
    """Convert a text column to the field's type; NaN/NA where it fails."""
    if ftype in ("integer", "number"):
        num, comma = _parse_numbers(raw, allow_comma)
        if ftype == "number":
            return num, comma
        whole = num.where(num.isna() | (num == np.round(num)))
        return whole.astype("Int64"), comma
    if ftype == "boolean":
        low = raw.str.strip().str.lower()
        mapped = low.map(dict.fromkeys(_TRUE, True) | dict.fromkeys(_FALSE, False))
        return mapped.astype("boolean"), False
    if ftype == "date":
        return _parse_dates(raw, _DATE_FORMATS), False
    if ftype == "yearmonth":
        dates = _parse_dates(raw, _MONTH_FORMATS)
        return dates.dt.to_period("M").dt.to_timestamp().astype("datetime64[ns]"), False
    return raw, False


def _check_strings(raw: pd.Series, field: dict, spec: TableSpec, src: RawTable,
                   log: ProblemLog) -> pd.Series:
    """Enum and pattern checks on a text column; trimmed spaces are forgiven."""
    cons = field.get("constraints", {})
    name = field["name"]
    allowed = cons.get("enum")
    pattern = cons.get("pattern")
    if allowed is None and pattern is None:
        return raw
    bad = raw.notna() & ~raw.isin(allowed) if allowed is not None else raw.notna()
    if allowed is None:
        bad &= ~raw.str.fullmatch(pattern).fillna(False).astype(bool)
    if not bad.any():
        return raw
    stripped = raw[bad].str.strip()
    ok = stripped.isin(allowed) if allowed is not None else stripped.str.fullmatch(pattern)
    ok = ok.fillna(False).astype(bool)
    raw = raw.copy()
    raw[ok[ok].index] = stripped[ok]
    still = ok.index[~ok]
    if allowed is not None:
        log.add("enum", table=spec.name, file=src.file, rows=still, column=name,
                values=raw[still].tolist(), allowed=", ".join(allowed))
    else:
        log.add("pattern", table=spec.name, file=src.file, rows=still, column=name,
                values=raw[still].tolist())
    return raw


def validate_table(src: RawTable, spec: TableSpec, log: ProblemLog) -> pd.DataFrame | None:
    """Type one raw table and check it against its schema.

    Checks: required columns, required values, types, enums, patterns, minimum and
    maximum, uniqueness and the primary key. Problems go to ``log``.

    Returns
    -------
    pandas.DataFrame or None
        The typed table with every schema column, in schema order, indexed by spreadsheet
        row number; ``None`` if a required column is missing. Cells that failed a type
        check are missing in it.
    """
    frame = src.frame
    lang = log.lang
    if frame.empty:
        optional = not spec.required and spec.default is None
        log.add("no-rows", table=spec.name, file=src.file,
                severity="warning" if optional else "error")
    names = spec.field_names
    for col in frame.columns:
        if col not in names:
            log.add("unknown-column", table=spec.name, file=src.file, rows=[1], column=col,
                    values=[col], severity="warning")
    missing_cols = [f for f in spec.fields
                    if f["name"] not in frame.columns and f.get("constraints", {}).get("required")]
    for f in missing_cols:
        log.add("missing-column", table=spec.name, file=src.file, rows=[1], column=f["name"],
                title=f.get("title", ""))
    if missing_cols:
        return None

    out = {}
    used_comma = False
    allow_comma = src.source.separator != ","
    for field in spec.fields:
        name, ftype = field["name"], field.get("type", "string")
        cons = field.get("constraints", {})
        if name not in frame.columns:
            out[name] = _coerce(pd.Series(np.nan, index=frame.index, dtype=object), ftype, False)[0]
            continue
        raw = frame[name]
        if cons.get("required"):
            absent = raw.isna()
            if absent.any():
                rows = absent.index[absent]
                log.add("required", table=spec.name, file=src.file, rows=rows, column=name,
                        title=field.get("title", ""))
        if ftype == "string":
            out[name] = _check_strings(raw, field, spec, src, log)
            continue
        typed, comma = _coerce(raw, ftype, allow_comma)
        used_comma |= comma
        bad = typed.isna() & raw.notna()
        if bad.any():
            rows = bad.index[bad]
            log.add("type", table=spec.name, file=src.file, rows=rows, column=name,
                    values=raw[rows].tolist(), expected=t(f"type.{ftype}", lang))
        for rule, op in (("minimum", np.less), ("maximum", np.greater)):
            if rule in cons and ftype in ("integer", "number"):
                out_of = op(typed, cons[rule]).fillna(False).astype(bool)
                if out_of.any():
                    rows = out_of.index[out_of]
                    log.add(rule, table=spec.name, file=src.file, rows=rows, column=name,
                            values=raw[rows].tolist(), limit=cons[rule])
        out[name] = typed
    typed_frame = pd.DataFrame(out, index=frame.index)
    if used_comma:
        src.source = type(src.source)(**{**src.source.__dict__, "decimal": ","})
    _check_keys(typed_frame, frame, spec, src, log)
    return typed_frame


def _check_keys(typed: pd.DataFrame, raw: pd.DataFrame, spec: TableSpec, src: RawTable,
                log: ProblemLog) -> None:
    """Report repeated primary keys (on the repeat's row) and non-unique unique fields."""
    keys = [spec.primary_key] + [
        [f["name"]] for f in spec.fields
        if f.get("constraints", {}).get("unique") and [f["name"]] != spec.primary_key
    ]
    for key in keys:
        if not key:
            continue
        complete = typed[key].notna().all(axis=1)
        sub = typed.loc[complete, key]
        dup = sub.duplicated(keep="first")
        if not dup.any():
            continue
        first_rows = (
            sub.reset_index(names="_row").groupby(key, sort=False, dropna=False)["_row"]
            .transform("first").to_numpy()
        )
        rows = sub.index[dup.to_numpy()]
        firsts = first_rows[dup.to_numpy()]
        shown = raw.loc[rows, key].fillna("").astype(str).agg(", ".join, axis=1).tolist()
        log.add("duplicate-key", table=spec.name, file=src.file, rows=rows,
                column=", ".join(key), values=shown, key=", ".join(key),
                first_row=list(firsts))
