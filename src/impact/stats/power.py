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
- **Many comparisons at once** (one per team × outcome): :func:`mde_shift` is the true
  effect, in standard errors, that a two-sided normal or Student t test detects with
  ``power`` (noncentral t, as statsmodels' ``ttest_power``); :func:`mde_from_se` multiplies it
  by each comparison's standard error; :func:`mde_proportions` is the arcsine MDE of
  :func:`mde_proportion` for arrays; :func:`mde_rate_ratios` the smallest rate ratios up
  and down detectable from the events and exposures, with the log rate ratio's variance
  :math:`1/E_0 + 1/E_1` at the alternative (statsmodels' ``power_poisson_ratio_2indep``,
  ``method_var="alt"``, Zhu 2017) solved exactly.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from scipy import optimize, special, stats
from statsmodels.stats.power import NormalIndPower, TTestIndPower, TTestPower
from statsmodels.stats.rates import power_poisson_ratio_2indep

__all__ = [
    "mde_from_se",
    "mde_mean",
    "mde_paired_mean",
    "mde_pooled",
    "mde_proportion",
    "mde_proportions",
    "mde_rate_ratios",
    "mde_shift",
]


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


def _normal_shift(alpha: float, power: float) -> float:
    """The shift (in SEs) a two-sided normal test detects with ``power`` (both tails)."""
    z = stats.norm.isf(alpha / 2)

    def gap(shift: float) -> float:
        return stats.norm.sf(z - shift) + stats.norm.cdf(-z - shift) - power

    return float(optimize.brentq(gap, 0.0, z + 20.0))


def _bisect(gap, low: np.ndarray, high: np.ndarray, steps: int = 50) -> np.ndarray:
    """Elementwise root of an increasing ``gap`` between ``low`` (< 0) and ``high`` (≥ 0)."""
    for _ in range(steps):
        mid = (low + high) / 2
        above = gap(mid) >= 0
        high, low = np.where(above, mid, high), np.where(above, low, mid)
    return (low + high) / 2


def mde_shift(
    df: float | np.ndarray | None = None, *, alpha: float = 0.05, power: float = 0.8
) -> np.ndarray:
    """True effect, in standard errors, that a two-sided test detects with ``power``.

    Parameters
    ----------
    df : float or array, optional
        Degrees of freedom of a Student t test (noncentral t power); None, NaN or
        infinite: a normal test.
    alpha, power : float
        Two-sided level and power.

    Returns
    -------
    numpy.ndarray
        The noncentrality reaching ``power`` (about 2.80 for a normal test at 80 %, 5 %),
        one per ``df``.

    Examples
    --------
    >>> round(float(mde_shift()[0]), 4)
    2.8016
    """
    _check(alpha, power)
    df = np.atleast_1d(np.asarray(np.nan if df is None else df, dtype=float))
    shift = np.full(df.shape, _normal_shift(alpha, power))
    t_test = np.isfinite(df) & (df < 1e7)
    if np.any(df[t_test] <= 0):
        raise ValueError(f"df must be positive. Got {df[t_test].min()!r}.")
    if t_test.any():
        dfs, back = np.unique(df[t_test], return_inverse=True)

        def gap(d: np.ndarray, which: np.ndarray | slice = slice(None)) -> np.ndarray:
            # two-sided noncentral t power (as statsmodels' ttest_power); the far tail,
            # NaN in scipy for df = 1 and a large noncentrality, is then 0
            crit = stats.t.isf(alpha / 2, dfs[which])
            far = np.nan_to_num(special.nctdtr(dfs[which], d, -crit), nan=0.0)
            return 1 - special.nctdtr(dfs[which], d, crit) + far - power

        # secant steps from the usual approximation t₁₋α/₂ + t_power (a few suffice),
        # bisection for any df where they did not converge
        x0 = stats.t.isf(alpha / 2, dfs) + stats.t.ppf(power, dfs)
        x1 = x0 + 0.01
        g0, g1 = gap(x0), gap(x1)
        for _ in range(8):
            step = np.where(g1 != g0, g1 * (x1 - x0) / np.where(g1 != g0, g1 - g0, 1.0), 0.0)
            x0, g0, x1 = x1, g1, x1 - step
            g1 = gap(x1)
            if np.all(np.abs(g1) < 1e-10):
                break
        bad = ~(np.abs(g1) < 1e-10)
        if bad.any():
            top = stats.t.isf(alpha / 2, dfs[bad]) + stats.t.ppf(power, dfs[bad]) + 1.0
            low = np.full(int(bad.sum()), shift[0] - 1e-9)
            x1[bad] = _bisect(lambda d: gap(d, bad), low, top)
        shift[t_test] = x1[back]
    return shift


def mde_from_se(
    se: float | np.ndarray,
    df: float | np.ndarray | None = None,
    *,
    alpha: float = 0.05,
    power: float = 0.8,
) -> np.ndarray:
    """Minimum detectable effects of comparisons with standard errors ``se``.

    :func:`mde_shift` times ``se``: for a difference of means, ``se`` holds the observed
    SDs and sample sizes (``sd·√(1/n₀ + 1/n₁)``, or ``sd_diff/√n`` paired) and ``df``
    the test's degrees of freedom, so this is :func:`mde_mean` / :func:`mde_paired_mean`
    for many rows. NaN where ``se`` is missing or not positive.

    Examples
    --------
    >>> round(float(mde_from_se(10 * (2 / 64) ** 0.5, 126)[0]), 2)  # mde_mean(10, 64, 64)
    4.99
    """
    se = np.atleast_1d(np.asarray(se, dtype=float))
    ok = np.isfinite(se) & (se > 0)
    df = np.broadcast_to(np.nan if df is None else np.asarray(df, dtype=float), se.shape)
    out = np.full(se.shape, np.nan)
    out[ok] = mde_shift(df[ok], alpha=alpha, power=power) * se[ok]
    return out


def mde_proportions(
    p0: np.ndarray, n0: np.ndarray, n1: np.ndarray, *, alpha: float = 0.05, power: float = 0.8
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`mde_proportion` for arrays: the smallest rises and falls, NaN where the
    proportion cannot move that far or a size is under 2."""
    p0, n0, n1 = (np.asarray(v, dtype=float) for v in (p0, n0, n1))
    ok = (n0 >= 2) & (n1 >= 2) & (p0 >= 0) & (p0 <= 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        h = mde_shift(alpha=alpha, power=power)[0] * np.sqrt(1 / n0 + 1 / n1)
        base = np.arcsin(np.sqrt(np.clip(p0, 0, 1)))
    out = []
    for angle in (base + h / 2, base - h / 2):
        inside = ok & (angle >= 0) & (angle <= math.pi / 2)
        out.append(np.where(inside, np.sin(np.clip(angle, 0, math.pi / 2)) ** 2 - p0, np.nan))
    return out[0], out[1]


def mde_rate_ratios(
    events0: np.ndarray,
    exposure0: np.ndarray,
    exposure1: np.ndarray,
    *,
    alpha: float = 0.05,
    power: float = 0.8,
    max_ratio: float = 1000.0,
) -> tuple[np.ndarray, np.ndarray]:
    """Smallest rate ratios (after / before) up and down detectable from a baseline.

    Parameters
    ----------
    events0, exposure0 : array
        Events and exposure before (the baseline rate is their ratio).
    exposure1 : array
        Exposure after.
    alpha, power : float
        Two-sided level and power.
    max_ratio : float, default 1000
        Ratios searched: between ``1/max_ratio`` and ``max_ratio``.

    Returns
    -------
    tuple of numpy.ndarray
        ``(up, down)``: ratios > 1 and < 1 whose two-sided Wald test of the log rate ratio
        (variance :math:`1/E_0 + 1/E_1` at the alternative, statsmodels'
        ``power_poisson_ratio_2indep(..., method_var="alt")``) has ``power``. NaN without
        events before, and for a fall when none reaches ``power`` (few events: the
        variance grows as the rate after falls).

    Examples
    --------
    >>> up, down = mde_rate_ratios([100], [1000.0], [1000.0])
    >>> round(float(up[0]), 3), round(float(down[0]), 3)
    (1.44, 0.638)
    """
    _check(alpha, power)
    e0, t0, t1 = (
        np.atleast_1d(np.asarray(v, dtype=float)) for v in (events0, exposure0, exposure1)
    )
    ok = (e0 > 0) & (t0 > 0) & (t1 > 0)
    rate0 = np.where(ok, e0 / np.where(t0 > 0, t0, 1), 1.0)
    t0s, t1s = np.where(ok, t0, 1.0), np.where(ok, t1, 1.0)

    def reach(log_ratio: np.ndarray) -> np.ndarray:
        return power_poisson_ratio_2indep(
            rate0 * np.exp(log_ratio), rate0, t1s, nobs_ratio=t0s / t1s, value=1, alpha=alpha,
            alternative="two-sided", method_var="alt", return_results=False,
        ) - power  # fmt: skip

    top = math.log(max_ratio)
    up = _bisect(reach, np.zeros(e0.shape), np.full(e0.shape, top))
    up = np.where(ok & (reach(np.full(e0.shape, top)) >= 0), np.exp(up), np.nan)
    # a fall: power rises then falls again as the rate after goes to 0; search from 0 down
    # to the first ratio reaching the power on a grid, then refine between grid points
    grid = -np.linspace(0, top, 501)[1:]
    hit = reach(np.broadcast_to(grid[:, None], (grid.size, e0.size))) >= 0
    first = np.argmax(hit, axis=0)
    found = hit.any(axis=0) & ok
    low = grid[first]
    high = np.where(first > 0, grid[np.maximum(first - 1, 0)], 0.0)
    down = -_bisect(lambda x: reach(-x), -high, -low)
    down = np.where(found, np.exp(down), np.nan)
    return up, down
