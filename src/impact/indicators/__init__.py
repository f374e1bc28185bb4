"""Care indicators: before/after effects, interrupted time series and
difference-in-differences against comparison units, for every team of a programme.
"""

# ruff: noqa: F401  (re-exports)
from impact.indicators.did import did_by_indicator, monthly_values, team_did
from impact.indicators.periods import compare_periods, started_teams, verdicts
from impact.indicators.trends import its_by_team

__all__ = [
    "compare_periods",
    "did_by_indicator",
    "its_by_team",
    "monthly_values",
    "started_teams",
    "team_did",
    "verdicts",
]
