"""Difference-in-differences of the care indicators against the comparison units.

Two uses: for the programme, Callaway & Sant'Anna (2021) staggered-adoption estimates
beside plain two-way fixed effects, per indicator (:func:`did_by_indicator`); for one
team, its change against the comparison units' change over the same months, with a
placebo interval suited to a single treated unit (:func:`team_did`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from impact.data.programme import Programme
from impact.indicators.did_robustness import randomisation_by_indicator
from impact.indicators.did_sensitivity import indicator_sensitivity
from impact.indicators.periods import started_teams, verdicts
from impact.stats.did import staggered_did, twfe
from impact.stats.effect_table import DIFFERENCE_IN_DIFFERENCES, effect_frame

__all__ = ["MIN_CONTROLS", "did_by_indicator", "monthly_values", "team_did"]

#: Comparison units with data in both periods needed for a team's DiD interval.
MIN_CONTROLS = 5


def monthly_values(programme: Programme) -> pd.DataFrame:
    """One value per unit × indicator × month, on the indicator's reporting scale.

    Proportions ``100·numerator/denominator``, rates ``multiplier·numerator/
    denominator``, means and counts their value; with each unit's start month (NaT for
    comparison units) and the catalogue's ``kind`` and ``better``.
    """
    catalogue = programme.indicators.set_index("code")[["kind", "better", "multiplier"]]
    teams = programme.teams[["team_id", "start_date", "comparison"]]
    rows = programme.indicator_values.merge(teams, on="team_id").join(catalogue, on="indicator")
    ratio = rows["numerator"] / rows["denominator"].where(rows["denominator"] > 0)
    mult = (
        rows["multiplier"].astype(float).fillna(rows["kind"].map({"proportion": 100.0}).fillna(1.0))
    )
    rows["y"] = np.where(rows["kind"].isin(["proportion", "rate"]), mult * ratio, rows["value"])
    start = rows["start_date"].dt.to_period("M").dt.to_timestamp()
    rows["start"] = start.where(~rows["comparison"].astype(bool))
    return rows.loc[
        rows["y"].notna(),
        ["team_id", "indicator", "period", "y", "start", "comparison", "kind", "better"],
    ]


def did_by_indicator(
    programme: Programme, *, control: str = "never_treated", n_boot: int = 999, seed: int = 0
) -> dict[str, pd.DataFrame]:
    """Programme-level DiD per indicator: Callaway–Sant'Anna and two-way fixed effects.

    Returns
    -------
    dict
        ``"overall"``: one row per indicator and estimator (CS simple ATT, TWFE), effect
        table columns plus ``indicator``, ``estimator``; ``"event_study"``: CS event-time
        coefficients per indicator (pre-periods show whether trends were parallel) with
        sup-t simultaneous bands (``band_low``, ``band_high``); ``"randomisation"``:
        randomisation and placebo-in-space checks per indicator
        (:func:`impact.indicators.did_robustness.randomisation_by_indicator`);
        ``"sensitivity"``: one row per indicator, pre-trend test and relative-magnitude
        breakdown value (:func:`impact.indicators.did_sensitivity.indicator_sensitivity`).
    """
    rows = monthly_values(programme)
    # CS needs a numeric time: months since the first month of the data.
    first = rows["period"].min()
    rows = rows.assign(
        t=(rows["period"].dt.year - first.year) * 12 + rows["period"].dt.month - first.month,
        g=(rows["start"].dt.year - first.year) * 12 + rows["start"].dt.month - first.month,
    )
    overall, events = [], []
    for code, part in rows.groupby("indicator", sort=False):
        cs = staggered_did(
            part,
            unit="team_id",
            time="t",
            outcome="y",
            start="g",
            control=control,
            n_boot=n_boot,
            seed=seed,
            uniform_bands=True,
        )
        fe = twfe(part, unit="team_id", time="t", outcome="y", start="g")
        both = pd.concat(
            [cs.overall.assign(estimator="Callaway-Sant'Anna"), fe.assign(estimator="TWFE")],
            ignore_index=True,
        )
        overall.append(both.assign(indicator=code))
        events.append(cs.event_study.assign(indicator=code))
    front = ["indicator", "estimator"]
    out = pd.concat(overall, ignore_index=True)
    return {
        "overall": out[front + [c for c in out.columns if c not in front]],
        "event_study": pd.concat(events, ignore_index=True),
        "randomisation": randomisation_by_indicator(rows, out, control=control, seed=seed),
        "sensitivity": indicator_sensitivity(rows, control=control),
    }


def _change(frame: pd.DataFrame, start: pd.Timestamp | pd.Series, months: int) -> pd.Series:
    """Mean monthly value after minus before, per indicator × unit (both periods needed).

    The periods are the ``months`` months before ``start`` and the ``months`` months from
    it; ``start`` is one month for every row or each row's own (a Series aligned with
    ``frame``).
    """
    period = frame["period"]
    before = period.between(start - pd.DateOffset(months=months), start - pd.DateOffset(months=1))
    after = period.between(start, start + pd.DateOffset(months=months - 1))
    phase = np.select([before, after], ["b", "a"], "")
    means = (
        frame.assign(phase=phase)
        .loc[lambda d: d["phase"] != ""]
        .groupby(["indicator", "team_id", "phase"])["y"]
        .mean()
        .unstack("phase")
    )
    if "a" not in means or "b" not in means:
        return pd.Series(
            dtype=float,
            name="change",
            index=pd.MultiIndex.from_arrays([[], []], names=["indicator", "team_id"]),
        )
    return (means["a"] - means["b"]).dropna().rename("change")


def _placebo(pool: pd.Series, conf_level: float) -> tuple[int, float, float, float]:
    """k, mean change, placebo standard error and t quantile of the comparison units' changes.

    NaN mean, error and quantile when there are fewer than 5 units.
    """
    k = len(pool)
    if k < 5:
        return k, np.nan, np.nan, np.nan
    total = pool.sum()
    placebo = pool - (total - pool) / (k - 1)
    se = float(np.std(placebo, ddof=1)) * np.sqrt((1 + 1 / k) / (1 + 1 / (k - 1)))
    return k, pool.mean(), se, stats.t.ppf(1 - (1 - conf_level) / 2, k - 1)


def team_did(
    programme: Programme,
    *,
    teams: list[str] | None = None,
    months: int = 12,
    conf_level: float = 0.95,
) -> pd.DataFrame:
    """Each team's before/after change minus the comparison units' change, per indicator.

    For a team starting in month s, the periods are the ``months`` months before s and
    the ``months`` months from s; the estimate is
    ``(team after − team before) − mean over comparison units of (after − before)``, on
    the indicator's reporting scale (percentage points, rate per multiplier, unit).

    With a single treated unit, cluster-robust errors do not apply. The interval follows
    Conley & Taber (2011, Rev Econ Stat 93:113–125): each comparison unit in turn is
    treated as a placebo team against the others, and the spread of these k placebo
    estimates measures the team's own noise. With k ≈ 15 units the placebo quantiles
    cannot give a 95% interval (the range of 15 values covers (k − 1)/(k + 1) = 87.5%),
    so the interval is their normal approximation: ``estimate ± t(k−1)·s·c``, with s the
    placebo SD and c = √((1 + 1/k)/(1 + 1/(k − 1))) for the team's comparison with all k
    units; the p-value uses the same t. It assumes the team's noise is like a comparison
    unit's (Ferman & Pinto 2019 discuss departures).

    Returns
    -------
    pandas.DataFrame
        Effect table, one row per team × indicator, with ``kind``, ``better``,
        ``verdict``, ``n_controls``; reason ``few_controls`` when there are fewer than
        :data:`MIN_CONTROLS` comparison units with data in both periods (``n`` of them).
    """
    rows = monthly_values(programme)
    starts = started_teams(programme, teams)
    own_rows = rows[rows["team_id"].isin(starts["team_id"])]
    # every team's change in one pass, in the teams' order, indicators sorted within
    own = _change(own_rows, own_rows["start"], months).reset_index()
    order = {team: i for i, team in enumerate(starts["team_id"])}
    own = own.sort_values("team_id", key=lambda s: s.map(order), kind="stable")
    team_start = dict(
        zip(
            starts["team_id"], starts["start_date"].dt.to_period("M").dt.to_timestamp(), strict=True
        )
    )
    controls = rows[rows["comparison"].astype(bool)]
    pools: dict[tuple[pd.Timestamp, str], tuple] = {}
    by_start: dict[pd.Timestamp, pd.DataFrame] = {}
    placebo = []
    for team_id, code in own[["team_id", "indicator"]].itertuples(index=False):
        start = team_start[team_id]
        if start not in by_start:  # teams starting the same month share the controls' change
            by_start[start] = _change(controls, start, months).unstack("indicator")
        if (start, code) not in pools:
            ctrl = by_start[start]
            pool = ctrl[code].dropna() if code in ctrl else pd.Series(dtype=float)
            pools[start, code] = _placebo(pool, conf_level)
        placebo.append(pools[start, code])
    if not placebo:
        return effect_frame(measure=DIFFERENCE_IN_DIFFERENCES).iloc[:0]
    k, mean, se, q = (np.asarray(v) for v in zip(*placebo, strict=True))
    estimate = own["change"].to_numpy() - mean
    varies = se > 0
    half = np.where(varies, q * se, np.nan)
    p = np.full(len(k), np.nan)
    p[varies] = 2 * stats.t.sf(np.abs(estimate[varies]) / se[varies], k[varies] - 1)
    enough = k >= MIN_CONTROLS
    reason = np.where(varies, "", "controls_flat").astype(object)
    reason[~enough] = "few_controls"
    # n_controls as separate per-row tables would give it: absent, or missing where k < 5
    extra = (
        {"n_controls": k if enough.all() else np.where(enough, k, np.nan)} if enough.any() else {}
    )
    table = effect_frame(
        {"team_id": own["team_id"].to_numpy(), "indicator": own["indicator"].to_numpy()},
        measure=DIFFERENCE_IN_DIFFERENCES,
        estimate=estimate,
        ci_low=estimate - half,
        ci_high=estimate + half,
        se=se,
        p_value=p,
        n=k,
        method=(
            "difference-in-differences vs comparison units (team's mean monthly change "
            "minus the units' mean change); placebo-based t interval (Conley & Taber "
            "2011) with k − 1 df"
        ),
        reason=reason,
        **extra,
    )
    catalogue = programme.indicators.set_index("code")
    table = table.join(catalogue[["kind", "better"]], on="indicator")
    table["verdict"] = verdicts(table, table["better"])
    return table
