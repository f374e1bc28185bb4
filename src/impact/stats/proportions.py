"""Intervals for a proportion, vectorised, with empty denominators handled once."""

from __future__ import annotations

import numpy as np
from statsmodels.stats.proportion import proportion_confint

from impact.stats.means import check_conf_level

__all__ = ["wilson_interval"]


def wilson_interval(count, n, conf_level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson (1927) score interval of ``count / n``, element-wise (NaN where ``n`` is 0).

    Computed by ``statsmodels.stats.proportion.proportion_confint(method="wilson")``.

    Examples
    --------
    Newcombe (1998), *Stat Med* 17:857–872, Table I: 81/263.

    >>> low, high = wilson_interval([81, 0], [263, 0])
    >>> round(float(low[0]), 4), round(float(high[0]), 4), bool(np.isnan(low[1]))
    (0.2553, 0.3662, True)
    """
    cl = check_conf_level(conf_level)
    x = np.atleast_1d(np.asarray(count, dtype=float))
    m = np.atleast_1d(np.asarray(n, dtype=float))
    x, m = np.broadcast_arrays(x, m)
    low, high = np.full(x.shape, np.nan), np.full(x.shape, np.nan)
    ok = m > 0
    if ok.any():
        low[ok], high[ok] = proportion_confint(x[ok], m[ok], alpha=1 - cl, method="wilson")
    return low, high
