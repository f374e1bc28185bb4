"""Small-cell operations on one table: the steps of :func:`impact.report.privacy.publishable`.

Each function applies one rule of :mod:`impact.report.privacy` to one table or one list
of counts; :func:`impact.report.privacy.publishable` decides which table gets which, and
is the only caller in the package (a test checks it).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = [
    "DEFAULT_MIN_CELL", "STATISTICS", "check_min_cell", "complementary_cells", "hide_small_months",
    "is_small", "mask_small_counts", "suppress_small_cells",
]  # fmt: skip

#: Default minimum cell size.
DEFAULT_MIN_CELL = 10
#: The statistics of an effect table, blanked in a hidden row.
STATISTICS = ("estimate", "ci_low", "ci_high", "se", "p_value", "q_value")


def is_small(n: object, min_cell: int = DEFAULT_MIN_CELL) -> bool | np.ndarray:
    """The small-cell rule for counts of people: more than 0 and fewer than ``min_cell``.

    Every place that judges one count (a page's sentence, a chart's note) asks this
    function, so the rule is written once. Missing counts are not small.

    Examples
    --------
    >>> is_small(4), is_small(0), is_small(10), is_small(float("nan"))
    (True, False, False, False)
    >>> is_small([3, 12]).tolist()
    [True, False]
    """
    scalar = np.ndim(n) == 0
    values = np.atleast_1d(np.asarray(n, dtype=object))
    values = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float)
    small = (values > 0) & (values < min_cell)
    return bool(small[0]) if scalar else small


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
        small |= is_small(out[col].to_numpy(), min_cell)
    if statistics is None:
        numeric = [
            c
            for c in out.columns
            if c not in present
            and pd.api.types.is_numeric_dtype(out[c])
            and not pd.api.types.is_bool_dtype(out[c])
        ]
        statistics = tuple(dict.fromkeys([*(s for s in STATISTICS if s in out), *numeric]))
    for col in present:
        if not isinstance(out[col].dtype, pd.Int64Dtype):
            out[col] = (
                pd.to_numeric(out[col], errors="coerce").astype("Float64").round().astype("Int64")
            )
        out.loc[small, col] = pd.NA
    for col in statistics:
        if col in out.columns:
            out.loc[small, col] = np.nan
    out["suppressed"] = small
    return out


def complementary_cells(
    counts: object, *, min_cell: int = DEFAULT_MIN_CELL, hidden: object = None
) -> np.ndarray:
    """Which parts of a shown total to hide so that no small part can be recomputed.

    A part with ``0 < n < min_cell`` is hidden (primary suppression), and so is any part
    flagged in ``hidden``. With the total shown, the hidden parts add up to the total
    minus the shown ones: when they are a single part, or add up to fewer than
    ``min_cell`` people, the smallest shown non-zero part is hidden too, until the
    hidden parts are at least two and add up to ``min_cell`` or more (or nothing is
    left to hide). This is the usual complementary-cell rule.

    Parameters
    ----------
    counts : array-like of numbers
        The parts of one total (people); missing values count as 0.
    min_cell : int, default 10
    hidden : array-like of bool, optional
        Parts already hidden for another reason.

    Returns
    -------
    numpy.ndarray of bool
        ``True`` for each part to hide.

    Examples
    --------
    >>> complementary_cells([25, 4, 31]).tolist()
    [True, True, False]
    >>> complementary_cells([25, 4, 6, 31]).tolist()
    [False, True, True, False]
    """
    check_min_cell(min_cell)
    x = np.nan_to_num(np.asarray(counts, dtype=float), nan=0.0)
    hide = is_small(x, min_cell)
    if hidden is not None:
        hide |= np.asarray(hidden, dtype=bool)
    while hide.any():
        people = x[hide & (x > 0)]
        if len(people) >= 2 and people.sum() >= min_cell or not people.size:
            break
        others = np.where(~hide & (x > 0), x, np.inf)
        if not np.isfinite(others).any():
            break
        hide[int(np.argmin(others))] = True
    return hide


_SMALL_IN_TEXT = (
    # "n = 4", "n before = 4", "professionals n = 3", "(n = 4 < 30)"
    re.compile(r"(\bn(?:[ _](?:before|after|pro|pat)\w*)?\s*=\s*)(\d+(?:\.\d+)?)"),
    # "before = 4, after = 0" inside a reason about people
    re.compile(r"(\b(?:before|after)\s*=\s*)(\d+(?:\.\d+)?)"),
    # "4 questionnaires", "only 8 pairs", "12 complete answers", "3 respondents"
    re.compile(
        r"(?<![\d.,])(\d+(?:\.\d+)?)(\s+(?:questionnaires?|complete pairs?|pairs?|"
        r"respondents?|complete answers?|answers?|patients?|self-ratings?|people))\b"
    ),
)


def mask_small_counts(
    text: object, *, min_cell: int = DEFAULT_MIN_CELL, mark: str | None = None
) -> object:
    """Replace the counts of people under ``min_cell`` written in a text by a mark.

    Library ``reason`` strings name the counts behind a missing estimate ("fewer than 2
    values (n before = 4, n after = 0)", "small sample: 8 questionnaires …"); before such
    a text is published, every ``0 < k < min_cell`` in those patterns becomes
    ``"< min_cell"`` (or ``mark``). Non-text values are returned unchanged.

    Examples
    --------
    >>> mask_small_counts("fewer than 2 values (n before = 4, n after = 31)")
    'fewer than 2 values (n before = < 10, n after = 31)'
    >>> mask_small_counts("small sample: 8 questionnaires (publication threshold 30)")
    'small sample: < 10 questionnaires (publication threshold 30)'
    """
    if not isinstance(text, str) or not text:
        return text
    check_min_cell(min_cell)
    mark = f"< {min_cell}" if mark is None else mark

    def small(value: str) -> bool:
        return is_small(float(value), min_cell)

    for pattern in _SMALL_IN_TEXT[:2]:
        text = pattern.sub(lambda m: m.group(1) + (mark if small(m.group(2)) else m.group(2)), text)
    return _SMALL_IN_TEXT[2].sub(
        lambda m: (mark if small(m.group(1)) else m.group(1)) + m.group(2), text
    )


def hide_small_months(fitted: pd.DataFrame, *, min_cell: int = DEFAULT_MIN_CELL
                      ) -> tuple[pd.DataFrame, int]:  # fmt: skip
    """Blank the observed value of every month computed from fewer than ``min_cell`` people,
    zero included.

    A monthly rate, share or mean of 3 stays is a statistic of a small group: the time
    series charts must not show it. Months of zero events are hidden too: drawing them
    while hiding the months of 1 to ``min_cell − 1`` events would show a series of zeros
    under a fitted line of 5 to 15 (complaints would look like none). The model (fitted
    line, counterfactual) summarises the whole series and stays.

    Parameters
    ----------
    fitted : pandas.DataFrame
        The ``fitted`` table of :func:`impact.indicators.trends.its_by_team`, with ``n``
        (people behind each month; missing for counts, which are not about people).
    min_cell : int, default 10

    Returns
    -------
    (pandas.DataFrame, int)
        A copy with ``observed`` set to NaN on those months, and how many were hidden.

    Examples
    --------
    >>> f = pd.DataFrame({"observed": [5.0, 7.0, 2.0, 0.0], "n": [40, 3, np.nan, 0]})
    >>> out, hidden = hide_small_months(f)
    >>> out["observed"].tolist(), hidden
    ([5.0, nan, 2.0, nan], 2)
    """
    check_min_cell(min_cell)
    if "n" not in fitted.columns:
        return fitted, 0
    n = pd.to_numeric(fitted["n"], errors="coerce")
    small = ((n < min_cell) & fitted["observed"].notna()).fillna(False).to_numpy(dtype=bool)
    out = fitted.copy()
    out.loc[small, "observed"] = np.nan
    return out, int(small.sum())


def check_min_cell(min_cell: object) -> None:
    if not isinstance(min_cell, (int, np.integer)) or isinstance(min_cell, bool) or min_cell < 1:
        raise ValueError(f"min_cell must be a positive whole number. Got {min_cell!r}.")
