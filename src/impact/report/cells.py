"""Small-cell operations on one table: the steps of :func:`impact.report.privacy.publishable`.

Each function applies one rule of :mod:`impact.report.privacy` to one table or one list
of counts; :func:`impact.report.privacy.publishable` decides which table gets which, and
is the only caller in the package (a test checks it).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = ["is_small",
    "DEFAULT_MIN_CELL", "STATISTICS", "check_min_cell", "complementary_cells", "hide_small_months",
    "mask_small_counts", "reveals_hidden", "secondary_suppression", "suppress_small_cells",
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
        values = pd.to_numeric(out[col], errors="coerce")
        under = (values > 0) & (values < min_cell)
        small |= under.fillna(False).to_numpy(dtype=bool)
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
    hide = (x > 0) & (x < min_cell)
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


def reveals_hidden(
    total: float, shown: object, n_hidden: int, *, min_cell: int = DEFAULT_MIN_CELL
) -> bool:
    """Would a shown ``total`` minus the ``shown`` parts give hidden parts back?

    The hidden parts add up to ``total - sum(shown)``: that is a small group when only
    one part is hidden, or when they add up to fewer than ``min_cell`` people. Use it to
    decide whether a total may be shown beside parts of which ``n_hidden`` are hidden.

    Examples
    --------
    >>> reveals_hidden(19, [14], 1)  # professionals 14 shown, patient side hidden
    True
    >>> reveals_hidden(40, [14], 2)  # two hidden groups, 26 people together
    False
    """
    check_min_cell(min_cell)
    if n_hidden <= 0 or total is None or pd.isna(total):
        return False
    rest = float(total) - float(np.nansum(np.asarray(shown, dtype=float)))
    return n_hidden == 1 or rest < min_cell


def secondary_suppression(
    table: pd.DataFrame,
    *,
    by: list[str] | tuple[str, ...],
    part: str,
    total: object,
    count: str = "n",
    min_cell: int = DEFAULT_MIN_CELL,
    statistics: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """Hide the cells that a total shown beside its parts would give away.

    Within each group of rows sharing the ``by`` columns, the rows whose ``part`` column
    equals ``total`` hold the total and the other rows its parts (e.g. ``part =
    "role_group"``: professionals, patient side, and ``total = "all"``). When a part is
    suppressed (its ``suppressed`` flag, or its ``count`` under ``min_cell``) and the
    total is shown, the total minus the shown parts would recompute it: the smallest
    shown parts are suppressed too (:func:`complementary_cells`), with their counts and
    statistics blanked. A total that is itself suppressed reveals nothing.

    Parameters
    ----------
    table : pandas.DataFrame
        Rows of parts and totals, typically after :func:`suppress_small_cells`; the
        ``count`` column must hold the counts before suppression, or the table must
        keep them in ``count`` for rows not yet suppressed (a suppressed row's blank
        count is then treated as "small").
    by : list of str
        Columns identifying one total and its parts (e.g. team, wave, dimension).
    part : str
        Column naming the part (or the total).
    total : object
        Value of ``part`` on the total's rows.
    count : str, default "n"
        Count column of the parts.
    min_cell : int, default 10
    statistics : tuple of str, optional
        Columns blanked in a newly suppressed row; default as in
        :func:`suppress_small_cells`.

    Returns
    -------
    pandas.DataFrame
        A copy with ``suppressed`` updated and a boolean column ``suppressed_secondary``
        (rows hidden only because of the total).

    Examples
    --------
    >>> t = pd.DataFrame({"wave": ["T0"] * 3, "group": ["pro", "patient", "all"],
    ...                   "n": [14, 5, 19], "estimate": [1.2, 0.8, 1.1]})
    >>> out = secondary_suppression(suppress_small_cells(t), by=["wave"], part="group",
    ...                             total="all")
    >>> out["suppressed"].tolist(), out["suppressed_secondary"].tolist()
    ([True, True, False], [True, False, False])
    """
    check_min_cell(min_cell)
    missing = [c for c in (*by, part, count) if c not in table.columns]
    if missing:
        raise ValueError(f"secondary_suppression: columns {missing} are not in the table.")
    out = table.copy()
    if "suppressed" not in out.columns:
        out["suppressed"] = False
    flags = out["suppressed"].fillna(False).astype(bool).to_numpy()
    counts = pd.to_numeric(out[count], errors="coerce").astype(float).to_numpy()
    new = np.zeros(len(out), dtype=bool)
    for _, rows in out.groupby(list(by), sort=False, dropna=False).indices.items():
        is_total = out[part].to_numpy()[rows] == total
        if not is_total.any() or flags[rows][is_total].all():
            continue  # no total shown: nothing to give away
        parts = rows[~is_total]
        x = counts[parts]
        hide = flags[parts] | ((x > 0) & (x < min_cell))
        if not hide.any():
            continue
        known = counts[rows[is_total]]
        known = known[np.isfinite(known)]
        while True:
            # what the hidden parts add up to: the total minus the shown parts when the
            # total's count is known, else their own counts (a blank one counts as 1)
            shown = np.nansum(np.where(hide, 0.0, x))
            hidden_sum = (
                known[0] - shown
                if known.size
                else np.nansum(np.where(hide, np.where(np.isfinite(x), x, 1.0), 0.0))
            )
            people = hide & ~(x == 0)
            if people.sum() >= 2 and hidden_sum >= min_cell or not people.any():
                break
            others = np.where(~hide & (x > 0), x, np.inf)
            if not np.isfinite(others).any():
                if hidden_sum < min_cell:  # every part hidden and still small: the total too
                    new[rows[is_total]] = True
                break
            hide[int(np.argmin(others))] = True
        new[parts[hide & ~flags[parts]]] = True
    if new.any():
        if statistics is None:
            statistics = tuple(
                c
                for c in out.columns
                if c not in (count, "suppressed")
                and pd.api.types.is_numeric_dtype(out[c])
                and not pd.api.types.is_bool_dtype(out[c])
            )
        if not isinstance(out[count].dtype, pd.Int64Dtype):
            out[count] = (
                pd.to_numeric(out[count], errors="coerce").astype("Float64").round().astype("Int64")
            )
        out.loc[new, count] = pd.NA
        for col in statistics:
            if col in out.columns:
                out.loc[new, col] = np.nan
    out["suppressed_secondary"] = new & ~flags
    out["suppressed"] = flags | new
    return out


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
        number = float(value)
        return 0 < number < min_cell

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
