"""Small-cell suppression: no count under the minimum, nor any statistic computed from it.

Reports go to hospital boards; a group of fewer than ``min_cell`` people (default 10,
shared/DESIGN.md) must not be shown, nor anything that would let it be recomputed.
:func:`publishable` is the one pass that makes the tables bound for a page or a results
file publishable, and the only caller of the cell operations of
:mod:`impact.report.cells`: the functions that compute tables (families, team report
tables such as :func:`impact.report.barometer_tables.barometer_tables`) hide nothing.

The rule
--------
1. **Primary suppression.** A row with a count of people ``0 < n < min_cell`` (columns
   :data:`PERSON_COUNTS`) is hidden: its counts and every statistic computed from it
   are blanked, ``suppressed`` set (``reason`` holds codes, never counts). A count that
   is a by-product of a row (a barometer change's pairs beside its two waves'
   respondents, :data:`BYPRODUCT_COUNTS`) is blanked when small, the row kept.
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
     all-roles answer chart and reliability, the joint rating against the mean of every
     self-rating): a team × dimension with a hidden role group has its all-roles change
     hidden, and a team × wave × dimension with one its joint-versus-self row; the
     all-roles charts and tables use the visible role groups' answers only
     (:func:`visible_role_groups`). Every other Likert questionnaire follows the same
     rules, each questionnaire apart;
   - *aggregates that cannot be recomputed here* (the programme-level
     difference-in-differences, computed once per run over every treated team): hidden
     for an indicator when any of its teams is hidden (complementary suppression).
3. **Totals beside their parts** (RE-AIM counts by role group or period,
   :data:`PARTS_TABLES`): the complementary cells are hidden
   (:func:`complementary_cells`) until the hidden parts are two or more and add up to
   ``min_cell`` people or more.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from impact.barometer.common import ROLE_GROUPS
from impact.barometer.questionnaires import outcome_code
from impact.report.cells import (
    DEFAULT_MIN_CELL,
    STATISTICS,
    check_min_cell,
    complementary_cells,
    hide_small_months,
    is_small,
    mask_small_counts,
    suppress_small_cells,
)
from impact.training.evaluation import ALL_ROLES

__all__ = [
    "ACTIVITY_BEHAVIOUR", "ACTIVITY_MONTH", "ACTIVITY_ROLES", "AGGREGATE_TABLES", "COMMENTS",
    "comments_rules",
    "BYPRODUCT_COUNTS", "DEFAULT_MIN_CELL",
    "NON_PERSON_COUNTS", "NON_PERSON_MEASURES", "PARTS_TABLES", "PERSON_COUNTS",
    "QUESTIONNAIRES", "ROADMAP_FROM_MEASURE", "SUPPRESSED", "TRAINED_COLUMNS", "TRAINING",
    "TRAINING_CELL_COUNTS", "TRAINING_REPORT", "TRAINING_ROLES", "training_report_rules",
    "complementary_cells", "hidden_pairs", "hide_small_months", "is_small", "mask_small_counts",
    "pooled_activity_teams",
    "publishable", "suppress_pairs",
    "suppress_results", "suppress_small_cells", "visible_role_groups", "visible_team_groups",
]  # fmt: skip

#: Prefix of the flattened training tables in :func:`publishable` (``{"training": ...}``).
TRAINING = "training_"
#: Columns of :func:`impact.training.evaluation.trained` computed from a row's people.
TRAINED_COLUMNS = ("n", "n_sessions", "hours", "person_hours")
_TRAINING_KEYS = ("team_id", "training", "session")

#: Mark shown in place of a suppressed value.
SUPPRESSED = "< min"
#: Name of the questionnaires' tables in :func:`publishable` (questionnaire → key → table).
QUESTIONNAIRES = "questionnaires"

#: Counts of a barometer change that are by-products of its row, not the cell its
#: statistics come from: blanked when small, the row kept (see :func:`publishable`).
BYPRODUCT_COUNTS = ("n_paired", "n_only_before", "n_only_after")
#: Tables of the parts of a published total (columns ``total``, ``n``): complementary
#: cells hidden (the module's rule 3).
PARTS_TABLES = ("reaim_parts",)

#: Results tables aggregated over a run's teams, one row per indicator (no ``team_id``):
#: hidden for an indicator when one of its teams is (see the module's rule 2).
AGGREGATE_TABLES = ("did_programme", "did_event_study")

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


def suppress_results(
    table: pd.DataFrame,
    *,
    min_cell: int = DEFAULT_MIN_CELL,
    person_counts: tuple[str, ...] = PERSON_COUNTS,
) -> pd.DataFrame:
    """Make an effect table of any family safe to publish as a results CSV.

    Rows with a count of people under ``min_cell`` (columns ``person_counts``; on rows
    whose ``measure`` is in :data:`NON_PERSON_MEASURES`, ``n``/``n_before``/``n_after``
    count time points or units and are left alone) get their counts and statistics
    blanked (:func:`suppress_small_cells`, column ``suppressed``). Texts are left alone:
    ``reason`` and ``warning`` hold codes (:mod:`impact.stats.reasons`), never counts.

    Examples
    --------
    >>> t = pd.DataFrame({"measure": ["mean difference", "level change"],
    ...                   "n_before": [4, 6], "estimate": [1.0, 2.0], "reason": ["", ""]})
    >>> out = suppress_results(t)
    >>> out["suppressed"].tolist(), out["n_before"].tolist()
    ([True, False], [<NA>, 6])
    """
    check_min_cell(min_cell)
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
    return pd.concat(parts).sort_index() if parts else table.assign(suppressed=False)


def publishable(
    tables: Mapping[str, pd.DataFrame | Mapping[str, pd.DataFrame] | None],
    min_cell: int = DEFAULT_MIN_CELL,
) -> dict[str, pd.DataFrame | dict[str, pd.DataFrame] | None]:
    """Make the tables bound for a page or a results file publishable (the module's rule).

    The one place where values are hidden. Every table gets the primary suppression
    (:func:`suppress_results`; rows flagged ``suppressed`` upstream stay hidden). Some
    names carry more, so that nothing hidden can be solved back from what is shown:

    - ``"indicators"`` (:func:`impact.indicators.periods.compare_periods`): its hidden
      team × indicator pairs (:func:`hidden_pairs`) are hidden in every other table with
      ``team_id`` and ``indicator`` columns, and the tables of
      :data:`AGGREGATE_TABLES` hide the indicators that have a hidden team;
    - ``"barometer_changes"`` (:func:`impact.report.barometer_tables.barometer_tables`
      ``["changes"]``): the counts of :data:`BYPRODUCT_COUNTS` (and ``n``, the pairs, on
      the "all respondents" rows) are blanked when small without hiding their row, whose
      statistics come from the two waves' respondents; its hidden role groups hide the
      all-roles barometer effects of ``"team_effects"`` for the same team and dimension;
    - ``"team_effects"`` (:func:`impact.synthesis.effects.team_effects`): a team's
      effect is hidden when its people (``n_before``, ``n_after``, ``n``: people in
      every family there) are under ``min_cell``, or by the two rules above. Pooled
      effects, subgroups and meta-regressions are computed from its visible rows only;
    - ``"barometer_joint"`` (:func:`impact.barometer.scores.joint_vs_self`): its mean of
      the self-ratings pools the role groups, so a team × wave × dimension with a role
      group hidden in ``"barometer_summary"`` (or ``"barometer_scores"``) is hidden too;
    - the tables of :data:`PARTS_TABLES` (``total``, ``n``: the parts of a published
      total, e.g. the RE-AIM counts by role group or period): the complementary parts
      are hidden too (:func:`complementary_cells`);
    - ``"activity_summary"`` (:func:`impact.steering.activity_summary`): a unit of fewer
      than ``min_cell`` partners loses every column of :data:`ACTIVITY_BEHAVIOUR` (its
      partner counts, rates, hours, retention), flagged ``suppressed``; the partners by
      role of the others follow the complementary-cell rule; ``"activity_monthly"``
      (:func:`impact.steering.activity_by_month`): the same per month, for a month of
      fewer than ``min_cell`` active partners (:data:`ACTIVITY_MONTH`; its meetings
      stay);
    - ``"roadmap_status"`` (:func:`impact.report.roadmap.roadmap_status_table`): a line
      whose latest measure counts fewer than ``min_cell`` people (``n``) loses the
      measure, its projection and its status, flagged ``suppressed``;
    - ``"its_fitted"`` (the ``fitted`` series of :func:`impact.indicators.trends.its_by_team`,
      drawn on the trend charts): no series of a hidden team × indicator, no observed month
      of 1 to ``min_cell − 1`` people (:func:`hide_small_months`), flagged ``suppressed``;
    - ``"training"``: a mapping key → table of
      :func:`impact.training.evaluation.evaluation_tables` (rules of :func:`_training`):
      a group of 1 to ``min_cell − 1`` people trained (``participants``, role
      :data:`impact.training.evaluation.ALL_ROLES`) hides every row of its training (or
      session) in every training table; the people trained by role follow the
      complementary-cell rule against their total; every row gets the primary
      suppression (an action plan's counts and shares with its participants), and the
      quiz change's unpaired counts (``n_only_before``, ``n_only_after``) are by-products,
      blanked when small, the row kept;
    - ``"comments"``: a mapping key → table of the comments' tables
      (:class:`impact.report.comment_tables.CommentTables`: ``shares``, ``changes``,
      ``quotes``), with the rules of :func:`comments_rules`;
    - ``"questionnaires"``: a mapping questionnaire code → that questionnaire's tables by
      key (:attr:`impact.report.results.RunTables.questionnaires`: ``"summary"``,
      ``"changes"``, ``"gaps"``, ``"joint"``, the barometer's tables of another
      catalogue). The barometer's rules above apply to each questionnaire apart, and its
      hidden role groups hide the all-roles effects of ``"team_effects"`` of family
      ``questionnaire`` for the same team and outcome ``<code>.<dimension>``.

    - ``"training_report"`` (issue 15 — training report): a mapping key → table of one
      or more trainings' report (:func:`impact.report.training_report.training_tables`),
      with the rules of :func:`training_report_rules`.

    The other tables (``"barometer_summary"``/``"barometer_scores"``, ``"barometer_gaps"``,
    ``"prem_levels"``, ``"prem_deltas"``, ``"prem_items"``,
    ``"prem_topbox"``, ``"prem_proms"``/``"proms"``, ``"its"``, ``"did"``…) get the
    primary suppression only.

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame, mapping or None
        Tables by name (results-file family names, or the names above); None passes. A
        mapping value is a family's tables by key, each named ``<name>_<key>``: e.g.
        ``{"barometer": barometer_tables(...)}`` holds ``"barometer_changes"``.
    min_cell : int, default 10

    Returns
    -------
    dict
        The same names (and keys), each table a publishable copy with a boolean
        ``suppressed``.

    Examples
    --------
    >>> effects = pd.DataFrame({"family": "prem", "outcome": "all", "team_id": ["A", "B"],
    ...     "measure": "mean difference", "estimate": [1.0, 2.0], "n_before": [40, 6],
    ...     "n_after": [35, 30], "reason": ""})
    >>> publishable({"team_effects": effects})["team_effects"]["suppressed"].tolist()
    [False, True]
    """
    check_min_cell(min_cell)
    nested = tables.get(QUESTIONNAIRES)
    # issue 15 — training report: its family has rules of its own (no other table reads it)
    training = tables.get(TRAINING_REPORT) or None
    flat = _flat({name: value for name, value in tables.items()
                  if name not in (QUESTIONNAIRES, TRAINING_REPORT) or value is None})  # fmt: skip
    pairs = hidden_pairs(flat.get("indicators"), min_cell=min_cell)
    indicators = {indicator for _, indicator in pairs}
    # the Likert families first: team_effects reads their hidden role groups
    prefix = "barometer_"
    barometer = {n.removeprefix(prefix): t for n, t in flat.items() if n.startswith(prefix)}
    shown, hidden = _likert(barometer, min_cell)
    out: dict[str, pd.DataFrame | None] = {prefix + key: t for key, t in shown.items()}
    trained = {n.removeprefix(TRAINING): t for n, t in flat.items() if n.startswith(TRAINING)}
    out |= {TRAINING + key: t for key, t in _training(trained, min_cell).items()}
    said = {n.removeprefix(COMMENTS): t for n, t in flat.items() if n.startswith(COMMENTS)}
    out |= {COMMENTS + key: t for key, t in comments_rules(said, min_cell).items()}
    roles = {("barometer", team, dim) for team, dim in hidden}
    questionnaires: dict[str, dict[str, pd.DataFrame | None] | None] = {}
    for code, family in (nested or {}).items():
        if family is None:
            questionnaires[code] = None
            continue
        shown, hidden = _likert(family, min_cell)
        questionnaires[code] = {key: _labels_last(shown[key]) for key in family}
        roles |= {("questionnaire", team, outcome_code(code, dim)) for team, dim in hidden}
    for name, table in flat.items():
        if name in out:
            continue
        if table is None:
            out[name] = None
        elif name == "team_effects":
            out[name] = _team_effects(table, pairs, roles, min_cell)
        elif name == "its_fitted":
            out[name] = _months(table, pairs, min_cell)
        elif name in PARTS_TABLES:
            out[name] = _parts(table, min_cell)
        elif name == "activity_summary":
            out[name] = _activity(table, min_cell)
        elif name == "activity_monthly":
            out[name] = _activity(table, min_cell, ACTIVITY_MONTH)
        elif name == "roadmap_status":
            out[name] = _roadmap(table, min_cell)
        else:
            if name in AGGREGATE_TABLES and "indicator" in table.columns:
                table = _blank(table, table["indicator"].astype(str).isin(indicators).to_numpy())
            elif {"team_id", "indicator"} <= set(table.columns) and name != "indicators":
                table = suppress_pairs(table, pairs)
            out[name] = _primary(table, min_cell)
    out = {name: _labels_last(table) for name, table in out.items()}
    return {
        name: questionnaires if name == QUESTIONNAIRES and nested is not None
        else training_report_rules(training, min_cell) if name == TRAINING_REPORT and training
        else {key: out[f"{name}_{key}"] for key in value} if isinstance(value, Mapping)
        else out[name]
        for name, value in tables.items()
    }  # fmt: skip


def _likert(
    family: Mapping[str, pd.DataFrame | None], min_cell: int
) -> tuple[dict[str, pd.DataFrame | None], set[tuple[str, str]]]:
    """The barometer's rules on one Likert family's tables by key (``changes``,
    ``summary`` or ``scores``, ``joint``, others), and the (team, dimension) whose
    published change hides a role group."""
    out: dict[str, pd.DataFrame | None] = {}
    if family.get("changes") is not None:
        out["changes"] = _primary(_byproducts(family["changes"], min_cell), min_cell)
    summary = next((k for k in _SUMMARY_KEYS if family.get(k) is not None), None)
    if summary is not None:  # before the joint ratings, which read it
        out[summary] = _primary(family[summary], min_cell)
    groups = _hidden_groups(out.get(summary))
    for key, table in family.items():
        if key in out:
            continue
        if table is None:
            out[key] = None
        elif key == "joint":
            out[key] = _joint(table, groups, min_cell)
        else:
            out[key] = _primary(table, min_cell)
    return out, _hidden_roles(out.get("changes"))


def _months(fitted: pd.DataFrame, pairs: set[tuple[str, str]], min_cell: int) -> pd.DataFrame:
    """The fitted series of the time-series charts: no series of a hidden team × indicator,
    no observed month of 1 to ``min_cell − 1`` people (:func:`hide_small_months`); the
    months blanked here are flagged ``suppressed``."""
    if {"team_id", "indicator"} <= set(fitted.columns) and pairs:
        keys = zip(fitted["team_id"].astype(str), fitted["indicator"].astype(str), strict=True)
        fitted = fitted.loc[[key not in pairs for key in keys]]
    shown, _ = hide_small_months(fitted, min_cell=min_cell)
    shown = shown.copy()
    shown["suppressed"] = (
        fitted["observed"].notna().to_numpy() & shown["observed"].isna().to_numpy()
    )
    return shown


def _training(family: Mapping[str, pd.DataFrame | None], min_cell: int
              ) -> dict[str, pd.DataFrame | None]:  # fmt: skip
    """The training tables by key, publishable.

    ``participants`` first: primary suppression of each row (its people, sessions and
    hours), then the roles of each training (or session) against their total by the
    complementary-cell rule. A training (or session) whose total of people is hidden has
    every row hidden in the other tables; those get the primary suppression, the quiz
    change's unpaired counts blanked first when small (by-products of its rows).
    """
    out: dict[str, pd.DataFrame | None] = {}
    hidden: set[tuple[str, ...]] = set()
    keys: list[str] = []
    people = family.get("participants")
    if people is not None and len(people):
        out["participants"] = _trained(people, min_cell)
        keys = [c for c in _TRAINING_KEYS if c in people.columns]
        total = out["participants"].loc[lambda d: (d["role"] == ALL_ROLES) & d["suppressed"]]
        hidden = set(zip(*(total[c].astype(str) for c in keys), strict=True))
    elif people is not None:
        out["participants"] = _primary(people, min_cell)
    for key, table in family.items():
        if key in out:
            continue
        if table is None:
            out[key] = None
            continue
        if key == "quiz_change":
            table = _byproducts(table, min_cell)
        hit = np.zeros(len(table), dtype=bool)
        if hidden and set(keys) <= set(table.columns):
            rows = zip(*(table[c].astype(str) for c in keys), strict=True)
            hit = np.fromiter((row in hidden for row in rows), dtype=bool, count=len(table))
        out[key] = _primary(_mask(table, hit), min_cell)
    return out


def _mask(table: pd.DataFrame, hit: np.ndarray) -> pd.DataFrame:
    """Every count and statistic of the rows ``hit`` blanked, flagged ``suppressed``."""
    out = table.copy()
    numeric = [c for c in out.columns if pd.api.types.is_numeric_dtype(out[c])
               and not pd.api.types.is_bool_dtype(out[c])]  # fmt: skip
    for col in numeric:
        out[col] = out[col].astype("Float64" if col in PERSON_COUNTS else "float64").mask(hit)
    return _blank(out, hit)


def _trained(people: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    """Who was trained: primary suppression, then the complementary cells of the roles of
    each training (or session) against its total (:func:`complementary_cells`)."""
    table = people.reset_index(drop=True)
    out = _primary(table, min_cell)
    hide = out["suppressed"].to_numpy(dtype=bool, copy=True)
    counts = pd.to_numeric(table["n"], errors="coerce").to_numpy(dtype=float)
    parts = np.flatnonzero((table["role"] != ALL_ROLES).to_numpy())
    keys = [c for c in _TRAINING_KEYS if c in table.columns]
    for rows in table.iloc[parts].groupby(keys, sort=False).indices.values():
        rows = parts[rows]
        hide[rows] = complementary_cells(counts[rows], min_cell=min_cell, hidden=hide[rows])
    for col in (c for c in TRAINED_COLUMNS if c in out.columns):
        out[col] = out[col].astype("Float64" if col == "n" else "float64").mask(hide)
    out["n"] = out["n"].round().astype("Int64")
    return _blank(out, hide)


#: Columns of :func:`impact.steering.activity_summary` that count the partners or come
#: from what each partner did (or from which that can be computed back): hidden for a
#: unit of fewer than ``min_cell`` partners. The team's own facts stay: months recorded,
#: support received.
ACTIVITY_BEHAVIOUR = (
    "partners", "partners_patient", "partners_proche_aidant",
    "partners_representant_usagers", "partners_association", "mean_active",
    "partner_months", "attendances", "meetings_offered", "participation_rate", "participation_low",
    "participation_high", "hours", "partner_months_with_hours", "hours_per_partner_month",
    "paid_share", "retention_6", "retention_6_low", "retention_6_high", "retention_12",
    "retention_12_low", "retention_12_high", "at_risk_6", "at_risk_12",
)  # fmt: skip


#: Partners by role (:func:`impact.steering.activity_summary` and ``activity_by_month``):
#: the parts of the unit's partners, hidden by the complementary-cell rule.
ACTIVITY_ROLES = (
    "partners_patient", "partners_proche_aidant", "partners_representant_usagers",
    "partners_association",
)  # fmt: skip
#: Columns of :func:`impact.steering.activity_by_month` that count the month's partners or
#: come from what they did: hidden for a month of fewer than ``min_cell`` active partners
#: (the meetings the team held stay).
ACTIVITY_MONTH = (
    "partners", *ACTIVITY_ROLES, "new_partners", "leaving_partners", "censored_partners",
    "attendances", "meetings_offered", "participation_rate", "hours", "partners_with_hours",
    "hours_per_partner", "hours_sd", "paid_share",
)  # fmt: skip


def _activity(table: pd.DataFrame, min_cell: int, columns: tuple[str, ...] = ACTIVITY_BEHAVIOUR
              ) -> pd.DataFrame:  # fmt: skip
    """A unit (or month) of 1 to ``min_cell − 1`` partners loses ``columns`` (its number
    of partners included), flagged ``suppressed``; in the others, the partners by role
    follow the complementary-cell rule (:func:`complementary_cells`)."""
    out = table.copy()
    partners = pd.to_numeric(out["partners"], errors="coerce")
    small = ((partners > 0) & (partners < min_cell)).to_numpy(dtype=bool)
    extra = [c for c in out.columns if c.startswith("mode_")] if columns is ACTIVITY_MONTH else []
    for col in (*columns, *extra):
        if col in out.columns:
            out[col] = out[col].astype("float64").mask(small)
    roles = [c for c in ACTIVITY_ROLES if c in out.columns]
    if roles:
        counts = out[roles].astype("float64").to_numpy()
        for i in np.flatnonzero(~small):
            hide = complementary_cells(counts[i], min_cell=min_cell)
            counts[i, hide] = np.nan
        out[roles] = counts
    out["suppressed"] = small
    return out


def pooled_activity_teams(summary: pd.DataFrame, min_cell: int) -> tuple[list[str], int]:
    """The teams whose partnership activity the programme's figures pool, and how many
    were left out: every team, unless the teams of 1 to ``min_cell − 1`` partners are one
    team or fewer than ``min_cell`` partners in all (their figures would follow from the
    programme's minus the others'): those are then left out."""
    partners = summary.set_index("team_id")["partners"]
    small = (partners > 0) & (partners < min_cell)
    if small.sum() == 1 or 0 < partners[small].sum() < min_cell:
        return partners.index[~small].tolist(), int(small.sum())
    return partners.index.tolist(), 0


#: Columns of :func:`impact.steering.roadmap_status` drawn from a line's latest measure.
ROADMAP_FROM_MEASURE = ("estimate", "ci_low", "ci_high", "projection", "projection_low",
                        "projection_high", "probability")  # fmt: skip


def _roadmap(table: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    """A roadmap line whose latest measure counts 1 to ``min_cell − 1`` people (``n``)
    loses that measure, its projection and the status drawn from them (``status`` and
    ``rule`` empty); flagged ``suppressed``."""
    out = table.copy()
    n = (
        pd.to_numeric(out["n"], errors="coerce")
        if "n" in out.columns
        else pd.Series(np.nan, index=out.index)
    )
    small = ((n > 0) & (n < min_cell)).to_numpy(dtype=bool)
    for col in ROADMAP_FROM_MEASURE:
        if col in out.columns:
            out[col] = out[col].astype("float64").mask(small)
    for col in ("status", "rule"):
        if col in out.columns:
            out[col] = out[col].mask(small, "")
    if "n" in out.columns:
        out["n"] = n.astype("Float64").round().astype("Int64").mask(small)
    out["suppressed"] = small
    return out


def _labels_last(table: pd.DataFrame | None) -> pd.DataFrame | None:
    """A table's display labels (``*_label`` columns at its end) stay after ``suppressed``."""
    if table is None or not len(table.columns) or table.columns[-1] != "suppressed":
        return table
    cols = list(table.columns[:-1])
    k = len(cols)
    while k and str(cols[k - 1]).endswith("_label"):
        k -= 1
    return table[[*cols[:k], "suppressed", *cols[k:]]] if k < len(cols) else table


# --------------------------------------------------------------------------------------
# issue 15 — training report

#: Name of a training report's tables in :func:`publishable` (key → table).
TRAINING_REPORT = "training_report"
#: Participants of a session (and of the training) by role: the parts of its ``n``.
TRAINING_ROLES = ("role_professionnel", "role_patient_partenaire")
#: Per-question counts of people (the cells of a question's table): blanked when small.
TRAINING_CELL_COUNTS = ("n_correct", "n_wrong_to_right", "n_right_to_wrong")
#: Counts of people beside a row's own ``n`` (participants without a pair, with a score of
#: 100 % before): blanked when small, the row kept.
_TRAINING_BYPRODUCTS = ("n_only_before", "n_only_after", "n_excluded")
#: Facts of a session or a training that do not come from its participants: kept.
_TRAINING_FACTS = ("hours", "n_sessions")
#: What identifies the total a session row is a part of, besides ``training``.
_TRAINING_PART_KEYS = ("domain", "measure", "state")


def training_report_rules(
    family: Mapping[str, pd.DataFrame | None], min_cell: int = DEFAULT_MIN_CELL
) -> dict[str, pd.DataFrame | None]:
    """The rules of a training report's tables (``publishable({"training_report": …})``).

    Keys of ``family``: ``"sessions"`` (one row per session: ``training``, ``session``,
    ``n`` participants and their roles :data:`TRAINING_ROLES`), ``"participants"`` (the
    same per training: the totals), tables per session (key ending in ``"_sessions"``,
    columns ``training``, ``session``, ``n``) and tables per training.

    1. **Hidden sessions.** A session of 1 to ``min_cell − 1`` participants is hidden, and,
       since the training's total is shown, the smallest other sessions of the training
       too until the hidden ones are two or more and ``min_cell`` people or more
       (:func:`complementary_cells`): every row of a hidden session, in every table, loses
       its counts and statistics (``suppressed``).
    2. **Roles.** The participants by role are the parts of the session's (and the
       training's) count and, across sessions, of the training's count by role: a small
       part is hidden with its complementary cells in both directions, until no hidden
       cell can be solved back from a row or a column.
    3. **Rows per session** (satisfaction by domain, expectations, quiz change, practice
       change, action plans): primary suppression on their own ``n``, then complementary
       cells across the sessions of the same training and measure (domain, state), so
       that the training's row minus the sessions shown gives no hidden session back.
    4. **Rows per training**: primary suppression; the counts beside a row's ``n``
       (participants without a pair or at 100 % before) and the per-question cells
       (:data:`TRAINING_CELL_COUNTS`) are blanked when small, the row kept (shares of a
       question are of its ``n`` participants, shown when ``n`` is).
    """
    check_min_cell(min_cell)
    sessions, totals = family.get("sessions"), family.get("participants")
    hidden = _hidden_sessions(sessions, min_cell)
    out: dict[str, pd.DataFrame | None] = {}
    if sessions is not None:
        out["sessions"], shown_totals = _training_counts(sessions, totals, hidden, min_cell)
        if totals is not None:
            out["participants"] = shown_totals
    for key, table in family.items():
        if key in out:
            continue
        if table is None:
            out[key] = None
            continue
        table = _blank_small(table, (*_TRAINING_BYPRODUCTS, *TRAINING_CELL_COUNTS), min_cell)
        if key.endswith("_sessions"):
            out[key] = _session_parts(table, hidden, min_cell)
        else:
            out[key] = _primary(table, min_cell)
    return {key: _labels_last(out[key]) for key in family}


def _session_keys(table: pd.DataFrame) -> list[tuple[str, str]]:
    return list(zip(table["training"].astype(str), table["session"].astype(str), strict=True))


def _hidden_sessions(sessions: pd.DataFrame | None, min_cell: int) -> set[tuple[str, str]]:
    """(training, session) hidden by rule 1 of :func:`training_report_rules`."""
    if sessions is None or not len(sessions):
        return set()
    counts = pd.to_numeric(sessions["n"], errors="coerce").to_numpy(dtype=float)
    keys = _session_keys(sessions)
    hidden = set()
    for rows in sessions.groupby(sessions["training"].astype(str), sort=False).indices.values():
        hide = complementary_cells(counts[rows], min_cell=min_cell)
        hidden |= {keys[i] for i in rows[hide]}
    return hidden


def _blank_rows(table: pd.DataFrame, hit: np.ndarray) -> pd.DataFrame:
    """Every number of the rows ``hit`` (counts and statistics; not the session's hours)
    blanked, ``suppressed`` set."""
    out = table.copy()
    for col in (c for c in out.columns if c not in _TRAINING_FACTS):
        dtype = out[col].dtype
        numeric = pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)
        if numeric and col != "suppressed":
            out[col] = out[col].astype("Float64" if isinstance(dtype, pd.Int64Dtype) else float)
            out.loc[hit, col] = np.nan
    return _blank(out, hit)


def _blank_small(table: pd.DataFrame, columns: tuple[str, ...], min_cell: int) -> pd.DataFrame:
    """The counts of ``columns`` of 1 to ``min_cell − 1`` people blanked (rows kept)."""
    out = table.copy()
    for col in (c for c in columns if c in out.columns):
        values = pd.to_numeric(out[col], errors="coerce").astype("Float64").round().astype("Int64")
        out[col] = values.mask(is_small(values.to_numpy(dtype=float, na_value=np.nan), min_cell))
    return out


def _training_counts(
    sessions: pd.DataFrame, totals: pd.DataFrame | None, hidden: set, min_cell: int
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Rules 1 and 2 on the participants by session and role, and on the trainings'."""
    roles = [c for c in TRAINING_ROLES if c in sessions.columns]
    n = pd.to_numeric(sessions["n"], errors="coerce").to_numpy(dtype=float)
    cells = sessions[roles].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    off = np.fromiter((k in hidden for k in _session_keys(sessions)), dtype=bool,
                      count=len(sessions))  # fmt: skip
    mask = np.repeat(off[:, None], len(roles), axis=1)
    total_mask = None
    if totals is not None:
        totals = totals.reset_index(drop=True)
        t_n = pd.to_numeric(totals["n"], errors="coerce").to_numpy(dtype=float)
        t_cells = totals[roles].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
        total_off = is_small(t_n, min_cell)
        total_mask = np.repeat(total_off[:, None], len(roles), axis=1)
        where = {str(code): i for i, code in enumerate(totals["training"].astype(str))}
    changed = True
    while changed:  # rows and columns until no hidden cell can be solved back
        before = mask.sum() + (0 if total_mask is None else total_mask.sum())
        for i in np.flatnonzero(~off):
            mask[i] = complementary_cells(cells[i], min_cell=min_cell, hidden=mask[i])
        if total_mask is not None:
            for i in np.flatnonzero(~total_off):
                total_mask[i] = complementary_cells(t_cells[i], min_cell=min_cell,
                                                    hidden=total_mask[i])  # fmt: skip
            groups = sessions.groupby(sessions["training"].astype(str), sort=False).indices
            for code, rows in groups.items():
                i = where.get(code)
                for j in range(len(roles)):
                    if i is None or total_mask[i, j]:
                        continue
                    mask[rows, j] = complementary_cells(cells[rows, j], min_cell=min_cell,
                                                        hidden=mask[rows, j])  # fmt: skip
        changed = mask.sum() + (0 if total_mask is None else total_mask.sum()) != before
    shown = _blank_rows(sessions, off)
    for j, col in enumerate(roles):
        shown[col] = pd.array(np.where(mask[:, j], np.nan, cells[:, j]), dtype="Float64")
    shown["n"] = pd.array(np.where(off, np.nan, n), dtype="Float64")
    if totals is None:
        return shown, None
    shown_totals = _blank_rows(totals, total_off)
    for j, col in enumerate(roles):
        shown_totals[col] = pd.array(np.where(total_mask[:, j], np.nan, t_cells[:, j]),
                                     dtype="Float64")  # fmt: skip
    return shown, shown_totals


def _session_parts(table: pd.DataFrame, hidden: set, min_cell: int) -> pd.DataFrame:
    """Rules 1 and 3 on a table with one row per session (and measure, domain, state)."""
    table = table.reset_index(drop=True)
    counts = pd.to_numeric(table["n"], errors="coerce").to_numpy(dtype=float)
    off = np.fromiter((k in hidden for k in _session_keys(table)), dtype=bool, count=len(table))
    out = _primary(_blank_rows(table, off), min_cell)
    hide = out["suppressed"].to_numpy(dtype=bool, copy=True)
    keys = ["training", *(c for c in _TRAINING_PART_KEYS if c in table.columns)]
    for rows in table.groupby([table[c].astype(str) for c in keys], sort=False).indices.values():
        hide[rows] = complementary_cells(counts[rows], min_cell=min_cell, hidden=hide[rows])
    return _blank_rows(out, hide)


def _flat(tables: Mapping[str, object]) -> dict[str, pd.DataFrame | None]:
    """The tables by name, a family's mapping spread as ``<name>_<key>``."""
    flat: dict[str, pd.DataFrame | None] = {}
    for name, value in tables.items():
        items = (
            [(f"{name}_{key}", table) for key, table in value.items()]
            if isinstance(value, Mapping)
            else [(name, value)]
        )
        for key, table in items:
            if key in flat:
                raise ValueError(f"publishable: two tables are named {key!r}.")
            flat[key] = table
    return flat


def _byproducts(changes: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    """Blank the small by-product counts of the barometer changes (their rows stay)."""
    out = changes.copy()
    is_all = (
        (out["analysis"] == "all").to_numpy(dtype=bool)
        if "analysis" in out.columns
        else np.zeros(len(out), dtype=bool)
    )
    for col in ("n", *BYPRODUCT_COUNTS):
        if col not in out.columns:
            continue
        values = pd.to_numeric(out[col], errors="coerce").astype("Float64").round().astype("Int64")
        small = ((values > 0) & (values < min_cell)).fillna(False).to_numpy(dtype=bool)
        out[col] = values.mask(small & is_all if col == "n" else small)
    return out


def _parts(table: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    """Primary suppression, and the complementary parts of each ``total``."""
    out = _primary(table, min_cell)
    counts = pd.to_numeric(table["n"], errors="coerce").to_numpy(dtype=float)
    hide = out["suppressed"].to_numpy(dtype=bool, copy=True)
    for rows in table.groupby("total", sort=False).indices.values():
        hide[rows] = complementary_cells(counts[rows], min_cell=min_cell, hidden=hide[rows])
    out.loc[hide, "n"] = pd.NA
    return _blank(out, hide)


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
    return _without(responses, hidden, ("role_group", "wave"))


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
    return _without(responses, hidden, ("team_id", "role_group"))


def _without(responses: pd.DataFrame, hidden: pd.DataFrame, on: tuple[str, ...]
              ) -> tuple[pd.DataFrame, int]:  # fmt: skip
    """The responses whose keys ``on`` (``role_group`` read from ``role``) are not among
    the hidden rows', and how many distinct keys were left out."""
    keys = set(zip(*(hidden[c] for c in on), strict=True))
    columns = [responses["role"].map(ROLE_GROUPS) if c == "role_group" else responses[c]
               for c in on]  # fmt: skip
    drop = np.fromiter((key in keys for key in zip(*columns, strict=True)), dtype=bool,
                       count=len(responses))  # fmt: skip
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
    stats = [c for c in (*STATISTICS, "band_low", "band_high") if c in out.columns]
    out.loc[hit, stats] = np.nan  # an event study's sup-t band tells its estimate too
    if "verdict" in out.columns:  # a verdict is read from the hidden interval
        out["verdict"] = out["verdict"].astype(object)
        out.loc[hit, "verdict"] = None
    out["suppressed"] = previous | hit
    return out


_SUMMARY_KEYS = ("summary", "scores")
_GROUP_KEYS = ("team_id", "wave", "dimension")


def _hidden_groups(summary: pd.DataFrame | None) -> set[tuple[str, ...]]:
    """(team, wave, dimension) whose published barometer score summary hides a role group."""
    if summary is None or not len(summary) or not set(_GROUP_KEYS) <= set(summary.columns):
        return set()
    hit = summary.loc[summary["suppressed"].fillna(False).astype(bool).to_numpy()]
    return set(zip(*(hit[c].astype(str) for c in _GROUP_KEYS), strict=True))


def _joint(joint: pd.DataFrame, groups: set[tuple[str, ...]], min_cell: int) -> pd.DataFrame:
    """Primary suppression, and rule 2 on the joint-versus-self rows: the rows of a team ×
    wave × dimension in ``groups`` (a role group hidden) lose every number drawn from the
    self-ratings (mean, count, the joint score beside them) and are flagged ``suppressed``."""
    hit = _keys_in(joint, groups)
    out = joint.copy()
    for col in (c for c in ("mean_self", "joint_score", "n", "n_before", "n_after") if c in out):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype(float).mask(hit)
    return _primary(_blank(out, hit), min_cell)


def _keys_in(table: pd.DataFrame, keys: set[tuple[str, ...]]) -> np.ndarray:
    """Rows of ``table`` whose (team, wave, dimension) is in ``keys``."""
    if not keys or not set(_GROUP_KEYS) <= set(table.columns):
        return np.zeros(len(table), dtype=bool)
    rows = zip(*(table[c].astype(str) for c in _GROUP_KEYS), strict=True)
    return np.fromiter((row in keys for row in rows), dtype=bool, count=len(table))


def _hidden_roles(changes: pd.DataFrame | None) -> set[tuple[str, str]]:
    """(team, dimension) whose published barometer change hides a role group."""
    if changes is None or not len(changes):
        return set()
    rows = changes.loc[(changes["analysis"] == "all") & (changes["measure"] == "mean change")]
    hit = rows.loc[rows["suppressed"].fillna(False).astype(bool).to_numpy()]
    return set(zip(hit["team_id"].astype(str), hit["dimension"].astype(str), strict=True))


def _team_effects(
    effects: pd.DataFrame,
    pairs: set[tuple[str, str]],
    roles: set[tuple[str, str, str]],
    min_cell: int,
) -> pd.DataFrame:
    """Rule 2 on the teams' effects: small teams, hidden indicators and role groups
    (``roles``: (family, team, outcome) of an all-roles effect with a hidden group)."""
    out = suppress_small_cells(
        effects.reset_index(drop=True),
        min_cell=min_cell,
        counts=("n_before", "n_after", "n"),
        statistics=tuple(c for c in (*STATISTICS, "pi_low", "pi_high") if c in effects),
    )
    keys = zip(out["family"].astype(str), out["team_id"].astype(str),
               out["outcome"].astype(str), strict=True)  # fmt: skip
    hit = np.array(
        [(f == "indicator" and (team, o) in pairs) or (f, team, o) in roles
         for f, team, o in keys],
        dtype=bool,
    )  # fmt: skip
    return _blank(out, hit | out["suppressed"].to_numpy(dtype=bool))


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


# --------------------------------------------------------------------------------------
# issue 16 — free-text comments

#: Prefix of the flattened comment tables in :func:`publishable` (``{"comments": ...}``).
COMMENTS = "comments_"
_COMMENT_COUNTS = ("n_comments", "n_theme")


def comments_rules(family: Mapping[str, pd.DataFrame | None], min_cell: int = DEFAULT_MIN_CELL
                   ) -> dict[str, pd.DataFrame | None]:  # fmt: skip
    """The rules of the comments' tables (``publishable({"comments": …})``).

    Keys of ``family``: ``"shares"`` (:func:`impact.text.change.theme_shares` by
    ``team_id``: one row per team × theme × period), ``"changes"``
    (:func:`impact.text.change.theme_changes`: one row per team × theme) and ``"quotes"``
    (``team_id``, ``theme``, ``period``, ``text``…). The groups are read from
    ``"shares"``:

    1. **A small period.** A team × period of 1 to ``min_cell − 1`` comments hides every
       number of that period (each theme's row) and every change of the team, and no
       quote of that period is kept.
    2. **A small theme.** A theme touched by 1 to ``min_cell − 1`` of a period's
       comments loses its row of that period (count, share, negative count and share),
       its change, and the quotes of that period; the period's number of comments stays.
    3. **Nothing solvable back.** A comment may touch several themes, so the themes'
       counts are not parts of a total and no other count follows from the ones shown;
       a team's comments are never shown over both periods (a total beside a hidden
       period would give it back); the pooled changes take the visible changes only.

    Rows hidden keep their keys, flagged ``suppressed``; quotes of hidden groups are
    dropped.
    """
    check_min_cell(min_cell)
    out: dict[str, pd.DataFrame | None] = {key: None for key in family}
    shares = family.get("shares")
    periods: set[tuple[str, str]] = set()
    themes: set[tuple[str, str, str]] = set()
    if shares is not None:
        table = shares.reset_index(drop=True)
        group = is_small(pd.to_numeric(table["n_comments"], errors="coerce").to_numpy(float),
                         min_cell)  # fmt: skip
        theme = group | is_small(pd.to_numeric(table["n_theme"], errors="coerce")
                                 .to_numpy(float), min_cell)  # fmt: skip
        keys = list(zip(*(table[c].astype(str) for c in ("team_id", "period", "theme")),
                        strict=True))  # fmt: skip
        periods = {k[:2] for k, off in zip(keys, group, strict=True) if off}
        themes = {k for k, off in zip(keys, theme, strict=True) if off}
        kept = table["n_comments"]
        out["shares"] = _mask(table, theme)
        out["shares"]["n_comments"] = kept.astype("Float64").mask(group).round().astype("Int64")
    teams = {team for team, _ in periods}
    pairs = {(team, th) for team, _, th in themes}
    changes = family.get("changes")
    if changes is not None:
        rows = zip(changes["team_id"].astype(str), changes["theme"].astype(str), strict=True)
        hit = np.fromiter((t in teams or (t, th) in pairs for t, th in rows), dtype=bool,
                          count=len(changes))  # fmt: skip
        out["changes"] = _mask(changes.reset_index(drop=True), hit)
    quotes = family.get("quotes")
    if quotes is not None:
        rows = zip(*(quotes[c].astype(str) for c in ("team_id", "period", "theme")), strict=True)
        drop = np.fromiter((r[:2] in periods or r in themes for r in rows), dtype=bool,
                           count=len(quotes))  # fmt: skip
        known = quotes["team_id"].astype(str).isin(set(shares["team_id"].astype(str))) if (
            shares is not None) else pd.Series(False, index=quotes.index)  # fmt: skip
        out["quotes"] = quotes.loc[~drop & known.to_numpy()].assign(suppressed=False)
    for key, table in family.items():
        if out.get(key) is None and table is not None:
            out[key] = _primary(table, min_cell)
    return out
