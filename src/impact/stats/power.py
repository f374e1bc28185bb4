"""Minimum detectable effects: the smallest change a comparison could detect.

For a two-sided test at level ``alpha``, the minimum detectable effect (MDE) is the
smallest true change whose probability of being detected — the confidence interval
excluding no change — is ``power``. It answers « could this team have seen an effect at
all? » beside an inconclusive verdict, and, before a programme starts, how many answers
are needed.

- **Proportions** (before/after, independent samples): Cohen's arcsine effect size
  :math:`h = 2\\arcsin\\sqrt{p_1} - 2\\arcsin\\sqrt{p_0}`, whose estimate is normal with
  variance :math:`1/n_0 + 1/n_1` whatever the proportions (Cohen 1988, ch. 6); the
  :math:`h` reaching ``power`` comes from statsmodels' ``NormalIndPower`` and is turned
  back into the proportion after (and before: a fall), so the MDE depends on the baseline.
- **Means** (independent samples): Cohen's :math:`d` from statsmodels' ``TTestIndPower``
  (Student's t, noncentral), times the standard deviation.
- **Paired means** (the same people twice): :math:`d_z` from ``TTestPower``, times the SD
  of the differences.
- **Pooled effect** across teams (random effects): the pooled estimate is normal with
  variance :math:`1/\\sum_i 1/(s_i^2 + \\tau^2)`; the MDE solves the two-sided normal
  power equation for it exactly (both tails counted).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from scipy import optimize, stats
from statsmodels.stats.power import NormalIndPower, TTestIndPower, TTestPower

__all__ = ["mde_mean", "mde_paired_mean", "mde_pooled", "mde_proportion"]


def _check(alpha: float, power: float) -> None:
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1. Got {alpha!r}.")
    if not alpha < power < 1:
        raise ValueError(f"power must be between alpha and 1. Got {power!r}.")


def _check_n(**sizes: float) -> None:
    for name, n in sizes.items():
        if not n >= 2:
            raise ValueError(f"{name} must be at least 2. Got {n!r}.")


def mde_proportion(
    p0: float, n0: int, n1: int, *, alpha: float = 0.05, power: float = 0.8
) -> tuple[float, float]:
    """Smallest rise and fall of a proportion detectable from a baseline ``p0``.

    Parameters
    ----------
    p0 : float
        The proportion before (0–1).
    n0, n1 : int
        People (or stays) before and after.
    alpha, power : float
        Two-sided level and power.

    Returns
    -------
    tuple of float
        ``(rise, fall)``: the changes ``p1 − p0`` (in proportion, > 0 and < 0) whose
        arcsine effect size reaches ``power``; NaN when the proportion cannot move that
        far (a rise from a baseline near 1).

    Examples
    --------
    >>> rise, fall = mde_proportion(0.5, 200, 200)
    >>> round(rise, 3), round(fall, 3)
    (0.138, -0.138)
    """
    _check(alpha, power)
    _check_n(n0=n0, n1=n1)
    if not 0 <= p0 <= 1:
        raise ValueError(f"p0 must be between 0 and 1. Got {p0!r}.")
    h = NormalIndPower().solve_power(
        effect_size=None, nobs1=n0, ratio=n1 / n0, alpha=alpha, power=power
    )
    base = math.asin(math.sqrt(p0))
    out = []
    for step in (h / 2, -h / 2):
        angle = base + step
        out.append(math.sin(angle) ** 2 - p0 if 0 <= angle <= math.pi / 2 else math.nan)
    return out[0], out[1]


def mde_mean(sd: float, n0: int, n1: int, *, alpha: float = 0.05, power: float = 0.8) -> float:
    """Smallest difference of two independent means detectable (Student's t).

    Parameters
    ----------
    sd : float
        The outcome's standard deviation (assumed equal before and after).
    n0, n1 : int
        Sample sizes before and after.
    alpha, power : float
        Two-sided level and power.

    Returns
    -------
    float
        The MDE in the outcome's unit (> 0).

    Examples
    --------
    >>> round(mde_mean(10.0, 64, 64), 2)  # Cohen's d = 0.5 needs 64 per group
    4.99
    """
    _check(alpha, power)
    _check_n(n0=n0, n1=n1)
    d = TTestIndPower().solve_power(
        effect_size=None, nobs1=n0, ratio=n1 / n0, alpha=alpha, power=power
    )
    return float(d * sd)


def mde_paired_mean(sd_diff: float, n: int, *, alpha: float = 0.05, power: float = 0.8) -> float:
    """Smallest mean change detectable when the same ``n`` people answer twice (paired t).

    Parameters
    ----------
    sd_diff : float
        Standard deviation of the individual changes.
    n : int
        Pairs.
    alpha, power : float
        Two-sided level and power.

    Returns
    -------
    float
        The MDE in the outcome's unit (> 0).
    """
    _check(alpha, power)
    _check_n(n=n)
    d = TTestPower().solve_power(effect_size=None, nobs=n, alpha=alpha, power=power)
    return float(d * sd_diff)


def mde_pooled(
    se: Sequence[float] | np.ndarray, tau2: float = 0.0, *, alpha: float = 0.05, power: float = 0.8
) -> float:
    """Smallest pooled effect a random-effects meta-analysis of these teams could detect.

    Parameters
    ----------
    se : sequence of float
        Each team's standard error (expected or observed).
    tau2 : float
        Between-team variance (0: common effect).
    alpha, power : float
        Two-sided level and power.

    Returns
    -------
    float
        The MDE (> 0), on the scale of the teams' effects.

    Examples
    --------
    >>> round(mde_pooled([0.2] * 10), 4)  # SE of the pooled effect 0.2/√10
    0.1772
    """
    _check(alpha, power)
    se = np.asarray(se, dtype=float)
    if se.size == 0 or not np.all(np.isfinite(se)) or np.any(se <= 0):
        raise ValueError(f"se must hold positive finite standard errors. Got {se!r}.")
    if not tau2 >= 0:
        raise ValueError(f"tau2 must be at least 0. Got {tau2!r}.")
    pooled_se = math.sqrt(1.0 / np.sum(1.0 / (se**2 + tau2)))
    z = stats.norm.isf(alpha / 2)

    def gap(delta: float) -> float:
        shift = delta / pooled_se
        return stats.norm.sf(z - shift) + stats.norm.cdf(-z - shift) - power

    return float(optimize.brentq(gap, 0.0, 20 * pooled_se * (z + 10)))
