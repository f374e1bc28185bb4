"""Interrupted time series of every team's monthly indicators.

The generic estimator is :func:`impact.stats.its.segmented_regression`; this module decides,
from each indicator's kind in the catalogue, which model fits its monthly series.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.data.programme import Programme
from impact.indicators.periods import started_teams, verdicts
from impact.stats.its import ItsResult, segmented_regression_many

__all__ = ["its_by_team", "monthly_outcome"]


def monthly_outcome(programme: Programme, teams: list[str] | None) -> pd.DataFrame:
    """Monthly rows of programme teams with the outcome each kind is modelled on.

    Rates: the event count, with the exposure as offset (quasi-Poisson, rate ratios).
    Proportions: the monthly percentage ``100·numerator/denominator``; means and counts:
    the monthly value (Gaussian with AR(1) errors, changes in the indicator's unit).
    """
    units = started_teams(programme, teams)
    units = units.assign(start=units["start_date"].dt.to_period("M").dt.to_timestamp())
    catalogue = programme.indicators.set_index("code")[["kind", "better", "multiplier"]]
    rows = programme.indicator_values.merge(units[["team_id", "start"]], on="team_id").join(
        catalogue, on="indicator"
    )
    share = 100 * rows["numerator"] / rows["denominator"].where(rows["denominator"] > 0)
    rows["y"] = np.select(
        [rows["kind"] == "rate", rows["kind"] == "proportion"],
        [rows["numerator"], share],
        default=rows["value"],
    )
    rows["exposure"] = rows["denominator"]
    # the people behind each month's value, for small-cell rules, as in the before/after
    # table: the events of a rate (its exposure is person-time), the stays or patients of
    # a proportion, the n of a mean; counts describe activity, not a group of people
    people = rows["n"] if "n" in rows.columns else np.nan
    rows["people"] = np.select(
        [rows["kind"] == "rate", rows["kind"] == "proportion", rows["kind"] == "mean"],
        [rows["numerator"], rows["denominator"], people],
        default=np.nan,
    )
    return rows.loc[rows["y"].notna()]


def its_by_team(
    programme: Programme,
    *,
    teams: list[str] | None = None,
    harmonics: int = 1,
    conf_level: float = 0.95,
) -> ItsResult:
    """Segmented regression of each team × indicator monthly series around its start.

    Level and slope change at the team's start month (Wagner et al. 2002; Lopez Bernal,
    Cummins & Gasparrini 2017), with ``harmonics`` Fourier pairs for seasonality:

    - rates: quasi-Poisson on the monthly events with log(exposure) offset; the level
      change is a rate ratio (reported per the catalogue's multiplier in ``fitted``);
    - proportions: Gaussian on the monthly percentage (level change in percentage
      points) with AR(1) errors (iterated Cochrane–Orcutt feasible GLS);
    - means and counts: Gaussian on the monthly value, AR(1) errors likewise.

    AR(1) errors rather than Newey–West: on the demo programme's 54-month series the
    Newey–West 95% intervals covered the true level change in only 85–88% of team ×
    indicator series, against 89–93% with AR(1) feasible GLS (three seeds measured).

    Parameters
    ----------
    programme : Programme
        Validated programme data.
    teams : list of str, optional
        Restrict to these teams (default: every programme team with a start date).
    harmonics : int, default 1
        Fourier pairs (period 12 months) for seasonality.
    conf_level : float, default 0.95
        Confidence level.

    Returns
    -------
    ItsResult
        ``effects``: one row per team × indicator × contrast ("level change", "slope
        change", "relative change at end" / "change at end") with ``kind``, ``better`` and
        ``verdict`` (from the interval, as in
        :func:`impact.indicators.periods.compare_periods`); ``fitted``: observed, fitted and
        counterfactual monthly series per team × indicator, for the charts, with ``n``:
        the people behind each month's value (events of rates, denominator of
        proportions, ``n`` of means; empty for counts), for small-cell rules
        (:func:`impact.report.privacy.hide_small_months`).
    """
    rows = monthly_outcome(programme, teams)
    effects, fitted = [], []
    groups = (
        ("rate", dict(family="poisson", offset="exposure")),
        ("other", dict(family="gaussian", errors="ar1")),
    )
    for name, options in groups:
        part = rows[rows["kind"] == "rate"] if name == "rate" else rows[rows["kind"] != "rate"]
        if part.empty:
            continue
        if name == "rate":
            multiplier = part.groupby("indicator")["multiplier"].first().fillna(1.0)
            for code, mult in multiplier.items():
                sub = part[part["indicator"] == code]
                result = segmented_regression_many(
                    sub,
                    ["team_id", "indicator"],
                    "y",
                    "period",
                    "start",
                    harmonics=harmonics,
                    conf_level=conf_level,
                    rate_per=float(mult),
                    **options,
                )
                effects.append(result.effects)
                fitted.append(result.fitted)
            continue
        result = segmented_regression_many(
            part,
            ["team_id", "indicator"],
            "y",
            "period",
            "start",
            harmonics=harmonics,
            conf_level=conf_level,
            **options,
        )
        effects.append(result.effects)
        fitted.append(result.fitted)
    if not effects:
        return ItsResult(pd.DataFrame(), pd.DataFrame())
    catalogue = programme.indicators.set_index("code")
    out = pd.concat(effects, ignore_index=True)
    out = out.join(catalogue[["kind", "better"]], on="indicator")
    out["verdict"] = verdicts(out, out["better"])
    order = {code: i for i, code in enumerate(catalogue.index)}
    out = (
        out.assign(_o=out["indicator"].map(order))
        .sort_values(["team_id", "_o"], kind="stable")
        .drop(columns="_o")
        .reset_index(drop=True)
    )
    fitted = pd.concat(fitted, ignore_index=True)
    people = rows[["team_id", "indicator", "period", "people"]].rename(
        columns={"period": "time", "people": "n"}
    )
    fitted = fitted.merge(people, on=["team_id", "indicator", "time"], how="left")
    return ItsResult(out, fitted)
