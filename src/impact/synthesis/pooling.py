"""Programme synthesis: every team's effect per outcome, pooled across teams.

:func:`team_effects` gathers one effect per team and outcome from each family's module
(care indicators, partnership barometer, patient experience, patient-reported outcomes)
on the scale pooling needs; :func:`pooled_effects` pools them per outcome with a
random-effects model (:func:`impact.stats.meta.pool`) and counts the teams that improved;
:func:`subgroup_effects` and :func:`moderator_effects` ask what explains the differences
between teams (participation level, hospital group, domain). The RE-AIM programme summary
is :func:`impact.report.reaim.reaim_summary`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

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
from impact.stats.meta import pool, regression
from impact.stats.meta_subgroups import SubgroupAnalysis, subgroups

__all__ = [
    "FAMILIES",
    "PARTICIPATION_LEVELS",
    "moderator_effects",
    "pooled_effects",
    "subgroup_effects",
    "team_attributes",
    "team_effects",
]

#: Outcome families, in report order.
FAMILIES = ("indicator", "barometer", "prem", "prom")
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
    builders = {
        "indicator": lambda: _indicator_rows(programme, indicator_method, conf_level),
        "barometer": lambda: _barometer_rows(programme, tuple(barometer_waves), conf_level),
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


def _direction(better: pd.Series) -> np.ndarray:
    return np.where(better.to_numpy(object) == "lower", -1.0, 1.0)


def pooled_effects(
    team_effects: pd.DataFrame,
    *,
    method: str = "REML",
    hartung_knapp: bool = True,
    conf_level: float = 0.95,
) -> pd.DataFrame:
    """Pool the teams' effects per outcome: the programme's effect and how teams differ.

    Random-effects meta-analysis of each family × outcome (:func:`impact.stats.meta.pool`,
    REML τ² with the Hartung–Knapp–Sidik–Jonkman interval by default, as recommended
    when the number of studies is moderate: IntHout, Ioannidis & Borm 2014, *BMC Med Res
    Methodol* 14:25), on the analysis scale (log for ratios: the pooled ratio is the
    geometric mean of the teams' ratios) and reported back on the reporting scale.

    The share of teams improved counts the teams whose own interval lies wholly on the
    favourable side of no effect (their ``verdict``), among the teams with an estimate;
    ``share_favourable`` counts point estimates in the favourable direction, whatever
    their precision (a weak test: half the teams of a null programme).

    Parameters
    ----------
    team_effects : pandas.DataFrame
        Output of :func:`team_effects` (``family``, ``outcome``, ``better``,
        ``verdict`` and the effect-table columns).
    method : {"REML", "DL", "PM", "FE"}, default "REML"
    hartung_knapp : bool, default True
    conf_level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        One row per family × outcome (input order): ``family``, ``outcome``, the columns
        of :func:`impact.stats.meta.pool` (``estimate``, ``ci_low``, ``ci_high``, ``pi_low``,
        ``pi_high``, ``tau2``, ``I2``, ``Q``, ``Q_p``, ``k``…; ``n_before``/``n_after``
        summed over teams), ``better``, ``verdict`` (of the pooled interval; "" when no
        team could be pooled), ``n_teams`` (with an estimate), ``n_improved``,
        ``n_worsened``,
        ``share_improved``, ``share_worsened``, ``share_favourable``.

    Examples
    --------
    >>> effects = pd.DataFrame({"family": "barometer", "outcome": "global",
    ...     "team_id": ["A", "B", "C"], "estimate": [0.2, 0.5, 0.1], "se": 0.1,
    ...     "ci_low": [0.0, 0.3, -0.1], "ci_high": [0.4, 0.7, 0.3], "scale": "identity",
    ...     "better": "higher", "verdict": ["inconclusive", "improved", "inconclusive"]})
    >>> row = pooled_effects(effects).iloc[0]
    >>> int(row["n_improved"]), round(float(row["share_improved"]), 3)
    (1, 0.333)
    """
    needed = {"family", "outcome", "better", "verdict", "estimate", "se", "scale"}
    missing = sorted(needed - set(team_effects.columns))
    if missing:
        raise ValueError(f"team_effects lacks column(s) {missing}. "
                         f"Got {list(team_effects.columns)}.")  # fmt: skip
    keys = ["family", "outcome"]
    if team_effects.empty:
        return pd.DataFrame(columns=[*keys, "estimate", "ci_low", "ci_high", "k"])
    frame = team_effects.reset_index(drop=True)
    pooled = pool(frame, method=method, hartung_knapp=hartung_knapp, conf_level=conf_level,
                  by=keys)  # fmt: skip
    est = pd.to_numeric(frame["estimate"], errors="coerce")
    has = est.notna() & np.isfinite(est)
    null = np.where(frame["scale"] == "log", 1.0, 0.0)
    favourable = has & ((est.to_numpy(float) - null) * _direction(frame["better"]) > 0)
    counts = frame.assign(
        _has=has, _imp=has & (frame["verdict"] == "improved"),
        _wor=has & (frame["verdict"] == "worsened"), _fav=favourable,
    ).groupby(keys, sort=False).agg(
        better=("better", "first"), n_teams=("_has", "sum"), n_improved=("_imp", "sum"),
        n_worsened=("_wor", "sum"), n_favourable=("_fav", "sum"),
    ).reset_index()  # fmt: skip
    with np.errstate(invalid="ignore", divide="ignore"):
        for name in ("improved", "worsened", "favourable"):
            counts[f"share_{name}"] = np.where(
                counts["n_teams"] > 0, counts[f"n_{name}"] / counts["n_teams"], np.nan
            )
    counts = counts.drop(columns="n_favourable")
    out = counts[keys].merge(pooled, on=keys, how="left").merge(counts, on=keys, how="left")
    out["verdict"] = np.where(out["k"] > 0, verdicts(out, out["better"]), "")
    for col in ("n_teams", "n_improved", "n_worsened"):
        out[col] = out[col].astype("int64")
    return out.reset_index(drop=True)


def subgroup_effects(
    team_effects: pd.DataFrame,
    by: tuple[str, ...] = ("participation_level", "ghu", "domain"),
    *,
    method: str = "REML",
    hartung_knapp: bool = True,
    conf_level: float = 0.95,
) -> dict[str, SubgroupAnalysis]:
    """Pooled effect of each outcome within subgroups of teams, and the tests of differences.

    One :func:`impact.stats.meta_subgroups.subgroups` analysis per column of ``by``, run
    separately for every family × outcome (``within``): each subgroup's pooled effect (its own τ²),
    the between-subgroup Q test (separate τ²; Borenstein et al. 2009, ch. 19) and the
    moderator test of the mixed-effects model (common τ²). Subgroups are observational:
    a difference between them may come from anything that differs between the teams.

    Parameters
    ----------
    team_effects : pandas.DataFrame
        Output of :func:`team_effects`.
    by : tuple of str
        Team attributes to split on; participation levels keep their ordinal order.
    method, hartung_knapp, conf_level
        As :func:`pooled_effects`.

    Returns
    -------
    dict of str to SubgroupAnalysis
        One analysis per ``by`` column (``groups`` and ``tests`` carry ``family`` and
        ``outcome``).
    """
    out = {}
    for col in by:
        if col not in team_effects.columns:
            raise ValueError(f"{col!r} is not a column of team_effects. "
                             f"Got {list(team_effects.columns)}.")  # fmt: skip
        frame = team_effects
        if col == "participation_level":  # ordinal order rather than alphabetical
            frame = frame.assign(
                participation_level=pd.Categorical(
                    frame[col], categories=PARTICIPATION_LEVELS, ordered=True
                )
            )
        analysis = subgroups(
            frame,
            col,
            method=method,
            hartung_knapp=hartung_knapp,
            conf_level=conf_level,
            within=["family", "outcome"],
        )
        if col == "participation_level":
            analysis.groups[col] = analysis.groups[col].astype(object)
        out[col] = analysis
    return out


def moderator_effects(
    team_effects: pd.DataFrame,
    moderator: str = "participation_score",
    *,
    method: str = "REML",
    hartung_knapp: bool = True,
    conf_level: float = 0.95,
) -> pd.DataFrame:
    """Meta-regression of each outcome's team effects on one numeric team attribute.

    For every family × outcome, the mixed-effects meta-regression
    ``effect_i = β₀ + β₁·x_i + u_i + e_i`` (:func:`impact.stats.meta.regression`, as
    ``metafor::rma(yi, vi, mods = ~ x)``), by default on the participation level as an
    ordinal score (information 0, consultation 1, co-construction 2, co-décision 3): β₁
    is the change in the effect per level (on the log scale for ratios: ``ratio =
    exp(β₁)`` multiplies the rate ratio per level). Treating the level as a score assumes
    equal steps between levels; :func:`subgroup_effects` shows each level on its own.

    Parameters
    ----------
    team_effects : pandas.DataFrame
        Output of :func:`team_effects`.
    moderator : str, default "participation_score"
        A numeric column of ``team_effects``.
    method, hartung_knapp, conf_level
        As :func:`pooled_effects`.

    Returns
    -------
    pandas.DataFrame
        One row per family × outcome: ``family``, ``outcome``, ``moderator``,
        ``estimate``, ``se``, ``ci_low``, ``ci_high``, ``p_value`` (the slope, analysis
        scale), ``scale``, ``ratio``/``ratio_low``/``ratio_high`` (exp of the slope and
        its interval for log-scale outcomes, else NaN), ``intercept``, ``k``, ``tau2``,
        ``R2`` (percent of τ² explained), ``QE_p``, ``better``, ``verdict``
        ("favourable" when the whole interval says the effect grows in the favourable
        direction with the moderator, "unfavourable" for the reverse, else
        "inconclusive"), ``method``, ``reason``.
    """
    if moderator not in team_effects.columns:
        raise ValueError(f"moderator {moderator!r} is not a column of team_effects. "
                         f"Got {list(team_effects.columns)}.")  # fmt: skip
    rows = []
    for (family, outcome), block in team_effects.groupby(["family", "outcome"], sort=False):
        res = regression(block.reset_index(drop=True), [moderator], method=method,
                         hartung_knapp=hartung_knapp, conf_level=conf_level)  # fmt: skip
        coef, fit = res.coefficients, res.fit.iloc[0]
        slope = coef.iloc[-1] if len(coef) > 1 else pd.Series(dtype=float)
        intercept = coef.iloc[0]["estimate"] if len(coef) else np.nan
        rows.append({
            "family": family, "outcome": outcome, "moderator": moderator,
            "estimate": slope.get("estimate", np.nan), "se": slope.get("se", np.nan),
            "ci_low": slope.get("ci_low", np.nan), "ci_high": slope.get("ci_high", np.nan),
            "p_value": slope.get("p_value", np.nan), "scale": fit["scale"],
            "intercept": intercept, "k": int(fit["k"]), "tau2": fit["tau2"], "R2": fit["R2"],
            "QE_p": fit["QE_p"], "better": block["better"].iloc[0], "method": fit["method"],
            "reason": fit["reason"],
        })  # fmt: skip
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    log = (out["scale"] == "log").to_numpy()
    for src, dst in (("estimate", "ratio"), ("ci_low", "ratio_low"), ("ci_high", "ratio_high")):
        out[dst] = np.where(log, np.exp(out[src].astype(float)), np.nan)
    sign = _direction(out["better"])
    low, high = out["ci_low"].to_numpy(float), out["ci_high"].to_numpy(float)
    good = np.where(sign > 0, low > 0, high < 0)
    bad = np.where(sign > 0, high < 0, low > 0)
    out["verdict"] = np.select([good, bad], ["favourable", "unfavourable"], "inconclusive")
    front = ["family", "outcome", "moderator", "estimate", "se", "ci_low", "ci_high", "p_value",
             "scale", "ratio", "ratio_low", "ratio_high"]  # fmt: skip
    return out[front + [c for c in out.columns if c not in front]]
