"""Interrupted time series: segmented regression of a series around an intervention.

Counts and rates are fitted by quasi-Poisson regression (log link, log-exposure offset,
Pearson χ² dispersion), continuous series by least squares with Newey–West errors; Fourier
terms or season dummies absorb seasonality. Each fit returns effect-table rows (level
change, slope change, change at the end of the series) and the fitted and counterfactual
series that :func:`impact.report.figures.its_chart` draws.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from impact.stats.effect_table import effect_frame
from impact.stats.its_fit import (
    STAT_COLUMNS,
    ItsSpec,
    SeriesFit,
    failed_fit,
    fit_series,
)

__all__ = ["ItsResult", "segmented_regression", "segmented_regression_many"]

_SERIES = ("observed", "fitted", "counterfactual", "post")


@dataclass(frozen=True)
class ItsResult:
    """Result of a segmented regression.

    Attributes
    ----------
    effects : pandas.DataFrame
        Effect table (:func:`impact.stats.effect_table.effect_frame` columns), one row per
        measure: ``"level change"``, ``"slope change"`` and ``"relative change at end"``
        (Poisson) or ``"change at end"`` (Gaussian), the last two only with
        ``slope_change=True``. ``n_before``/``n_after``/``n`` count time points. Extra
        columns: ``contrast`` ("rate ratio" or "difference"), ``dispersion`` (quasi-Poisson
        φ) and ``hac_lags`` (Newey–West lags).
    fitted : pandas.DataFrame
        One row per time point: ``time`` (as given), ``observed``, ``fitted``,
        ``counterfactual`` (the model with the post-intervention terms set to zero),
        ``post`` (bool) and ``unit`` ("count", "rate per … <offset>" or "value"). Rates
        are per unit of exposure (times ``rate_per``) when an offset is given.
    model : object or None
        The statsmodels results (``None`` when nothing was fitted; for
        :func:`segmented_regression_many`, a dict by group key if ``keep_models=True``).
    """

    effects: pd.DataFrame
    fitted: pd.DataFrame
    model: object = field(default=None, repr=False)

    def _repr_html_(self) -> str:  # pragma: no cover - notebook display
        return self.effects._repr_html_()


# --- time axis ------------------------------------------------------------------------


def _month_number(stamp, origin: pd.Timestamp):
    """Calendar months since ``origin`` (fractional within the month) of a Timestamp (NaN
    for NaT) or, element-wise, of a DatetimeIndex."""
    whole = (stamp.year - origin.year) * 12 + (stamp.month - origin.month)
    return whole + (stamp.day - origin.day) / stamp.days_in_month


def _months_since(values: object, origin: pd.Timestamp) -> np.ndarray:
    """:func:`_month_number` of every date in ``values``, as floats."""
    return np.asarray(_month_number(pd.DatetimeIndex(pd.to_datetime(values)), origin),
                      dtype=float)  # fmt: skip


def _time_axis(col: pd.Series, name: str):
    """Numeric time and a converter of intervention values of the same type."""
    dates = pd.api.types.is_datetime64_any_dtype(col)
    if not dates and (pd.api.types.is_bool_dtype(col) or not pd.api.types.is_numeric_dtype(col)):
        raise ValueError(f"time column {name!r} must be numeric or datetime. Got {col.dtype}.")
    origin = pd.Timestamp(col.min()) if dates else None

    def convert(value: object) -> float:
        try:
            out = _month_number(pd.Timestamp(value), origin) if dates else float(value)
        except (TypeError, ValueError):
            out = np.nan
        if not np.isfinite(out):
            kind = "date" if dates else "number"
            raise ValueError(f"intervention must be a {kind}, like {name!r}. Got {value!r}.")
        return float(out)

    t = _months_since(col, origin) if dates else col.to_numpy(dtype=float, na_value=np.nan)
    return t, convert


def _floats(col: pd.Series) -> np.ndarray:
    return pd.to_numeric(col, errors="coerce").to_numpy(dtype=float, na_value=np.nan)


# --- fitting one series ---------------------------------------------------------------


def _effects(spec: ItsSpec, fits: list[SeriesFit], ids: dict[str, np.ndarray]) -> pd.DataFrame:
    """Stack the rows of several fits into one effect table."""
    k = len(spec.measures)

    def each(values: list) -> np.ndarray:
        return np.repeat(np.asarray(values, dtype=object), k)

    frame = effect_frame(
        {col: np.repeat(values, k) for col, values in ids.items()},
        measure=np.tile(np.asarray(spec.measures, dtype=object), len(fits)),
        **{c: np.concatenate([f.rows[c] for f in fits]) for c in STAT_COLUMNS},
        scale="log" if spec.family == "poisson" else "identity",
        n_before=each([f.n_before for f in fits]).astype(float),
        n_after=each([f.n_after for f in fits]).astype(float),
        n=each([f.n_before + f.n_after for f in fits]).astype(float),
        method=spec.method,
        reason=each([f.reason for f in fits]),
        contrast="rate ratio" if spec.family == "poisson" else "difference",
        dispersion=each([f.dispersion for f in fits]).astype(float),
        hac_lags=pd.array(list(each([f.lags for f in fits])), dtype="Int64"),
    )
    for col in ("measure", "scale", "method", "reason", "contrast"):
        frame[col] = frame[col].astype(str)
    return frame


def _group_starts(col: pd.Series, groups: list[np.ndarray]) -> list[tuple[object, int]]:
    """Each group's first non-missing value of ``col`` (as a Python object, as given) and
    its number of distinct non-missing values; ``groups`` holds sorted row positions."""
    raw, missing = col.to_numpy(), col.isna().to_numpy()
    present = [pos[~missing[pos]] for pos in groups]
    values = iter(col.iloc[[p[0] for p in present if len(p)]].to_numpy(dtype=object))
    return [(next(values), len(pd.unique(raw[p]))) if len(p) else (None, 0) for p in present]


def _post(frame: pd.DataFrame, t: np.ndarray, intervention: object, convert) -> np.ndarray:
    """Boolean post-intervention indicator from a 0/1 column or a start time."""
    if isinstance(intervention, str) and intervention in frame.columns:
        flag = _floats(frame[intervention])
        if not np.isin(flag[np.isfinite(flag)], (0, 1)).all():
            raise ValueError(f"intervention column {intervention!r} must hold 0/1 values.")
        return flag == 1
    return t >= convert(intervention)


# --- public API -----------------------------------------------------------------------


def segmented_regression(
    data: pd.DataFrame,
    outcome: str,
    time: str,
    intervention: object,
    *,
    offset: str | None = None,
    family: str = "poisson",
    harmonics: int = 0,
    season: str | None = None,
    period: float = 12,
    slope_change: bool = True,
    conf_level: float = 0.95,
    rate_per: float = 1.0,
    hac_lags: int | None = None,
    errors: str = "newey-west",
) -> ItsResult:
    """Segmented regression of an interrupted time series: level and slope change.

    The model (Wagner et al. 2002; Lopez Bernal et al. 2017) is, on the link scale,
    ``outcome ~ β0 + β1·(t − t0) + β2·post + β3·(t − t0)·post [+ seasonality]``, where
    ``t0`` is the first post-intervention time point: β2 is the step at ``t0``, β3 the
    change of slope per time unit. Seasonality is ``harmonics`` Fourier pairs
    ``sin/cos(2πk·t/period)`` or dummies of the ``season`` column.

    - ``family="poisson"``: Poisson GLM, log link, ``log(offset)`` offset, standard errors
      scaled by the Pearson χ²/(n − p) dispersion (quasi-Poisson, as R's
      ``glm(family=quasipoisson)``). Effects are rate ratios exp(β); the slope change is
      per time unit; "relative change at end" is fitted / counterfactual at the last point.
    - ``family="gaussian"``: OLS with Newey–West HAC errors (Bartlett kernel, lags
      ``floor(4·(n/100)^(2/9))``, small-sample factor n/(n − p), as Stata's ``newey``).
      Effects are differences in the outcome's unit. Newey–West intervals are too narrow
      in short series (Turner et al. 2021): read them as approximate. With
      ``errors="ar1"``, AR(1) errors are estimated instead by iterated Cochrane–Orcutt
      feasible GLS (statsmodels ``GLSAR``), whose intervals hold their level better in
      series of a few years of months. A series whose estimated ρ reaches
      :data:`MAX_AR1_RHO` in absolute value (e.g. a count that is 0 before the start and
      constant after it) is not modelled: near a unit root Cochrane–Orcutt does not
      identify the series' level.

    Intervals and p-values use Student's t on n − p degrees of freedom. Time points are
    taken as equally spaced.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per time point.
    outcome : str
        Outcome column: counts (Poisson) or a continuous value (Gaussian).
    time : str
        Numeric or datetime column (datetimes become calendar months since the first
        observation: slopes are per month and ``period=12`` is a year).
    intervention : scalar or str
        Time value (same type as ``time``) of the first post-intervention point, or the
        name of a 0/1 column (0 before, 1 from the intervention on).
    offset : str, optional
        Exposure column (Poisson only).
    family : {"poisson", "gaussian"}
    harmonics : int, default 0
        Number of Fourier pairs (fewer than ``period / 2``).
    season : str, optional
        Column whose levels get dummy terms (instead of ``harmonics``).
    period : float, default 12
        Seasonal period in time units.
    slope_change : bool, default True
        Include the slope-change term β3.
    conf_level : float, default 0.95
    rate_per : float, default 1
        Multiplier of the rates in ``fitted`` when an offset is given (e.g. 1000).
    hac_lags : int, optional
        Newey–West lags (Gaussian); default :func:`newey_west_lags`.
    errors : {"newey-west", "ar1"}
        Error model of the Gaussian family.

    Returns
    -------
    ItsResult
        ``effects``, ``fitted`` and ``model`` (see :class:`ItsResult`). Degenerate series
        (fewer than 3 points on a side, a constant series, no events on a side) give NaN
        estimates and a ``reason`` code; dropped missing outcomes add ``values_dropped``.

    Raises
    ------
    ValueError
        Unknown family, missing columns or invalid options.

    References
    ----------
    Wagner AK, Soumerai SB, Zhang F, Ross-Degnan D (2002). Segmented regression analysis
    of interrupted time series studies in medication use research. J Clin Pharm Ther
    27:299–309. Lopez Bernal J, Cummins S, Gasparrini A (2017). Interrupted time series
    regression for the evaluation of public health interventions: a tutorial. Int J
    Epidemiol 46:348–355. Newey WK, West KD (1987). Econometrica 55:703–708. Turner SL
    et al. (2021). Evaluation of statistical methods used in the analysis of interrupted
    time series studies: a simulation study. BMC Med Res Methodol 21:181.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> t = np.arange(48)
    >>> df = pd.DataFrame({"month": t, "events": rng.poisson(50 * np.exp(-0.2 * (t >= 24)))})
    >>> res = segmented_regression(df, "events", "month", 24, slope_change=False)
    >>> row = res.effects.iloc[0]
    >>> print(row["measure"], round(float(row["estimate"]), 2), row["scale"])
    level change 0.84 log
    """
    spec = ItsSpec(family, offset, harmonics, season, period, slope_change, conf_level, rate_per,
                 hac_lags, errors)  # fmt: skip
    spec.check(data, [outcome, time])
    frame = data.iloc[np.argsort(data[time].to_numpy(), kind="stable")]
    t, convert = _time_axis(frame[time], time)
    post = _post(frame, t, intervention, convert)
    expo = _floats(frame[offset]) if offset is not None else None
    seas = frame[season].to_numpy(dtype=object) if season is not None else None
    fit = fit_series(spec, _floats(frame[outcome]), t, post, expo, seas, [])
    fitted = pd.DataFrame({"time": frame[time].to_numpy(),
                           **{c: getattr(fit, c) for c in _SERIES}, "unit": spec.unit})  # fmt: skip
    return ItsResult(_effects(spec, [fit], {}), fitted, fit.model)


def segmented_regression_many(
    data: pd.DataFrame,
    by: str | list[str],
    outcome: str,
    time: str,
    intervention: object,
    *,
    keep_models: bool = False,
    **options: object,
) -> ItsResult:
    """:func:`segmented_regression` for every group of ``data``, stacked.

    Parameters
    ----------
    data : pandas.DataFrame
        Long table: one row per group and time point.
    by : str or list of str
        Group columns; they lead the effect table and the fitted series (names of output
        columns such as "unit" or "measure" are refused).
    outcome, time : str
        As in :func:`segmented_regression`. Datetimes become months since the first
        observation in ``data`` (so Fourier terms share one phase across groups).
    intervention : str or scalar
        Column holding each group's first post-intervention time (one value per group;
        a group without one gets a ``reason``), or one time value for every group.
    keep_models : bool, default False
        Keep each group's statsmodels results in ``model`` (a dict by group key).
    **options
        Keyword options of :func:`segmented_regression` (``offset``, ``family``…).

    Returns
    -------
    ItsResult
        ``effects`` and ``fitted`` with the group columns first. A group that cannot be
        fitted gives rows with NaN estimates and a ``reason``, never an exception.

    Examples
    --------
    >>> rng = np.random.default_rng(2)
    >>> df = pd.DataFrame({"ward": np.repeat(["A", "B"], 30), "t": np.tile(np.arange(30), 2),
    ...                    "start": np.repeat([15, 40], 30), "y": rng.poisson(20, 60)})
    >>> out = segmented_regression_many(df, "ward", "y", "t", "start").effects
    >>> out.groupby("ward")["reason"].first().tolist()
    ['', 'too_few_points']
    """
    by = [by] if isinstance(by, str) else list(by)
    if not by:
        raise ValueError(f"by must name at least one column. Got {by!r}.")
    allowed = set(ItsSpec.__dataclass_fields__)
    if set(options) - allowed:
        raise ValueError(f"unknown option(s) {sorted(set(options) - allowed)}. "
                         f"Allowed: {sorted(allowed)}.")  # fmt: skip
    spec = ItsSpec(**options)  # type: ignore[arg-type]
    spec.check(data, [*by, outcome, time])
    taken = {"time", *_SERIES, "unit", "contrast", "dispersion", "hac_lags", *effect_frame()}
    if taken & set(by):
        raise ValueError(f"group column(s) {sorted(taken & set(by))} clash with output columns.")
    frame = data.sort_values([*by, time], kind="stable")
    t, convert = _time_axis(frame[time], time)
    y = _floats(frame[outcome])
    expo = _floats(frame[spec.offset]) if spec.offset is not None else None
    seas = frame[spec.season].to_numpy(dtype=object) if spec.season is not None else None
    groups = {
        key: np.sort(pos)
        for key, pos in frame.groupby(by, sort=False, dropna=False).indices.items()
    }
    per_group = isinstance(intervention, str) and intervention in data.columns
    starts = _group_starts(frame[intervention], list(groups.values())) if per_group else None
    series = {c: np.full(len(frame), np.nan) for c in _SERIES}
    series["post"] = np.zeros(len(frame), dtype=bool)
    fits, firsts, models = [], [], {}
    for i, (key, pos) in enumerate(groups.items()):
        post, notes = None, []
        try:
            if per_group:
                first, distinct = starts[i]
                if distinct > 1:
                    notes.append(f"{distinct} different intervention times: the first is used")
                post = t[pos] >= convert(first) if distinct else None
            else:
                post = t[pos] >= convert(intervention)
            fit = fit_series(spec, y[pos], t[pos], post, None if expo is None else expo[pos],
                              None if seas is None else seas[pos], notes)  # fmt: skip
        except Exception as exc:  # noqa: BLE001 - one bad group must not stop the others
            fit = failed_fit(spec, y[pos], post, f"not fitted: {exc}")
        fits.append(fit)
        firsts.append(pos[0])
        for col in _SERIES:
            series[col][pos] = getattr(fit, col)
        if keep_models:
            models[key] = fit.model
    firsts = np.asarray(firsts, dtype=int)
    effects = _effects(spec, fits, {col: frame[col].to_numpy()[firsts] for col in by})
    reps = np.repeat(firsts, len(spec.measures))
    for col in by:  # keep the group columns' dtypes
        effects[col] = frame[col].iloc[reps].reset_index(drop=True)
    fitted = frame[by].reset_index(drop=True)
    fitted["time"] = frame[time].to_numpy()
    for col, values in series.items():
        fitted[col] = values
    fitted["unit"] = spec.unit
    return ItsResult(effects, fitted, models if keep_models else None)
