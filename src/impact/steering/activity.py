"""Partnership activity: who took part each month, how much, and how long partners stay.

From the ``partnership_activity`` table (one row per active partner × team × month):
:func:`activity_by_month` (one row per team × month), :func:`partner_spells` (one row
per partner's time in a team), :func:`partner_retention` (Kaplan–Meier retention per
team and over the programme) and :func:`activity_summary` (one row per team). These are
process measures of the partnership itself, not care outcomes. Every table keeps the
counts behind each figure; nothing is hidden here (the report layer does that).

A team's recorded period runs from its first to its last month in the table. Inside it,
a month without any row had no active partner (the table's rule: a partner without a
row was not active that month). A partner's **spell** in a team runs from the first to
the last month they were active there: a gap of months inside it does not end it.
A partner active in the team's last recorded month is **censored** (we do not know
whether they stay), not leaving.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from impact.barometer.common import require
from impact.stats.means import check_conf_level
from impact.stats.proportions import wilson_interval
from impact.steering.codes import MODE_COLUMNS, PROGRAMME, ROLE_COLUMNS, codes_where
from impact.steering.months import month_index, month_start
from impact.steering.support import support_dose
from impact.steering.survival import KM_METHOD, km_at

__all__ = [
    "PARTICIPATION_METHOD",
    "activity_by_month",
    "activity_summary",
    "partner_retention",
    "partner_spells",
]

_COLUMNS = ("team_id", "month", "partner", "role", "meetings_held", "meetings_attended")
#: How the participation rate's interval is computed, as the tables name it.
PARTICIPATION_METHOD = (
    "Wilson score interval (Wilson 1927), descriptive: attendances are not independent trials"
)


def _rows(activity: pd.DataFrame) -> pd.DataFrame:
    """The activity rows with integer months ``m`` and each team's first/last month (a
    table without rows may lack columns: a programme supplied without the table)."""
    if isinstance(activity, pd.DataFrame) and activity.empty:
        activity = activity.reindex(columns=list(dict.fromkeys([*activity.columns, *_COLUMNS])))
    require(activity, _COLUMNS, "activity")
    a = pd.DataFrame({
        "team_id": activity["team_id"].astype(str).to_numpy(),
        "m": month_index(activity["month"]),
        "partner": activity["partner"].astype(str).to_numpy(),
        "role": activity["role"].astype(str).to_numpy(),
        "mode": activity["mode"].to_numpy(dtype=object) if "mode" in activity else None,
        "paid": (activity["paid"].astype("boolean") if "paid" in activity
                 else pd.array([pd.NA] * len(activity), dtype="boolean")),
        "held": pd.to_numeric(activity["meetings_held"]).to_numpy(dtype=float, na_value=np.nan),
        "attended": pd.to_numeric(activity["meetings_attended"]).to_numpy(
            dtype=float, na_value=np.nan),
        "hours": (pd.to_numeric(activity["hours"]).to_numpy(dtype=float, na_value=np.nan)
                  if "hours" in activity else np.full(len(activity), np.nan)),
    })  # fmt: skip
    if a["m"].isna().any():
        raise ValueError("activity has rows without a month.")
    team = a.groupby("team_id")["m"]
    return a.assign(team_first=team.transform("min"), team_last=team.transform("max"))


def partner_spells(activity: pd.DataFrame) -> pd.DataFrame:
    """Each partner's spell in each team: first and last active month, duration, ending.

    Returns
    -------
    pandas.DataFrame
        One row per team × partner: ``team_id``, ``partner``, ``role`` (in the first
        month), ``first_month``, ``last_month`` (first day of the month), ``duration``
        (months, last − first + 1, gaps included), ``active_months`` (months with a
        row), ``left`` (True: the partner left after ``last_month``; False: censored,
        still active in the team's last recorded month).

    Examples
    --------
    >>> act = pd.DataFrame({"team_id": "T1", "month": pd.to_datetime(
    ...     ["2024-01-01", "2024-03-01", "2024-03-01"]), "partner": ["a", "a", "b"],
    ...     "role": "patient", "meetings_held": 1, "meetings_attended": 1})
    >>> partner_spells(act)[["partner", "duration", "left"]].values.tolist()
    [['a', 3, False], ['b', 1, False]]
    """
    return _spells(_rows(activity))


def _spells(a: pd.DataFrame) -> pd.DataFrame:
    first = a.sort_values("m", kind="stable").groupby(["team_id", "partner"], sort=True)
    s = first.agg(role=("role", "first"), first=("m", "min"), last=("m", "max"),
                  active_months=("m", "nunique"), team_last=("team_last", "first"))  # fmt: skip
    s = s.reset_index()
    return pd.DataFrame({
        "team_id": s["team_id"], "partner": s["partner"], "role": s["role"],
        "first_month": month_start(s["first"]), "last_month": month_start(s["last"]),
        "duration": (s["last"] - s["first"] + 1).astype(int),
        "active_months": s["active_months"].astype(int),
        "left": (s["last"] < s["team_last"]).to_numpy(),
    })  # fmt: skip


def _grid(a: pd.DataFrame) -> pd.DataFrame:
    """Every month of each team's recorded period (``team_id``, ``m``)."""
    span = a.groupby("team_id", sort=True).agg(first=("m", "min"), last=("m", "max"))
    length = (span["last"] - span["first"] + 1).astype(int).to_numpy()
    offset = np.arange(length.sum()) - np.repeat(np.cumsum(length) - length, length)
    return pd.DataFrame({
        "team_id": np.repeat(span.index.to_numpy(dtype=object), length),
        "m": np.repeat(span["first"].to_numpy(), length) + offset,
    })  # fmt: skip


def _counts(a: pd.DataFrame, column: str, names: dict[str, str], prefix: str) -> pd.DataFrame:
    """Rows per team × month × value of ``column``, one ``prefix + name`` column each."""
    wide = a.groupby(["team_id", "m", column]).size().unstack(column, fill_value=0)
    wide = wide.reindex(columns=list(names), fill_value=0)
    wide.columns = [prefix + names[c] for c in wide.columns]
    return wide


def activity_by_month(activity: pd.DataFrame) -> pd.DataFrame:
    """Partnership activity per team and month.

    Parameters
    ----------
    activity : pandas.DataFrame
        ``partnership_activity`` rows (``team_id``, ``month``, ``partner``, ``role``,
        ``meetings_held``, ``meetings_attended``; ``mode``, ``paid``, ``hours`` optional).

    Returns
    -------
    pandas.DataFrame
        One row per team × month of the team's recorded period (first to last month in
        the table; months inside it without a row have no active partner):

        - ``partners``: active partners; ``partners_patient``, ``partners_proche_aidant``,
          ``partners_representant_usagers``, ``partners_association``: by role;
        - ``new_partners`` (first month in the team: every partner of the team's first
          month is new by construction), ``leaving_partners`` (last month in the team,
          before the team's last recorded month), ``censored_partners`` (active in the
          team's last recorded month: not counted as leaving);
        - ``meetings_held``: the team-month value (the largest if partners disagree,
          reason ``meetings_disagree``; NaN in a month without partners);
          ``attendances``: Σ meetings attended (each capped at ``meetings_held``);
          ``meetings_offered``: meetings_held × partners (Σ meetings held over
          partner-months); ``participation_rate``: attendances / meetings_offered
          (0–1, NaN when no meeting was held);
        - ``hours`` (Σ of the hours given, NaN if none), ``partners_with_hours``,
          ``hours_per_partner`` (hours / partners_with_hours), ``hours_sd`` (SD of the
          partners' hours, 0 for one partner);
        - ``paid_share``: share of paid partners among those whose status is given;
        - ``mode_<code>``: partners per HAS mode of intervention (codes in
          :data:`impact.steering.codes.MODE_COLUMNS`);
        - ``reason``: ``no_active_partner``, ``meetings_disagree``, ``hours_missing``.

    Examples
    --------
    >>> act = pd.DataFrame({"team_id": "T1", "month": pd.to_datetime(
    ...     ["2024-01-01", "2024-01-01", "2024-03-01"]), "partner": ["a", "b", "a"],
    ...     "role": "patient", "meetings_held": [2, 2, 1], "meetings_attended": [2, 1, 1]})
    >>> activity_by_month(act)[["partners", "participation_rate"]].values.tolist()
    [[2.0, 0.75], [0.0, nan], [1.0, 1.0]]
    """
    a = _rows(activity)
    if a.empty:
        return _empty_by_month()
    key = ["team_id", "m"]
    held = a.groupby(key)["held"].agg(["max", "min"])
    a = a.join(held["max"].rename("held_max"), on=key)
    a = a.assign(
        attended_capped=np.minimum(a["attended"], a["held_max"]),
        paid_yes=a["paid"].fillna(False).astype(bool),
        paid_known=a["paid"].notna(),
    )
    g = a.groupby(key)
    by = pd.DataFrame({
        "partners": g.size(),
        "meetings_held": held["max"],
        "disagree": held["max"] != held["min"],
        "attendances": g["attended_capped"].sum(),
        "hours": g["hours"].sum(min_count=1),
        "partners_with_hours": g["hours"].count(),
        "hours_sd": g["hours"].std(ddof=1),
        "paid": g["paid_yes"].sum(),
        "paid_known": g["paid_known"].sum(),
    })  # fmt: skip
    spells = a.groupby(["team_id", "partner"]).agg(
        first=("m", "min"), last=("m", "max"), team_last=("team_last", "first")
    )
    moves = pd.DataFrame({
        "new_partners": spells.groupby(["team_id", "first"]).size().rename_axis(key),
        "leaving_partners": spells.loc[spells["last"] < spells["team_last"]]
        .groupby(["team_id", "last"]).size().rename_axis(key),
        "censored_partners": spells.loc[spells["last"] == spells["team_last"]]
        .groupby(["team_id", "last"]).size().rename_axis(key),
    })  # fmt: skip
    parts = [by, _counts(a, "role", ROLE_COLUMNS, "partners_"), moves,
             _counts(a.dropna(subset=["mode"]), "mode", MODE_COLUMNS, "mode_")]  # fmt: skip
    grid = _grid(a).set_index(key)
    out = grid.join(parts, how="left")
    counts = [c for c in out.columns if c.startswith(("partners", "mode_"))]
    counts += ["new_partners", "leaving_partners", "censored_partners", "attendances", "paid",
               "paid_known"]  # fmt: skip
    out[counts] = out[counts].fillna(0.0)
    out["hours_sd"] = out["hours_sd"].where(out["partners_with_hours"] != 1, 0.0)
    offered = out["meetings_held"] * out["partners"]
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(offered > 0, out["attendances"] / offered, np.nan)
        per_partner = out["hours"] / out["partners_with_hours"]
        paid_share = np.where(out["paid_known"] > 0, out["paid"] / out["paid_known"], np.nan)
    reason = codes_where(
        len(out),
        (out["partners"].to_numpy() == 0, "no_active_partner"),
        (out["disagree"].fillna(False).to_numpy(dtype=bool), "meetings_disagree"),
        (out["partners_with_hours"].to_numpy() < out["partners"].to_numpy(), "hours_missing"),
    )
    out = out.reset_index()
    return pd.DataFrame({
        "team_id": out["team_id"].to_numpy(dtype=object),
        "month": month_start(out["m"]).to_numpy(),
        **{c: out[c].to_numpy(dtype=float) for c in ["partners", *_role_cols()]},
        "new_partners": out["new_partners"].to_numpy(dtype=float),
        "leaving_partners": out["leaving_partners"].to_numpy(dtype=float),
        "censored_partners": out["censored_partners"].to_numpy(dtype=float),
        "meetings_held": out["meetings_held"].to_numpy(dtype=float),
        "attendances": out["attendances"].to_numpy(dtype=float),
        "meetings_offered": offered.to_numpy(dtype=float),
        "participation_rate": rate,
        "hours": out["hours"].to_numpy(dtype=float),
        "partners_with_hours": out["partners_with_hours"].to_numpy(dtype=float),
        "hours_per_partner": per_partner.to_numpy(dtype=float),
        "hours_sd": out["hours_sd"].to_numpy(dtype=float),
        "paid_share": paid_share,
        **{c: out[c].to_numpy(dtype=float) for c in _mode_cols()},
        "reason": reason,
    })  # fmt: skip


def _role_cols() -> list[str]:
    return [f"partners_{c}" for c in ROLE_COLUMNS.values()]


def _mode_cols() -> list[str]:
    return [f"mode_{c}" for c in MODE_COLUMNS.values()]


def _empty_by_month() -> pd.DataFrame:
    floats = ["partners", *_role_cols(), "new_partners", "leaving_partners",
              "censored_partners", "meetings_held", "attendances", "meetings_offered",
              "participation_rate", "hours", "partners_with_hours", "hours_per_partner",
              "hours_sd", "paid_share", *_mode_cols()]  # fmt: skip
    return pd.DataFrame({"team_id": pd.Series(dtype=object),
                         "month": pd.Series(dtype="datetime64[ns]"),
                         **{c: pd.Series(dtype=float) for c in floats},
                         "reason": pd.Series(dtype=object)})  # fmt: skip


def partner_retention(
    activity: pd.DataFrame,
    *,
    times: tuple[int, ...] = (6, 12),
    conf_level: float = 0.95,
) -> pd.DataFrame:
    """Retention of partners: Kaplan–Meier S(t) of their spells, per team and pooled.

    S(t) is the probability that a partner is still active t months after their first
    month (a spell of duration d months ends with d ≤ t; gaps inside a spell do not end
    it); spells still running in the team's last recorded month are censored there. The
    programme row pools every team's spells. Method: :data:`impact.steering.survival.KM_METHOD`.

    Returns
    -------
    pandas.DataFrame
        One row per unit × time (teams in ``team_id`` order, then the programme):
        ``level`` ("team" or "programme"), ``team_id`` ("" for the programme), ``time``
        (months), ``estimate``, ``ci_low``, ``ci_high``, ``se``, ``n`` (partners),
        ``n_events`` (partners who left within t months), ``n_at_risk`` (partners
        followed at least t months), ``method``, ``reason`` (``follow_up_too_short``
        when no partner was followed t months; ``no_variation`` when S(t) is 0 or 1:
        no interval).

    Examples
    --------
    >>> act = pd.DataFrame({"team_id": "T1", "month": pd.to_datetime(
    ...     ["2024-01-01", "2024-02-01", "2024-03-01"]), "partner": ["a", "a", "b"],
    ...     "role": "patient", "meetings_held": 1, "meetings_attended": 1})
    >>> partner_retention(act, times=(1,))[["level", "estimate"]].values.tolist()
    [['team', 1.0], ['programme', 1.0]]
    """
    times = _check_times(times)
    s = partner_spells(activity)
    teams = pd.Index(sorted(s["team_id"].unique()))
    codes = teams.get_indexer(s["team_id"])
    dur, left = s["duration"].to_numpy(), s["left"].to_numpy()
    both = km_at(np.r_[dur, dur], np.r_[left, left],
                 np.r_[codes, np.full(len(s), len(teams))], times,
                 conf_level=conf_level)  # fmt: skip
    group = both["group"].to_numpy()
    is_programme = group == len(teams)
    unit = np.append(teams.to_numpy(dtype=object), "")[group]
    flat = both["defined"] & both["ci_low"].isna()
    return pd.DataFrame({
        "level": np.where(is_programme, PROGRAMME, "team"),
        "team_id": unit,
        "time": both["time"].to_numpy(dtype=float),
        **{c: both[c].to_numpy(dtype=float) for c in ("estimate", "ci_low", "ci_high", "se")},
        **{c: both[c].to_numpy(dtype=int) for c in ("n", "n_events", "n_at_risk")},
        "method": KM_METHOD,
        "reason": codes_where(len(both), (~both["defined"].to_numpy(), "follow_up_too_short"),
                              (flat.to_numpy(), "no_variation")),
    })  # fmt: skip


def _check_times(times) -> tuple[int, ...]:
    try:
        out = tuple(int(t) for t in times)
    except (TypeError, ValueError):
        raise ValueError(f"times must be whole numbers of months. Got {times!r}.") from None
    if not out or any(t <= 0 for t in out) or any(t != x for t, x in zip(out, times, strict=True)):
        raise ValueError(f"times must be positive whole numbers of months. Got {times!r}.")
    return out


def activity_summary(
    activity: pd.DataFrame,
    support: pd.DataFrame | None = None,
    teams: Sequence[str] | None = None,
    *,
    conf_level: float = 0.95,
) -> pd.DataFrame:
    """One row per team: partners involved, participation, intensity, retention, support.

    Parameters
    ----------
    activity : pandas.DataFrame
        ``partnership_activity`` rows.
    support : pandas.DataFrame, optional
        ``programme_support`` rows: the team's support dose (:func:`support_dose`) is
        added; a team without support rows gets 0 sessions and hours (reason
        ``no_support``).
    teams : sequence of str, optional
        The teams to report, in this order; a team without activity gets a row with
        0 partners and the reason ``no_activity``. Default: the teams of ``activity``.
    conf_level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        ``team_id``; ``partners`` (n: partners ever involved) and ``partners_<role>``
        (by their role in their first month); ``months`` (months of the recorded
        period); ``mean_active`` (mean active partners per month); ``partner_months``;
        ``attendances``, ``meetings_offered``, ``participation_rate`` (Σ attended / Σ
        held over partner-months, 0–1) with ``participation_low``,
        ``participation_high`` (Wilson interval: descriptive, attendances of the same
        partner are not independent Bernoulli trials); ``hours``,
        ``partner_months_with_hours``, ``hours_per_partner_month``; ``paid_share``
        (share of partner-months paid, among those whose status is given);
        ``retention_6``, ``retention_12`` (Kaplan–Meier S(6), S(12)) with ``_low``,
        ``_high`` and ``at_risk_6``, ``at_risk_12`` (partners followed that long); with
        ``support``, the columns of :func:`support_dose`; ``method`` and ``reason``.

    Examples
    --------
    >>> act = pd.DataFrame({"team_id": "T1", "month": pd.to_datetime(
    ...     ["2024-01-01", "2024-01-01"]), "partner": ["a", "b"], "role": "patient",
    ...     "meetings_held": 4, "meetings_attended": [4, 2]})
    >>> float(activity_summary(act).loc[0, "participation_rate"])
    0.75
    """
    cl = check_conf_level(conf_level)
    monthly = activity_by_month(activity)
    a = _rows(activity)
    order = list(dict.fromkeys(teams)) if teams is not None else sorted(a["team_id"].unique())
    g = monthly.groupby("team_id")
    sums = g[["partners", "attendances", "meetings_offered", "hours",
              "partners_with_hours"]].sum(min_count=1)  # fmt: skip
    first_role = a.sort_values("m", kind="stable").groupby(["team_id", "partner"])["role"].first()
    roles = first_role.groupby(level="team_id").value_counts().unstack(fill_value=0)
    roles = roles.reindex(columns=list(ROLE_COLUMNS), fill_value=0)
    roles.columns = _role_cols()
    paid = a.assign(paid_yes=a["paid"].fillna(False).astype(bool), known=a["paid"].notna())
    paid = paid.groupby("team_id")[["paid_yes", "known"]].sum()
    out = pd.DataFrame(index=pd.Index(order, name="team_id"))
    out["partners"] = a.groupby("team_id")["partner"].nunique()
    out = out.join(roles)
    out["months"] = g.size()
    out["mean_active"] = g["partners"].mean()
    out["partner_months"] = sums["partners"]
    out["attendances"] = sums["attendances"]
    out["meetings_offered"] = sums["meetings_offered"]
    counts = ["partners", *_role_cols(), "months", "partner_months", "attendances",
              "meetings_offered"]  # fmt: skip
    out[counts] = out[counts].fillna(0).astype(int)
    x, n = out["attendances"].to_numpy(float), out["meetings_offered"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["participation_rate"] = np.where(n > 0, x / n, np.nan)
    out["participation_low"], out["participation_high"] = wilson_interval(x, n, cl)
    out["hours"] = sums["hours"]
    out["partner_months_with_hours"] = sums["partners_with_hours"]
    out["partner_months_with_hours"] = out["partner_months_with_hours"].fillna(0).astype(int)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["hours_per_partner_month"] = out["hours"] / out["partner_months_with_hours"]
        out["paid_share"] = paid["paid_yes"] / paid["known"].where(paid["known"] > 0)
    ret = partner_retention(activity, times=(6, 12), conf_level=cl)
    ret = ret.loc[ret["level"] == "team"]
    for t in (6, 12):
        r = ret.loc[ret["time"] == t].set_index("team_id")
        out[f"retention_{t}"] = r["estimate"]
        out[f"retention_{t}_low"] = r["ci_low"]
        out[f"retention_{t}_high"] = r["ci_high"]
        out[f"at_risk_{t}"] = r["n_at_risk"].reindex(out.index).fillna(0).astype(int)
    no_activity = out["partners"].to_numpy() == 0
    hours_missing = (out["partner_months_with_hours"] < out["partner_months"]).to_numpy()
    rules = [(no_activity, "no_activity"), (~no_activity & hours_missing, "hours_missing")]
    if support is not None:
        dose = support_dose(support).set_index("team_id")
        dose_cols = [c for c in dose.columns if c != "reason"]
        no_support = ~out.index.isin(dose.index)
        out = out.join(dose[dose_cols])
        sessions = [c for c in dose_cols if c.startswith("sessions_")]
        out[sessions] = out[sessions].fillna(0).astype(int)
        hours_cols = [c for c in dose_cols if c.startswith("hours_")]
        out.loc[no_support, hours_cols] = 0.0
        rules.append((no_support, "no_support"))
        missing = dose["reason"].reindex(out.index).fillna("").str.contains(
            "support_hours_missing", regex=False).to_numpy(dtype=bool)  # fmt: skip
        rules.append((missing, "support_hours_missing"))
    too_short = out["retention_6"].isna() | out["retention_12"].isna()
    rules.append((~no_activity & too_short.to_numpy(), "follow_up_too_short"))
    out["method"] = f"participation: {PARTICIPATION_METHOD}; retention: {KM_METHOD}"
    out["reason"] = codes_where(len(out), *rules)
    return out.reset_index()
