"""Placebo-in-time checks: the same model at fake start dates placed before the real one.

An effect that is no larger than the "effects" a model finds at dates when nothing
happened is not evidence of an intervention. :func:`placebo_in_time` refits a segmented
regression (:func:`impact.stats.its.segmented_regression_many`) on each series'
pre-intervention points only, with fake intervention dates spread over that period, and
:func:`placebo_summary` says where the real estimate falls among the placebo estimates
(in-time placebo: Abadie, Diamond & Hainmueller 2015; as a falsification test of
interrupted time series: Lopez Bernal, Cummins & Gasparrini 2018).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from impact.stats.effect_table import LEVEL_CHANGE
from impact.stats.its import segmented_regression_many
from impact.stats.its_fit import MIN_POINTS
from impact.stats.reasons import join_reason_arrays

__all__ = ["MAX_PLACEBOS", "MIN_PLACEBO_POINTS", "PlaceboResult", "placebo_dates",
           "placebo_in_time", "placebo_summary"]  # fmt: skip

#: Default cap on the placebo dates of one series.
MAX_PLACEBOS = 6
#: Default fewest time points on each side of a placebo date.
MIN_PLACEBO_POINTS = 6

#: Columns the placebo step adds to the group keys of the expanded data.
_PLACEBO, _PLACEBO_TIME = "placebo", "placebo_time"

_REFS = "Abadie, Diamond & Hainmueller 2015; Lopez Bernal, Cummins & Gasparrini 2018"


@dataclass(frozen=True)
class PlaceboResult:
    """Result of :func:`placebo_in_time`.

    Attributes
    ----------
    placebos : pandas.DataFrame
        One row per series × placebo date: the group columns, ``placebo`` (0, 1, …),
        ``placebo_time`` (the fake first post-intervention time), ``estimate`` and ``se``
        of the level change on the compared ``scale`` (log of the rate ratio for the
        Poisson family, the difference otherwise), ``n_before``/``n_after`` (time points
        each side of the fake date) and ``reason`` (codes of the fit).
    summary : pandas.DataFrame
        One row per series: see :func:`placebo_summary`, plus ``scale`` and ``method``.
    """

    placebos: pd.DataFrame
    summary: pd.DataFrame

    def _repr_html_(self) -> str:  # pragma: no cover - notebook display
        return self.summary._repr_html_()


def placebo_dates(times: np.ndarray, *, max_placebos: int = MAX_PLACEBOS,
                  min_points: int = MIN_PLACEBO_POINTS) -> np.ndarray:  # fmt: skip
    """Fake start dates among a series' pre-intervention time points.

    A fake date is a time point with at least ``min_points`` points before it and at
    least ``min_points`` from it on (itself included); when more than ``max_placebos``
    points qualify, ``max_placebos`` of them are taken evenly spread from the first to
    the last (rounded to the nearest point).

    Parameters
    ----------
    times : array-like
        The series' pre-intervention time points (any order, duplicates ignored).
    max_placebos : int, default 6
    min_points : int, default 6

    Returns
    -------
    numpy.ndarray
        The fake dates, sorted (empty when the period is too short).

    Examples
    --------
    >>> placebo_dates(np.arange(20), max_placebos=3, min_points=6).tolist()
    [6, 10, 14]
    >>> placebo_dates(np.arange(11), min_points=6).tolist()
    []
    """
    points = np.unique(np.asarray(times))
    lo, hi = min_points, len(points) - max(min_points, 1)
    if hi < lo:
        return points[:0]
    if hi - lo + 1 <= max_placebos:
        return points[lo : hi + 1]
    return points[np.unique(np.rint(np.linspace(lo, hi, max_placebos)).astype(int))]


def placebo_summary(placebos: pd.DataFrame, real: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Where each real estimate falls among its placebo estimates.

    Parameters
    ----------
    placebos : pandas.DataFrame
        ``by`` columns and ``estimate``: one row per placebo date tried (a failed fit has
        a NaN estimate), on the scale compared.
    real : pandas.DataFrame
        ``by`` columns and ``estimate`` (the real effect on the same scale): one row per
        series; the output follows its rows.
    by : list of str
        Columns naming a series.

    Returns
    -------
    pandas.DataFrame
        ``by``, ``estimate`` (the real one), ``n_placebos`` (placebo estimates),
        ``n_smaller`` (placebos with |estimate| < |real|), ``share_larger`` (share with
        |estimate| ≥ |real|), ``p_placebo`` = (1 + #{|placebo| ≥ |real|}) / (1 +
        n_placebos), the rank p-value of the real estimate among the placebos (it cannot
        go below 1/(1 + n_placebos): 0.14 with 6 placebos, so it is coarse),
        ``placebo_low``/``placebo_high`` (smallest and largest placebo estimate),
        ``larger_than_most`` (nullable boolean: the real |estimate| is larger than a
        strict majority of the placebos, ``n_smaller > n_placebos / 2``; missing without
        placebo or real estimate) and ``reason``: ``too_few_pre_points`` (no placebo
        date), ``no_placebo_estimate`` (no placebo fit gave an estimate),
        ``placebos_dropped`` (some did not), ``no_real_estimate``.

    Examples
    --------
    >>> pl = pd.DataFrame({"g": ["a"] * 4, "estimate": [0.1, -0.3, 0.2, -0.05]})
    >>> out = placebo_summary(pl, pd.DataFrame({"g": ["a"], "estimate": [0.25]}), ["g"])
    >>> row = out.iloc[0]
    >>> int(row["n_smaller"]), float(row["share_larger"]), float(row["p_placebo"])
    (3, 0.25, 0.4)
    """
    real = real[[*by, "estimate"]].reset_index(drop=True)
    pl = placebos[[*by, "estimate"]].merge(
        real.rename(columns={"estimate": "_real"}), on=by, how="inner"
    )
    size = np.abs(pl["estimate"].to_numpy(dtype=float))
    ref = np.abs(pl["_real"].to_numpy(dtype=float))
    pl["_ok"] = np.isfinite(size)
    pl["_larger"] = np.isfinite(size) & (size >= ref)
    agg = pl.groupby(by, sort=False, dropna=False).agg(
        _dates=("estimate", "size"),
        n_placebos=("_ok", "sum"),
        _larger=("_larger", "sum"),
        placebo_low=("estimate", "min"),
        placebo_high=("estimate", "max"),
    )
    out = real.merge(agg.reset_index(), on=by, how="left")
    dates = out.pop("_dates").fillna(0).to_numpy(dtype=int)
    n = out["n_placebos"].fillna(0).to_numpy(dtype=int)
    larger = out.pop("_larger").fillna(0).to_numpy(dtype=int)
    known = (n > 0) & np.isfinite(out["estimate"].to_numpy(dtype=float))
    out["n_placebos"] = n
    out["n_smaller"] = pd.array(np.where(known, n - larger, 0), dtype="Int64")
    out.loc[~known, "n_smaller"] = pd.NA
    with np.errstate(invalid="ignore", divide="ignore"):
        out["share_larger"] = np.where(known, larger / np.maximum(n, 1), np.nan)
        out["p_placebo"] = np.where(known, (1 + larger) / (1 + n), np.nan)
    most = pd.array(2 * (n - larger) > n, dtype="boolean")
    most[~known] = pd.NA
    out["larger_than_most"] = most
    out["reason"] = join_reason_arrays(
        np.where(dates == 0, "too_few_pre_points", ""),
        np.where((dates > 0) & (n == 0), "no_placebo_estimate", ""),
        np.where((n > 0) & (n < dates), "placebos_dropped", ""),
        np.where(np.isfinite(out["estimate"].to_numpy(dtype=float)), "", "no_real_estimate"),
    )
    return out


def _level(effects: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """The level-change rows of an effect table, estimate on the compared scale."""
    rows = effects[effects["measure"] == LEVEL_CHANGE]
    estimate = rows["estimate"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        logged = np.log(np.where(estimate > 0, estimate, np.nan))
    log = (rows["scale"] == "log").to_numpy()
    return rows[[*by]].assign(estimate=np.where(log, logged, estimate)).reset_index(drop=True)


def placebo_in_time(
    data: pd.DataFrame,
    by: str | list[str],
    outcome: str,
    time: str,
    intervention: object,
    *,
    real: pd.DataFrame | None = None,
    max_placebos: int = MAX_PLACEBOS,
    min_points: int = MIN_PLACEBO_POINTS,
    **options: object,
) -> PlaceboResult:
    """Placebo-in-time check of a segmented regression's level change, for every series.

    Each series is cut at its intervention; on its pre-intervention rows only, the same
    model (the same ``options``) is fitted with each fake intervention date of
    :func:`placebo_dates`, all series × dates in one call of
    :func:`impact.stats.its.segmented_regression_many` (group keys extended by the
    placebo). The level changes found where nothing happened show the model's spread
    of "effects" from noise, trends and seasonality; :func:`placebo_summary` ranks the
    real level change among them (in-time placebo, Abadie, Diamond & Hainmueller 2015;
    for interrupted time series, Lopez Bernal, Cummins & Gasparrini 2018). Rate ratios
    are compared on the log scale. The placebo fits see only the pre-period, so they
    are shorter than the real fit and their estimates noisier: the check is
    conservative, and with a few placebos the rank p-value is coarse (at best
    1/(1 + n_placebos)).

    Parameters
    ----------
    data, by, outcome, time, intervention
        As in :func:`impact.stats.its.segmented_regression_many` (``intervention``: a
        column of each group's first post-intervention time, or one time for all).
    real : pandas.DataFrame, optional
        The real fit's effect table (``segmented_regression_many(...).effects`` for the
        same data and options), to avoid fitting it again; default: fitted here.
    max_placebos : int, default 6
        Most placebo dates per series.
    min_points : int, default 6
        Fewest pre-intervention time points on each side of a placebo date (at least
        :data:`impact.stats.its_fit.MIN_POINTS`).
    **options
        Model options of :func:`impact.stats.its.segmented_regression`.

    Returns
    -------
    PlaceboResult
        ``placebos`` (one row per series × fake date) and ``summary`` (one row per
        series, with reason codes when no placebo could be fitted, never an exception).

    Raises
    ------
    ValueError
        Invalid ``max_placebos``/``min_points``, a group column named ``placebo`` or
        ``placebo_time``, and the errors of ``segmented_regression_many``.

    Examples
    --------
    >>> rng = np.random.default_rng(3)
    >>> t = np.arange(40)
    >>> df = pd.DataFrame({"g": "a", "t": t, "y": rng.normal(10, 1, 40) + 5 * (t >= 30)})
    >>> res = placebo_in_time(df, "g", "y", "t", 30, family="gaussian", slope_change=False)
    >>> int(res.summary.loc[0, "n_placebos"]), int(res.summary.loc[0, "n_smaller"])
    (6, 6)
    """
    by = [by] if isinstance(by, str) else list(by)
    if int(max_placebos) != max_placebos or max_placebos < 1:
        raise ValueError(f"max_placebos must be a positive integer. Got {max_placebos!r}.")
    if int(min_points) != min_points or min_points < MIN_POINTS:
        raise ValueError(f"min_points must be an integer ≥ {MIN_POINTS}. Got {min_points!r}.")
    if {_PLACEBO, _PLACEBO_TIME} & set(by):
        raise ValueError(f"group columns may not be named {_PLACEBO!r} or {_PLACEBO_TIME!r}.")
    if real is None:
        real = segmented_regression_many(data, by, outcome, time, intervention, **options).effects
    frame = data.reset_index(drop=True)
    missing = [c for c in (*by, outcome, time) if c not in frame.columns]
    if missing:
        raise ValueError(f"column(s) not in data: {missing}.")
    groups = frame.groupby(by, sort=False, dropna=False)
    if isinstance(intervention, str) and intervention in frame.columns:
        start = groups[intervention].transform("first")
    else:
        dates = pd.api.types.is_datetime64_any_dtype(frame[time])
        start = pd.Series(pd.Timestamp(intervention) if dates else intervention, index=frame.index)
    pre = (frame[time] < start).fillna(False).to_numpy(dtype=bool)
    usable = pre & pd.to_numeric(frame[outcome], errors="coerce").notna().to_numpy()
    offset = options.get("offset")
    if offset is not None:
        usable &= (pd.to_numeric(frame[offset], errors="coerce") > 0).to_numpy()
    times = frame[time].to_numpy()
    rows, numbers, fakes = [], [], []
    for pos in groups.indices.values():
        fake = placebo_dates(times[pos[usable[pos]]], max_placebos=max_placebos,
                             min_points=min_points)  # fmt: skip
        own = pos[pre[pos]]
        for k, when in enumerate(fake):
            rows.append(own)
            numbers.append(np.full(len(own), k))
            fakes.append(np.repeat(np.asarray([when]), len(own)))
    ids = [*by, _PLACEBO]
    if rows:
        expanded = frame.iloc[np.concatenate(rows)].assign(
            **{_PLACEBO: np.concatenate(numbers), _PLACEBO_TIME: np.concatenate(fakes)}
        )
        fits = segmented_regression_many(expanded, ids, outcome, time, _PLACEBO_TIME, **options)
        effects = fits.effects[fits.effects["measure"] == LEVEL_CHANGE].reset_index(drop=True)
        when = effects[ids].merge(
            expanded[[*ids, _PLACEBO_TIME]].drop_duplicates(ids), on=ids, how="left"
        )
        placebos = _level(effects, ids).assign(
            placebo_time=when[_PLACEBO_TIME].to_numpy(),
            se=effects["se"].to_numpy(dtype=float),
            scale=effects["scale"].to_numpy(),
            n_before=effects["n_before"].to_numpy(),
            n_after=effects["n_after"].to_numpy(),
            reason=effects["reason"].to_numpy(),
        )
    else:
        placebos = pd.DataFrame({c: pd.Series(dtype=frame[c].dtype) for c in by}).assign(
            placebo=pd.Series(dtype=int), placebo_time=pd.Series(dtype=frame[time].dtype),
            estimate=np.nan, se=np.nan, scale="", n_before=np.nan, n_after=np.nan, reason="",
        )  # fmt: skip
    summary = placebo_summary(placebos, _level(real, by), by)
    scale = "log" if options.get("family", "poisson") == "poisson" else "identity"
    method = (
        f"placebo-in-time ({_REFS}): the same segmented regression on the pre-intervention "
        f"points only, at up to {max_placebos} fake start dates with ≥ {min_points} points "
        "each side; rank p = (1 + #{|placebo| ≥ |real|}) / (1 + n), coarse with few placebos"
    )
    return PlaceboResult(placebos, summary.assign(scale=scale, method=method))
