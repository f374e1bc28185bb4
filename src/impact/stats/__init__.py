"""Generic estimators: a DataFrame or arrays in, an effect table out.

They know no domain, no page and no language: every row carries a ``method`` and, when
an estimate is missing or fragile, a ``reason`` (see :mod:`impact.stats.effect_table`).
"""

# ruff: noqa: F401  (re-exports)
from impact.stats.did import StaggeredDiDResult, did_2x2, staggered_did, twfe
from impact.stats.effect_table import EFFECT_COLUMNS, effect_frame
from impact.stats.effects import (
    difference_in_proportions,
    mean_difference,
    mean_difference_from_summary,
    paired_difference,
    rate_difference,
    rate_ratio,
    risk_ratio,
    standardised_mean_difference,
    standardised_mean_difference_from_summary,
)
from impact.stats.funnel import Overdispersion, binomial_limits, normal_limits, overdispersion
from impact.stats.grouped import (
    grouped_brunner_munzel,
    grouped_d_z,
    grouped_midranks,
    grouped_overlap_t,
    grouped_paired_t,
    grouped_signed_rank,
)
from impact.stats.its import ItsResult, segmented_regression, segmented_regression_many
from impact.stats.its_fit import newey_west_lags
from impact.stats.meta import MetaRegression, leave_one_out, pool, regression
from impact.stats.meta_subgroups import SubgroupAnalysis, subgroups
from impact.stats.power import mde_mean, mde_paired_mean, mde_pooled, mde_proportion
from impact.stats.reliability import cronbach_alpha, floor_ceiling, item_rest_correlations
from impact.stats.sensitivity import pretrend_test, relative_magnitude, robust_intervals

__all__ = [
    "EFFECT_COLUMNS",
    "ItsResult",
    "MetaRegression",
    "Overdispersion",
    "StaggeredDiDResult",
    "SubgroupAnalysis",
    "binomial_limits",
    "cronbach_alpha",
    "did_2x2",
    "difference_in_proportions",
    "effect_frame",
    "floor_ceiling",
    "grouped_brunner_munzel",
    "grouped_d_z",
    "grouped_midranks",
    "grouped_overlap_t",
    "grouped_paired_t",
    "grouped_signed_rank",
    "item_rest_correlations",
    "leave_one_out",
    "mde_mean",
    "mde_paired_mean",
    "mde_pooled",
    "mde_proportion",
    "mean_difference",
    "mean_difference_from_summary",
    "newey_west_lags",
    "normal_limits",
    "overdispersion",
    "paired_difference",
    "pool",
    "pretrend_test",
    "rate_difference",
    "rate_ratio",
    "regression",
    "relative_magnitude",
    "risk_ratio",
    "robust_intervals",
    "segmented_regression",
    "segmented_regression_many",
    "staggered_did",
    "standardised_mean_difference",
    "standardised_mean_difference_from_summary",
    "subgroups",
    "twfe",
]
