"""Small-cell suppression: no count under the minimum, nor any statistic computed from it.

Reports go to hospital boards; a group of fewer than ``min_cell`` people (default 10,
shared/DESIGN.md) must not be shown, nor anything that would let it be recomputed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["DEFAULT_MIN_CELL", "SUPPRESSED", "suppress_small_cells"]

#: Default minimum cell size.
DEFAULT_MIN_CELL = 10
#: Mark shown in place of a suppressed value.
SUPPRESSED = "< min"

_STATISTICS = ("estimate", "ci_low", "ci_high", "se", "p_value", "q_value")


def suppress_small_cells(
    table: pd.DataFrame,
    *,
    min_cell: int = DEFAULT_MIN_CELL,
    counts: tuple[str, ...] = ("n", "n_before", "n_after"),
    statistics: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """Blank the counts under ``min_cell`` and every statistic of their rows.

    Parameters
    ----------
    table : pandas.DataFrame
        An effect table or any table with count columns.
    min_cell : int, default 10
        Smallest count that may be shown.
    counts : tuple of str
        Count columns to check (those absent are ignored). A zero count is not a person
        and is kept.
    statistics : tuple of str, optional
        Columns blanked in a suppressed row; default: the effect-table statistics present
        plus every numeric column that is not a count.

    Returns
    -------
    pandas.DataFrame
        A copy with the small counts and their rows' statistics set to missing, and a
        boolean column ``suppressed``.

    Examples
    --------
    >>> t = pd.DataFrame({"n": [4, 25], "estimate": [1.0, 2.0]})
    >>> out = suppress_small_cells(t)
    >>> out["suppressed"].tolist(), out["estimate"].isna().tolist()
    ([True, False], [True, False])
    """
    if not isinstance(min_cell, (int, np.integer)) or min_cell < 1:
        raise ValueError(f"min_cell must be a positive whole number. Got {min_cell!r}.")
    out = table.copy()
    present = [c for c in counts if c in out.columns]
    small = np.zeros(len(out), dtype=bool)
    for col in present:
        values = pd.to_numeric(out[col], errors="coerce")
        under = (values > 0) & (values < min_cell)
        small |= under.fillna(False).to_numpy(dtype=bool)
    if statistics is None:
        numeric = [c for c in out.columns
                   if c not in present and pd.api.types.is_numeric_dtype(out[c])
                   and not pd.api.types.is_bool_dtype(out[c])]
        statistics = tuple(dict.fromkeys([*(s for s in _STATISTICS if s in out), *numeric]))
    for col in present:
        if not isinstance(out[col].dtype, pd.Int64Dtype):
            out[col] = pd.to_numeric(out[col], errors="coerce").astype("Float64").round().astype(
                "Int64")
        out.loc[small, col] = pd.NA
    for col in statistics:
        if col in out.columns:
            out.loc[small, col] = np.nan
    out["suppressed"] = small
    return out
