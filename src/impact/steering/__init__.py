"""Steering the programme: partnership activity, support dose, and the 3-year roadmap's
measured values and attainment statuses.
"""

# ruff: noqa: F401  (re-exports)
from impact.steering.activity import (
    activity_by_month,
    activity_summary,
    partner_retention,
    partner_spells,
)
from impact.steering.roadmap import roadmap_measures, roadmap_status, roadmap_tables
from impact.steering.support import support_dose

__all__ = [
    "activity_by_month",
    "activity_summary",
    "partner_retention",
    "partner_spells",
    "roadmap_measures",
    "roadmap_status",
    "roadmap_tables",
    "support_dose",
]
