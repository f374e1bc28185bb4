"""The partnership barometer — and any Likert questionnaire in dimensions, served to the
same engine (:mod:`impact.barometer.questionnaires`): scores, changes between waves,
perception gaps, reliability, programme-level mixed model.
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
from impact.barometer.questionnaires import questionnaire_codes, questionnaire_programme
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
    "questionnaire_codes",
    "questionnaire_programme",
    "reliability",
    "require",
    "score_summary",
    "scores",
    "sort_table",
    "team_change",
]
