"""Type and check one table against its Table Schema, vectorised.

Tables arrive with every column categorical (see :mod:`impact.data.reading`), so each check
runs once per *distinct* value and is then spread to the rows by the category codes:
a million-row table with a few thousand distinct cells costs a few numpy takes. Clean-ups
(trimmed spaces, decimal commas, other date formats) are tried only on the distinct values
that fail the strict parse.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from impact.data.messages import column_title, t
from impact.data.problems import ProblemLog, as_text
from impact.data.reading import RawTable
from impact.data.rule_helpers import closest_code, fold
from impact.data.schemas import TableSpec

__all__ = ["decategorize", "validate_table"]

_TRUE = {"true", "vrai", "oui", "yes", "1", "o", "y", "t", "v"}
_FALSE = {"false", "faux", "non", "no", "0", "n", "f"}
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%d-%m-%Y")
_MONTH_FORMATS = ("%Y-%m", "%m/%Y", *_DATE_FORMATS)
_REPEATED = re.compile(r"(.+)\.([1-9][0-9]*)")


def _parse_numbers(text: pd.Series, allow_comma: bool) -> tuple[np.ndarray, bool]:
    """Parse distinct texts as floats; retry failures without spaces and with ``,`` → ``.``.

    Returns the numbers (NaN where unparseable) and whether a decimal comma was used.
    """
    num = pd.to_numeric(text, errors="coerce").to_numpy(dtype="float64", copy=True)
    failed = np.isnan(num)
    if not failed.any():
        return num, False
    retry = text[failed].str.replace(r"[\s\u00a0\u202f]", "", regex=True)
    has_comma = retry.str.contains(",", regex=False).to_numpy(dtype=bool)
    if allow_comma:
        retry = retry.str.replace(",", ".", regex=False)
    fixed = pd.to_numeric(retry, errors="coerce").to_numpy(dtype="float64")
    num[failed] = fixed
    return num, bool(allow_comma and (has_comma & ~np.isnan(fixed)).any())


def _parse_dates(text: pd.Series, formats: tuple[str, ...]) -> np.ndarray:
    """Parse distinct texts with the first of ``formats`` that fits each (NaT where none)."""
    out = np.full(len(text), np.datetime64("NaT"), dtype="datetime64[ns]")
    todo = np.ones(len(text), dtype=bool)
    stripped = text.str.strip()
    for fmt in formats:
        if not todo.any():
            break
        parsed = pd.to_datetime(stripped[todo], format=fmt, errors="coerce")
        out[todo] = parsed.to_numpy(dtype="datetime64[ns]")
        todo = np.isnat(out)
    return out


def _typed_values(cats: pd.Index, ftype: str, allow_comma: bool) -> tuple[np.ndarray, bool]:
    """Parse each distinct text to the field's type; NaN/NaT where it fails."""
    if cats.dtype.kind in "iuf" and ftype in ("integer", "number"):
        num = cats.to_numpy(dtype="float64", copy=True)
        if ftype == "integer":
            num[num != np.round(num)] = np.nan
        return num, False
    text = pd.Series(np.asarray(cats, dtype=object)).astype(str)
    if ftype in ("integer", "number"):
        num, comma = _parse_numbers(text, allow_comma)
        if ftype == "integer":
            num[num != np.round(num)] = np.nan
        return num, comma
    if ftype == "boolean":
        low = text.str.strip().str.lower()
        mapping = dict.fromkeys(_TRUE, 1.0) | dict.fromkeys(_FALSE, 0.0)
        return low.map(mapping).to_numpy(dtype="float64"), False
    if ftype == "date":
        return _parse_dates(text, _DATE_FORMATS), False
    if ftype == "yearmonth":
        return _parse_dates(text, _MONTH_FORMATS).astype("datetime64[M]").astype(
            "datetime64[ns]"
        ), False
    raise ValueError(f"Unsupported field type {ftype!r}.")


def _spread(values: np.ndarray, codes: np.ndarray, ftype: str) -> pd.Series | np.ndarray:
    """Take per-category values to rows (missing where code is -1), in the field's dtype."""
    if values.dtype.kind == "M":
        out = np.full(len(codes), np.datetime64("NaT"), dtype=values.dtype)
    else:
        out = np.full(len(codes), np.nan)
    present = codes >= 0
    out[present] = values[codes[present]]
    if ftype == "integer":
        return pd.array(out, dtype="Float64").astype("Int64")
    if ftype == "boolean":
        return pd.array(out, dtype="Float64").astype("boolean")
    return out


def decategorize(col: pd.Series) -> pd.Series:
    """Turn a categorical text column into plain strings (missing stays missing)."""
    if not isinstance(col.dtype, pd.CategoricalDtype):
        return col
    return col.astype("str")


def _check_strings(
    col: pd.Series, field: dict, spec: TableSpec, src: RawTable, log: ProblemLog
) -> pd.Series:
    """Enum, pattern and maximum-length checks on the distinct texts.

    Surrounding spaces, and for a coded column a different case or a missing accent
    (``Avant``, ``apres``), are forgiven when only one allowed value fits, with a warning.
    """
    cons = field.get("constraints", {})
    allowed, pattern, longest = cons.get("enum"), cons.get("pattern"), cons.get("maxLength")
    if allowed is None and pattern is None and longest is None:
        return col
    cats = pd.Series(col.cat.categories, dtype=object)

    def fits(text: pd.Series) -> np.ndarray:
        if allowed is not None:
            return text.isin(allowed).to_numpy(dtype=bool)
        ok = np.ones(len(text), dtype=bool)
        if pattern is not None:
            ok &= text.str.fullmatch(pattern).fillna(False).to_numpy(dtype=bool)
        if longest is not None:
            ok &= (text.str.len() <= longest).to_numpy(dtype=bool)
        return ok

    ok = fits(cats)
    if ok.all():
        return col
    stripped = cats.str.strip()
    spaced = ~ok & fits(stripped)
    respelled = np.zeros(len(cats), dtype=bool)
    fixed = cats.where(~spaced, stripped)
    if allowed is not None:
        guess = stripped.map(fold).map(_unambiguous(allowed))
        respelled = ~ok & ~spaced & guess.notna().to_numpy(dtype=bool)
        fixed = fixed.where(~respelled, guess)
    if spaced.any() or respelled.any():
        codes = col.cat.codes.to_numpy()
        _warn_fixed(cats, fixed, spaced, respelled, codes, field, spec, src, log)
        fixed = fixed.to_numpy(dtype=object)
        col = pd.Series(
            pd.Categorical(np.where(codes >= 0, fixed[np.maximum(codes, 0)], None)), index=col.index
        )
        cats = pd.Series(col.cat.categories, dtype=object)
        ok = fits(cats)
    codes = col.cat.codes.to_numpy()
    bad_rows = (codes >= 0) & ~ok[np.maximum(codes, 0)]
    if not bad_rows.any():
        return col
    rows = col.index[bad_rows]
    values = cats.to_numpy()[codes[bad_rows]].tolist()
    if allowed is not None:
        hints = {v: _closest_hint(str(v), allowed, log.lang) for v in set(values)}
        log.add(
            "enum",
            table=spec.name,
            file=src.file,
            rows=rows,
            column=field["name"],
            values=values,
            allowed=", ".join(allowed),
            hint=[hints[v] for v in values],
        )
    else:
        too_long = np.array([longest is not None and len(str(v)) > longest for v in values])
        for rule, chosen in (("pattern", ~too_long), ("max-length", too_long)):
            if chosen.any():
                log.add(rule, table=spec.name, file=src.file, rows=rows[chosen],
                        column=field["name"], values=[v for v, c in zip(values, chosen,
                                                                       strict=True) if c],
                        limit=longest)  # fmt: skip
    return col


def _closest_hint(value: str, allowed: list[str], lang: str) -> str:
    """ " — écrire « avant »" for a refused code close to exactly one allowed code, else ""."""
    code = closest_code(value, allowed)
    return "" if code is None else t("hint.enum-closest", lang, code=code)


#: What people type in an empty numeric cell: read as missing, with a warning.
_MISSING_TOKENS = frozenset({"NA", "N/A", "#N/A", "-", "ND", "NC", "NR"})


def _read_as_missing(
    cats: pd.Index,
    failed: np.ndarray,
    codes: np.ndarray,
    field: dict,
    spec: TableSpec,
    src: RawTable,
    log: ProblemLog,
) -> np.ndarray:
    """Per category: an unparsed text that means "no value" (``NA``, ``N/A``, ``-``,
    ``ND``, ``NC``…), warned about once per row and then left missing."""
    if cats.dtype.kind in "iufbM" or not failed.any():
        return np.zeros(len(cats), dtype=bool)
    upper = pd.Series(np.asarray(cats, dtype=object)).astype(str).str.strip().str.upper()
    token = failed & upper.isin(_MISSING_TOKENS).to_numpy(dtype=bool)
    rows = (codes >= 0) & token[np.maximum(codes, 0)]
    if rows.any():
        log.add("read-as-missing", table=spec.name, file=src.file, rows=src.frame.index[rows],
                column=field["name"], values=_shown(src, field["name"], rows),
                severity="warning")  # fmt: skip
    return token


def _unambiguous(allowed: list[str]) -> dict[str, str]:
    """Each allowed value by its folded form, for the forms that only one value has."""
    forms = pd.Series(allowed, index=[fold(a) for a in allowed])
    return forms[~forms.index.duplicated(keep=False)].to_dict()


def _warn_fixed(
    cats: pd.Series,
    fixed: pd.Series,
    spaced: np.ndarray,
    respelled: np.ndarray,
    codes: np.ndarray,
    field: dict,
    spec: TableSpec,
    src: RawTable,
    log: ProblemLog,
) -> None:
    """One warning per row whose code was read after removing spaces or respelling."""
    for rule, chosen in (("spaces", spaced), ("spelling", respelled)):
        rows = (codes >= 0) & chosen[np.maximum(codes, 0)]
        if not rows.any():
            continue
        typed = cats.to_numpy(dtype=object)[codes[rows]]
        meant = fixed.to_numpy(dtype=object)[codes[rows]]
        where = [
            t("spaces.both" if v[:1].isspace() and v[-1:].isspace()
              else "spaces.before" if v[:1].isspace() else "spaces.after", log.lang)
            for v in typed
        ]  # fmt: skip
        log.add(rule, table=spec.name, file=src.file, rows=src.frame.index[rows],
                column=field["name"], values=list(typed), fixed=list(meant), where=where,
                severity="warning")  # fmt: skip


def validate_table(src: RawTable, spec: TableSpec, log: ProblemLog) -> pd.DataFrame | None:
    """Type one raw table and check it against its schema.

    Checks: required columns, required values, types, enums, patterns, maximum lengths,
    minimum and maximum, uniqueness and the primary key. Problems go to ``log``.

    Returns
    -------
    pandas.DataFrame or None
        The typed table with every schema column, in schema order, indexed by spreadsheet
        row number; text columns stay categorical (see :func:`decategorize`). Cells that
        failed a type check are missing, and flagged in ``src.invalid`` (column →
        boolean row mask) so that later rules do not report them again as empty.
        ``None`` if a required column is missing.
    """
    frame = src.frame
    if frame.empty:
        optional = not spec.required and spec.default is None
        log.add(
            "no-rows", table=spec.name, file=src.file, severity="warning" if optional else "error"
        )
    names = spec.field_names
    for col in frame.columns:
        first = _repeat_of(col, frame.columns)
        if first is not None:
            log.add(
                "duplicate-column",
                table=spec.name,
                file=src.file,
                rows=[1],
                column=first,
                values=[first],
            )
        elif col not in names:
            log.add(
                "unknown-column",
                table=spec.name,
                file=src.file,
                rows=[1],
                column=col,
                values=[col],
                severity="warning",
            )
    missing_cols = [
        f
        for f in spec.fields
        if f["name"] not in frame.columns and f.get("constraints", {}).get("required")
    ]
    for f in missing_cols:
        log.add(
            "missing-column",
            table=spec.name,
            file=src.file,
            rows=[1],
            column=f["name"],
            title=column_title(f.get("title", ""), log.lang),
        )
    if missing_cols:
        return None

    out = {}
    invalid = {}
    used_comma = False
    allow_comma = src.source.separator != ","
    for field in spec.fields:
        name, ftype = field["name"], field.get("type", "string")
        cons = field.get("constraints", {})
        col = (
            frame[name]
            if name in frame.columns
            else pd.Series(
                pd.Categorical([None] * len(frame), categories=pd.Index([], dtype=object)),
                index=frame.index,
            )
        )
        codes = col.cat.codes.to_numpy()
        if cons.get("required") and (codes < 0).any():
            log.add(
                "required",
                table=spec.name,
                file=src.file,
                rows=frame.index[codes < 0],
                column=name,
                title=column_title(field.get("title", ""), log.lang),
            )
        if ftype == "string":
            out[name] = _check_strings(col, field, spec, src, log)
            continue
        cats = col.cat.categories
        values, comma = _typed_values(cats, ftype, allow_comma)
        used_comma |= comma
        huge = _check_magnitude(values, codes, ftype, field, spec, src, log, invalid)
        failed = np.isnat(values) if values.dtype.kind == "M" else np.isnan(values)
        failed &= ~huge
        if not cons.get("required") and ftype in ("integer", "number"):
            failed &= ~_read_as_missing(cats, failed, codes, field, spec, src, log)
        if failed.any():
            bad = (codes >= 0) & failed[np.maximum(codes, 0)]
            invalid[name] = invalid.get(name, np.zeros(len(codes), dtype=bool)) | bad
            log.add(
                "type",
                table=spec.name,
                file=src.file,
                rows=frame.index[bad],
                column=name,
                values=_shown(src, name, bad),
                expected=t(f"type.{ftype}", log.lang),
            )
        for rule, op in (("minimum", np.less), ("maximum", np.greater)):
            if rule in cons and ftype in ("integer", "number"):
                with np.errstate(invalid="ignore"):
                    beyond = op(values, cons[rule])
                if beyond.any():
                    bad = (codes >= 0) & beyond[np.maximum(codes, 0)]
                    log.add(
                        rule,
                        table=spec.name,
                        file=src.file,
                        rows=frame.index[bad],
                        column=name,
                        values=_shown(src, name, bad),
                        limit=cons[rule],
                    )
        out[name] = _spread(values, codes, ftype)
    typed = pd.DataFrame(out, index=frame.index)
    src.invalid = invalid
    if used_comma:
        src.source = type(src.source)(**{**src.source.__dict__, "decimal": ","})
    _check_keys(typed, spec, src, log)
    return typed


#: The largest whole number a float64 holds exactly (2**53); beyond, a count is not a count.
_LARGEST_INTEGER = 2**53


def _check_magnitude(
    values: np.ndarray,
    codes: np.ndarray,
    ftype: str,
    field: dict,
    spec: TableSpec,
    src: RawTable,
    log: ProblemLog,
    invalid: dict[str, np.ndarray],
) -> np.ndarray:
    """Refuse infinite numbers (``inf``, ``1e400``) and whole numbers too large to be
    stored exactly (an Int64 column would wrap them to −9 223 372 036 854 775 808).

    Their categories become NaN in ``values`` and their rows ``invalid``; returns the
    per-category mask of those refused (so the type check does not report them again).
    """
    huge = np.zeros(len(values), dtype=bool)
    if ftype not in ("integer", "number") or not len(values):
        return huge
    with np.errstate(invalid="ignore"):
        huge = np.isinf(values)
        if ftype == "integer":
            huge |= np.abs(values) > _LARGEST_INTEGER
    if not huge.any():
        return huge
    values[huge] = np.nan
    name = field["name"]
    bad = (codes >= 0) & huge[np.maximum(codes, 0)]
    invalid[name] = bad
    rows = src.frame.index[bad]
    rule = "too-large-integer" if ftype == "integer" else "not-finite"
    log.add(rule, table=spec.name, file=src.file, rows=rows, column=name,
            values=_shown(src, name, bad))  # fmt: skip
    return huge


def _repeat_of(column: str, columns: pd.Index) -> str | None:
    """The header ``column`` repeats, if any: pandas reads a second ``hospital`` column
    as ``hospital.1`` (a third as ``hospital.2``)."""
    match = _REPEATED.fullmatch(column)
    if match is None or match.group(1) not in columns:
        return None
    return match.group(1)


def _shown(src: RawTable, column: str, rows: np.ndarray) -> list[str]:
    """The cells of ``column`` at the masked ``rows`` as typed in the file."""
    return as_text(src.text(column)[rows]).tolist()


def _key_codes(typed: pd.DataFrame, key: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """One int64 code per row for the combination of ``key`` columns, and completeness."""
    combined = np.zeros(len(typed), dtype=np.int64)
    complete = np.ones(len(typed), dtype=bool)
    for name in key:
        col = typed[name]
        codes = (
            col.cat.codes.to_numpy()
            if isinstance(col.dtype, pd.CategoricalDtype)
            else pd.factorize(col, use_na_sentinel=True)[0]
        )
        complete &= codes >= 0
        width = int(codes.max()) + 2 if len(codes) else 1
        combined = combined * width + (codes + 1)
        if combined.max(initial=0) > 2**40:
            combined = pd.factorize(combined)[0].astype(np.int64)
    return combined, complete


def _check_keys(typed: pd.DataFrame, spec: TableSpec, src: RawTable, log: ProblemLog) -> None:
    """Report repeated primary keys (on the repeat's row) and non-unique unique fields."""
    keys = [spec.primary_key] + [
        [f["name"]]
        for f in spec.fields
        if f.get("constraints", {}).get("unique") and [f["name"]] != spec.primary_key
    ]
    for key in keys:
        if not key or len(typed) == 0:
            continue
        combined, complete = _key_codes(typed, key)
        codes = pd.Series(np.where(complete, combined, -1 - np.arange(len(typed))))
        dup = codes.duplicated(keep="first").to_numpy()
        if not dup.any():
            continue
        first_pos = (
            pd.Series(np.arange(len(codes))).groupby(codes.to_numpy()).transform("first").to_numpy()
        )
        rows = typed.index[dup]
        firsts = typed.index[first_pos[dup]].tolist()
        parts = [np.asarray(_shown(src, name, dup), dtype=object) for name in key]
        shown = [", ".join(p) for p in zip(*parts, strict=True)]
        log.add(
            "duplicate-key",
            table=spec.name,
            file=src.file,
            rows=rows,
            column=", ".join(key),
            values=shown,
            key=", ".join(key),
            first_row=firsts,
        )
