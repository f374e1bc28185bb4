"""The seeded synthetic demo programme, with its known true effects."""

# ruff: noqa: F401  (re-exports)
from impact.demo.activity import (
    ActivityParams,
    active_partners,
    activity_truth,
    draw_activity_params,
    simulate_activity,
    simulate_support,
    support_dose,
)
from impact.demo.attainment import Track, expected_status
from impact.demo.dose import dose_slopes
from impact.demo.programme import LEVELS, TRUTH_COLUMNS, demo_programme
from impact.demo.proms import PromParams, draw_prom_params, prom_truth, simulate_proms
from impact.demo.questionnaires import (
    QUESTIONNAIRES,
    draw_questionnaire_params,
    questionnaire_truth,
    simulate_questionnaires,
)
from impact.demo.roadmap import RoadmapInputs, simulate_roadmap
from impact.demo.series import (
    MONTHS,
    IndicatorSpec,
    SeriesParams,
    draw_series_params,
    expected_size,
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
    "ActivityParams",
    "BarometerParams",
    "IndicatorSpec",
    "LEVELS",
    "MONTHS",
    "PremParams",
    "PromParams",
    "QUESTIONNAIRES",
    "RoadmapInputs",
    "SeriesParams",
    "TRUTH_COLUMNS",
    "Track",
    "active_partners",
    "activity_truth",
    "barometer_latent_mean",
    "barometer_truth",
    "demo_programme",
    "dose_slopes",
    "draw_activity_params",
    "draw_barometer_params",
    "draw_barometer_scores",
    "draw_prem_params",
    "draw_prom_params",
    "draw_questionnaire_params",
    "draw_series_params",
    "expected_barometer_score",
    "expected_size",
    "expected_status",
    "prem_expected_points",
    "prem_truth",
    "prom_truth",
    "questionnaire_truth",
    "series_truth",
    "simulate_activity",
    "simulate_barometer",
    "simulate_prem",
    "simulate_proms",
    "simulate_questionnaires",
    "simulate_roadmap",
    "simulate_series",
    "simulate_support",
    "support_dose",
    "underlying",
]
