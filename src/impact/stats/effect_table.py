"""The effect table: the one DataFrame shape every estimator returns.

One row per estimate. Reports, plots, small-cell suppression and pooling all read these
columns (see shared/DESIGN.md). Identifier columns (``team_id``, ``indicator``,
``dimension``, ``role``…) come first and vary by family.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = [
    "ADJUSTED_MEAN_DIFFERENCE", "DIFFERENCE_IN_DIFFERENCES", "DIFFERENCE_IN_PROPORTIONS",
    "EFFECT_COLUMNS", "HODGES_LEHMANN", "LEVEL_CHANGE", "MEAN_CHANGE", "MEAN_DIFFERENCE",
    "PROBABILITY_OF_SUPERIORITY", "RATE_RATIO", "SLOPE_CHANGE",
    "STANDARDISED_MEAN_DIFFERENCE", "effect_frame",
]  # fmt: skip

# Measure names read by more than one module (their values are in results CSVs).
MEAN_DIFFERENCE = "mean difference"
ADJUSTED_MEAN_DIFFERENCE = "adjusted mean difference"
MEAN_CHANGE = "mean change"
HODGES_LEHMANN = "Hodges-Lehmann median change"
STANDARDISED_MEAN_DIFFERENCE = "standardised mean difference"
PROBABILITY_OF_SUPERIORITY = "probability of superiority"
DIFFERENCE_IN_PROPORTIONS = "difference in proportions"
RATE_RATIO = "rate ratio"
LEVEL_CHANGE = "level change"
SLOPE_CHANGE = "slope change"
DIFFERENCE_IN_DIFFERENCES = "difference-in-differences"

#: Standard columns, in order.
#:
#: - ``measure``: what is estimated ("difference in proportions", "rate ratio"…).
#: - ``estimate``, ``ci_low``, ``ci_high``: on the reporting scale (a ratio for ratios).
#: - ``se``: standard error on the analysis scale given by ``scale``.
#: - ``scale``: "identity" or "log" — the scale on which the estimate is approximately
#:   normal with standard error ``se`` (pooling works there).
#: - ``p_value``: two-sided, for no effect.
#: - ``n_before``, ``n_after``, ``n``: the counts behind the estimate.
#: - ``method``: the named, citable method.
#: - ``reason``: why the estimate is missing or flagged, as codes of
#:   :data:`impact.stats.reasons.REASONS` joined by ";" ("" when all is well).
EFFECT_COLUMNS = [
    "measure", "estimate", "ci_low", "ci_high", "se", "scale", "p_value",
    "n_before", "n_after", "n", "method", "reason",
]  # fmt: skip
_FLOATS = ("estimate", "ci_low", "ci_high", "se", "p_value")
_COUNTS = ("n_before", "n_after", "n")


def effect_frame(ids: dict[str, object] | None = None, /, **columns: object) -> pd.DataFrame:
    """Build an effect table from scalars or equal-length arrays.

    Parameters
    ----------
    ids : dict, optional
        Identifier columns placed first (e.g. ``{"team_id": "T01"}``).
    **columns
        Values for :data:`EFFECT_COLUMNS` (missing ones are filled: NaN for numbers,
        "" for ``reason``) and any extra columns, which go last.

    Examples
    --------
    >>> effect_frame({"team_id": "T01"}, measure="mean difference", estimate=1.5,
    ...              method="Welch t").loc[0, ["team_id", "estimate", "scale"]].tolist()
    ['T01', 1.5, 'identity']
    """
    ids = ids or {}
    data = {**ids}
    lengths = [
        len(v)
        for v in (*ids.values(), *columns.values())
        if isinstance(v, (list, tuple, np.ndarray, pd.Series, pd.Index))
    ]
    n = max(lengths) if lengths else 1
    defaults = {"scale": "identity", "reason": "", "method": "", "measure": ""}
    for col in EFFECT_COLUMNS:
        value = columns.pop(col, defaults.get(col, np.nan))
        if isinstance(value, pd.Series):
            value = np.asarray(value)
        if col in _FLOATS:
            value = _floats(value, n)
        elif col in _COUNTS:
            value = _counts(value, n)
        data[col] = value
    data.update(columns)
    return pd.DataFrame(
        {k: (np.asarray(v) if isinstance(v, pd.Series) else v) for k, v in data.items()},
        index=range(n),
    )


def _floats(value: object, n: int) -> np.ndarray:
    """``value`` as float64, as pandas' ``astype("float64")`` converts it (scalars repeated)."""
    values = np.asarray(value, dtype=float)
    return np.full(n, values) if values.ndim == 0 else values


def _counts(value: object, n: int) -> pd.api.extensions.ExtensionArray:
    """``value`` rounded to nullable integers (``Int64``, NaN and None as missing)."""
    values = [value] * n if np.ndim(value) == 0 else value
    return pd.array(values, dtype="Float64").round().astype("Int64")
