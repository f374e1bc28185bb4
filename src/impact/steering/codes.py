"""Codes of the steering tables: attainment statuses, the rules that set them, the reason
codes the steering family adds, and the column names of roles, HAS modes and support kinds.

Every code is a stable identifier; the report layer writes the words (French first).
"""

from __future__ import annotations

import numpy as np

from impact.stats.reasons import REASONS as STATS_REASONS
from impact.stats.reasons import reason_codes

__all__ = [
    "ACHIEVED",
    "LATE",
    "MODE_COLUMNS",
    "NOT_MEASURED",
    "NO_INDICATOR",
    "NO_TARGET",
    "ON_TRACK",
    "PROGRAMME",
    "REASONS",
    "ROLE_COLUMNS",
    "RULES",
    "STATUSES",
    "SUPPORT_COLUMNS",
    "codes_where",
    "join_code_arrays",
    "join_codes",
]

#: Attainment statuses of a roadmap line, in the order of the rule.
NO_INDICATOR, NOT_MEASURED, ACHIEVED, LATE, ON_TRACK = (
    "no_indicator", "not_measured", "achieved", "late", "on_track",
)  # fmt: skip
#: A line with an indicator but no target in any year (nothing to attain).
NO_TARGET = "no_target"
STATUSES = (NO_INDICATOR, NOT_MEASURED, NO_TARGET, ACHIEVED, ON_TRACK, LATE)

#: Which step of the rule set the status (``rule`` column; "" for the first statuses).
RULES: dict[str, str] = {
    "interval": "the latest interval lies wholly on the favourable side of the target",
    "deadline_passed": "the reference date is on or after the deadline",
    "projection": "the fitted monthly trend's value at the deadline",
    "latest_vs_target": "the latest estimate against the target (no projection possible)",
}

#: The ``level`` of a row pooled over the whole programme (``team_id`` empty).
PROGRAMME = "programme"

#: Schema role → column suffix (``partners_<suffix>``).
ROLE_COLUMNS = {
    "patient": "patient",
    "proche-aidant": "proche_aidant",
    "représentant des usagers": "representant_usagers",
    "association": "association",
}
#: Schema HAS mode of intervention → column suffix (``mode_<suffix>``).
MODE_COLUMNS = {
    "déploiement du partenariat": "deploiement_partenariat",
    "expérience patient": "experience_patient",
    "parcours": "parcours",
    "CREX": "crex",
    "analyse des risques": "analyse_risques",
    "analyse des pratiques": "analyse_pratiques",
    "certification": "certification",
    "accessibilité": "accessibilite",
}
#: Schema support kind → column suffix (``sessions_<suffix>``, ``hours_<suffix>``).
SUPPORT_COLUMNS = {
    "formation-action": "formation_action",
    "accompagnement": "accompagnement",
    "communauté de pratique": "communaute_pratique",
}

#: Reason codes the steering tables add to :data:`impact.stats.reasons.REASONS`.
REASONS: dict[str, str] = {
    "no_activity": "no partnership activity recorded for the team",
    "no_active_partner": "a month inside the team's recorded period with no active partner",
    "meetings_disagree": "partners gave different numbers of meetings held: the largest is used",
    "hours_missing": "hours missing for some partner-months: sums and means use those given",
    "support_hours_missing": "hours missing on a support row: the team's hours are not computed",
    "no_support": "no support from the programme recorded for the team",
    "follow_up_too_short": "no partner followed that long: retention not estimable",
    "period_not_started": "the period begins after the reference date",
    "baseline_stated": "baseline stated in the roadmap, not measured",
    "no_target": "the line has no target",
    "no_monthly_series": "no monthly series for this indicator: no projection",
    "too_few_months": "fewer monthly values since the roadmap start than a projection needs",
    "no_response": "no questionnaire answer for the line's teams",
}


def join_codes(*parts: object) -> str:
    """Join reason values (codes or ";"-joined codes) in order, each code once.

    Accepts the codes of :data:`impact.stats.reasons.REASONS` and of :data:`REASONS`.

    Raises
    ------
    ValueError
        For a code in neither catalogue.

    Examples
    --------
    >>> join_codes("no_activity", "", "hours_missing;no_activity")
    'no_activity;hours_missing'
    """
    codes = list(dict.fromkeys(c for part in parts for c in reason_codes(part)))
    unknown = [c for c in codes if c not in STATS_REASONS and c not in REASONS]
    if unknown:
        raise ValueError(f"Unknown reason code(s) {unknown}.")
    return ";".join(codes)


def join_code_arrays(*parts) -> np.ndarray:
    """Element-wise :func:`join_codes` of equal-length sequences (object array)."""
    return np.array([join_codes(*row) for row in zip(*parts, strict=True)], dtype=object)


def codes_where(size: int, *rules: tuple[np.ndarray, str]) -> np.ndarray:
    """Per-row reason: the codes of every rule whose mask is true, ";"-joined in order.

    Vectorised over rows (one pass per rule); give each code once. Raises ValueError for
    an unknown or repeated code.

    Examples
    --------
    >>> codes_where(3, (np.array([True, False, True]), "no_activity"),
    ...             (np.array([True, True, False]), "hours_missing")).tolist()
    ['no_activity;hours_missing', 'hours_missing', 'no_activity']
    """
    named = [code for _, code in rules]
    if len(set(named)) != len(named):
        raise ValueError(f"Each reason code once, please. Got {named}.")
    out = np.full(size, "", dtype=object)
    for mask, code in rules:
        join_codes(code)
        mask = np.asarray(mask, dtype=bool)
        out = np.where(mask, np.where(out == "", code, out + ";" + code), out)
    return out
