"""The one row that sums up each result family, for every page that sums it up.

A team's headline results are chosen here and nowhere else, so the index, the team
summary, the programme report and the results files cannot disagree:

- **indicators** (:func:`indicator_headlines`): one verdict per team × indicator, the
  before/after comparison checked against the interrupted time series (an indicator
  improved when the before/after interval says so and the time series, which accounts for
  the trend, does not say the opposite; when they disagree it is inconclusive);
- **barometer** (:func:`barometer_headlines`): the change of the global score between the
  team's first and last waves (T0 → T2 when a T2 exists), all respondents of each role
  group;
- **patient experience** (:func:`prem_headlines`): the case-mix adjusted change of the
  overall PREM score.

The functions take tables that may already be small-cell suppressed (column
``suppressed``); a hidden row keeps its place with ``status = "hidden"`` and no value.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.barometer.common import GLOBAL, PROFESSIONALS, sort_waves
from impact.report.privacy import publishable
from impact.report.results import RunTables

__all__ = [
    "CHANGE_STATUSES",
    "INDEX_COLUMNS",
    "INDICATOR_STATUSES",
    "barometer_headlines",
    "change_status",
    "indicator_headlines",
    "indicator_verdict_counts",
    "index_headlines",
    "prem_headlines",
    "with_indicator_headlines",
]

#: Status of an indicator headline: its verdict, or why there is none.
INDICATOR_STATUSES = (
    "improved",
    "worsened",
    "inconclusive",
    "disagree",
    "not-computed",
    "hidden",
)
#: Columns of :func:`index_headlines`.
INDEX_COLUMNS = [
    "team_id", "improved", "worsened", "inconclusive", "barometer_pro",
    "barometer_pro_suppressed", "barometer_patients", "barometer_patients_suppressed",
    "prem", "prem_ci_low", "prem_ci_high", "prem_suppressed", "prem_small_sample",
    "barometer_pro_status", "barometer_patients_status", "prem_status",
    "proms_improved", "proms_worsened", "proms_inconclusive",
]  # fmt: skip
#: Status of a survey headline (barometer, patient experience): its verdict, or why none.
CHANGE_STATUSES = ("improved", "worsened", "inconclusive", "not-computed", "hidden")
_OPPOSITE = {"improved": "worsened", "worsened": "improved"}


def _hidden(table: pd.DataFrame) -> np.ndarray:
    if "suppressed" not in table.columns:
        return np.zeros(len(table), dtype=bool)
    return table["suppressed"].fillna(False).astype(bool).to_numpy()


def indicator_headlines(before_after: pd.DataFrame, its: pd.DataFrame | None) -> pd.DataFrame:
    """One verdict per team × indicator: before/after, checked against the time series.

    Parameters
    ----------
    before_after : pandas.DataFrame
        :func:`impact.indicators.periods.compare_periods` rows (one team or many; optionally
        suppressed: column ``suppressed``).
    its : pandas.DataFrame or None
        :func:`impact.indicators.trends.its_by_team` effects (its ``level change`` rows are
        used).

    Returns
    -------
    pandas.DataFrame
        ``team_id`` (when the input has it), ``indicator``, ``verdict`` (improved, worsened,
        inconclusive), ``disagree`` (the time series says the opposite), ``reason`` and
        ``status`` (:data:`INDICATOR_STATUSES`): the verdict for rows with an estimate, else
        ``"disagree"``, ``"not-computed"`` (no estimate) or ``"hidden"`` (suppressed).

    Examples
    --------
    >>> import pandas as pd
    >>> ba = pd.DataFrame({"team_id": ["T1", "T1"], "indicator": ["a", "b"],
    ...                    "estimate": [1.0, 2.0], "verdict": ["improved", "improved"],
    ...                    "reason": ["", ""]})
    >>> its = pd.DataFrame({"team_id": ["T1"], "indicator": ["b"], "estimate": [-1.0],
    ...                     "measure": ["level change"], "verdict": ["worsened"]})
    >>> indicator_headlines(ba, its)["status"].tolist()
    ['improved', 'disagree']
    """
    keys = ["team_id", "indicator"] if "team_id" in before_after.columns else ["indicator"]
    columns = [*keys, "verdict", "disagree", "reason", "status"]
    if before_after is None or before_after.empty:
        return pd.DataFrame(columns=columns)
    if its is not None and len(its) and "measure" in its.columns:
        level = its.loc[its["measure"] == "level change"]
        if "estimate" in level.columns:
            level = level.loc[level["estimate"].notna()]
        level = level.drop_duplicates(keys).set_index(keys)["verdict"]
        index = (
            pd.MultiIndex.from_frame(before_after[keys])
            if len(keys) > 1
            else pd.Index(before_after["indicator"])
        )
        trend = level.reindex(index).fillna("inconclusive").to_numpy(dtype=object)
    else:
        trend = np.full(len(before_after), "inconclusive", dtype=object)
    verdict = before_after["verdict"].to_numpy(dtype=object)
    hidden = _hidden(before_after)
    opposite = np.array([_OPPOSITE.get(v, "") for v in verdict], dtype=object)
    disagree = (trend == opposite) & ~hidden
    missing = (
        before_after["estimate"].isna().to_numpy()
        if "estimate" in before_after.columns
        else np.zeros(len(before_after), dtype=bool)
    )
    final = np.where(disagree, "inconclusive", verdict)
    status = np.select(
        [hidden, missing, disagree], ["hidden", "not-computed", "disagree"], default=final
    )
    out = before_after[keys].reset_index(drop=True).copy()
    out["verdict"] = final
    out["disagree"] = disagree
    out["reason"] = before_after["reason"].to_numpy(dtype=object)
    out["status"] = status
    return out[columns]


def indicator_verdict_counts(headlines: pd.DataFrame) -> pd.DataFrame:
    """Indicators improved, worsened and inconclusive per team, from
    :func:`indicator_headlines` (a disagreement counts as inconclusive; hidden and
    not-computed indicators are not counted).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``team_id``: ``improved``, ``worsened``, ``inconclusive`` (integers).
    """
    counted = headlines.loc[headlines["status"].isin(["improved", "worsened", "inconclusive",
                                                       "disagree"])]  # fmt: skip
    verdict = counted["status"].replace({"disagree": "inconclusive"})
    counts = verdict.groupby(counted["team_id"]).value_counts().unstack(fill_value=0)
    return counts.reindex(columns=["improved", "worsened", "inconclusive"], fill_value=0)


def with_indicator_headlines(effects: pd.DataFrame, headlines: pd.DataFrame) -> pd.DataFrame:
    """Programme team effects whose indicator verdicts are the teams' headline verdicts.

    The programme report pools each team's effect
    (:func:`impact.synthesis.effects.team_effects`) and counts the teams that improved; the
    count uses the verdict a team's own report and the index give
    (:func:`indicator_headlines`), so the three pages agree. Other families are unchanged;
    an indicator without a headline is inconclusive.

    Parameters
    ----------
    effects : pandas.DataFrame
        :func:`impact.synthesis.effects.team_effects` rows (``family``, ``outcome``,
        ``team_id``, ``verdict``…).
    headlines : pandas.DataFrame
        :func:`indicator_headlines` of every team.
    """
    out = effects.copy()
    rows = (out["family"] == "indicator").to_numpy()
    if not rows.any():
        return out
    verdict = headlines.drop_duplicates(["team_id", "indicator"]).set_index(
        ["team_id", "indicator"]
    )["verdict"]
    keys = pd.MultiIndex.from_arrays(
        [out.loc[rows, "team_id"].astype(str), out.loc[rows, "outcome"].astype(str)]
    )
    out.loc[rows, "verdict"] = verdict.reindex(keys).fillna("inconclusive").to_numpy(dtype=object)
    return out


def barometer_headlines(changes: pd.DataFrame | None) -> pd.DataFrame:
    """The barometer's headline rows: change of the global score between each team's first
    and last waves (T0 → T2 when the team has a T2, else T0 → T1), all respondents, per
    role group (``measure = "mean change"``, ``dimension = global``, ``analysis = "all"``).

    Of the comparisons in ``changes`` (:func:`impact.barometer.scores.changes_by_pair`:
    T0 → T1, T1 → T2, T0 → T2), each team × role group keeps the one that starts at the
    earliest wave and ends at the latest, so the team summary, the index and the programme
    report all speak of the change over the whole partnership so far.

    Returns
    -------
    pandas.DataFrame
        The selected rows of ``changes`` (every column kept), with ``headline_key``:
        ``"barometer_pro"`` for professionals, ``"barometer_patients"`` for the patient side.

    Examples
    --------
    >>> rows = pd.DataFrame({"team_id": "T1", "role_group": "professionals",
    ...     "dimension": "global", "analysis": "all", "measure": "mean change",
    ...     "wave_before": ["T0", "T1", "T0"], "wave_after": ["T1", "T2", "T2"],
    ...     "estimate": [0.1, 0.2, 0.3]})
    >>> barometer_headlines(rows)[["wave_before", "wave_after", "headline_key"]].values.tolist()
    [['T0', 'T2', 'barometer_pro']]
    """
    if changes is None or changes.empty:
        return pd.DataFrame()
    pick = changes.loc[
        (changes["dimension"] == GLOBAL)
        & (changes["analysis"] == "all")
        & (changes["measure"] == "mean change")
    ].copy()
    if {"wave_before", "wave_after"} <= set(pick.columns) and len(pick):
        waves = sort_waves(pd.concat([pick["wave_before"], pick["wave_after"]]))
        order = {w: i for i, w in enumerate(waves)}
        span = pick["wave_before"].map(order) - pick["wave_after"].map(order)
        keys = [pick[c] for c in ("team_id", "role_group") if c in pick.columns]
        first_last = span.groupby(keys).transform("min")
        pick = pick.loc[span == first_last]
    pick["headline_key"] = np.where(
        pick["role_group"] == PROFESSIONALS, "barometer_pro", "barometer_patients"
    )
    return pick


def change_status(row: object) -> str:
    """The status (:data:`CHANGE_STATUSES`) of a survey headline row where higher is
    better: hidden (``suppressed``), not computed (no interval), else its verdict from the
    95 % interval (improved when it lies above 0, worsened below, inconclusive across)."""
    suppressed = getattr(row, "suppressed", False)
    if pd.notna(suppressed) and bool(suppressed):
        return "hidden"
    low, high = getattr(row, "ci_low", np.nan), getattr(row, "ci_high", np.nan)
    if pd.isna(getattr(row, "estimate", np.nan)) or pd.isna(low) or pd.isna(high):
        return "not-computed"
    return "improved" if low > 0 else "worsened" if high < 0 else "inconclusive"


def prem_headlines(deltas: pd.DataFrame | None) -> pd.DataFrame:
    """The patient-experience headline rows: the case-mix adjusted change of the overall
    score (``level = "overall"``, ``measure = "adjusted mean difference"``).

    Returns
    -------
    pandas.DataFrame
        The selected rows of ``deltas`` (every column kept).
    """
    if deltas is None or deltas.empty:
        return pd.DataFrame()
    return deltas.loc[
        (deltas["level"] == "overall") & (deltas["measure"] == "adjusted mean difference")
    ].copy()


def index_headlines(tables: RunTables) -> pd.DataFrame:
    """One row per team: the index page's headline results, from the family headlines.

    The before/after rows and the survey tables go through
    :func:`impact.report.privacy.publishable`, as in the team report, so a hidden row is
    counted nowhere.

    Returns
    -------
    pandas.DataFrame
        ``team_id``; ``improved``, ``worsened``, ``inconclusive`` (indicators by their
        :func:`indicator_headlines` status, a disagreement counted as inconclusive);
        ``barometer_pro`` and ``barometer_patients`` (:func:`barometer_headlines`) with
        ``*_suppressed``; ``prem``, ``prem_ci_low``, ``prem_ci_high``
        (:func:`prem_headlines`), ``prem_suppressed``, ``prem_small_sample``; the survey
        headlines' ``*_status`` (:func:`change_status`); ``proms_improved``,
        ``proms_worsened``, ``proms_inconclusive`` (PROM mean changes by verdict, hidden
        ones not counted). Suppressed values are NaN.
    """
    rows = {team: {"team_id": team} for team in tables.teams}
    shown = publishable({"indicators": tables.indicators, "barometer": tables.barometer,
                         "prem": tables.prem}, tables.min_cell)  # fmt: skip
    if tables.indicators is not None and len(tables.indicators):
        its = tables.its.effects if tables.its is not None else None
        counts = indicator_verdict_counts(indicator_headlines(shown["indicators"], its))
        for team in tables.teams:
            for verdict in ("improved", "worsened", "inconclusive"):
                has = team in counts.index
                rows[team][verdict] = int(counts.loc[team, verdict]) if has else 0
    for r in barometer_headlines(shown["barometer"].get("changes")).itertuples(index=False):
        if r.team_id in rows:
            rows[r.team_id][r.headline_key] = np.nan if r.suppressed else r.estimate
            rows[r.team_id][f"{r.headline_key}_suppressed"] = bool(r.suppressed)
            rows[r.team_id][f"{r.headline_key}_status"] = change_status(r)
    for r in prem_headlines(shown["prem"].get("deltas")).itertuples(index=False):
        if r.team_id in rows:
            hidden = bool(r.suppressed)
            rows[r.team_id].update(
                prem=np.nan if hidden else r.estimate,
                prem_ci_low=np.nan if hidden else r.ci_low,
                prem_ci_high=np.nan if hidden else r.ci_high,
                prem_suppressed=hidden,
                prem_small_sample=bool(r.small_sample),
                prem_status=change_status(r),
            )
    proms = shown["prem"].get("proms")
    if proms is not None and len(proms):
        change = proms.loc[(proms["measure"] == "mean change") & ~_hidden(proms)]
        counts = change.groupby("team_id")["verdict"].value_counts().unstack(fill_value=0)
        for team in counts.index.intersection(list(rows)):
            for verdict in ("improved", "worsened", "inconclusive"):
                has = verdict in counts.columns
                rows[team][f"proms_{verdict}"] = int(counts.loc[team, verdict]) if has else 0
    return pd.DataFrame(list(rows.values())).reindex(columns=INDEX_COLUMNS)
