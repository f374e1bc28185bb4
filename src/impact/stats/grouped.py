"""Two-wave comparisons for many small groups at once: paired t, Wilcoxon signed-rank,
d_z, Brunner–Munzel and the partially overlapping samples t-test.

Generic statistics (numpy/scipy; no domain module). Every function takes respondent-level
arrays — ``group`` (integer codes ``0 … n_groups − 1``), ``before`` and ``after`` (NaN
where the respondent did not answer that wave) — and returns an effect table (see
:mod:`impact.stats.effect_table`) with one row per group, in group order. The work is done by
``numpy.bincount`` and one sort over all groups, not a Python loop per group, so that
thousands of groups cost milliseconds. The results equal those of the one-group
estimators of :mod:`impact.stats.effects` (paired t, Wilcoxon signed-rank, d_z, Welch), which
the tests check, and of R ``brunnermunzel::brunnermunzel.test`` and
``Partiallyoverlapping::Partover.test``.

The effect is **after − before** (for Brunner–Munzel, the probability that an *after*
value exceeds a *before* value). Differences are rounded to 9 decimals before ranking, so
that means of item scores that are equal on paper tie in the ranks too.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from impact.stats.effect_table import MEAN_CHANGE, PROBABILITY_OF_SUPERIORITY, effect_frame
from impact.stats.means import (
    check_conf_level,
    first_reason,
    mean_difference_from_summary,
    signrank_cdf,
)
from impact.stats.reasons import join_reasons
from impact.stats.smd import ncp_limits, smd_frame

__all__ = [
    "grouped_brunner_munzel",
    "grouped_d_z",
    "grouped_overlap_t",
    "grouped_paired_t",
    "grouped_signed_rank",
    "grouped_midranks",
]

_DIGITS = 9


def as_float_arrays(group, before, after, n_groups: int) -> tuple[np.ndarray, ...]:
    """Validated group codes and float values."""
    g = np.asarray(group)
    b = np.asarray(before, dtype=float).ravel()
    a = np.asarray(after, dtype=float).ravel()
    if not (len(g) == len(b) == len(a)):
        raise ValueError(
            f"group, before and after must have equal lengths. Got {len(g)}, {len(b)}, {len(a)}."
        )
    if len(g) and (not np.issubdtype(g.dtype, np.integer) or g.min() < 0 or g.max() >= n_groups):
        raise ValueError(f"group must hold integer codes 0 … {n_groups - 1}.")
    return g.astype(np.intp), b, a


def _count(g: np.ndarray, n_groups: int, weights: np.ndarray | None = None) -> np.ndarray:
    return np.bincount(g, weights=weights, minlength=n_groups).astype(float)


def grouped_midranks(group: np.ndarray, values: np.ndarray, n_groups: int):
    """Mid-ranks of ``values`` within each group, and each group's tie sum Σ(t³ − t).

    Parameters
    ----------
    group : array of int
        Group code of each value.
    values : array of float
        Values without NaN.
    n_groups : int

    Returns
    -------
    ranks : numpy.ndarray
        Average rank (1-based) of each value within its group, as ``scipy.stats.rankdata``.
    ties : numpy.ndarray
        Per group, Σ(t³ − t) over the sizes t of its runs of equal values.
    """
    g = np.asarray(group, dtype=np.intp)
    v = np.asarray(values, dtype=float)
    order = np.lexsort((v, g))
    gs, vs = g[order], v[order]
    m = len(v)
    if m == 0:
        return np.zeros(0), np.zeros(n_groups)
    new_run = np.ones(m, dtype=bool)
    new_run[1:] = (gs[1:] != gs[:-1]) | (vs[1:] != vs[:-1])
    run = np.cumsum(new_run) - 1
    run_start = np.flatnonzero(new_run)
    run_len = np.diff(np.append(run_start, m))
    new_group = np.ones(m, dtype=bool)
    new_group[1:] = gs[1:] != gs[:-1]
    group_start = np.maximum.accumulate(np.where(new_group, np.arange(m), 0))
    # a run's mid-rank within its group: (first + last) / 2 + 1, positions from group start
    first = run_start[run] - group_start
    mid = first + (run_len[run] - 1) / 2 + 1
    ranks = np.empty(m)
    ranks[order] = mid
    run_group = gs[run_start]
    ties = _count(run_group, n_groups, run_len.astype(float) ** 3 - run_len)
    return ranks, ties


def _paired(g, b, a, n_groups):
    """Groups, changes and per-group n, mean, sd of the complete pairs."""
    keep = ~(np.isnan(b) | np.isnan(a))
    gp = g[keep]
    d = a[keep] - b[keep]
    n = _count(gp, n_groups)
    with np.errstate(all="ignore"):
        mean = _count(gp, n_groups, d) / n
        resid = d - mean[gp]
        sd = np.sqrt(_count(gp, n_groups, resid**2) / (n - 1))
    sd = np.where(n > 1, sd, np.nan)
    return gp, d, n, mean, sd


def grouped_paired_t(group, before, after, n_groups: int, *, conf_level: float = 0.95,
                     ids: dict | None = None):  # fmt: skip
    """Mean change of complete pairs with the paired t interval and test, per group.

    As R ``t.test(after, before, paired = TRUE)`` and the first row of
    :func:`impact.stats.effects.paired_difference` (Student 1908), for every group at once.

    Parameters
    ----------
    group : array of int
        Group code (``0 … n_groups − 1``) of each respondent.
    before, after : array of float
        The respondent's value at each wave (NaN if absent); pairs need both.
    n_groups : int
    conf_level : float, default 0.95
    ids : dict, optional
        Identifier columns (arrays of length ``n_groups``).

    Returns
    -------
    pandas.DataFrame
        Effect table, ``measure = "mean change"``, ``n`` = complete pairs, and ``df``.

    Examples
    --------
    >>> t = grouped_paired_t([0, 0, 0], [1, 2, 3], [2, 4, 5], 1)
    >>> round(float(t.loc[0, "estimate"]), 4)
    1.6667
    """
    cl = check_conf_level(conf_level)
    g, b, a = as_float_arrays(group, before, after, n_groups)
    _, _, n, mean, sd = _paired(g, b, a, n_groups)
    with np.errstate(all="ignore"):
        sd = np.where(np.round(sd, _DIGITS) == 0, 0.0, sd)  # equal changes up to rounding
        se = sd / np.sqrt(n)
        df = n - 1
        q = stats.t.ppf(0.5 + cl / 2, df)
        p = 2 * stats.t.sf(np.abs(mean / se), df)
    small, flat = n < 2, (n >= 2) & (sd == 0)
    reason = first_reason(
        n_groups,
        (small, "too_few_pairs"),
        (flat, "changes_equal"),
    )
    est = np.where(small, np.nan, mean)
    bad = small | flat
    se, p, q = (np.where(bad, np.nan, x) for x in (se, p, q))
    return effect_frame(
        ids, measure=MEAN_CHANGE, estimate=est, ci_low=est - q * se, ci_high=est + q * se,
        se=se, p_value=p, n=n, method="paired t (Student 1908)", reason=reason,
        df=np.where(bad, np.nan, df),
    )  # fmt: skip


def grouped_signed_rank(group, before, after, n_groups: int) -> tuple[np.ndarray, np.ndarray]:
    """Two-sided Wilcoxon signed-rank p-value of the paired changes, per group.

    Zero changes are dropped (Wilcoxon 1945). Exact null distribution when a group has at
    most 50 pairs, no zero and no tied absolute change; otherwise the normal
    approximation with tie and continuity corrections — the rule and results of
    :func:`impact.stats.effects.paired_difference` and ``scipy.stats.wilcoxon``.

    Returns
    -------
    p_value : numpy.ndarray
        NaN for a group with fewer than 2 pairs or no non-zero change.
    exact : numpy.ndarray of bool
        Whether the exact distribution was used.

    Examples
    --------
    Hollander & Wolfe depression scores (R ``wilcox.test(x, y, paired = TRUE)``):

    >>> x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
    >>> y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]
    >>> p, exact = grouped_signed_rank([0] * 9, y, x, 1)
    >>> round(float(p[0]), 5), bool(exact[0])
    (0.03906, True)
    """
    g, b, a = as_float_arrays(group, before, after, n_groups)
    gp, d, n, _, _ = _paired(g, b, a, n_groups)
    d = np.round(d, _DIGITS)
    nz = d != 0
    gz, dz = gp[nz], d[nz]
    ranks, ties = grouped_midranks(gz, np.abs(dz), n_groups)
    m = _count(gz, n_groups)
    v = _count(gz, n_groups, np.where(dz > 0, ranks, 0.0))
    exact = (m == n) & (n <= 50) & (ties == 0) & (m > 0)
    p = np.full(n_groups, np.nan)
    with np.errstate(all="ignore"):
        mn = m * (m + 1) / 4
        se = np.sqrt(m * (m + 1) * (2 * m + 1) / 24 - ties / 48)
        dev = v - mn
        z = (dev - 0.5 * np.sign(dev)) / se
        approx_p = 2 * stats.norm.sf(np.abs(z))
    p = np.where((m > 0) & (n >= 2), approx_p, np.nan)
    exact &= n >= 2
    for size in np.unique(n[exact]).astype(int):
        cdf = signrank_cdf(size)
        idx = np.flatnonzero(exact & (n == size))
        low = np.minimum(v[idx], size * (size + 1) / 2 - v[idx]).astype(int)
        p[idx] = np.minimum(1.0, 2 * cdf[low])
    return p, exact


def grouped_d_z(group, before, after, n_groups: int, *, conf_level: float = 0.95,
                ids: dict | None = None):  # fmt: skip
    """Standardised mean change d_z = mean change / SD of changes, per group.

    Cohen (1988); interval by inverting the noncentral t distribution of
    ``t = d_z·sqrt(n)`` with ``n − 1`` df (Steiger & Fouladi 1997), as
    :func:`impact.stats.effects.standardised_mean_difference` with ``kind="d_z"``;
    ``se = sqrt(1/n + d_z²/(2n))``.

    Returns
    -------
    pandas.DataFrame
        Effect table, ``measure = "standardised mean difference"``, ``n`` = pairs.
    """
    cl = check_conf_level(conf_level)
    g, b, a = as_float_arrays(group, before, after, n_groups)
    _, _, n, mean, sd = _paired(g, b, a, n_groups)
    small, flat = n < 2, (n >= 2) & (np.round(sd, _DIGITS) == 0)
    reason = first_reason(
        n_groups,
        (small, "too_few_pairs"),
        (flat, "not_standardisable"),
    )
    bad = small | flat
    with np.errstate(all="ignore"):
        dz = np.where(bad, np.nan, mean / sd)
        t = dz * np.sqrt(n)
        se = np.sqrt(1 / n + dz**2 / (2 * n))
    lam_lo, lam_hi = np.full(n_groups, np.nan), np.full(n_groups, np.nan)
    ok = np.isfinite(t)  # the noncentral t inversion is the costly part: defined rows only
    if ok.any():
        lam_lo[ok], lam_hi[ok] = ncp_limits(t[ok], n[ok] - 1.0, cl)
    with np.errstate(all="ignore"):
        factor = 1 / np.sqrt(np.maximum(n, 1))
    return smd_frame(dz, lam_lo, lam_hi, factor, t, n - 1.0, se, "d_z", reason, ids, n=n)


def grouped_brunner_munzel(group, before, after, n_groups: int, *, conf_level: float = 0.95,
                           ids: dict | None = None):  # fmt: skip
    """Brunner–Munzel test and probability of superiority of *after* over *before*.

    Uses the respondents with exactly one of ``before``/``after`` (two independent
    samples). Effect: ``p̂ = P(X_after > X_before) + ½ P(X_after = X_before)`` from the
    mid-ranks; test statistic, Satterthwaite-type degrees of freedom and interval
    ``p̂ ± t(df)·sqrt(σ̂₁²/(n₁n₂²) + σ̂₂²/(n₂n₁²))`` of Brunner E & Munzel U (2000), "The
    nonparametric Behrens–Fisher problem: asymptotic theory and a small-sample
    approximation", *Biometrical Journal* 42:17–25, as corrected by Neubert K & Brunner E
    (2007), *Comput Stat Data Anal* 51:5192–5204 — the formulas of R
    ``brunnermunzel::brunnermunzel.test`` and ``lawstat::brunner.munzel.test``; the
    p-value equals ``scipy.stats.brunnermunzel``. The interval is clipped to [0, 1].

    When both variance estimates are 0 (the two samples do not overlap, or all values
    are equal) the statistic is 0/0: the row then gives Welch's mean difference
    (:func:`impact.stats.effects.mean_difference_from_summary`) and says why in ``reason``.
    Fewer than 2 values in a sample gives NaN and a ``reason``.

    Returns
    -------
    pandas.DataFrame
        Effect table with ``measure`` "probability of superiority" (or "mean difference"
        for the Welch rows), ``n_before``/``n_after`` = the two sample sizes, and ``df``.

    Examples
    --------
    Pain scores (Brunner & Munzel 2000, Table 1):

    >>> y = [1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 2, 4, 1, 1]
    >>> n = [3, 3, 4, 3, 1, 2, 3, 1, 1, 5, 4]
    >>> nan = float("nan")
    >>> t = grouped_brunner_munzel([0] * 25, y + [nan] * 11, [nan] * 14 + n, 1)
    >>> t.loc[0, ["estimate", "p_value"]].astype(float).round(6).tolist()
    [0.788961, 0.005786]
    """
    cl = check_conf_level(conf_level)
    g, b, a = as_float_arrays(group, before, after, n_groups)
    one = np.isnan(b) != np.isnan(a)
    gi = g[one]
    after_side = np.isnan(b[one])
    x = np.where(after_side, a[one], b[one])
    x = np.round(x, _DIGITS)
    r_all, _ = grouped_midranks(gi, x, n_groups)
    # internal ranks: within group × sample (codes 2·group + sample)
    r_in, _ = grouped_midranks(2 * gi + after_side, x, 2 * n_groups)
    s1, s2 = ~after_side, after_side
    n1, n2 = _count(gi[s1], n_groups), _count(gi[s2], n_groups)
    with np.errstate(all="ignore"):
        m1 = _count(gi[s1], n_groups, r_all[s1]) / n1
        m2 = _count(gi[s2], n_groups, r_all[s2]) / n2
        pst = (m2 - (n2 + 1) / 2) / n1
        dev1 = r_all[s1] - r_in[s1] - m1[gi[s1]] + (n1[gi[s1]] + 1) / 2
        dev2 = r_all[s2] - r_in[s2] - m2[gi[s2]] + (n2[gi[s2]] + 1) / 2
        v1 = np.round(_count(gi[s1], n_groups, dev1**2) / (n1 - 1), _DIGITS)
        v2 = np.round(_count(gi[s2], n_groups, dev2**2) / (n2 - 1), _DIGITS)
        stat = n1 * n2 * (m2 - m1) / (n1 + n2) / np.sqrt(n1 * v1 + n2 * v2)
        df = (n1 * v1 + n2 * v2) ** 2 / ((n1 * v1) ** 2 / (n1 - 1) + (n2 * v2) ** 2 / (n2 - 1))
        p = 2 * stats.t.sf(np.abs(stat), df)
        se = np.sqrt(v1 / (n1 * n2**2) + v2 / (n2 * n1**2))
        q = stats.t.ppf(0.5 + cl / 2, df)
    small = (n1 < 2) | (n2 < 2)
    flat = ~small & (n1 * v1 + n2 * v2 == 0)
    reason = first_reason(
        n_groups,
        (small, "too_few_one_wave"),
    )
    bad = small | flat
    est = np.where(bad, np.nan, pst)
    se, p, q, df = (np.where(bad, np.nan, v) for v in (se, p, q, df))
    table = effect_frame(
        ids, measure=PROBABILITY_OF_SUPERIORITY, estimate=est,
        ci_low=np.clip(est - q * se, 0, 1), ci_high=np.clip(est + q * se, 0, 1), se=se,
        p_value=p, n_before=n1, n_after=n2, reason=reason, df=df,
        method="Brunner-Munzel (Brunner & Munzel 2000; Neubert & Brunner 2007): "
        "P(after > before) + 1/2 P(equal), t interval with Satterthwaite-type df",
    )  # fmt: skip
    if flat.any():
        idx = np.flatnonzero(flat)
        with np.errstate(all="ignore"):
            mean1 = _count(gi[s1], n_groups, x[s1]) / n1
            mean2 = _count(gi[s2], n_groups, x[s2]) / n2
            sd1 = np.sqrt(_count(gi[s1], n_groups, (x[s1] - mean1[gi[s1]]) ** 2) / (n1 - 1))
            sd2 = np.sqrt(_count(gi[s2], n_groups, (x[s2] - mean2[gi[s2]]) ** 2) / (n2 - 1))
        welch = mean_difference_from_summary(
            mean1[idx], np.round(sd1[idx], _DIGITS), n1[idx],
            mean2[idx], np.round(sd2[idx], _DIGITS), n2[idx], conf_level=cl,
        )  # fmt: skip
        for col in ("measure", "estimate", "ci_low", "ci_high", "se", "p_value", "method"):
            table.loc[idx, col] = welch[col].to_numpy()
        table.loc[idx, "reason"] = [join_reasons("welch_instead", r) for r in welch["reason"]]
        with np.errstate(all="ignore"):
            v1w, v2w = sd1[idx] ** 2 / n1[idx], sd2[idx] ** 2 / n2[idx]
            dfw = (v1w + v2w) ** 2 / (v1w**2 / (n1[idx] - 1) + v2w**2 / (n2[idx] - 1))
        table.loc[idx, "df"] = np.where(welch["se"].notna(), dfw, np.nan)
    return table


def grouped_overlap_t(group, before, after, n_groups: int, *, conf_level: float = 0.95,
                      equal_var: bool = False, ids: dict | None = None):  # fmt: skip
    """Mean change using every respondent: the partially overlapping samples t-test.

    ``estimate = mean(all after values) − mean(all before values)``; the standard error
    subtracts the covariance of the paired respondents:
    ``se² = s₁²/n₁ + s₂²/n₂ − 2·r·n₁₂·s₁·s₂/(n₁n₂)`` (s: SDs of all values of a wave,
    r: correlation of the n₁₂ pairs, 0 when fewer than 2 pairs or either paired SD is 0),
    with ``df = (n₁₂ − 1) + (γ − n₁₂ + 1)·(n_a + n_b)/(n_a + n_b + 2n₁₂)`` where γ is
    the Welch df and n_a, n_b the unpaired counts (T_new2 of Derrick B, Russ B, Toher D &
    White P (2017), "Test statistics for the comparison of means for two samples that
    include both paired and independent observations", *J Mod Appl Stat Methods*
    16(1):137–157; R ``Partiallyoverlapping::Partover.test``). ``equal_var=True`` gives
    their T_new1 (pooled SD). With no pair it is Welch's t; with no unpaired respondent it
    is the paired t.

    Returns
    -------
    pandas.DataFrame
        Effect table, ``measure = "mean change"``, ``n_before``/``n_after`` = all values
        of each wave, ``n`` = pairs, and ``df``.

    Examples
    --------
    Derrick, Toher & White (2017), *Quant Methods Psychol* 13(2):120–126 (R example of
    ``Partover.test(..., var.equal = TRUE)``: p = 0.026):

    >>> a_unp = [20, 21, 16, 18, 14, 12, 14, 17]
    >>> a_pair = [14, 15, 18, 20, 11, 19, 14, 15]
    >>> b_unp = [10, 16, 18, 16, 15, 14, 13, 10]
    >>> b_pair = [15, 10, 15, 17, 13, 19, 12, 13]
    >>> nan = [float("nan")] * 8
    >>> t = grouped_overlap_t([0] * 24, b_unp + nan + b_pair, nan + a_unp + a_pair, 1,
    ...                       equal_var=True)
    >>> round(float(t.loc[0, "p_value"]), 3)
    0.026
    """
    cl = check_conf_level(conf_level)
    g, b, a = as_float_arrays(group, before, after, n_groups)
    hb, ha = ~np.isnan(b), ~np.isnan(a)
    both = hb & ha
    n1, n2, n12 = _count(g[hb], n_groups), _count(g[ha], n_groups), _count(g[both], n_groups)
    with np.errstate(all="ignore"):
        m1 = _count(g[hb], n_groups, b[hb]) / n1
        m2 = _count(g[ha], n_groups, a[ha]) / n2
        var1 = _count(g[hb], n_groups, (b[hb] - m1[g[hb]]) ** 2) / (n1 - 1)
        var2 = _count(g[ha], n_groups, (a[ha] - m2[g[ha]]) ** 2) / (n2 - 1)
        gp = g[both]
        pb, pa = b[both], a[both]
        pm1 = _count(gp, n_groups, pb) / n12
        pm2 = _count(gp, n_groups, pa) / n12
        cb, ca = pb - pm1[gp], pa - pm2[gp]
        sxx = np.round(_count(gp, n_groups, cb**2), _DIGITS)
        syy = np.round(_count(gp, n_groups, ca**2), _DIGITS)
        sxy = _count(gp, n_groups, cb * ca)
        r = np.where((n12 >= 2) & (sxx > 0) & (syy > 0), sxy / np.sqrt(sxx * syy), 0.0)
        na, nb = n1 - n12, n2 - n12
        est = m2 - m1
        if equal_var:
            sp2 = ((n1 - 1) * var1 + (n2 - 1) * var2) / (n1 + n2 - 2)
            se2 = sp2 * (1 / n1 + 1 / n2 - 2 * r * n12 / (n1 * n2))
            df = (n12 - 1) + (na + nb + n12 - 1) / (na + nb + 2 * n12) * (na + nb)
        else:
            se2 = var1 / n1 + var2 / n2 - 2 * r * n12 * np.sqrt(var1 * var2) / (n1 * n2)
            u1, u2 = var1 / n1, var2 / n2
            gamma = (u1 + u2) ** 2 / (u1**2 / (n1 - 1) + u2**2 / (n2 - 1))
            # with no variation at all, Welch's df is 0/0; it is then unused
            df = (n12 - 1) + (gamma - n12 + 1) / (na + nb + 2 * n12) * (na + nb)
            df = np.where(na + nb == 0, n12 - 1, df)
        # a zero variance up to rounding (e.g. every pair changed by the same amount)
        se2 = np.where(se2 > 1e-12 * (var1 / n1 + var2 / n2), se2, 0.0)
        se = np.sqrt(np.where(se2 > 0, se2, np.nan))
        q = stats.t.ppf(0.5 + cl / 2, df)
        p = 2 * stats.t.sf(np.abs(est / se), df)
    small = (n1 < 2) | (n2 < 2)
    flat = ~small & ~(se > 0)
    reason = first_reason(
        n_groups,
        (small, "too_few_values"),
        (flat, "no_variation"),
    )
    est = np.where(small, np.nan, est)
    bad = small | flat
    se, p, q, df = (np.where(bad, np.nan, v) for v in (se, p, q, df))
    kind = "T_new1, pooled SD" if equal_var else "T_new2, Welch-type"
    return effect_frame(
        ids, measure=MEAN_CHANGE, estimate=est, ci_low=est - q * se, ci_high=est + q * se,
        se=se, p_value=p, n_before=n1, n_after=n2, n=n12, reason=reason, df=df,
        method=f"partially overlapping samples t ({kind}; Derrick et al. 2017)",
    )  # fmt: skip
