"""Meta-analysis of effect tables: pooling, leave-one-out, subgroups, meta-regression.

Random-effects pooling as R's metafor defines it (Viechtbauer 2010, *J Stat Softw* 36(3)),
on the analysis scale of the effect table (log for ratios), vectorised so that thousands of
meta-analyses (one per outcome, per subgroup, per omitted study) are fitted at once.
:func:`regression` (mixed-effects meta-regression) lives in :mod:`impact.stats.meta_regression`,
subgroup analyses in :mod:`impact.stats.meta_subgroups`.
Generic statistics: no domain module is imported here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from impact.stats.effect_table import effect_frame
from impact.stats.meta_regression import (
    MetaRegression,
    analysis_values,
    check_options,
    method_text,
    one_scale,
    regression,
)
from impact.stats.reasons import join_reasons

__all__ = ["MetaRegression", "as_column_list", "leave_one_out", "pool", "pool_by_group",
           "regression"]  # fmt: skip

_THRESHOLD = 1e-5  # metafor's convergence threshold for Fisher scoring (change in τ²)
_LL0_TOL = np.finfo(float).eps ** 0.25  # metafor's tolerance of its "ll0check"
_MAXITER = 100
_BISECT = 80  # halvings of the bracket: precision 2⁻⁸⁰ of its width


def _sum(x: np.ndarray, codes: np.ndarray, n: int) -> np.ndarray:
    return np.bincount(codes, weights=x, minlength=n)


def _q_gen(tau2, y, v, codes, n):
    """Generalised Q, ``Σ (y − μ̂)² / (v + τ²)`` per group (μ̂ its weighted mean)."""
    w = 1 / (v + tau2[codes])
    mu = _sum(w * y, codes, n) / _sum(w, codes, n)
    return _sum(w * (y - mu[codes]) ** 2, codes, n)


def _q_root(target, y, v, codes, n, k):
    """τ² solving ``Q_gen(τ²) = target`` per group (0 where ``Q_gen(0) ≤ target``).

    Q_gen decreases in τ² and ``Q_gen(τ²) ≤ Σ(y − ȳ)²/τ²``, which brackets the root in
    ``[0, Σ(y − ȳ)² / target]``; vectorised bisection then halves every bracket at once.
    """
    ybar = _sum(y, codes, n) / np.maximum(k, 1)
    ss = _sum((y - ybar[codes]) ** 2, codes, n)
    with np.errstate(divide="ignore", invalid="ignore"):
        lo, hi = np.zeros(n), np.where(target > 0, ss / target, 0.0)
    search = (k >= 2) & (_q_gen(lo, y, v, codes, n) > target)
    hi = np.where(search, hi, 0.0)
    for _ in range(_BISECT):
        mid = (lo + hi) / 2
        above = _q_gen(mid, y, v, codes, n) > target
        lo, hi = np.where(above, mid, lo), np.where(above, hi, mid)
    return np.where(search, (lo + hi) / 2, 0.0)


def _reml_score(tau2, y, v, codes, n):
    """Per group: ``y'PPy − tr P`` (twice the REML score) and ``tr(PP)`` (twice the
    information) at τ², for intercept-only models (sums over each group's studies)."""
    w = 1 / (v + tau2[codes])
    sw, sw2, sw3 = (_sum(w**j, codes, n) for j in (1, 2, 3))
    mu = _sum(w * y, codes, n) / sw
    yppy = _sum((w * (y - mu[codes])) ** 2, codes, n)
    return yppy - (sw - sw2 / sw), sw2 - 2 * sw3 / sw + (sw2 / sw) ** 2


def _reml(y, v, codes, n, k):
    """REML τ² for every group at once, by Fisher scoring exactly as metafor's ``rma.uni``.

    statsmodels has no meta-analytic REML, hence this code: the restricted log-likelihood
    of the random-effects model has score ``½(y'PPy − tr P)`` and information
    ``½ tr(PP)``; each step ``τ² ← τ² + (y'PPy − tr P)/tr(PP)`` is halved while it would
    make τ² negative (Viechtbauer 2005, *J Educ Behav Stat* 30:261–293). As metafor, it
    starts at the Hedges estimate ``max(0, var(y) − mean(v))``, stops when a step changes
    τ² by less than 1e-5 (metafor's ``threshold``: its printed results are reproduced to
    the last digit; the exact maximum can differ in τ² by about that much), and falls back
    to τ² = 0 when the restricted likelihood is higher there (metafor's ``ll0check``). For
    an intercept-only model every term is a sum over the group's studies, so all groups
    iterate together with ``np.bincount``; a group stops moving once it has converged.

    Fisher scoring can oscillate without converging (metafor then stops with an error and
    suggests a smaller step); such groups (well under 1 % of simulated meta-analyses of 20
    studies) get the root of the score by bisection instead, which is the same maximum.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        kk = np.maximum(k, 1)
        ybar = _sum(y, codes, n) / kk
        ss = _sum((y - ybar[codes]) ** 2, codes, n)
        tau2 = np.maximum(0.0, ss / (kk - 1) - _sum(v, codes, n) / kk)
        tau2 = np.where(k >= 2, tau2, 0.0)
        done = k < 2
        for _ in range(_MAXITER):
            score, info = _reml_score(tau2, y, v, codes, n)
            adj = np.where(done, 0.0, score / info)
            for _ in range(64):  # step-halving keeps τ² ≥ 0
                neg = tau2 + adj < 0
                if not neg.any():
                    break
                adj = np.where(neg, adj / 2, adj)
            adj = np.maximum(adj, -tau2)
            tau2 = tau2 + adj
            done = done | (np.abs(adj) <= _THRESHOLD)
            if done.all():
                break
        if not done.all():
            tau2 = np.where(done, tau2, _reml_bisect(y, v, codes, n, ss / (kk - 1), ~done))
            done = np.ones(n, dtype=bool)
        worse = (
            _restricted_loglik(np.zeros(n), y, v, codes, n)
            - _restricted_loglik(tau2, y, v, codes, n)
            > _LL0_TOL
        ) & (tau2 > _THRESHOLD)
    return np.where(worse, 0.0, tau2), done


def _reml_bisect(y, v, codes, n, spread, todo):
    """Root of the REML score in the groups ``todo`` by bisection (0 if the score is ≤ 0
    there); the bracket grows from ``10·var(y)`` until the score is negative."""
    lo = np.zeros(n)
    positive = todo & (_reml_score(lo, y, v, codes, n)[0] > 0)
    hi = np.where(positive, 10 * np.maximum(spread, 1e-8), 0.0)
    for _ in range(200):
        grow = positive & (_reml_score(hi, y, v, codes, n)[0] > 0)
        if not grow.any():
            break
        hi = np.where(grow, 4 * hi, hi)
    for _ in range(_BISECT):
        mid = (lo + hi) / 2
        up = _reml_score(mid, y, v, codes, n)[0] > 0
        lo, hi = np.where(up, mid, lo), np.where(up, hi, mid)
    return np.where(positive, (lo + hi) / 2, 0.0)


def _restricted_loglik(tau2, y, v, codes, n):
    """REML log-likelihood of the intercept-only model per group (up to a constant)."""
    w = 1 / (v + tau2[codes])
    sw = _sum(w, codes, n)
    mu = _sum(w * y, codes, n) / sw
    return -0.5 * (_sum(np.log(v + tau2[codes]), codes, n) + np.log(sw)
                   + _sum(w * (y - mu[codes]) ** 2, codes, n))  # fmt: skip


@np.errstate(divide="ignore", invalid="ignore")  # empty groups give NaN, not warnings
def _fit(y, v, codes, n, *, method, hartung_knapp, conf_level, profile=True):
    """Fit one intercept-only model per group code; a dict of arrays of length ``n``."""
    k = np.bincount(codes, minlength=n)
    df = k - 1.0
    w = 1 / v
    sw, sw2 = _sum(w, codes, n), _sum(w * w, codes, n)
    mu_fe = _sum(w * y, codes, n) / sw
    Q = _sum(w * (y - mu_fe[codes]) ** 2, codes, n)
    trp = sw - sw2 / sw  # tr(P) with FE weights
    s2 = df * sw / (sw**2 - sw2)  # "typical" within-study variance (Higgins & Thompson)
    converged = np.ones(n, dtype=bool)
    tau2_se = np.full(n, np.nan)
    if method == "FE":
        tau2 = np.zeros(n)
    elif method == "DL":
        tau2 = np.where(k >= 2, np.maximum(0.0, (Q - df) / trp), 0.0)
        sum_pp = sw2 - 2 * _sum(w**3, codes, n) / sw + (sw2 / sw) ** 2
        tau2_se = np.sqrt((2 * df + 4 * tau2 * trp + 2 * tau2**2 * sum_pp) / trp**2)
    elif method == "PM":
        tau2 = _q_root(df, y, v, codes, n, k)
    else:
        tau2, converged = _reml(y, v, codes, n, k)
    ws = 1 / (v + tau2[codes])
    sws = _sum(ws, codes, n)
    mu = _sum(ws * y, codes, n) / sws
    var = 1 / sws
    if method == "REML":
        sws2, sws3 = _sum(ws**2, codes, n), _sum(ws**3, codes, n)
        tau2_se = np.sqrt(2 / (sws2 - 2 * sws3 / sws + (sws2 / sws) ** 2))
    elif method == "PM":
        tau2_se = np.sqrt(2 * k**2 / df) / sws
    alpha = 1 - conf_level
    if hartung_knapp:
        var = var * _sum(ws * (y - mu[codes]) ** 2, codes, n) / df
        t_df = np.where(df > 0, df, np.nan)
        crit = stats.t.ppf(1 - alpha / 2, t_df)
    else:
        t_df = np.full(n, np.nan)
        crit = np.full(n, stats.norm.ppf(1 - alpha / 2))
    se = np.sqrt(var)
    stat = mu / se
    p = 2 * (stats.t.sf(np.abs(stat), t_df) if hartung_knapp else stats.norm.sf(np.abs(stat)))
    pi_half = crit * np.sqrt(var + tau2)
    if method == "FE":
        I2 = np.where(Q > 0, np.maximum(0.0, 100 * (Q - df) / Q), 0.0)
        H2 = Q / df
    else:
        I2, H2 = 100 * tau2 / (tau2 + s2), (tau2 + s2) / s2
    Q_p = np.where(df > 0, stats.chi2.sf(Q, np.maximum(df, 1)), np.nan)
    # Q-profile interval for τ² (Viechtbauer 2007, Stat Med 26:37–52), metafor's confint
    ci_lo = ci_hi = np.full(n, np.nan)
    if profile:
        dfs = np.maximum(df, 1)
        ci_lo = _q_root(np.where(df > 0, stats.chi2.ppf(1 - alpha / 2, dfs), 0),
                        y, v, codes, n, k)  # fmt: skip
        ci_hi = _q_root(np.where(df > 0, stats.chi2.ppf(alpha / 2, dfs), 0),
                        y, v, codes, n, k)  # fmt: skip
    few = k < 2
    random = method != "FE"
    nan = np.nan

    def het(x):
        return np.where(few, nan, x)

    return {
        "mu": mu, "se": se, "p": p, "lo": mu - crit * se, "hi": mu + crit * se,
        "pi_lo": mu - pi_half, "pi_hi": mu + pi_half,
        "tau2": np.where(few, nan, tau2) if random else np.zeros(n),
        "tau2_se": het(tau2_se) if random else np.full(n, nan),
        "tau2_ci_low": het(ci_lo) if random else np.full(n, nan),
        "tau2_ci_high": het(ci_hi) if random else np.full(n, nan),
        "I2": het(I2), "H2": het(H2), "Q": het(Q), "Q_df": np.maximum(k - 1, 0), "Q_p": het(Q_p),
        "k": k, "df": t_df, "converged": converged,
    }  # fmt: skip


def _group_codes(frame: pd.DataFrame, by: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """Integer group code per row and the table of group keys (sorted, NaN keys kept)."""
    if not by:
        return np.zeros(len(frame), dtype=np.intp), pd.DataFrame(index=range(1))
    missing = [c for c in by if c not in frame.columns]
    if missing:
        raise ValueError(f"by column(s) {missing} not in effects. Got {list(frame.columns)}.")
    grouped = frame.groupby(by, sort=True, dropna=False, observed=True)
    codes = grouped.ngroup().to_numpy(dtype=np.intp)
    keys = grouped.size().reset_index()[by]
    return codes, keys


def as_column_list(by: str | list[str] | None) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def pool_by_group(frame, by, method, hartung_knapp, conf_level, profile=True):
    """:func:`pool` on a frame (``profile=False`` skips the Q-profile interval)."""
    method = check_options(method, conf_level)
    y, v, valid, scales = analysis_values(frame)
    codes, keys = _group_codes(frame, by)
    n = len(keys)
    distinct = pd.Series(scales[valid]).groupby(codes[valid]).nunique()
    if (distinct > 1).any():
        code = int(distinct.index[np.argmax(distinct.to_numpy() > 1)])
        where = f"effects of group {keys.iloc[code].tolist()}" if by else "effects"
        one_scale(scales[valid & (codes == code)], where)
    fit = _fit(y[valid], v[valid], codes[valid], n, method=method,
               hartung_knapp=hartung_knapp, conf_level=conf_level, profile=profile)  # fmt: skip
    scale_of = pd.Series(scales[valid]).groupby(codes[valid]).first()
    scale = np.array([scale_of.get(g, "identity") for g in range(n)], dtype=object)
    log = scale == "log"

    def report(x):
        return np.where(log, np.exp(x), x)

    dropped = np.bincount(codes[~valid], minlength=n)
    reason = []
    for g in range(n):
        parts = []
        if fit["k"][g] == 0:
            parts.append("no_study")
        elif fit["k"][g] == 1:
            parts.append("single_study")
        if dropped[g]:
            parts.append("rows_dropped")
        if not fit["converged"][g]:
            parts.append("not_converged")
        reason.append(join_reasons(*parts))
    measure = ""
    if "measure" in frame.columns:
        labels = frame["measure"].astype("string").fillna("").to_numpy(dtype=object)
        per = (
            pd.Series(labels[valid]).groupby(codes[valid]).agg(lambda s: " / ".join(sorted(set(s))))
        )
        measure = np.array([per.get(g, "") for g in range(n)], dtype=object)
    counts = {}
    for col in ("n_before", "n_after", "n"):
        if col in frame.columns:
            x = pd.to_numeric(frame[col], errors="coerce").to_numpy(dtype=float)[valid]
            total = _sum(np.nan_to_num(x), codes[valid], n)
            complete = np.bincount(codes[valid][np.isnan(x)], minlength=n) == 0
            counts[col] = np.where(complete & (fit["k"] > 0), total, np.nan)
    extra = {k_: fit[k_] for k_ in ("tau2", "tau2_se", "tau2_ci_low", "tau2_ci_high", "I2",
                                     "H2", "Q", "Q_df", "Q_p", "k", "df")}  # fmt: skip
    table = effect_frame(
        {c: keys[c].to_numpy() for c in by},
        measure=measure, estimate=report(fit["mu"]), ci_low=report(fit["lo"]),
        ci_high=report(fit["hi"]), se=fit["se"], scale=scale, p_value=fit["p"],
        **counts, method=method_text(method, hartung_knapp), reason=np.array(reason, dtype=object),
        pi_low=report(fit["pi_lo"]), pi_high=report(fit["pi_hi"]),
        tau=np.sqrt(fit["tau2"]), **extra, conf_level=conf_level,
    )  # fmt: skip
    table[["k", "Q_df"]] = table[["k", "Q_df"]].astype("int64")
    return table


def pool(
    effects: pd.DataFrame,
    *,
    method: str = "REML",
    hartung_knapp: bool = False,
    conf_level: float = 0.95,
    by: str | list[str] | None = None,
) -> pd.DataFrame:
    """Pool an effect table: random-effects (or common-effect) meta-analysis.

    Works on the analysis scale of each row (``y = estimate``, or ``log(estimate)`` when
    ``scale == "log"``; ``v = se²``) and reports back on the reporting scale. τ² is
    estimated by REML (Fisher scoring; Viechtbauer 2005), DerSimonian & Laird (1986), or
    Paule & Mandel (1982: the τ² at which the generalised Q equals k − 1), or set to 0
    ("FE": inverse-variance common effect). Heterogeneity is reported as metafor defines it:
    Cochran's Q with inverse-variance weights, ``I² = 100·τ²/(τ² + s²)`` and
    ``H² = (τ² + s²)/s²`` with the typical within-study variance
    ``s² = (k − 1)Σw / ((Σw)² − Σw²)`` (Higgins & Thompson 2002; for FE,
    ``I² = 100·(Q − (k − 1))/Q`` truncated at 0 and ``H² = Q/(k − 1)``), the Q-profile
    interval for τ² (Viechtbauer 2007), and the prediction interval
    ``μ̂ ± crit·√(SE² + τ²)`` of ``metafor::predict.rma`` (z, or t on k − 1 df with
    Hartung–Knapp). ``hartung_knapp=True`` multiplies the variance of μ̂ by
    ``Σw*(y − μ̂)²/(k − 1)`` (not truncated at 1, as metafor's ``test="knha"``) and uses t
    on k − 1 df (Hartung & Knapp 2001; Sidik & Jonkman 2002).

    All groups of ``by`` are fitted together (vectorised REML), so pooling 1,000 teams ×
    50 outcomes takes a fraction of a second.

    Parameters
    ----------
    effects : pandas.DataFrame
        Effect table (:mod:`impact.stats.effect_table`): ``estimate``, ``se``, ``scale``;
        ``measure`` and the counts are carried over when present.
    method : {"REML", "DL", "PM", "FE"}, default "REML"
    hartung_knapp : bool, default False
    conf_level : float, default 0.95
    by : str or list of str, optional
        Pool separately within each group (e.g. ``"indicator"``); the key columns come
        first in the output. Rows pooled together must share one scale.

    Returns
    -------
    pandas.DataFrame
        One row per pooled estimate, the effect-table columns (``estimate``, ``ci_low``,
        ``ci_high``, ``pi_low``, ``pi_high`` on the reporting scale; ``se`` on the
        analysis scale ``scale``; ``p_value``; ``n``… summed when every pooled row has
        them; ``method``; ``reason``) and ``tau``, ``tau2``, ``tau2_se``,
        ``tau2_ci_low``/``tau2_ci_high`` (Q-profile), ``I2`` (percent), ``H2``, ``Q``,
        ``Q_df``, ``Q_p``, ``k`` (studies pooled), ``df`` (t df with Hartung–Knapp, else
        NaN), ``conf_level``. Rows with a missing or non-positive estimate (for ratios) or
        SE are dropped and counted in ``reason``.

    Examples
    --------
    >>> frame = pd.DataFrame({"estimate": [0.2, 0.5, 0.1, 0.4], "se": [0.1, 0.2, 0.15, 0.1],
    ...                       "scale": "identity"})
    >>> row = pool(frame, method="FE").iloc[0]
    >>> round(float(row["estimate"]), 4), int(row["k"])
    (0.2856, 4)
    """
    return pool_by_group(effects, as_column_list(by), method, hartung_knapp, conf_level)


def leave_one_out(
    effects: pd.DataFrame,
    *,
    method: str = "REML",
    hartung_knapp: bool = False,
    conf_level: float = 0.95,
    label_col: str | None = None,
) -> pd.DataFrame:
    """Pool the effect table omitting each study in turn (``metafor::leave1out``).

    Parameters
    ----------
    effects : pandas.DataFrame
        One meta-analysis (one row per study).
    method, hartung_knapp, conf_level
        As :func:`pool`.
    label_col : str, optional
        Column naming the studies; the output's ``omitted`` column (default: the row
        position, 0-based).

    Returns
    -------
    pandas.DataFrame
        One row per study, in input order: ``omitted`` then the columns of :func:`pool`
        for the meta-analysis without it (but the τ² interval). A study that could not enter
        the analysis
        (missing estimate or SE) gives a NaN row with a ``reason``, as in metafor.

    Examples
    --------
    >>> frame = pd.DataFrame({"estimate": [3.0, 2, 5, 4, 6], "se": 1.0, "scale": "identity"})
    >>> leave_one_out(frame, method="FE")["estimate"].tolist()
    [4.25, 4.5, 3.75, 4.0, 3.5]
    """
    if label_col is not None and label_col not in effects.columns:
        raise ValueError(f"label_col={label_col!r} is not a column of effects. "
                         f"Got {list(effects.columns)}.")  # fmt: skip
    valid = analysis_values(effects)[2]
    frame = effects.reset_index(drop=True)
    pos = np.flatnonzero(valid)
    kept = len(pos)
    # one block per omitted study: every other valid study, stacked, grouped by the omission
    keep = ~np.eye(kept, dtype=bool)
    omit = np.repeat(np.arange(kept), kept - 1) if kept else np.array([], dtype=int)
    rows = np.broadcast_to(pos, (kept, kept))[keep]
    used = [c for c in ("measure", "estimate", "se", "scale", "n_before", "n_after", "n")
            if c in frame.columns]  # fmt: skip
    stacked = frame[used].iloc[rows].reset_index(drop=True)
    stacked["_omit"] = omit
    out = pool_by_group(stacked, ["_omit"], method, hartung_knapp, conf_level, profile=False)
    out.index = pos[out["_omit"].to_numpy()]
    out = out.drop(columns=["_omit", "tau2_ci_low", "tau2_ci_high"])
    out = out.reindex(range(len(frame)))
    out.loc[~valid, "reason"] = "study_excluded"
    out[["k", "Q_df"]] = out[["k", "Q_df"]].astype("Int64")
    labels = frame[label_col].to_numpy() if label_col else np.arange(len(frame))
    out.insert(0, "omitted", labels)
    return out.reset_index(drop=True)
