"""Every team's effect per outcome, from each family, on the scale pooling needs.

:func:`team_effects` gathers one effect per team and outcome from each family's module
(care indicators, partnership barometer, the other Likert questionnaires, patient
experience, patient-reported outcomes);
:func:`team_attributes` gives the team characteristics that may explain differences
(participation level, hospital group, domain). :mod:`impact.synthesis.pooling` pools them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.barometer.questionnaires import (
    outcome_code,
    questionnaire_codes,
    questionnaire_programme,
)
from impact.barometer.scores import scores as barometer_scores
from impact.barometer.scores import team_change
from impact.data.programme import Programme
from impact.indicators.periods import compare_periods, verdicts
from impact.indicators.trends import its_by_team
from impact.prem.deltas import prem_deltas, prom_changes, score_prem
from impact.prem.scoring import OVERALL
from impact.stats.effect_table import (
    ADJUSTED_MEAN_DIFFERENCE,
    LEVEL_CHANGE,
    MEAN_CHANGE,
    MEAN_DIFFERENCE,
)

__all__ = [
    "ATTRIBUTES",
    "FAMILIES",
    "PARTICIPATION_LEVELS",
    "PREM_OVERALL",
    "team_attributes",
    "team_effects",
]


#: Outcome families, in report order.
FAMILIES = ("indicator", "barometer", "questionnaire", "prem", "prom")


#: Participation levels of the teams schema, weakest first (score 0–3 = position).
PARTICIPATION_LEVELS = ("information", "consultation", "co-construction", "co-décision")


#: Team attributes carried by every row of :func:`team_effects` (moderators, subgroups).
ATTRIBUTES = ("participation_level", "participation_score", "ghu", "domain",
              "intervention_mode", "duration_months")  # fmt: skip


_KEYS = ["family", "outcome", "team_id"]


_COLUMNS = ["measure", "estimate", "ci_low", "ci_high", "se", "scale", "p_value",
            "n_before", "n_after", "n", "method", "reason"]  # fmt: skip


#: ``outcome`` of the PREM overall score (mean of every answered item, e-Satis
#: "score_all"; the demo truth calls it ``prem:global``, but ``global`` is also a PREM
#: dimension of the default catalogue: the overall-rating question).
PREM_OVERALL = OVERALL


_INDICATOR_METHODS = ("its", "periods")


def team_attributes(programme: Programme) -> pd.DataFrame:
    """The programme teams' attributes used as moderators and subgroups.

    ``participation_score`` is the position of ``participation_level`` in
    :data:`PARTICIPATION_LEVELS` (information 0 … co-décision 3; NaN if missing).
    ``duration_months`` is the partnership's observed length: whole months from the
    start month to the end month, or — for an ongoing project, or one ending after the
    data — to the last month of indicator data (NaN without a start date).

    Returns
    -------
    pandas.DataFrame
        One row per programme team: ``team_id``, ``hospital``, the :data:`ATTRIBUTES`
        columns and ``n_patient_partners``.

    Examples
    --------
    >>> import impact
    >>> team_attributes(impact.demo_programme(n_teams=3, seed=1))["participation_score"].between(
    ...     0, 3).all()
    np.True_
    """
    teams = programme.teams.loc[~programme.teams["comparison"].astype(bool)].copy()
    start = pd.to_datetime(teams["start_date"])
    end = pd.to_datetime(teams["end_date"])
    periods = programme.indicator_values["period"] if len(programme.indicator_values) else None
    data_end = pd.to_datetime(periods).max() if periods is not None else pd.NaT
    if pd.notna(data_end):
        stop = end.where(end.notna() & (end <= data_end), data_end)
    else:
        stop = end
    months = (stop.dt.year - start.dt.year) * 12 + (stop.dt.month - start.dt.month)
    level = teams["participation_level"].astype(object)
    score = level.map({lv: i for i, lv in enumerate(PARTICIPATION_LEVELS)}).astype(float)
    out = pd.DataFrame({
        "team_id": teams["team_id"].astype(str).to_numpy(),
        "hospital": teams["hospital"].to_numpy(object),
        "participation_level": level.where(level.isin(PARTICIPATION_LEVELS)).to_numpy(object),
        "participation_score": score.to_numpy(float),
        "ghu": teams["ghu"].to_numpy(object),
        "domain": teams["domain"].to_numpy(object),
        "intervention_mode": teams["intervention_mode"].to_numpy(object),
        "duration_months": months.astype(float).to_numpy(),
        "n_patient_partners": pd.to_numeric(teams["n_patient_partners"]).to_numpy(float),
    })  # fmt: skip
    for col in ("hospital", "ghu", "domain", "intervention_mode"):
        out[col] = out[col].where(out[col].notna() & (out[col].astype(str) != ""), None)
    return out


def _frame(
    table: pd.DataFrame,
    family: str,
    outcome: pd.Series | np.ndarray,
    better: pd.Series | np.ndarray | str,
) -> pd.DataFrame:
    """The common columns of :func:`team_effects` from one family's effect table."""
    out = pd.DataFrame({"family": family, "outcome": np.asarray(outcome, dtype=object),
                        "team_id": table["team_id"].astype(str).to_numpy()})  # fmt: skip
    for col in _COLUMNS:
        out[col] = table[col].to_numpy() if col in table.columns else np.nan
    out["better"] = np.asarray(better, dtype=object) if not isinstance(better, str) else better
    for col in ("n_before", "n_after", "n"):
        out[col] = (
            pd.to_numeric(out[col], errors="coerce").astype("Float64").round().astype("Int64")
        )
    out["reason"] = out["reason"].fillna("").astype(str)
    return out


def _indicator_rows(programme: Programme, method: str, conf_level: float) -> pd.DataFrame:
    """ITS level changes (default) or before/after comparisons; count indicators left out."""
    if programme.indicator_values.empty:
        return pd.DataFrame()
    if method == "its":
        table = its_by_team(programme, conf_level=conf_level).effects
        if table.empty:
            return pd.DataFrame()
        table = table.loc[(table["measure"] == LEVEL_CHANGE) & (table["kind"] != "count")]
        out = _frame(table, "indicator", table["indicator"], table["better"])
        # the counts behind an ITS estimate are months of the series, not people: they
        # move to months_*; n_* (checked by the small-cell rule) take the people of the
        # 12 months before and after the start, as in the team's before/after table, so
        # that a team × indicator hidden there is hidden here too
        out["months_before"] = out["n_before"]
        out["months_after"] = out["n_after"]
        people = compare_periods(programme, conf_level=conf_level).set_index(
            ["team_id", "indicator"]
        )
        keys = pd.MultiIndex.from_arrays([out["team_id"], out["outcome"]])
        for col in ("n_before", "n_after"):
            out[col] = people[col].reindex(keys).to_numpy()
        out["n"] = pd.NA
    else:
        table = compare_periods(programme, conf_level=conf_level)
        if table.empty:
            return pd.DataFrame()
        table = table.loc[table["kind"] != "count"]
        out = _frame(table, "indicator", table["indicator"], table["better"])
        out["months_before"] = table["months_before"].to_numpy()
        out["months_after"] = table["months_after"].to_numpy()
    out["kind"] = table["kind"].to_numpy(object)
    return out


def _barometer_rows(
    programme: Programme, waves: tuple[str, str], conf_level: float
) -> pd.DataFrame:
    responses = programme.barometer_responses
    responses = responses.loc[responses["team_id"].isin(programme.team_ids)]
    if responses.empty or not set(waves) <= set(responses["wave"]):
        return pd.DataFrame()
    s = barometer_scores(responses, programme.barometer_items)
    table = team_change(s, waves=waves, conf_level=conf_level)
    return _frame(table, "barometer", table["dimension"], "higher")


def _questionnaire_rows(
    programme: Programme, waves: tuple[str, str], conf_level: float
) -> pd.DataFrame:
    """Each questionnaire's :func:`_barometer_rows`, outcome ``<code>.<dimension>``."""
    parts = []
    for code in questionnaire_codes(programme):
        rows = _barometer_rows(questionnaire_programme(programme, code), waves, conf_level)
        if len(rows):
            parts.append(rows.assign(family="questionnaire", outcome=[
                outcome_code(code, dim) for dim in rows["outcome"]]))  # fmt: skip
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def _prem_rows(programme: Programme, adjust: str | None, conf_level: float) -> pd.DataFrame:
    responses = programme.prem_responses
    responses = responses.loc[responses["team_id"].isin(programme.team_ids)]
    if responses.empty:
        return pd.DataFrame()
    s = score_prem(responses, programme.prem_items, programme.prem_scales,
                   conf_level=conf_level)  # fmt: skip
    table = prem_deltas(s, adjust=adjust, conf_level=conf_level)
    measure = ADJUSTED_MEAN_DIFFERENCE if adjust else MEAN_DIFFERENCE
    table = table.loc[table["level"].isin(["overall", "dimension"])
                      & (table["measure"] == measure)]  # fmt: skip
    return _frame(table, "prem", table["code"], "higher")


def _prom_rows(programme: Programme, conf_level: float) -> pd.DataFrame:
    responses, catalogue = programme.prom_responses, programme.proms
    if responses.empty or catalogue.empty or "team_id" not in responses.columns:
        return pd.DataFrame()
    teams = [tid for tid in programme.team_ids if tid in set(responses["team_id"])]
    table = prom_changes(responses, catalogue, teams=teams, conf_level=conf_level)
    table = table.loc[table["measure"] == MEAN_CHANGE]
    return _frame(table, "prom", table["prom"], table["better"])


def team_effects(
    programme: Programme,
    *,
    indicator_method: str = "its",
    barometer_waves: tuple[str, str] = ("T0", "T1"),
    prem_adjust: str | None = "common",
    families: tuple[str, ...] = FAMILIES,
    conf_level: float = 0.95,
) -> pd.DataFrame:
    """Every programme team's effect on every outcome, in one long effect table.

    One row per family × outcome × team, on the scale pooling works on (the effect
    table's ``scale``: log for rate ratios):

    - ``indicator`` (one outcome per non-count catalogue indicator): by default
      (``indicator_method="its"``) the **level change** of the team's interrupted time
      series at its start month (:func:`impact.indicators.trends.its_by_team`: rate ratio
      for rates, percentage points for proportions, the unit for means). It is the
      primary per-team effect because it separates the change at the start from the
      secular trend and seasonality, which a before/after comparison attributes to the
      team (on the demo programme the trend alone moves the before/after difference).
      ``indicator_method="periods"`` uses :func:`impact.indicators.periods.compare_periods`
      (12 months before vs 12 months after) as a sensitivity analysis. Count indicators
      (e.g. number of patient partners) describe activity, not an effect, and are left
      out (see RE-AIM reach);
    - ``barometer`` (each dimension and ``global``): the change of the team's mean
      self-assessment score between ``barometer_waves`` for its first-wave role mix
      (:func:`impact.barometer.scores.team_change`), 0–4 points;
    - ``questionnaire`` (each questionnaire of the catalogue the programme has answers
      to, each of its dimensions and ``global``; outcome ``<code>.<dimension>``, e.g.
      ``qvt.sens``): the barometer's change computed on that questionnaire
      (:func:`impact.barometer.questionnaires.questionnaire_programme`), in points of its
      own scale, higher better;
    - ``prem`` (``all``: the overall score, and each dimension): the case-mix adjusted
      after − before difference of the team's PREM score, 0–100 points
      (:func:`impact.prem.deltas.prem_deltas` with ``adjust=prem_adjust``; ``None`` gives the raw
      difference);
    - ``prom`` (each catalogue PROM): the paired mean change of the patients measured in
      both periods (:func:`impact.prem.deltas.prom_changes`).

    Parameters
    ----------
    programme : Programme
    indicator_method : {"its", "periods"}, default "its"
    barometer_waves : (str, str), default ("T0", "T1")
        The waves compared by the barometer and the questionnaires.
    prem_adjust : {"common", "standardised", None}, default "common"
    families : tuple of str
        Families to compute (default all of :data:`FAMILIES`); a family without data
        gives no rows.
    conf_level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        ``family``, ``outcome``, ``team_id``, the effect-table columns (``measure``,
        ``estimate``, ``ci_low``, ``ci_high``, ``se``, ``scale``, ``p_value``,
        ``n_before``, ``n_after``, ``n``, ``method``, ``reason``), ``better`` ("higher" or
        "lower": the favourable direction), ``verdict`` (improved / worsened /
        inconclusive, from the interval), ``months_before``/``months_after`` (indicator
        rows; for ITS rows the counts behind the estimate are months, and ``n_before``/
        ``n_after`` are the people of the 12 months before and after the start, as in the
        team's before/after table: ``n_*`` always count people — respondents,
        questionnaires, patients, stays or people with an event — and a team × indicator
        hidden there for a small cell is hidden here), ``kind`` (indicators) and the
        team attributes of
        :func:`team_attributes` (``participation_level``, ``participation_score``,
        ``ghu``, ``domain``, ``intervention_mode``, ``duration_months``).

    Examples
    --------
    >>> import impact
    >>> prog = impact.demo_programme(n_teams=4, n_comparison=2, seed=1)
    >>> sorted(team_effects(prog, families=("barometer",))["outcome"].unique())[:2]
    ['co_construction', 'co_decision']
    """
    if indicator_method not in _INDICATOR_METHODS:
        raise ValueError(f"indicator_method must be one of {_INDICATOR_METHODS}. "
                         f"Got {indicator_method!r}.")  # fmt: skip
    unknown = sorted(set(families) - set(FAMILIES))
    if unknown:
        raise ValueError(f"families must be among {FAMILIES}. Got {unknown!r}.")
    waves = tuple(barometer_waves)
    builders = {
        "indicator": lambda: _indicator_rows(programme, indicator_method, conf_level),
        "barometer": lambda: _barometer_rows(programme, waves, conf_level),
        "questionnaire": lambda: _questionnaire_rows(programme, waves, conf_level),
        "prem": lambda: _prem_rows(programme, prem_adjust, conf_level),
        "prom": lambda: _prom_rows(programme, conf_level),
    }
    parts = [builders[f]() for f in FAMILIES if f in families]
    parts = [p for p in parts if len(p)]
    if not parts:
        out = pd.DataFrame(columns=[*_KEYS, *_COLUMNS, "better", "verdict"])
    else:
        out = pd.concat(parts, ignore_index=True)
        out["verdict"] = verdicts(out, out["better"])
    for col in ("months_before", "months_after"):
        if col not in out.columns:
            out[col] = pd.NA
        out[col] = (
            pd.to_numeric(out[col], errors="coerce").astype("Float64").round().astype("Int64")
        )
    if "kind" not in out.columns:
        out["kind"] = None
    attrs = team_attributes(programme).drop(columns=["hospital", "n_patient_partners"])
    out = out.merge(attrs, on="team_id", how="left")
    return out.reset_index(drop=True)
