"""Internal consistency of a multi-item scale: Cronbach's alpha with Feldt's interval,
item–rest correlations, alpha if an item is deleted, floor and ceiling shares.

Generic statistics (numpy/scipy; no domain module). Every function takes an items
matrix — a DataFrame whose columns are the items and rows the respondents, or a 2-D
array — and returns a tidy DataFrame.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from impact.stats.effect_table import effect_frame
from impact.stats.means import check_conf_level

__all__ = ["cronbach_alpha", "floor_ceiling", "item_rest_correlations"]


def _matrix(data) -> pd.DataFrame:
    """The items matrix as a float DataFrame (columns = items)."""
    if isinstance(data, pd.DataFrame):
        frame = data
    else:
        arr = np.asarray(data, dtype=float)
        if arr.ndim != 2:
            raise ValueError(f"data must be 2-D (respondents × items). Got shape {arr.shape}.")
        frame = pd.DataFrame(arr)
    try:
        out = frame.apply(pd.to_numeric).astype(float)
    except (ValueError, TypeError):
        raise ValueError("data must hold numbers (one column per item).") from None
    if np.isinf(out.to_numpy()).any():
        raise ValueError("data must be finite (missing answers as NaN).")
    return out


def _alpha(x: np.ndarray) -> float:
    """Cronbach's alpha of a complete matrix (NaN when undefined)."""
    k = x.shape[1]
    if k < 2 or x.shape[0] < 2:
        return np.nan
    total_var = x.sum(axis=1).var(ddof=1)
    if total_var == 0:
        return np.nan
    return k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / total_var)


def cronbach_alpha(data, *, conf_level: float = 0.95) -> pd.DataFrame:
    """Cronbach's alpha with Feldt's confidence interval.

    ``α = k/(k − 1)·(1 − Σ s²_item / s²_total)`` (Cronbach LJ 1951, "Coefficient alpha
    and the internal structure of tests", *Psychometrika* 16:297–334), item and total
    variances with the n − 1 denominator, on the respondents who answered every item
    (listwise deletion, as R ``psych::alpha(use = "complete.obs")``). Interval from
    ``(1 − α̂)/(1 − α) ~ F(n − 1, (n − 1)(k − 1))`` (Feldt LS 1965, "The approximate
    sampling distribution of Kuder-Richardson reliability coefficient twenty",
    *Psychometrika* 30:357–370; Feldt, Woodruff & Salih 1987):
    ``lower = 1 − (1 − α̂)·F_{1−γ/2}``, ``upper = 1 − (1 − α̂)·F_{γ/2}``, γ = 1 − level.

    Parameters
    ----------
    data : pandas.DataFrame or 2-D array
        Respondents × items; NaN for a missing answer.
    conf_level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        One-row effect table: ``measure = "Cronbach's alpha"``, ``estimate``, ``ci_low``,
        ``ci_high``, ``n`` (complete respondents), ``k`` (items), ``n_dropped``
        (respondents with a missing answer), ``method``, ``reason`` (why alpha is
        missing: fewer than 2 items or respondents, no variance).

    Examples
    --------
    >>> x = [[3, 2, 4], [5, 4, 6], [7, 3, 5], [2, 4, 3], [6, 5, 6]]
    >>> round(float(cronbach_alpha(x).loc[0, "estimate"]), 4)
    0.7179
    """
    cl = check_conf_level(conf_level)
    frame = _matrix(data)
    complete = frame.dropna()
    x = complete.to_numpy()
    n, k = x.shape
    alpha = _alpha(x)
    reason = ""
    if k < 2:
        reason = "alpha_few_items"
    elif n < 2:
        reason = "alpha_few_respondents"
    elif np.isnan(alpha):
        reason = "alpha_no_variance"
    low = high = np.nan
    if np.isfinite(alpha):
        df1, df2 = n - 1, (n - 1) * (k - 1)
        low = 1 - (1 - alpha) * stats.f.ppf(0.5 + cl / 2, df1, df2)
        high = 1 - (1 - alpha) * stats.f.ppf(0.5 - cl / 2, df1, df2)
    return effect_frame(
        measure="Cronbach's alpha", estimate=alpha, ci_low=low, ci_high=high, n=n,
        method="Cronbach (1951) alpha, listwise deletion; Feldt (1965) F interval",
        reason=reason, k=k, n_dropped=len(frame) - n,
    )  # fmt: skip


def item_rest_correlations(data) -> pd.DataFrame:
    """Corrected item–total (item–rest) correlation and alpha if the item is deleted.

    For each item, the Pearson correlation between the item and the sum of the *other*
    items (``r.drop`` of R ``psych::alpha``), and Cronbach's alpha of the other items;
    on the respondents with every item answered (listwise deletion).

    Parameters
    ----------
    data : pandas.DataFrame or 2-D array
        Respondents × items.

    Returns
    -------
    pandas.DataFrame
        One row per item: ``item``, ``n``, ``r_item_rest`` (NaN when the item or the rest
        does not vary, or fewer than 3 respondents), ``alpha_if_deleted`` (NaN with
        fewer than 3 items).

    Examples
    --------
    >>> x = [[3, 2, 4], [5, 4, 6], [7, 3, 5], [2, 4, 3], [6, 5, 6]]
    >>> item_rest_correlations(x)["r_item_rest"].round(3).tolist()
    [0.628, 0.328, 0.83]
    """
    frame = _matrix(data)
    x = frame.dropna().to_numpy()
    n, k = x.shape
    total = x.sum(axis=1)
    rows = []
    for j, item in enumerate(frame.columns):
        rest = total - x[:, j]
        ok = n >= 3 and np.std(x[:, j]) > 0 and np.std(rest) > 0
        r = float(np.corrcoef(x[:, j], rest)[0, 1]) if ok else np.nan
        others = np.delete(x, j, axis=1)
        rows.append({"item": item, "n": n, "r_item_rest": r,
                     "alpha_if_deleted": _alpha(others) if k >= 3 else np.nan})  # fmt: skip
    return pd.DataFrame(rows, columns=["item", "n", "r_item_rest", "alpha_if_deleted"])


def floor_ceiling(data, *, low, high) -> pd.DataFrame:
    """Share of answers at the bottom (floor) and top (ceiling) of each item's scale.

    Parameters
    ----------
    data : pandas.DataFrame or 2-D array
        Respondents × items; missing answers are not counted.
    low, high : float or array of float
        Scale limits, one for all items or one per item.

    Returns
    -------
    pandas.DataFrame
        One row per item: ``item``, ``n`` (answers), ``floor_share``, ``ceiling_share``
        (0–1; NaN without answers).

    Examples
    --------
    >>> floor_ceiling([[0, 4], [0, 3], [2, 4], [4, 4]], low=0, high=4)["ceiling_share"].tolist()
    [0.25, 0.75]
    """
    frame = _matrix(data)
    x = frame.to_numpy()
    k = x.shape[1]
    lo = np.broadcast_to(np.asarray(low, dtype=float), (k,))
    hi = np.broadcast_to(np.asarray(high, dtype=float), (k,))
    answered = ~np.isnan(x)
    n = answered.sum(axis=0)
    with np.errstate(all="ignore"):
        floor = (x == lo).sum(axis=0) / n
        ceiling = (x == hi).sum(axis=0) / n
    return pd.DataFrame({"item": list(frame.columns), "n": n,
                         "floor_share": np.where(n > 0, floor, np.nan),
                         "ceiling_share": np.where(n > 0, ceiling, np.nan)})  # fmt: skip
