"""Kaplan–Meier survival at fixed times for many groups at once (partner retention).

The product-limit estimate ``S(t) = Π_{tᵢ ≤ t} (1 − dᵢ/nᵢ)`` (Kaplan & Meier 1958,
*JASA* 53:457–481), Greenwood's variance ``Var S(t) = S(t)² Σ dᵢ/(nᵢ(nᵢ − dᵢ))``
(Greenwood 1926) and the pointwise log-log interval
``S(t)^exp(± z·√(Σ dᵢ/(nᵢ(nᵢ − dᵢ))) / |log S(t)|)`` (Kalbfleisch & Prentice 2002, *The
Statistical Analysis of Failure Time Data*, 2nd ed., §1.4; R ``survival::survfit(...,
conf.type = "log-log")``). Computed for every group with grouped sums (no loop over
groups); the estimate and its standard error are those of
``statsmodels.duration.survfunc.SurvfuncRight`` (``surv_prob``, ``surv_prob_se``), which
has no pointwise interval for S(t) — the tests compare with it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from impact.stats.means import check_conf_level

__all__ = ["KM_METHOD", "km_at"]

#: The method, as the tables name it.
KM_METHOD = (
    "Kaplan-Meier (1958), Greenwood variance, pointwise log-log interval "
    "(Kalbfleisch & Prentice 2002)"
)


def km_at(
    time,
    event,
    group,
    times: tuple[float, ...],
    *,
    conf_level: float = 0.95,
) -> pd.DataFrame:
    """Kaplan–Meier survival S(t) of every group at each of ``times``.

    Parameters
    ----------
    time : array-like
        Observed durations (event or censoring times), positive.
    event : array-like of bool
        True when the duration ends with the event, False when it is censored (a
        censored subject is at risk at its own time: ties put events first, as usual).
    group : array-like of int
        Group codes ``0 … G − 1`` (e.g. from ``DataFrame.groupby(...).ngroup()``).
    times : tuple of float
        The times t at which S(t) is wanted.
    conf_level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        One row per group × time (group-major): ``group``, ``time``, ``estimate``
        (S(t)), ``se`` (Greenwood), ``ci_low``, ``ci_high`` (log-log), ``n`` (subjects),
        ``n_events`` (events up to t), ``n_at_risk`` (subjects still followed at t,
        i.e. with a time ≥ t), ``defined`` (False when follow-up ends before t with
        S > 0: S(t) is not estimable and ``estimate`` is NaN). The interval is NaN when
        S(t) is 0 or 1 (no variation on the log-log scale).

    Examples
    --------
    >>> out = km_at([1, 2, 3, 4], [True, False, True, True], [0, 0, 0, 0], (2,))
    >>> float(out.loc[0, "estimate"])
    0.75
    """
    cl = check_conf_level(conf_level)
    t = np.asarray(time, dtype=float)
    d = np.asarray(event, dtype=bool)
    g = np.asarray(group, dtype=np.intp)
    if not (len(t) == len(d) == len(g)):
        raise ValueError(f"time, event and group must have equal lengths. Got {len(t)}, "
                         f"{len(d)}, {len(g)}.")  # fmt: skip
    if len(t) and (not np.isfinite(t).all() or (t <= 0).any()):
        raise ValueError("time must hold positive finite durations.")
    n_groups = int(g.max()) + 1 if len(g) else 0
    # events and subjects per group × distinct time, in time order within each group
    cells = (
        pd.DataFrame({"g": g, "t": t, "d": d.astype(float), "c": 1.0})
        .groupby(["g", "t"], sort=True)[["d", "c"]]
        .sum()
        .reset_index()
    )
    total = cells.groupby("g")["c"].transform("sum")
    at_risk = total - cells.groupby("g")["c"].cumsum() + cells["c"]
    with np.errstate(divide="ignore", invalid="ignore"):
        log_step = np.log1p(-cells["d"] / at_risk)
        green = cells["d"] / (at_risk * (at_risk - cells["d"]))
    cells = cells.assign(log_step=log_step, green=green)
    n = np.bincount(g, minlength=n_groups).astype(float)
    last = np.full(n_groups, -np.inf)
    np.maximum.at(last, g, t)
    z = stats.norm.ppf(0.5 + cl / 2)
    rows = []
    for tk in times:  # a few fixed times; each is one grouped sum over every group
        upto = cells.loc[cells["t"] <= tk]
        sums = upto.groupby("g")[["log_step", "green", "d"]].sum().reindex(range(n_groups))
        log_s = sums["log_step"].fillna(0.0).to_numpy()
        var_rel = sums["green"].fillna(0.0).to_numpy()
        events = sums["d"].fillna(0.0).to_numpy()
        surv = np.exp(log_s)
        at_t = np.bincount(g, weights=(t >= tk).astype(float), minlength=n_groups)
        defined = (last >= tk) | (surv == 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            se = np.where(surv > 0, surv * np.sqrt(var_rel), np.nan)
            half = z * np.sqrt(var_rel) / np.abs(log_s)
            inside = (surv > 0) & (surv < 1) & np.isfinite(var_rel)
            low = np.where(inside, surv ** np.exp(half), np.nan)
            high = np.where(inside, surv ** np.exp(-half), np.nan)
        rows.append(pd.DataFrame({
            "group": np.arange(n_groups), "time": float(tk),
            "estimate": np.where(defined, surv, np.nan), "se": np.where(defined, se, np.nan),
            "ci_low": np.where(defined, low, np.nan), "ci_high": np.where(defined, high, np.nan),
            "n": n.astype(int), "n_events": events.astype(int), "n_at_risk": at_t.astype(int),
            "defined": defined,
        }))  # fmt: skip
    if not rows:
        raise ValueError("times must name at least one time.")
    # concatenated time-major: a stable sort by group keeps each group's times in order
    out = pd.concat(rows, ignore_index=True)
    return out.sort_values("group", kind="stable").reset_index(drop=True)
