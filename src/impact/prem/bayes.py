"""Bayesian small-sample PREM estimates: Beta posteriors with a Jeffreys prior (IQTIG).

The German IQTIG evaluates patient-survey quality indicators with a Bayesian model
(IQTIG 2018, *Entwicklung von Patientenbefragungen im Rahmen des
Qualitätssicherungsverfahrens Perkutane Koronarintervention und Koronarangiographie.
Abschlussbericht*, Berlin; reference R implementation: github.com/iqtigorg/iqtigprm,
``R/compute_results.R``, functions ``theta_bayes`` and ``evaluateQI``):

- an answer in category k of an item with K ordered categories counts as k − 1
  successes out of K − 1 binomial trials with the unit's parameter θ ("Hardy–Weinberg
  binomial model"); with linear 0–100 points this is ``points/100 · (K − 1)``
  successes;
- the answers of the unit's J patients to the L items of a quality feature are pooled
  into one binomial likelihood (J·L·(K − 1) trials); with the Jeffreys prior
  Beta(½, ½) the posterior is Beta(½ + x, ½ + n − x); the estimate is the posterior
  mean, the interval the equal-tailed posterior quantiles, widened to 0 (or 1) when
  every answer is in the lowest (or highest) category;
- an indicator made of several features is the mean of the features' θ; its interval
  comes from Monte Carlo draws of the independent feature posteriors with a fixed seed
  (R ``quantile(type = 6)``).

Here every catalogue item is one feature: an item's posterior is exact, a dimension or
the overall score is the mean of its items' θ (Monte Carlo), and the after − before
difference is drawn from the two periods' posteriors. This is ``method="iqtig"``.

The pooled binomial treats a patient's answers as independent given θ. When answers
of the same patient are correlated (they usually are), the interval of a dimension or
overall score is too narrow for the team's mean score: on the demo programme without a
case-mix shift (6 seeds × 60 teams), the 95 % interval of the overall change covered the
true change for 52 % of teams with ``"iqtig"`` against 95 % with ``"effective"`` (96 %
for Welch's t); ``tests/test_prem.py`` re-checks this on 2 seeds.

``method="effective"`` (the default) keeps the Beta–Jeffreys machinery but replaces the
counts by effective ones that reproduce the observed variance of the mean score:
``n* = m(1 − m)/v``, with ``m`` the mean score / 100 and ``v`` its squared standard
error — the effective sample size of Korn EL & Graubard BI (1998), "Confidence intervals
for proportions with small expected number of positive counts estimated from survey
data", *Survey Methodology* 24:193–201 — capped by the IQTIG trial count, and
``x* = m·n*``; posterior Beta(½ + x*, ½ + n* − x*). With binomial data both methods
agree. Jeffreys intervals have near-nominal frequentist coverage for a proportion (Brown
LD, Cai TT & DasGupta A 2001, "Interval estimation for a binomial proportion",
*Statistical Science* 16:101–133).
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd
from scipy import stats

from impact.prem.scoring import PremScores, context_reason, period_pairs
from impact.stats.effect_table import effect_frame

__all__ = ["JEFFREYS", "beta_posterior", "prem_bayes_deltas", "prem_bayes_levels"]

#: Jeffreys prior of a binomial proportion, Beta(½, ½).
JEFFREYS = (0.5, 0.5)
_METHODS = {
    "iqtig": "Beta posterior, Jeffreys prior, answers as (K-1)-trial binomials pooled per "
    "item (IQTIG 2018, iqtigprm); composite = mean of item posteriors by Monte Carlo",
    "effective": "Beta posterior, Jeffreys prior, effective counts matching the variance of "
    "the mean score (Korn & Graubard 1998)",
}


def beta_posterior(
    successes, trials, *, prior: tuple[float, float] = JEFFREYS, conf_level: float = 0.95
) -> pd.DataFrame:
    """Beta posterior of a proportion: mean and equal-tailed credible interval.

    Posterior Beta(a + x, b + n − x) for x successes in n trials and prior Beta(a, b);
    the interval is the ``(1 ± conf_level)/2`` posterior quantiles, set to 0 when x = 0
    and to 1 when x = n (IQTIG ``theta_bayes``; Brown, Cai & DasGupta 2001 modify the
    Jeffreys interval the same way at the boundaries). Vectorised; successes and trials
    may be fractional (effective counts).

    Parameters
    ----------
    successes, trials : float or array
    prior : (float, float), default (0.5, 0.5)
        Beta prior; the default is the Jeffreys prior.
    conf_level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        Columns ``a``, ``b`` (posterior parameters), ``mean``, ``ci_low``, ``ci_high``.

    Examples
    --------
    >>> beta_posterior(7, 20).round(4).loc[0, ["mean", "ci_low", "ci_high"]].tolist()
    [0.3571, 0.1723, 0.5678]
    """
    x = np.atleast_1d(np.asarray(successes, dtype=float))
    n = np.atleast_1d(np.asarray(trials, dtype=float))
    if (x < 0).any() or (x > n + 1e-9).any():
        raise ValueError(f"successes must lie between 0 and trials. Got {x!r} of {n!r}.")
    a, b = prior[0] + x, prior[1] + np.maximum(n - x, 0.0)
    alpha = 1 - conf_level
    low = np.where(x <= 1e-12, 0.0, stats.beta.ppf(alpha / 2, a, b))
    high = np.where(n - x <= 1e-12, 1.0, stats.beta.ppf(1 - alpha / 2, a, b))
    return pd.DataFrame({"a": a, "b": b, "mean": a / (a + b), "ci_low": low, "ci_high": high})


def _rng(seed: int, team: str) -> np.random.Generator:
    """A team's own stream: its result does not depend on the other teams present."""
    return np.random.default_rng([seed, zlib.crc32(str(team).encode())])


def _counts(scores: PremScores, method: str) -> pd.DataFrame:
    """Summary rows with the successes and trials behind each posterior.

    IQTIG counts: an item's trials are its answers × (K − 1) and its successes the
    points/100 · (K − 1) summed; a dimension or the overall score sums its items' counts
    (used for the boundary rule and as the cap of the effective counts). Effective
    counts: ``n* = m(1 − m)/v`` from the mean ``m`` and squared standard error ``v`` of the
    scores (0–1 scale), capped by the IQTIG trials, and ``x* = m·n*``.
    """
    s = scores.summary.reset_index(drop=True)
    out = s[
        [
            "team_id",
            "period",
            "level",
            "code",
            "dimension",
            "n_respondents",
            "n",
            "mean",
            "sd",
            "small_sample",
        ]
    ].copy()
    item = (s["level"] == "item").to_numpy()
    steps = s["categories"].astype(float).to_numpy() - 1
    n = s["n"].to_numpy(float)
    trials = np.where(item, n * steps, 0.0)
    with np.errstate(invalid="ignore"):
        succ = np.where(item & (n > 0), s["mean"].to_numpy(float) / 100 * trials, 0.0)
    succ = np.clip(np.round(succ, 9), 0, trials)
    for level, keys in (
        ("overall", ["team_id", "period"]),
        ("dimension", ["team_id", "period", "dimension"]),
    ):
        sums = (
            pd.DataFrame({"t": trials, "x": succ})
            .loc[item]
            .groupby([s.loc[item, k] for k in keys], sort=False)
            .sum()
        )
        rows = (s["level"] == level).to_numpy()
        idx = pd.MultiIndex.from_frame(s.loc[rows, keys])
        trials[rows] = sums["t"].reindex(idx).fillna(0).to_numpy()
        succ[rows] = sums["x"].reindex(idx).fillna(0).to_numpy()
    out["iqtig_trials"], out["iqtig_successes"] = trials, succ
    if method == "effective":
        m = s["mean"].to_numpy(float) / 100
        with np.errstate(invalid="ignore", divide="ignore"):
            v = (s["sd"].to_numpy(float) / 100) ** 2 / n
            n_eff = np.where((n > 1) & (v > 0), m * (1 - m) / v, trials)
        n_eff = np.clip(np.nan_to_num(n_eff), np.minimum(1.0, trials), trials)
        trials = np.where(n > 0, n_eff, 0.0)
        succ = np.where(n > 0, np.clip(np.nan_to_num(m) * n_eff, 0, n_eff), 0.0)
    out["trials"], out["successes"] = trials, succ
    return out


def _check(method: str, n_draws: int, conf_level: float) -> None:
    if method not in _METHODS:
        raise ValueError(f"method must be one of {sorted(_METHODS)}. Got {method!r}.")
    if not (isinstance(n_draws, (int, np.integer)) and n_draws >= 1000):
        raise ValueError(f"n_draws must be a whole number ≥ 1000. Got {n_draws!r}.")
    if not 0 < conf_level < 1:
        raise ValueError(f"conf_level must be strictly between 0 and 1. Got {conf_level!r}.")


def _weights(
    codes: np.ndarray, dims: np.ndarray, levels: pd.DataFrame, usable: np.ndarray
) -> np.ndarray:
    """Rows: composite levels; columns: items; equal weights over the usable items."""
    w = np.zeros((len(levels), len(codes)))
    for i, (lvl, code) in enumerate(zip(levels["level"], levels["code"], strict=True)):
        w[i] = usable & ((dims == code) if lvl == "dimension" else True)
    total = w.sum(axis=1, keepdims=True)
    return np.divide(w, total, out=np.zeros_like(w), where=total > 0)


def prem_bayes_levels(
    scores: PremScores,
    *,
    method: str = "effective",
    prior: tuple[float, float] = JEFFREYS,
    conf_level: float = 0.95,
    n_draws: int = 10_000,
    seed: int = 123,
) -> pd.DataFrame:
    """Bayesian estimate and credible interval of each team-period score (0–100).

    See the module docstring for the model. An item's posterior is exact (Beta
    quantiles); with ``method="iqtig"`` a dimension or the overall score is the mean of
    its answered items' θ, its interval the R type-6 quantiles of ``n_draws`` Monte
    Carlo draws from a stream seeded by ``seed`` and the team identifier (a team's
    result does not depend on which other teams are scored with it).

    Parameters
    ----------
    scores : PremScores
        From :func:`impact.prem.deltas.score_prem`.
    method : {"effective", "iqtig"}, default "effective"
    prior : (float, float), default Jeffreys (0.5, 0.5)
    conf_level : float, default 0.95
    n_draws : int, default 10000
    seed : int, default 123

    Returns
    -------
    pandas.DataFrame
        One row per team × period × level: identifiers, ``n_respondents``, ``n``,
        ``estimate`` (posterior mean × 100), ``ci_low``, ``ci_high`` (× 100), ``a``,
        ``b`` (Beta posterior; NaN for a Monte Carlo composite), ``small_sample``,
        ``method``, ``reason``.

    Examples
    --------
    >>> import impact
    >>> from impact.prem.deltas import score_prem
    >>> prog = impact.demo_programme(n_teams=2, seed=1)
    >>> s = score_prem(prog.prem_responses, prog.prem_items, prog.prem_scales)
    >>> b = prem_bayes_levels(s)
    >>> bool((b["ci_low"] <= b["estimate"]).all())
    True
    """
    _check(method, n_draws, conf_level)
    c = _counts(scores, method)
    exact = (c["level"] == "item").to_numpy() | (method == "effective")
    post = beta_posterior(c["successes"], c["trials"], prior=prior, conf_level=conf_level)
    out = c[["team_id", "period", "level", "code", "dimension", "n_respondents", "n"]].copy()
    out["estimate"] = np.where(exact, post["mean"], np.nan)
    out["ci_low"] = np.where(exact, post["ci_low"], np.nan)
    out["ci_high"] = np.where(exact, post["ci_high"], np.nan)
    out["a"] = np.where(exact, post["a"], np.nan)
    out["b"] = np.where(exact, post["b"], np.nan)
    if method == "iqtig":
        alpha = 1 - conf_level
        for (team, _period), unit in c.groupby(["team_id", "period"], sort=False):
            it = unit[unit["level"] == "item"]
            comp = unit[unit["level"] != "item"]
            usable = it["n"].to_numpy() > 0
            w = _weights(
                it["code"].to_numpy(object), it["dimension"].to_numpy(object), comp, usable
            )
            p = post.loc[it.index]
            theta = _rng(seed, f"{team}|{_period}").beta(
                p["a"].to_numpy(), p["b"].to_numpy(), size=(n_draws, len(it))
            )
            draws = theta @ w.T
            q = np.quantile(draws, [alpha / 2, 1 - alpha / 2], axis=0, method="weibull")
            out.loc[comp.index, "estimate"] = w @ p["mean"].to_numpy()
            x, t = it["successes"].to_numpy(), it["trials"].to_numpy()
            none_up = (w > 0) @ (x > 1e-12) == 0
            all_top = (w > 0) @ (t - x > 1e-12) == 0
            out.loc[comp.index, "ci_low"] = np.where(none_up, 0.0, q[0])
            out.loc[comp.index, "ci_high"] = np.where(all_top, 1.0, q[1])
    empty = out["n"].to_numpy() == 0
    for col in ("estimate", "ci_low", "ci_high"):
        out[col] = np.where(empty, np.nan, out[col].to_numpy(float) * 100)
    out["small_sample"] = c["small_sample"]
    out["method"] = _METHODS[method]
    out["reason"] = np.where(empty, "no_informative_answer", "")
    small = out["small_sample"].to_numpy(bool) & ~empty
    out.loc[small, "reason"] = "small_sample"
    return out


def prem_bayes_deltas(
    scores: PremScores,
    *,
    method: str = "effective",
    prior: tuple[float, float] = JEFFREYS,
    conf_level: float = 0.95,
    n_draws: int = 10_000,
    seed: int = 123,
    teams: list[str] | None = None,
) -> pd.DataFrame:
    """Bayesian after − before difference of each team's scores, with credible interval.

    The difference of θ after and before (× 100) is drawn from the two periods'
    independent posteriors (``n_draws`` Monte Carlo draws from a stream seeded by
    ``seed`` and the team identifier): ``estimate`` is the difference of the posterior
    means, ``ci_low``/``ci_high`` the R type-6 quantiles of the draws, ``se`` their
    standard deviation and ``prob_improved`` the posterior probability of an increase.
    A composite (dimension, overall) uses the items answered in both periods.

    Parameters
    ----------
    scores : PremScores
    method : {"effective", "iqtig"}, default "effective"
    prior : (float, float), default Jeffreys (0.5, 0.5)
    conf_level : float, default 0.95
    n_draws : int, default 10000
    seed : int, default 123
    teams : list of str, optional
        Teams expected; those absent get explained rows.

    Returns
    -------
    pandas.DataFrame
        Effect table (``measure = "difference in posterior means"``, ``p_value`` empty)
        with ``level``, ``code``, ``dimension``, ``prob_improved`` and ``small_sample``.

    Examples
    --------
    >>> import impact
    >>> from impact.prem.deltas import score_prem
    >>> prog = impact.demo_programme(n_teams=2, seed=1)
    >>> s = score_prem(prog.prem_responses, prog.prem_items, prog.prem_scales)
    >>> d = prem_bayes_deltas(s)
    >>> bool(((d["ci_low"] <= d["estimate"]) & (d["estimate"] <= d["ci_high"])).all())
    True
    """
    _check(method, n_draws, conf_level)
    periods = scores.periods
    pairs = period_pairs(scores, teams)
    context, small = context_reason(pairs, periods, scores.threshold)
    c = _counts(scores, method)
    post = beta_posterior(c["successes"], c["trials"], prior=prior, conf_level=conf_level)
    c = pd.concat([c, post[["a", "b", "mean"]].add_prefix("post_")], axis=1)
    idx = pd.MultiIndex.from_frame(pairs[["team_id", "level", "code"]])
    sides = [
        c[c["period"] == p].set_index(["team_id", "level", "code"]).reindex(idx) for p in periods
    ]
    n_both = [side["n"].fillna(0).to_numpy() for side in sides]
    ab_both = [np.nan_to_num(side[["post_a", "post_b"]].to_numpy(), nan=0.5) for side in sides]
    mean_both = [side["post_mean"].to_numpy() for side in sides]
    est, low, high, sd, prob = (np.full(len(pairs), np.nan) for _ in range(5))
    alpha = 1 - conf_level
    for team, rows in pairs.groupby("team_id", sort=False).indices.items():
        if not all(n[rows].any() for n in n_both):
            continue
        usable = (n_both[0][rows] > 0) & (n_both[1][rows] > 0)
        ab = [v[rows] for v in ab_both]
        mean_b, mean_a = (v[rows] for v in mean_both)
        item = (pairs.loc[rows, "level"] == "item").to_numpy()
        if method == "iqtig":
            w = np.zeros((len(rows), item.sum()))
            w[item, np.arange(item.sum())] = 1.0
            w[~item] = _weights(
                pairs.loc[rows, "code"].to_numpy(object)[item],
                pairs.loc[rows, "dimension"].to_numpy(object)[item],
                pairs.loc[rows[~item]],
                usable[item],
            )
            draw_ix = np.flatnonzero(item)
        else:  # every level drawn directly
            w, draw_ix = None, np.arange(len(rows))
        rng = _rng(seed, team)
        theta = [
            rng.beta(ab[k][draw_ix, 0], ab[k][draw_ix, 1], size=(n_draws, len(draw_ix)))
            for k in (0, 1)
        ]
        delta, diff = theta[1] - theta[0], mean_a - mean_b
        if w is not None:  # composites: weighted means of their items' θ
            delta = delta @ w.T
            diff = np.where(item, diff, w @ (mean_a[draw_ix] - mean_b[draw_ix]))
        q = np.quantile(delta, [alpha / 2, 1 - alpha / 2], axis=0, method="weibull")
        has = usable if w is None else np.where(item, usable, w.sum(axis=1) > 0)
        est[rows] = np.where(has, diff, np.nan)
        low[rows], high[rows] = (np.where(has, v, np.nan) for v in q)
        sd[rows] = np.where(has, delta.std(axis=0, ddof=1), np.nan)
        prob[rows] = np.where(has, (delta > 0).mean(axis=0), np.nan)
    ids = {k: pairs[k].to_numpy(object) for k in ("team_id", "level", "code", "dimension")}
    out = effect_frame(
        ids,
        measure="difference in posterior means",
        estimate=est * 100,
        ci_low=low * 100,
        ci_high=high * 100,
        se=sd * 100,
        n_before=pairs["n_b"],
        n_after=pairs["n_a"],
        method=_METHODS[method] + "; difference by Monte Carlo from the two posteriors",
        reason=context,
        prob_improved=prob,
        small_sample=small,
    )
    missing = out["estimate"].isna() & (out["reason"] == "")
    out.loc[missing, "reason"] = "no_informative_answer"
    return out
