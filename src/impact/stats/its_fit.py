"""Interrupted time series: the model of one series (segmented GLM or Gaussian with
Newey–West or AR(1) errors), fitted from aligned arrays; :mod:`impact.stats.its` runs it
over every series of a table."""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats

from impact.stats.effect_table import LEVEL_CHANGE, SLOPE_CHANGE
from impact.stats.reasons import join_reasons

__all__ = [
    "FAMILIES",
    "GAUSSIAN_ERRORS",
    "ItsSpec",
    "MAX_AR1_RHO",
    "MIN_POINTS",
    "STAT_COLUMNS",
    "SeriesFit",
    "design_matrix",
    "failed_fit",
    "fit_series",
    "newey_west_lags",
]

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


STAT_COLUMNS = ("estimate", "ci_low", "ci_high", "se", "p_value")


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
class ItsSpec:
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


@dataclass
class SeriesFit:
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


def failed_fit(spec: ItsSpec, y: np.ndarray, post, reason: str, n_before=0, n_after=0) -> SeriesFit:
    """A fit with NaN estimates and series, carrying ``reason``."""
    k, size = len(spec.measures), len(y)
    post = np.zeros(size, dtype=bool) if post is None else post
    nan = np.full(size, np.nan)
    return SeriesFit({c: np.full(k, np.nan) for c in STAT_COLUMNS}, n_before, n_after, reason,
                y.astype(float), nan, nan.copy(), post)  # fmt: skip


def design_matrix(spec: ItsSpec, t, post, t0, codes, n_levels) -> np.ndarray:
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


def fit_series(spec: ItsSpec, y, t, post, expo, season, notes: list[str]) -> SeriesFit:
    """Fit one series given as aligned arrays (``post`` boolean, or None when unknown)."""
    notes = list(notes)

    def give_up(reason: str, n_before: int = 0, n_after: int = 0) -> SeriesFit:
        return failed_fit(spec, y, post, join_reasons(reason, *notes), n_before, n_after)

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
    X_all = design_matrix(spec, t, post, t0, codes, n_levels)
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
    reason = join_reasons(*notes)
    return SeriesFit(rows, n_before, n_after, reason, observed, fitted, counterfactual, post,
                     dispersion, lags, res)  # fmt: skip
