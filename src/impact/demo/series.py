"""Monthly indicator series of the demo programme, and their true effects.

Each indicator has an *underlying* monthly parameter per unit (a probability, an event
rate per unit of exposure or a mean) built from a unit baseline, a secular trend and a
12-month sine seasonality shared by all units, plus a constant step from the team's start
month on. Observations are drawn around it (binomial, Poisson, normal mean of ``n``).
Count indicators are not simulated: the measures of the partnership itself (partners
involved, their participation) come from :mod:`impact.demo.activity`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "MONTHS",
    "IndicatorSpec",
    "SeriesParams",
    "draw_series_params",
    "expected_size",
    "series_truth",
    "simulate_series",
    "underlying",
]

#: Months covered by every series: 2022-01 … 2026-06 (first day of each month).
MONTHS = pd.date_range("2022-01-01", "2026-06-01", freq="MS").astype("datetime64[ns]")
#: Month at which the secular trend is zero (2024-01).
REFERENCE_MONTH = 24
P_BOUNDS = (0.005, 0.995)


@dataclass(frozen=True)
class IndicatorSpec:
    """How one indicator is generated.

    Attributes
    ----------
    base : float
        Mean baseline: probability (proportion), events per ``multiplier`` units of
        exposure (rate) or mean (mean).
    unit_sd : float
        SD of unit baselines (probability, log rate, or the indicator's unit).
    trend : float
        Secular trend per year, shared by all units (same scales; log for rates).
    season : float
        Amplitude of the shared 12-month sine (same scales).
    effect : float
        Favourable step of a team with effect multiplier 1 (same scales); its sign is
        taken from the catalogue's ``better``.
    sd : float
        SD of individual measurements (means only).
    size : tuple of int or None
        Range of the unit's mean monthly denominator or ``n``; ``None`` uses the unit's
        stays (hospital stays per month, shared by stay-based indicators).
    """

    base: float
    unit_sd: float
    trend: float
    season: float
    effect: float
    sd: float = 0.0
    size: tuple[int, int] | None = None


SPECS = {
    "dms": IndicatorSpec(6.0, 1.0, -0.15, 0.25, 0.4, sd=4.0),
    "plaintes": IndicatorSpec(12.0, 0.3, 0.04, 0.08, 0.25),
    "info_sortie": IndicatorSpec(0.50, 0.06, 0.015, 0.01, 0.05),
    "rehospit_30j": IndicatorSpec(0.12, 0.02, -0.003, 0.008, 0.012),
    "qvt": IndicatorSpec(60.0, 5.0, -0.6, 1.0, 3.0, sd=15.0, size=(15, 40)),
    "esatis_global": IndicatorSpec(72.0, 4.0, 0.4, 0.5, 2.5, sd=14.0, size=(20, 60)),
    "delai_rdv": IndicatorSpec(25.0, 6.0, 0.8, 1.5, 3.0, sd=15.0, size=(40, 150)),
}
#: Used for catalogue indicators this module does not know.
DEFAULT_SPECS = {
    "proportion": IndicatorSpec(0.50, 0.06, 0.01, 0.01, 0.05),
    "rate": IndicatorSpec(10.0, 0.3, 0.03, 0.05, 0.2),
    "mean": IndicatorSpec(50.0, 5.0, 0.5, 0.5, 2.0, sd=10.0, size=(20, 80)),
}


@dataclass(frozen=True)
class SeriesParams:
    """Unit-level parameters of every indicator.

    Attributes
    ----------
    stays : numpy.ndarray
        Mean monthly stays of each unit.
    specs : dict of str to IndicatorSpec
        Spec of each catalogue indicator, by code.
    baseline, step, size : dict of str to numpy.ndarray
        Per indicator and unit: baseline (log rate for rates), signed step (log rate
        ratio for rates) and mean denominator / ``n`` (NaN where stays are used).
    """

    stays: np.ndarray
    specs: dict[str, IndicatorSpec]
    baseline: dict[str, np.ndarray]
    step: dict[str, np.ndarray]
    size: dict[str, np.ndarray]


def draw_series_params(
    rng: np.random.Generator, indicators: pd.DataFrame, multiplier: np.ndarray
) -> SeriesParams:
    """Draw unit baselines, sizes and steps (``multiplier`` × spec effect × jitter).

    Raises
    ------
    ValueError
        If the catalogue holds a kind the demo does not simulate (``count``).
    """
    n = len(multiplier)
    specs, baseline, step, size = {}, {}, {}, {}
    for code, kind, mult, better in indicators[["code", "kind", "multiplier", "better"]].itertuples(
        index=False
    ):
        if kind not in DEFAULT_SPECS:
            raise ValueError(
                f"The demo simulates proportion, rate and mean indicators only. "
                f"Got {code!r} of kind {kind!r}."
            )
        spec = SPECS.get(code, DEFAULT_SPECS[kind])
        specs[code] = spec
        z = np.clip(rng.standard_normal(n), -2.5, 2.5)
        if kind == "rate":
            per = mult if pd.notna(mult) and mult > 0 else 1.0
            baseline[code] = np.log(spec.base / per) + spec.unit_sd * z
        else:
            baseline[code] = spec.base + spec.unit_sd * z
        jitter = np.clip(np.exp(rng.normal(0.0, 0.2, n)), 0.7, 1.4)
        sign = 1.0 if better == "higher" else -1.0
        step[code] = sign * spec.effect * multiplier * jitter
        lo, hi = spec.size or (np.nan, np.nan)
        size[code] = rng.uniform(lo, hi, n) if spec.size else np.full(n, np.nan)
    return SeriesParams(rng.uniform(60, 300, n), specs, baseline, step, size)


def _time() -> tuple[np.ndarray, np.ndarray]:
    """Years since the reference month, and the shared seasonal sine, per month."""
    t = np.arange(len(MONTHS))
    return (t - REFERENCE_MONTH) / 12.0, np.sin(2 * np.pi * t / 12.0)


def underlying(
    kind: str,
    spec: IndicatorSpec,
    baseline: np.ndarray,
    step: np.ndarray,
    start: np.ndarray,
    *,
    effect: bool = True,
) -> np.ndarray:
    """Underlying monthly parameter, units × months.

    Probability (proportion, kept within ``P_BOUNDS``), events per unit of exposure
    (rate) or mean (mean). With ``effect=False``: the untreated counterfactual.
    """
    years, season = _time()
    post = np.arange(len(MONTHS))[None, :] >= start[:, None]
    lin = baseline[:, None] + spec.trend * years + spec.season * season
    if effect:
        lin = lin + step[:, None] * post
    if kind == "rate":
        return np.exp(lin)
    if kind == "proportion":
        return np.clip(lin, *P_BOUNDS)
    return lin


def expected_size(params: SeriesParams, code: str) -> np.ndarray:
    """Expected monthly denominator (or ``n``) of indicator ``code``, units × months.

    The unit's stays with the shared seasonality for stay-based indicators, else the
    unit's mean size (the Poisson means that :func:`simulate_series` draws around).
    """
    if params.specs[code].size is not None:
        return np.repeat(params.size[code][:, None], len(MONTHS), axis=1)
    _, season = _time()
    return params.stays[:, None] * (1 + 0.05 * season)


def simulate_series(
    rng: np.random.Generator,
    params: SeriesParams,
    indicators: pd.DataFrame,
    unit_ids: np.ndarray,
    start: np.ndarray,
    *,
    size_factor: float = 1.0,
) -> pd.DataFrame:
    """Draw every unit's monthly values of every catalogue indicator.

    ``size_factor`` multiplies every denominator and ``n`` (large values make the sampling
    noise negligible, for checking the truth). Returns the ``indicator_values`` columns
    (untyped), sorted by unit, indicator, month.
    """
    n_units, n_months = len(unit_ids), len(MONTHS)
    _, season = _time()
    stays = np.maximum(rng.poisson(size_factor * params.stays[:, None] * (1 + 0.05 * season)), 1)
    frames = []
    for code, kind, mult in indicators[["code", "kind", "multiplier"]].itertuples(index=False):
        spec = params.specs[code]
        base, step = params.baseline[code], params.step[code]
        param = underlying(kind, spec, base, step, start)
        nan = np.full((n_units, n_months), np.nan)
        value, num, den, sd, n = nan, nan, nan, nan, nan
        if spec.size is None:
            size = stays
        else:
            size = np.maximum(
                rng.poisson(size_factor * params.size[code][:, None], (n_units, n_months)), 2
            )
        if kind == "proportion":
            den = size.astype(float)
            num = rng.binomial(size, param).astype(float)
            value = (mult if pd.notna(mult) else 100.0) * num / den
        elif kind == "rate":
            den = size.astype(float)
            num = rng.poisson(den * param).astype(float)
            value = (mult if pd.notna(mult) else 1.0) * num / den
        else:
            n = size.astype(float)
            value = rng.normal(param, spec.sd / np.sqrt(n))
            sd = spec.sd * np.sqrt(rng.chisquare(n - 1) / (n - 1))
        frames.append(
            pd.DataFrame(
                {
                    "team_id": np.repeat(unit_ids, n_months),
                    "indicator": code,
                    "period": np.tile(MONTHS.to_numpy(), n_units),
                    "value": value.ravel(),
                    "numerator": num.ravel(),
                    "denominator": den.ravel(),
                    "sd": sd.ravel(),
                    "n": n.ravel(),
                }
            )
        )
    out = pd.concat(frames, ignore_index=True)
    order = {code: k for k, code in enumerate(indicators["code"])}
    key = out["indicator"].map(order)
    return (
        out.assign(_k=key)
        .sort_values(["team_id", "_k", "period"], kind="stable")
        .drop(columns="_k")
        .reset_index(drop=True)
    )


def series_truth(
    params: SeriesParams, indicators: pd.DataFrame, team_ids: np.ndarray, start: np.ndarray
) -> pd.DataFrame:
    """True effect of each team on each indicator (rows of ``Programme.truth``).

    Computed from :func:`underlying` with and without the step, averaged over the team's
    months from its start to 2026-06: the rate ratio for rates, the difference in
    probability (percentage points) for proportions, the difference in means for means.
    The secular trend and seasonality cancel out of these contrasts.
    """
    n = len(team_ids)
    rows = []
    post = np.arange(len(MONTHS))[None, :] >= start[:, None]
    for code, kind in indicators[["code", "kind"]].itertuples(index=False):
        spec = params.specs[code]
        base, step = params.baseline[code][:n], params.step[code][:n]
        on = underlying(kind, spec, base, step, start, effect=True)
        off = underlying(kind, spec, base, step, start, effect=False)
        if kind == "rate":
            contrast, scale = on / off, "ratio"
            text = (
                "Rate ratio: the team's underlying event rate from its start month on "
                "divided by its untreated counterfactual rate (constant over months). "
                "The secular trend and seasonality are NOT part of the effect."
            )
        elif kind == "proportion":
            contrast, scale = 100.0 * (on - off), "difference (points)"
            text = (
                "Step in the team's underlying monthly probability from its start month "
                "on, in percentage points (additive model: the same in every month, "
                "averaged over months after start). The secular trend and seasonality "
                "are NOT part of the effect, so a naive before/after difference "
                "differs from it by the trend."
            )
        else:
            contrast, scale = on - off, "difference (units)"
            text = (
                "Step in the team's underlying monthly mean from its start month on, in "
                "the indicator's unit (the same in every month). The secular trend and "
                "seasonality are NOT part of the effect."
            )
        effect = np.where(post, contrast, 0.0).sum(axis=1) / post.sum(axis=1)
        rows.append(
            pd.DataFrame(
                {
                    "team_id": team_ids,
                    "measure": f"indicator:{code}",
                    "family": "indicator",
                    "code": code,
                    "scale": scale,
                    "true_effect": effect,
                    "definition": text,
                }
            )
        )
    return pd.concat(rows, ignore_index=True)
