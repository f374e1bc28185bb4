"""Level estimates for a period, vectorised over periods: pooled proportion (Wilson),
pooled rate (exact Poisson, Garwood), mean of monthly means from summaries, and the mean
of values with a t interval.

Each function takes equal-length arrays (one element per period) and returns a dict of
arrays: ``estimate``, ``ci_low``, ``ci_high``, ``se`` in the indicator's displayed unit.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from impact.stats.proportions import wilson_interval

__all__ = [
    "MEAN_OF_VALUES",
    "POOLED_MEAN",
    "POOLED_PROPORTION",
    "POOLED_RATE",
    "mean_of_values",
    "pooled_mean",
    "pooled_proportion",
    "pooled_rate",
]

POOLED_PROPORTION = "pooled proportion Σnumerator/Σdenominator, Wilson score interval (Wilson 1927)"
POOLED_RATE = (
    "pooled rate Σevents/Σexposure, exact Poisson interval for the count (Garwood 1936) "
    "divided by the exposure"
)
POOLED_MEAN = (
    "n-weighted mean of monthly means, SE from the pooled within-month SD, t interval "
    "(df = N − months)"
)
MEAN_OF_VALUES = "mean of monthly values, t interval over months"


def pooled_proportion(x, n, multiplier, conf_level: float) -> dict[str, np.ndarray]:
    """Σx/Σn × multiplier with the Wilson score interval (NaN where n = 0).

    Examples
    --------
    >>> r = pooled_proportion([81.0], [263.0], [100.0], 0.95)
    >>> [round(float(r[k][0]), 2) for k in ("estimate", "ci_low", "ci_high")]
    [30.8, 25.53, 36.62]
    """
    x, n, mult = (np.asarray(v, dtype=float) for v in (x, n, multiplier))
    ok = n > 0
    safe = np.where(ok, n, 1.0)
    p = np.where(ok, x / safe, np.nan)
    low, high = wilson_interval(x, n, conf_level)
    return {
        "estimate": p * mult,
        "ci_low": low * mult,
        "ci_high": high * mult,
        "se": np.sqrt(p * (1 - p) / safe) * mult,
    }


def pooled_rate(x, exposure, multiplier, conf_level: float) -> dict[str, np.ndarray]:
    """Σx/Σexposure × multiplier with the exact Poisson interval for the count x.

    The interval for the expected count is ``[χ²(α/2; 2x)/2, χ²(1 − α/2; 2x + 2)/2]``
    (Garwood 1936, *Biometrika* 28:437–442; the lower limit is 0 when x = 0), divided by
    the exposure; ``se = √x / exposure × multiplier``. NaN where the exposure is 0.

    Examples
    --------
    >>> r = pooled_rate([10.0], [1.0], [1.0], 0.95)
    >>> round(float(r["ci_low"][0]), 3), round(float(r["ci_high"][0]), 2)
    (4.795, 18.39)
    """
    x, t, mult = (np.asarray(v, dtype=float) for v in (x, exposure, multiplier))
    alpha = 1 - conf_level
    ok = t > 0
    safe = np.where(ok, t, 1.0)
    with np.errstate(invalid="ignore"):
        low = np.where(x > 0, stats.chi2.ppf(alpha / 2, 2 * np.maximum(x, 1e-300)) / 2, 0.0)
        high = stats.chi2.ppf(1 - alpha / 2, 2 * x + 2) / 2
    scale = np.where(ok, mult / safe, np.nan)
    return {"estimate": x * scale, "ci_low": low * scale, "ci_high": high * scale,
            "se": np.sqrt(x) * scale}  # fmt: skip


def pooled_mean(nv, n, within_ss, strata, conf_level: float) -> dict[str, np.ndarray]:
    """Mean of individual measurements from monthly (mean, sd, n) summaries.

    ``estimate = Σ nₘ·meanₘ / N`` (N = Σ nₘ), the months as strata; ``se = s_w/√N`` with
    the pooled within-month SD ``s_w = √(Σ(nₘ − 1)sₘ² / (N − M))`` over the M strata
    (team-months); t interval with N − M degrees of freedom.

    Parameters
    ----------
    nv, n, within_ss, strata : array-like
        Σ nₘ·meanₘ, N, Σ (nₘ − 1)·sₘ², and M per period.
    """
    nv, n, ss, m = (np.asarray(v, dtype=float) for v in (nv, n, within_ss, strata))
    df = n - m
    with np.errstate(divide="ignore", invalid="ignore"):
        est = np.where(n > 0, nv / n, np.nan)
        se = np.where(df > 0, np.sqrt(ss / df) / np.sqrt(n), np.nan)
        q = stats.t.ppf(0.5 + conf_level / 2, np.where(df > 0, df, np.nan))
    return {"estimate": est, "ci_low": est - q * se, "ci_high": est + q * se, "se": se}


def mean_of_values(mean, sd, count, conf_level: float) -> dict[str, np.ndarray]:
    """Mean of ``count`` values with the t interval ``mean ± t(count − 1)·sd/√count``.

    Examples
    --------
    >>> r = mean_of_values([2.0], [1.0], [4], 0.95)
    >>> round(float(r["ci_high"][0]), 4)  # 2 + 3.1824·0.5
    3.5912
    """
    mean, sd, k = (np.asarray(v, dtype=float) for v in (mean, sd, count))
    with np.errstate(divide="ignore", invalid="ignore"):
        se = np.where(k >= 2, sd / np.sqrt(k), np.nan)
        q = stats.t.ppf(0.5 + conf_level / 2, np.where(k >= 2, k - 1, np.nan))
    return {"estimate": np.where(k >= 1, mean, np.nan), "ci_low": mean - q * se,
            "ci_high": mean + q * se, "se": se}  # fmt: skip
