"""Minimum detectable level change of an interrupted time series, by simulation.

No closed form gives the power of a segmented regression with autocorrelated or
overdispersed errors, so :func:`its_level_mde` simulates it from the fitted model
(Zhang, Wagner & Ross-Degnan 2011 simulate ITS power the same way):

1. fit the series (:func:`impact.stats.its.segmented_regression`);
2. draw ``n_sim`` series from the fitted model without the intervention terms (the
   counterfactual): Gaussian — the counterfactual plus AR(1) errors with the fitted
   ρ and innovation SD (ρ = 0 and the residual SD with Newey–West errors); quasi-Poisson
   — gamma-Poisson (negative binomial) counts with mean μ and variance φ·μ (Poisson when
   φ ≤ 1);
3. refit them all (:func:`impact.stats.its.segmented_regression_many`, one group per
   simulated series) and keep each level change's interval (log scale for quasi-Poisson);
4. a true level change δ moves an estimate and its interval by δ (exactly for a linear
   model; on the log scale, approximately, for quasi-Poisson), so the test detects δ in
   the simulations where the shifted interval excludes 0: the MDE up is the smallest δ
   detected in ``power`` of them, likewise down. ``mde_normal`` is the textbook
   :math:`(z_{1-\\alpha/2} + z_{power})` × SD of the simulated estimates, for comparison.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from impact.stats.its import segmented_regression, segmented_regression_many

__all__ = ["ITS_MDE_COLUMNS", "its_level_mde"]

#: Columns of :func:`its_level_mde`.
ITS_MDE_COLUMNS = ["measure", "scale", "mde_up", "mde_down", "mde_normal", "sd_estimates",
                   "size", "n_sim", "n_fitted", "rho", "sigma", "dispersion", "method",
                   "reason"]  # fmt: skip
_LEVEL = "level change"


def _row(**values: object) -> pd.DataFrame:
    base = dict.fromkeys(ITS_MDE_COLUMNS, np.nan)
    base.update(measure=_LEVEL, method="", reason="")
    base.update(values)
    return pd.DataFrame([base], columns=ITS_MDE_COLUMNS)


def _ar1(rng: np.random.Generator, n_sim: int, size: int, rho: float, sigma: float) -> np.ndarray:
    """``n_sim`` stationary AR(1) series of ``size`` points (innovation SD ``sigma``)."""
    u = rng.normal(0.0, sigma, (n_sim, size))
    e = np.empty_like(u)
    e[:, 0] = u[:, 0] / np.sqrt(1 - rho**2)
    for i in range(1, size):
        e[:, i] = rho * e[:, i - 1] + u[:, i]
    return e


def its_level_mde(
    data: pd.DataFrame,
    outcome: str,
    time: str,
    intervention: object,
    *,
    family: str = "poisson",
    offset: str | None = None,
    n_sim: int = 500,
    seed: int = 0,
    power: float = 0.8,
    alpha: float = 0.05,
    **options: object,
) -> pd.DataFrame:
    """Smallest level change a segmented regression of this series detects, by simulation.

    Parameters
    ----------
    data, outcome, time, intervention, family, offset
        As :func:`impact.stats.its.segmented_regression` (one series).
    n_sim : int, default 500
        Simulated series (the MDE's Monte-Carlo error shrinks as 1/√n_sim).
    seed : int, default 0
    power, alpha : float
        Power and two-sided level (the refits' intervals are at 1 − ``alpha``).
    **options
        Other options of :func:`segmented_regression` (``errors``, ``harmonics``…).

    Returns
    -------
    pandas.DataFrame
        One row, :data:`ITS_MDE_COLUMNS`: ``mde_up`` > and ``mde_down`` < no change
        (rate ratios for quasi-Poisson, ``scale = "log"``; differences in the outcome's
        unit for Gaussian), ``mde_normal`` (on the analysis scale), ``sd_estimates``,
        ``size`` (share of the simulated series, without any change, whose interval
        excludes 0: the test's real type I error, to compare with ``alpha``),
        ``n_fitted`` (simulations whose refit gave an interval), the simulation's ``rho``,
        ``sigma`` (innovation SD) or ``dispersion``, ``method`` and ``reason`` (the
        observed fit's, or ``fit_failed`` when no simulation could be refitted).

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> df = pd.DataFrame({"t": np.arange(36), "y": 50 + rng.normal(0, 2, 36)})
    >>> out = its_level_mde(df, "y", "t", 18, family="gaussian", errors="ar1", n_sim=100)
    >>> bool(1 < out["mde_up"].iloc[0] < 10)
    True
    """
    if not (isinstance(n_sim, (int, np.integer)) and n_sim >= 20):
        raise ValueError(f"n_sim must be a whole number ≥ 20. Got {n_sim!r}.")
    if not 0 < alpha < power < 1:
        raise ValueError(f"need 0 < alpha < power < 1. Got {alpha!r} and {power!r}.")
    opts = dict(options, family=family, offset=offset, conf_level=1 - alpha)
    fit = segmented_regression(data, outcome, time, intervention, **opts)
    level = fit.effects.loc[fit.effects["measure"] == _LEVEL].iloc[0]
    if level["reason"] and not np.isfinite(level["ci_low"]):
        return _row(reason=level["reason"], n_sim=n_sim, n_fitted=0)
    res, rng = fit.model, np.random.default_rng(seed)
    frame = data.sort_values(time, kind="stable").reset_index(drop=True)
    base = fit.fitted["counterfactual"].to_numpy(dtype=float)
    post = fit.fitted["post"].to_numpy(dtype=bool)
    size, log = len(frame), family == "poisson"
    rho = sigma = dispersion = np.nan
    if not log:
        rho = float(np.ravel(getattr(res.model, "rho", [np.nan]))[0])
        rho = rho if np.isfinite(rho) else 0.0  # Newey–West fit: independent errors
        sigma = float(np.sqrt(res.scale))
    else:
        expo = frame[offset].to_numpy(dtype=float) if offset is not None else np.ones(size)
        per = float(options.get("rate_per", 1.0)) if offset is not None else 1.0
        base = base / per * expo  # expected counts
        dispersion = float(res.scale)

    def refit(shift: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Intervals (analysis scale) of ``n_sim`` series with a level change ``shift``."""
        if not log:
            y = base + shift * post + _ar1(rng, n_sim, size, rho, sigma)
        else:
            mu = np.broadcast_to(base * np.exp(shift * post), (n_sim, size))
            if dispersion > 1:
                mu = rng.gamma(mu / (dispersion - 1), dispersion - 1)
            y = rng.poisson(mu).astype(float)
        sims = pd.concat([frame] * n_sim, ignore_index=True)
        sims["_sim"] = np.repeat(np.arange(n_sim), size)
        sims[outcome] = y.ravel()
        out = segmented_regression_many(sims, "_sim", outcome, time, intervention, **opts)
        rows = out.effects.loc[out.effects["measure"] == _LEVEL]
        got = [rows[c].to_numpy(dtype=float) for c in ("estimate", "ci_low", "ci_high")]
        if log:
            with np.errstate(divide="ignore"):
                got = [np.log(v) for v in got]
        ok = np.isfinite(got[0]) & np.isfinite(got[1]) & np.isfinite(got[2])
        return got[0][ok] - shift, got[1][ok], got[2][ok]

    method = (f"simulation from the fitted model ({n_sim} series: "
              + ("gamma-Poisson counts, variance φ·μ; the MDE re-simulated at its first "
                 "value and corrected once" if log else "AR(1) Gaussian errors")
              + f"), refitted; power {power:g}, two-sided alpha {alpha:g}")  # fmt: skip
    est, low, high = refit(0.0)
    if len(est) < 20:
        return _row(n_sim=n_sim, n_fitted=len(est), rho=rho, sigma=sigma,
                    dispersion=dispersion, method=method, reason="fit_failed")  # fmt: skip
    # a change δ moves the interval by δ: P(low + δ > 0) = power, P(high + δ < 0) = power
    up = max(-float(np.quantile(low, 1 - power)), 0.0)
    down = min(-float(np.quantile(high, power)), 0.0)
    sd = float(np.std(est, ddof=1))
    size_ = float(np.mean((low > 0) | (high < 0)))
    normal = (stats.norm.isf(alpha / 2) + stats.norm.ppf(power)) * sd
    if log:  # counts (and their variance) change with the rate: simulate at the MDE
        alt_low, alt_high = refit(up)[1], refit(down)[2]
        if len(alt_low) >= 20:
            up = up - float(np.quantile(alt_low, 1 - power))
        if len(alt_high) >= 20:
            down = down - float(np.quantile(alt_high, power))
        up, down = np.exp(up), np.exp(down)
    return _row(scale="log" if log else "identity", mde_up=up, mde_down=down,
                mde_normal=normal, sd_estimates=sd, size=size_, n_sim=n_sim, n_fitted=len(est),
                rho=rho, sigma=sigma, dispersion=dispersion, method=method)  # fmt: skip
