"""Projection of a roadmap line's monthly trend to its deadline.

A straight line fitted to the monthly values since the roadmap start — weighted least
squares with the month's denominator (proportions, rates) or number of measurements
(means) as weights when every month has one, ordinary least squares otherwise — fitted
with statsmodels. Its value at the deadline comes with the 95 % confidence interval of
the fitted line there (``get_prediction(...).summary_frame()``, columns ``mean_ci_*``:
the interval of the predicted *mean* line, not of a single future month), and the
probability that the line's value at the deadline is on the favourable side of the
final target, from the t distribution with the model's residual degrees of freedom:
``P = T_df((ŷ − target)/se(ŷ))`` when higher is better, ``T_df((target − ŷ)/se(ŷ))``
when lower is better.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats

__all__ = ["MIN_MONTHS", "PROJECTION_METHOD", "project", "project_lines"]

_COLUMNS = [
    "line", "projection", "projection_low", "projection_high", "probability", "perfect_fit",
    "failed",
]  # fmt: skip

#: Fewest monthly values since the roadmap start for a projection.
MIN_MONTHS = 6
PROJECTION_METHOD = (
    "linear trend of the monthly values since the roadmap start (WLS weighted by the "
    "denominator or n when every month has one, else OLS; statsmodels), 95% interval of "
    "the fitted line at the deadline, probability from the t distribution (residual df)"
)


def project(
    x,
    y,
    weight,
    at: float,
    target: float,
    better: str,
    *,
    conf_level: float = 0.95,
) -> dict[str, float]:
    """Fit ``y = a + b·x`` and predict it at ``x = at``.

    Parameters
    ----------
    x, y : array-like
        Months since the roadmap start and the monthly values.
    weight : array-like or None
        WLS weights (all finite and positive), or None for OLS.
    at : float
        The deadline, in months since the roadmap start.
    target : float
        The final target.
    better : {"higher", "lower"}
    conf_level : float, default 0.95

    Returns
    -------
    dict
        ``projection``, ``projection_low``, ``projection_high``, ``probability``
        (NaN when the fit has no residual degrees of freedom; for a perfect fit — all
        residuals 0 — the limit as the standard error goes to 0: 1, 0, or ½ when the
        projection equals the target), ``perfect_fit``.

    Examples
    --------
    >>> out = project([0, 1, 2, 3, 4, 5], [1.0, 2.1, 2.9, 4.2, 5.0, 5.9], None, 11, 10,
    ...               "higher")
    >>> round(out["projection"], 1), out["probability"] > 0.99
    (11.9, True)
    """
    x = np.asarray(x, dtype=float)
    exog = sm.add_constant(x, has_constant="add")
    y = np.asarray(y, dtype=float)
    model = (
        sm.OLS(y, exog) if weight is None else sm.WLS(y, exog, weights=np.asarray(weight, float))
    )
    fit = model.fit()
    frame = fit.get_prediction(np.array([[1.0, float(at)]])).summary_frame(alpha=1 - conf_level)
    mean, se = float(frame["mean"].iloc[0]), float(frame["mean_se"].iloc[0])
    df = float(fit.df_resid)
    gap = mean - target if better == "higher" else target - mean
    scale = max(float(np.max(np.abs(y))), 1.0)
    perfect = bool(np.all(np.abs(fit.resid) <= 1e-9 * scale))
    if df <= 0:
        probability = np.nan
    elif perfect:  # no residual variation: the limit of the t probability as se → 0
        probability = 0.5 if abs(gap) <= 1e-9 * scale else float(gap > 0)
    else:
        probability = float(stats.t.cdf(gap / se, df))
    return {
        "projection": mean,
        "projection_low": float(frame["mean_ci_lower"].iloc[0]),
        "projection_high": float(frame["mean_ci_upper"].iloc[0]),
        "probability": probability,
        "perfect_fit": perfect,
    }


def project_lines(monthly: pd.DataFrame, lines: pd.DataFrame, conf_level: float) -> pd.DataFrame:
    """:func:`project` for every line of ``lines`` (``line``, ``start_m``, ``deadline_m``,
    ``final_target``, ``better``) from its monthly values (``line``, ``m``, ``value``,
    ``weight``) since the start; lines with fewer than :data:`MIN_MONTHS` values get no
    row; ``failed`` is True where the fit raised. One statsmodels fit per line (the
    caller passes only the lines whose status needs a projection)."""
    info = lines.set_index("line")
    rows = monthly.loc[monthly["line"].isin(info.index) & np.isfinite(monthly["value"])]
    rows = rows.join(info[["start_m"]], on="line").loc[lambda d: d["m"] >= d["start_m"]]
    out = []
    for line, part in rows.groupby("line", sort=True):
        if len(part) < MIN_MONTHS:
            continue
        w = part["weight"].to_numpy(dtype=float)
        weight = w if (np.isfinite(w).all() and (w > 0).all()) else None
        row = info.loc[line]
        try:
            res = project(part["m"] - row["start_m"], part["value"], weight,
                          row["deadline_m"] - row["start_m"], row["final_target"],
                          row["better"], conf_level=conf_level)  # fmt: skip
        except (np.linalg.LinAlgError, ValueError):
            res = dict.fromkeys(_COLUMNS[1:-2], np.nan) | {"perfect_fit": False, "failed": True}
        out.append({"line": line, "failed": False, **res})
    return pd.DataFrame(out, columns=_COLUMNS)
