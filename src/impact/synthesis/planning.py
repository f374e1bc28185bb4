"""Could a team have seen an effect at all? Minimum detectable effects, during and before.

:func:`mde_table` turns the effect tables a report run already computed (before/after
indicators, barometer changes, patient-experience changes) into one row per team ×
outcome: the smallest rise and fall each comparison could detect with ``power`` at
``alpha``, vectorised across teams. :func:`team_mde` computes those tables from a
programme first; :func:`pooled_mde` gives the programme's pooled effect's MDE from the
visible teams and τ²; :func:`plan_programme` answers the same questions before a
programme starts, from expected sample sizes, and how many teams and answers a target
effect needs.

Methods (:mod:`impact.stats.power`):

- proportions: Cohen's arcsine effect size from the baseline proportion and both
  periods' sizes (normal test);
- rates: the smallest rate ratios up and down from the baseline events and both
  exposures (log rate ratio, variance :math:`1/E_0 + 1/E_1`), shown as changes of the
  rate on its reporting scale;
- means (indicators, barometer, patient experience): the noncentral-t shift times the
  comparison's standard error, i.e. the observed SDs and sample sizes (degrees of freedom
  of the comparison when it has them, else :math:`n_0 + n_1 - 2`).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from statsmodels.stats.power import TTestIndPower

from impact.barometer.common import team_waves
from impact.barometer.scores import changes
from impact.barometer.scores import scores as barometer_scores
from impact.data.programme import Programme
from impact.indicators.periods import compare_periods
from impact.indicators.trends import monthly_outcome
from impact.prem.deltas import prem_deltas, score_prem
from impact.stats.its_power import its_level_mde
from impact.stats.power import (
    mde_from_se,
    mde_pooled,
    mde_proportions,
    mde_rate_ratios,
    mde_shift,
)

__all__ = ["MDE_COLUMNS", "its_mde", "mde_table", "plan_programme", "pooled_mde", "team_mde"]

#: Columns of :func:`mde_table` (``role_group``, ``analysis``, ``level``, ``measure``,
#: ``wave_before`` and ``wave_after`` identify survey rows; empty for indicators).
MDE_COLUMNS = ["team_id", "family", "outcome", "role_group", "analysis", "level", "measure",
               "wave_before", "wave_after", "kind", "baseline", "n_before", "n_after",
               "mde_up", "mde_down", "se_null", "scale", "method", "reason"]  # fmt: skip
#: The reporting multiplier of an indicator kind without one in the catalogue (as
#: :func:`impact.indicators.periods.compare_periods`).
_MULTIPLIER = {"proportion": 100.0, "rate": 1.0, "mean": 1.0, "count": 1.0}
_ARCSINE = "arcsine effect size from the baseline proportion, normal test (Cohen 1988, ch. 6)"
_RATE = ("log rate ratio from the baseline events and exposures, variance 1/E0 + 1/E1 at "
         "the alternative (Zhu 2017; statsmodels power_poisson_ratio_2indep)")  # fmt: skip
_T = "noncentral t shift times the comparison's standard error (observed SDs and sizes)"


def _power_text(power: float, alpha: float) -> str:
    return f"; power {power:g}, two-sided alpha {alpha:g}"


def _numbers(frame: pd.DataFrame, col: str) -> np.ndarray:
    if col not in frame.columns:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame[col], errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _indicator_rows(
    table: pd.DataFrame, catalogue: pd.DataFrame, power: float, alpha: float
) -> pd.DataFrame:
    kind = table["kind"].to_numpy(dtype=object)
    multiplier = (
        table["indicator"].map(catalogue.set_index("code")["multiplier"]).astype(float)
        .fillna(table["kind"].map(_MULTIPLIER)).to_numpy(dtype=float)
    )  # fmt: skip
    before, n0, n1 = (_numbers(table, c) for c in ("value_before", "n_before", "n_after"))
    up, down = np.full(len(table), np.nan), np.full(len(table), np.nan)
    se_null = np.full(len(table), np.nan)
    scale = np.where(kind == "rate", "log", "identity")
    method = np.full(len(table), _T, dtype=object)
    reason = np.full(len(table), "", dtype=object)
    few = ~((n0 >= 2) & (n1 >= 2))
    prop = kind == "proportion"
    if prop.any():
        p0 = before[prop] / multiplier[prop]
        rise, fall = mde_proportions(p0, n0[prop], n1[prop], alpha=alpha, power=power)
        up[prop], down[prop] = rise * multiplier[prop], fall * multiplier[prop]
        with np.errstate(invalid="ignore", divide="ignore"):
            se_null[prop] = multiplier[prop] * np.sqrt(
                p0 * (1 - p0) * (1 / n0[prop] + 1 / n1[prop])
            )
        method[prop] = _ARCSINE
    rate = kind == "rate"
    if rate.any():
        t0, t1 = _numbers(table, "exposure_before")[rate], _numbers(table, "exposure_after")[rate]
        r_up, r_down = mde_rate_ratios(n0[rate], t0, t1, alpha=alpha, power=power)
        up[rate], down[rate] = before[rate] * (r_up - 1), before[rate] * (r_down - 1)
        with np.errstate(invalid="ignore", divide="ignore"):
            se_null[rate] = np.sqrt(1 / n0[rate] + t0 / (n0[rate] * t1))
        method[rate] = _RATE
        reason[rate] = np.where(n0[rate] > 0, "", "no_events_before")
        few[rate] = ~((t0 > 0) & (t1 > 0))
    other = ~(prop | rate)
    if other.any():
        se = _numbers(table, "se")[other]
        mde = mde_from_se(se, n0[other] + n1[other] - 2, alpha=alpha, power=power)
        up[other], down[other], se_null[other] = mde, -mde, se
        reason[other] = np.where(np.isfinite(se) & (se > 0), "", "mde_no_se")
    reason = np.where(few, "too_few_values", reason)
    unreachable = (reason == "") & (np.isnan(up) | np.isnan(down))
    return pd.DataFrame({
        "team_id": table["team_id"].astype(str).to_numpy(), "family": "indicators",
        "outcome": table["indicator"].to_numpy(), "measure": table["measure"].to_numpy(),
        "kind": kind, "baseline": before, "n_before": n0, "n_after": n1, "mde_up": up,
        "mde_down": down, "se_null": se_null, "scale": scale,
        "method": method + _power_text(power, alpha),
        "reason": np.where(unreachable, "mde_not_reachable", reason),
    })  # fmt: skip


def _survey_rows(
    table: pd.DataFrame, family: str, outcome: str, power: float, alpha: float
) -> pd.DataFrame:
    se, df = _numbers(table, "se"), _numbers(table, "df")
    n0, n1, n = (_numbers(table, c) for c in ("n_before", "n_after", "n"))
    n0, n1 = np.where(np.isnan(n0), n, n0), np.where(np.isnan(n1), n, n1)
    mde = mde_from_se(se, np.where(np.isfinite(df), df, n0 + n1 - 2), alpha=alpha, power=power)
    keep = [c for c in MDE_COLUMNS[3:9] if c in table.columns]
    out = table[keep].reset_index(drop=True).assign(
        team_id=table["team_id"].astype(str).to_numpy(), family=family,
        outcome=table[outcome].to_numpy(), kind="mean", baseline=_numbers(table, "baseline"),
        n_before=n0, n_after=n1, mde_up=mde, mde_down=-mde, se_null=se, scale="identity",
        method=_T + _power_text(power, alpha),
        reason=np.where(np.isfinite(mde), "", "mde_no_se"),
    )  # fmt: skip
    return out


def mde_table(
    indicators: pd.DataFrame | None = None,
    catalogue: pd.DataFrame | None = None,
    *,
    barometer: pd.DataFrame | None = None,
    barometer_summary: pd.DataFrame | None = None,
    prem: pd.DataFrame | None = None,
    power: float = 0.8,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Minimum detectable effects of every team × outcome of a run's effect tables.

    Parameters
    ----------
    indicators : pandas.DataFrame, optional
        :func:`impact.indicators.periods.compare_periods` rows.
    catalogue : pandas.DataFrame, optional
        The indicator catalogue (``code``, ``multiplier``); needed with ``indicators``.
    barometer : pandas.DataFrame, optional
        Barometer (or questionnaire) ``changes`` rows; only ``measure = "mean change"``
        rows are used.
    barometer_summary : pandas.DataFrame, optional
        The barometer ``summary`` (``mean`` per team × role group × wave × dimension): the
        baseline of each change.
    prem : pandas.DataFrame, optional
        Patient-experience ``deltas`` rows; the overall and dimension scores' (adjusted)
        mean differences are used.
    power, alpha : float
        Power and two-sided level.

    Returns
    -------
    pandas.DataFrame
        :data:`MDE_COLUMNS`: one row per team × outcome (× role group, analysis, measure
        and waves for surveys). ``family`` ("indicators", "barometer", "prem"),
        ``baseline`` (value before, reporting scale), ``n_before``/``n_after`` (the
        comparison's sizes; events before for a rate), ``mde_up`` > 0 and ``mde_down`` < 0
        (the smallest detectable changes on the outcome's reporting scale: percentage
        points, rate per its multiplier, unit of the mean), ``se_null`` (the comparison's
        standard error with no change, on ``scale``: the log rate ratio for rates, what
        :func:`pooled_mde` pools), ``method`` and ``reason`` (codes: ``too_few_values``,
        ``no_events_before``, ``mde_no_se``, ``mde_not_reachable``).

    Examples
    --------
    >>> rows = pd.DataFrame({"team_id": ["T1"], "indicator": ["x"], "kind": ["proportion"],
    ...     "measure": ["difference in proportions (percentage points)"],
    ...     "value_before": [50.0], "n_before": [392], "n_after": [392]})
    >>> out = mde_table(rows, pd.DataFrame({"code": ["x"], "multiplier": [100.0]}))
    >>> round(float(out["mde_up"].iloc[0]), 1)  # Cohen's h = 0.2 from 50 %: +9.9 points
    9.9
    """
    parts = []
    if indicators is not None and len(indicators):
        if catalogue is None:
            raise ValueError("catalogue is needed with indicators. Got None.")
        parts.append(_indicator_rows(indicators, catalogue, power, alpha))
    if barometer is not None and len(barometer):
        rows = barometer.loc[barometer["measure"] == "mean change"]
        if barometer_summary is not None and len(barometer_summary) and len(rows):
            base = barometer_summary.rename(columns={"wave": "wave_before", "mean": "baseline"})
            keys = ["team_id", "role_group", "wave_before", "dimension"]
            rows = rows.merge(base[[*keys, "baseline"]], on=keys, how="left")
        parts.append(_survey_rows(rows, "barometer", "dimension", power, alpha))
    if prem is not None and len(prem):
        measures = ["mean difference", "adjusted mean difference"]
        rows = prem.loc[prem["level"].isin(["overall", "dimension"])
                        & prem["measure"].isin(measures)]  # fmt: skip
        parts.append(_survey_rows(rows, "prem", "code", power, alpha))
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=MDE_COLUMNS)
    return pd.concat(parts, ignore_index=True).reindex(columns=MDE_COLUMNS)


def team_mde(
    programme: Programme,
    *,
    teams: list[str] | None = None,
    power: float = 0.8,
    alpha: float = 0.05,
    months: int = 12,
) -> pd.DataFrame:
    """:func:`mde_table` of a programme: its before/after indicators (``months`` either
    side of each start), barometer changes from the first to the last wave, and
    case-mix adjusted patient-experience changes.

    Parameters
    ----------
    programme : Programme
    teams : list of str, optional
        Programme teams with a start date (default: all of them).
    power, alpha : float
    months : int, default 12

    Returns
    -------
    pandas.DataFrame
        :func:`mde_table`'s columns.
    """
    indicators = compare_periods(programme, teams=teams, months=months)
    wanted = set(programme.team_ids if teams is None else teams)
    barometer = summary = None
    responses = programme.barometer_responses
    if len(responses) and "team_id" in responses.columns:
        responses = responses.loc[responses["team_id"].isin(wanted)]
        s = barometer_scores(responses, programme.barometer_items) if len(responses) else None
        parts = []
        for own, group in (team_waves(s) if s is not None else {}).items():
            if len(own) >= 2:  # each team's first wave against its last
                sub = s.loc[s["team_id"].isin(group)]
                pair = {"wave_before": own[0], "wave_after": own[-1]}
                parts.append(changes(sub, waves=(own[0], own[-1])).assign(**pair))
        if parts:
            barometer = pd.concat(parts, ignore_index=True)
            keys = ["team_id", "role_group", "wave", "dimension"]
            summary = s.groupby(keys, as_index=False)["score"].mean()
            summary = summary.rename(columns={"score": "mean"})
    prem = None
    answers = programme.prem_responses
    if len(answers) and "team_id" in answers.columns:
        answers = answers.loc[answers["team_id"].isin(wanted)]
        if len(answers):
            s = score_prem(answers, programme.prem_items, programme.prem_scales)
            prem = prem_deltas(s)
    return mde_table(indicators, programme.indicators, barometer=barometer,
                     barometer_summary=summary, prem=prem, power=power, alpha=alpha)  # fmt: skip


def its_mde(
    programme: Programme,
    *,
    teams: list[str] | None = None,
    n_sim: int = 200,
    seed: int = 0,
    power: float = 0.8,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """The interrupted time series' minimum detectable level change of each team ×
    indicator, by simulation from its fitted model
    (:func:`impact.stats.its_power.its_level_mde`; slow: ``n_sim`` refits per series).

    The models are those of :func:`impact.indicators.trends.its_by_team`: rates by
    quasi-Poisson on the monthly events with the exposure as offset (MDE as rate ratios,
    ``scale = "log"``), proportions (monthly percentage), means and counts by Gaussian
    regression with AR(1) errors, one Fourier pair for seasonality.

    Returns
    -------
    pandas.DataFrame
        :data:`MDE_COLUMNS` with ``family = "its"``, ``measure = "level change"``,
        ``n_before``/``n_after`` counting months.
    """
    rows = []
    for (team, code), series in monthly_outcome(programme, teams).groupby(
        ["team_id", "indicator"], sort=True
    ):
        kind = series["kind"].iloc[0]
        start = series["start"].iloc[0]
        options = ({"family": "poisson", "offset": "exposure"} if kind == "rate"
                   else {"family": "gaussian", "errors": "ar1"})  # fmt: skip
        frame = series[["period", "y", "exposure"]]
        out = its_level_mde(frame, "y", "period", start, n_sim=n_sim, seed=seed, power=power,
                            alpha=alpha, harmonics=1, **options).iloc[0]  # fmt: skip
        rows.append({"team_id": str(team), "family": "its", "outcome": code,
                     "measure": "level change", "kind": kind,
                     "n_before": int((frame["period"] < start).sum()),
                     "n_after": int((frame["period"] >= start).sum()),
                     "mde_up": out["mde_up"], "mde_down": out["mde_down"],
                     "scale": out["scale"] if out["reason"] == "" else np.nan,
                     "method": out["method"], "reason": out["reason"]})  # fmt: skip
    return pd.DataFrame(rows).reindex(columns=MDE_COLUMNS)


def pooled_mde(
    table: pd.DataFrame, tau2: float = 0.0, *, power: float = 0.8, alpha: float = 0.05
) -> pd.DataFrame:
    """The programme's pooled effect's MDE per outcome, from the teams' ``se_null``.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`mde_table` rows of the visible teams (hidden teams left out by the caller).
    tau2 : float, default 0
        Between-team variance of the effect, on ``scale`` (points², or log ratio² for rates).
    power, alpha : float

    Returns
    -------
    pandas.DataFrame
        One row per ``family``, ``outcome`` and ``measure`` (and survey keys): ``k`` (teams
        with a standard error), ``mde`` (> 0, on ``scale``; NaN without a team), ``tau2``,
        ``scale``, ``method``.
    """
    keys = ["family", "outcome", "role_group", "analysis", "level", "measure", "scale"]
    rows = table.loc[np.isfinite(_numbers(table, "se_null")) & (_numbers(table, "se_null") > 0)]
    out = []
    for key, group in rows.groupby([c for c in keys if c in rows.columns], dropna=False):
        se = group["se_null"].to_numpy(dtype=float)
        out.append((*key, len(se), mde_pooled(se, tau2, alpha=alpha, power=power)))
    frame = pd.DataFrame(out, columns=[*[c for c in keys if c in rows.columns], "k", "mde"])
    return frame.assign(tau2=float(tau2), method=(
        "random-effects pooled effect, SE 1/sqrt(sum 1/(se_i^2 + tau2))"
        + _power_text(power, alpha)))  # fmt: skip


def plan_programme(
    *,
    teams: int,
    answers: int,
    baseline: float | None = None,
    sd: float | None = None,
    tau: float = 0.0,
    target: float | None = None,
    power: float = 0.8,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Before a programme starts: MDEs per team and for the pooled effect, and the sizes a
    target effect needs.

    Parameters
    ----------
    teams : int
        Expected number of teams (≥ 1).
    answers : int
        Expected answers (patients, stays, respondents) per team and period (≥ 2).
    baseline : float, optional
        Expected proportion before (0–1): effects in percentage points.
    sd : float, optional
        Or the outcome's standard deviation: effects in its unit. Give exactly one.
    tau : float, default 0
        Expected SD of the true effect between teams, in the effect's unit (τ² = tau²).
    target : float, optional
        An effect to detect (> 0, same unit): ``answers_needed`` per team for a team to
        detect it, and for the pooled effect ``teams_needed`` with ``answers`` per team
        and ``answers_needed`` with ``teams`` teams.
    power, alpha : float

    Returns
    -------
    pandas.DataFrame
        Two rows, ``level`` "team" and "programme": ``teams``, ``answers``, ``mde_up``,
        ``mde_down`` (NaN where the proportion cannot move that far), ``target``,
        ``teams_needed``, ``answers_needed`` (NaN when not asked or not reachable:
        the pooled effect cannot be smaller than τ allows with so few teams), ``method``.

    Examples
    --------
    >>> plan = plan_programme(teams=10, answers=392, baseline=0.5)
    >>> round(float(plan["mde_up"].iloc[0]), 1)
    9.9
    """
    if (baseline is None) == (sd is None):
        raise ValueError(f"Give exactly one of baseline and sd. Got {baseline!r} and {sd!r}.")
    if not (isinstance(teams, (int, np.integer)) and teams >= 1):
        raise ValueError(f"teams must be a whole number ≥ 1. Got {teams!r}.")
    if not (isinstance(answers, (int, np.integer)) and answers >= 2):
        raise ValueError(f"answers must be a whole number ≥ 2. Got {answers!r}.")
    if baseline is not None and not 0 < baseline < 1:
        raise ValueError(
            f"baseline must be a proportion strictly between 0 and 1. Got {baseline!r}."
        )
    if sd is not None and not sd > 0:
        raise ValueError(f"sd must be positive. Got {sd!r}.")
    if not tau >= 0 or (target is not None and not target > 0):
        raise ValueError(f"tau must be ≥ 0 and target > 0. Got {tau!r} and {target!r}.")
    z = float(mde_shift(alpha=alpha, power=power)[0])
    if baseline is not None:  # points: 100 × proportion
        rise, fall = mde_proportions([baseline], [answers], [answers], alpha=alpha, power=power)
        team_up, team_down = 100 * rise[0], 100 * fall[0]
        unit_var = 1e4 * baseline * (1 - baseline)  # variance of one answer, points²
        method = _ARCSINE
    else:
        team_up = float(mde_from_se(sd * math.sqrt(2 / answers), 2 * answers - 2,
                                    alpha=alpha, power=power)[0])  # fmt: skip
        team_down, unit_var, method = -team_up, sd**2, _T
    se = math.sqrt(2 * unit_var / answers)
    pooled = mde_pooled([se] * teams, tau**2, alpha=alpha, power=power)
    needed = {"team": (np.nan, np.nan), "programme": (np.nan, np.nan)}
    if target is not None:
        if baseline is not None:
            high = min(baseline + target / 100, 1.0)
            h = 2 * math.asin(math.sqrt(high)) - 2 * math.asin(math.sqrt(baseline))
            team_n = math.ceil(2 * z**2 / h**2) if h > 0 else np.nan
        else:
            team_n = _t_answers(target / sd, alpha, power)
        room = teams * target**2 / z**2 - tau**2  # se² a team may have for the pooled target
        needed["team"] = (np.nan, team_n)
        needed["programme"] = (
            math.ceil(z**2 * (se**2 + tau**2) / target**2),
            math.ceil(2 * unit_var / room) if room > 0 else np.nan,
        )
    return pd.DataFrame({
        "level": ["team", "programme"], "teams": [1, teams], "answers": [answers, answers],
        "mde_up": [team_up, pooled], "mde_down": [team_down, -pooled],
        "target": [np.nan if target is None else target] * 2,
        "teams_needed": [needed["team"][0], needed["programme"][0]],
        "answers_needed": [needed["team"][1], needed["programme"][1]],
        "method": [method + _power_text(power, alpha),
                   "random-effects pooled effect, normal" + _power_text(power, alpha)],
    })  # fmt: skip


def _t_answers(d: float, alpha: float, power: float) -> int:
    """Answers per period a two-sample t test needs to detect Cohen's ``d``
    (statsmodels ``TTestIndPower``, rounded up)."""
    n = TTestIndPower().solve_power(effect_size=d, nobs1=None, alpha=alpha, power=power)
    return math.ceil(float(np.squeeze(n)))
