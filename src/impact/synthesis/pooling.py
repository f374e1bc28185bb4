"""Programme synthesis: every team's effect per outcome, pooled across teams.

The teams' effects (:func:`impact.synthesis.effects.team_effects`, one per team and
outcome on the scale pooling needs) go in; :func:`pooled_effects` pools them per outcome with a
random-effects model (:func:`impact.stats.meta.pool`) and counts the teams that improved;
:func:`subgroup_effects` and :func:`moderator_effects` ask what explains the differences
between teams (participation level, hospital group, domain). The RE-AIM programme summary
is :func:`impact.report.reaim.reaim_summary`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.indicators.periods import verdicts
from impact.stats.meta import pool, regression
from impact.stats.meta_regression import analysis_values
from impact.stats.meta_subgroups import SubgroupAnalysis, subgroups
from impact.stats.randomisation import sign_flip_test
from impact.synthesis.effects import PARTICIPATION_LEVELS

__all__ = ["moderator_effects", "pooled_effects", "subgroup_effects"]


def _direction(better: pd.Series) -> np.ndarray:
    return np.where(better.to_numpy(object) == "lower", -1.0, 1.0)


def pooled_effects(
    team_effects: pd.DataFrame,
    *,
    method: str = "REML",
    hartung_knapp: bool = True,
    conf_level: float = 0.95,
    n_perm: int = 4999,
    seed: int = 0,
) -> pd.DataFrame:
    """Pool the teams' effects per outcome: the programme's effect and how teams differ.

    Random-effects meta-analysis of each family × outcome (:func:`impact.stats.meta.pool`,
    REML τ² with the Hartung–Knapp–Sidik–Jonkman interval by default, as recommended
    when the number of studies is moderate: IntHout, Ioannidis & Borm 2014, *BMC Med Res
    Methodol* 14:25), on the analysis scale (log for ratios: the pooled ratio is the
    geometric mean of the teams' ratios) and reported back on the reporting scale.

    The share of teams improved counts the teams whose own interval lies wholly on the
    favourable side of no effect (their ``verdict``), among the teams with an estimate;
    ``share_favourable`` counts point estimates in the favourable direction, whatever
    their precision (a weak test: half the teams of a null programme).

    ``p_randomisation`` is Fisher's sign-flip test of the pooled effect
    (:func:`impact.stats.randomisation.sign_flip_test`, same τ² estimator): it holds
    without the normal approximation of the teams' estimates and of the pooled effect.

    Parameters
    ----------
    team_effects : pandas.DataFrame
        Output of :func:`team_effects` (``family``, ``outcome``, ``better``,
        ``verdict`` and the effect-table columns).
    method : {"REML", "DL", "PM", "FE"}, default "REML"
    hartung_knapp : bool, default True
    conf_level : float, default 0.95
    n_perm : int, default 4999
        Sign patterns of the randomisation test (all 2^k when fewer).
    seed : int, default 0

    Returns
    -------
    pandas.DataFrame
        One row per family × outcome (input order): ``family``, ``outcome``, the columns
        of :func:`impact.stats.meta.pool` (``estimate``, ``ci_low``, ``ci_high``, ``pi_low``,
        ``pi_high``, ``tau2``, ``I2``, ``Q``, ``Q_p``, ``k``…; ``n_before``/``n_after``
        summed over teams), ``better``, ``verdict`` (of the pooled interval; "" when no
        team could be pooled), ``n_teams`` (with an estimate), ``n_improved``,
        ``n_worsened``,
        ``share_improved``, ``share_worsened``, ``share_favourable``,
        ``p_randomisation`` (sign-flip test of the pooled effect, NaN below 2 teams).

    Examples
    --------
    >>> effects = pd.DataFrame({"family": "barometer", "outcome": "global",
    ...     "team_id": ["A", "B", "C"], "estimate": [0.2, 0.5, 0.1], "se": 0.1,
    ...     "ci_low": [0.0, 0.3, -0.1], "ci_high": [0.4, 0.7, 0.3], "scale": "identity",
    ...     "better": "higher", "verdict": ["inconclusive", "improved", "inconclusive"]})
    >>> row = pooled_effects(effects).iloc[0]
    >>> int(row["n_improved"]), round(float(row["share_improved"]), 3)
    (1, 0.333)
    """
    needed = {"family", "outcome", "better", "verdict", "estimate", "se", "scale"}
    missing = sorted(needed - set(team_effects.columns))
    if missing:
        raise ValueError(f"team_effects lacks column(s) {missing}. "
                         f"Got {list(team_effects.columns)}.")  # fmt: skip
    keys = ["family", "outcome"]
    if team_effects.empty:
        return pd.DataFrame(columns=[*keys, "estimate", "ci_low", "ci_high", "k"])
    frame = team_effects.reset_index(drop=True)
    pooled = pool(frame, method=method, hartung_knapp=hartung_knapp, conf_level=conf_level,
                  by=keys)  # fmt: skip
    est = pd.to_numeric(frame["estimate"], errors="coerce")
    has = est.notna() & np.isfinite(est)
    null = np.where(frame["scale"] == "log", 1.0, 0.0)
    favourable = has & ((est.to_numpy(float) - null) * _direction(frame["better"]) > 0)
    counts = frame.assign(
        _has=has, _imp=has & (frame["verdict"] == "improved"),
        _wor=has & (frame["verdict"] == "worsened"), _fav=favourable,
    ).groupby(keys, sort=False).agg(
        better=("better", "first"), n_teams=("_has", "sum"), n_improved=("_imp", "sum"),
        n_worsened=("_wor", "sum"), n_favourable=("_fav", "sum"),
    ).reset_index()  # fmt: skip
    with np.errstate(invalid="ignore", divide="ignore"):
        for name in ("improved", "worsened", "favourable"):
            counts[f"share_{name}"] = np.where(
                counts["n_teams"] > 0, counts[f"n_{name}"] / counts["n_teams"], np.nan
            )
    counts = counts.drop(columns="n_favourable")
    out = counts[keys].merge(pooled, on=keys, how="left").merge(counts, on=keys, how="left")
    out["verdict"] = np.where(out["k"] > 0, verdicts(out, out["better"]), "")
    for col in ("n_teams", "n_improved", "n_worsened"):
        out[col] = out[col].astype("int64")
    y, v, _, _ = analysis_values(frame)
    flips = {key: sign_flip_test(y[idx], np.sqrt(v[idx]), n_perm=n_perm, seed=seed,
                                 method=method, hartung_knapp=hartung_knapp).p_value
             for key, idx in frame.groupby(keys, sort=False).indices.items()}  # fmt: skip
    pairs = zip(out["family"], out["outcome"], strict=True)
    out["p_randomisation"] = [flips.get(key, np.nan) for key in pairs]
    return out.reset_index(drop=True)


def subgroup_effects(
    team_effects: pd.DataFrame,
    by: tuple[str, ...] = ("participation_level", "ghu", "domain"),
    *,
    method: str = "REML",
    hartung_knapp: bool = True,
    conf_level: float = 0.95,
) -> dict[str, SubgroupAnalysis]:
    """Pooled effect of each outcome within subgroups of teams, and the tests of differences.

    One :func:`impact.stats.meta_subgroups.subgroups` analysis per column of ``by``, run
    separately for every family × outcome (``within``): each subgroup's pooled effect (its own τ²),
    the between-subgroup Q test (separate τ²; Borenstein et al. 2009, ch. 19) and the
    moderator test of the mixed-effects model (common τ²). Subgroups are observational:
    a difference between them may come from anything that differs between the teams.

    Parameters
    ----------
    team_effects : pandas.DataFrame
        Output of :func:`team_effects`.
    by : tuple of str
        Team attributes to split on; participation levels keep their ordinal order.
    method, hartung_knapp, conf_level
        As :func:`pooled_effects`.

    Returns
    -------
    dict of str to SubgroupAnalysis
        One analysis per ``by`` column (``groups`` and ``tests`` carry ``family`` and
        ``outcome``).
    """
    out = {}
    for col in by:
        if col not in team_effects.columns:
            raise ValueError(f"{col!r} is not a column of team_effects. "
                             f"Got {list(team_effects.columns)}.")  # fmt: skip
        frame = team_effects
        if col == "participation_level":  # ordinal order rather than alphabetical
            frame = frame.assign(
                participation_level=pd.Categorical(
                    frame[col], categories=PARTICIPATION_LEVELS, ordered=True
                )
            )
        analysis = subgroups(
            frame,
            col,
            method=method,
            hartung_knapp=hartung_knapp,
            conf_level=conf_level,
            within=["family", "outcome"],
        )
        if col == "participation_level":
            analysis.groups[col] = analysis.groups[col].astype(object)
        out[col] = analysis
    return out


def moderator_effects(
    team_effects: pd.DataFrame,
    moderator: str = "participation_score",
    *,
    method: str = "REML",
    hartung_knapp: bool = True,
    conf_level: float = 0.95,
) -> pd.DataFrame:
    """Meta-regression of each outcome's team effects on one numeric team attribute.

    For every family × outcome, the mixed-effects meta-regression
    ``effect_i = β₀ + β₁·x_i + u_i + e_i`` (:func:`impact.stats.meta.regression`, as
    ``metafor::rma(yi, vi, mods = ~ x)``), by default on the participation level as an
    ordinal score (information 0, consultation 1, co-construction 2, co-décision 3): β₁
    is the change in the effect per level (on the log scale for ratios: ``ratio =
    exp(β₁)`` multiplies the rate ratio per level). Treating the level as a score assumes
    equal steps between levels; :func:`subgroup_effects` shows each level on its own.

    Parameters
    ----------
    team_effects : pandas.DataFrame
        Output of :func:`team_effects`.
    moderator : str, default "participation_score"
        A numeric column of ``team_effects``.
    method, hartung_knapp, conf_level
        As :func:`pooled_effects`.

    Returns
    -------
    pandas.DataFrame
        One row per family × outcome: ``family``, ``outcome``, ``moderator``,
        ``estimate``, ``se``, ``ci_low``, ``ci_high``, ``p_value`` (the slope, analysis
        scale), ``scale``, ``ratio``/``ratio_low``/``ratio_high`` (exp of the slope and
        its interval for log-scale outcomes, else NaN), ``intercept``, ``k``, ``tau2``,
        ``R2`` (percent of τ² explained), ``QE_p``, ``better``, ``verdict``
        ("favourable" when the whole interval says the effect grows in the favourable
        direction with the moderator, "unfavourable" for the reverse, else
        "inconclusive"), ``method``, ``reason``.
    """
    if moderator not in team_effects.columns:
        raise ValueError(f"moderator {moderator!r} is not a column of team_effects. "
                         f"Got {list(team_effects.columns)}.")  # fmt: skip
    rows = []
    for (family, outcome), block in team_effects.groupby(["family", "outcome"], sort=False):
        res = regression(block.reset_index(drop=True), [moderator], method=method,
                         hartung_knapp=hartung_knapp, conf_level=conf_level)  # fmt: skip
        coef, fit = res.coefficients, res.fit.iloc[0]
        slope = coef.iloc[-1] if len(coef) > 1 else pd.Series(dtype=float)
        intercept = coef.iloc[0]["estimate"] if len(coef) else np.nan
        rows.append({
            "family": family, "outcome": outcome, "moderator": moderator,
            "estimate": slope.get("estimate", np.nan), "se": slope.get("se", np.nan),
            "ci_low": slope.get("ci_low", np.nan), "ci_high": slope.get("ci_high", np.nan),
            "p_value": slope.get("p_value", np.nan), "scale": fit["scale"],
            "intercept": intercept, "k": int(fit["k"]), "tau2": fit["tau2"], "R2": fit["R2"],
            "QE_p": fit["QE_p"], "better": block["better"].iloc[0], "method": fit["method"],
            "reason": fit["reason"],
        })  # fmt: skip
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    log = (out["scale"] == "log").to_numpy()
    for src, dst in (("estimate", "ratio"), ("ci_low", "ratio_low"), ("ci_high", "ratio_high")):
        out[dst] = np.where(log, np.exp(out[src].astype(float)), np.nan)
    sign = _direction(out["better"])
    low, high = out["ci_low"].to_numpy(float), out["ci_high"].to_numpy(float)
    good = np.where(sign > 0, low > 0, high < 0)
    bad = np.where(sign > 0, high < 0, low > 0)
    out["verdict"] = np.select([good, bad], ["favourable", "unfavourable"], "inconclusive")
    front = ["family", "outcome", "moderator", "estimate", "se", "ci_low", "ci_high", "p_value",
             "scale", "ratio", "ratio_low", "ratio_high"]  # fmt: skip
    return out[front + [c for c in out.columns if c not in front]]
