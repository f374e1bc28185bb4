"""Measured value of each roadmap line's indicator per period (or questionnaire wave).

Internal to :mod:`impact.steering.roadmap` (which documents the estimators): takes the
prepared ``work`` dictionary (lines, members, periods, monthly series, reference month)
and returns the measures table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.barometer.common import sort_waves
from impact.steering.codes import codes_where
from impact.steering.estimates import (
    MEAN_OF_VALUES,
    POOLED_MEAN,
    POOLED_PROPORTION,
    POOLED_RATE,
    mean_of_values,
    pooled_mean,
    pooled_proportion,
    pooled_rate,
)
from impact.steering.months import month_start
from impact.steering.series import retention_by_period, scores_by_wave

__all__ = ["MEASURE_COLUMNS", "PERIODS", "STATED", "period_measures"]

#: Period labels of the measures table (questionnaire lines use their waves instead).
PERIODS = ("baseline", "year1", "year2", "year3")
_YEARS = PERIODS[1:]
_HOURS = "activite.heures_par_partenaire"
#: Method of a baseline the roadmap states.
STATED = "stated in the roadmap"
MEASURE_COLUMNS = [
    "line", "team_id", "hospital", "indicator", "period", "start", "end", "target",
    "estimate", "ci_low", "ci_high", "se", "n", "n_kind", "months", "method", "reason",
]  # fmt: skip


def period_measures(work: dict) -> pd.DataFrame:
    lines, periods, cl = work["lines"], work["periods"], work["conf_level"]
    as_of_m = work["as_of_m"]
    followed = lines.loc[lines["source"] != ""]
    if followed.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in MEASURE_COLUMNS})
    dated = followed.loc[followed["source"] != "questionnaire"]
    skeleton = periods.loc[periods["line"].isin(dated["line"])]
    skeleton = skeleton.join(dated.set_index("line")["baseline"], on="line")
    # the baseline period is measured when the roadmap states none, else shown as stated
    found = [
        _monthly_estimates(work["monthly"], lines, cl),
        retention_by_period(work["programme"], lines, work["members"], periods, as_of_m, cl),
    ]
    found = [f for f in found if len(f)]
    est = (pd.concat(found, ignore_index=True) if found
           else pd.DataFrame(columns=["line", "period"]))  # fmt: skip
    dated_rows = skeleton.merge(est, on=["line", "period"], how="left")
    stated = (dated_rows["period"] == "baseline") & dated_rows["baseline"].notna()
    dated_rows = _fill_dated(dated_rows, stated.to_numpy(), as_of_m)
    waves = _wave_rows(work, followed)
    stated_waves = _stated_baselines(followed.loc[followed["source"] == "questionnaire"])
    # (no row at all: every followed line is a questionnaire no one has answered yet)
    out = pd.concat([f for f in (dated_rows, stated_waves, waves) if len(f)] or
                    [pd.DataFrame(columns=[*MEASURE_COLUMNS, "order"])],
                    ignore_index=True)  # fmt: skip
    info = lines.set_index("line")[["team_id", "hospital", "indicator"]]
    out = out.drop(columns=["team_id", "hospital", "indicator"], errors="ignore").join(
        info, on="line")  # fmt: skip
    order = pd.Index(lines["line"]).get_indexer(out["line"])
    out = out.assign(_o=order).sort_values(["_o", "order"], kind="stable")
    for c in ("n", "months"):
        out[c] = pd.to_numeric(out[c]).astype(float)
    return out.reindex(columns=MEASURE_COLUMNS).reset_index(drop=True)


def _fill_dated(rows: pd.DataFrame, stated: np.ndarray, as_of_m: float) -> pd.DataFrame:
    """Dates, stated baselines and the reasons of rows with no estimate."""
    rows = rows.copy()
    rows["start"] = month_start(rows["start_m"]).to_numpy()
    rows["end"] = (month_start(rows["end_m"]) - pd.Timedelta(days=1)).to_numpy()
    for c in ("estimate", "ci_low", "ci_high", "se", "n", "months"):
        if c not in rows:
            rows[c] = np.nan
        rows[c] = pd.to_numeric(rows[c]).astype(float)
    for c in ("n_kind", "method", "reason"):
        rows[c] = rows[c].astype(object).where(rows[c].notna(), "") if c in rows else ""
    rows.loc[stated, ["ci_low", "ci_high", "se", "n", "months"]] = np.nan
    rows.loc[stated, "estimate"] = rows.loc[stated, "baseline"]
    rows.loc[stated, ["n_kind", "method"]] = ""
    rows.loc[stated, "method"] = STATED
    rows.loc[stated, "reason"] = "baseline_stated"
    later = ~stated & (rows["start_m"] > as_of_m).to_numpy()
    rows.loc[later, "reason"] = "period_not_started"
    empty = ~stated & ~later & (rows["reason"] == "") & rows["estimate"].isna().to_numpy()
    empty &= rows["method"].to_numpy() == ""
    rows.loc[empty, "reason"] = "no_observations"
    return rows


def _stated_baselines(lines: pd.DataFrame) -> pd.DataFrame:
    """A ``baseline`` row for each questionnaire line whose roadmap states one."""
    s = lines.loc[lines["baseline"].notna()]
    return pd.DataFrame({"line": s["line"], "period": "baseline", "order": -1,
                         "estimate": s["baseline"], "method": STATED,
                         "n_kind": "", "reason": "baseline_stated"})  # fmt: skip


def _wave_rows(work: dict, followed: pd.DataFrame) -> pd.DataFrame:
    """Questionnaire lines: one row per wave; the latest wave carries the target in force
    at the reference date."""
    if not (followed["source"] == "questionnaire").any():
        return pd.DataFrame()
    waves = scores_by_wave(work["programme"], work["lines"], work["members"], work["conf_level"])
    if waves.empty:
        return waves
    rank = {w: i for i, w in enumerate(sort_waves(waves["period"]))}
    waves = waves.assign(order=waves["period"].map(rank).astype(float), months=np.nan)
    latest = waves.groupby("line")["order"].transform("max") == waves["order"]
    target = _target_at(work["lines"], work["periods"], work["as_of_m"])
    waves["target"] = np.where(latest, waves["line"].map(target), np.nan)
    return waves


def _target_at(lines: pd.DataFrame, periods: pd.DataFrame, as_of_m: float) -> pd.Series:
    """Target in force at the reference month, per line (year 1's before the start, the
    final target after year 3)."""
    year = np.clip((as_of_m - lines["start_m"]) // 12 + 1, 1, 3)
    year = np.where(np.isfinite(year), year, 1).astype(int)
    key = pd.MultiIndex.from_arrays([lines["line"], np.array(_YEARS, dtype=object)[year - 1]])
    found = periods.set_index(["line", "period"])["target"].reindex(key).to_numpy()
    return pd.Series(found, index=lines["line"].to_numpy())


def _monthly_estimates(monthly: pd.DataFrame, lines: pd.DataFrame, cl: float) -> pd.DataFrame:
    """Per line × period of the monthly indicators, the estimate suited to its kind."""
    if monthly.empty:
        return pd.DataFrame()
    info = lines.set_index("line")[["start_m", "baseline", "kind", "multiplier", "indicator"]]
    lm = monthly.drop(columns=["kind", "multiplier"]).join(info, on="line")
    offset = (lm["m"] - lm["start_m"]).to_numpy()
    lm["period"] = np.select([offset < -12, offset < 0, offset < 12, offset < 24, offset < 36],
                             ["", "baseline", *_YEARS], "")  # fmt: skip
    keep = (lm["period"] != "") & ~((lm["period"] == "baseline") & lm["baseline"].notna())
    lm = lm.loc[keep].assign(has_value=np.isfinite(lm["value"]))
    g = lm.groupby(["line", "period"], sort=True)
    a = g.agg(
        num=("num", "sum"), den=("den", "sum"), dropped=("dropped", "sum"), nv=("nv", "sum"),
        n_sum=("n_sum", "sum"), ss=("ss", "sum"), strata=("strata", "sum"),
        all_sum=("all_sum", "all"), mean=("value", "mean"), sd=("value", "std"),
        months=("has_value", "sum"),
    ).reset_index().join(info, on="line")  # fmt: skip
    kind = a["kind"].to_numpy(dtype=object)
    prop, rate = kind == "proportion", kind == "rate"
    summary = (kind == "mean") & a["all_sum"].to_numpy(dtype=bool)
    values = ~(prop | rate | summary)
    mult = a["multiplier"].to_numpy(dtype=float)
    fits = [
        pooled_proportion(a["num"], a["den"], mult, cl),
        pooled_rate(a["num"], a["den"], mult, cl),
        pooled_mean(a["nv"], a["n_sum"], a["ss"], a["strata"], cl),
        mean_of_values(a["mean"], a["sd"], a["months"], cl),
    ]
    masks = [prop, rate, summary, values]
    est = {k: np.select(masks, [f[k] for f in fits], np.nan) for k in fits[0]}
    hours = a["indicator"].to_numpy(dtype=object) == _HOURS
    den_zero = (a["den"] <= 0).to_numpy()
    df_zero = (a["n_sum"] - a["strata"] <= 0).to_numpy()
    months = a["months"].to_numpy(dtype=float)
    out = pd.DataFrame({
        "line": a["line"], "period": a["period"], **est,
        "n": np.select(masks, [a["den"], a["den"], a["n_sum"], months]),
        "n_kind": np.select(masks, ["denominator", "exposure",
                                    np.where(hours, "partner_months", "people"), "months"], ""),
        "months": months,
        "method": np.select(masks, [POOLED_PROPORTION, POOLED_RATE, POOLED_MEAN, MEAN_OF_VALUES],
                            ""),
    })  # fmt: skip
    flat = (summary | values) & (out["se"].to_numpy() == 0)
    out.loc[flat, ["ci_low", "ci_high"]] = np.nan
    out["reason"] = codes_where(
        len(out),
        ((a["dropped"] > 0).to_numpy(), "missing_value"),
        (prop & den_zero, "no_observations"),
        (rate & den_zero, "no_exposure"),
        ((summary & df_zero) | (values & (months < 2)), "too_few_values"),
        (flat, "no_variation"),
    )
    return out
