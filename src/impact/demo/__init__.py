"""The seeded synthetic demo programme, with its known true effects."""

# ruff: noqa: F401  (re-exports)
from impact.demo.programme import LEVELS, TRUTH_COLUMNS, demo_programme
from impact.demo.proms import PromParams, draw_prom_params, prom_truth, simulate_proms
from impact.demo.series import (
    MONTHS,
    IndicatorSpec,
    SeriesParams,
    draw_series_params,
    series_truth,
    simulate_series,
    underlying,
)
from impact.demo.surveys import (
    BarometerParams,
    PremParams,
    barometer_latent_mean,
    barometer_truth,
    draw_barometer_params,
    draw_barometer_scores,
    draw_prem_params,
    expected_barometer_score,
    prem_expected_points,
    prem_truth,
    simulate_barometer,
    simulate_prem,
)

__all__ = [
    "BarometerParams",
    "IndicatorSpec",
    "LEVELS",
    "MONTHS",
    "PremParams",
    "PromParams",
    "SeriesParams",
    "TRUTH_COLUMNS",
    "barometer_latent_mean",
    "barometer_truth",
    "demo_programme",
    "draw_barometer_params",
    "draw_barometer_scores",
    "draw_prem_params",
    "draw_prom_params",
    "draw_series_params",
    "expected_barometer_score",
    "prem_expected_points",
    "prem_truth",
    "prom_truth",
    "series_truth",
    "simulate_barometer",
    "simulate_prem",
    "simulate_proms",
    "simulate_series",
    "underlying",
]
