"""Load a programme from a folder of CSV files or an XLSX workbook, checking the contract.

:func:`load_programme` reads every table, types it against ``data_schemas/``, checks keys
across tables and the domain rules below, and either returns a :class:`Programme` or
raises :class:`DataValidationError` with every problem found.

Cross-table and domain rules: foreign keys; barometer scores within the item's scale;
PREM answer codes within the item's scale; a programme team has a start date; end date
after start date; a self-assessment names a role; an indicator row carries the columns its
kind needs (numerator and denominator for proportions and rates, value otherwise); a
proportion's numerator does not exceed its denominator. Warnings: a team with no
indicator value after its start, a PREM team-period under the publication threshold.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from impact.errors import DataValidationError
from impact.problems import ProblemLog
from impact.programme import CATALOGUES, INPUT_TABLES, Programme, SourceInfo
from impact.reading import RawTable, read_csv_table, read_workbook
from impact.schemas import TableSpec, table_specs
from impact.validation import validate_table

__all__ = ["PREM_PUBLICATION_THRESHOLD", "check_programme", "load_programme"]

#: Fewer PREM questionnaires than this in a team-period is flagged (e-Satis publishes from 30).
PREM_PUBLICATION_THRESHOLD = 30


def _read_sources(path: Path, specs: dict[str, TableSpec], log: ProblemLog) -> dict[str, RawTable]:
    """Read every table present at ``path`` (folder of CSVs or workbook) as text."""
    names = list(specs)
    if path.is_file() and path.suffix.lower() in (".xlsx", ".xlsm"):
        tables = read_workbook(path, names, ["", *_all_missing(specs)])
        found = ", ".join(pd.ExcelFile(path, engine="openpyxl").sheet_names)
        for name, spec in specs.items():
            if name not in tables and spec.required:
                log.add("sheet-missing", table=name, file=path.name, found=found)
        return tables
    tables = {}
    for name, spec in specs.items():
        file = _find_csv(path, name)
        if file is None:
            if spec.required:
                log.add("file-missing", table=name, file=f"{name}.csv", expected=f"{name}.csv")
            continue
        table = read_csv_table(file, name, spec.missing_values, log)
        if table is not None:
            tables[name] = table
    return tables


def _all_missing(specs: dict[str, TableSpec]) -> list[str]:
    return sorted({m for s in specs.values() for m in s.missing_values} - {""})


def _find_csv(folder: Path, name: str) -> Path | None:
    """The file ``name.csv`` in ``folder``, matched case-insensitively."""
    exact = folder / f"{name}.csv"
    if exact.is_file():
        return exact
    wanted = f"{name}.csv".lower()
    return next((p for p in folder.iterdir() if p.name.lower() == wanted), None)


def _default_table(spec: TableSpec, log: ProblemLog) -> RawTable:
    table = read_csv_table(spec.default, spec.name, spec.missing_values, log)
    table.source = SourceInfo(path="<default catalogue>", sha256=table.source.sha256,
                              encoding="utf-8", separator=",", decimal=".")
    return table


def _flag(log: ProblemLog, rule: str, frame: pd.DataFrame, mask: pd.Series, table: str,
          file: str, column: str, values: pd.Series | None = None, **fields: object) -> None:
    """Record ``rule`` for the rows of ``frame`` where ``mask`` holds."""
    mask = mask.fillna(False).astype(bool)
    if not mask.any():
        return
    rows = frame.index[mask.to_numpy()]
    shown = (values if values is not None else frame[column])[mask.to_numpy()]
    extra = {k: (list(v[mask.to_numpy()]) if isinstance(v, pd.Series) else v)
             for k, v in fields.items()}
    log.add(rule, table=table, file=file, rows=rows, column=column, values=shown.tolist(),
            **extra)


def _fmt_int(series: pd.Series) -> pd.Series:
    return series.astype("Int64").astype(str)


def check_programme(
    frames: dict[str, pd.DataFrame], files: dict[str, str], specs: dict[str, TableSpec],
    log: ProblemLog,
) -> None:
    """Check foreign keys and domain rules across typed tables (see the module docstring)."""
    for name, frame in frames.items():
        for column, ref_table, ref_column in specs[name].foreign_keys:
            if ref_table not in frames:
                continue
            known = frames[ref_table][ref_column].dropna().unique()
            bad = frame[column].notna() & ~frame[column].isin(known)
            _flag(log, "foreign-key", frame, bad, name, files[name], column, ref_table=ref_table)

    teams = frames.get("teams")
    if teams is not None:
        need_start = (teams["comparison"] == False) & teams["start_date"].isna()  # noqa: E712
        _flag(log, "start-date-required", teams, need_start, "teams", files["teams"],
              "start_date")
        backwards = teams["end_date"] < teams["start_date"]
        _flag(log, "date-order", teams, backwards, "teams", files["teams"], "end_date",
              values=teams["end_date"].dt.strftime("%Y-%m-%d"))

    baro, items = frames.get("barometer_responses"), frames.get("barometer_items")
    if baro is not None:
        _flag(log, "role-required", baro, (baro["assessment"] == "auto") & baro["role"].isna(),
              "barometer_responses", files["barometer_responses"], "role")
        if items is not None:
            lookup = items.set_index("item")
            low = baro["item"].map(lookup["scale_min"])
            high = baro["item"].map(lookup["scale_max"])
            outside = baro["score"].notna() & ((baro["score"] < low) | (baro["score"] > high))
            _flag(log, "scale-range", baro, outside, "barometer_responses",
                  files["barometer_responses"], "score", values=_fmt_int(baro["score"]),
                  low=_fmt_int(low), high=_fmt_int(high), item=baro["item"])

    prem, prem_items, scales = (frames.get(k) for k in ("prem_responses", "prem_items",
                                                         "prem_scales"))
    if prem is not None and prem_items is not None and scales is not None:
        _check_answer_codes(prem, prem_items, scales, files["prem_responses"], log)

    values, indicators = frames.get("indicator_values"), frames.get("indicators")
    if values is not None and indicators is not None:
        kind = values["indicator"].map(indicators.set_index("code")["kind"])
        file = files["indicator_values"]
        for column, kinds in (("numerator", ("proportion", "rate")),
                              ("denominator", ("proportion", "rate")),
                              ("value", ("mean", "count"))):
            lacking = kind.isin(kinds) & values[column].isna()
            _flag(log, "kind-columns", values, lacking, "indicator_values", file, column,
                  item=values["indicator"], kind=kind)
        over = (kind == "proportion") & (values["numerator"] > values["denominator"])
        _flag(log, "numerator-exceeds-denominator", values, over, "indicator_values", file,
              "numerator", item=values["indicator"], limit=values["denominator"])

    _warn_coverage(frames, files, log)


def _check_answer_codes(prem: pd.DataFrame, items: pd.DataFrame, scales: pd.DataFrame,
                        file: str, log: ProblemLog) -> None:
    """Every PREM answer code exists in its item's scale (a lookup table, not a merge)."""
    scale_names = pd.Index(scales["scale"].dropna().unique())
    item_scale = prem["item"].map(items.set_index("item")["scale"])
    sid = scale_names.get_indexer(item_scale)
    codes = prem["answer"]
    max_code = int(max(scales["code"].max(), 0)) if len(scales) else 0
    valid = np.zeros((len(scale_names), max_code + 1), dtype=bool)
    ok_rows = scales["scale"].notna() & scales["code"].between(0, max_code)
    valid[scale_names.get_indexer(scales.loc[ok_rows, "scale"]),
          scales.loc[ok_rows, "code"].to_numpy(dtype=int)] = True
    code = codes.fillna(-1).to_numpy(dtype=np.int64)
    in_range = (sid >= 0) & (code >= 0) & (code <= max_code)
    known = np.zeros(len(prem), dtype=bool)
    known[in_range] = valid[sid[in_range], code[in_range]]
    bad = pd.Series(codes.notna().to_numpy() & (sid >= 0) & ~known, index=prem.index)
    if not bad.any():
        return
    allowed = scales.groupby("scale")["code"].agg(lambda c: ", ".join(map(str, sorted(c))))
    _flag(log, "answer-code", prem, bad, "prem_responses", file, "answer",
          values=_fmt_int(codes), scale=item_scale, item=prem["item"],
          allowed=item_scale.map(allowed))


def _warn_coverage(frames: dict[str, pd.DataFrame], files: dict[str, str],
                   log: ProblemLog) -> None:
    """Warnings that do not block: no post-period data, small PREM team-periods."""
    teams, values = frames.get("teams"), frames.get("indicator_values")
    if teams is not None and values is not None:
        started = teams.loc[teams["start_date"].notna(), ["team_id", "start_date"]]
        last = values.groupby("team_id")["period"].max()
        month = started["start_date"].dt.to_period("M").dt.to_timestamp()
        no_post = ~(started["team_id"].map(last) >= month)
        _flag(log, "no-post-period", started, no_post, "teams", files["teams"], "team_id")
    prem = frames.get("prem_responses")
    if prem is not None and len(prem):
        counts = prem.groupby(["team_id", "period"])["respondent"].nunique().reset_index()
        small = counts[counts["respondent"] < PREM_PUBLICATION_THRESHOLD]
        if len(small):
            log.add("small-prem-period", table="prem_responses", file=files["prem_responses"],
                    column="period", values=small["team_id"].tolist(), severity="warning",
                    rows=[pd.NA] * len(small), n=small["respondent"].tolist(),
                    period=small["period"].tolist(), threshold=PREM_PUBLICATION_THRESHOLD)


def _empty(spec: TableSpec) -> pd.DataFrame:
    """An empty typed table with the schema's columns (for an optional table not supplied)."""
    raw = RawTable(spec.name, pd.DataFrame(columns=spec.field_names, dtype=object),
                   SourceInfo(path=""), "")
    return validate_table(raw, spec, ProblemLog())


def read_programme(path: str | Path, *, lang: str = "fr") -> tuple[Programme | None, pd.DataFrame]:
    """Read and check a programme; return it (``None`` if there are errors) and its problems.

    Parameters
    ----------
    path : str or pathlib.Path
        A folder of CSV files named after the tables, or an ``.xlsx`` workbook.
    lang : {"fr", "en"}
        Language of the problem messages.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"No such file or folder: {path}")
    specs = table_specs()
    log = ProblemLog(lang)
    raw = _read_sources(path, specs, log)
    for name, spec in specs.items():
        if name not in raw and spec.default is not None:
            raw[name] = _default_table(spec, log)
    frames = {}
    for name, table in raw.items():
        typed = validate_table(table, specs[name], log)
        if typed is not None:
            frames[name] = typed
    check_programme(frames, {n: r.file for n, r in raw.items()}, specs, log)
    problems = log.frame()
    if log.has_errors:
        return None, problems
    tables = {
        name: (frames[name] if name in frames else _empty(specs[name])).reset_index(drop=True)
        for name in INPUT_TABLES + CATALOGUES
    }
    programme = Programme(
        **tables,
        sources={name: table.source for name, table in raw.items()},
        warnings=problems,
    )
    return programme, problems


def load_programme(path: str | Path, *, lang: str = "fr") -> Programme:
    """Load a programme's data and check them against the data contract.

    Parameters
    ----------
    path : str or pathlib.Path
        A folder of CSV files named after the tables (``teams.csv``,
        ``indicator_values.csv``, optionally ``barometer_responses.csv``,
        ``prem_responses.csv`` and catalogue files overriding the defaults), or one
        ``.xlsx`` workbook with a sheet per table. CSV files may use ``,`` or ``;``,
        a decimal comma, and UTF-8 (with or without BOM) or Windows-1252.
    lang : {"fr", "en"}
        Language of the problem messages.

    Returns
    -------
    Programme
        Typed tables, with ``sources`` (file, SHA-256, dialect) and ``warnings``.

    Raises
    ------
    DataValidationError
        If anything breaks the contract; ``.problems`` lists every problem with its
        table, file, row, column, value, rule and message.

    Examples
    --------
    >>> import impact, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> _ = impact.demo_programme(n_teams=4, n_comparison=2, seed=1).to_csv(folder)
    >>> impact.load_programme(folder).team_ids
    ['T01', 'T02', 'T03', 'T04']
    """
    programme, problems = read_programme(path, lang=lang)
    if programme is None:
        raise DataValidationError(problems)
    return programme
