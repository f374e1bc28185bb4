"""Reason codes: why an estimate is missing or fragile, as stable identifiers.

Every effect table's ``reason`` column holds codes of :data:`REASONS` (several joined by
";", in the order the estimator found them), never prose and never numbers: the numbers
a sentence needs are columns of the row (``n``, ``n_before``, ``coverage``…) or
thresholds of the configuration. The report layer turns each code into French or English
(``reason.<code>`` in :mod:`impact.report.labels`).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

__all__ = ["REASONS", "join_reason_arrays", "join_reasons", "reason_codes"]

#: Every reason code, with what it means (one line, English).
REASONS: dict[str, str] = {
    # inputs
    "missing_value": "a count, exposure or summary value is missing",
    "pairs_dropped": "pairs with a missing value were left out",
    "rows_dropped": "rows with a missing or non-positive estimate or SE (or moderator) left out",
    "values_dropped": "time points with a missing outcome or no positive exposure were left out",
    # too few data
    "too_few_values": "fewer than 2 values in a period",
    "too_few_pairs": "fewer than 2 complete pairs",
    "too_few_one_wave": "fewer than 2 respondents in a wave among those who answered only one",
    "too_few_side": "fewer than 2 respondents on a side (professionals or patient side)",
    "too_few_self_ratings": "fewer than 2 self-ratings",
    "no_observations": "no observation in a period",
    "no_exposure": "no exposure in a period",
    # training evaluation (impact.training)
    "pre_at_maximum": "the mean score before is the maximum: the normalised gain is undefined",
    "no_discordant_pairs": "no participant changed answer (b + c = 0): McNemar p-value set to 1",
    # no variation
    "no_variation": "no variation (standard error 0): no interval or test",
    "not_standardisable": "no variation within the periods: the difference cannot be standardised",
    "changes_equal": "all paired changes are equal (sd = 0): no interval or test",
    "changes_zero": "all paired changes are zero: no signed-rank test",
    "widest_interval": "few pairs: the widest possible interval covers only `coverage`",
    "welch_instead": "Brunner-Munzel variance 0 (samples do not overlap): Welch t on the means",
    # proportions, ratios and rates
    "wald_se_zero": "Wald standard error 0 (proportions of 0 or 1): use method='newcombe'",
    "same_proportion": "proportion of 0 or 1 in both periods: no test, p-value set to 1",
    "no_events_either": "no events in either period: ratio undefined, no interval",
    "no_events_before": "no events before: the ratio is infinite, no interval",
    "no_events_after": "no events after: the ratio is 0, no interval",
    "all_events": "every observation is an event in both periods: no interval",
    "zero_cell_corrected": "zero events: a correction was added to each cell (see method)",
    # reliability
    "alpha_few_items": "fewer than 2 items: alpha needs at least 2",
    "alpha_few_respondents": "fewer than 2 respondents with every item answered",
    "alpha_no_variance": "no variance in the total score: alpha undefined",
    # time series
    "no_intervention_time": "no intervention time for the series",
    "too_few_points": "too few time points on a side of the intervention",
    "too_few_points_for_terms": "too few time points, or collinear terms, for the model",
    "negative_counts": "negative counts in a count series",
    "no_events_series": "no events in the series (all counts are 0)",
    "no_events_side": "no events on one side of the intervention: level change not estimable",
    "constant_series": "constant series: nothing to model",
    "bad_intervention_column": "the 0/1 intervention column is not 0 before and 1 after",
    "near_unit_root": "AR(1) errors too persistent (near a unit root): level not identified",
    "fit_failed": "the model could not be fitted",
    "not_converged": "the model (or REML) did not converge",
    "perfect_fit": "perfect fit (residuals all zero): no uncertainty to estimate",
    # issue 17 — placebo-in-time
    "too_few_pre_points": "too few time points before the start for a placebo start date",
    "no_placebo_estimate": "no placebo fit gave an estimate",
    "placebos_dropped": "some placebo fits gave no estimate and were left out",
    "no_real_estimate": "no real estimate to compare with the placebos",
    # difference in differences
    "empty_cell": "a treated × period cell has no observation",
    "constant_outcome": "the outcome is constant: no standard error",
    "too_few_clusters": "fewer than 2 clusters: no standard error",
    "no_treatment_variation": "no treated or no untreated observation",
    "treatment_collinear": "treatment collinear with the unit and period effects",
    "too_few_periods": "fewer than 2 periods",
    "no_treated_cohort": "no treated cohort with a period to compare",
    "no_pre_period": "no pre-treatment period for this cohort",
    "no_never_treated": "no never-treated unit: use control='not_yet_treated'",
    "no_cohort_unit": "no unit of the cohort observed in both periods",
    "no_comparison_unit": "no comparison unit observed in both periods",
    "reference_period": "reference period (universal base): 0 by construction",
    "no_post_cell": "no post-treatment cell",
    "few_controls": "fewer comparison units with data in both periods than needed",
    "controls_flat": "no variation among comparison units",
    # issue 17 — randomisation inference
    "too_few_units": "fewer than 2 units: start dates cannot be permuted",
    "permutations_dropped": "some permutations gave no estimate: left out of the p-value",
    "few_placebo_units": "fewer than 4 comparison units (or no team start): no placebo-in-space",
    # meta-analysis
    "no_study": "no study to pool",
    "single_study": "a single study: heterogeneity not estimable",
    "study_excluded": "study not in the analysis (missing or non-positive estimate or SE)",
    "too_few_subgroups": "fewer than 2 subgroups",
    "too_few_studies": "too few studies for the coefficients",
    "collinear_moderators": "the moderators are collinear",
    # issue 17 — parallel-trends sensitivity (impact.stats.sensitivity)
    "no_pre_estimates": "no pre-treatment event-time estimate: no pre-trend test or sensitivity",
    "one_pre_estimate": "a single pre-treatment event-time estimate: the checks rest on it",
    "no_post_estimates": "no post-treatment event-time estimate: no effect to bound",
    "not_universal_base": "pre-treatment estimates are not levels relative to event time -1",
    "singular_vcov": "the estimates' covariance matrix is singular or missing: no test",
    "ci_includes_zero": "the interval includes 0 even under parallel trends: no breakdown value",
    # patient experience and PROMs
    "small_sample": "fewer questionnaires in a period than the publication threshold",
    "no_prem_data": "no patient-experience questionnaire for the team",
    "no_questionnaire": "no questionnaire in a period",
    "no_informative_answer": "no informative answer (empty, 'ne sait pas' or 'non concerné')",
    "too_few_for_covariates": "too few scores for the case-mix covariates",
    "period_not_estimable": "period effect confounded with the covariates",
    "no_score_in_period": "no score in a period",
    "not_published": "e-Satis score not published (under threshold or no participation)",
    "no_prom_data": "no PROM data for the team",
    "no_measurement": "no PROM measurement in a period",
    "no_prom_pairs": "no patient measured in both periods",
    "small_sample_pairs": "fewer patients measured in both periods than the threshold",
    # minimum detectable effects (impact.synthesis.planning)
    "mde_no_se": "no standard error for the comparison: no minimum detectable effect",
    "mde_not_reachable": "no change within the outcome's range reaches the power asked",
    # barometer
    "no_wave_before": "the team has no first wave: nothing to compare",
    "no_wave_after": "the team has no later wave: nothing to compare",
    "no_group_estimate": "no estimate for one of the respondent groups",
    "no_self_assessment": "no self-assessment at the first wave",
    "no_gap": "no gap with an interval at both waves",
    "no_joint_assessment": "no joint assessment at this wave",
    "too_few_teams_or_waves": "the pooled model needs both waves, both role groups, 2 teams",
    "model_failed": "a mixed model failed; a simpler one was tried",
    "simpler_model": "the simpler mixed model was fitted (see random_slope, respondent_component)",
    "fit_warning": "the fit gave a warning",
    "fit_on_boundary": "a variance component or correlation of the fit is on the boundary",
    # issue 17 — funnel plots
    "funnel_too_few_teams": "too few teams with a value for a funnel plot: no target or limits",
    "funnel_no_spread": "no room for chance around the target (proportion 0 or 1, SD 0)",
    "funnel_few_teams_overdispersion": "too few teams to estimate overdispersion: plain limits",
    # issue 15 — levels 3–4: the team's barometer before and after its training
    "not_trained": "the team attended no training session",
    "no_barometer_data": "no barometer answer for the team",
    "no_wave_before_training": "no barometer wave whose answers all precede the first training",
    "no_wave_after_training": "no barometer wave whose answers all follow the first training",
    "undated_answers": "barometer answers without a date: their wave cannot be placed",
}


def reason_codes(reason: object) -> list[str]:
    """The codes of a ``reason`` value ("" or NaN: none).

    Examples
    --------
    >>> reason_codes("small_sample;too_few_values")
    ['small_sample', 'too_few_values']
    """
    if not isinstance(reason, str):
        return []
    return [code.strip() for code in reason.split(";") if code.strip()]


def join_reasons(*parts: object) -> str:
    """Join reason values (codes or ";"-joined codes) in order, each code once.

    Raises ``ValueError`` for a code that is not in :data:`REASONS`.

    Examples
    --------
    >>> join_reasons("too_few_pairs", "", "pairs_dropped;too_few_pairs")
    'too_few_pairs;pairs_dropped'
    """
    codes = list(dict.fromkeys(c for part in parts for c in reason_codes(part)))
    unknown = [c for c in codes if c not in REASONS]
    if unknown:
        raise ValueError(f"Unknown reason code(s) {unknown}.")
    return ";".join(codes)


def join_reason_arrays(*parts: Iterable[object]) -> np.ndarray:
    """Element-wise :func:`join_reasons` of equal-length sequences (object array)."""
    return np.array([join_reasons(*row) for row in zip(*parts, strict=True)], dtype=object)
