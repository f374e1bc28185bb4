"""Subgroup analysis of a random-effects meta-analysis: pooled effect per subgroup and the
test of differences between subgroups (fixed-effect and separate-τ² Q tests)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from impact.stats.meta import as_column_list, pool_by_group
from impact.stats.meta_regression import (
    method_text,
    regression,
)

__all__ = ["SubgroupAnalysis", "subgroups"]


@dataclass
class SubgroupAnalysis:
    """Subgroup meta-analysis (see :func:`subgroups`).

    Attributes
    ----------
    groups : pandas.DataFrame
        One pooled row per subgroup (columns of :func:`pool`; separate τ² per subgroup).
    overall : pandas.DataFrame
        The pooled row(s) over all subgroups.
    tests : pandas.DataFrame
        The tests of subgroup differences, two rows per ``within`` group: ``test``
        ("between subgroups, separate tau²": Q = Σ w_g(μ_g − μ̄)², w_g = 1/SE_g², on G − 1
        df, Borenstein et al. 2009 ch. 19; "moderator, common tau²": the QM test of the
        mixed-effects model with the subgroup as a factor, ``metafor::rma(yi, vi,
        mods = ~ factor(g))``), ``statistic``, ``df1``, ``df2`` (F tests only),
        ``distribution`` ("chi2" or "F"), ``p_value``, ``tau2`` (the common τ² of the
        mixed-effects model), ``groups`` (G), ``reason``, ``method``.
    by : str
        The subgroup column.
    within : list of str
        The columns of separate analyses (empty for one analysis).
    """

    groups: pd.DataFrame
    overall: pd.DataFrame
    tests: pd.DataFrame
    by: str = ""
    within: list[str] = field(default_factory=list)

    def _repr_html_(self) -> str:
        return self.tests.to_html(index=False) + self.groups.to_html(index=False)


def _between_q(groups: pd.DataFrame) -> tuple[float, int]:
    """Q between subgroup estimates (analysis scale), w = 1/SE²; and its df (G − 1)."""
    ok = groups[np.isfinite(groups["se"]) & (groups["se"] > 0)]
    y = ok["estimate"].to_numpy(dtype=float).copy()
    log = (ok["scale"] == "log").to_numpy()
    y[log] = np.log(y[log])  # only ratios go to the log scale (no warning on negatives)
    w = 1 / ok["se"].to_numpy(dtype=float) ** 2
    if len(y) < 2:
        return np.nan, len(y) - 1
    mu = np.sum(w * y) / np.sum(w)
    return float(np.sum(w * (y - mu) ** 2)), len(y) - 1


def subgroups(
    effects: pd.DataFrame,
    by: str,
    *,
    method: str = "REML",
    hartung_knapp: bool = False,
    conf_level: float = 0.95,
    within: str | list[str] | None = None,
) -> SubgroupAnalysis:
    """Subgroup meta-analysis and the tests of differences between subgroups.

    Each subgroup is pooled on its own (its own τ², as metafor fitted per subgroup with
    ``subset=``). Two tests of subgroup differences are given, which answer slightly
    different questions:

    - **separate τ²** (Borenstein, Hedges, Higgins & Rothstein 2009, *Introduction to
      Meta-Analysis*, ch. 19): ``Q_between = Σ w_g(μ_g − μ̄)²`` with ``w_g = 1/SE(μ_g)²``
      (the SE as pooled, Hartung–Knapp-adjusted if asked) on G − 1 df — a common-effect
      meta-analysis of the subgroup estimates;
    - **common τ²**: the omnibus QM test of the mixed-effects model with the subgroup as a
      factor (``metafor::rma(yi, vi, mods = ~ factor(g))``, see :func:`regression`);
      χ² on G − 1 df, or F(G − 1, k − G) with Hartung–Knapp.

    Parameters
    ----------
    effects : pandas.DataFrame
        Effect table with the subgroup column.
    by : str
        The subgroup column (e.g. ``"participation_level"``); rows where it is missing are
        left out of the subgroups and the tests.
    method, hartung_knapp, conf_level
        As :func:`pool`.
    within : str or list of str, optional
        Run one subgroup analysis per group of these columns (e.g. ``"indicator"``).

    Returns
    -------
    SubgroupAnalysis
        ``groups`` (one row per subgroup), ``overall`` and ``tests``.

    Examples
    --------
    >>> frame = pd.DataFrame({"estimate": [0.1, 0.2, 0.6, 0.7], "se": 0.1,
    ...                       "scale": "identity", "arm": ["a", "a", "b", "b"]})
    >>> res = subgroups(frame, "arm", method="FE")
    >>> res.groups["estimate"].round(2).tolist(), round(float(res.tests.loc[0, "statistic"]), 1)
    ([0.15, 0.65], 25.0)
    """
    if not isinstance(by, str) or by not in effects.columns:
        raise ValueError(f"by must name a column of effects. Got {by!r}.")
    outer = as_column_list(within)
    frame = effects[effects[by].notna()].reset_index(drop=True)
    groups = pool_by_group(frame, [*outer, by], method, hartung_knapp, conf_level)
    overall = pool_by_group(frame, outer, method, hartung_knapp, conf_level)
    rows = []
    blocks = frame.groupby(outer, sort=True, dropna=False) if outer else [((), frame)]
    for key, block in blocks:
        ids = dict(zip(outer, key if isinstance(key, tuple) else (key,), strict=True))
        mask = np.ones(len(groups), dtype=bool)
        for col, val in ids.items():
            mask &= (groups[col] == val).to_numpy() | (groups[col].isna() & pd.isna(val))
        Q, df = _between_q(groups[mask])
        G = int(mask.sum())
        rows.append({**ids, "test": "between subgroups, separate tau²", "statistic": Q,
                     "df1": df, "df2": np.nan, "distribution": "chi2",
                     "p_value": stats.chi2.sf(Q, df) if df > 0 else np.nan,
                     "tau2": np.nan, "groups": G,
                     "reason": "" if df > 0 else "too_few_subgroups"})  # fmt: skip
        fit = regression(
            block.assign(_g=block[by].astype(str)), ["_g"], method=method,
            hartung_knapp=hartung_knapp, conf_level=conf_level,
        ).fit.iloc[0]  # fmt: skip
        rows.append({**ids, "test": "moderator, common tau² (mixed-effects model)",
                     "statistic": fit["QM"], "df1": fit["QM_df"], "df2": fit["QM_df2"],
                     "distribution": "F" if hartung_knapp else "chi2", "p_value": fit["QM_p"],
                     "tau2": fit["tau2"], "groups": G,
                     "reason": fit["reason"] or ("" if G > 1 else "too_few_subgroups"),
                     })  # fmt: skip
    tests = pd.DataFrame(rows)
    tests["method"] = method_text(method, hartung_knapp)
    return SubgroupAnalysis(groups, overall, tests, by, outer)
