"""Before/after effect estimators: proportions, rates, means, paired data.

Generic statistics (numpy, scipy; no domain module). Every function returns an effect
table (:func:`impact.stats.effect_table.effect_frame`): one row per estimate with ``measure``,
``estimate``, ``ci_low``, ``ci_high`` (reporting scale), ``se`` and ``scale`` ("identity",
or "log" for ratios: the standard error of the log ratio), a two-sided ``p_value``, the
counts, the named ``method`` and a ``reason`` (empty when all is well). The effect is
**after − before** (after / before for ratios). Count arguments accept scalars or
equal-length arrays, one row per element. Degenerate data (no observations, no events
in either period, no variation) give a row with a ``reason``, never an exception;
invalid arguments raise ``ValueError``.

Means and paired data live in :mod:`impact.stats.means`, standardised mean
differences in :mod:`impact.stats.smd`; both are re-exported here.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from impact.stats.effect_table import DIFFERENCE_IN_PROPORTIONS, RATE_RATIO, effect_frame
from impact.stats.means import (
    as_float_arrays,
    check_conf_level,
    check_non_negative,
    first_reason,
    mean_difference,
    mean_difference_from_summary,
    paired_difference,
    z_critical,
)
from impact.stats.smd import (
    standardised_mean_difference,
    standardised_mean_difference_from_summary,
)

__all__ = [
    "difference_in_proportions",
    "mean_difference",
    "mean_difference_from_summary",
    "paired_difference",
    "rate_difference",
    "rate_ratio",
    "risk_ratio",
    "standardised_mean_difference",
    "standardised_mean_difference_from_summary",
]

_PROPORTION_METHODS = {
    "newcombe": "Newcombe hybrid score interval (method 10, Newcombe 1998); p-value: "
    "Pearson chi-square test without continuity correction",
    "miettinen-nurminen": "Miettinen-Nurminen score interval (1985), variance x N/(N-1); "
    "p-value: the same score test",
    "wald": "Wald interval; p-value: unpooled Wald z test",
}
_RATE_METHODS = {
    "exact": "exact conditional binomial (Clopper-Pearson) interval and exact binomial "
    "test, as R poisson.test; se: log-Wald",
    "wald": "log-Wald interval and z test, se = sqrt(1/e_before + 1/e_after)",
}


def _binomial_data(x_before, n_before, x_after, n_after):
    """Validated, broadcast event counts and sizes (events ≤ sizes)."""
    x1, n1, x2, n2 = as_float_arrays(x_before=x_before, n_before=n_before,
                             x_after=x_after, n_after=n_after)  # fmt: skip
    for name, arr in (("x_before", x1), ("n_before", n1), ("x_after", x2), ("n_after", n2)):
        check_non_negative(name, arr, integer=True)
    for xs, ns, period in ((x1, n1, "before"), (x2, n2, "after")):
        over = xs > ns
        if over.any():
            raise ValueError(
                f"x_{period} exceeds n_{period}: got {xs[over][0]:g} events out of {ns[over][0]:g}."
            )
    return x1, n1, x2, n2


def _wilson(x: np.ndarray, n: np.ndarray, z: float) -> tuple[np.ndarray, np.ndarray]:
    """Wilson (1927) score interval for x/n."""
    p = x / n
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
    return centre - half, centre + half


def _mn_score(delta, x1, n1, x2, n2):
    """Miettinen–Nurminen score statistic for H0: p1 − p2 = delta (arrays).

    Restricted maximum likelihood estimates by the closed-form cubic root (Miettinen &
    Nurminen 1985; Farrington & Manning 1990, *Stat Med* 9:1447–1454), variance × N/(N − 1).
    """
    p1, p2 = x1 / n1, x2 / n2
    theta = n2 / n1
    a = 1 + theta
    b = -(1 + theta + p1 + theta * p2 + delta * (theta + 2))
    c = delta**2 + delta * (2 * p1 + theta + 1) + p1 + theta * p2
    d = -p1 * delta * (1 + delta)
    v = b**3 / (27 * a**3) - b * c / (6 * a**2) + d / (2 * a)
    u = np.where(v >= 0, 1.0, -1.0) * np.sqrt(np.maximum(b**2 / (9 * a**2) - c / (3 * a), 0))
    ratio = np.where(u != 0, v / np.where(u != 0, u, 1.0) ** 3, 0.0)
    w = (np.pi + np.arccos(np.clip(ratio, -1, 1))) / 3
    q1 = np.clip(2 * u * np.cos(w) - b / (3 * a), 0, 1)
    q2 = np.clip(q1 - delta, 0, 1)
    n = n1 + n2
    var = (q1 * (1 - q1) / n1 + q2 * (1 - q2) / n2) * n / (n - 1)
    return (p1 - p2 - delta) / np.sqrt(var)


def _mn_interval(x1, n1, x2, n2, z: float, iterations: int = 60):
    """Invert the MN score test by bisection on arrays: {delta : |score(delta)| ≤ z}."""
    est = x1 / n1 - x2 / n2
    lo, hi = np.full_like(est, -1.0), est.copy()  # score(lo) > z ≥ score(hi)
    for _ in range(iterations):
        mid = (lo + hi) / 2
        above = _mn_score(mid, x1, n1, x2, n2) > z
        lo, hi = np.where(above, mid, lo), np.where(above, hi, mid)
    lower = (lo + hi) / 2
    lo, hi = est.copy(), np.full_like(est, 1.0)  # score(lo) ≥ −z > score(hi)
    for _ in range(iterations):
        mid = (lo + hi) / 2
        below = _mn_score(mid, x1, n1, x2, n2) < -z
        lo, hi = np.where(below, lo, mid), np.where(below, mid, hi)
    return lower, (lo + hi) / 2


def difference_in_proportions(
    x_before, n_before, x_after, n_after,
    *, method: str = "newcombe", conf_level: float = 0.95, ids: dict | None = None,
):  # fmt: skip
    """Difference of two independent proportions, ``x_after/n_after − x_before/n_before``.

    Methods:

    - ``"newcombe"`` (default): hybrid score interval from the two Wilson intervals,
      method 10 of Newcombe RG (1998), "Interval estimation for the difference between
      independent proportions: comparison of eleven methods", *Stat Med* 17:873–890.
      p-value: Pearson chi-square test without continuity correction (the pooled z test).
    - ``"miettinen-nurminen"``: score interval of Miettinen O & Nurminen M (1985),
      "Comparative analysis of two rates", *Stat Med* 4:213–226 (restricted MLE variance
      times N/(N − 1)), inverted by bisection; p-value: the same score test at 0 (the
      "N − 1" chi-square). Not statsmodels' ``confint_proportions_2indep(method="score")``
      (statsmodels issue #10269).
    - ``"wald"``: estimate ± z·se, clipped to [−1, 1]; p-value: unpooled Wald z test.

    ``se = sqrt(p₁(1 − p₁)/n₁ + p₂(1 − p₂)/n₂)`` on the identity scale for every method.
    When the proportion is 0 (or 1) in both periods the score intervals are still valid,
    the test statistic is 0/0 and ``p_value`` is set to 1 with a ``reason``; the Wald
    interval is then undefined (NaN).

    Parameters
    ----------
    x_before, n_before, x_after, n_after : int or array of int
        Events and sizes in each period; scalars or equal-length arrays.
    method : {"newcombe", "miettinen-nurminen", "wald"}
    conf_level : float, default 0.95
    ids : dict, optional
        Identifier columns placed first.

    Returns
    -------
    pandas.DataFrame
        Effect table, ``measure = "difference in proportions"``, ``scale = "identity"``.

    Examples
    --------
    Newcombe (1998), Table II (a): 56/70 after vs 48/80 before.

    >>> t = difference_in_proportions(48, 80, 56, 70)
    >>> t.loc[0, ["estimate", "ci_low", "ci_high"]].astype(float).round(4).tolist()
    [0.2, 0.0524, 0.3339]
    """
    if method not in _PROPORTION_METHODS:
        raise ValueError(f"method must be one of {sorted(_PROPORTION_METHODS)}. Got {method!r}.")
    z = z_critical(check_conf_level(conf_level))
    x1, n1, x2, n2 = _binomial_data(x_before, n_before, x_after, n_after)
    with np.errstate(all="ignore"):
        p1, p2 = x1 / n1, x2 / n2
        est = p2 - p1
        se = np.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
        pooled = (x1 + x2) / (n1 + n2)
        z0 = est / np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        if method == "newcombe":
            l1, u1 = _wilson(x1, n1, z)
            l2, u2 = _wilson(x2, n2, z)
            low = est - np.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
            high = est + np.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
        elif method == "miettinen-nurminen":
            low, high = _mn_interval(x2, n2, x1, n1, z)
            n = n1 + n2
            z0 = z0 * np.sqrt((n - 1) / n)
        else:
            low, high = np.maximum(est - z * se, -1), np.minimum(est + z * se, 1)
            z0 = est / se
        p = 2 * stats.norm.sf(np.abs(z0))
    missing = np.isnan(x1 + n1 + x2 + n2)
    empty = (n1 == 0) | (n2 == 0)
    same = (pooled == 0) | (pooled == 1)
    wald_flat = (method == "wald") & (se == 0)
    reason = first_reason(
        len(est),
        (missing, "missing_value"),
        (empty, "no_observations"),
        (wald_flat, "wald_se_zero"),
        (same, "same_proportion"),
    )
    none = missing | empty
    est, se = np.where(none, np.nan, est), np.where(none, np.nan, se)
    low, high = (np.where(none | wald_flat, np.nan, a) for a in (low, high))
    p = np.where(none | wald_flat, np.nan, np.where(same, 1.0, p))
    return effect_frame(
        ids,
        measure=DIFFERENCE_IN_PROPORTIONS, estimate=est, ci_low=low, ci_high=high, se=se,
        p_value=p, n_before=n1, n_after=n2, method=_PROPORTION_METHODS[method], reason=reason,
    )  # fmt: skip


def risk_ratio(
    x_before, n_before, x_after, n_after,
    *, conf_level: float = 0.95, zero_cell_correction: float = 0.0, ids: dict | None = None,
):  # fmt: skip
    """Ratio of two independent proportions, ``(x_after/n_after) / (x_before/n_before)``.

    Log-Wald interval of Katz D, Baptista J, Azen SP & Pike MC (1978), "Obtaining
    confidence intervals for the risk ratio in cohort studies", *Biometrics* 34:469–474:
    ``se(log RR) = sqrt(1/x₁ − 1/n₁ + 1/x₂ − 1/n₂)``; p-value: the z test on the log scale.

    With no events in a period the log ratio has no standard error. By default the row
    then keeps the raw ratio (0 or inf) with NaN interval and a ``reason``;
    ``zero_cell_correction=0.5`` instead adds 0.5 to every cell of such a table
    (Haldane–Anscombe; events + 0.5, sizes + 1) and says so in ``method``.

    Parameters
    ----------
    x_before, n_before, x_after, n_after : int or array of int
    conf_level : float, default 0.95
    zero_cell_correction : float, default 0
        Added to each cell of tables with a zero event count (0 = none).
    ids : dict, optional

    Returns
    -------
    pandas.DataFrame
        Effect table, ``measure = "risk ratio"``, ``scale = "log"``.

    Examples
    --------
    >>> t = risk_ratio(20, 100, 30, 100)
    >>> t.loc[0, ["estimate", "ci_low", "ci_high"]].astype(float).round(3).tolist()
    [1.5, 0.916, 2.456]
    """
    z = z_critical(check_conf_level(conf_level))
    if not (np.isscalar(zero_cell_correction) and zero_cell_correction >= 0):
        raise ValueError(f"zero_cell_correction must be ≥ 0. Got {zero_cell_correction!r}.")
    x1, n1, x2, n2 = _binomial_data(x_before, n_before, x_after, n_after)
    zero = (x1 == 0) | (x2 == 0)
    corrected = zero & (zero_cell_correction > 0) & (n1 > 0) & (n2 > 0)
    c = np.where(corrected, zero_cell_correction, 0.0)
    with np.errstate(all="ignore"):
        rr = ((x2 + c) / (n2 + 2 * c)) / ((x1 + c) / (n1 + 2 * c))
        se = np.sqrt(1 / (x1 + c) - 1 / (n1 + 2 * c) + 1 / (x2 + c) - 1 / (n2 + 2 * c))
        p = 2 * stats.norm.sf(np.abs(np.log(rr) / se))
    missing = np.isnan(x1 + n1 + x2 + n2)
    empty = (n1 == 0) | (n2 == 0)
    both = (x1 == 0) & (x2 == 0) & ~corrected
    one = zero & ~corrected
    flat = (se == 0) & ~zero
    reason = first_reason(
        len(rr),
        (missing, "missing_value"),
        (empty, "no_observations"),
        (both, "no_events_either"),
        (one & (x1 == 0), "no_events_before"),
        (one, "no_events_after"),
        (flat, "all_events"),
        (corrected, "zero_cell_corrected"),
    )
    none = missing | empty | both
    rr = np.where(none, np.nan, rr)
    bad = none | one | flat
    se, p = np.where(bad, np.nan, se), np.where(bad, np.nan, p)
    method = "Katz log-Wald (Katz et al. 1978)"
    if zero_cell_correction > 0:
        method += f"; {zero_cell_correction:g} added to each cell of tables with a zero count"
    return effect_frame(
        ids,
        measure="risk ratio", estimate=rr, ci_low=rr * np.exp(-z * se),
        ci_high=rr * np.exp(z * se), se=se, scale="log", p_value=p, n_before=n1,
        n_after=n2, method=method, reason=reason,
    )  # fmt: skip


def _rate_data(events_before, exposure_before, events_after, exposure_after):
    """Validated, broadcast event counts and exposures."""
    e1, t1, e2, t2 = as_float_arrays(events_before=events_before, exposure_before=exposure_before,
                             events_after=events_after, exposure_after=exposure_after)  # fmt: skip
    for name, arr in (("events_before", e1), ("events_after", e2)):
        check_non_negative(name, arr, integer=True)
    for name, arr in (("exposure_before", t1), ("exposure_after", t2)):
        check_non_negative(name, arr)
    return e1, t1, e2, t2


def _binom_two_sided_p(k: np.ndarray, n: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Two-sided exact binomial p-value, R ``binom.test`` rule (as scipy ``binomtest``).

    Sum of the probabilities of outcomes no more likely than ``k`` (relative tolerance
    1e-7). The binomial pmf is unimodal with its mode within one of n·p, so the outcomes
    on the far side form a tail whose edge is found by integer bisection on arrays.
    """
    pmf = stats.binom.pmf
    d = pmf(k, n, p) * (1 + 1e-7)
    m = n * p
    lo, hi = np.ceil(m), n + 1  # k < m: first j ≥ ceil(m) with pmf(j) ≤ d
    for _ in range(64):
        if not (lo < hi).any():
            break
        mid = np.floor((lo + hi) / 2)
        ok = (lo < hi) & (pmf(mid, n, p) <= d)
        lo, hi = np.where((lo < hi) & ~ok, mid + 1, lo), np.where(ok, mid, hi)
    p_below = stats.binom.cdf(k, n, p) + stats.binom.sf(lo - 1, n, p)
    lo, hi = np.full_like(m, -1.0), np.floor(m)  # k > m: last j ≤ floor(m) with pmf(j) ≤ d
    for _ in range(64):
        if not (lo < hi).any():
            break
        mid = np.ceil((lo + hi) / 2)
        ok = (lo < hi) & (pmf(mid, n, p) <= d)
        lo, hi = np.where(ok, mid, lo), np.where((lo < hi) & ~ok, mid - 1, hi)
    p_above = stats.binom.cdf(lo, n, p) + stats.binom.sf(k - 1, n, p)
    return np.minimum(np.where(k < m, p_below, np.where(k > m, p_above, 1.0)), 1.0)


def rate_ratio(
    events_before, exposure_before, events_after, exposure_after,
    *, method: str = "exact", conf_level: float = 0.95, ids: dict | None = None,
):  # fmt: skip
    """Ratio of two Poisson rates, ``(e_after/T_after) / (e_before/T_before)``.

    - ``"exact"`` (default): conditional on the total, ``events_after`` is binomial with
      ``π = r·T_after / (r·T_after + T_before)``. The interval maps the Clopper–Pearson
      (1934) interval of π to the ratio, ``π/(1 − π) · T_before/T_after``; the p-value is
      the exact binomial test of ``π = T_after/(T_before + T_after)`` with R's two-sided
      rule — as R's ``poisson.test(c(events_after, events_before), c(exposure_after,
      exposure_before))`` (Przyborowski & Wilenski 1940). With no events before the
      estimate and upper limit are infinite; with none after they are 0 and a finite
      upper limit.
    - ``"wald"``: log-Wald interval and z test, ``se = sqrt(1/e_before + 1/e_after)``.

    ``se`` is always the log-Wald standard error (for pooling), NaN with a zero count.

    Parameters
    ----------
    events_before, exposure_before, events_after, exposure_after : number or array
        Event counts and exposures (person-time, stays…) of each period.
    method : {"exact", "wald"}
    conf_level : float, default 0.95
    ids : dict, optional

    Returns
    -------
    pandas.DataFrame
        Effect table, ``measure = "rate ratio"``, ``scale = "log"``.

    Examples
    --------
    R's ``poisson.test(c(11, 6 + 8 + 7), c(800, 1083 + 1050 + 878))``:

    >>> t = rate_ratio(21, 3011, 11, 800)
    >>> t.loc[0, ["estimate", "ci_low", "ci_high", "p_value"]].astype(float).round(5).tolist()
    [1.97149, 0.85843, 4.27727, 0.07967]
    """
    if method not in _RATE_METHODS:
        raise ValueError(f"method must be one of {sorted(_RATE_METHODS)}. Got {method!r}.")
    cl = check_conf_level(conf_level)
    e1, t1, e2, t2 = _rate_data(events_before, exposure_before, events_after, exposure_after)
    with np.errstate(all="ignore"):
        est = (e2 / t2) / (e1 / t1)
        se = np.sqrt(1 / e1 + 1 / e2)
        if method == "exact":
            total, a = e1 + e2, (1 - cl) / 2
            pi_lo = np.where(e2 > 0, stats.beta.ppf(a, e2, total - e2 + 1), 0.0)
            pi_hi = np.where(e1 > 0, stats.beta.ppf(1 - a, e2 + 1, total - e2), 1.0)
            low, high = pi_lo / (1 - pi_lo) * t1 / t2, pi_hi / (1 - pi_hi) * t1 / t2
            ok = (total > 0) & (t1 > 0) & (t2 > 0)
            p = np.full_like(est, np.nan)
            p[ok] = _binom_two_sided_p(e2[ok], total[ok], (t2 / (t1 + t2))[ok])
        else:
            low, high = est * np.exp(-z_critical(cl) * se), est * np.exp(z_critical(cl) * se)
            p = 2 * stats.norm.sf(np.abs(np.log(est) / se))
    missing = np.isnan(e1 + t1 + e2 + t2)
    no_time = (t1 == 0) | (t2 == 0)
    both = (e1 == 0) & (e2 == 0)
    zero = (e1 == 0) | (e2 == 0)
    reason = first_reason(
        len(est),
        (missing, "missing_value"),
        (no_time, "no_exposure"),
        (both, "no_events_either"),
        (zero & (e1 == 0), "no_events_before"),
        (zero, "no_events_after"),
    )
    none = missing | no_time | both
    est = np.where(none, np.nan, est)
    se = np.where(none | zero, np.nan, se)
    if method == "wald":
        low, high, p = (np.where(zero, np.nan, v) for v in (low, high, p))
    low, high, p = (np.where(none, np.nan, v) for v in (low, high, p))
    return effect_frame(
        ids,
        measure=RATE_RATIO, estimate=est, ci_low=low, ci_high=high, se=se, scale="log",
        p_value=p, n_before=e1, n_after=e2, exposure_before=t1, exposure_after=t2,
        method=_RATE_METHODS[method], reason=reason,
    )  # fmt: skip


def rate_difference(
    events_before, exposure_before, events_after, exposure_after,
    *, multiplier: float = 1.0, conf_level: float = 0.95, ids: dict | None = None,
):  # fmt: skip
    """Difference of two Poisson rates, ``e_after/T_after − e_before/T_before``, per unit.

    Wald interval and z test with ``se = sqrt(e_before/T_before² + e_after/T_after²)``
    (Rothman, Greenland & Lash, *Modern Epidemiology*, 3rd ed., 2008, ch. 14). The
    estimate, interval and ``se`` are multiplied by ``multiplier`` (e.g. 1000 for "per
    1,000 stays"). No events in either period gives se = 0: NaN interval and a reason.

    Parameters
    ----------
    events_before, exposure_before, events_after, exposure_after : number or array
    multiplier : float, default 1
    conf_level : float, default 0.95
    ids : dict, optional

    Returns
    -------
    pandas.DataFrame
        Effect table, ``measure = "rate difference"``, ``scale = "identity"``.

    Examples
    --------
    >>> t = rate_difference(30, 10_000, 15, 10_000, multiplier=1000)
    >>> t.loc[0, ["estimate", "se"]].astype(float).round(3).tolist()
    [-1.5, 0.671]
    """
    if not (np.isscalar(multiplier) and np.isfinite(multiplier) and multiplier > 0):
        raise ValueError(f"multiplier must be a positive number. Got {multiplier!r}.")
    z = z_critical(check_conf_level(conf_level))
    e1, t1, e2, t2 = _rate_data(events_before, exposure_before, events_after, exposure_after)
    with np.errstate(all="ignore"):
        est = (e2 / t2 - e1 / t1) * multiplier
        se = np.sqrt(e1 / t1**2 + e2 / t2**2) * multiplier
        p = 2 * stats.norm.sf(np.abs(est / se))
    missing = np.isnan(e1 + t1 + e2 + t2)
    no_time = (t1 == 0) | (t2 == 0)
    flat = (e1 == 0) & (e2 == 0)
    reason = first_reason(
        len(est),
        (missing, "missing_value"),
        (no_time, "no_exposure"),
        (flat, "no_events_either"),
    )
    est = np.where(missing | no_time, np.nan, est)
    bad = missing | no_time | flat
    se, p = np.where(bad, np.nan, se), np.where(bad, np.nan, p)
    per = "" if multiplier == 1 else f" per {multiplier:,g} units of exposure"
    return effect_frame(
        ids,
        measure="rate difference", estimate=est, ci_low=est - z * se, ci_high=est + z * se,
        se=se, p_value=p, n_before=e1, n_after=e2, exposure_before=t1, exposure_after=t2,
        method=f"Wald difference of rates{per}", reason=reason,
    )  # fmt: skip
