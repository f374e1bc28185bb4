"""Parallel-trends sensitivity of the programme's Callaway–Sant'Anna event studies.

For each indicator: the pre-trend test and the relative-magnitude breakdown value
(:mod:`impact.stats.sensitivity`) of the mean effect over the first year, from a
Callaway–Sant'Anna fit with a *universal* base period (pre-treatment coefficients are
levels relative to the month before the start, as Rambachan & Roth's HonestDiD
recommends for this estimator). :func:`impact.indicators.did.did_by_indicator` keeps its
own fit (varying base period, bootstrap, sup-t bands) for its tables and charts; this
second fit needs no bootstrap (the sensitivity uses the analytic covariance of the
influence functions), so it adds little time.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.stats.did import staggered_did
from impact.stats.sensitivity import pretrend_test, relative_magnitude

__all__ = ["WINDOW", "indicator_sensitivity"]

#: Event times used (months, inclusive): the 12 months before the start (−12 … −2 and
#: the reference −1) and the first 12 months from it (0 … 11), whose mean ATT is the
#: target; as the teams' own before/after periods.
WINDOW = (-12, 11)

_PRETREND = {"chi2": "pretrend_chi2", "df": "pretrend_df", "p_value": "pretrend_p",
             "max_abs_pre": "max_abs_pre"}  # fmt: skip


def indicator_sensitivity(
    rows: pd.DataFrame,
    *,
    control: str = "never_treated",
    window: tuple[int, int] = WINDOW,
    conf_level: float = 0.95,
) -> pd.DataFrame:
    """Pre-trend test and relative-magnitude breakdown value per indicator.

    Parameters
    ----------
    rows : pandas.DataFrame
        Monthly values with ``team_id``, ``indicator``, ``y``, ``t`` (months since the
        first month) and ``g`` (start month on the same scale, NaN for comparison units),
        as :func:`impact.indicators.did.did_by_indicator` builds them.
    control : {"never_treated", "not_yet_treated"}
    window : (int, int), default :data:`WINDOW`
        First and last event times used; the reference −1 must lie inside.
    conf_level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        One row per indicator: ``indicator``, the target effect table columns of
        :func:`impact.stats.sensitivity.relative_magnitude` (``estimate`` = mean ATT over
        event times 0 … ``window[1]``, ``ci_low``/``ci_high`` its pointwise interval,
        ``breakdown`` = M̄*, ``max_pre_change``, ``max_pre_change_upper``,
        ``bias_factor``, ``z_target``…), ``pretrend_chi2``, ``pretrend_df``,
        ``pretrend_p``, ``max_abs_pre`` (largest |pre-period level|), ``pretrend_reason``,
        ``method``, ``reason`` (of the sensitivity).

    Raises
    ------
    ValueError
        A window that does not contain −1 and 0.
    """
    first, last = window
    if not first < -1 < 0 <= last:
        raise ValueError(f"window must contain event times -1 and 0. Got {window!r}.")
    out = []
    for code, part in rows.groupby("indicator", sort=False):
        fit = staggered_did(part, unit="team_id", time="t", outcome="y", start="g",
                            control=control, base_period="universal", n_boot=0,
                            conf_level=conf_level)  # fmt: skip
        es = fit.event_study
        es = es[es["event_time"].between(first, last)]
        rm = relative_magnitude(es, fit.event_vcov, conf_level=conf_level)
        pre = pretrend_test(es, fit.event_vcov)
        rm = rm.assign(**{new: pre.loc[0, old] for old, new in _PRETREND.items()},
                       pretrend_reason=pre.loc[0, "reason"])  # fmt: skip
        rm["method"] = (f"{rm.loc[0, 'method']}; target: mean ATT over event times 0 to "
                        f"{last}, pre-periods from {first}; Callaway & Sant'Anna (2021), "
                        f"universal base period, control: {control.replace('_', '-')} units, "
                        f"analytic influence-function covariance")  # fmt: skip
        out.append(rm.assign(indicator=code))
    if not out:
        return pd.DataFrame(columns=["indicator", "estimate", "breakdown", "reason"])
    table = pd.concat(out, ignore_index=True)
    table["pretrend_df"] = table["pretrend_df"].astype(np.int64)
    return table[["indicator", *table.columns.drop("indicator")]]
