"""Before/after comparisons of means: Welch's t, and paired changes (t, Wilcoxon
signed-rank, Hodges–Lehmann).

Generic statistics (numpy/scipy only); re-exported by :mod:`impact.stats.effects`, where the
conventions are described: effect = after − before, one effect-table row per estimate.
Also holds the small argument helpers shared by the ``effects*`` modules.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from impact.stats.effect_table import HODGES_LEHMANN, MEAN_CHANGE, MEAN_DIFFERENCE, effect_frame
from impact.stats.reasons import join_reasons

__all__ = ["mean_difference", "mean_difference_from_summary", "paired_difference"]


# --- shared helpers (also used by impact.stats.effects and impact.stats.smd) -------------


def check_conf_level(conf_level: float) -> float:
    """Return ``conf_level`` as a float, or raise if it is not strictly between 0 and 1."""
    if isinstance(conf_level, bool) or not isinstance(conf_level, (int, float, np.floating)):
        raise ValueError(f"conf_level must be a number between 0 and 1. Got {conf_level!r}.")
    if not 0 < conf_level < 1:
        raise ValueError(f"conf_level must be strictly between 0 and 1. Got {conf_level!r}.")
    return float(conf_level)


def z_critical(conf_level: float) -> float:
    """Two-sided standard normal critical value."""
    return float(stats.norm.ppf(0.5 + conf_level / 2))


def as_float_arrays(**values: object) -> list[np.ndarray]:
    """Broadcast scalars and 1-d arrays to equal-length float arrays (length ≥ 1)."""
    out = []
    for name, value in values.items():
        arr = np.atleast_1d(np.asarray(value, dtype=float))
        if arr.ndim != 1:
            raise ValueError(f"{name} must be a scalar or a 1-d array. Got shape {arr.shape}.")
        out.append(arr)
    try:
        return [a.copy() for a in np.broadcast_arrays(*out)]
    except ValueError:
        shapes = {name: a.shape for name, a in zip(values, out, strict=True)}
        raise ValueError(f"Arrays must have equal lengths (or be scalars). Got {shapes}.") from None


def check_non_negative(name: str, arr: np.ndarray, *, integer: bool = False) -> None:
    """Raise ValueError naming the first negative (or non-integer) value of ``arr``."""
    bad = arr < 0
    if bad.any():
        raise ValueError(f"{name} must be non-negative. Got {arr[bad][0].item()!r}.")
    if integer:
        frac = np.isfinite(arr) & (arr != np.round(arr))
        if frac.any():
            raise ValueError(f"{name} must be a whole number. Got {arr[frac][0].item()!r}.")


def first_reason(size: int, *rules: tuple[np.ndarray, object]) -> np.ndarray:
    """Per-row reason: the code of the first rule whose mask is true, else ""."""
    out = np.full(size, "", dtype=object)
    for mask, message in reversed(rules):
        out = np.where(mask, message, out)
    return out


# --- Welch --------------------------------------------------------------------------


def summary_arrays(mean_before, sd_before, n_before, mean_after, sd_after, n_after):
    """Summary statistics of two periods as equal-length arrays, SDs and sizes checked."""
    m1, s1, n1, m2, s2, n2 = as_float_arrays(
        mean_before=mean_before, sd_before=sd_before, n_before=n_before,
        mean_after=mean_after, sd_after=sd_after, n_after=n_after,
    )  # fmt: skip
    for name, arr in (("sd_before", s1), ("sd_after", s2)):
        check_non_negative(name, arr)
    for name, arr in (("n_before", n1), ("n_after", n2)):
        check_non_negative(name, arr, integer=True)
    return m1, s1, n1, m2, s2, n2


def mean_difference_from_summary(
    mean_before, sd_before, n_before, mean_after, sd_after, n_after,
    *, conf_level: float = 0.95, ids: dict | None = None,
):  # fmt: skip
    """Difference of two means from summaries, with Welch's t interval and test.

    ``estimate = mean_after − mean_before``; standard error
    ``sqrt(sd_before²/n_before + sd_after²/n_after)``; Welch–Satterthwaite degrees of
    freedom (Welch 1947, *Biometrika* 34:28–35; Satterthwaite 1946). Vectorised: every
    argument may be a scalar or an array of equal length (one row per element).

    Parameters
    ----------
    mean_before, sd_before, n_before, mean_after, sd_after, n_after : float or array
        Sample means, standard deviations (n − 1 denominator) and sizes.
    conf_level : float, default 0.95
    ids : dict, optional
        Identifier columns placed first (see :func:`impact.stats.effect_table.effect_frame`).

    Returns
    -------
    pandas.DataFrame
        Effect table, ``measure = "mean difference"``, ``scale = "identity"``. Fewer than
        2 values in a period gives NaN and a ``reason``; no variation in either period
        (both sd = 0) keeps the estimate and gives a NaN interval with a ``reason``.

    Examples
    --------
    >>> t = mean_difference_from_summary(0.75, 1.789010, 10, 2.33, 2.002249, 10)
    >>> t.loc[0, ["estimate", "ci_low", "ci_high"]].astype(float).round(3).tolist()
    [1.58, -0.205, 3.365]
    """
    cl = check_conf_level(conf_level)
    m1, s1, n1, m2, s2, n2 = summary_arrays(
        mean_before, sd_before, n_before, mean_after, sd_after, n_after
    )
    with np.errstate(all="ignore"):
        v1, v2 = s1**2 / n1, s2**2 / n2
        se = np.sqrt(v1 + v2)
        df = (v1 + v2) ** 2 / (v1**2 / (n1 - 1) + v2**2 / (n2 - 1))
        est = m2 - m1
        q = stats.t.ppf(0.5 + cl / 2, df)
        p = 2 * stats.t.sf(np.abs(est / se), df)
    missing = np.isnan(m1 + s1 + n1 + m2 + s2 + n2)
    small = (n1 < 2) | (n2 < 2)
    flat = se == 0
    reason = first_reason(
        len(est),
        (small, "too_few_values"),
        (missing, "missing_value"),
        (flat, "no_variation"),
    )
    est = np.where(missing | small, np.nan, est)
    bad = missing | small | flat
    se, p, q = (np.where(bad, np.nan, a) for a in (se, p, q))
    return effect_frame(
        ids,
        measure=MEAN_DIFFERENCE, estimate=est, ci_low=est - q * se, ci_high=est + q * se,
        se=se, p_value=p, n_before=n1, n_after=n2, reason=reason,
        method="Welch t (Welch 1947), Welch-Satterthwaite df",
    )  # fmt: skip


def mean_difference(before, after, *, conf_level: float = 0.95, ids: dict | None = None):
    """Difference of two means from raw values, with Welch's t interval and test.

    One estimate per call (use :func:`mean_difference_from_summary` for many groups at
    once). Missing values (NaN) are dropped. Method: Welch (1947) t with
    Welch–Satterthwaite degrees of freedom, as R's ``t.test(after, before)``.

    Parameters
    ----------
    before, after : array-like
        Raw values of each period (independent samples, any lengths).
    conf_level : float, default 0.95
    ids : dict, optional
        Identifier columns placed first.

    Returns
    -------
    pandas.DataFrame
        One-row effect table, ``measure = "mean difference"`` (after − before).

    Examples
    --------
    >>> g1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
    >>> g2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]
    >>> mean_difference(g1, g2).loc[0, ["estimate", "p_value"]].astype(float).round(5).tolist()
    [1.58, 0.07939]
    """
    b = finite_values(before, "before")
    a = finite_values(after, "after")
    return mean_difference_from_summary(
        *mean_sd_n(b), *mean_sd_n(a), conf_level=conf_level, ids=ids
    )


def finite_values(values, name: str) -> np.ndarray:
    """Raw values as a 1-d float array without NaN."""
    arr = np.asarray(values, dtype=float).ravel()
    if np.isinf(arr).any():
        raise ValueError(f"{name} must be finite. Got {arr[np.isinf(arr)][0].item()!r}.")
    return arr[~np.isnan(arr)]


def mean_sd_n(x: np.ndarray) -> tuple[float, float, int]:
    """Mean, sd (n − 1) and n of ``x`` (NaN when undefined, without warnings)."""
    n = len(x)
    mean = float(np.mean(x)) if n else np.nan
    sd = float(np.std(x, ddof=1)) if n > 1 else np.nan
    return mean, sd, n


# --- paired -------------------------------------------------------------------------


def signrank_cdf(n: int) -> np.ndarray:
    """Exact null CDF of the Wilcoxon signed-rank statistic V for n untied pairs.

    Generating function prod_k (1 + x^k) / 2^n (counts are exact in float64 for n ≤ 50).
    """
    size = n * (n + 1) // 2 + 1
    counts = np.zeros(size)
    counts[0] = 1.0
    for k in range(1, n + 1):
        counts[k:] = counts[k:] + counts[:-k]
    return np.cumsum(counts) / 2.0**n


def _hodges_lehmann(d: np.ndarray, exact: bool, conf_level: float) -> tuple[float, ...]:
    """Hodges–Lehmann estimate and order-statistic interval from the Walsh averages.

    Returns (estimate, low, high, coverage), where coverage is the achieved confidence
    when too few pairs allow the asked level (the interval is then the widest one), and
    NaN otherwise.
    """
    n = len(d)
    i, j = np.triu_indices(n)
    walsh = np.sort((d[i] + d[j]) / 2)
    m = len(walsh)
    if exact:
        cdf = signrank_cdf(n)
        # R's wilcox.test: qu = qsignrank(alpha/2, n), at least 1; interval
        # (W[qu], W[M + 1 - qu]) in 1-based order statistics (Hollander & Wolfe).
        qu = int(np.searchsorted(cdf, (1 - conf_level) / 2 - 1e-12))
        coverage = 1 - 2 * cdf[0] if qu < 1 else np.nan
    else:
        # Large-sample critical value (Hollander & Wolfe): C = n(n+1)/4 − z·sqrt(n(n+1)(2n+1)/24).
        sd = np.sqrt(n * (n + 1) * (2 * n + 1) / 24)
        qu = int(np.round(n * (n + 1) / 4 - z_critical(conf_level) * sd))
        coverage = 1 - 2 * stats.norm.cdf((0.5 - n * (n + 1) / 4) / sd) if qu < 1 else np.nan
    qu = min(max(qu, 1), m)
    return float(np.median(walsh)), float(walsh[qu - 1]), float(walsh[m - qu]), float(coverage)


def paired_difference(before, after, *, conf_level: float = 0.95, ids: dict | None = None):
    """Mean and median change between paired measurements.

    Two rows, both about ``change = after − before`` on pairs with both values present:

    1. ``"mean change"``: paired t interval and test (Student 1908), as R's
       ``t.test(after, before, paired = TRUE)``.
    2. ``"Hodges-Lehmann median change"``: the Hodges–Lehmann estimate (median of the
       Walsh averages) with its distribution-free interval from order statistics of the
       Walsh averages (Bauer 1972, *JASA* 67:687–690; Hollander, Wolfe & Chicken,
       *Nonparametric Statistical Methods*, 3rd ed., 2014, ch. 3), and the Wilcoxon
       signed-rank test p-value (Wilcoxon 1945). Exact (null distribution of V, as R's
       ``wilcox.test(after, before, paired = TRUE, conf.int = TRUE)``) when there are at
       most 50 pairs with no zero change and no tied absolute change; otherwise the normal
       approximation with tie and continuity corrections for the p-value and the
       large-sample critical value for the interval. Zero changes count in the Walsh
       averages (R drops them in the approximate case); ``method`` says which case ran.

    Parameters
    ----------
    before, after : array-like of equal length
        Paired values (same unit, same order). Pairs with a missing value are dropped and
        counted in ``reason``.
    conf_level : float, default 0.95
    ids : dict, optional
        Identifier columns placed first.

    Returns
    -------
    pandas.DataFrame
        Two-row effect table; ``n`` is the number of complete pairs. The Hodges–Lehmann
        row has no ``se``; its ``coverage`` is the confidence of the widest interval the
        pairs allow when it falls short of ``conf_level`` (reason ``widest_interval``),
        else NaN.

    Examples
    --------
    >>> x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
    >>> y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]
    >>> t = paired_difference(y, x)
    >>> t.loc[1, ["estimate", "ci_low", "ci_high", "p_value"]].astype(float).round(5).tolist()
    [0.46, 0.01, 0.786, 0.03906]
    """
    return effect_frame(
        {k: [v, v] for k, v in (ids or {}).items()}, **paired_rows(before, after, conf_level)
    )


def paired_rows(before, after, conf_level: float) -> dict[str, list]:
    """The effect-table columns of :func:`paired_difference`'s two rows (no identifiers)."""
    cl = check_conf_level(conf_level)
    b = np.asarray(before, dtype=float).ravel()
    a = np.asarray(after, dtype=float).ravel()
    if len(a) != len(b):
        raise ValueError(f"before and after must have equal lengths. Got {len(b)} and {len(a)}.")
    keep = ~(np.isnan(a) | np.isnan(b))
    dropped = int((~keep).sum())
    d = a[keep] - b[keep]
    # For ranks, changes are rounded to 9 decimals so that equal changes computed two ways
    # (e.g. differences of mean scores, ±1/3) tie instead of differing by 1e-16.
    d_rank = np.round(d, 9)
    n = len(d)
    note = "pairs_dropped" if dropped else ""
    _join = join_reasons

    t_row = dict(estimate=np.nan, ci_low=np.nan, ci_high=np.nan, se=np.nan, p_value=np.nan)
    hl_row = dict(t_row)
    hl_method = "Hodges-Lehmann estimate; Wilcoxon signed-rank p-value"
    coverage = np.nan
    if n < 2:
        t_reason = hl_reason = _join("too_few_pairs", note)
    else:
        mean, sd = float(d.mean()), float(d.std(ddof=1))
        t_row["estimate"] = mean
        t_reason = note
        if sd > 0:
            se = sd / np.sqrt(n)
            q = float(stats.t.ppf(0.5 + cl / 2, n - 1))
            t_row.update(ci_low=mean - q * se, ci_high=mean + q * se, se=se,
                         p_value=float(2 * stats.t.sf(abs(mean / se), n - 1)))  # fmt: skip
        else:
            t_reason = _join("changes_equal", note)
        nonzero = d_rank[d_rank != 0]
        ties = len(np.unique(np.abs(nonzero))) < len(nonzero)
        exact = len(nonzero) == n and n <= 50 and not ties
        est, low, high, coverage = _hodges_lehmann(d_rank, exact, cl)
        hl_row.update(estimate=est, ci_low=low, ci_high=high)
        hl_reason = note
        if len(nonzero) == 0:
            hl_reason = _join("changes_zero", note)
        else:
            res = stats.wilcoxon(nonzero, method="exact" if exact else "asymptotic",
                                 correction=not exact)  # fmt: skip
            hl_row["p_value"] = float(res.pvalue)
        if not np.isnan(coverage):
            hl_reason = _join("widest_interval", hl_reason)
        hl_method = (
            "Hodges-Lehmann estimate, exact distribution-free interval (Bauer 1972); "
            "Wilcoxon signed-rank exact p-value"
            if exact
            else "Hodges-Lehmann estimate, large-sample distribution-free interval "
            "(Hollander & Wolfe); Wilcoxon signed-rank normal approximation with tie "
            "and continuity corrections"
        )
    return {
        "measure": [MEAN_CHANGE, HODGES_LEHMANN],
        **{k: [t_row[k], hl_row[k]] for k in t_row},
        "n": [n, n],
        "method": ["paired t (Student 1908)", hl_method],
        "reason": [t_reason, hl_reason],
        "coverage": [np.nan, coverage],
    }
