"""Randomisation inference: sign-flip tests of pooled effects, permuted DiD start dates.

Fisher's (1935, *The Design of Experiments*, §21) randomisation test compares a statistic
with its distribution over the re-assignments the design (or the null hypothesis) makes
equally likely; Good (2005, *Permutation, Parametric and Bootstrap Tests of Hypotheses*,
3rd ed., ch. 3) gives the Monte-Carlo version used when the assignments are too many to
enumerate, with p = (1 + #{|T_r| ≥ |T_obs|}) / (1 + R), a valid p-value for any number R
of random draws (P(p ≤ α) ≤ α). Two uses here:

- :func:`sign_flip_test`: the random-effects pooled effect of k independent estimates
  under the null that each is symmetric around 0 (every sign pattern equally likely);
- :func:`did_randomisation`: the Callaway & Sant'Anna (2021) overall ATT when the units'
  start dates (never-treated included) are permuted across all units (the tradition of
  Stata ``ritest``/R ``ri2``, pyfixest ``ritest``), beside the placebo-in-space
  distribution: fake treated units drawn among the comparison units only.

Generic statistics: no domain module imported.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from impact.stats.reasons import join_reasons

__all__ = ["RandomisationResult", "did_randomisation", "sign_flip_test"]

METHODS = ("REML", "DL", "PM", "FE")
STATISTICS = ("estimate", "t")
#: Comparison units needed for placebo-in-space: 2 fake treated and 2 controls at least.
MIN_PLACEBO_UNITS = 4
_THRESHOLD = 1e-5  # metafor's Fisher-scoring threshold, as impact.stats.meta
_LL0_TOL = np.finfo(float).eps ** 0.25  # metafor's "ll0check" tolerance
_CHUNK = 2048  # permutations per block (bounds memory)
_TIE = 1e-9  # relative tolerance: |T_r| equal to |T_obs| up to rounding counts as ≥

SIGN_FLIP_METHOD = (
    "Fisher randomisation test, sign flips of the units' effects ({kind}; Fisher 1935; "
    "Good 2005), statistic: {stat} of the {model} pooled effect"
)
DID_METHOD = (
    "randomisation inference: units' start dates permuted across all units ({n} draws, "
    "Monte-Carlo p = (1 + #{{|ATT_r| ≥ |ATT|}})/(1 + R); Fisher 1935; Good 2005; as "
    "ri2/ritest); placebo-in-space: {m} fake treated comparison units given the treated "
    "units' start dates, the other comparison units as controls ({n_space} draws)"
)


@dataclass(frozen=True)
class RandomisationResult:
    """A randomisation p-value.

    Attributes
    ----------
    statistic : float
        The observed statistic.
    p_value : float
        Two-sided: share of re-assignments with ``|T_r| ≥ |T_obs|`` (exact), or
        ``(1 + #) / (1 + R)`` (Monte Carlo). NaN with a ``reason``.
    n_permutations : int
        Re-assignments used (``2^k`` when exact).
    exact : bool
        All sign patterns enumerated.
    method : str
    reason : str
        Reason codes ("" when all is well).
    """

    statistic: float
    p_value: float
    n_permutations: int
    exact: bool
    method: str
    reason: str = ""


# --------------------------------------------------------------------------- sign flips
def _tau2(y: np.ndarray, v: np.ndarray, method: str) -> np.ndarray:
    """τ² of each row of ``y`` (R × k, sampling variances ``v``), as impact.stats.meta.pool.

    The same estimators (REML by Fisher scoring from the Hedges start with step halving,
    metafor's threshold and ``ll0check``; DerSimonian–Laird; Paule–Mandel), written on a
    matrix of rows sharing one ``v`` so that thousands of sign patterns fit at once.
    """
    n_rows, k = y.shape
    if method == "FE" or k < 2:
        return np.zeros(n_rows)
    w = 1 / v
    sw, sw2 = w.sum(), (w * w).sum()
    if method == "DL":
        mu = y @ w / sw
        q = ((y - mu[:, None]) ** 2 * w).sum(axis=1)
        return np.maximum(0.0, (q - (k - 1)) / (sw - sw2 / sw))
    ss = ((y - y.mean(axis=1, keepdims=True)) ** 2).sum(axis=1)
    if method == "PM":  # Q_gen(τ²) = k − 1, bisection on [0, ss/(k − 1)]
        lo, hi = np.zeros(n_rows), ss / (k - 1)
        search = _qgen(lo, y, v) > k - 1
        for _ in range(80):
            mid = (lo + hi) / 2
            above = _qgen(mid, y, v) > k - 1
            lo, hi = np.where(above, mid, lo), np.where(above, hi, mid)
        return np.where(search, (lo + hi) / 2, 0.0)
    tau2 = np.maximum(0.0, ss / (k - 1) - v.mean())
    done = np.zeros(n_rows, dtype=bool)
    for _ in range(100):  # converged rows stop moving (and, once most are, drop out)
        act = np.flatnonzero(~done) if done.mean() > 0.5 else slice(None)
        score, info = _reml_score(tau2[act], y[act], v)
        adj = np.where(done[act], 0.0, score / info)
        for _ in range(64):
            neg = tau2[act] + adj < 0
            if not neg.any():
                break
            adj = np.where(neg, adj / 2, adj)
        adj = np.maximum(adj, -tau2[act])
        tau2[act] += adj
        done[act] |= np.abs(adj) <= _THRESHOLD
        if done.all():
            break
    if not done.all():  # oscillating Fisher scoring: the root of the score by bisection
        todo = ~done
        lo = np.zeros(n_rows)
        hi = np.where(todo, 10 * np.maximum(ss / (k - 1), 1e-8), 0.0)
        for _ in range(200):
            grow = todo & (_reml_score(hi, y, v)[0] > 0)
            if not grow.any():
                break
            hi = np.where(grow, 4 * hi, hi)
        for _ in range(80):
            mid = (lo + hi) / 2
            up = _reml_score(mid, y, v)[0] > 0
            lo, hi = np.where(up, mid, lo), np.where(up, hi, mid)
        positive = _reml_score(np.zeros(n_rows), y, v)[0] > 0
        tau2 = np.where(todo, np.where(positive, (lo + hi) / 2, 0.0), tau2)
    worse = (_loglik(np.zeros(n_rows), y, v) - _loglik(tau2, y, v) > _LL0_TOL) & (tau2 > _THRESHOLD)
    return np.where(worse, 0.0, tau2)


def _rowdot(a, b):
    return np.einsum("ij,ij->i", a, b)


def _qgen(tau2, y, v):
    w = 1 / (v[None, :] + tau2[:, None])
    r = y - (_rowdot(w, y) / w.sum(axis=1))[:, None]
    return _rowdot(w * r, r)


def _reml_score(tau2, y, v):
    w = 1 / (v[None, :] + tau2[:, None])
    w2 = w * w
    sw, sw2, sw3 = w.sum(axis=1), w2.sum(axis=1), _rowdot(w2, w)
    r = w * (y - (_rowdot(w, y) / sw)[:, None])
    return _rowdot(r, r) - (sw - sw2 / sw), sw2 - 2 * sw3 / sw + (sw2 / sw) ** 2


def _loglik(tau2, y, v):
    vt = v[None, :] + tau2[:, None]
    w = 1 / vt
    sw = w.sum(axis=1)
    r = y - (_rowdot(w, y) / sw)[:, None]
    return -0.5 * (np.log(vt).sum(axis=1) + np.log(sw) + _rowdot(w * r, r))


def _pooled_statistic(y, v, method, hartung_knapp, statistic):
    """The pooled estimate (or its t/z statistic) of every row of ``y``."""
    tau2 = _tau2(y, v, method)
    w = 1 / (v[None, :] + tau2[:, None])
    sw = w.sum(axis=1)
    mu = (w * y).sum(axis=1) / sw
    if statistic == "estimate":
        return mu
    var = 1 / sw
    if hartung_knapp and y.shape[1] > 1:
        var = var * (w * (y - mu[:, None]) ** 2).sum(axis=1) / (y.shape[1] - 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return mu / np.sqrt(var)


def _count_extreme(draws: np.ndarray, observed: float) -> int:
    """#{|T_r| ≥ |T_obs|}, rounding ties (sign-symmetric patterns) in favour of ≥."""
    return int((np.abs(draws) >= abs(observed) * (1 - _TIE) - 1e-300).sum())


def sign_flip_test(
    estimates: np.ndarray | pd.Series | list[float],
    se: np.ndarray | pd.Series | list[float],
    *,
    n_perm: int = 9999,
    seed: int | np.random.Generator | None = 0,
    method: str = "REML",
    hartung_knapp: bool = True,
    statistic: str = "estimate",
) -> RandomisationResult:
    """Fisher randomisation (sign-flip) test of a random-effects pooled effect.

    Under the sharp null that every unit's true effect is 0 and its estimate is
    symmetric around 0, each of the 2^k sign patterns of the k estimates is equally
    likely; the pooled effect (:func:`impact.stats.meta.pool`'s: same τ² estimator,
    weights ``1/(se² + τ²)``, recomputed for every pattern) is compared with its
    distribution. All 2^k patterns are enumerated when 2^k ≤ ``n_perm`` (exact p-value),
    else ``n_perm`` random patterns give p = (1 + #{|T_r| ≥ |T_obs|}) / (1 + n_perm).

    Parameters
    ----------
    estimates, se : array-like
        The units' estimates on the analysis scale (log for ratios) and their standard
        errors; pairs with a missing value or a non-positive SE are left out.
    n_perm : int, default 9999
    seed : int or numpy.random.Generator, default 0
    method : {"REML", "DL", "PM", "FE"}, default "REML"
        τ² estimator, as :func:`impact.stats.meta.pool`.
    hartung_knapp : bool, default True
        Used by ``statistic="t"`` only.
    statistic : {"estimate", "t"}, default "estimate"
        The pooled estimate, or its studentised value.

    Returns
    -------
    RandomisationResult
        Reason ``no_study`` (k = 0) or ``single_study`` (k = 1: a single sign flip
        cannot reject) with a NaN p-value.

    Examples
    --------
    >>> res = sign_flip_test([1.0, 2.0, 3.0], [1.0, 1.0, 1.0], method="FE")
    >>> res.exact, res.n_permutations, res.p_value
    (True, 8, 0.25)
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}. Got {method!r}.")
    if statistic not in STATISTICS:
        raise ValueError(f"statistic must be one of {STATISTICS}. Got {statistic!r}.")
    if isinstance(n_perm, bool) or not isinstance(n_perm, (int, np.integer)) or n_perm < 1:
        raise ValueError(f"n_perm must be a positive integer. Got {n_perm!r}.")
    y = np.asarray(estimates, dtype=float).ravel()
    s = np.asarray(se, dtype=float).ravel()
    if y.shape != s.shape:
        raise ValueError(f"estimates and se must have the same length. Got {len(y)}, {len(s)}.")
    keep = np.isfinite(y) & np.isfinite(s) & (s > 0)
    y, v = y[keep], s[keep] ** 2
    k = len(y)
    exact = k < 63 and 2**k <= n_perm
    model = "common-effect" if method == "FE" else f"random-effects ({method} τ²)"
    text = SIGN_FLIP_METHOD.format(
        kind=f"all {2**k} patterns" if exact else f"{n_perm} random patterns",
        stat="t statistic" if statistic == "t" else "estimate", model=model,
    )  # fmt: skip
    if k < 2:
        reason = "no_study" if k == 0 else "single_study"
        return RandomisationResult(np.nan, np.nan, 0, False, text, reason)
    observed = float(_pooled_statistic(y[None, :], v, method, hartung_knapp, statistic)[0])
    if exact:
        signs = ((np.arange(2**k)[:, None] >> np.arange(k)) & 1) * 2.0 - 1.0
    else:
        rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
        signs = rng.integers(0, 2, size=(n_perm, k)) * 2.0 - 1.0
    hits = 0
    for lo in range(0, len(signs), _CHUNK):
        draws = _pooled_statistic(signs[lo : lo + _CHUNK] * y, v, method, hartung_knapp,
                                  statistic)  # fmt: skip
        hits += _count_extreme(draws, observed)
    p = hits / len(signs) if exact else (1 + hits) / (1 + n_perm)
    return RandomisationResult(observed, float(p), len(signs), bool(exact), text)


# --------------------------------------------------------------------------- DiD
def _did_panel(data, unit, time, outcome, start, comparison):
    """Units × periods outcomes, each unit's cohort position (inf: never), comparison flags.

    The cohort of a unit is the first period ≥ its start, as
    :func:`impact.stats.did_staggered.staggered_did` (a start after the last period is
    never treated within the window).
    """
    cols = [unit, time, outcome, start] + ([comparison] if comparison else [])
    missing = [c for c in cols if c not in data.columns]
    if missing:
        raise ValueError(f"Column {missing[0]!r} is not in data. Got columns {list(data.columns)}.")
    df = data.loc[data[unit].notna() & data[time].notna(), cols]
    times = pd.Index(df[time].unique()).sort_values()
    codes, _ = pd.factorize(df[unit], sort=True)
    tpos = times.get_indexer(df[time])
    n_units = int(codes.max()) + 1 if len(codes) else 0
    if pd.Series(codes.astype(np.int64) * len(times) + tpos).duplicated().any():
        raise ValueError("Each unit must have at most one row per period.")
    y = np.full((n_units, len(times)), np.nan)
    y[codes, tpos] = pd.to_numeric(df[outcome], errors="coerce").to_numpy(dtype=float)
    per_unit = df.groupby(codes, sort=True)
    starts = per_unit[start].first()
    gpos = np.full(n_units, np.inf)
    has = starts.notna().to_numpy()
    if has.any():
        gpos[has] = times.searchsorted(pd.Index(starts[has].to_numpy()), side="left")
    gpos[gpos >= len(times)] = np.inf
    comp = (per_unit[comparison].first().astype(bool).to_numpy() if comparison
            else ~has)  # fmt: skip
    return y, gpos, comp


def _att_draws(y: np.ndarray, draws: np.ndarray, control: str, anticipation: int) -> np.ndarray:
    """Callaway–Sant'Anna simple overall ATT for every row of ``draws``.

    ``draws`` (R × units) holds cohort positions (inf: never treated). Only the
    post-treatment cells t ≥ g enter the simple aggregation; each is the 2×2 DiD of the
    cohort against the comparison units between the base g − 1 − anticipation and t
    (units observed at both), weighted by the cohort's share of units, exactly as
    :func:`impact.stats.did_staggered.staggered_did` with ``overall="simple"``, but for
    all rows at once (one pass per cohort, matrix products over units).
    """
    obs = np.isfinite(y)
    y0 = np.where(obs, y, 0.0)
    n_times = y.shape[1]
    never = np.isinf(draws)
    num, den = np.zeros(len(draws)), np.zeros(len(draws))
    for g in np.unique(draws[~never]).astype(int):
        base = g - 1 - anticipation
        if base < 0 or g >= n_times:
            continue
        post = np.arange(g, n_times)
        both = (obs[:, post] & obs[:, [base]]).astype(float)
        dy = np.where(both > 0, y0[:, post] - y0[:, [base]], 0.0)
        member = (draws == g).astype(float)
        s_t, n_t = member @ dy, member @ both
        if control == "never_treated":
            ctrl = never.astype(float)
            s_c, n_c = ctrl @ dy, ctrl @ both
        else:  # never treated, or not yet treated by t + anticipation (t > base)
            later = (draws[:, :, None] > (post + anticipation)[None, None, :]) & (draws != g)[
                :, :, None
            ]
            ctrl = (never[:, :, None] | later).astype(float)
            s_c = np.einsum("rip,ip->rp", ctrl, dy)
            n_c = np.einsum("rip,ip->rp", ctrl, both)
        with np.errstate(invalid="ignore", divide="ignore"):
            att = s_t / n_t - s_c / n_c
        ok = np.isfinite(att)
        share = member.mean(axis=1)
        num += share * np.where(ok, att, 0.0).sum(axis=1)
        den += share * ok.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / den, np.nan)


def _att_many(y, draws, control, anticipation):
    """:func:`_att_draws` by blocks of rows, on one BLAS thread (the products are small:
    threads only wait on a busy machine, 2 to 10 times slower measured here)."""
    if not len(draws):
        return np.array([])
    with threadpool_limits(1):
        return np.concatenate([_att_draws(y, draws[lo : lo + _CHUNK // 8], control, anticipation)
                               for lo in range(0, len(draws), _CHUNK // 8)])  # fmt: skip


def _placebo_draws(gpos, comp, n_space, rng):
    """Cohort positions of the comparison units in each placebo-in-space draw.

    Each draw makes ``m = min(#treated units with a start, #comparison // 2)`` comparison units
    treated, with start dates drawn without replacement from the treated units' cohorts; the
    others stay never treated. Returns (draws, m).
    """
    starts = gpos[~comp & np.isfinite(gpos)]
    n_comp = int(comp.sum())
    m = min(len(starts), n_comp // 2)
    draws = np.full((n_space, n_comp), np.inf)
    if m == 0:
        return draws, 0
    rows = np.arange(n_space)[:, None]
    who = np.argsort(rng.random((n_space, n_comp)), axis=1)[:, :m]
    when = np.argsort(rng.random((n_space, len(starts))), axis=1)[:, :m]
    draws[rows, who] = starts[when]
    return draws, m


def did_randomisation(
    data: pd.DataFrame,
    *,
    unit: str,
    time: str,
    outcome: str,
    start: str,
    comparison: str | None = None,
    control: str = "never_treated",
    anticipation: int = 0,
    n_perm: int = 499,
    n_space: int = 499,
    seed: int | np.random.Generator | None = 0,
) -> pd.DataFrame:
    """Randomisation p-value and placebo-in-space position of the overall CS ATT.

    The statistic is the simple overall ATT of Callaway & Sant'Anna (2021), as
    :func:`impact.stats.did_staggered.staggered_did` computes it (same cells, controls and
    cohort weights; no bootstrap needed for a point estimate).

    - Randomisation inference: the units' start dates (never treated counting as one) are
      permuted across all units ``n_perm`` times; p = (1 + #{|ATT_r| ≥ |ATT|}) /
      (1 + R), R the permutations giving an estimate. It tests the sharp null that the
      start dates had no effect on any unit's outcomes, whatever the timing.
    - Placebo-in-space: among the comparison units only, ``m`` fake treated units (m =
      min(treated units with a start, half the comparison units)) get start dates drawn from the
      real treated units'; the others are controls; ``n_space`` draws. Reported: the share of
      placebo ATTs at least as large as the real one in absolute value, their count, and
      their 2.5 % and 97.5 % quantiles. A placebo rests on fewer treated units than the
      real estimate, so it spreads more: the share is conservative.

    Parameters
    ----------
    data : pandas.DataFrame
        Long panel, one row per unit and period.
    unit, time, outcome, start : str
        As :func:`impact.stats.did_staggered.staggered_did` (``start`` NaN: never treated).
    comparison : str, optional
        Boolean column (constant within unit) marking the comparison units; default the
        units without a start.
    control : {"never_treated", "not_yet_treated"}
    anticipation : int, default 0
    n_perm, n_space : int, default 499
        Permutations of the start dates and placebo-in-space draws.
    seed : int or numpy.random.Generator, default 0

    Returns
    -------
    pandas.DataFrame
        One row: ``estimate`` (the ATT), ``p_randomisation``, ``n_permutations``,
        ``placebo_space_share_larger``, ``placebo_space_n``, ``placebo_low``,
        ``placebo_high``, ``n_placebo_treated``, ``method``, ``reason`` (codes:
        ``too_few_units`` below 2 units, ``no_post_cell`` without an estimate,
        ``few_placebo_units`` below :data:`MIN_PLACEBO_UNITS` comparison units,
        ``permutations_dropped`` when some draws gave no estimate).

    Examples
    --------
    >>> rows = [(u, t, float(t + (u < 4) * (t >= 2) * 3 + u % 3), 2 if u < 4 else None)
    ...         for u in range(10) for t in range(4)]
    >>> panel = pd.DataFrame(rows, columns=["id", "t", "y", "g"])
    >>> row = did_randomisation(panel, unit="id", time="t", outcome="y", start="g")
    >>> round(float(row.loc[0, "estimate"]), 6), float(row.loc[0, "placebo_space_share_larger"])
    (3.0, 0.0)
    """
    if control not in ("never_treated", "not_yet_treated"):
        raise ValueError(f"control must be 'never_treated' or 'not_yet_treated'. Got {control!r}.")
    for name, value in (("n_perm", n_perm), ("n_space", n_space), ("anticipation", anticipation)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
            raise ValueError(f"{name} must be a non-negative integer. Got {value!r}.")
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    y, gpos, comp = _did_panel(data, unit, time, outcome, start, comparison)
    reasons: list[str] = []
    row = dict(estimate=np.nan, p_randomisation=np.nan, n_permutations=0,
               placebo_space_share_larger=np.nan, placebo_space_n=0, placebo_low=np.nan,
               placebo_high=np.nan, n_placebo_treated=0)  # fmt: skip
    observed = _att_draws(y, gpos[None, :], control, anticipation)[0] if len(gpos) else np.nan
    row["estimate"] = observed
    if len(gpos) < 2:
        reasons.append("too_few_units")
    elif not np.isfinite(observed):
        reasons.append("no_post_cell")
    else:
        perms = np.argsort(rng.random((n_perm, len(gpos))), axis=1)
        att = _att_many(y, gpos[perms], control, anticipation)
        good = att[np.isfinite(att)]
        if len(good) < len(att):
            reasons.append("permutations_dropped")
        row["n_permutations"] = len(good)
        if len(good):
            row["p_randomisation"] = (1 + _count_extreme(good, observed)) / (1 + len(good))
        if comp.sum() < MIN_PLACEBO_UNITS:
            reasons.append("few_placebo_units")
        else:
            draws, m = _placebo_draws(gpos, comp, n_space, rng)
            placebo = _att_many(y[comp], draws, control, anticipation) if m else np.array([])
            placebo = placebo[np.isfinite(placebo)]
            row["n_placebo_treated"] = m
            row["placebo_space_n"] = len(placebo)
            if len(placebo):
                row["placebo_space_share_larger"] = _count_extreme(placebo, observed) / len(placebo)
                row["placebo_low"], row["placebo_high"] = np.quantile(placebo, [0.025, 0.975])
            else:
                reasons.append("few_placebo_units")
    method = DID_METHOD.format(n=row["n_permutations"], m=row["n_placebo_treated"],
                               n_space=row["placebo_space_n"])  # fmt: skip
    return pd.DataFrame([{**row, "method": method, "reason": join_reasons(*reasons)}])
