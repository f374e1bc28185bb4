"""The support each team received from the programme: its dose, by kind of support."""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.barometer.common import require
from impact.steering.codes import SUPPORT_COLUMNS, codes_where
from impact.steering.months import month_index

__all__ = ["support_dose"]


def support_dose(support: pd.DataFrame, *, until=None) -> pd.DataFrame:
    """Sessions and hours of programme support per team, by kind and in total.

    Parameters
    ----------
    support : pandas.DataFrame
        ``programme_support`` rows (``team_id``, ``month``, ``kind``, ``sessions``,
        ``hours``; hours may be missing).
    until : date-like, optional
        Count only the support of the months before the month of ``until`` (e.g. the
        support a team had received before its outcomes were measured).

    Returns
    -------
    pandas.DataFrame
        One row per team (sorted): ``sessions_formation_action``,
        ``sessions_accompagnement``, ``sessions_communaute_pratique``,
        ``sessions_total``, then ``hours_`` with the same suffixes. A row without hours
        counts its sessions only, and makes the hours of its kind and the total hours
        NaN for the team (never a silent zero; reason ``support_hours_missing``).

    Examples
    --------
    >>> sup = pd.DataFrame({"team_id": "T1", "month": pd.to_datetime(["2024-01-01",
    ...     "2024-02-01"]), "kind": "accompagnement", "sessions": [1, 2],
    ...     "hours": [1.5, None]})
    >>> dose = support_dose(sup)
    >>> int(dose.loc[0, "sessions_total"]), float(dose.loc[0, "hours_total"])
    (3, nan)
    """
    needed = ["team_id", "month", "kind", "sessions"]
    if isinstance(support, pd.DataFrame) and support.empty:  # a table not supplied
        support = support.reindex(columns=list(dict.fromkeys([*support.columns, *needed])))
    require(support, needed, "support")
    unknown = sorted(set(support["kind"].dropna().astype(str)) - set(SUPPORT_COLUMNS))
    if unknown:
        raise ValueError(f"Unknown support kind(s) {unknown}; expected {list(SUPPORT_COLUMNS)}.")
    s = pd.DataFrame({
        "team_id": support["team_id"].astype(str).to_numpy(),
        "m": month_index(support["month"]),
        "kind": support["kind"].astype(str).map(SUPPORT_COLUMNS).to_numpy(dtype=object),
        "sessions": pd.to_numeric(support["sessions"]).to_numpy(dtype=float, na_value=np.nan),
        "hours": (pd.to_numeric(support["hours"]).to_numpy(dtype=float, na_value=np.nan)
                  if "hours" in support else np.full(len(support), np.nan)),
    })  # fmt: skip
    if until is not None:
        limit = month_index([until])[0]
        if np.isnan(limit):
            raise ValueError(f"until must be a date. Got {until!r}.")
        s = s.loc[s["m"] < limit]
    s = s.assign(lacks=s["hours"].isna())
    g = s.groupby(["team_id", "kind"])
    kinds = list(SUPPORT_COLUMNS.values())
    sessions = g["sessions"].sum().unstack("kind").reindex(columns=kinds).fillna(0)
    hours = g["hours"].sum().unstack("kind").reindex(columns=kinds).fillna(0.0)
    lacks = (
        g["lacks"].any().unstack("kind", fill_value=False).reindex(columns=kinds, fill_value=False)
    )
    hours = hours.mask(lacks)
    out = pd.DataFrame(index=sessions.index)
    for k in kinds:
        out[f"sessions_{k}"] = sessions[k].astype(int)
    out["sessions_total"] = sessions.sum(axis=1).astype(int)
    for k in kinds:
        out[f"hours_{k}"] = hours[k]
    out["hours_total"] = hours.sum(axis=1, min_count=len(kinds)).where(~lacks.any(axis=1))
    out["reason"] = codes_where(len(out), (lacks.any(axis=1).to_numpy(), "support_hours_missing"))
    return out.reset_index()
