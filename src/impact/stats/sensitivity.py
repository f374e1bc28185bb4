"""Parallel-trends checks for an event study: pre-trend test and relative-magnitude bounds.

:func:`pretrend_test` is the joint Wald test that every pre-treatment event-time
coefficient is 0. :func:`relative_magnitude` is a sensitivity analysis in the spirit of
Rambachan & Roth (2023, "A More Credible Approach to Parallel Trends", *Rev Econ Stud*
90:2555–2591; R package HonestDiD): how large may post-treatment violations of parallel
trends be, relative to the largest one-period change seen before the start, before the
effect's interval reaches 0 (the breakdown value M̄*)? :func:`robust_intervals` gives the
robust interval for a grid of M̄. Generic statistics: an event study and its covariance
matrix in, one-row tables out; no domain module imported.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from impact.stats.effect_table import effect_frame

__all__ = ["MBAR_GRID", "RM_MEASURE", "pretrend_test", "relative_magnitude", "robust_intervals"]

#: Default grid of M̄ (HonestDiD's vignettes use 0 to 2).
MBAR_GRID = (0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0)
RM_MEASURE = "mean ATT over post-treatment event times"
PRETREND_METHOD = "joint Wald χ² test that every pre-treatment event-time coefficient is 0"
RM_METHOD = (
    "relative-magnitude sensitivity Δ^RM(M̄) (Rambachan & Roth 2023), conservative "
    "Bonferroni construction: pointwise interval of the target at level 1 − α/2 widened by "
    "M̄ × κ × a simultaneous (Bonferroni, level 1 − α/2) upper bound of the largest "
    "pre-period one-period change; not HonestDiD's conditional/hybrid (ARP) test"
)
_PRETREND_COLUMNS = ["chi2", "df", "p_value", "n_pre", "max_abs_pre", "method", "reason"]


def _aligned(event_study: pd.DataFrame, vcov: pd.DataFrame) -> tuple[np.ndarray, ...]:
    """Event times, estimates and covariance of the rows with a finite estimate (not the
    reference rows), in event-time order; the covariance follows the event times."""
    missing = {"event_time", "estimate"} - set(event_study.columns)
    if missing:
        raise ValueError(f"event_study lacks column(s) {sorted(missing)}.")
    rows = event_study.sort_values("event_time")
    keep = np.isfinite(rows["estimate"].to_numpy(dtype=float))
    if "reason" in rows.columns:
        keep &= (rows["reason"].astype(str) != "reference_period").to_numpy()
    rows = rows[keep]
    e = rows["event_time"].to_numpy(dtype=int)
    absent = sorted(set(e) - set(vcov.index) | set(e) - set(vcov.columns))
    if absent:
        raise ValueError(f"vcov has no row or column for event time(s) {absent}.")
    v = vcov.loc[e, e].to_numpy(dtype=float)
    return e, rows["estimate"].to_numpy(dtype=float), v


def _invertible(v: np.ndarray) -> bool:
    """A finite, symmetric, positive-definite covariance matrix (relative tolerance)."""
    if not len(v) or not np.isfinite(v).all():
        return False
    eig = np.linalg.eigvalsh((v + v.T) / 2)
    return bool(eig[0] > 1e-10 * max(eig[-1], 0.0))


def pretrend_test(event_study: pd.DataFrame, vcov: pd.DataFrame) -> pd.DataFrame:
    """Joint Wald test that all pre-treatment event-time coefficients are 0.

    With β̂ the k pre-treatment estimates (event time < 0, finite, reference rows left
    out) and V their covariance, W = β̂ᵀ V⁻¹ β̂ is referred to χ²(k). With a universal
    base period the coefficients are levels relative to event time −1; with a varying
    one they are one-period changes: the null (no pre-trend) is the same, the power
    against a given alternative differs.

    The χ²(k) reference is asymptotic: with an influence-function (cluster) covariance
    from G units it needs G large against k (size checked by simulation at 5 % with 240
    units and k = 5); with few units it rejects too often (no small-sample correction):
    9 % of 150 simulated panels like the demo's (60 treated and 15 never-treated units,
    k = 11, parallel trends) at the 5 % level.

    Parameters
    ----------
    event_study : pandas.DataFrame
        Columns ``event_time``, ``estimate`` (and optionally ``reason``: rows
        ``"reference_period"`` are left out), e.g.
        :attr:`impact.stats.did_staggered.StaggeredDiDResult.event_study`.
    vcov : pandas.DataFrame
        Covariance of the estimates, indexed by event time on both axes (e.g.
        :attr:`~impact.stats.did_staggered.StaggeredDiDResult.event_vcov`).

    Returns
    -------
    pandas.DataFrame
        One row: ``chi2``, ``df``, ``p_value``, ``n_pre`` (= df), ``max_abs_pre`` (the
        largest |pre-treatment estimate|), ``method``, ``reason`` (``"no_pre_estimates"``,
        ``"singular_vcov"``; ``"one_pre_estimate"`` beside a 1-df test).

    Raises
    ------
    ValueError
        ``event_study`` lacks a column, or ``vcov`` lacks one of its event times.

    Examples
    --------
    >>> es = pd.DataFrame({"event_time": [-3, -2, 0], "estimate": [0.1, -0.2, 1.0]})
    >>> v = pd.DataFrame(np.diag([0.01, 0.01, 0.02]), index=[-3, -2, 0], columns=[-3, -2, 0])
    >>> round(float(pretrend_test(es, v).loc[0, "chi2"]), 6)  # (0.1² + 0.2²) / 0.01
    5.0
    """
    e, b, v = _aligned(event_study, vcov)
    pre = e < 0
    k = int(pre.sum())
    row = dict(chi2=np.nan, df=k, p_value=np.nan, n_pre=k,
               max_abs_pre=float(np.abs(b[pre]).max()) if k else np.nan,
               method=PRETREND_METHOD, reason="")  # fmt: skip
    vp = v[np.ix_(pre, pre)]
    if k == 0:
        row["reason"] = "no_pre_estimates"
    elif not _invertible(vp):
        row["reason"] = "singular_vcov"
    else:
        chi2 = float(b[pre] @ np.linalg.solve(vp, b[pre]))
        row.update(chi2=chi2, p_value=float(stats.chi2.sf(chi2, k)))
        row["reason"] = "one_pre_estimate" if k == 1 else ""
    return pd.DataFrame([row], columns=_PRETREND_COLUMNS)


def _bias_factor(post_e: np.ndarray, weights: np.ndarray) -> float:
    """κ = Σ_{k=0}^{E} |Σ_{e ≥ k} l_e|: the largest |Σ_e l_e δ_e| when δ_{−1} = 0 and
    every one-period change δ_k − δ_{k−1} (k = 0..E) lies in [−1, 1]."""
    last = int(post_e.max())
    tail = np.array([weights[post_e >= k].sum() for k in range(last + 1)])
    return float(np.abs(tail).sum())


def relative_magnitude(
    event_study: pd.DataFrame,
    vcov: pd.DataFrame,
    *,
    conf_level: float = 0.95,
    reference: int = -1,
) -> pd.DataFrame:
    """Breakdown value of the mean post-treatment effect under relative-magnitude bounds.

    **Set-up** (Rambachan & Roth 2023, section 2). The event-study coefficients are
    β_e = τ_e + δ_e, with τ_e the effect (0 before the start) and δ_e the difference in
    trends, δ_{−1} = 0 at the reference period. The coefficients must be levels
    relative to ``reference`` (a *universal* base period, as HonestDiD recommends for
    Callaway–Sant'Anna): then β_e = δ_e before the start. The target is
    θ = Σ_e l_e τ_e with l_e = 1/m over the m post-treatment event times of the table
    (e ≥ 0; pass a window). Δ^RM(M̄) asks that every post-treatment one-period change
    |δ_e − δ_{e−1}| (e ≥ 0) be at most M̄ × D, where D = max |δ_s − δ_{s−1}| over the
    pre-treatment one-period changes (the contiguous run of event times ending at −1).

    **Identified set.** The largest |Σ l_e δ_e| under Δ^RM(M̄) is M̄·D·κ with
    κ = Σ_{k=0}^{E} |Σ_{e≥k} l_e| (δ_e is the sum of the changes up to e; for a mean over
    0..E, κ = (E + 2)/2). So θ ∈ [θ̂₀ − M̄κD, θ̂₀ + M̄κD], θ̂₀ = Σ l_e β_e.

    **What is computed (conservative, not HonestDiD's procedure).** For M̄ > 0 the
    robust interval is θ̂₀ ± (z_{1−α/4}·se(θ̂₀) + M̄·κ·D_U), with
    D_U = max_j (|Δ̂_j| + z_{1−α/(4J)}·se(Δ̂_j)) over the J pre-period one-period changes
    Δ̂_j (Bonferroni simultaneous upper bound on D at level 1 − α/2). By the union bound
    it covers θ with probability ≥ 1 − α (asymptotically, for every δ in Δ^RM(M̄)); at
    M̄ = 0 (δ_post = 0) the interval is the plain θ̂₀ ± z_{1−α/2}·se. The breakdown value
    is the supremum of the M̄ whose interval excludes 0:
    M̄* = (|θ̂₀| − z_{1−α/4}·se)/(κ·D_U), set to 0 when negative. HonestDiD instead
    inverts the conditional or hybrid moment-inequality tests of Andrews, Roth & Pakes
    over the union of polyhedra defining Δ^RM, with the pre-period estimates informing
    D jointly with the post-period ones: its intervals are shorter and its M̄* larger;
    ours are never anti-conservative by construction, and may be much wider when the
    pre-period changes are imprecise (D_U adds about three standard errors).

    Parameters
    ----------
    event_study : pandas.DataFrame
        Columns ``event_time``, ``estimate`` (rows with reason ``"reference_period"`` or
        a NaN estimate are left out), restricted by the caller to the event-time window
        of interest.
    vcov : pandas.DataFrame
        Covariance of the estimates, indexed by event time on both axes.
    conf_level : float, default 0.95
    reference : int, default -1
        Reference event time (δ = 0 there).

    Returns
    -------
    pandas.DataFrame
        One-row effect table (``measure`` :data:`RM_MEASURE`): ``estimate`` θ̂₀,
        ``ci_low``, ``ci_high`` (the M̄ = 0 interval), ``se``, ``p_value``, ``n`` (post
        event times averaged), ``first_event``, ``last_event``, ``n_pre_changes`` (J),
        ``max_pre_change`` (max |Δ̂_j|), ``max_pre_change_upper`` (D_U),
        ``bias_factor`` (κ), ``z_target`` (z_{1−α/4}), ``conf_level``, ``breakdown``
        (M̄*), ``method``, ``reason`` (``"no_pre_estimates"``, ``"no_post_estimates"``,
        ``"not_universal_base"``, ``"singular_vcov"`` (a missing covariance, or a zero
        variance of the target or of a pre-period change), ``"ci_includes_zero"`` for a NaN
        breakdown; ``"one_pre_estimate"`` beside values from a single pre-period change).

    Raises
    ------
    ValueError
        Bad ``conf_level``, a missing column, or ``vcov`` lacking an event time.

    Examples
    --------
    >>> e = [-3, -2, 0, 1]
    >>> es = pd.DataFrame({"event_time": e, "estimate": [0.0, 0.0, 1.0, 1.0]})
    >>> v = pd.DataFrame(np.diag([0.01] * 4), index=e, columns=e)
    >>> out = relative_magnitude(es, v)
    >>> float(out.loc[0, "bias_factor"])  # (E + 2) / 2 with E = 1
    1.5
    """
    if not isinstance(conf_level, (float, int)) or not 0 < conf_level < 1:
        raise ValueError(f"conf_level must be in (0, 1). Got {conf_level!r}.")
    e, b, v = _aligned(event_study, vcov)
    alpha = 1 - conf_level
    post = e > reference
    ref_rows = e == reference
    # pre-period levels: the contiguous run of event times ending just before the reference
    run = []
    for ev in range(reference - 1, int(e.min(initial=reference)) - 1, -1):
        if ev not in set(e):
            break
        run.append(ev)
    pre_e = np.array(sorted(run), dtype=int)
    row = dict(estimate=np.nan, ci_low=np.nan, ci_high=np.nan, se=np.nan, p_value=np.nan,
               n=float(post.sum()), first_event=e[post].min() if post.any() else np.nan,
               last_event=e[post].max() if post.any() else np.nan, n_pre_changes=len(pre_e),
               max_pre_change=np.nan, max_pre_change_upper=np.nan, bias_factor=np.nan,
               z_target=stats.norm.ppf(1 - alpha / 4), conf_level=float(conf_level),
               breakdown=np.nan, reason="")  # fmt: skip
    reason = ""
    if ref_rows.any() and np.any(np.abs(b[ref_rows]) > 0):
        reason = "not_universal_base"
    elif not len(pre_e):
        reason = "no_pre_estimates"
    elif not post.any():
        reason = "no_post_estimates"
    if reason:
        return effect_frame(measure=RM_MEASURE, method=RM_METHOD, **{**row, "reason": reason})
    l_post = np.full(int(post.sum()), 1.0 / post.sum())
    # pre one-period changes as linear maps of the estimates: δ_s − δ_{s−1}, δ_ref = 0
    idx = {ev: i for i, ev in enumerate(e)}
    chain = [*pre_e, reference]
    a = np.zeros((len(pre_e), len(e)))
    for j, (lo, hi) in enumerate(zip(chain[:-1], chain[1:], strict=True)):
        if hi != reference:
            a[j, idx[hi]] += 1.0
        a[j, idx[lo]] -= 1.0
    lw = np.zeros(len(e))
    lw[post] = l_post
    used = (np.abs(a).sum(axis=0) > 0) | post
    # only variances of linear combinations are needed (no inverse): each must be > 0
    with np.errstate(invalid="ignore"):
        var = np.r_[lw @ v @ lw, np.einsum("ij,jk,ik->i", a, v, a)]
    scale = np.nanmax(np.abs(np.diag(v)[used]), initial=0.0)
    if not np.isfinite(v[np.ix_(used, used)]).all() or not (var > 1e-12 * scale).all():
        return effect_frame(measure=RM_MEASURE, method=RM_METHOD,
                            **{**row, "reason": "singular_vcov"})  # fmt: skip
    theta, se = float(lw @ b), float(np.sqrt(var[0]))
    changes, se_changes = a @ b, np.sqrt(var[1:])
    z_pre = stats.norm.ppf(1 - alpha / (4 * len(pre_e)))
    d_upper = float(np.max(np.abs(changes) + z_pre * se_changes))
    kappa = _bias_factor(e[post], l_post)
    z = stats.norm.ppf(1 - alpha / 2)
    row.update(estimate=theta, ci_low=theta - z * se, ci_high=theta + z * se, se=se,
               p_value=float(2 * stats.norm.sf(abs(theta) / se)),
               max_pre_change=float(np.abs(changes).max()), max_pre_change_upper=d_upper,
               bias_factor=kappa)  # fmt: skip
    if abs(theta) <= z * se:
        reason = "ci_includes_zero"
    else:
        row["breakdown"] = max((abs(theta) - row["z_target"] * se) / (kappa * d_upper), 0.0)
        reason = "one_pre_estimate" if len(pre_e) == 1 else ""
    return effect_frame(measure=RM_MEASURE, method=RM_METHOD, **{**row, "reason": reason})


def robust_intervals(summary: pd.Series, mbar: Sequence[float] = MBAR_GRID) -> pd.DataFrame:
    """The robust interval of :func:`relative_magnitude` for each M̄ of a grid.

    Parameters
    ----------
    summary : pandas.Series
        One row of :func:`relative_magnitude` (``estimate``, ``se``, ``ci_low``,
        ``ci_high``, ``z_target``, ``bias_factor``, ``max_pre_change_upper``).
    mbar : sequence of float, default :data:`MBAR_GRID`
        Non-negative values of M̄.

    Returns
    -------
    pandas.DataFrame
        One row per M̄: ``mbar``, ``ci_low``, ``ci_high`` (M̄ = 0: the pointwise interval;
        M̄ > 0: θ̂₀ ± (z_{1−α/4}·se + M̄·κ·D_U)), ``excludes_zero``. NaN bounds when the
        summary has none.

    Raises
    ------
    ValueError
        A negative M̄.
    """
    m = np.asarray(mbar, dtype=float)
    if (m < 0).any() or not np.isfinite(m).all():
        raise ValueError(f"mbar must hold finite non-negative values. Got {list(mbar)!r}.")
    est, se = float(summary["estimate"]), float(summary["se"])
    half = summary["z_target"] * se + m * summary["bias_factor"] * summary["max_pre_change_upper"]
    low = np.where(m == 0, summary["ci_low"], est - half)
    high = np.where(m == 0, summary["ci_high"], est + half)
    return pd.DataFrame({"mbar": m, "ci_low": low, "ci_high": high,
                         "excludes_zero": (low > 0) | (high < 0)})  # fmt: skip
