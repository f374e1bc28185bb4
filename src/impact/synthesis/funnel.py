"""Funnel plots of the programme's teams: each team's level against the programme's, with
limits by sample size (Spiegelhalter 2005, Stat Med 24:1185–1202; :mod:`impact.stats.funnel`).

:func:`funnel_points` gathers, per team, the level an outcome reached *after* the start
and how much data it rests on; :func:`funnel_frame` sets the programme target, the 95 %
and 99.8 % limits, the z-scores, the flags and the overdispersion-adjusted flags of every
outcome at once (grouped by outcome, no loop over teams); :func:`funnel_tables` does both.
Privacy is the report layer's: it passes only the publishable rows of
:func:`funnel_points` to :func:`funnel_frame`, so the target and the overdispersion come
from the shown teams alone. No language here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from impact.data.programme import Programme
from impact.indicators.periods import started_teams
from impact.prem.deltas import score_prem
from impact.prem.scoring import OVERALL
from impact.stats.funnel import binomial_limits, normal_limits, overdispersion

__all__ = [
    "ADJUSTMENTS",
    "LEVELS",
    "POINT_COLUMNS",
    "FunnelTables",
    "funnel_frame",
    "funnel_limits",
    "funnel_points",
    "funnel_tables",
]

#: Two-sided coverages of the limits: about 2 and 3 standard errors (Spiegelhalter 2005).
LEVELS = (0.95, 0.998)
#: Overdispersion adjustments (Spiegelhalter 2005, section 5).
ADJUSTMENTS = ("additive", "multiplicative", "none")
#: Columns of :func:`funnel_points`.
POINT_COLUMNS = ["family", "outcome", "indicator", "team_id", "kind", "better", "multiplier",
                 "n", "events", "value", "sd"]  # fmt: skip
_KEYS = ["family", "outcome"]
_AFTER_MONTHS = 12  # the after window of impact.indicators.periods.compare_periods
_TAGS = {0.95: "95", 0.998: "998"}
_PROM_PERIODS = ("avant", "après")  # the default periods of prom_changes


@dataclass(frozen=True)
class FunnelTables:
    """The funnel plots' tables (returned by :func:`funnel_frame`).

    Attributes
    ----------
    teams : pandas.DataFrame
        One row per family × outcome × team: the :data:`POINT_COLUMNS` (``value`` on the
        reporting scale: × ``multiplier``), ``target``, ``se`` (the team's standard error
        under the target), ``z``, ``low_95``/``high_95``/``low_998``/``high_998`` (plain
        limits: exact binomial for proportions, normal otherwise), ``flag_95``/``flag_998``
        ("above", "below", "within"; "" without limits), the same with ``_adjusted``
        (limits widened for overdispersion when the outcome is overdispersed, else equal
        to the plain ones), ``z_adjusted`` and ``reason`` (codes).
    outcomes : pandas.DataFrame
        One row per family × outcome: ``kind``, ``better``, ``multiplier``, ``n_teams``,
        ``target``, ``sigma`` (pooled within-team SD of a mean), ``phi``, ``tau2`` (on the
        raw scale), ``adjustment`` ("additive", "multiplicative" or "none": the one applied),
        ``n_above``/``n_below`` (teams outside the 99.8 % limits, adjusted ones when
        applied), ``n_outside_95`` and ``reason``.
    """

    teams: pd.DataFrame
    outcomes: pd.DataFrame


# --------------------------------------------------------------------------- points
def _indicator_points(programme: Programme, teams: list[str] | None) -> pd.DataFrame:
    """Each team × indicator's 12 months from its start month (as ``compare_periods``)."""
    if programme.indicator_values.empty:
        return pd.DataFrame(columns=POINT_COLUMNS)
    units = started_teams(programme, teams)
    values = programme.indicator_values.merge(units, on="team_id")
    start = values["start_date"].dt.to_period("M").dt.to_timestamp()
    offset = (values["period"].dt.year - start.dt.year) * 12 + (
        values["period"].dt.month - start.dt.month
    )
    values = values.loc[offset.between(0, _AFTER_MONTHS - 1)]
    cat = programme.indicators.set_index("code")
    values = values.loc[values["indicator"].map(cat["kind"]).isin(["proportion", "rate", "mean"])]
    n = values["n"].astype(float)
    parts = pd.DataFrame({
        "team_id": values["team_id"].astype(str), "indicator": values["indicator"].astype(str),
        "num": values["numerator"], "den": values["denominator"], "value": values["value"],
        "nm": n * values["value"], "ss": (n - 1) * values["sd"] ** 2 + n * values["value"] ** 2,
        "n": n, "summary": values["sd"].notna() & n.notna() & (n > 0),
    })  # fmt: skip
    agg = parts.groupby(["team_id", "indicator"], sort=False).agg(
        num=("num", "sum"), den=("den", "sum"), n=("n", "sum"), nm=("nm", "sum"),
        ss=("ss", "sum"), summary=("summary", "all"), months=("value", "count"),
        month_mean=("value", "mean"), month_sd=("value", "std"),
    ).reset_index()  # fmt: skip
    kind = agg["indicator"].map(cat["kind"])
    default = kind.map({"proportion": 100.0, "rate": 1.0, "mean": 1.0})
    multiplier = agg["indicator"].map(cat["multiplier"]).astype(float).fillna(default)
    counted = kind != "mean"
    with np.errstate(invalid="ignore", divide="ignore"):
        pooled_mean = agg["nm"] / agg["n"]
        pooled_sd = np.sqrt(((agg["ss"] - agg["n"] * pooled_mean**2) / (agg["n"] - 1)).clip(0))
        ratio = agg["num"] / agg["den"]
    individual = agg["summary"] & ~counted
    return pd.DataFrame({
        "family": "indicator", "outcome": agg["indicator"], "indicator": agg["indicator"],
        "team_id": agg["team_id"], "kind": kind, "better": agg["indicator"].map(cat["better"]),
        "multiplier": multiplier.where(counted, 1.0),
        "n": np.select([counted, individual], [agg["den"], agg["n"]], agg["months"]),
        "events": agg["num"].where(counted),
        "value": np.select([counted, individual], [ratio, pooled_mean], agg["month_mean"]),
        "sd": np.where(counted, np.nan, np.where(individual, pooled_sd, agg["month_sd"])),
    })[POINT_COLUMNS]  # fmt: skip


def _prem_points(programme: Programme, teams: list[str]) -> pd.DataFrame:
    """The team's mean overall PREM score (0–100) in the after period."""
    responses = programme.prem_responses
    responses = responses.loc[responses["team_id"].isin(teams)] if len(responses) else responses
    if responses.empty:
        return pd.DataFrame(columns=POINT_COLUMNS)
    scores = score_prem(responses, programme.prem_items, programme.prem_scales)
    s = scores.summary
    s = s.loc[(s["level"] == "overall") & (s["period"] == scores.periods[1])]
    return pd.DataFrame({
        "family": "prem", "outcome": OVERALL, "indicator": None,
        "team_id": s["team_id"].astype(str), "kind": "mean", "better": "higher",
        "multiplier": 1.0, "n": s["n"].astype(float),
        "events": np.nan, "value": s["mean"], "sd": s["sd"],
    })[POINT_COLUMNS]  # fmt: skip


def _prom_points(programme: Programme, teams: list[str]) -> pd.DataFrame:
    """The team's mean paired change of each PROM, with the SD of the changes (the
    pairing of :func:`impact.prem.proms.prom_changes`, without its other statistics)."""
    responses, catalogue = programme.prom_responses, programme.proms
    if responses.empty or catalogue.empty or "team_id" not in responses.columns:
        return pd.DataFrame(columns=POINT_COLUMNS)
    data = responses.loc[responses["value"].notna() & responses["team_id"].isin(teams)
                         & responses["prom"].isin(catalogue["code"])
                         & responses["period"].isin(_PROM_PERIODS)]  # fmt: skip
    if data.empty:
        return pd.DataFrame(columns=POINT_COLUMNS)
    wide = data.set_index(["team_id", "prom", "patient", "period"])["value"].unstack("period")
    wide = wide.reindex(columns=list(_PROM_PERIODS))
    change = (wide[_PROM_PERIODS[1]] - wide[_PROM_PERIODS[0]]).groupby(level=["team_id", "prom"])
    agg = pd.DataFrame({"n": change.count(), "value": change.mean(), "sd": change.std()})
    agg = agg.reset_index()
    better = catalogue.set_index("code")["better"]
    return pd.DataFrame({
        "family": "prom", "outcome": agg["prom"].astype(str), "indicator": None,
        "team_id": agg["team_id"].astype(str), "kind": "mean", "better": agg["prom"].map(better),
        "multiplier": 1.0, "n": agg["n"].astype(float), "events": np.nan,
        "value": agg["value"].astype(float), "sd": agg["sd"].astype(float),
    })[POINT_COLUMNS]  # fmt: skip


def funnel_points(programme: Programme, *, teams: list[str] | None = None) -> pd.DataFrame:
    """Each programme team's level of each outcome after its start, and its data.

    - ``indicator`` (every proportion, rate and mean of the catalogue; counts describe
      activity and are left out): the 12 months from the team's start month, as the
      after period of :func:`impact.indicators.periods.compare_periods` — a proportion
      numerator / denominator (``n`` the denominator, ``events`` the numerator), a rate
      events / exposure (``n`` the exposure), a mean of individual measurements from the
      monthly means, SDs and counts when every month has them, else of the monthly values
      (``n`` the months);
    - ``prem`` (``all``): the mean overall PREM score (0–100) of the after period, raw:
      the case-mix adjusted analysis of :func:`impact.prem.deltas.prem_deltas` gives
      changes, not levels, and a funnel compares levels;
    - ``prom`` (each catalogue PROM): the mean paired change after − before, ``sd`` the
      SD of the changes, ``n`` the patients measured in both periods.

    Parameters
    ----------
    programme : Programme
    teams : list of str, optional
        Programme teams to include (default every programme team).

    Returns
    -------
    pandas.DataFrame
        :data:`POINT_COLUMNS`: ``value`` on the raw scale (proportions 0–1, rates per
        unit of exposure; ``multiplier`` gives the reporting scale), ``sd`` the
        within-team SD of a mean (NaN for counts), ``indicator`` the indicator code
        (None for other families, so that :mod:`impact.report.privacy` can hide a team ×
        indicator hidden elsewhere).

    Examples
    --------
    >>> import impact
    >>> points = funnel_points(impact.demo_programme(n_teams=3, seed=1))
    >>> sorted(points["family"].unique())
    ['indicator', 'prem', 'prom']
    """
    chosen = list(programme.team_ids) if teams is None else [str(x) for x in teams]
    parts = [_indicator_points(programme, chosen), _prem_points(programme, chosen),
             _prom_points(programme, chosen)]  # fmt: skip
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=POINT_COLUMNS)
    out = pd.concat(parts, ignore_index=True)
    out["indicator"] = out["indicator"].astype(object)
    return out


# --------------------------------------------------------------------------- limits
def _se(kind: str, target: float, sigma: float, n: np.ndarray) -> np.ndarray:
    """Each unit's standard error under the target, on the raw scale."""
    if kind == "proportion":
        return np.sqrt(target * (1 - target) / n)
    if kind == "rate":
        return np.sqrt(target / n)
    return sigma / np.sqrt(n)


def _limits(kind: str, target: float, se: np.ndarray, n: np.ndarray, level: float,
            phi: float, tau2: float) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Raw-scale limits: exact binomial for a plain proportion, normal otherwise."""
    if kind == "proportion" and phi == 1 and tau2 == 0:
        return binomial_limits(target, np.maximum(np.round(n), 1), level)
    return normal_limits(target, se, level, phi=phi, tau2=tau2)


def _spread(kind: str, target: float, sigma: float) -> bool:
    """Whether the target leaves room for chance (no limits at a proportion of 0 or 1)."""
    if kind == "proportion":
        return 0 < target < 1
    if kind == "rate":
        return target > 0
    return bool(np.isfinite(sigma) and sigma > 0)


def funnel_limits(outcome: Mapping | pd.Series, n: np.ndarray | list, level: float = 0.95,
                  *, adjusted: bool = True) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """The limits of one outcome of :attr:`FunnelTables.outcomes` at sample sizes ``n``.

    Parameters
    ----------
    outcome : mapping or pandas.Series
        A row of :attr:`FunnelTables.outcomes` with a target (no ``reason`` of
        ``funnel_too_few_teams`` or ``funnel_no_spread``).
    n : array of float
        Sample sizes (denominators, exposures, respondents, patients), > 0.
    level : float, default 0.95
    adjusted : bool, default True
        Widened for overdispersion when the outcome's ``adjustment`` is not "none".

    Returns
    -------
    tuple of numpy.ndarray
        Lower and upper limits on the reporting scale.
    """
    n = np.asarray(n, dtype=float)
    scale = float(outcome["multiplier"])
    target = float(outcome["target"]) / scale
    phi, tau2 = 1.0, 0.0
    if adjusted and outcome["adjustment"] == "additive":
        tau2 = float(outcome["tau2"])
    elif adjusted and outcome["adjustment"] == "multiplicative":
        phi = float(outcome["phi"])
    se = _se(str(outcome["kind"]), target, float(outcome["sigma"]), n)
    low, high = _limits(str(outcome["kind"]), target, se, n, level, phi, tau2)
    return low * scale, high * scale


def _flag(value: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    return np.select([value > high, value < low], ["above", "below"], default="within")


def _one_outcome(rows: pd.DataFrame, adjustment: str, min_teams: int, min_overdispersion: int
                 ) -> tuple[pd.DataFrame, dict]:  # fmt: skip
    """Target, limits and flags of one outcome's teams (vectorised over the teams)."""
    kind = str(rows["kind"].iloc[0])
    n = rows["n"].to_numpy(dtype=float)
    value = rows["value"].to_numpy(dtype=float)
    ok = np.isfinite(value) & np.isfinite(n) & (n > 0)
    out = rows.assign(target=np.nan, se=np.nan, z=np.nan, z_adjusted=np.nan,
                      reason=np.where(ok, "", "no_observations"))  # fmt: skip
    for tag in _TAGS.values():
        for side in ("low", "high"):
            out[f"{side}_{tag}"] = out[f"{side}_{tag}_adjusted"] = np.nan
        out[f"flag_{tag}"] = out[f"flag_{tag}_adjusted"] = ""
    summary = {"kind": kind, "better": rows["better"].iloc[0],
               "multiplier": float(rows["multiplier"].iloc[0]), "n_teams": int(ok.sum()),
               "target": np.nan, "sigma": np.nan, "phi": np.nan, "tau2": np.nan,
               "adjustment": "none", "n_above": 0, "n_below": 0, "n_outside_95": 0}  # fmt: skip
    if ok.sum() < min_teams:
        summary["reason"] = "funnel_too_few_teams"
        return out.assign(reason=np.where(ok, "funnel_too_few_teams", out["reason"])), summary
    v, m = value[ok], n[ok]
    if kind == "mean":
        target = float(np.sum(m * v) / m.sum())
        sd = rows["sd"].to_numpy(dtype=float)[ok]
        use = np.isfinite(sd) & (m > 1)
        sigma = float(np.sqrt(np.sum((m[use] - 1) * sd[use] ** 2) / np.sum(m[use] - 1)))
    else:
        target = float(rows["events"].to_numpy(dtype=float)[ok].sum() / m.sum())
        sigma = np.nan
    summary |= {"target": target * summary["multiplier"], "sigma": sigma}
    if not _spread(kind, target, sigma):
        summary["reason"] = "funnel_no_spread"
        return out.assign(reason=np.where(ok, "funnel_no_spread", out["reason"])), summary
    se = _se(kind, target, sigma, m)
    reasons = []
    phi, tau2, used_phi, used_tau2 = np.nan, np.nan, 1.0, 0.0
    if ok.sum() >= min_overdispersion:
        od = overdispersion(v, se, target)
        phi, tau2 = od.phi, od.tau2
        if adjustment == "additive" and tau2 > 0:
            used_tau2, summary["adjustment"] = tau2, "additive"
        elif adjustment == "multiplicative" and tau2 > 0 and phi > 1:
            used_phi, summary["adjustment"] = phi, "multiplicative"
    else:
        reasons.append("funnel_few_teams_overdispersion")
    scale = summary["multiplier"]
    summary |= {"phi": phi, "tau2": tau2, "target": target * scale}
    cols = {"target": target * scale, "se": se * scale, "z": (v - target) / se,
            "z_adjusted": (v - target) / np.sqrt(used_phi * se**2 + used_tau2)}  # fmt: skip
    for level, tag in _TAGS.items():
        low, high = _limits(kind, target, se, m, level, 1.0, 0.0)
        cols |= {f"low_{tag}": low * scale, f"high_{tag}": high * scale,
                 f"flag_{tag}": _flag(v, low, high)}  # fmt: skip
        if summary["adjustment"] != "none":
            low, high = _limits(kind, target, se, m, level, used_phi, used_tau2)
        cols |= {f"low_{tag}_adjusted": low * scale, f"high_{tag}_adjusted": high * scale,
                 f"flag_{tag}_adjusted": _flag(v, low, high)}  # fmt: skip
    idx = out.index[ok]
    for col, values in cols.items():
        out.loc[idx, col] = values
    out.loc[idx, "reason"] = ";".join(reasons)
    flags = cols["flag_998_adjusted"]
    summary |= {"n_above": int((flags == "above").sum()), "n_below": int((flags == "below").sum()),
                "n_outside_95": int((cols["flag_95_adjusted"] != "within").sum()),
                "reason": ";".join(reasons)}  # fmt: skip
    return out, summary


def funnel_frame(
    points: pd.DataFrame,
    *,
    adjustment: str = "additive",
    min_teams: int = 5,
    min_overdispersion: int = 10,
) -> FunnelTables:
    """Target, 95 % and 99.8 % limits, z-scores and flags of every outcome's teams.

    The **target** is the programme's value over the teams given: events / denominator
    (or exposure) summed over the teams for proportions and rates, the mean of every
    respondent or patient (Σ nᵢ·ȳᵢ / Σ nᵢ) for means. A team's standard error under the
    target is :math:`\\sqrt{\\theta_0(1-\\theta_0)/n}` (proportion), :math:`\\sqrt{\\theta_0/n}`
    (rate, normal approximation to the Poisson) or :math:`\\sigma/\\sqrt n` with σ the
    pooled within-team SD (mean). Plain limits are exact binomial with interpolation for
    proportions, normal otherwise (:mod:`impact.stats.funnel`). **Overdispersion**
    (Spiegelhalter 2005, section 5): φ from the winsorised z-scores and the additive
    τ²; with ``min_overdispersion`` teams or more and ``I·φ > I − 1``, the adjusted
    limits add τ² to each team's variance (``adjustment="additive"``, the default: a
    random-effects funnel, whose limits stop narrowing for large teams) or multiply it
    by φ (``"multiplicative"``); otherwise the adjusted columns repeat the plain ones.

    Parameters
    ----------
    points : pandas.DataFrame
        :func:`funnel_points` rows (those a report may show).
    adjustment : {"additive", "multiplicative", "none"}, default "additive"
    min_teams : int, default 5
        Fewer teams with a value: no target nor limits (reason ``funnel_too_few_teams``).
    min_overdispersion : int, default 10
        Fewer teams: no overdispersion estimated (reason
        ``funnel_few_teams_overdispersion``), the plain limits used.

    Returns
    -------
    FunnelTables

    Examples
    --------
    >>> pts = pd.DataFrame({"family": "prem", "outcome": "all", "indicator": None,
    ...     "team_id": list("ABCDE"), "kind": "mean", "better": "higher", "multiplier": 1.0,
    ...     "n": 100.0, "events": np.nan, "value": [70.0, 71, 69, 70, 80], "sd": 15.0})
    >>> tab = funnel_frame(pts).teams
    >>> tab["flag_998"].tolist()
    ['within', 'within', 'within', 'within', 'above']
    """
    if adjustment not in ADJUSTMENTS:
        raise ValueError(f"adjustment must be one of {ADJUSTMENTS}. Got {adjustment!r}.")
    for name, value in (("min_teams", min_teams), ("min_overdispersion", min_overdispersion)):
        if not isinstance(value, (int, np.integer)) or value < 2:
            raise ValueError(f"{name} must be a whole number ≥ 2. Got {value!r}.")
    missing = sorted(set(POINT_COLUMNS) - set(points.columns))
    if missing:
        raise ValueError(f"points lacks column(s) {missing}.")
    teams, outcomes = [], []
    for (family, outcome), rows in points.groupby(_KEYS, sort=False):
        table, summary = _one_outcome(rows, adjustment, min_teams, min_overdispersion)
        teams.append(table)
        outcomes.append({"family": family, "outcome": outcome, **summary})
    if not teams:
        return FunnelTables(points.iloc[0:0].assign(reason=""), pd.DataFrame(
            columns=[*_KEYS, "n_teams", "target", "reason"]))  # fmt: skip
    out = pd.concat(teams).sort_index()
    out["value"] = out["value"] * out["multiplier"]
    return FunnelTables(out.reset_index(drop=True), pd.DataFrame(outcomes))


def funnel_tables(programme: Programme, *, teams: list[str] | None = None,
                  adjustment: str = "additive") -> FunnelTables:  # fmt: skip
    """:func:`funnel_frame` of :func:`funnel_points` (every team given, no privacy).

    Examples
    --------
    >>> import impact
    >>> tabs = funnel_tables(impact.demo_programme(n_teams=12, seed=3))
    >>> set(tabs.teams["flag_998"]) <= {"above", "below", "within", ""}
    True
    """
    return funnel_frame(funnel_points(programme, teams=teams), adjustment=adjustment)
