"""Baseline versus post-intervention change of every team's care indicators.

:func:`compare_periods` picks, for each team × indicator, the two-period estimator that
fits the indicator's kind in the catalogue, and says whether the indicator improved,
worsened, or whether the data cannot tell yet.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from statsmodels.stats.multitest import multipletests

from impact.data.programme import Programme
from impact.stats.effects import (
    difference_in_proportions,
    mean_difference_from_summary,
    rate_ratio,
)

__all__ = ["compare_periods", "started_teams", "verdicts"]

_DEFAULT_MULTIPLIER = {"proportion": 100.0, "rate": 1.0, "mean": 1.0, "count": 1.0}


def started_teams(programme: Programme, teams: list[str] | None = None) -> pd.DataFrame:
    """``team_id`` and ``start_date`` of the programme teams that have started.

    Comparison units and teams without a start date are left out; ``teams`` restricts
    the list and must name only such teams (ValueError otherwise).
    """
    frame = programme.teams
    units = frame.loc[
        ~frame["comparison"].astype(bool) & frame["start_date"].notna(), ["team_id", "start_date"]
    ]
    if teams is not None:
        unknown = sorted(set(teams) - set(units["team_id"]))
        if unknown:
            raise ValueError(f"Not programme teams with a start date: {unknown!r}.")
        units = units.loc[units["team_id"].isin(teams)]
    return units


def _phases(
    programme: Programme,
    teams: list[str] | None,
    months: int,
    wash_in: int,
    periods: pd.DataFrame | None,
) -> pd.DataFrame:
    """Indicator rows of programme teams labelled ``before`` / ``after`` (others dropped)."""
    units = started_teams(programme, teams)
    values = programme.indicator_values.merge(units, on="team_id")
    if periods is not None:
        missing = {"team_id", "before_start", "before_end", "after_start", "after_end"} - set(
            periods.columns
        )
        if missing:
            raise ValueError(f"periods lacks columns {sorted(missing)!r}.")
        values = values.merge(periods, on="team_id", how="inner")
        p = values["period"]
        before = p.between(values["before_start"], values["before_end"])
        after = p.between(values["after_start"], values["after_end"])
    else:
        start = values["start_date"].dt.to_period("M").dt.to_timestamp()
        offset = (values["period"].dt.year - start.dt.year) * 12 + (
            values["period"].dt.month - start.dt.month
        )
        before = offset.between(-months, -1)
        after = offset.between(wash_in, wash_in + months - 1)
    phase = np.select([before, after], ["before", "after"], default="")
    return values.assign(phase=phase).loc[lambda d: d["phase"] != ""]


def _aggregate(rows: pd.DataFrame) -> pd.DataFrame:
    """Per team × indicator × phase: months, pooled counts, pooled mean/SD/n, monthly stats.

    Pooled mean and SD of individual measurements from monthly (mean, sd, n): the
    combined mean is Σnₘ·mₘ/N and the combined variance
    [Σ(nₘ−1)sₘ² + Σnₘ·mₘ² − N·M²]/(N−1) (the usual decomposition into within- and
    between-month sums of squares).
    """
    n = rows["n"].astype("float64")
    has_summary = rows["sd"].notna() & n.notna() & (n > 0)
    parts = pd.DataFrame(
        {
            "team_id": rows["team_id"],
            "indicator": rows["indicator"],
            "phase": rows["phase"],
            "num": rows["numerator"],
            "den": rows["denominator"],
            "value": rows["value"],
            "nm": n * rows["value"],
            "nm2": n * rows["value"] ** 2,
            "ss": (n - 1) * rows["sd"] ** 2,
            "n": n,
            "has_summary": has_summary,
        }
    )
    agg = parts.groupby(["team_id", "indicator", "phase"], sort=False).agg(
        months=("phase", "size"),
        num=("num", "sum"),
        den=("den", "sum"),
        month_mean=("value", "mean"),
        month_sd=("value", "std"),
        month_count=("value", "count"),
        nm=("nm", "sum"),
        nm2=("nm2", "sum"),
        ss=("ss", "sum"),
        n=("n", "sum"),
        all_summary=("has_summary", "all"),
    )
    agg["pooled_mean"] = agg["nm"] / agg["n"]
    agg["pooled_sd"] = np.sqrt(
        ((agg["ss"] + agg["nm2"] - agg["n"] * agg["pooled_mean"] ** 2) / (agg["n"] - 1)).clip(
            lower=0
        )
    )
    wide = agg.unstack("phase")
    wide.columns = [f"{name}_{phase}" for name, phase in wide.columns]
    for name in agg.columns:
        for phase in ("before", "after"):
            if f"{name}_{phase}" not in wide.columns:
                wide[f"{name}_{phase}"] = np.nan
    return wide.reset_index()


def _estimate(
    kind: str,
    w: pd.DataFrame,
    multiplier: np.ndarray,
    *,
    conf_level: float,
    proportion_method: str,
    rate_method: str,
) -> pd.DataFrame:
    """Run the estimator suited to ``kind`` on every row of ``w`` at once."""
    ids = {"team_id": w["team_id"].to_numpy(), "indicator": w["indicator"].to_numpy()}

    def filled(col: str) -> np.ndarray:
        return w[col].fillna(0).to_numpy(dtype=float)

    if kind == "proportion":
        out = difference_in_proportions(
            filled("num_before"),
            filled("den_before"),
            filled("num_after"),
            filled("den_after"),
            method=proportion_method,
            conf_level=conf_level,
            ids=ids,
        )
        for col in ("estimate", "ci_low", "ci_high", "se"):
            out[col] = out[col] * multiplier
        out["measure"] = "difference in proportions (percentage points)"
        return out
    if kind == "rate":
        return rate_ratio(
            filled("num_before"),
            filled("den_before"),
            filled("num_after"),
            filled("den_after"),
            method=rate_method,
            conf_level=conf_level,
            ids=ids,
        )
    summary = kind == "mean" and bool(
        (w["all_summary_before"].fillna(False) & w["all_summary_after"].fillna(False)).all()
    )
    if summary:
        out = mean_difference_from_summary(
            w["pooled_mean_before"].fillna(0),
            w["pooled_sd_before"].fillna(0),
            filled("n_before"),
            w["pooled_mean_after"].fillna(0),
            w["pooled_sd_after"].fillna(0),
            filled("n_after"),
            conf_level=conf_level,
            ids=ids,
        )
        out["method"] = out["method"] + ", from monthly means, SDs and counts"
        return out
    out = mean_difference_from_summary(
        w["month_mean_before"].fillna(0),
        w["month_sd_before"].fillna(0),
        filled("month_count_before"),
        w["month_mean_after"].fillna(0),
        w["month_sd_after"].fillna(0),
        filled("month_count_after"),
        conf_level=conf_level,
        ids=ids,
    )
    out["method"] = out["method"] + ", on monthly values"
    return out


def verdicts(effects: pd.DataFrame, better: pd.Series | np.ndarray) -> np.ndarray:
    """Improved / worsened / inconclusive, from the interval and the better direction.

    An indicator improved when its whole confidence interval lies on the favourable side
    of no change (0 on the identity scale, 1 for ratios), worsened when it lies wholly on
    the other side; otherwise — including when no interval could be computed — the data
    are inconclusive.
    """
    null = np.where(effects["scale"].to_numpy() == "log", 1.0, 0.0)
    low = effects["ci_low"].to_numpy(dtype=float)
    high = effects["ci_high"].to_numpy(dtype=float)
    higher = np.asarray(better) == "higher"
    up, down = low > null, high < null
    improved = np.where(higher, up, down)
    worsened = np.where(higher, down, up)
    return np.select([improved, worsened], ["improved", "worsened"], default="inconclusive")


def compare_periods(
    programme: Programme,
    *,
    months: int = 12,
    wash_in: int = 0,
    periods: pd.DataFrame | None = None,
    teams: list[str] | None = None,
    conf_level: float = 0.95,
    proportion_method: str = "newcombe",
    rate_method: str = "exact",
) -> pd.DataFrame:
    """Compare each team's indicators after its start with the baseline before it.

    Periods: the baseline is the ``months`` calendar months before the month of the
    team's ``start_date``; the post period starts ``wash_in`` months after the start
    month and lasts ``months`` months. Or give them explicitly in ``periods``.

    Estimator by the indicator's kind (catalogue):

    - proportion: numerators and denominators summed over each period; difference in
      proportions, after − before, in percentage points, with the Newcombe (1998) hybrid
      score interval (``proportion_method``);
    - rate: events and exposure summed; rate ratio after / before with the exact
      conditional interval and p-value (as R ``poisson.test``; ``rate_method``);
    - mean: Welch mean difference of individual measurements from the pooled monthly
      means, SDs and counts when every month has them, otherwise of the monthly values;
    - count: Welch mean difference of the monthly values.

    Pooling months treats the period's observations as independent: month-to-month
    variation beyond sampling (trend, seasonality) is not in the interval; the
    interrupted time series and difference-in-differences analyses address it.

    Parameters
    ----------
    programme : Programme
        Validated programme data.
    months : int, default 12
        Length of each period, in months.
    wash_in : int, default 0
        Months after the start month left out of the post period.
    periods : pandas.DataFrame, optional
        Explicit periods, one row per team: ``team_id``, ``before_start``,
        ``before_end``, ``after_start``, ``after_end`` (month starts, inclusive).
    teams : list of str, optional
        Restrict to these teams (default: every programme team with a start date).
    conf_level : float, default 0.95
        Confidence level of the intervals.
    proportion_method, rate_method : str
        Passed to :func:`impact.stats.effects.difference_in_proportions` and
        :func:`impact.stats.effects.rate_ratio`.

    Returns
    -------
    pandas.DataFrame
        An effect table (see :mod:`impact.stats.effect_table`), one row per team × indicator
        with data, with also ``kind``, ``better``, ``value_before`` and ``value_after``
        (period values on the indicator's reporting scale), ``months_before``,
        ``months_after``, ``verdict`` and ``q_value`` (Benjamini–Hochberg across the
        team's indicators, said in ``method``).

    Examples
    --------
    >>> import impact
    >>> table = compare_periods(impact.demo_programme(n_teams=3, seed=1))
    >>> sorted(table["verdict"].unique().tolist())[0] in {"improved", "inconclusive", "worsened"}
    True
    """
    for name, value in (("months", months), ("wash_in", wash_in)):
        if (
            not isinstance(value, (int, np.integer))
            or isinstance(value, bool)
            or value < (1 if name == "months" else 0)
        ):
            raise ValueError(
                f"{name} must be a whole number ≥ {1 if name == 'months' else 0}. Got {value!r}."
            )
    catalogue = programme.indicators.set_index("code")
    rows = _phases(programme, teams, int(months), int(wash_in), periods)
    wide = _aggregate(rows)
    wide = wide.join(catalogue[["kind", "better", "multiplier"]], on="indicator")
    wide["multiplier"] = (
        wide["multiplier"].astype(float).fillna(wide["kind"].map(_DEFAULT_MULTIPLIER))
    )
    parts = []
    for kind, w in wide.groupby("kind", sort=False):
        w = w.reset_index(drop=True)
        out = _estimate(
            kind,
            w,
            w["multiplier"].to_numpy(),
            conf_level=conf_level,
            proportion_method=proportion_method,
            rate_method=rate_method,
        )
        ratio = w["num_before"] / w["den_before"], w["num_after"] / w["den_after"]
        pooled = kind in ("proportion", "rate")
        mean_b = w["pooled_mean_before"].where(
            w["all_summary_before"].fillna(False).astype(bool), w["month_mean_before"]
        )
        mean_a = w["pooled_mean_after"].where(
            w["all_summary_after"].fillna(False).astype(bool), w["month_mean_after"]
        )
        out["kind"] = kind
        out["better"] = w["better"].to_numpy()
        out["value_before"] = (w["multiplier"] * ratio[0] if pooled else mean_b).to_numpy()
        out["value_after"] = (w["multiplier"] * ratio[1] if pooled else mean_a).to_numpy()
        out["months_before"] = w["months_before"].fillna(0).astype(int).to_numpy()
        out["months_after"] = w["months_after"].fillna(0).astype(int).to_numpy()
        parts.append(out)
    if not parts:
        return pd.DataFrame(columns=["team_id", "indicator", "verdict", "q_value"])
    table = pd.concat(parts, ignore_index=True)
    order = {code: i for i, code in enumerate(catalogue.index)}
    table = (
        table.assign(_o=table["indicator"].map(order))
        .sort_values(["team_id", "_o"], kind="stable")
        .drop(columns="_o")
        .reset_index(drop=True)
    )
    table["verdict"] = verdicts(table, table["better"])
    table["q_value"] = np.nan
    for _, idx in table.groupby("team_id", sort=False).groups.items():
        p = table.loc[idx, "p_value"]
        ok = p.notna()
        if ok.any():
            table.loc[p[ok].index, "q_value"] = multipletests(p[ok], method="fdr_bh")[1]
        k = int(ok.sum())
        table.loc[idx, "method"] = table.loc[idx, "method"] + (
            f"; q-value: Benjamini-Hochberg across the team's {k} indicators"
        )
    return table
