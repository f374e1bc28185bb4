"""Load a programme from a folder of CSV files or an XLSX workbook, checking the contract.

:func:`load_programme` reads every table, types it against ``data_schemas/``, checks keys
across tables and the domain rules below, and either returns a :class:`Programme` or
raises :class:`DataValidationError` with every problem found.

Cross-table and domain rules: foreign keys; barometer scores within the item's scale;
PREM answer codes within the item's scale; a programme team has a start date; end date
after start date; a self-assessment names a role; an indicator row carries the columns its
kind needs (numerator and denominator for proportions and rates, value otherwise); a
proportion's numerator does not exceed its denominator. Warnings: a team with no
indicator value after its start, a PREM team-period under the publication threshold, a
comparison unit with survey answers or a start date (no team report uses them). Sheets and
files that are not tables, and headers written as titles or near spellings, are handled by
:mod:`impact.data.table_names`; the steering tables' rules by
:mod:`impact.data.steering_checks`, the training tables' by
:mod:`impact.data.training_checks`, the comment tables' by :mod:`impact.data.comment_checks`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from impact.data.comment_checks import check_comments
from impact.data.messages import t
from impact.data.plausibility import check_plausible
from impact.data.problems import ProblemLog
from impact.data.programme import CATALOGUES, INPUT_TABLES, Programme, SourceInfo
from impact.data.reading import (
    WORKBOOK_SUFFIXES,
    RawTable,
    WorkbookError,
    read_csv_table,
    read_workbook,
)
from impact.data.rule_helpers import flag, keyed, lookup
from impact.data.schemas import (
    COMMENT_TABLES,
    OPTIONAL_TABLES,
    STEERING_TABLES,
    TRAINING_TABLES,
    TableSpec,
    table_specs,
)
from impact.data.steering_checks import check_steering
from impact.data.table_names import check_unread, match_headers
from impact.data.training_checks import check_training
from impact.data.validation import decategorize, validate_table
from impact.errors import DataValidationError

__all__ = [
    "PREM_PUBLICATION_THRESHOLD",
    "absent_tables",
    "check_programme",
    "load_programme",
    "programme_summary",
    "read_programme",
]

#: Fewer PREM questionnaires than this in a team-period is flagged (e-Satis publishes from 30).
PREM_PUBLICATION_THRESHOLD = 30


def _read_sources(
    path: Path,
    specs: dict[str, TableSpec],
    log: ProblemLog,
    progress: Callable[[str], None] | None = None,
) -> dict[str, RawTable]:
    """Read every table present at ``path`` (folder of CSVs or workbook) as text.

    A file that is not a workbook, or a folder named like one that holds no CSV file, is
    one problem (not an exception); ``progress`` is told which sheet of a workbook is read.
    """
    names = list(specs)
    if path.is_file() and path.suffix.lower() in WORKBOOK_SUFFIXES:
        try:
            tables, sheets = read_workbook(
                path, names, ["", *_all_missing(specs)], progress=progress, lang=log.lang
            )
        except WorkbookError as exc:
            log.add("workbook-unreadable", table="", file=path.name, detail=str(exc))
            return {}
        found = ", ".join(sheets)
        for name, spec in specs.items():
            if name not in tables and spec.required:
                log.add("sheet-missing", table=name, file=path.name, found=found)
        return tables
    if not path.is_dir():
        log.add("not-a-folder", table="", file=path.name, path=path)
        return {}
    if path.suffix.lower() in WORKBOOK_SUFFIXES and not any(path.glob("*.[cC][sS][vV]")):
        log.add("not-a-workbook", table="", file=path.name, path=path)
        return {}
    tables = {}
    for name, spec in specs.items():
        file = _find_csv(path, name)
        if file is None:
            if spec.required:
                log.add("file-missing", table=name, file=f"{name}.csv", expected=f"{name}.csv")
            continue
        table = read_csv_table(file, name, spec.missing_values, log, _text_fields(spec))
        if table is not None:
            tables[name] = table
    return tables


def _all_missing(specs: dict[str, TableSpec]) -> list[str]:
    return sorted({m for s in specs.values() for m in s.missing_values} - {""})


def _find_csv(folder: Path, name: str) -> Path | None:
    """The file ``name.csv`` in ``folder``, matched case-insensitively (never a folder)."""
    exact = folder / f"{name}.csv"
    if exact.is_file():
        return exact
    wanted = f"{name}.csv".lower()
    return next((p for p in folder.iterdir() if p.name.lower() == wanted and p.is_file()), None)


def _text_fields(spec: TableSpec) -> tuple[str, ...]:
    return tuple(f["name"] for f in spec.fields if f.get("type", "string") == "string")


def _default_table(spec: TableSpec, log: ProblemLog) -> RawTable:
    table = read_csv_table(spec.default, spec.name, spec.missing_values, log, _text_fields(spec))
    table.source = SourceInfo(
        path="<default catalogue>",
        sha256=table.source.sha256,
        encoding="utf-8",
        separator=",",
        decimal=".",
    )
    return table


def check_programme(
    frames: dict[str, pd.DataFrame],
    raw: dict[str, RawTable],
    specs: dict[str, TableSpec],
    log: ProblemLog,
) -> None:
    """Check foreign keys and domain rules across typed tables (see the module docstring)."""
    for name, frame in frames.items():
        for column, ref_table, ref_column in specs[name].foreign_keys:
            if ref_table not in frames or frames[ref_table].empty:
                continue  # the referenced table's own problem is already reported
            known = frames[ref_table][ref_column].dropna().unique()
            bad = frame[column].notna() & ~frame[column].isin(known)
            flag(log, "foreign-key", raw[name], frame, bad, column, ref_table=ref_table)

    teams = frames.get("teams")
    if teams is not None:
        need_start = (teams["comparison"] == False) & teams["start_date"].isna()  # noqa: E712
        flag(log, "start-date-required", raw["teams"], teams, need_start, "start_date")
        backwards = teams["end_date"] < teams["start_date"]
        flag(log, "date-order", raw["teams"], teams, backwards, "end_date")

    baro, items = frames.get("barometer_responses"), frames.get("barometer_items")
    if baro is not None:
        flag(
            log,
            "role-required",
            raw["barometer_responses"],
            baro,
            (baro["assessment"] == "auto") & baro["role"].isna(),
            "role",
        )
        if items is not None:
            catalogue = keyed(items, "item")
            low = lookup(baro["item"], catalogue["scale_min"])
            high = lookup(baro["item"], catalogue["scale_max"])
            outside = baro["score"].notna() & ((baro["score"] < low) | (baro["score"] > high))
            flag(
                log,
                "scale-range",
                raw["barometer_responses"],
                baro,
                outside,
                "score",
                low=low,
                high=high,
                item=baro["item"],
            )

    prem, prem_items, scales = (
        frames.get(k) for k in ("prem_responses", "prem_items", "prem_scales")
    )
    if prem is not None and prem_items is not None and scales is not None:
        _check_answer_codes(prem, prem_items, scales, raw["prem_responses"], log)

    proms, prom_scales = frames.get("prom_responses"), frames.get("proms")
    if proms is not None and prom_scales is not None:
        _check_prom_range(proms, prom_scales, raw["prom_responses"], log)

    values, indicators = frames.get("indicator_values"), frames.get("indicators")
    if values is not None and indicators is not None:
        kind = lookup(values["indicator"], decategorize(keyed(indicators, "code")["kind"]))
        for column, kinds in (
            ("numerator", ("proportion", "rate")),
            ("denominator", ("proportion", "rate")),
            ("value", ("mean", "count")),
        ):
            lacking = kind.isin(kinds) & values[column].isna()
            flag(
                log,
                "kind-columns",
                raw["indicator_values"],
                values,
                lacking,
                column,
                item=values["indicator"],
                kind=kind,
            )
        over = (kind == "proportion") & (values["numerator"] > values["denominator"])
        flag(
            log,
            "numerator-exceeds-denominator",
            raw["indicator_values"],
            values,
            over,
            "numerator",
            item=values["indicator"],
            limit=values["denominator"],
        )

        check_plausible(values, indicators, raw["indicator_values"].file, log)

    check_steering(frames, raw, specs, log)
    check_training(frames, raw, log)
    check_comments(frames, raw, log)
    _warn_coverage(frames, raw, log)
    _warn_comparison(frames, raw, log)


def _warn_comparison(
    frames: dict[str, pd.DataFrame], raw: dict[str, RawTable], log: ProblemLog
) -> None:
    """Warn about a comparison unit with survey answers or a start date: no team report
    uses them (a comparison unit only enters the indicators' difference-in-differences)."""
    teams = frames.get("teams")
    if teams is None:
        return
    units = teams.loc[teams["comparison"] == True]  # noqa: E712
    if units.empty:
        return
    dated = units["start_date"].notna()
    flag(log, "comparison-start", raw["teams"], units, dated, "start_date",
          severity="warning", team=units["team_id"])  # fmt: skip
    ids = decategorize(units["team_id"]).dropna().unique()
    for name in OPTIONAL_TABLES:
        answers = frames.get(name)
        if answers is None or answers.empty or "team_id" not in answers:
            continue  # training_answers: a person's team is in training_participants
        if name == "partnership_activity":
            continue  # a comparison unit's activity is an error (impact.data.steering_checks)
        if name == "comments":
            continue  # a comparison unit's comments are valid (impact.data.comment_checks)
        team = decategorize(answers["team_id"])
        first = team[team.isin(ids)].drop_duplicates()
        if len(first):
            log.add("comparison-answers", table=name, file=raw[name].file, rows=first.index,
                    column="team_id", values=first.tolist(), severity="warning")  # fmt: skip


def absent_tables(programme: Programme) -> list[str]:
    """The optional observation tables the programme was given no file or sheet for.

    A table counts as supplied when ``programme.sources`` names it or when it has rows
    (a programme built in Python may have no sources).
    """
    return [
        name
        for name in OPTIONAL_TABLES
        if name not in programme.sources and getattr(programme, name).empty
    ]


def programme_summary(programme: Programme, lang: str = "fr") -> str:
    """One line: teams, comparison units, and the optional tables not supplied (the
    steering tables only when another steering table was supplied, the training tables
    and the comment tables likewise).

    Examples
    --------
    >>> from impact.demo.programme import demo_programme
    >>> programme_summary(demo_programme(n_teams=4, n_comparison=2, seed=1))
    '4 équipes, 2 unités de comparaison'
    """
    separator = " ; " if lang == "fr" else "; "
    names = absent_tables(programme)
    for group in (STEERING_TABLES, TRAINING_TABLES, COMMENT_TABLES):
        if set(group) <= set(names):
            names = [name for name in names if name not in group]
    absent = "".join(separator + t(f"absent.{name}", lang) for name in names)
    return t("validate.summary", lang, n_teams=len(programme.team_ids),
             n_comparison=len(programme.comparison_ids), absent=absent)  # fmt: skip


def _check_prom_range(
    responses: pd.DataFrame, proms: pd.DataFrame, src: RawTable, log: ProblemLog
) -> None:
    """Every PROM score lies within its measure's ``scale_min``–``scale_max``."""
    catalogue = keyed(proms, "code")
    low = lookup(responses["prom"], catalogue["scale_min"])
    high = lookup(responses["prom"], catalogue["scale_max"])
    score = responses["value"]
    outside = score.notna() & ((score < low) | (score > high))
    flag(log, "prom-range", src, responses, outside, "value",
          low=low, high=high, item=responses["prom"])  # fmt: skip


def _check_answer_codes(
    prem: pd.DataFrame, items: pd.DataFrame, scales: pd.DataFrame, src: RawTable, log: ProblemLog
) -> None:
    """Every PREM answer code exists in its item's scale (a lookup table, not a merge)."""
    scale_names = pd.Index(decategorize(scales["scale"]).dropna().unique())
    item_scale = lookup(prem["item"], decategorize(keyed(items, "item")["scale"]))
    sid = scale_names.get_indexer(item_scale)
    codes = prem["answer"]
    max_code = int(max(scales["code"].max(), 0)) if len(scales) else 0
    valid = np.zeros((len(scale_names), max_code + 1), dtype=bool)
    ok_rows = scales["scale"].notna() & scales["code"].between(0, max_code)
    valid[
        scale_names.get_indexer(decategorize(scales.loc[ok_rows, "scale"])),
        scales.loc[ok_rows, "code"].to_numpy(dtype=int),
    ] = True
    code = codes.fillna(-1).to_numpy(dtype=np.int64)
    in_range = (sid >= 0) & (code >= 0) & (code <= max_code)
    known = np.zeros(len(prem), dtype=bool)
    known[in_range] = valid[sid[in_range], code[in_range]]
    bad = pd.Series(codes.notna().to_numpy() & (sid >= 0) & ~known, index=prem.index)
    if not bad.any():
        return
    allowed = (
        scales.assign(scale=decategorize(scales["scale"]))
        .groupby("scale")["code"]
        .agg(lambda c: ", ".join(map(str, sorted(c))))
    )
    flag(
        log,
        "answer-code",
        src,
        prem,
        bad,
        "answer",
        scale=item_scale,
        item=prem["item"],
        allowed=item_scale.map(allowed),
    )


def _warn_coverage(
    frames: dict[str, pd.DataFrame], raw: dict[str, RawTable], log: ProblemLog
) -> None:
    """Warnings that do not block: no post-period data, small PREM team-periods."""
    teams, values = frames.get("teams"), frames.get("indicator_values")
    if teams is not None and values is not None:
        started = teams.loc[teams["start_date"].notna(), ["team_id", "start_date"]]
        last = values.groupby("team_id", observed=True)["period"].max()
        month = started["start_date"].dt.to_period("M").dt.to_timestamp()
        no_post = ~(lookup(started["team_id"], last) >= month)
        flag(log, "no-post-period", raw["teams"], started, no_post, "team_id", severity="warning")
    prem = frames.get("prem_responses")
    if prem is not None and len(prem):
        counts = (
            prem.groupby(["team_id", "period"], observed=True)["respondent"].nunique().reset_index()
        )
        small = counts[counts["respondent"] < PREM_PUBLICATION_THRESHOLD]
        if len(small):
            log.add(
                "small-prem-period",
                table="prem_responses",
                file=raw["prem_responses"].file,
                column="period",
                values=small["team_id"].tolist(),
                severity="warning",
                rows=[pd.NA] * len(small),
                n=small["respondent"].tolist(),
                period=small["period"].tolist(),
                threshold=PREM_PUBLICATION_THRESHOLD,
            )


def _empty(spec: TableSpec) -> pd.DataFrame:
    """An empty typed table with the schema's columns (for an optional table not supplied)."""
    raw = RawTable(
        spec.name, pd.DataFrame(columns=spec.field_names, dtype="category"), SourceInfo(path=""), ""
    )
    return _plain(validate_table(raw, spec, ProblemLog()))


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with its categorical text columns as plain strings."""
    return pd.DataFrame({name: decategorize(col) for name, col in frame.items()}, index=frame.index)


def read_programme(
    path: str | Path, *, lang: str = "fr", progress: Callable[[str], None] | None = None
) -> tuple[Programme | None, pd.DataFrame]:
    """Read and check a programme; return it (``None`` if there are errors) and its problems.

    Parameters
    ----------
    path : str or pathlib.Path
        A folder of CSV files named after the tables, or an ``.xlsx`` workbook.
    lang : {"fr", "en"}
        Language of the problem messages.
    progress : callable, optional
        Told, in ``lang``, which sheet of a workbook is being read.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"No such file or folder: {path}")
    specs = table_specs()
    log = ProblemLog(lang)
    raw = _read_sources(path, specs, log, progress)
    check_unread(path, specs, raw, log)
    for name, table in raw.items():
        match_headers(table, specs[name], log)
    for name, spec in specs.items():
        if name not in raw and spec.default is not None:
            raw[name] = _default_table(spec, log)
    frames = {}
    for name, table in raw.items():
        typed = validate_table(table, specs[name], log)
        if typed is not None:
            frames[name] = typed
    check_programme(frames, raw, specs, log)
    frames = {name: _plain(frame) for name, frame in frames.items()}
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


def load_programme(
    path: str | Path, *, lang: str = "fr", progress: Callable[[str], None] | None = None
) -> Programme:
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
    progress : callable, optional
        Told, in ``lang``, which sheet of a workbook is being read.

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
    programme, problems = read_programme(path, lang=lang, progress=progress)
    if programme is None:
        raise DataValidationError(problems)
    return programme
