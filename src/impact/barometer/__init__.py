"""The partnership barometer (any 0–4 Likert questionnaire in dimensions): scores,
changes between waves, perception gaps, reliability, programme-level mixed model.
"""

# ruff: noqa: F401  (re-exports)
from impact.barometer.common import (
    GLOBAL,
    JOINT,
    JOINT_ASSESSMENT,
    PATIENT_SIDE,
    PROFESSIONALS,
    ROLE_GROUPS,
    SELF,
    check_waves,
    first_rows,
    item_values,
    require,
    sort_table,
)
from impact.barometer.gaps import joint_vs_self, perception_gap
from impact.barometer.programme import programme_change
from impact.barometer.reliability import WARNING_CODES, item_statistics, reliability
from impact.barometer.scores import changes, score_summary, scores, team_change

__all__ = [
    "GLOBAL",
    "JOINT",
    "JOINT_ASSESSMENT",
    "PATIENT_SIDE",
    "PROFESSIONALS",
    "ROLE_GROUPS",
    "SELF",
    "WARNING_CODES",
    "changes",
    "check_waves",
    "first_rows",
    "item_statistics",
    "item_values",
    "joint_vs_self",
    "perception_gap",
    "programme_change",
    "reliability",
    "require",
    "score_summary",
    "scores",
    "sort_table",
    "team_change",
]
