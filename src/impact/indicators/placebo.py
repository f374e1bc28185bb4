"""Placebo-in-time checks of every team's time-series and difference-in-differences effects.

Would the team's indicator have "changed" as much at a date when nothing happened? The
interrupted time series of :func:`impact.indicators.trends.its_by_team` is refitted on the
months before the team's start at fake start dates (:func:`impact.stats.placebo.placebo_in_time`),
and the team DiD of :func:`impact.indicators.did.team_did` is recomputed at fake start
dates whose whole after-window precedes the real start, against the same comparison
units over the same fake months. :func:`placebo_by_team` ranks each real effect among its
placebos in one table.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from impact.data.programme import Programme
from impact.indicators.did import team_did
from impact.indicators.periods import started_teams
from impact.indicators.trends import monthly_outcome
from impact.stats.its import ItsResult
from impact.stats.placebo import (
    MAX_PLACEBOS,
    MIN_PLACEBO_POINTS,
    placebo_dates,
    placebo_in_time,
    placebo_summary,
)

__all__ = ["PLACEBO_COLUMNS", "placebo_by_team"]

#: Columns of :func:`placebo_by_team`, in order.
PLACEBO_COLUMNS = ("team_id", "indicator", "design", "estimate", "scale", "n_placebos",
                   "n_smaller", "share_larger", "p_placebo", "placebo_low", "placebo_high",
                   "larger_than_most", "method", "reason")  # fmt: skip

_REFS = "Abadie, Diamond & Hainmueller 2015"
#: Separator of a placebo team's id (team id, placebo number); not in real ids.
_SEP = "\u241f"


def _its_placebo(
    programme: Programme,
    teams: list[str],
    its: pd.DataFrame | None,
    harmonics: int,
    max_placebos: int,
    min_points: int,
) -> pd.DataFrame | None:
    """ITS placebo summary per team × indicator (None when no ITS row is given)."""
    if its is not None and not len(its):
        return None
    rows = monthly_outcome(programme, teams)
    by = ["team_id", "indicator"]
    parts = []
    for rate, options in ((True, dict(family="poisson", offset="exposure")),
                          (False, dict(family="gaussian", errors="ar1"))):  # fmt: skip
        part = rows[(rows["kind"] == "rate") == rate]
        if part.empty:
            continue
        real = its.merge(part[by].drop_duplicates(), on=by) if its is not None else None
        result = placebo_in_time(part, by, "y", "period", "start", real=real,
                                 max_placebos=max_placebos, min_points=min_points,
                                 harmonics=harmonics, **options)  # fmt: skip
        parts.append(result.summary)
    return pd.concat(parts, ignore_index=True).assign(design="its") if parts else None


def _placebo_programme(programme: Programme, teams: list[str], months: int, max_placebos: int
                       ) -> tuple[Programme, dict[str, str]]:  # fmt: skip
    """A programme of placebo teams (each team's rows under an id per fake start s′, with
    s′ − months ≥ the team's first month and s′ + months ≤ its start) and the same
    comparison units; and the placebo ids' teams."""
    values, units = programme.indicator_values, programme.teams
    first = values.groupby("team_id")["period"].min()
    where = values.groupby("team_id", sort=False).indices
    fakes, rows, ids = [], [], {}
    starts = started_teams(programme, teams)
    for team, start in zip(starts["team_id"], starts["start_date"], strict=True):
        if team not in first.index:
            continue
        lo = first[team] + pd.DateOffset(months=months)
        hi = pd.Timestamp(start).to_period("M").to_timestamp() - pd.DateOffset(months=months)
        eligible = pd.date_range(lo, hi, freq="MS") if lo <= hi else pd.DatetimeIndex([])
        dates = placebo_dates(eligible.to_numpy(), max_placebos=max_placebos, min_points=0)
        for k, when in enumerate(dates):
            ids[f"{team}{_SEP}{k}"] = team
            fakes.append(units.loc[units["team_id"] == team].assign(
                team_id=f"{team}{_SEP}{k}", start_date=pd.Timestamp(when)))  # fmt: skip
            rows.append(values.iloc[where[team]].assign(team_id=f"{team}{_SEP}{k}"))
    controls = units["comparison"].astype(bool)
    view = dataclasses.replace(
        programme,
        teams=pd.concat([*fakes, units[controls]], ignore_index=True),
        indicator_values=pd.concat(
            [*rows, values[values["team_id"].isin(programme.comparison_ids)]], ignore_index=True
        ),
    )
    return view, ids


def _did_placebo(programme: Programme, teams: list[str], did: pd.DataFrame | None,
                 months: int, max_placebos: int) -> pd.DataFrame | None:  # fmt: skip
    """Team DiD placebo summary per team × indicator: :func:`team_did` at every team's
    fake starts in one call, on :func:`_placebo_programme`."""
    by = ["team_id", "indicator"]
    method = (
        f"placebo-in-time ({_REFS}) of the team DiD: the same estimator at up to "
        f"{max_placebos} fake start dates whose {months} months before and after precede "
        "the real start, same comparison units over the same fake months; rank p = "
        "(1 + #{|placebo| ≥ |real|}) / (1 + n), coarse with few placebos"
    )
    if not programme.comparison_ids:
        values = programme.indicator_values
        real = values.loc[values["team_id"].isin(teams), by].drop_duplicates()
        real = real.assign(estimate=np.nan)
        return placebo_summary(real.iloc[:0], real, by).assign(
            design="did", scale="identity", method=method, reason="no_comparison_unit"
        )
    if did is None:
        did = team_did(programme, teams=teams, months=months)
    did = did[did["team_id"].isin(teams)]
    if not len(did):
        return None
    real = did[by].assign(estimate=did["estimate"].to_numpy(dtype=float))
    view, ids = _placebo_programme(programme, teams, months, max_placebos)
    placebos = real.iloc[:0]
    if ids:
        placebos = team_did(view, months=months)
        placebos = placebos.assign(team_id=placebos["team_id"].map(ids))[[*by, "estimate"]]
    out = placebo_summary(placebos, real, by)
    return out.assign(design="did", scale="identity", method=method)


def placebo_by_team(
    programme: Programme,
    *,
    teams: list[str] | None = None,
    its: ItsResult | pd.DataFrame | None = None,
    did: pd.DataFrame | None = None,
    months: int = 12,
    harmonics: int = 1,
    max_placebos: int = MAX_PLACEBOS,
    min_points: int = MIN_PLACEBO_POINTS,
) -> pd.DataFrame:
    """Placebo-in-time check of each team's ITS level change and team DiD, per indicator.

    - ``design="its"``: the team's segmented regression (as :func:`its_by_team`: quasi-
      Poisson for rates, Gaussian with AR(1) errors otherwise, ``harmonics`` Fourier
      pairs) refitted on the months before its start only, at up to ``max_placebos``
      fake start months with ``min_points`` months or more on each side
      (:func:`impact.stats.placebo.placebo_in_time`); rate ratios are compared as logs.
    - ``design="did"``: :func:`team_did` at up to ``max_placebos`` fake start months s′
      spread over those whose ``months`` months before s′ are within the team's data and
      whose ``months`` months from s′ end before the real start (s′ + months ≤ s), against
      the same comparison units over the same fake months.

    The real effect is ranked among its placebos (:func:`impact.stats.placebo.placebo_summary`,
    in-time placebo of Abadie, Diamond & Hainmueller 2015; Lopez Bernal et al. 2018 for
    time series). ``larger_than_most`` is true when the real |effect| exceeds a strict
    majority of the placebo effects (5 of 6, 4 of 6, 2 of 3…): "most" in its ordinary
    sense, a description rather than a test. The test is ``p_placebo``, whose smallest
    value with 6 placebos is 1/7 ≈ 0.14: no placebo check of a single team can reach
    5% with the months a programme has, and the flag says only whether the effect
    stands out from the series' usual movements.

    Parameters
    ----------
    programme : Programme
    teams : list of str, optional
        Programme teams with a start date (default: all).
    its : ItsResult or pandas.DataFrame, optional
        :func:`its_by_team` for these teams (or its ``effects``), not recomputed.
    did : pandas.DataFrame, optional
        :func:`team_did` for these teams (same ``months``), not recomputed.
    months : int, default 12
        The team DiD's period length.
    harmonics : int, default 1
        As :func:`its_by_team`.
    max_placebos, min_points : int
        Most placebo dates per series; fewest months each side of an ITS placebo date.

    Returns
    -------
    pandas.DataFrame
        One row per team × indicator × design, columns :data:`PLACEBO_COLUMNS`:
        ``estimate`` is the real effect on the compared ``scale`` (log rate ratio for
        rates' ITS), then the columns of :func:`impact.stats.placebo.placebo_summary`,
        the ``method`` and the ``reason`` codes (``too_few_pre_points``,
        ``no_comparison_unit``…).
    """
    teams = list(started_teams(programme, teams)["team_id"])
    if isinstance(its, ItsResult):
        its = its.effects
    parts = [
        _its_placebo(programme, teams, its, harmonics, max_placebos, min_points),
        _did_placebo(programme, teams, did, months, max_placebos),
    ]
    parts = [p for p in parts if p is not None and len(p)]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in PLACEBO_COLUMNS})
    out = pd.concat(parts, ignore_index=True)
    order = {code: i for i, code in enumerate(programme.indicators["code"])}
    rank = {team: i for i, team in enumerate(teams)}
    out = out.assign(_t=out["team_id"].map(rank), _i=out["indicator"].map(order),
                     _d=out["design"].map({"its": 0, "did": 1}))  # fmt: skip
    out = out.sort_values(["_t", "_i", "_d"], kind="stable").reset_index(drop=True)
    return out[list(PLACEBO_COLUMNS)]
