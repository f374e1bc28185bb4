"""The 3-year roadmap: measured value of each line's indicator per period, and its
attainment status.

A roadmap line follows one indicator for a team or an establishment (its programme
teams pooled): a code of the indicators catalogue, a questionnaire score
(``barometre.global``, ``barometre.<dimension>``, ``<questionnaire>.global``,
``<questionnaire>.<dimension>``) or an activity measure (``activite.partenaires``,
``activite.taux_participation``, ``activite.heures_par_partenaire``,
``activite.retention``). Targets and baselines are in the indicator's displayed unit.

Periods: year k = [start + (k − 1) years, start + k years), k = 1, 2, 3 (a roadmap
starts with the month of its start date), and when the roadmap states no baseline, the
baseline period = the 12 months before the start. Only months up to the reference date
count. Questionnaire waves have no date: their scores are measured per wave.

**The attainment rule** (one status per line; the reference date is the last month of
data unless given):

1. *no_indicator* — the line has no indicator ("action sans indicateur de suivi").
2. *not_measured* — no measured value in any roadmap year (for a questionnaire: in any
   wave) up to the reference date.
3. (*no_target* — the line has an indicator but no target in any year.)
4. *achieved* — the 95 % interval of the latest measured period lies wholly on the
   favourable side of the target in force for that period (its year's target; if that
   year has none, the next year's that has one; after year 3, the final target = the
   last target given); reaching the target counts. An estimate without variation (all
   months equal, no partner left: no interval) is itself compared with the target. A
   questionnaire wave is compared with the target in force at the reference date.
   Rule ``interval``.
5. otherwise, if the reference month is the deadline's month or later (no deadline: the
   end of year 3) → *late*. Rule ``deadline_passed``.
6. otherwise (deadline still ahead): a straight line is fitted to the monthly values
   since the roadmap start (at least 6 months; see :mod:`impact.steering.projection`)
   and projected to the deadline; *on_track* when the probability that the line's value
   at the deadline is on the favourable side of the final target is at least 0.5, else
   *late*. Rule ``projection``. Without a projection (questionnaire scores, retention,
   fewer than 6 months): *on_track* when the latest estimate is on the favourable side
   of the target in force (or equal to it), else *late*. Rule ``latest_vs_target``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.barometer.common import GLOBAL
from impact.data.programme import Programme
from impact.stats.means import check_conf_level
from impact.steering.codes import (
    ACHIEVED,
    LATE,
    NO_INDICATOR,
    NO_TARGET,
    NOT_MEASURED,
    ON_TRACK,
    codes_where,
)
from impact.steering.measures import PERIODS, period_measures
from impact.steering.months import month_index, month_start
from impact.steering.projection import PROJECTION_METHOD, project_lines
from impact.steering.series import (
    ACTIVITY_INDICATORS,
    BAROMETER,
    RETENTION,
    line_months,
    monthly_rows,
)

__all__ = ["PERIODS", "roadmap_measures", "roadmap_status", "roadmap_tables"]

_DEFAULT_MULTIPLIER = {"proportion": 100.0}
_TEXT = ("axis", "objective", "action", "owner_role", "governance", "certification")
STATUS_COLUMNS = [
    "line", "team_id", "hospital", "axis", "objective", "action", "owner_role", "governance",
    "indicator", "better", "deadline", "final_target", "latest_period", "target", "estimate",
    "ci_low", "ci_high", "n", "n_kind", "status", "rule", "projection", "projection_low",
    "projection_high", "probability", "as_of", "method", "certification", "reason",
]  # fmt: skip


def roadmap_tables(
    programme: Programme, *, as_of=None, conf_level: float = 0.95
) -> dict[str, pd.DataFrame]:
    """The roadmap's measures and statuses, computed together.

    Parameters
    ----------
    programme : Programme
        With a ``roadmap`` table (an empty roadmap gives empty tables).
    as_of : date-like, optional
        The reference date (its month counts). Default: the last month of data in the
        programme (the latest ``indicator_values.period`` or ``partnership_activity``
        month), never today's date, so results are reproducible.
    conf_level : float, default 0.95

    Returns
    -------
    dict
        ``"measures"`` (:func:`roadmap_measures`) and ``"status"``
        (:func:`roadmap_status`).

    Raises
    ------
    ValueError
        For an indicator code that is none of the accepted codes, a line whose team or
        establishment is unknown, or a deadline before the start.
    """
    work = _prepare(programme, as_of, conf_level)
    measures = period_measures(work)
    return {"measures": measures, "status": _status(work, measures)}


def roadmap_measures(programme: Programme, *, as_of=None, conf_level: float = 0.95):
    """Measured value of every roadmap line's indicator per period (or wave).

    Per kind, over the months of the period up to the reference date and the line's
    teams: proportion → Σnum/Σden × multiplier with the Wilson interval; rate →
    Σnum/Σden × multiplier with the exact Poisson (Garwood) interval; mean → with ``n``
    and ``sd`` in every month, the n-weighted mean of the monthly means with the SE from
    the pooled within-month SD, else the mean of the monthly values with a t interval;
    count → mean monthly count (summed over an establishment's teams), t interval over
    months. Activity measures: active partners per month (a count), participation rate
    (a proportion, %), hours per partner (a mean: partner-months are the measurements),
    retention (Kaplan–Meier S(12), %, from the spells observed up to the period's end).
    Questionnaire scores: the mean self-assessment score per wave, all roles pooled, t
    interval.

    Returns
    -------
    pandas.DataFrame
        One row per line × period: ``line``, ``team_id`` ("" for an establishment line),
        ``hospital``, ``indicator``, ``period`` (``baseline``, ``year1``…``year3``, or the
        wave), ``start``, ``end`` (first and last day; NaT for a wave), ``target`` (the
        target in force for the period; for waves, on the latest wave only), ``estimate``,
        ``ci_low``, ``ci_high``, ``se``, ``n``, ``n_kind`` (what ``n`` counts:
        ``denominator``, ``exposure``, ``people``, ``partner_months`` or ``months``),
        ``months`` (months with a value), ``method``, ``reason`` (e.g.
        ``period_not_started``, ``no_observations``, ``baseline_stated``). A stated
        baseline is a row with the roadmap's value and no interval. Lines without an
        indicator have no row.

    Examples
    --------
    >>> import impact
    >>> prog = impact.demo_programme(n_teams=2, seed=1)
    >>> roadmap_measures(prog).empty  # the demo has no roadmap here
    True
    """
    return period_measures(_prepare(programme, as_of, conf_level))


def roadmap_status(programme: Programme, *, as_of=None, conf_level: float = 0.95):
    """Attainment status of every roadmap line, by the rule of this module's docstring.

    Returns
    -------
    pandas.DataFrame
        One row per line (roadmap order): ``line``, ``team_id``, ``hospital``, ``axis``,
        ``objective``, ``action``, ``owner_role``, ``governance``, ``indicator``,
        ``better``, ``deadline`` (end of year 3 when not given), ``final_target``,
        ``latest_period``, ``target`` (in force for it), ``estimate``, ``ci_low``,
        ``ci_high``, ``n``, ``n_kind`` (of the latest period), ``status`` (``no_indicator``,
        ``not_measured``, ``no_target``, ``achieved``, ``on_track``, ``late``), ``rule``
        (``interval``, ``deadline_passed``, ``projection``, ``latest_vs_target``; "" for
        the first three statuses), ``projection``, ``projection_low``,
        ``projection_high`` (the fitted line at the deadline and its 95 % interval — of
        the mean line, not of one month), ``probability``, ``as_of``, ``method``,
        ``certification``, ``reason`` (``no_monthly_series``, ``too_few_months``,
        ``fit_failed``, ``perfect_fit``, ``no_target``, ``no_response``).

    Examples
    --------
    >>> import impact
    >>> prog = impact.demo_programme(n_teams=2, seed=1)
    >>> roadmap_status(prog).empty
    True
    """
    work = _prepare(programme, as_of, conf_level)
    return _status(work, period_measures(work))


# --- preparation -----------------------------------------------------------------------


def _prepare(programme: Programme, as_of, conf_level: float) -> dict:
    cl = check_conf_level(conf_level)
    lines = _lines(programme)
    as_of_m = _reference_month(programme, as_of)
    members = _members(programme, lines)
    periods = _periods(lines)
    rows = monthly_rows(programme, lines, members, as_of_m)
    empty = pd.DataFrame(
        {
            "line": pd.Series(dtype=object),
            **{c: pd.Series(dtype=float) for c in ("m", "value", "weight")},
        }
    )
    monthly = line_months(rows, lines) if len(rows) else empty
    return {"programme": programme, "lines": lines, "members": members, "periods": periods,
            "monthly": monthly, "as_of_m": as_of_m, "conf_level": cl}  # fmt: skip


def _reference_month(programme: Programme, as_of) -> float:
    if as_of is not None:
        m = month_index([as_of])[0]
        if np.isnan(m):
            raise ValueError(f"as_of must be a date. Got {as_of!r}.")
        return float(m)
    found = [
        month_index(programme.indicator_values.get("period", pd.Series(dtype=object))),
        month_index(programme.partnership_activity.get("month", pd.Series(dtype=object))),
    ]
    values = np.concatenate(found)
    values = values[np.isfinite(values)]
    return float(values.max()) if len(values) else np.nan


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series("", index=frame.index, dtype=object)
    return frame[column].astype(object).where(frame[column].notna(), "").astype(str).str.strip()


def _number(frame: pd.DataFrame, column: str) -> np.ndarray:
    if column not in frame.columns:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame[column]).to_numpy(dtype=float, na_value=np.nan)


def _lines(programme: Programme) -> pd.DataFrame:
    """The roadmap, one row per line, with its indicator's source, kind, unit and months."""
    r = programme.roadmap.reset_index(drop=True)
    if r.empty:
        r = pd.DataFrame({"line": pd.Series(dtype=object)})
    out = pd.DataFrame({c: _text(r, c) for c in ("line", "team_id", "hospital", "indicator",
                                                  *_TEXT)})  # fmt: skip
    for c in ("baseline", "target_year1", "target_year2", "target_year3"):
        out[c] = _number(r, c)
    out["start_m"] = month_index(r["start_date"]) if "start_date" in r else np.nan
    if out["start_m"].isna().any():
        undated = out.loc[out["start_m"].isna(), "line"].tolist()
        raise ValueError(f"Roadmap lines without a start date: {undated}.")
    deadline = month_index(r["deadline"]) if "deadline" in r else np.full(len(r), np.nan)
    out["deadline_given"] = np.isfinite(deadline)
    out["deadline_m"] = np.where(np.isfinite(deadline), deadline, out["start_m"] + 35)
    early = out["deadline_m"] < out["start_m"]
    if early.any():
        raise ValueError(
            f"Roadmap lines with a deadline before their start: {out.loc[early, 'line'].tolist()}."
        )
    _classify(programme, out)
    targets = out[["target_year1", "target_year2", "target_year3"]]
    out["final_target"] = targets.ffill(axis=1).iloc[:, -1]
    return out


def _classify(programme: Programme, out: pd.DataFrame) -> None:
    """Add ``source``, ``kind``, ``multiplier`` and ``better``; raise for an unknown code."""
    catalogue = programme.indicators.set_index(programme.indicators["code"].astype(str))
    scores = {f"{BAROMETER}.{d}" for d in [GLOBAL, *programme.barometer_items.get(
        "dimension", pd.Series(dtype=str)).astype(str)]}  # fmt: skip
    q = programme.questionnaire_items
    if not q.empty:
        names = q["questionnaire"].astype(str)
        scores |= {f"{n}.{GLOBAL}" for n in names} | set(names + "." + q["dimension"].astype(str))
    code = out["indicator"]
    source = np.select(
        [code == "", code.isin(catalogue.index), code.isin(list(ACTIVITY_INDICATORS)),
         code.isin(scores)], ["", "catalogue", "activity", "questionnaire"], "unknown")  # fmt: skip
    unknown = sorted(set(code[source == "unknown"]))
    if unknown:
        raise ValueError(f"Unknown roadmap indicator code(s) {unknown}.")
    cat = catalogue.reindex(code.where(source == "catalogue"))
    act = code.map({k: v[0] for k, v in ACTIVITY_INDICATORS.items()})
    kind = np.select([source == "catalogue", source == "activity", source == "questionnaire"],
                     [cat["kind"].astype(object), act, "score"], "")  # fmt: skip
    mult = pd.to_numeric(cat["multiplier"]).to_numpy(dtype=float, na_value=np.nan)
    mult = np.where(np.isnan(mult), pd.Series(kind).map(_DEFAULT_MULTIPLIER).fillna(1.0), mult)
    act_mult = code.map({k: v[1] for k, v in ACTIVITY_INDICATORS.items()}).to_numpy(dtype=float)
    out["source"] = source
    out["kind"] = kind
    out["multiplier"] = np.where(source == "activity", act_mult, mult)
    out["better"] = np.where(source == "catalogue", cat["better"].astype(object), "higher")
    out.loc[source == "", "better"] = ""


def _members(programme: Programme, lines: pd.DataFrame) -> pd.DataFrame:
    """(line, team_id) pairs: a team line's team, an establishment line's programme teams;
    fills each team line's ``hospital``."""
    teams = programme.teams
    ids = teams["team_id"].astype(str)
    hospital = pd.Series(teams["hospital"].astype(str).to_numpy(), index=ids)
    own = lines["team_id"] != ""
    unknown = sorted(set(lines.loc[own, "team_id"]) - set(ids))
    if unknown:
        raise ValueError(f"Roadmap lines name unknown team(s) {unknown}.")
    lines.loc[own, "hospital"] = lines.loc[own, "team_id"].map(hospital)
    programme_teams = pd.DataFrame({"team_id": ids, "hospital": teams["hospital"].astype(str)})
    programme_teams = programme_teams.loc[~teams["comparison"].astype(bool).to_numpy()]
    est = lines.loc[~own, ["line", "hospital"]].merge(programme_teams, on="hospital")
    empty = sorted(set(lines.loc[~own, "line"]) - set(est["line"]))
    if empty:
        raise ValueError(
            f"Roadmap lines with no team nor establishment of programme teams: {empty}."
        )
    team_rows = lines.loc[own, ["line", "team_id"]]
    return pd.concat([team_rows, est[["line", "team_id"]]], ignore_index=True)


def _periods(lines: pd.DataFrame) -> pd.DataFrame:
    """Baseline and years 1–3 of each line: months ``[start_m, end_m)`` and the target in
    force (the year's target, else the next year's that has one, else the final)."""
    targets = lines[["target_year1", "target_year2", "target_year3"]].to_numpy(dtype=float)
    in_force = pd.DataFrame(targets).bfill(axis=1).to_numpy()
    in_force = np.where(np.isnan(in_force), lines["final_target"].to_numpy()[:, None], in_force)
    parts = []
    for k, label in enumerate(PERIODS):
        parts.append(pd.DataFrame({
            "line": lines["line"], "period": label, "order": k,
            "start_m": lines["start_m"] + 12 * (k - 1), "end_m": lines["start_m"] + 12 * k,
            "target": np.nan if k == 0 else in_force[:, k - 1],
        }))  # fmt: skip
    return pd.concat(parts, ignore_index=True)


# --- status ----------------------------------------------------------------------------


def _favourable(value, target, better) -> np.ndarray:
    """``value`` on the favourable side of ``target`` or equal to it (False for NaN)."""
    value, target = np.asarray(value, dtype=float), np.asarray(target, dtype=float)
    with np.errstate(invalid="ignore"):
        return np.where(np.asarray(better) == "lower", value <= target, value >= target)


def _status(work: dict, measures: pd.DataFrame) -> pd.DataFrame:
    lines, as_of_m = work["lines"], work["as_of_m"]
    if lines.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in STATUS_COLUMNS})
    years = measures["period"].isin(PERIODS[1:]).to_numpy()
    source = measures["line"].map(lines.set_index("line")["source"]).to_numpy(dtype=object)
    measured = measures.loc[(years | (source == "questionnaire"))
                            & (measures["period"] != "baseline")
                            & np.isfinite(measures["estimate"].to_numpy(dtype=float))]  # fmt: skip
    latest = measured.groupby("line", sort=False).tail(1).set_index("line")
    latest = latest.assign(flat=latest["reason"].str.contains("no_variation", regex=False))
    keep = ["period", "target", "estimate", "ci_low", "ci_high", "n", "n_kind", "flat"]
    s = lines.join(latest[keep], on="line")
    s = s.rename(columns={"period": "latest_period"})
    better = s["better"].to_numpy(dtype=object)
    no_indicator = (s["indicator"] == "").to_numpy()
    not_measured = ~no_indicator & s["estimate"].isna().to_numpy()
    no_target = ~no_indicator & ~not_measured & s["final_target"].isna().to_numpy()
    open_ = ~(no_indicator | not_measured | no_target)
    # an estimate without variation (no interval, reason no_variation) is its own bound
    lower = better == "lower"
    bound = np.where(lower, s["ci_high"], s["ci_low"])
    bound = np.where(s["flat"].fillna(False).to_numpy(dtype=bool), s["estimate"], bound)
    achieved = open_ & _favourable(bound, s["target"], better)
    passed = open_ & ~achieved & (as_of_m >= s["deadline_m"].to_numpy())
    ahead = open_ & ~achieved & ~passed
    monthly_source = s["source"].isin(["catalogue", "activity"]).to_numpy() & (
        s["indicator"] != RETENTION).to_numpy()  # fmt: skip
    want = ahead & monthly_source
    proj = project_lines(work["monthly"], s.loc[want], work["conf_level"]).set_index("line")
    s = s.join(proj, on="line")
    failed = s["failed"].fillna(False).to_numpy(dtype=bool)
    have = ahead & np.isfinite(s["probability"].to_numpy(dtype=float))
    perfect = have & s["perfect_fit"].fillna(False).to_numpy(dtype=bool)
    on_projection = np.where(have, s["probability"].to_numpy(dtype=float) >= 0.5, False)
    on_latest = _favourable(s["estimate"], s["target"], better)
    status = np.select(
        [no_indicator, not_measured, no_target, achieved, passed, have],
        [NO_INDICATOR, NOT_MEASURED, NO_TARGET, ACHIEVED, LATE,
         np.where(on_projection, ON_TRACK, LATE)],
        np.where(on_latest, ON_TRACK, LATE),
    )  # fmt: skip
    rule = np.select(
        [~open_, achieved, passed, have],
        ["", "interval", "deadline_passed", "projection"],
        "latest_vs_target",
    )
    responses = s["source"].to_numpy() == "questionnaire"
    s["reason"] = codes_where(
        len(s),
        (not_measured & responses, "no_response"),
        (no_target, "no_target"),
        (ahead & ~monthly_source, "no_monthly_series"),
        (want & s["failed"].isna().to_numpy(), "too_few_months"),
        (want & failed, "fit_failed"),
        (perfect, "perfect_fit"),
    )
    s["status"], s["rule"] = status, rule
    for c in ("projection", "projection_low", "projection_high", "probability"):
        s[c] = np.where(have, s[c].to_numpy(dtype=float), np.nan)
    s["method"] = np.where(have, PROJECTION_METHOD, "")
    for c in ("latest_period", "n_kind"):
        s[c] = s[c].astype(object).where(s[c].notna(), "")
    deadline = month_start(s["deadline_m"] + 1) - pd.Timedelta(days=1)
    given = work["programme"].roadmap.get("deadline")
    s["deadline"] = np.where(s["deadline_given"], pd.to_datetime(given) if given is not None
                             else pd.NaT, deadline)  # fmt: skip
    s["deadline"] = pd.to_datetime(s["deadline"])
    s["as_of"] = month_start([as_of_m]).iloc[0]
    return s.reindex(columns=STATUS_COLUMNS).reset_index(drop=True)
