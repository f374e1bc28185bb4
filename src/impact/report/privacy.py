"""Small-cell suppression: no count under the minimum, nor any statistic computed from it.

Reports go to hospital boards; a group of fewer than ``min_cell`` people (default 10,
shared/DESIGN.md) must not be shown, nor anything that would let it be recomputed.
:func:`publishable` is the one pass that makes the tables bound for a page or a results
file publishable; the other functions are its steps.

The rule
--------
1. **Primary suppression.** A row with a count of people ``0 < n < min_cell`` (columns
   :data:`PERSON_COUNTS`) is hidden: its counts and every statistic computed from it
   are blanked, the small counts written in its ``reason`` masked, ``suppressed`` set.
   A team × indicator whose 12 months before/after the start hold a small group is
   hidden in every table that has it (time series, difference-in-differences).
2. **No published aggregate contains a hidden unit.** A unit (team, role group) hidden
   from a list is left out of every aggregate published beside that list, so that no
   difference of published numbers gives it back:

   - *pooled effects, subgroups, meta-regression, counts of teams improved*: the report
     layer pools the visible rows of :func:`publishable`'s ``team_effects`` only (the
     synthesis functions know nothing of privacy) and the page says how many teams were
     left out;
   - *all-roles aggregates* (a team's barometer change over both role groups, the
     all-roles answer chart and reliability): a team × dimension with a hidden role
     group has its all-roles change hidden; the all-roles charts and tables use the
     visible role groups' answers only (:func:`visible_role_groups`);
   - *aggregates that cannot be recomputed here* (the programme-level
     difference-in-differences, computed once per run over every treated team): hidden
     for an indicator when any of its teams is hidden (complementary suppression).
3. **Totals beside their parts** (reliability ``n``, RE-AIM counts): the complementary
   cells are hidden (:func:`complementary_cells`, :func:`secondary_suppression`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from impact.barometer.common import ROLE_GROUPS

__all__ = [
    "AGGREGATE_TABLES", "DEFAULT_MIN_CELL", "NON_PERSON_COUNTS", "NON_PERSON_MEASURES",
    "PERSON_COUNTS", "publishable", "visible_role_groups", "visible_team_groups",
    "SUPPRESSED", "complementary_cells", "hidden_pairs", "hide_small_months",
    "mask_small_counts", "reveals_hidden", "suppress_pairs",
    "secondary_suppression", "suppress_results", "suppress_small_cells",
]  # fmt: skip

#: Default minimum cell size.
DEFAULT_MIN_CELL = 10
#: Mark shown in place of a suppressed value.
SUPPRESSED = "< min"

#: Results tables aggregated over a run's teams, one row per indicator (no ``team_id``):
#: hidden for an indicator when one of its teams is (see the module's rule 2).
AGGREGATE_TABLES = ("did_programme", "did_event_study")

_STATISTICS = ("estimate", "ci_low", "ci_high", "se", "p_value", "q_value")

#: Columns of the effect tables that count people (respondents, patients, questionnaires,
#: people with an event). A value ``0 < k < min_cell`` is a small cell.
PERSON_COUNTS = (
    "n", "n_before", "n_after", "n_respondents", "n_professionals", "n_patients",
    "n_paired", "n_only_before", "n_only_after", "n_group_before", "n_group_after",
    "n_top", "events", "n_dropped",
)  # fmt: skip
#: Count columns that do not count people: months, time points, units, teams, hospitals,
#: items, joint assessments, degrees of freedom. Shown whatever their size.
NON_PERSON_COUNTS = (
    "months_before", "months_after", "n_months", "n_periods", "n_points", "n_controls",
    "n_treated", "n_control", "n_clusters", "n_units", "n_teams", "n_hospitals", "n_ghu",
    "k", "n_items", "n_joint", "df", "hac_lags", "event_time", "n_groups", "n_treated_units",
    "n_control_units",
)  # fmt: skip
#: Measures whose ``n``/``n_before``/``n_after`` count time points or units, not people
#: (interrupted time series, difference-in-differences, pooling over teams).
NON_PERSON_MEASURES = (
    "level change", "slope change", "relative change at end", "difference-in-differences",
    "TWFE", "ATT (Callaway-Sant'Anna)", "ATT by event time (Callaway-Sant'Anna)",
)  # fmt: skip


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
        statistics = tuple(dict.fromkeys([*(s for s in _STATISTICS if s in out), *numeric]))
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
    _check_min_cell(min_cell)
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
    _check_min_cell(min_cell)
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
    _check_min_cell(min_cell)
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
    _check_min_cell(min_cell)
    mark = f"< {min_cell}" if mark is None else mark

    def small(value: str) -> bool:
        number = float(value)
        return 0 < number < min_cell

    for pattern in _SMALL_IN_TEXT[:2]:
        text = pattern.sub(lambda m: m.group(1) + (mark if small(m.group(2)) else m.group(2)), text)
    return _SMALL_IN_TEXT[2].sub(
        lambda m: (mark if small(m.group(1)) else m.group(1)) + m.group(2), text
    )


def suppress_results(
    table: pd.DataFrame,
    *,
    min_cell: int = DEFAULT_MIN_CELL,
    person_counts: tuple[str, ...] = PERSON_COUNTS,
    text_columns: tuple[str, ...] = ("reason", "warning"),
) -> pd.DataFrame:
    """Make an effect table of any family safe to publish as a results CSV.

    Rows with a count of people under ``min_cell`` (columns ``person_counts``; on rows
    whose ``measure`` is in :data:`NON_PERSON_MEASURES`, ``n``/``n_before``/``n_after``
    count time points or units and are left alone) get their counts and statistics
    blanked (:func:`suppress_small_cells`, column ``suppressed``), and the small counts
    written in ``text_columns`` are masked (:func:`mask_small_counts`).

    Examples
    --------
    >>> t = pd.DataFrame({"measure": ["mean difference", "level change"],
    ...                   "n_before": [4, 6], "estimate": [1.0, 2.0], "reason": ["", ""]})
    >>> out = suppress_results(t)
    >>> out["suppressed"].tolist(), out["n_before"].tolist()
    ([True, False], [<NA>, 6])
    """
    _check_min_cell(min_cell)
    table = table.reset_index(drop=True)
    counts = tuple(c for c in person_counts if c in table.columns)
    for col in counts:
        table[col] = (
            pd.to_numeric(table[col], errors="coerce").astype("Float64").round().astype("Int64")
        )
    timeish = (
        table["measure"].isin(NON_PERSON_MEASURES).to_numpy()
        if "measure" in table.columns
        else np.zeros(len(table), dtype=bool)
    )
    generic = ("n", "n_before", "n_after")
    parts = []
    for mask, cols in ((~timeish, counts), (timeish, tuple(c for c in counts if c not in generic))):
        if mask.any():
            parts.append(suppress_small_cells(table.loc[mask], min_cell=min_cell, counts=cols))
    out = pd.concat(parts).sort_index() if parts else table.assign(suppressed=False)
    for col in text_columns:
        if col in out.columns:
            out[col] = out[col].map(lambda v: mask_small_counts(v, min_cell=min_cell))
    return out


def publishable(
    tables: Mapping[str, pd.DataFrame | None], min_cell: int = DEFAULT_MIN_CELL
) -> dict[str, pd.DataFrame | None]:
    """Make the tables bound for a page or a results file publishable (the module's rule).

    The one place where values are hidden. Every table gets the primary suppression
    (:func:`suppress_results`; rows flagged ``suppressed`` upstream stay hidden). Some
    names carry more, so that nothing hidden can be solved back from what is shown:

    - ``"indicators"`` (:func:`impact.indicators.periods.compare_periods`): its hidden
      team × indicator pairs (:func:`hidden_pairs`) are hidden in every other table with
      ``team_id`` and ``indicator`` columns, and the tables of
      :data:`AGGREGATE_TABLES` hide the indicators that have a hidden team;
    - ``"barometer_changes"`` (:func:`impact.report.barometer_tables.barometer_tables`
      ``["changes"]``): its hidden role groups hide the all-roles barometer effects of
      ``"team_effects"`` for the same team and dimension;
    - ``"team_effects"`` (:func:`impact.synthesis.effects.team_effects`): a team's
      effect is hidden when its people (``n_before``, ``n_after``, ``n``: people in
      every family there) are under ``min_cell``, or by the two rules above. Pooled
      effects, subgroups and meta-regressions are computed from its visible rows only.

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame or None
        Tables by name (results-file family names, or the names above); None passes.
    min_cell : int, default 10

    Returns
    -------
    dict of str to pandas.DataFrame or None
        The same names, each table a publishable copy with a boolean ``suppressed``.

    Examples
    --------
    >>> effects = pd.DataFrame({"family": "prem", "outcome": "all", "team_id": ["A", "B"],
    ...     "measure": "mean difference", "estimate": [1.0, 2.0], "n_before": [40, 6],
    ...     "n_after": [35, 30], "reason": ""})
    >>> publishable({"team_effects": effects})["team_effects"]["suppressed"].tolist()
    [False, True]
    """
    _check_min_cell(min_cell)
    pairs = hidden_pairs(tables.get("indicators"), min_cell=min_cell)
    indicators = {indicator for _, indicator in pairs}
    roles = _hidden_roles(tables.get("barometer_changes"), min_cell)
    out: dict[str, pd.DataFrame | None] = {}
    for name, table in tables.items():
        if table is None:
            out[name] = None
            continue
        if name == "team_effects":
            out[name] = _team_effects(table, pairs, roles, min_cell)
            continue
        if name in AGGREGATE_TABLES and "indicator" in table.columns:
            table = _blank(table, table["indicator"].astype(str).isin(indicators).to_numpy())
        elif {"team_id", "indicator"} <= set(table.columns) and name != "indicators":
            table = suppress_pairs(table, pairs)
        out[name] = _primary(table, min_cell)
    return out


def visible_role_groups(responses: pd.DataFrame, summary: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The barometer answers of the role groups × waves shown, for all-roles aggregates.

    A chart or table over all respondents (answers per item, reliability) minus the
    professionals' published numbers would give a hidden patient side back: such
    aggregates use only the answers of the role groups × waves of ``summary`` (the
    team's published score table) with no hidden row.

    Parameters
    ----------
    responses : pandas.DataFrame
        Barometer responses (``role``, ``wave``).
    summary : pandas.DataFrame
        Publishable score summary (``role_group``, ``wave``, ``suppressed``).

    Returns
    -------
    (pandas.DataFrame, int)
        The visible responses and how many role groups × waves were left out.

    Examples
    --------
    >>> r = pd.DataFrame({"role": ["professionnel", "patient"], "wave": ["T0", "T0"]})
    >>> s = pd.DataFrame({"role_group": ["professionals", "patient_side"],
    ...                   "wave": ["T0", "T0"], "suppressed": [False, True]})
    >>> shown, left_out = visible_role_groups(r, s)
    >>> shown["role"].tolist(), left_out
    (['professionnel'], 1)
    """
    hidden = summary.loc[summary["suppressed"].fillna(False).astype(bool)]
    keys = set(zip(hidden["role_group"], hidden["wave"], strict=True))
    group = responses["role"].map(ROLE_GROUPS)
    drop = np.fromiter(
        (key in keys for key in zip(group, responses["wave"], strict=True)),
        dtype=bool,
        count=len(responses),
    )
    return responses.loc[~drop], len(keys)


def visible_team_groups(
    responses: pd.DataFrame, summary: pd.DataFrame, waves: tuple[str, ...]
) -> tuple[pd.DataFrame, int]:
    """The barometer answers of every team's role groups shown at each of ``waves``.

    A team's change that mixes its role groups (the programme's barometer effect) minus
    the professionals' published change would give a hidden patient side back: for a team
    whose role group is hidden at any of ``waves``, that group's answers are left out
    entirely, so its change is that of the groups shown (the professionals' alone when
    the patient side is hidden), already published in the team's report.

    Parameters
    ----------
    responses : pandas.DataFrame
        Barometer responses of many teams (``team_id``, ``role``, ``wave``).
    summary : pandas.DataFrame
        Publishable score summary (``team_id``, ``role_group``, ``wave``, ``suppressed``).
    waves : tuple of str
        The waves the change compares.

    Returns
    -------
    (pandas.DataFrame, int)
        The visible responses and how many team × role groups were left out.

    Examples
    --------
    >>> r = pd.DataFrame({"team_id": ["T1"] * 4, "wave": ["T0", "T0", "T1", "T1"],
    ...                   "role": ["professionnel", "patient"] * 2})
    >>> s = pd.DataFrame({"team_id": ["T1"] * 4, "wave": ["T0", "T0", "T1", "T1"],
    ...                   "role_group": ["professionals", "patient_side"] * 2,
    ...                   "suppressed": [False, False, False, True]})
    >>> shown, left_out = visible_team_groups(r, s, ("T0", "T1"))
    >>> shown["role"].tolist(), left_out
    (['professionnel', 'professionnel'], 1)
    """
    in_waves = summary["wave"].isin(waves).to_numpy()
    hidden = summary.loc[in_waves & summary["suppressed"].fillna(False).astype(bool).to_numpy()]
    keys = set(zip(hidden["team_id"], hidden["role_group"], strict=True))
    group = responses["role"].map(ROLE_GROUPS)
    drop = np.fromiter(
        (key in keys for key in zip(responses["team_id"], group, strict=True)),
        dtype=bool,
        count=len(responses),
    )
    return responses.loc[~drop], len(keys)


def _primary(table: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    """:func:`suppress_results`, keeping the rows suppressed upstream."""
    before = (
        table["suppressed"].fillna(False).astype(bool).to_numpy()
        if "suppressed" in table.columns
        else np.zeros(len(table), dtype=bool)
    )
    out = suppress_results(table, min_cell=min_cell)
    out["suppressed"] = out["suppressed"].to_numpy(dtype=bool) | before
    return _blank(out, out["suppressed"].to_numpy(dtype=bool))


def _blank(table: pd.DataFrame, hit: np.ndarray) -> pd.DataFrame:
    """Blank the statistics and verdict of the rows ``hit`` and flag them ``suppressed``."""
    out = table.copy()
    previous = (
        out["suppressed"].fillna(False).astype(bool).to_numpy()
        if "suppressed" in out.columns
        else np.zeros(len(out), dtype=bool)
    )
    stats = [c for c in _STATISTICS if c in out.columns]
    out.loc[hit, stats] = np.nan
    if "verdict" in out.columns:  # a verdict is read from the hidden interval
        out["verdict"] = out["verdict"].astype(object)
        out.loc[hit, "verdict"] = None
    out["suppressed"] = previous | hit
    return out


def _hidden_roles(changes: pd.DataFrame | None, min_cell: int) -> set[tuple[str, str]]:
    """(team, dimension) whose barometer change hides a role group at either wave."""
    if changes is None or not len(changes):
        return set()
    rows = changes.loc[(changes["analysis"] == "all") & (changes["measure"] == "mean change")]
    hidden = (
        np.array(rows["suppressed"].fillna(False), dtype=bool)
        if "suppressed" in rows.columns
        else np.zeros(len(rows), dtype=bool)
    )
    for col in ("n_group_before", "n_group_after"):
        if col in rows.columns:
            n = pd.to_numeric(rows[col], errors="coerce")
            hidden |= ((n > 0) & (n < min_cell)).fillna(False).to_numpy(dtype=bool)
    hit = rows.loc[hidden]
    return set(zip(hit["team_id"].astype(str), hit["dimension"].astype(str), strict=True))


def _team_effects(
    effects: pd.DataFrame,
    pairs: set[tuple[str, str]],
    roles: set[tuple[str, str]],
    min_cell: int,
) -> pd.DataFrame:
    """Rule 2 on the teams' effects: small teams, hidden indicators and role groups."""
    out = suppress_small_cells(
        effects.reset_index(drop=True),
        min_cell=min_cell,
        counts=("n_before", "n_after", "n"),
        statistics=tuple(c for c in (*_STATISTICS, "pi_low", "pi_high") if c in effects),
    )
    keys = list(zip(out["team_id"].astype(str), out["outcome"].astype(str), strict=True))
    family = out["family"].to_numpy(dtype=object)
    hit = np.array(
        [
            (f == "indicator" and key in pairs) or (f == "barometer" and key in roles)
            for f, key in zip(family, keys, strict=True)
        ],
        dtype=bool,
    )
    out = _blank(out, hit | out["suppressed"].to_numpy(dtype=bool))
    if "reason" in out.columns:
        out["reason"] = out["reason"].map(lambda v: mask_small_counts(v, min_cell=min_cell))
    return out


def hidden_pairs(before_after: pd.DataFrame, *, min_cell: int = DEFAULT_MIN_CELL
                 ) -> set[tuple[str, str]]:  # fmt: skip
    """The (team, indicator) pairs whose before/after comparison is hidden for a small cell.

    The 12 months before and after a team's start hold fewer than ``min_cell`` people
    (stays, patients, or people with the event of a rate): whatever else is computed
    from that team's indicator (its time series, its difference-in-differences) is hidden
    with it, in the reports, the index and the results files alike.

    Parameters
    ----------
    before_after : pandas.DataFrame
        :func:`impact.indicators.periods.compare_periods` rows (``team_id``, ``indicator``,
        ``measure``, ``n_before``, ``n_after``).
    min_cell : int, default 10
    """
    if before_after is None or not len(before_after):
        return set()
    shown = suppress_results(before_after, min_cell=min_cell)
    hidden = shown.loc[shown["suppressed"].to_numpy(dtype=bool), ["team_id", "indicator"]]
    return set(zip(hidden["team_id"].astype(str), hidden["indicator"].astype(str),
                   strict=True))  # fmt: skip


def suppress_pairs(table: pd.DataFrame, pairs: set[tuple[str, str]]) -> pd.DataFrame:
    """Blank the statistics of the rows of ``pairs`` (see :func:`hidden_pairs`).

    Returns a copy whose rows with ``(team_id, indicator)`` in ``pairs`` have their
    estimate, interval, standard error, p- and q-values missing and ``suppressed`` True.
    """
    if pairs and {"team_id", "indicator"} <= set(table.columns):
        keys = zip(table["team_id"].astype(str), table["indicator"].astype(str), strict=True)
        hit = np.fromiter((key in pairs for key in keys), dtype=bool, count=len(table))
    else:
        hit = np.zeros(len(table), dtype=bool)
    return _blank(table, hit)


def hide_small_months(fitted: pd.DataFrame, *, min_cell: int = DEFAULT_MIN_CELL
                      ) -> tuple[pd.DataFrame, int]:  # fmt: skip
    """Blank the observed value of every month computed from 1 to ``min_cell − 1`` people.

    A monthly rate, share or mean of 3 stays is a statistic of a small group: the time
    series charts must not show it. The model (fitted line, counterfactual) summarises
    the whole series and stays.

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
    ([5.0, nan, 2.0, 0.0], 1)
    """
    _check_min_cell(min_cell)
    if "n" not in fitted.columns:
        return fitted, 0
    n = pd.to_numeric(fitted["n"], errors="coerce")
    small = ((n > 0) & (n < min_cell) & fitted["observed"].notna()).to_numpy(dtype=bool)
    out = fitted.copy()
    out.loc[small, "observed"] = np.nan
    return out, int(small.sum())


def _check_min_cell(min_cell: object) -> None:
    if not isinstance(min_cell, (int, np.integer)) or isinstance(min_cell, bool) or min_cell < 1:
        raise ValueError(f"min_cell must be a positive whole number. Got {min_cell!r}.")
