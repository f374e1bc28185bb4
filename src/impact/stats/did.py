"""Difference-in-differences with comparison units: 2×2, two-way fixed effects, staggered.

Generic statistics on a long panel (one row per unit and period; column names as keyword
arguments). :func:`did_2x2` is the canonical treated × post regression,
:func:`twfe` the two-way fixed-effects regression with a staggered treatment indicator,
and :func:`staggered_did` (in :mod:`impact.stats.did_staggered`) the heterogeneity-robust
Callaway & Sant'Anna (2021) estimator, which avoids the "forbidden comparisons" that bias
two-way fixed effects when effects vary over time (Goodman-Bacon 2021, *J Econometrics*
225:254–277). Each returns the effect-table shape of :mod:`impact.stats.effect_table`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import sparse, stats
from scipy.sparse import csgraph

from impact.stats.did_staggered import StaggeredDiDResult, staggered_did
from impact.stats.effect_table import DIFFERENCE_IN_DIFFERENCES, effect_frame

__all__ = ["StaggeredDiDResult", "did_2x2", "staggered_did", "twfe"]


def _columns(data: pd.DataFrame, **cols: str | None) -> None:
    """Raise ValueError for an argument naming no column of ``data``."""
    if not isinstance(data, pd.DataFrame):
        raise ValueError(f"data must be a pandas DataFrame. Got {type(data).__name__}.")
    for arg, col in cols.items():
        if col is not None and col not in data.columns:
            raise ValueError(f"{arg}={col!r} is not a column of data. Got {list(data.columns)}.")


def _check_conf_level(conf_level: float) -> float:
    if not isinstance(conf_level, (float, int)) or not 0 < conf_level < 1:
        raise ValueError(f"conf_level must be in (0, 1). Got {conf_level!r}.")
    return float(conf_level)


def _indicator(values: pd.Series, name: str) -> np.ndarray:
    """A 0/1 (or boolean) column as floats; ValueError for anything else."""
    arr = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    bad = ~np.isin(arr, (0.0, 1.0))
    if bad.any():
        raise ValueError(
            f"{name} must hold 0/1 or booleans. Got {values.iloc[np.flatnonzero(bad)[0]]!r}."
        )
    return arr


def _numeric(values: pd.Series, name: str) -> np.ndarray:
    if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        raise ValueError(f"{name} column must be numeric. Got {values.dtype}.")
    return values.to_numpy(dtype=float)


def _cluster_fit(y, x, groups, weights, conf_level, col):
    """OLS/WLS of ``y`` on ``x`` with CR1 cluster-robust SE; coefficient ``col``.

    statsmodels' ``cov_type="cluster"`` is CR1: the sandwich
    ``(X'X)⁻¹ Σ_g X_g'e_g e_g'X_g (X'X)⁻¹`` times ``G/(G−1) · (N−1)/(N−K)``, as Stata's
    ``regress …, vce(cluster id)``; intervals and p-values use t with G − 1 df.
    """
    model = sm.WLS(y, x, weights=weights) if weights is not None else sm.OLS(y, x)
    fit = model.fit(cov_type="cluster", cov_kwds={"groups": groups}, use_t=True)
    # Nuisance dummies can get a slightly negative variance from the CR1 sandwich (a unit
    # whose outcome never varies); only coefficient ``col`` is read, so silence numpy there.
    with np.errstate(invalid="ignore"):
        ci = np.asarray(fit.conf_int(alpha=1 - conf_level))[col]
        return (float(fit.params[col]), float(fit.bse[col]), float(ci[0]), float(ci[1]),
                float(fit.pvalues[col]))  # fmt: skip


def _two_way_residuals(
    v: np.ndarray,
    ucodes: np.ndarray,
    tcodes: np.ndarray,
    w: np.ndarray,
    tol: float = 1e-13,
    max_iter: int = 10_000,
) -> np.ndarray:
    """Residuals of ``v`` on unit and period dummies, by alternating weighted demeaning.

    The method of alternating projections (von Neumann; Guimarães & Portugal 2010,
    Stata J 10:628) converges to the two-way fixed-effects residuals, balanced panel or not.
    """
    r = v.astype(float).copy()
    wu = np.bincount(ucodes, weights=w)
    wt = np.bincount(tcodes, weights=w)
    scale = max(float(np.sqrt(np.sum(w * r**2))), 1e-300)
    for _ in range(max_iter):
        r -= (np.bincount(ucodes, weights=w * r) / wu)[ucodes]
        step = (np.bincount(tcodes, weights=w * r) / wt)[tcodes]
        r -= step
        if np.sqrt(np.sum(w * step**2)) < tol * scale:
            break
    return r


def _components(ucodes: np.ndarray, tcodes: np.ndarray) -> int:
    """Connected components of the unit–period graph (lost ranks of two-way dummies)."""
    n_u = int(ucodes.max()) + 1
    n_t = int(tcodes.max()) + 1
    graph = sparse.coo_matrix(
        (np.ones(len(ucodes)), (ucodes, n_u + tcodes)), shape=(n_u + n_t, n_u + n_t)
    )
    return int(csgraph.connected_components(graph, directed=False)[0])


def _na_row(measure, method, reason, est=np.nan, **extra):
    return effect_frame(measure=measure, estimate=est, method=method, reason=reason, **extra)


def did_2x2(
    data: pd.DataFrame,
    *,
    unit: str,
    outcome: str,
    treated: str,
    post: str,
    time: str | None = None,
    cluster: str | None = None,
    weights: str | None = None,
    conf_level: float = 0.95,
) -> pd.DataFrame:
    """Canonical 2×2 difference in differences by OLS, cluster-robust by unit.

    Fits ``y ~ treated + post + treated:post`` (WLS with ``weights``); the interaction
    coefficient equals (ȳ treated,post − ȳ treated,pre) − (ȳ control,post − ȳ control,pre)
    (Card & Krueger 1994, *Am Econ Rev* 84:772–793; Angrist & Pischke 2009, ch. 5). The
    standard error is cluster-robust CR1 by ``cluster`` (default ``unit``, so repeated
    observations of a unit are not taken as independent), with a t(G − 1) interval.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per observation (unit × period, or pooled cross-sections).
    unit, outcome, treated, post : str
        Column names; ``treated`` and ``post`` hold 0/1 or booleans.
    time : str, optional
        Period column (only checked and counted).
    cluster : str, optional
        Cluster column; default ``unit``.
    weights : str, optional
        Observation weights column (WLS).
    conf_level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        One-row effect table, ``measure = "difference-in-differences"``; ``n_before`` /
        ``n_after`` = observations before / after, ``n`` = observations, plus
        ``n_treated``, ``n_control`` (units) and ``n_clusters``. An empty cell gives NaN and
        a ``reason``; a constant outcome or fewer than 2 clusters keeps the estimate
        with NaN SE and a ``reason``.

    Examples
    --------
    >>> df = pd.DataFrame({"id": [1, 1, 2, 2, 3, 3, 4, 4], "post": [0, 1] * 4,
    ...                    "tr": [1, 1, 1, 1, 0, 0, 0, 0],
    ...                    "y": [10, 14, 11, 15, 10, 11, 12, 13]})
    >>> out = did_2x2(df, unit="id", outcome="y", treated="tr", post="post")
    >>> round(float(out["estimate"][0]), 6)
    3.0
    """
    _columns(data, unit=unit, outcome=outcome, treated=treated, post=post, time=time,
             cluster=cluster, weights=weights)  # fmt: skip
    cl = _check_conf_level(conf_level)
    cols = list(
        dict.fromkeys(c for c in (unit, outcome, treated, post, time, cluster, weights) if c)
    )
    df = data[cols].dropna()
    y = _numeric(df[outcome], "outcome")
    tr, po = _indicator(df[treated], "treated"), _indicator(df[post], "post")
    w = _numeric(df[weights], "weights") if weights else None
    if w is not None and (w < 0).any():
        raise ValueError(f"weights must be non-negative. Got {w[w < 0][0]!r}.")
    groups, _ = pd.factorize(df[cluster or unit])
    n_cl = int(groups.max()) + 1 if len(groups) else 0
    method = (f"{'WLS' if weights else 'OLS'} y ~ treated + post + treated:post, cluster-robust "
              f"(CR1) SE by {cluster or 'unit'}, t(G-1) interval")  # fmt: skip
    counts = dict(
        n_before=float((po == 0).sum()), n_after=float((po == 1).sum()), n=float(len(y)),
        n_treated=int(df.loc[tr == 1, unit].nunique()),
        n_control=int(df.loc[tr == 0, unit].nunique()), n_clusters=n_cl,
    )  # fmt: skip
    measure = DIFFERENCE_IN_DIFFERENCES
    cells = {(a, b): int(((tr == a) & (po == b)).sum()) for a in (0, 1) for b in (0, 1)}
    empty = [k for k, v in cells.items() if v == 0]
    if empty:
        a, b = empty[0]
        return _na_row(measure, method, "empty_cell", **counts)
    x = np.column_stack([np.ones_like(y), tr, po, tr * po])
    means = {k: y[(tr == k[0]) & (po == k[1])].mean() for k in cells}
    est = (means[1, 1] - means[1, 0]) - (means[0, 1] - means[0, 0])
    if np.ptp(y) == 0:
        return _na_row(measure, method, "constant_outcome", est, **counts)
    if n_cl < 2:
        return _na_row(measure, method, "too_few_clusters", est, **counts)
    est, se, lo, hi, p = _cluster_fit(y, x, groups, w, cl, 3)
    return effect_frame(measure=measure, estimate=est, ci_low=lo, ci_high=hi, se=se,
                        p_value=p, method=method, **counts)  # fmt: skip


def twfe(
    data: pd.DataFrame,
    *,
    unit: str,
    time: str,
    outcome: str,
    start: str,
    cluster: str | None = None,
    weights: str | None = None,
    conf_level: float = 0.95,
) -> pd.DataFrame:
    """Two-way fixed-effects DiD ``y_it = α_i + λ_t + β·D_it``, cluster-robust by unit.

    ``D_it = 1{t ≥ start_i}`` (0 throughout for never-treated units, ``start`` NaN/NaT).
    Fitted by OLS (WLS with ``weights``) with unit and period dummies; CR1 cluster-robust
    SE by ``cluster`` (default ``unit``) counting every dummy in K, as Stata
    ``regress y D i.unit i.time, vce(cluster unit)`` (fixest's default "nested"
    correction leaves the unit dummies out of K: a factor sqrt((N−K)/(N−K+G−1)) apart);
    t(G − 1) interval. With staggered adoption β is a weighted average of all 2×2
    comparisons, including already-treated units used as controls, and is biased when
    effects change over time (Goodman-Bacon 2021, *J Econometrics* 225:254–277): prefer
    :func:`staggered_did` then.

    Parameters
    ----------
    data : pandas.DataFrame
        Long panel, one row per unit and period (unbalanced allowed).
    unit, time, outcome, start : str
        Column names; ``start`` is comparable with ``time`` and constant within unit.
    cluster : str, optional
        Cluster column; default ``unit``.
    weights : str, optional
        Observation weights (WLS).
    conf_level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        One-row effect table, ``measure = "TWFE"``, ``method = "two-way fixed effects OLS,
        cluster-robust SE by unit"``; ``n_before`` / ``n_after`` = untreated / treated
        observations, ``n`` = observations, plus ``n_units``, ``n_treated_units``,
        ``n_periods``, ``n_clusters``. No treated observation, a treatment collinear with
        the fixed effects, a constant outcome or fewer than 2 clusters give a ``reason``.

    Examples
    --------
    >>> rows = [(u, t, t + u + 2.0 * (u < 2 and t >= 2), 2 if u < 2 else None)
    ...         for u in range(4) for t in range(4)]
    >>> df = pd.DataFrame(rows, columns=["id", "t", "y", "start"])
    >>> round(float(twfe(df, unit="id", time="t", outcome="y", start="start")["estimate"][0]), 6)
    2.0
    """
    _columns(data, unit=unit, time=time, outcome=outcome, start=start, cluster=cluster,
             weights=weights)  # fmt: skip
    cl = _check_conf_level(conf_level)
    cols = list(dict.fromkeys(c for c in (unit, time, outcome, start, cluster, weights) if c))
    df = data[cols]
    df = df[df[[unit, time, outcome] + [c for c in (cluster, weights) if c]].notna().all(axis=1)]
    y = _numeric(df[outcome], "outcome")
    try:
        d = (df[start].notna() & (df[time] >= df[start])).to_numpy(dtype=float)
    except TypeError as exc:
        raise ValueError(f"{start!r} must be comparable with {time!r}. Got "
                         f"{df[start].dtype} and {df[time].dtype}.") from exc  # fmt: skip
    w = _numeric(df[weights], "weights") if weights else None
    ucodes, units = pd.factorize(df[unit], sort=True)
    tcodes, periods = pd.factorize(df[time], sort=True)
    groups, _ = pd.factorize(df[cluster or unit])
    n_cl = int(groups.max()) + 1 if len(groups) else 0
    if cluster is None and weights is None:
        method = "two-way fixed effects OLS, cluster-robust SE by unit"
    else:
        method = (f"two-way fixed effects {'WLS' if weights else 'OLS'}, cluster-robust SE by "
                  f"{cluster or 'unit'}")  # fmt: skip
    method += " (CR1, unit and period dummies, t(G-1) interval)"
    counts = dict(
        n_before=float((d == 0).sum()), n_after=float((d == 1).sum()), n=float(len(y)),
        n_units=len(units), n_treated_units=int(len(np.unique(ucodes[d == 1]))),
        n_periods=len(periods), n_clusters=n_cl,
    )  # fmt: skip
    if len(y) == 0 or d.min() == d.max():
        return _na_row("TWFE", method, "no_treatment_variation", **counts)
    # Frisch–Waugh–Lovell: partial the unit and period effects out of y and D by
    # alternating (weighted) demeaning, then regress ỹ on D̃. Same coefficient and
    # residuals as the dummy regression, without a dense (N × (U + T)) design and its SVD.
    weights_ = np.ones_like(y) if w is None else w
    d_t = _two_way_residuals(d, ucodes, tcodes, weights_)
    if np.sum(weights_ * d_t**2) <= 1e-10 * np.sum(weights_ * (d - d.mean()) ** 2):
        return _na_row("TWFE", method, "treatment_collinear", **counts)
    if np.ptp(y) == 0:
        return _na_row("TWFE", method, "constant_outcome", 0.0, **counts)
    y_t = _two_way_residuals(y, ucodes, tcodes, weights_)
    sxx = float(np.sum(weights_ * d_t**2))
    est = float(np.sum(weights_ * d_t * y_t) / sxx)
    if n_cl < 2:
        return _na_row("TWFE", method, "too_few_clusters", est, **counts)
    resid = y_t - est * d_t
    scores = np.bincount(groups, weights=weights_ * d_t * resid, minlength=n_cl)
    k = len(units) + len(periods) - _components(ucodes, tcodes) + 1  # rank of the full design
    n = len(y)
    factor = n_cl / (n_cl - 1) * (n - 1) / (n - k)
    se = float(np.sqrt(factor * np.sum(scores**2)) / sxx)
    q = stats.t.ppf(0.5 + cl / 2, n_cl - 1)
    lo, hi = est - q * se, est + q * se
    p = float(2 * stats.t.sf(abs(est / se), n_cl - 1)) if se > 0 else np.nan
    return effect_frame(measure="TWFE", estimate=est, ci_low=lo, ci_high=hi, se=se,
                        p_value=p, method=method, **counts)  # fmt: skip
