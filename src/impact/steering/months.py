"""Months as integers (``12·year + month − 1``): the arithmetic of spells and roadmap years."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["month_index", "month_start"]


def month_index(values) -> np.ndarray:
    """The month of each date as ``12·year + month − 1`` (float; NaN for a missing date).

    Examples
    --------
    >>> month_index(pd.Series(pd.to_datetime(["2024-01-15", "2025-03-01"]))).tolist()
    [24288.0, 24302.0]
    """
    dates = pd.to_datetime(pd.Series(values), errors="coerce")
    return (dates.dt.year * 12 + dates.dt.month - 1).to_numpy(dtype=float, na_value=np.nan)


def month_start(index) -> pd.Series:
    """The first day of each month given by :func:`month_index` (NaT for NaN).

    Examples
    --------
    >>> month_start([24288.0]).dt.strftime("%Y-%m-%d").tolist()
    ['2024-01-01']
    """
    idx = pd.Series(np.asarray(index, dtype=float))
    ok = idx.notna()
    year = (idx // 12).where(ok, 2000).astype(int)
    month = (idx % 12 + 1).where(ok, 1).astype(int)
    dates = pd.to_datetime(pd.DataFrame({"year": year, "month": month, "day": 1}))
    return dates.astype("datetime64[ns]").where(ok)
