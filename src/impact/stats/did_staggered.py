"""Staggered-adoption difference-in-differences: Callaway & Sant'Anna (2021).

Group-time average treatment effects ATT(g, t) with never-treated or not-yet-treated
comparison units, their event-study and overall aggregations, and multiplier-bootstrap
inference on influence functions clustered by unit (Callaway B, Sant'Anna PHC 2021,
"Difference-in-Differences with multiple time periods", *J Econometrics* 225:200–230).

Written here, vectorised with numpy (units × periods matrices): no Python package for
this estimator is among the project's dependencies. The estimator is the unconditional
one (no covariates), which is R ``did::att_gt(..., xformla = ~1, est_method = "reg")``;
the aggregations follow R ``did::aggte``. Generic statistics: no domain module imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from impact.stats.effect_table import effect_frame

__all__ = ["StaggeredDiDResult", "staggered_did"]

CONTROLS = ("never_treated", "not_yet_treated")
BASE_PERIODS = ("varying", "universal")
OVERALLS = ("simple", "dynamic")
MULTIPLIERS = ("rademacher", "mammen")
MEASURE = "ATT (Callaway-Sant'Anna)"
ES_MEASURE = "ATT by event time (Callaway-Sant'Anna)"
_IQR_Z = stats.norm.ppf(0.75) - stats.norm.ppf(0.25)
_GT_COLUMNS = [
    "group", "time", "base_time", "event_time", "att", "se", "ci_low", "ci_high",
    "p_value", "n_treated", "n_control", "reason",
]  # fmt: skip


@dataclass(frozen=True)
class StaggeredDiDResult:
    """Callaway & Sant'Anna estimates.

    Attributes
    ----------
    group_time : pandas.DataFrame
        One row per cohort × period: ``group`` (first treated period of the cohort),
        ``time``, ``base_time`` (the comparison period), ``event_time`` (``time − group``
        in periods), ``att``, ``se``, ``ci_low``, ``ci_high`` (pointwise), ``p_value``,
        ``n_treated``, ``n_control`` (units in the 2×2 comparison) and ``reason`` ("" when
        all is well).
    event_study : pandas.DataFrame
        Effect table, one row per event time (identifier column ``event_time``; with
        ``uniform_bands=True`` also ``band_low``, ``band_high``), ``n`` = treated units.
    overall : pandas.DataFrame
        One-row effect table, ``measure = "ATT (Callaway-Sant'Anna)"``; ``method`` names
        the control group and the aggregation.
    notes : tuple of str
        What was set aside (units treated before the first period, unobserved cells…).
    settings : dict
        The options used.
    event_vcov : pandas.DataFrame
        Covariance matrix of the event-study estimates, rows and columns indexed by
        ``event_time`` (in the order of ``event_study``): the analytic influence-function
        covariance Σ = Φᵀ Φ, with Φ the clusters × event-times matrix of the influence
        functions summed within cluster (on the "sum" scale, so this is ΦᵀΦ/n² for
        per-unit influence functions scaled to mean zero), whatever ``n_boot``: its
        diagonal is the square of the ``n_boot=0`` standard errors, not of the bootstrap
        ones. NaN with fewer than 2 clusters.
    """

    group_time: pd.DataFrame
    event_study: pd.DataFrame
    overall: pd.DataFrame
    notes: tuple[str, ...] = ()
    settings: dict = field(default_factory=dict)
    event_vcov: pd.DataFrame = field(default_factory=pd.DataFrame)


def _check_args(control, anticipation, base_period, overall, conf_level, n_boot, multiplier):
    """Raise ValueError naming the first bad option."""
    for name, value, allowed in (
        ("control", control, CONTROLS),
        ("base_period", base_period, BASE_PERIODS),
        ("overall", overall, OVERALLS),
        ("multiplier", multiplier, MULTIPLIERS),
    ):
        if value not in allowed:
            raise ValueError(f"{name} must be one of {allowed}. Got {value!r}.")
    if isinstance(anticipation, bool) or not isinstance(anticipation, (int, np.integer)):
        raise ValueError(f"anticipation must be a non-negative integer. Got {anticipation!r}.")
    if anticipation < 0:
        raise ValueError(f"anticipation must be a non-negative integer. Got {anticipation!r}.")
    if isinstance(n_boot, bool) or not isinstance(n_boot, (int, np.integer)) or n_boot < 0:
        raise ValueError(f"n_boot must be a non-negative integer (0: analytic SE). Got {n_boot!r}.")
    if not isinstance(conf_level, (float, int)) or not 0 < conf_level < 1:
        raise ValueError(f"conf_level must be in (0, 1). Got {conf_level!r}.")


def _panel(data, unit, time, outcome, start, cluster):
    """Units × periods outcome matrix, cohort position per unit, cluster codes, notes."""
    cols = [unit, time, outcome, start] + ([cluster] if cluster else [])
    missing = [c for c in cols if c not in data.columns]
    if missing:
        raise ValueError(f"Column {missing[0]!r} is not in data. Got columns {list(data.columns)}.")
    df = data[cols]
    df = df[df[unit].notna() & df[time].notna()]
    if not pd.api.types.is_numeric_dtype(df[outcome]) or pd.api.types.is_bool_dtype(df[outcome]):
        raise ValueError(f"outcome column {outcome!r} must be numeric. Got {df[outcome].dtype}.")
    times = pd.Index(df[time].unique()).sort_values()
    codes, units = pd.factorize(df[unit], sort=True)
    tpos = times.get_indexer(df[time])
    n_units, n_times = len(units), len(times)
    key = pd.Series(codes.astype(np.int64) * n_times + tpos)
    if key.duplicated().any():
        dup = df.iloc[int(np.flatnonzero(key.duplicated().to_numpy())[0])]
        raise ValueError(
            f"Each unit must have at most one row per period. Got several for "
            f"{unit} = {dup[unit]!r}, {time} = {dup[time]!r}."
        )
    y = np.full((n_units, n_times), np.nan)
    y[codes, tpos] = df[outcome].to_numpy(dtype=float)
    per_unit = df.groupby(codes, sort=True)
    if (per_unit[start].nunique(dropna=False) > 1).any():
        bad = units[int(np.flatnonzero(per_unit[start].nunique(dropna=False) > 1)[0])]
        raise ValueError(f"{start!r} must be constant within each unit. Got several for {bad!r}.")
    starts = per_unit[start].first()
    gpos = np.full(n_units, np.inf)
    has = starts.notna().to_numpy()
    if has.any():
        try:
            gpos[has] = times.searchsorted(pd.Index(starts[has].to_numpy()), side="left")
        except TypeError as exc:
            raise ValueError(
                f"{start!r} must hold values comparable with {time!r} (first treated period). "
                f"Got {starts[has].dtype} against {df[time].dtype}."
            ) from exc
    notes = []
    late = gpos >= n_times
    if (late & has).any():
        notes.append(f"{int((late & has).sum())} unit(s) start after the last period: "
                     "treated as never treated within the window")  # fmt: skip
    gpos[late] = np.inf
    if cluster:
        cl = per_unit[cluster]
        if (cl.nunique(dropna=False) > 1).any():
            raise ValueError(f"cluster column {cluster!r} must be constant within each unit.")
        ccodes, _ = pd.factorize(cl.first(), sort=True)
    else:
        ccodes = np.arange(n_units)
    return y, gpos, times, ccodes, notes


def _cells(gpos, n_times, anticipation, base_period):
    """Cohort, period and base positions of every ATT(g, t) cell, and base validity."""
    groups = np.unique(gpos[np.isfinite(gpos)]).astype(int)
    first_t = 1 if base_period == "varying" else 0
    g = np.repeat(groups, n_times - first_t)
    t = np.tile(np.arange(first_t, n_times), len(groups))
    long_base = g - 1 - anticipation
    pre = t < g - anticipation
    b = np.where(pre & (base_period == "varying"), t - 1, long_base)
    return g, t, b, b >= 0


def _cell_estimates(y, gpos, g, t, b, ok, control, anticipation):
    """ATT(g, t), counts and unit-level influence functions (cells × units)."""
    bb = np.where(ok, b, 0)
    dy = y[:, t].T - y[:, bb].T
    seen = ~np.isnan(dy) & ok[:, None]
    dy = np.where(seen, dy, 0.0)
    treated = (gpos[None, :] == g[:, None]) & seen
    never = np.isinf(gpos)[None, :]
    if control == "never_treated":
        ctrl = np.broadcast_to(never, treated.shape)
    else:
        horizon = np.maximum(t, bb) + anticipation
        ctrl = never | ((gpos[None, :] > horizon[:, None]) & (gpos[None, :] != g[:, None]))
    ctrl = ctrl & seen
    n_t, n_c = treated.sum(axis=1), ctrl.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mu_t = (treated * dy).sum(axis=1) / n_t
        mu_c = (ctrl * dy).sum(axis=1) / n_c
        phi = treated * (dy - mu_t[:, None]) / n_t[:, None]
        phi = phi - ctrl * (dy - mu_c[:, None]) / n_c[:, None]
    att = mu_t - mu_c
    phi = np.where(np.isfinite(att)[:, None], phi, 0.0)
    return att, phi, n_t, n_c, ctrl


def _aggregate(att, phi, weights_pg, members, gpos, cell_g):
    """Weighted average of cells and its influence function (R ``did`` with ``wif``).

    ``weights_pg`` are the cohort shares P(G = g) of the member cells; the extra term
    accounts for their estimation (``did:::wif``). Influence functions are on the
    "sum" scale: the estimate minus its limit ≈ Σ_i φ_i.
    """
    pg = weights_pg[members]
    total = pg.sum()
    w = pg / total
    est = float(w @ att[members])
    ind = (gpos[:, None] == cell_g[members][None, :]).astype(float) - pg[None, :]
    wif = ind / total - ind.sum(axis=1, keepdims=True) * (pg / total**2)[None, :]
    n_units = len(gpos)
    return est, phi[members].T @ w + wif @ att[members] / n_units


def _bootstrap_se(phi_cl, n_boot, multiplier, rng, conf_level, uniform_idx=None):
    """Standard errors (and a uniform critical value) from influence functions.

    ``phi_cl`` is estimates × clusters. With ``n_boot = 0``: analytic ``sqrt(Σ φ²)``.
    Otherwise the multiplier bootstrap of Callaway & Sant'Anna (2021, Algorithm 1): draws
    ``Σ_c V_c φ_c`` with Rademacher or Mammen ``V``, SE = interquartile range / 1.349 as
    R ``did::mboot``. Returns se and the critical value of the sup-t band over
    ``uniform_idx`` (NaN when not asked).
    """
    n_cl = phi_cl.shape[1]
    if n_boot == 0 or n_cl < 2:
        return np.sqrt((phi_cl**2).sum(axis=1)), np.nan
    if multiplier == "rademacher":
        v = rng.integers(0, 2, size=(n_boot, n_cl)) * 2.0 - 1.0
    else:
        s5 = np.sqrt(5.0)
        low = rng.random((n_boot, n_cl)) < (s5 + 1) / (2 * s5)
        v = np.where(low, -(s5 - 1) / 2, (s5 + 1) / 2)
    draws = phi_cl @ v.T  # estimates × draws (rows contiguous: fast quantiles)
    q = np.quantile(draws, [0.25, 0.75], axis=1, method="inverted_cdf")
    se = (q[1] - q[0]) / _IQR_Z
    crit = np.nan
    if uniform_idx is not None and len(uniform_idx):
        sel = se[uniform_idx]
        good = sel > 0
        if good.any():
            tmax = np.max(np.abs(draws[uniform_idx[good]]) / sel[good][:, None], axis=0)
            crit = float(np.quantile(tmax, conf_level))
    return se, crit


def staggered_did(
    data: pd.DataFrame,
    *,
    unit: str,
    time: str,
    outcome: str,
    start: str,
    control: str = "never_treated",
    anticipation: int = 0,
    base_period: str = "varying",
    overall: str = "simple",
    conf_level: float = 0.95,
    n_boot: int = 999,
    multiplier: str = "rademacher",
    uniform_bands: bool = False,
    cluster: str | None = None,
    seed: int | np.random.Generator | None = 0,
) -> StaggeredDiDResult:
    """Callaway & Sant'Anna (2021) group-time ATTs, event study and overall ATT.

    Each ATT(g, t) is the 2×2 difference in differences of the mean outcome change of
    cohort g (units first treated in period g) and of the comparison units, between the
    base period and t. Post-treatment cells (t ≥ g − anticipation) use the base period
    g − 1 − anticipation; pre-treatment cells use t − 1 with ``base_period="varying"``
    (R ``did`` default: short pre-trend differences) or g − 1 − anticipation with
    ``"universal"`` (the base cell is reported as 0). Comparison units are never treated
    (``control="never_treated"``), or also those not yet treated by
    max(t, base) + anticipation (``"not_yet_treated"``). No covariates: R
    ``did::att_gt(xformla = ~1, est_method = "reg")``.

    Aggregations as R ``did::aggte``: the event-study ATT(e) averages the cells with
    t − g = e weighted by cohort size; the overall ATT is ``"simple"`` (all
    post-treatment cells t ≥ g weighted by cohort size, R ``type = "simple"``) or
    ``"dynamic"`` (the plain mean of ATT(e) over e ≥ 0, R ``type = "dynamic"``).
    Inference: unit-level influence functions (including the estimated cohort weights),
    multiplier bootstrap clustered by unit (or by ``cluster``), pointwise normal
    intervals with bootstrap SEs; optional sup-t uniform bands for the event study.

    Periods are the sorted distinct values of ``time``; event times count periods
    (months for monthly data). A unit's cohort is the first period ≥ its ``start``.

    Parameters
    ----------
    data : pandas.DataFrame
        Long panel, one row per unit and period.
    unit, time, outcome, start : str
        Column names. ``start`` is the unit's first treated period (constant within the
        unit; NaN/NaT for never-treated units) on the scale of ``time``.
    control : {"never_treated", "not_yet_treated"}
    anticipation : int, default 0
        Periods before ``start`` in which the treatment may already act.
    base_period : {"varying", "universal"}
    overall : {"simple", "dynamic"}
        Aggregation reported in :attr:`StaggeredDiDResult.overall`.
    conf_level : float, default 0.95
    n_boot : int, default 999
        Multiplier-bootstrap draws; 0 gives analytic SEs ``sqrt(Σ φ²)``.
    multiplier : {"rademacher", "mammen"}
        Distribution of the bootstrap multipliers.
    uniform_bands : bool, default False
        Add sup-t simultaneous bands (``band_low``, ``band_high``) to the event study.
    cluster : str, optional
        Cluster column (constant within unit, e.g. hospital); default the unit.
    seed : int or numpy.random.Generator, default 0
        Bootstrap seed (reports are reproducible by default).

    Returns
    -------
    StaggeredDiDResult
        ``group_time``, ``event_study`` and ``overall`` (see the class). Degenerate
        input (no never-treated unit, a cohort without pre-period, no variation, empty
        cells) gives NaN rows with a ``reason``, never an exception.

    Notes
    -----
    A cohort of a single unit has no within-cohort spread: its cells' SEs reflect the
    comparison units only (as in R ``did``); aggregates remain valid (checked by
    simulation on the demo generator: 96 % coverage of 95 % intervals).

    Raises
    ------
    ValueError
        Unknown option, missing column, several rows per unit and period, a ``start``
        that varies within a unit.

    Examples
    --------
    >>> rows = [(u, t, float(t + (u < 2) * (t >= 2) * 3), 2 if u < 2 else None)
    ...         for u in range(4) for t in range(4)]
    >>> panel = pd.DataFrame(rows, columns=["id", "t", "y", "g"])
    >>> res = staggered_did(panel, unit="id", time="t", outcome="y", start="g", n_boot=0)
    >>> float(res.overall.loc[0, "estimate"])
    3.0
    """
    _check_args(control, anticipation, base_period, overall, conf_level, n_boot, multiplier)
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    y, gpos, times, ccodes, notes = _panel(data, unit, time, outcome, start, cluster)
    n_units, n_times = y.shape
    z = stats.norm.ppf(0.5 + conf_level / 2)
    ctrl_name = control.replace("_", "-")
    settings = dict(control=control, anticipation=anticipation, base_period=base_period,
                    overall=overall, conf_level=conf_level, n_boot=n_boot,
                    multiplier=multiplier, cluster=cluster or unit)  # fmt: skip
    boot_txt = (f"multiplier bootstrap ({multiplier.capitalize()}, {n_boot} draws) clustered "
                f"by {cluster or 'unit'}" if n_boot else
                f"analytic influence-function SE clustered by {cluster or 'unit'}")  # fmt: skip
    agg_txt = {
        "simple": "simple aggregation (post-treatment ATT(g,t) weighted by cohort size, "
        "as R did::aggte type='simple')",
        "dynamic": "dynamic aggregation (mean of event-study ATT(e) over e ≥ 0, as R "
        "did::aggte type='dynamic')",
    }[overall]
    method = (f"Callaway & Sant'Anna (2021) unconditional DiD, control: {ctrl_name} units, "
              f"base period: {base_period}, anticipation: {anticipation}; {agg_txt}; "
              f"{boot_txt}")  # fmt: skip

    g, t, b, ok = _cells(gpos, n_times, anticipation, base_period)
    if len(g) == 0 or n_times < 2:
        reason = "no_treated_cohort" if n_times >= 2 else "too_few_periods"
        return StaggeredDiDResult(
            pd.DataFrame(columns=_GT_COLUMNS),
            effect_frame({"event_time": np.array([], dtype=int)}, measure=ES_MEASURE),
            effect_frame(measure=MEASURE, method=method, reason=reason),
            tuple(notes), settings,
        )  # fmt: skip
    att, phi, n_t, n_c, ctrl = _cell_estimates(y, gpos, g, t, b, ok, control, anticipation)
    ref = (t == b) & ok  # universal base cell: 0 by construction
    att = np.where(ref, 0.0, att)
    no_never = not np.isinf(gpos).any()
    reason = np.full(len(g), "", dtype=object)
    rules = [
        (~ok, "no_pre_period"),
        (ok & no_never & (control == "never_treated"), "no_never_treated"),
        (ok & ~ref & (n_t == 0), "no_cohort_unit"),
        (ok & ~ref & (n_t > 0) & (n_c == 0), "no_comparison_unit"),
        (ref, "reference_period"),
    ]  # fmt: skip
    for mask, msg in reversed(rules):
        reason = np.where(mask & (reason == ""), msg, reason)
    valid = np.isfinite(att) & ~ref

    # aggregations ------------------------------------------------------------------
    groups_all = np.unique(gpos[np.isfinite(gpos)]).astype(int)
    pg_by_group = {gg: float((gpos == gg).mean()) for gg in groups_all}
    pg = np.array([pg_by_group[gg] for gg in g])
    e = t - g
    es_list, es_phi, es_rows = [], [], []
    for ev in np.unique(e[valid]):
        members = np.flatnonzero(valid & (e == ev))
        est, ph = _aggregate(att, phi, pg, members, gpos, g)
        cohorts = np.unique(g[members])
        es_list.append(est)
        es_phi.append(ph)
        es_rows.append((int(ev), int(np.isin(gpos, cohorts).sum()), len(cohorts)))
    es_att = np.array(es_list)
    es_e = np.array([r[0] for r in es_rows], dtype=int)
    post_members = np.flatnonzero(valid & (t >= g))
    ov_reason = ""
    if overall == "simple" and len(post_members):
        ov_est, ov_phi = _aggregate(att, phi, pg, post_members, gpos, g)
        ov_cohorts = np.unique(g[post_members])
    elif overall == "dynamic" and (es_e >= 0).any():
        pos = es_e >= 0
        ov_est = float(es_att[pos].mean())
        ov_phi = np.mean([es_phi[i] for i in np.flatnonzero(pos)], axis=0)
        ov_cohorts = np.unique(g[post_members])
    else:
        ov_est, ov_phi, ov_cohorts = np.nan, np.zeros(n_units), np.array([], dtype=int)
        ov_reason = next((r for r in reason[t >= g] if r), "no_post_cell")
        if no_never and control == "never_treated":
            ov_reason = "no_never_treated"

    # inference ---------------------------------------------------------------------
    stack = np.vstack([phi, np.array(es_phi).reshape(-1, n_units), ov_phi[None, :]])
    n_cl = int(ccodes.max()) + 1 if len(ccodes) else 0
    phi_cl = np.zeros((stack.shape[0], n_cl))
    np.add.at(phi_cl.T, ccodes, stack.T)
    k, n_es = len(g), len(es_att)
    uniform_idx = np.arange(k, k + n_es) if uniform_bands else None
    se_all, crit = _bootstrap_se(phi_cl, n_boot, multiplier, rng, conf_level, uniform_idx)
    es_cl = phi_cl[k : k + n_es]
    vcov = es_cl @ es_cl.T if n_cl >= 2 else np.full((n_es, n_es), np.nan)
    scale = np.nanmax(np.abs(y)) if np.isfinite(y).any() else 1.0
    few = n_cl < 2
    tiny = (se_all <= 1e-10 * max(scale, 1.0)) & (not few)
    se_all = np.where(tiny | few, np.nan, se_all)
    flat_msg, few_msg = "no_variation", "too_few_clusters"

    se = se_all[:k]
    se = np.where(valid, se, np.nan)
    reason = np.where(valid & few & (reason == ""), few_msg, reason)
    reason = np.where(valid & tiny[:k] & (reason == ""), flat_msg, reason)
    with np.errstate(invalid="ignore"):
        p = 2 * stats.norm.sf(np.abs(att / se))
    gt = pd.DataFrame({
        "group": times[g], "time": times[t], "base_time": times[np.where(ok, b, 0)].where(ok),
        "event_time": e, "att": np.where(ok, att, np.nan), "se": se,
        "ci_low": att - z * se, "ci_high": att + z * se, "p_value": p,
        "n_treated": n_t, "n_control": n_c, "reason": reason,
    })  # fmt: skip

    es_se = se_all[k : k + n_es]
    es_reason = np.where(tiny[k : k + n_es], flat_msg, np.where(few, few_msg, ""))
    band = {}
    if uniform_bands:
        band = {"band_low": es_att - crit * es_se, "band_high": es_att + crit * es_se,
                "band_crit": np.full(n_es, crit)}  # fmt: skip
    with np.errstate(invalid="ignore"):
        es_p = 2 * stats.norm.sf(np.abs(es_att / es_se))
    es_method = (f"Callaway & Sant'Anna (2021) event study: ATT(g,t) with t − g = e weighted "
                 f"by cohort size, control: {ctrl_name} units, base period: {base_period}; "
                 f"{boot_txt}; pointwise normal interval")  # fmt: skip
    event_study = effect_frame(
        {"event_time": es_e}, measure=ES_MEASURE, estimate=es_att,
        ci_low=es_att - z * es_se, ci_high=es_att + z * es_se, se=es_se, p_value=es_p,
        n=np.array([r[1] for r in es_rows], dtype=float), method=es_method,
        reason=es_reason, n_groups=np.array([r[2] for r in es_rows], dtype=int), **band,
    )  # fmt: skip

    ov_se = se_all[-1] if np.isfinite(ov_est) else np.nan
    if np.isfinite(ov_est) and not ov_reason:
        ov_reason = few_msg if few else (flat_msg if tiny[-1] else "")
    with np.errstate(invalid="ignore"):
        ov_p = 2 * stats.norm.sf(abs(ov_est / ov_se))
    n_ctrl_units = int(ctrl[post_members].any(axis=0).sum()) if len(post_members) else 0
    overall_row = effect_frame(
        measure=MEASURE, estimate=ov_est, ci_low=ov_est - z * ov_se,
        ci_high=ov_est + z * ov_se, se=ov_se, p_value=ov_p,
        n=float(np.isin(gpos, ov_cohorts).sum()), method=method, reason=ov_reason,
        n_groups=len(ov_cohorts), n_control=n_ctrl_units,
    )  # fmt: skip
    always = int(np.isin(gpos, groups_all[groups_all - 1 - anticipation < 0]).sum())
    if always:
        notes.append(f"{always} unit(s) treated from the first period(s): no pre-treatment "
                     "period, not used")  # fmt: skip
    vcov = pd.DataFrame(vcov, index=pd.Index(es_e, name="event_time"), columns=es_e)
    return StaggeredDiDResult(gt, event_study, overall_row, tuple(notes), settings, vcov)
