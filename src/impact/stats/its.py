"""Interrupted time series: segmented regression of a series around an intervention.

Counts and rates are fitted by quasi-Poisson regression (log link, log-exposure offset,
Pearson χ² dispersion), continuous series by least squares with Newey–West errors; Fourier
terms or season dummies absorb seasonality. Each fit returns effect-table rows (level
change, slope change, change at the end of the series) and the fitted and counterfactual
series that :func:`impact.report.figures.its_chart` draws.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats

from impact.stats.effect_table import LEVEL_CHANGE, SLOPE_CHANGE, effect_frame
from impact.stats.reasons import join_reasons

__all__ = ["ItsResult", "newey_west_lags", "segmented_regression", "segmented_regression_many"]

FAMILIES = ("poisson", "gaussian")
#: Error models of the Gaussian family: Newey–West HAC errors, or AR(1) errors by
#: iterated Cochrane–Orcutt feasible GLS (statsmodels GLSAR).
GAUSSIAN_ERRORS = ("newey-west", "ar1")
#: Fewest time points allowed on each side of the intervention.
MIN_POINTS = 3
#: Largest |ρ| of AR(1) errors the Cochrane–Orcutt fit is trusted with: near a unit root
#: the quasi-differenced intercept column (1 − ρ) vanishes, so the series' level (and
#: the fitted line drawn in the reports) is no longer identified.
MAX_AR1_RHO = 0.9
_STATS = ("estimate", "ci_low", "ci_high", "se", "p_value")
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


def newey_west_lags(n: int) -> int:
    """Newey–West truncation lag by the common rule ``floor(4·(n/100)^(2/9))``.

    Newey WK, West KD (1994). Automatic lag selection in covariance matrix estimation.
    Rev Econ Stud 61:631–653.

    Examples
    --------
    >>> newey_west_lags(54), newey_west_lags(120)
    (3, 4)
    """
    return max(int(math.floor(4.0 * (n / 100.0) ** (2.0 / 9.0))), 0)


@dataclass(frozen=True)
class _Spec:
    """Model options shared by every series of a call."""

    family: str = "poisson"
    offset: str | None = None
    harmonics: int = 0
    season: str | None = None
    period: float = 12
    slope_change: bool = True
    conf_level: float = 0.95
    rate_per: float = 1.0
    hac_lags: int | None = None
    errors: str = "newey-west"

    def check(self, data: object, columns: list[str | None]) -> None:
        """Raise ValueError for invalid options or missing columns."""
        if self.family not in FAMILIES:
            raise ValueError(f"family must be one of {FAMILIES}. Got {self.family!r}.")
        if not isinstance(data, pd.DataFrame):
            raise ValueError(f"data must be a pandas DataFrame. Got {type(data).__name__}.")
        wanted = [*columns, self.offset, self.season]
        missing = [c for c in wanted if c is not None and c not in data.columns]
        if missing:
            raise ValueError(f"column(s) not in data: {missing}. Got {list(data.columns)}.")
        if not 0 < self.conf_level < 1:
            raise ValueError(f"conf_level must be between 0 and 1. Got {self.conf_level!r}.")
        if not self.period > 0:
            raise ValueError(f"period must be positive. Got {self.period!r}.")
        h = self.harmonics
        if int(h) != h or h < 0 or 2 * h >= self.period:
            raise ValueError(f"harmonics must be an integer in [0, period/2). Got {h!r}.")
        if h and self.season is not None:
            raise ValueError(f"use harmonics or season, not both. Got {h!r}, {self.season!r}.")
        if self.offset is not None and self.family != "poisson":
            raise ValueError(f"offset is only used with family='poisson'. Got {self.offset!r}.")
        if self.errors not in GAUSSIAN_ERRORS:
            raise ValueError(f"errors must be one of {GAUSSIAN_ERRORS}. Got {self.errors!r}.")
        if self.hac_lags is not None and (int(self.hac_lags) != self.hac_lags or self.hac_lags < 0):
            raise ValueError(f"hac_lags must be a non-negative integer. Got {self.hac_lags!r}.")

    @property
    def measures(self) -> list[str]:
        if not self.slope_change:
            return [LEVEL_CHANGE]
        end = "relative change at end" if self.family == "poisson" else "change at end"
        return [LEVEL_CHANGE, SLOPE_CHANGE, end]

    @property
    def unit(self) -> str:
        if self.family == "gaussian":
            return "value"
        if self.offset is None:
            return "count"
        per = f"{self.rate_per:g} " if self.rate_per != 1 else ""
        return f"rate per {per}{self.offset}"

    @property
    def method(self) -> str:
        terms = "level change at the first post-intervention point"
        terms += " and slope change" if self.slope_change else ""
        if self.harmonics:
            terms += f"; {self.harmonics} Fourier pair(s), period {self.period:g}"
        if self.season is not None:
            terms += f"; season dummies ({self.season})"
        ci = f"{self.conf_level:.0%} t intervals on n − p df"
        refs = "Wagner 2002; Bernal 2017"
        if self.family == "poisson":
            off = f", log({self.offset}) offset" if self.offset else ""
            return (f"segmented quasi-Poisson regression ({refs}): log link{off}, {terms}; "
                    f"dispersion = Pearson χ²/(n − p); {ci}")  # fmt: skip
        if self.errors == "ar1":
            return (
                f"segmented linear regression ({refs}): {terms}; AR(1) errors by iterated "
                f"Cochrane–Orcutt feasible GLS (statsmodels GLSAR); {ci}"
            )
        lags = (f"{self.hac_lags} lags" if self.hac_lags is not None
                else "lags = floor(4·(n/100)^(2/9)), Newey & West 1994")  # fmt: skip
        return (f"segmented linear regression ({refs}): OLS, {terms}; Newey–West HAC errors "
                f"(Bartlett kernel, {lags}; small-sample factor n/(n − p)); {ci}")  # fmt: skip


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


@dataclass
class _Fit:
    """What one series contributes: effect rows and aligned series."""

    rows: dict[str, np.ndarray]
    n_before: int
    n_after: int
    reason: str
    observed: np.ndarray
    fitted: np.ndarray
    counterfactual: np.ndarray
    post: np.ndarray
    dispersion: float = np.nan
    lags: int | None = None
    model: object = None


def _failed(spec: _Spec, y: np.ndarray, post, reason: str, n_before=0, n_after=0) -> _Fit:
    """A fit with NaN estimates and series, carrying ``reason``."""
    k, size = len(spec.measures), len(y)
    post = np.zeros(size, dtype=bool) if post is None else post
    nan = np.full(size, np.nan)
    return _Fit({c: np.full(k, np.nan) for c in _STATS}, n_before, n_after, reason,
                y.astype(float), nan, nan.copy(), post)  # fmt: skip


def _design(spec: _Spec, t, post, t0, codes, n_levels) -> np.ndarray:
    """Constant, t − t0, post [, (t − t0)·post] [, sin/cos(2πk·t/period)] [, dummies]."""
    rel = t - t0
    cols = [np.ones_like(t), rel, post.astype(float)]
    if spec.slope_change:
        cols.append(rel * post)
    for k in range(1, spec.harmonics + 1):
        w = 2.0 * np.pi * k * t / spec.period
        cols += [np.sin(w), np.cos(w)]
    if codes is not None:
        cols += [(codes == j).astype(float) for j in range(1, n_levels)]
    return np.column_stack(cols)


def _fit_series(spec: _Spec, y, t, post, expo, season, notes: list[str]) -> _Fit:
    """Fit one series given as aligned arrays (``post`` boolean, or None when unknown)."""
    notes = list(notes)

    def give_up(reason: str, n_before: int = 0, n_after: int = 0) -> _Fit:
        return _failed(spec, y, post, join_reasons(reason, *notes), n_before, n_after)

    if post is None:
        return give_up("no_intervention_time")
    keep = np.isfinite(t)
    if (keep & ~np.isfinite(y)).any():
        notes.append("values_dropped")
    keep &= np.isfinite(y)
    if expo is not None:
        bad = keep & ~(np.isfinite(expo) & (expo > 0))
        if bad.any():
            notes.append("values_dropped")
        keep &= ~bad
    codes, n_levels = None, 0
    if season is not None:
        keep &= pd.notna(season)
        levels = pd.Categorical(season[keep]).categories
        codes, n_levels = pd.Categorical(season, categories=levels).codes, len(levels)
    n_before, n_after = int((keep & ~post).sum()), int((keep & post).sum())
    n = n_before + n_after
    if min(n_before, n_after) < MIN_POINTS:
        return give_up("too_few_points", n_before, n_after)
    yk, tk, pk = y[keep], t[keep], post[keep]
    if spec.family == "poisson":
        if (yk < 0).any():
            return give_up("negative_counts", n_before, n_after)
        if not yk.any():
            return give_up("no_events_series", n_before, n_after)
        if not (yk[~pk].any() and yk[pk].any()):
            return give_up("no_events_side", n_before, n_after)
    level = yk / expo[keep] if expo is not None else yk
    if np.ptp(level) == 0:
        return give_up("constant_series", n_before, n_after)
    t0 = float(tk[pk].min())
    if tk[~pk].max() >= t0:
        return give_up("bad_intervention_column", n_before, n_after)
    X_all = _design(spec, t, post, t0, codes, n_levels)
    X = X_all[keep]
    p = X.shape[1]
    if n - p < 1 or np.linalg.matrix_rank(X) < p:
        return give_up("too_few_points_for_terms", n_before, n_after)
    lags = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            if spec.family == "poisson":
                off = np.log(expo[keep]) if expo is not None else None
                res = sm.GLM(yk, X, family=sm.families.Poisson(), offset=off).fit(scale="X2")
                converged = bool(getattr(res, "converged", True))
            elif spec.errors == "ar1":
                model = sm.GLSAR(yk, X, rho=1)
                res = model.iterative_fit(maxiter=20)
                rho = float(np.ravel(model.rho)[0])
                if not abs(rho) < MAX_AR1_RHO:
                    return give_up("near_unit_root", n_before, n_after)
                converged = True
            else:
                lags = newey_west_lags(n) if spec.hac_lags is None else int(spec.hac_lags)
                hac = {"maxlags": lags, "use_correction": True}
                res = sm.OLS(yk, X).fit(cov_type="HAC", cov_kwds=hac, use_t=True)
                converged = True
        except (np.linalg.LinAlgError, ValueError, OverflowError):
            return give_up("fit_failed", n_before, n_after)
    beta, cov = np.asarray(res.params), np.asarray(res.cov_params())
    # contrasts of the linear predictor: level, slope, level + slope·(t_last − t0)
    g = np.zeros((len(spec.measures), p))
    g[0, 2] = 1.0
    if spec.slope_change:
        g[1, 3] = g[2, 2] = 1.0
        g[2, 3] = float(tk.max() - t0)
    b = g @ beta
    se = np.sqrt(np.einsum("ij,jk,ik->i", g, cov, g))
    if not (converged and np.isfinite(b).all() and np.isfinite(se).all()):
        return give_up("not_converged", n_before, n_after)
    spread = np.sqrt(np.mean((res.resid_pearson if spec.family == "poisson" else res.resid) ** 2))
    if not (se > 0).all() or spread <= 1e-9 * max(np.std(yk), 1e-300):
        return give_up("perfect_fit", n_before, n_after)
    df = float(res.df_resid)
    q = stats.t.ppf(0.5 + spec.conf_level / 2.0, df)
    rows = {"estimate": b, "ci_low": b - q * se, "ci_high": b + q * se, "se": se,
            "p_value": 2.0 * stats.t.sf(np.abs(b / se), df)}  # fmt: skip
    switch_off = np.zeros(p, dtype=bool)
    switch_off[2 : 4 if spec.slope_change else 3] = True
    lin, lin_cf = X_all @ beta, X_all @ np.where(switch_off, 0.0, beta)
    observed, dispersion = y.astype(float), np.nan
    if spec.family == "poisson":
        for c in ("estimate", "ci_low", "ci_high"):
            rows[c] = np.exp(rows[c])
        scale = spec.rate_per if expo is not None else 1.0
        lin, lin_cf = scale * np.exp(lin), scale * np.exp(lin_cf)
        observed = scale * y / expo if expo is not None else observed
        dispersion = float(res.scale)
    unusable = ~np.isfinite(t) if codes is None else (~np.isfinite(t) | (codes < 0))
    fitted, counterfactual = (np.where(unusable, np.nan, a) for a in (lin, lin_cf))
    return _Fit(rows, n_before, n_after, join_reasons(*notes), observed, fitted, counterfactual,
                post, dispersion, lags, res)  # fmt: skip


def _effects(spec: _Spec, fits: list[_Fit], ids: dict[str, np.ndarray]) -> pd.DataFrame:
    """Stack the rows of several fits into one effect table."""
    k = len(spec.measures)

    def each(values: list) -> np.ndarray:
        return np.repeat(np.asarray(values, dtype=object), k)

    frame = effect_frame(
        {col: np.repeat(values, k) for col, values in ids.items()},
        measure=np.tile(np.asarray(spec.measures, dtype=object), len(fits)),
        **{c: np.concatenate([f.rows[c] for f in fits]) for c in _STATS},
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
    spec = _Spec(family, offset, harmonics, season, period, slope_change, conf_level, rate_per,
                 hac_lags, errors)  # fmt: skip
    spec.check(data, [outcome, time])
    frame = data.iloc[np.argsort(data[time].to_numpy(), kind="stable")]
    t, convert = _time_axis(frame[time], time)
    post = _post(frame, t, intervention, convert)
    expo = _floats(frame[offset]) if offset is not None else None
    seas = frame[season].to_numpy(dtype=object) if season is not None else None
    fit = _fit_series(spec, _floats(frame[outcome]), t, post, expo, seas, [])
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
    allowed = set(_Spec.__dataclass_fields__)
    if set(options) - allowed:
        raise ValueError(f"unknown option(s) {sorted(set(options) - allowed)}. "
                         f"Allowed: {sorted(allowed)}.")  # fmt: skip
    spec = _Spec(**options)  # type: ignore[arg-type]
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
            fit = _fit_series(spec, y[pos], t[pos], post, None if expo is None else expo[pos],
                              None if seas is None else seas[pos], notes)  # fmt: skip
        except Exception as exc:  # noqa: BLE001 - one bad group must not stop the others
            fit = _failed(spec, y[pos], post, f"not fitted: {exc}")
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
